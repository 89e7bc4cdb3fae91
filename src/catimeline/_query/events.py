"""Event and accident queries: an :class:`EventFilters` -> one SQL statement -> Results.

Every filter is resolved first (names to ids, kind groups to kinds, places to
the places inside them, dates to a window) by :class:`_Plan`; the statement
comes from the query's shape (:mod:`catimeline._query.statement`), compiled once
per shape, and the resolved values are its parameters.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from functools import partial
from typing import Any

from sqlalchemy import Connection, select

from catimeline import vocabulary as v
from catimeline._errors import QueryError, UnknownActor, UnknownEvent
from catimeline._model import Event
from catimeline._query import describe, statement
from catimeline._query.checks import check_count, check_match, check_text, suggest
from catimeline._query.filters import EventFilters, Ref
from catimeline._query.resolver import Resolver, is_country_code, kinds_of, text_ref
from catimeline._query.statement import ORDERS, Shape, event_statement, sort_keys
from catimeline._query.window import window
from catimeline._results import Match, Results
from catimeline._store import compiled
from catimeline._store import schema as s
from catimeline._store.repository import EventRows, Repository
from catimeline._store.search import text_params


class _Plan:
    """An EventFilters resolved: the shape's fields, the parameters, and the readings."""

    def __init__(self, connection: Connection, filters: EventFilters) -> None:
        self.filters = filters
        self.resolve = Resolver(connection)
        self.dialect = connection.dialect.name
        self.shape: dict[str, Any] = dict.fromkeys(Shape._fields)
        self.shape.update(actors_all=(), accidents=filters.accidents, money_kinds=False)
        self.params: dict[str, Any] = {}
        self.parts: list[str] = []
        self.notes: list[str] = []
        self.actor_ids: dict[str, str] = {}
        self.place_ids: list[str] = []
        self.window: tuple[dt.date | None, dt.date | None] = (None, None)
        self.after_id: str | None = None
        #: A lone country code checked only if the query finds nothing (see _countries).
        self.unchecked_code: str | None = None

    def bind(self, prefix: str, items: Sequence[Any]) -> int:
        """Bind a list of values under ``prefix``; its size for the shape (-1: an array)."""
        if self.dialect == "postgresql" and len(items) > statement.ARRAY_FROM:
            self.params[prefix] = list(items)
            return -1
        self.params.update(compiled.values(prefix, items))
        return len(items)

    def any_of(self, field: str, prefix: str, ids: Sequence[str]) -> None:
        """Bind the shape's any-of list ``field`` (under ``prefix``) and say what it asks."""
        self.shape[field] = self.bind(prefix, ids)
        self.parts.append(describe.any_of(prefix, ids))

    def resolve_all(self) -> None:
        """Resolve every filter into the shape, parameters and readings."""
        f = self.filters
        countries = self._actors(f)
        self._actors_all(f)
        self._kinds(f)
        self._countries(f, countries)
        self._places_and_projects(f)
        self._text(f)
        self._accident_filters(f)
        self._window(f)
        self._order(f)

    def _actor_ids(self, ref: Ref, widen: bool) -> dict[str, str]:
        r = self.resolve.actor(ref)
        ids = {i: f"actor {r.ref!r} as {r.via.get(i, i)}" for i in r.ids}
        if widen:
            extra = self.resolve.affiliated(ids)
            self.notes.append(describe.affiliated(extra))
            ids.update({i: f"affiliated with {r.ref!r} ({why})" for i, why in extra.items()})
        return ids

    def _actors(self, f: EventFilters) -> list[str] | None:
        """The any-of actors; returns the country codes of ``actor=`` values that name
        no actor but a country (None when there are none)."""
        ids: dict[str, str] = {}
        countries: list[str] = []
        for ref in f.actor:
            try:
                ids.update(self._actor_ids(ref, f.include_affiliated))
            except UnknownActor:
                codes = self._country_of(ref)
                if not codes:
                    raise
                countries.extend(codes)
                self.notes.append(describe.country_from_actor(text_ref(ref, "actor"), codes))
        if ids:
            self.actor_ids.update(ids)
            self.any_of("actors", "actor", list(ids))
        return countries or None

    def _country_of(self, ref: Ref) -> list[str]:
        if not isinstance(ref, str):
            return []
        text = ref.strip()
        if is_country_code(text) and self.resolve.knows_country(text.upper()):
            return [text.upper()]
        return list(self.resolve.countries_named(text))

    def _actors_all(self, f: EventFilters) -> None:
        groups = [self._actor_ids(ref, f.include_affiliated) for ref in f.actors_all]
        sizes = []
        for i, ids in enumerate(groups):
            self.actor_ids.update(ids)
            sizes.append(self.bind(f"all{i}", list(ids)))
        if groups:
            self.shape["actors_all"] = tuple(sizes)
            self.parts.append(describe.all_of([list(g) for g in groups]))

    def _kinds(self, f: EventFilters) -> None:
        kinds = kinds_of(f.kind) if f.kind else None
        if kinds is None:
            return
        self.shape["kinds"] = self.bind("kind", kinds.kinds)
        self.shape["money_kinds"] = kinds.money
        part = describe.any_of("kind", kinds.kinds)
        if kinds.money:
            part = f"({part} or carrying a money figure, outside incidents and hazards)"
        if kinds.figures:
            self.shape["figure_kinds"] = self.bind("figkind", kinds.figures)
            named = " or ".join(kinds.figures)
            part = f"({part} or giving a {named} figure)"
        self.parts.append(part)

    def _countries(self, f: EventFilters, from_actor: list[str] | None) -> None:
        # One code alone is checked after the query, and only when nothing matched: the
        # events' own country is what the filter compares, so a match proves the code known,
        # and the common case saves three look-ups.
        lone = len(f.country) == 1 and from_actor is None
        codes = [c for ref in f.country for c in self.resolve.country(ref, check_code=not lone).ids]
        if lone and is_country_code(f.country[0]):
            self.unchecked_code = codes[0]
        if from_actor is not None:
            # Both given: an event has one country, so both must name it.
            codes = [c for c in codes if c in from_actor] if f.country else from_actor
        if f.country or from_actor is not None:
            self.shape["countries"] = self.bind("country", list(dict.fromkeys(codes)))
            self.parts.append(describe.any_of("country", codes))

    def _places_and_projects(self, f: EventFilters) -> None:
        if f.place:
            self.place_ids = [i for ref in f.place for i in self.resolve.place(ref).ids]
            self.any_of("places", "place", self.place_ids)
        if f.project:
            ids = [i for ref in f.project for i in self.resolve.project(ref).ids]
            self.any_of("projects", "project", ids)

    def _text(self, f: EventFilters) -> None:
        if f.text is None:
            return
        check_text(f.text)
        words = text_params(self.dialect, f.text)
        self.shape["text"] = words is not None
        self.params.update(words or {})
        self.parts.append(describe.text_search(f.text))

    def _accident_filters(self, f: EventFilters) -> None:
        if f.min_deaths is not None:
            check_count(f.min_deaths, "min_deaths")
            self.shape["min_deaths"] = True
            self.params["min_deaths"] = f.min_deaths
            self.parts.append(f"deaths >= {f.min_deaths}")
        if f.cause:
            for c in f.cause:
                if c not in v.CAUSES:
                    raise QueryError(
                        f"unknown cause {c!r}: causes are listed in catimeline.vocabulary.CAUSES",
                        suggestions=suggest(c, v.CAUSES),
                    )
            self.any_of("causes", "cause", f.cause)
        if f.operator:
            ops = [i for ref in f.operator for i in self.resolve.actor(ref).ids]
            self.any_of("operators", "operator", ops)

    def _window(self, f: EventFilters) -> None:
        start, end = self.window = window(f.since, f.until, f.during)
        check_match(f.match)
        self.params.update(start=start, end=end)
        self.shape.update(start=start is not None, end=end is not None, match=f.match)

    def _order(self, f: EventFilters) -> None:
        if f.order not in ORDERS:
            raise QueryError(f"order must be one of {', '.join(ORDERS)}, not {f.order!r}")
        check_count(f.limit, "limit")
        self.shape.update(order=f.order, limit=f.limit is not None, after=f.after is not None)
        self.params["limit"] = f.limit


class EventQuery:
    """Builds and runs event and accident queries."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self.repo = Repository(connection)

    def run(
        self, filters: EventFilters, *, question: str | None = None, timeline: Any = None
    ) -> Results[Any]:
        """Run an event query; see :meth:`catimeline.Timeline.events` for the filters.

        Every filter is checked and resolved to values first; the SQL text comes
        from the query's shape (:class:`Shape`, compiled once) and the values
        are its parameters.
        """
        if not isinstance(filters, EventFilters):
            raise QueryError(f"expected an EventFilters, not {filters!r}")
        plan = _Plan(self.connection, filters)
        plan.resolve_all()
        if filters.after is not None:
            plan.after_id = self._after_key(filters.after, filters.order, plan.params)
        shape = Shape(**plan.shape)
        dialect = self.connection.dialect.name
        sql = compiled.compiled(
            self.connection, ("events", shape), lambda: event_statement(shape, dialect)
        )
        # The event rows come with the query; only the child rows are read after it.
        # Objects are built from these rows when the Results is first read.
        rows = self.repo.event_rows(compiled.run(self.connection, sql, plan.params))
        if plan.unchecked_code is not None and not rows:
            plan.resolve.country(plan.unchecked_code)  # raises for a code nobody carries
        q = describe.Query(
            describe.target_of(filters),
            tuple(plan.parts),
            plan.window,
            filters.match,
            filters.order,
            filters.limit,
            plan.after_id,
            question,
            tuple(plan.notes),
        )
        start, end = plan.window
        mode = f"date {filters.match} {start or '..'}/{end or '..'}" if (start or end) else None
        by_kind = plan.shape["kinds"] is not None
        why = partial(_reasons, rows, plan.actor_ids, set(plan.place_ids), by_kind, mode)
        return Results(rows, q, why, timeline)

    def _after_key(self, after: Ref, order: str, params: dict[str, Any]) -> str:
        """Bind the sort key of the ``after`` event (in ``order``); its id."""
        after_id = after.id if isinstance(after, Event) else text_ref(after, "after")
        keys, _ = sort_keys(s.events, order)
        row = self.connection.execute(select(*keys).where(s.events.c.id == after_id)).first()
        if row is None:
            raise UnknownEvent(after_id)
        params.update(compiled.values("after", tuple(row)))
        return after_id


def _reasons(
    rows: EventRows,
    actor_ids: Mapping[str, str],
    place_ids: set[str],
    by_kind: bool,
    mode: str | None,
) -> dict[str, Match]:
    """Why each event of ``rows`` matched: the actor names, places, kind and date mode."""
    reasons: dict[str, Match] = {}
    for event_id, kind, date, actors, places in rows.facts():
        why: list[str] = []
        if actor_ids:
            why.extend(text for aid, text in actor_ids.items() if aid in actors)
        if place_ids:
            why.extend(f"place {p}" for p in dict.fromkeys(places) if p in place_ids)
        if by_kind:
            why.append(f"kind {kind}")
        if mode:
            why.append(f"{mode} ({date})")
        reasons[event_id] = Match(tuple(why))
    return reasons


__all__ = ["ORDERS", "EventQuery"]
