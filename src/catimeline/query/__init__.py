"""Queries: filters -> parameterised SQLAlchemy Core statements -> Results.

The package follows the flow of a query:

- :mod:`~catimeline.query.filters`: :class:`EventFilters`, the filter set;
- :mod:`~catimeline.query.resolver`: names, places, countries, kinds, projects -> ids;
- :mod:`~catimeline.query.window`: since/until/during -> a [start, end] window;
- :mod:`~catimeline.query.events`: event and accident queries, resolved and run;
- :mod:`~catimeline.query.statement`: the SQL of an event query, compiled once per shape;
- :mod:`~catimeline.query.entities`: project, actor and place queries;
- :mod:`~catimeline.query.describe`: the query's readable description (``results.query``);
- :mod:`~catimeline.query.checks`: checks of filter values and close-word suggestions.
"""

from __future__ import annotations

from catimeline.query.checks import MATCH_MODES, plain_text, suggest
from catimeline.query.describe import Query
from catimeline.query.entities import EntityQuery
from catimeline.query.events import ORDERS, EventQuery
from catimeline.query.filters import EventFilters, Ref, Refs
from catimeline.query.resolver import Kinds, Named, Resolved, Resolver, kinds_of, one

__all__ = [
    "MATCH_MODES",
    "ORDERS",
    "EntityQuery",
    "EventFilters",
    "EventQuery",
    "Kinds",
    "Named",
    "Query",
    "Ref",
    "Refs",
    "Resolved",
    "Resolver",
    "kinds_of",
    "one",
    "plain_text",
    "suggest",
]
