"""Queries: filters -> parameterised SQLAlchemy Core statements -> Results.

The package follows the flow of a query:

- :mod:`~catimeline._query.filters`: :class:`EventFilters` and the project, actor and
  place filters, the filter sets;
- :mod:`~catimeline._query.resolver`: names, places, countries, kinds, projects -> ids;
- :mod:`~catimeline._query.window`: since/until/during -> a [start, end] window;
- :mod:`~catimeline._query.events`: event and accident queries, resolved and run;
- :mod:`~catimeline._query.statement`: the SQL of an event query, compiled once per shape;
- :mod:`~catimeline._query.entities`: project, actor and place queries;
- :mod:`~catimeline._query.describe`: the query's readable description (``results.query``);
- :mod:`~catimeline._query.checks`: checks of filter values and close-word suggestions.
"""

from __future__ import annotations

from catimeline._query.checks import MATCH_MODES, plain_text, suggest
from catimeline._query.describe import Query
from catimeline._query.entities import EntityQuery
from catimeline._query.events import ORDERS, EventQuery
from catimeline._query.filters import EventFilters, Ref, Refs
from catimeline._query.resolver import Kinds, Named, Resolved, Resolver, kinds_of, one

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
