"""The SQL of an event query: its shape, and the statement each shape compiles to.

A query's *shape* (:class:`Shape`: which filters, how many values each, the date
mode and the order) decides its SQL text; the values are named parameters, so a
statement is compiled once per shape (:mod:`catimeline._store.compiled`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple

from sqlalchemy import (
    ARRAY,
    ColumnElement,
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
from catimeline._model import CURRENCIES
from catimeline._query.checks import check_match
from catimeline._store import compiled
from catimeline._store import schema as s
from catimeline._store.repository import EVENT_READ_COLUMNS
from catimeline._store.search import events_with_text

ORDERS: tuple[str, ...] = ("date", "-date", "deaths", "injured", "money")
#: Lists longer than this bind as one array on Postgres (a statement takes at most
#: 65,535 parameters there); shorter ones bind one parameter per value.
ARRAY_FROM = 1000
#: The currency ``order="money"`` ranks by: amounts in other currencies are not
#: converted, so they do not rank (see docs/querying.md).
RANKED_CURRENCY = "USD"


class Shape(NamedTuple):
    """What decides an event query's SQL text: which filters, how many values each
    (None: no such filter; -1: one array parameter), the date mode and the order."""

    accidents: bool
    actors: int | None
    actors_all: tuple[int, ...]
    kinds: int | None
    money_kinds: bool
    figure_kinds: int | None
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


def sort_keys(table: Any, order: str) -> tuple[list[Any], list[bool]]:
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


def _joined_links(shape: Shape) -> FromClause:
    """The events joined to the ids each actor and place filter selects."""
    e = s.events.c
    source: FromClause = s.events
    actor_lists = [("actor", shape.actors)] if shape.actors is not None else []
    actor_lists += [(f"all{i}", n) for i, n in enumerate(shape.actors_all)]
    for prefix, n in actor_lists:
        sub = _linked(s.event_participants.c.actor_id, "operator_id", prefix, n)
        source = source.join(sub, sub.c.id == e.id)
    if shape.places is not None:
        sub = _linked(s.event_places.c.place_id, "facility_id", "place", shape.places)
        source = source.join(sub, sub.c.id == e.id)
    return source


def _kind_condition(shape: Shape, n: int) -> ColumnElement[bool]:
    """An event of one of the kinds, or (for money or figure kinds) one carrying such a figure."""
    e = s.events.c
    kinds = _in(e.kind, "kind", n)
    if shape.money_kinds:
        return or_(kinds, _finance_by_money(e))
    if shape.figure_kinds is not None:
        f = s.event_figures.c
        named = _in(f.name, "figkind", shape.figure_kinds)
        return or_(kinds, exists().where(f.event_id == e.id, named))
    return kinds


def event_statement(shape: Shape, dialect: str) -> Select[Any]:
    """The event query of ``shape``, every value a named parameter (see :class:`Shape`).

    Actor and place filters join the events to the ids they select (a UNION of the
    link table and the accident column), so the plan starts from the few matching
    links and reads events by key, whatever the size of the table.
    """
    e = s.events.c
    where: list[Any] = []
    source = _joined_links(shape)
    if shape.accidents:
        where.append(e.is_accident == true())
    if shape.kinds is not None:
        where.append(_kind_condition(shape, shape.kinds))
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
    keys, descending = sort_keys(s.events, shape.order)
    if shape.after:
        after: list[Any] = [bindparam(name) for name in compiled.names("after", len(keys))]
        where.append(_after(keys, after, descending))
    stmt: Select[Any] = select(*EVENT_READ_COLUMNS).select_from(source).where(and_(true(), *where))
    stmt = stmt.order_by(*(k.desc() if d else k for k, d in zip(keys, descending, strict=True)))
    if shape.limit:
        stmt = stmt.limit(bindparam("limit", type_=Integer))
    return stmt


__all__ = [
    "ARRAY_FROM",
    "ORDERS",
    "RANKED_CURRENCY",
    "Shape",
    "date_condition",
    "event_statement",
    "in_values",
    "sort_keys",
]
