"""Event and accident queries: an :class:`EventFilters` -> one SQL statement -> Results.

Every filter is resolved first (names to ids, kind groups to kinds, places to
the places inside them, dates to a window), then compiled into one SELECT that
runs on SQLite and Postgres alike and uses the indexes of
:mod:`catimeline.store.schema`.  The statement's text depends only on the
query's *shape* (which filters, how many values each, the date mode and the
order) and is compiled once per shape; the values are its parameters.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from functools import partial
from typing import Any, NamedTuple

from sqlalchemy import (
    ARRAY,
    ColumnElement,
    Connection,
    Date,
    FromClause,
    Integer,
    Select,
    String,
    Subquery,
    and_,
    any_,
    bindparam,
    exists,
    false,
    func,
    literal_column,
    or_,
    select,
    true,
    union,
)

from catimeline import vocabulary as v
from catimeline.errors import QueryError, UnknownActor, UnknownEvent
from catimeline.model import CURRENCIES, Event
from catimeline.query import describe
from catimeline.query.checks import check_count, check_match, check_text, suggest
from catimeline.query.filters import EventFilters, Ref
from catimeline.query.resolver import Resolver, kinds_of, text_ref
from catimeline.query.window import window
from catimeline.results import Match, Results
from catimeline.store import compiled
from catimeline.store import schema as s
from catimeline.store.repository import EVENT_READ_COLUMNS, EventRows, Repository
from catimeline.store.search import events_with_text, text_params

ORDERS: tuple[str, ...] = ("date", "-date", "deaths", "injured", "money")
#: Lists longer than this bind as one array on Postgres (a statement takes at most
#: 65,535 parameters there); shorter ones bind one parameter per value.
ARRAY_FROM = 1000
#: The currency ``order="money"`` ranks by: amounts in other currencies are not
#: converted, so they do not rank (see docs/querying.md).
RANKED_CURRENCY = "USD"


class _Shape(NamedTuple):
    """What decides an event query's SQL text: which filters, how many values each
    (None: no such filter; -1: one array parameter), the date mode and the order."""

    accidents: bool
    actors: int | None
    actors_all: tuple[int, ...]
    kinds: int | None
    money_kinds: bool
    countries: int | None
    places: int | None
    projects: int | None
    text: bool | None  # None: no text filter; False: a text without words (no match)
    min_deaths: bool
    causes: int | None
    operators: int | None
    start: bool
    end: bool
    match: str
    order: str
    limit: bool
    after: bool


def _in(column: Any, prefix: str, n: int) -> ColumnElement[bool]:
    """``column`` is one of the ``n`` values bound under ``prefix`` (-1: one array)."""
    if n == -1:
        found: ColumnElement[bool] = column == any_(bindparam(prefix, type_=ARRAY(String)))
        return found
    return compiled.in_list(column, prefix, n)


def in_values(column: Any, values: Sequence[str], dialect: str) -> ColumnElement[bool]:
    """``column IN values`` for a statement built per call: one array parameter on Postgres
    for a long list (see :data:`ARRAY_FROM`), one parameter per value otherwise."""
    if dialect == "postgresql" and len(values) > ARRAY_FROM:
        found: ColumnElement[bool] = column == any_(
            bindparam(None, list(values), type_=ARRAY(String))
        )
        return found
    listed: ColumnElement[bool] = column.in_(list(values))
    return listed


# Built once: an alias builds a proxy of every column of the table.
_DIRECT = s.events.alias("direct")


def _linked(owner: Any, column: str, prefix: str, n: int) -> Subquery:
    """Ids of the events linked to ``n`` ids (``prefix_i``) through the link column ``owner``
    (``ct_event_participants.actor_id``, ``ct_event_places.place_id``) or through their
    accident ``column`` (``operator_id``, ``facility_id``).

    UNION (not UNION ALL) so an event found twice joins once.
    """
    found = union(
        select(owner.table.c.event_id.label("id")).where(_in(owner, prefix, n)),
        select(_DIRECT.c.id).where(_in(_DIRECT.c[column], prefix, n)),
    )
    return found.subquery()


def date_condition(cols: Any, start: Any, end: Any, match: str) -> list[ColumnElement[bool]]:
    """How an item's date columns must meet the window [start, end] (dates, or parameters;
    None for an open side) in the ``match`` mode."""
    check_match(match)
    out: list[ColumnElement[bool]] = []
    if match == "overlaps":
        if end is not None:
            out.append(cols.earliest <= end)
        if start is not None:
            out.append(cols.latest >= start)
    elif match == "within":
        if start is not None:
            out.append(cols.earliest >= start)
        if end is not None:
            out.append(cols.latest <= end)
    else:
        if end is not None:
            out.append(cols.possible_earliest <= end)
        if start is not None:
            out.append(cols.possible_latest >= start)
    return out


def _open_ends(cols: Any, start: Any, end: Any) -> list[ColumnElement[bool]]:
    """Under ``overlaps``, an open-ended date is dated by its known bound: an open start
    (``../2018-03``) must end inside the window, an open end (``2024-07/..``) start inside
    it, so such a date no longer overlaps every window its open side reaches.

    The open side is read from the EDTF text, so the date columns keep their index
    seeks and are not filtered again.
    """
    out: list[ColumnElement[bool]] = []
    if end is not None:
        open_start = cols.date.like(bindparam("open_start", "../%", type_=String))
        out.append(or_(~open_start, cols.latest <= end))
    if start is not None:
        open_end = cols.date.like(bindparam("open_end", "%/..", type_=String))
        out.append(or_(~open_end, cols.earliest >= start))
    return out


def _money_value(e: Any) -> Any:
    """The largest amount of :data:`RANKED_CURRENCY` an event carries, or -1."""
    f = s.event_figures.c
    largest = (
        select(func.max(f.value))
        .where(f.event_id == e.id, f.unit == literal_column(f"'{RANKED_CURRENCY}'"))
        .scalar_subquery()
    )
    return func.coalesce(largest, -1.0)


def _sort_keys(table: Any, order: str) -> tuple[list[Any], list[bool]]:
    """The columns an order sorts by and, for each, whether it runs descending."""
    e = table.c
    dates = [e.earliest, e.latest, e.date, e.id]
    if order == "date":
        return dates, [False] * 4
    if order == "-date":
        return dates, [True] * 4
    value = _money_value(e) if order == "money" else func.coalesce(e[order], -1)
    return [value, *dates], [True, False, False, False, False]


def _after(cols: Sequence[Any], key: Sequence[Any], descending: Sequence[bool]) -> Any:
    """Rows strictly after ``key`` in the order of ``cols``: keyset paging.

    Written as nested ORs rather than a row-value comparison so every backend
    can use the (earliest, latest) index for the leading column.
    """
    conditions = []
    for i, col in enumerate(cols):
        equal = [cols[j] == key[j] for j in range(i)]
        beyond = col < key[i] if descending[i] else col > key[i]
        conditions.append(and_(*equal, beyond))
    return or_(*conditions)


def _finance_by_money(e: Any) -> ColumnElement[bool]:
    """An event that carries a money figure and is not an incident or hazard."""
    f = s.event_figures.c
    units: list[Any] = [literal_column(f"'{c}'") for c in sorted(CURRENCIES)]
    excluded = [k for g in v.MONEY_EXCLUDED_GROUPS for k in v.KIND_GROUPS[g]]
    return and_(
        *(e.kind != literal_column(f"'{k}'") for k in excluded),
        exists().where(f.event_id == e.id, f.unit.in_(units)),
    )


def _event_statement(shape: _Shape, dialect: str) -> Select[Any]:
    """The event query of ``shape``, every value a named parameter (see :class:`_Shape`).

    Actor and place filters join the events to the ids they select (a UNION of the
    link table and the accident column), so the plan starts from the few matching
    links and reads events by key, whatever the size of the table.
    """
    e = s.events.c
    where: list[Any] = []
    source: FromClause = s.events
    if shape.accidents:
        where.append(e.is_accident == true())
    actor_lists = [("actor", shape.actors)] if shape.actors is not None else []
    actor_lists += [(f"all{i}", n) for i, n in enumerate(shape.actors_all)]
    for prefix, n in actor_lists:
        sub = _linked(s.event_participants.c.actor_id, "operator_id", prefix, n)
        source = source.join(sub, sub.c.id == e.id)
    if shape.places is not None:
        sub = _linked(s.event_places.c.place_id, "facility_id", "place", shape.places)
        source = source.join(sub, sub.c.id == e.id)
    if shape.kinds is not None:
        kinds = _in(e.kind, "kind", shape.kinds)
        where.append(or_(kinds, _finance_by_money(e)) if shape.money_kinds else kinds)
    lists = (
        (shape.countries, e.country, "country"),
        (shape.projects, e.project_id, "project"),
        (shape.causes, e.cause, "cause"),
        (shape.operators, e.operator_id, "operator"),
    )
    where.extend(_in(column, prefix, n) for n, column, prefix in lists if n is not None)
    if shape.text is not None:
        where.append(events_with_text(dialect) if shape.text else false())
    if shape.min_deaths:
        where.append(e.deaths >= bindparam("min_deaths", type_=Integer))
    start = bindparam("start", type_=Date) if shape.start else None
    end = bindparam("end", type_=Date) if shape.end else None
    where.extend(date_condition(e, start, end, shape.match))
    if shape.match == "overlaps":
        where.extend(_open_ends(e, start, end))
    keys, descending = _sort_keys(s.events, shape.order)
    if shape.after:
        after: list[Any] = [bindparam(name) for name in compiled.names("after", len(keys))]
        where.append(_after(keys, after, descending))
    stmt: Select[Any] = select(*EVENT_READ_COLUMNS).select_from(source).where(and_(true(), *where))
    stmt = stmt.order_by(*(k.desc() if d else k for k, d in zip(keys, descending, strict=True)))
    if shape.limit:
        stmt = stmt.limit(bindparam("limit", type_=Integer))
    return stmt


class _Plan:
    """An EventFilters resolved: the shape's fields, the parameters, and the readings."""

    def __init__(self, connection: Connection, filters: EventFilters) -> None:
        self.filters = filters
        self.resolve = Resolver(connection)
        self.dialect = connection.dialect.name
        self.shape: dict[str, Any] = dict.fromkeys(_Shape._fields)
        self.shape.update(actors_all=(), accidents=filters.accidents, money_kinds=False)
        self.params: dict[str, Any] = {}
        self.parts: list[str] = []
        self.notes: list[str] = []
        self.actor_ids: dict[str, str] = {}
        self.place_ids: list[str] = []
        self.window: tuple[dt.date | None, dt.date | None] = (None, None)
        self.after_id: str | None = None

    def bind(self, prefix: str, items: Sequence[Any]) -> int:
        """Bind a list of values under ``prefix``; its size for the shape (-1: an array)."""
        if self.dialect == "postgresql" and len(items) > ARRAY_FROM:
            self.params[prefix] = list(items)
            return -1
        self.params.update(compiled.values(prefix, items))
        return len(items)

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
            self.shape["actors"] = self.bind("actor", list(ids))
            self.parts.append(describe.any_of("actor", list(ids)))
        return countries or None

    def _country_of(self, ref: Ref) -> list[str]:
        if not isinstance(ref, str):
            return []
        text = ref.strip()
        if len(text) == 2 and text.isalpha() and text.upper() in self.resolve.known_countries():
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
        self.parts.append(part)

    def _countries(self, f: EventFilters, from_actor: list[str] | None) -> None:
        codes = [c for ref in f.country for c in self.resolve.country(ref).ids]
        if from_actor is not None:
            # Both given: an event has one country, so both must name it.
            codes = [c for c in codes if c in from_actor] if f.country else from_actor
        if f.country or from_actor is not None:
            self.shape["countries"] = self.bind("country", list(dict.fromkeys(codes)))
            self.parts.append(describe.any_of("country", codes))

    def _places_and_projects(self, f: EventFilters) -> None:
        if f.place:
            self.place_ids = [i for ref in f.place for i in self.resolve.place(ref).ids]
            self.shape["places"] = self.bind("place", self.place_ids)
            self.parts.append(describe.any_of("place", self.place_ids))
        if f.project:
            ids = [i for ref in f.project for i in self.resolve.project(ref).ids]
            self.shape["projects"] = self.bind("project", ids)
            self.parts.append(describe.any_of("project", ids))

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
            self.shape["causes"] = self.bind("cause", f.cause)
            self.parts.append(describe.any_of("cause", f.cause))
        if f.operator:
            ops = [i for ref in f.operator for i in self.resolve.actor(ref).ids]
            self.shape["operators"] = self.bind("operator", ops)
            self.parts.append(describe.any_of("operator", ops))

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
        from the query's shape (:class:`_Shape`, compiled once) and the values
        are its parameters.
        """
        if not isinstance(filters, EventFilters):
            raise QueryError(f"expected an EventFilters, not {filters!r}")
        plan = _Plan(self.connection, filters)
        plan.resolve_all()
        if filters.after is not None:
            plan.after_id = self._after_key(filters.after, filters.order, plan.params)
        shape = _Shape(**plan.shape)
        dialect = self.connection.dialect.name
        statement = compiled.compiled(
            self.connection, ("events", shape), lambda: _event_statement(shape, dialect)
        )
        # The event rows come with the query; only the child rows are read after it.
        # Objects are built from these rows when the Results is first read.
        rows = self.repo.event_rows(compiled.run(self.connection, statement, plan.params))
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
        keys, _ = _sort_keys(s.events, order)
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


__all__ = ["ORDERS", "EventQuery", "date_condition", "in_values"]
