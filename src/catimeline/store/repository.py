"""The repository: domain objects in, rows out, and back, explicitly.

No ORM mapping: each record type has a writer that turns it into rows of its
table and child tables, and a reader that rebuilds it from rows fetched in
batches (one query per table for a whole page of results, never one per item).
"""

from __future__ import annotations

import datetime as dt
import gc
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from functools import partial
from itertools import groupby, islice
from operator import itemgetter
from types import MemberDescriptorType
from typing import Any, TypeVar

import attrs
from sqlalchemy import Connection, Date, Row, Select, Table, bindparam, delete, select

from catimeline.dates import FuzzyDate, parse_cached, to_date
from catimeline.model import (
    CURRENCIES,
    Accident,
    Actor,
    Citation,
    Event,
    Money,
    Name,
    Participant,
    Place,
    Project,
    Quantity,
    Record,
    Relation,
    Source,
    StatusChange,
    Tenure,
    quantity,
)
from catimeline.names import name_key
from catimeline.store import compiled
from catimeline.store import schema as s
from catimeline.store.deferral import IndexDeferral

T = TypeVar("T")
RowDict = dict[str, Any]
CHUNK = 500  # ids per IN (...) list: well under every driver's parameter limit
#: SQLite page cache (KiB) while :meth:`Repository.add` streams a long load.
BULK_CACHE_KIB = 131_072
#: A streamed load of at least this many records refreshes the planner statistics.
ANALYZE_AFTER = 10_000

#: The table holding each record type, by the ``kind`` word used in APIs and citations.
MAIN_TABLES: Mapping[str, Table] = {
    "source": s.sources,
    "actor": s.actors,
    "place": s.places,
    "project": s.projects,
    "event": s.events,
}

#: Child tables of each main table (deleted with their owner).
CHILD_TABLES: Mapping[str, tuple[Table, ...]] = {
    "source": (),
    "actor": (s.actor_names, s.actor_relations),
    "place": (s.place_names, s.place_operators),
    "project": (
        s.project_names,
        s.project_countries,
        s.project_places,
        s.project_participants,
        s.project_figures,
        s.project_status,
    ),
    "event": (s.event_places, s.event_participants, s.event_figures, s.event_tags),
}


def kind_of(record: Record) -> str:
    """The kind word of a record: ``event`` for an Accident too."""
    if isinstance(record, Event):
        return "event"
    return type(record).__name__.lower()


def _text(value: FuzzyDate | None) -> str | None:
    return None if value is None else str(value)


def _bound(value: dt.date | None, default: dt.date) -> dt.date:
    return default if value is None else to_date(value)


def _chunks(ids: Sequence[str]) -> Iterator[Sequence[str]]:
    for i in range(0, len(ids), CHUNK):
        yield ids[i : i + CHUNK]


@contextmanager
def paused_gc() -> Iterator[None]:
    """The cyclic garbage collector off while many acyclic objects are made.

    Building tens of thousands of records (or rows) triggers collections that
    rescan every live object again and again: a third of the time of a large
    read.  Records and rows hold no cycles, so nothing is lost by waiting.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


@contextmanager
def _bulk_cache(connection: Connection) -> Iterator[None]:
    """On SQLite, a larger page cache while a stream is loaded, then the previous size.

    Every event updates several indexes at random places; with SQLite's
    default 2 MB cache those pages are evicted and read back again and again.
    """
    if connection.dialect.name != "sqlite":
        yield
        return
    before = connection.exec_driver_sql("PRAGMA cache_size").scalar()
    connection.exec_driver_sql(f"PRAGMA cache_size=-{BULK_CACHE_KIB}")
    try:
        yield
    finally:
        connection.exec_driver_sql(f"PRAGMA cache_size={int(before or -2000)}")


def analyze(connection: Connection, tables: Sequence[Table]) -> None:
    """Refresh the planner's statistics of ``tables`` after a large load.

    Without them, right after a load, both SQLite and Postgres guess row counts
    and may scan a big index where a few key lookups would do.  SQLite samples
    (``analysis_limit``) so this takes milliseconds; Postgres samples anyway.
    """
    if not tables:
        return
    names = [connection.dialect.identifier_preparer.format_table(t) for t in tables]
    if connection.dialect.name == "sqlite":
        before = connection.exec_driver_sql("PRAGMA analysis_limit").scalar()
        connection.exec_driver_sql("PRAGMA analysis_limit=1000")
        try:
            for name in names:
                connection.exec_driver_sql(f"ANALYZE {name}")
        finally:
            connection.exec_driver_sql(f"PRAGMA analysis_limit={int(before or 0)}")
    elif connection.dialect.name == "postgresql":
        connection.exec_driver_sql(f"ANALYZE {', '.join(names)}")


def _count(staged: Mapping[Table, list[RowDict]]) -> int:
    return sum(len(staged.get(t, ())) for t in MAIN_TABLES.values())


def _executemany(connection: Connection, table: Table, batch: list[RowDict]) -> None:
    """Insert rows with one driver ``executemany`` of plain tuples.

    Rows staged by one writer share their keys; a batch whose rows differ
    goes through SQLAlchemy's own insert instead.  SQLite gets dates as ISO
    text, the very format SQLAlchemy's ``Date`` stores there; Postgres drivers
    take ``date`` objects as they are.
    """
    columns = list(batch[0])
    if set(map(len, batch)) != {len(columns)}:
        connection.execute(table.insert(), batch)
        return
    dialect = connection.dialect
    quote = dialect.identifier_preparer.quote
    mark = "?" if dialect.paramstyle == "qmark" else "%s"
    sql = (
        f"INSERT INTO {dialect.identifier_preparer.format_table(table)} "
        f"({', '.join(quote(c) for c in columns)}) VALUES ({', '.join([mark] * len(columns))})"
    )
    get = itemgetter(*columns)
    rows: list[Any] = [get(row) for row in batch]
    if len(columns) == 1:
        rows = [(value,) for value in rows]
    dates = [i for i, c in enumerate(columns) if isinstance(table.c[c].type, Date)]
    if dates and dialect.name == "sqlite":
        iso: dict[Any, Any] = {None: None}
        rows = [_iso_dates(row, dates, iso) for row in rows]
    connection.exec_driver_sql(sql, rows)


def _iso_dates(row: tuple[Any, ...], positions: list[int], iso: dict[Any, Any]) -> tuple[Any, ...]:
    values = list(row)
    for i in positions:
        value = values[i]
        text = iso.get(value)
        if text is None and value is not None:
            text = iso[value] = value.isoformat()
        values[i] = text
    return tuple(values)


# ----------------------------------------------------------------------- reading

_c = s.citations.c
# Built once: constructing a statement costs more than running a cached one.
_CITATIONS = (
    select(_c.owner_id, _c.part, _c.source_id, _c.start, _c.end)
    .where(_c.owner_kind == bindparam("kind"), _c.owner_id.in_(bindparam("ids", expanding=True)))
    .order_by(_c.owner_id, _c.part, _c.seq)
)
_CHILD_QUERIES: dict[tuple[Table, str], tuple[Select[Any], int]] = {}
_ev = s.events.c
#: The ``ct_events`` columns events are built from: a query selects just these (the
#: date bounds, only needed to filter and sort, are not converted for every row).
EVENT_READ_COLUMNS = (
    _ev.id,
    _ev.date,
    _ev.kind,
    _ev.title,
    _ev.summary,
    _ev.country,
    _ev.project_id,
    _ev.notes,
    _ev.date_how,
    _ev.is_accident,
    _ev.deaths,
    _ev.injured,
    _ev.cause,
    _ev.facility_id,
    _ev.operator_id,
)
_EVENT_CHILD_SQL: dict[str, str] = {}


def _event_children_sql(connection: Connection) -> str:
    """Postgres: one statement reading every child row of some events, each of its five
    branches bound to the event ids as one array (``= ANY(%s)``).

    The places, participants, figures, tags and citations of a page come back
    together as rows of one shape, ``(table, event id, part, seq, text1..text4,
    value, approx, start, end)`` with ``table`` 0 to 4 (the caller sorts them by table,
    event, part and seq): one round trip instead of five.  The array keeps the text the
    same for every page, so psycopg parses it once: with one ``%s`` per id it parsed
    180 placeholders again for every 36-event page, a third of the query's time.
    """
    dialect = connection.dialect
    found = _EVENT_CHILD_SQL.get(dialect.name)
    if found is not None:
        return found
    prep = dialect.identifier_preparer
    ids = "= ANY(%s)"
    text, num, flag, whole = (
        "CAST(NULL AS VARCHAR(255))",
        "CAST(NULL AS DOUBLE PRECISION)",
        "CAST(NULL AS BOOLEAN)",
        "CAST(NULL AS INTEGER)",
    )

    def table(t: Table) -> str:
        return prep.format_table(t)

    branches = [
        f"SELECT 0, event_id, 0, seq, place_id, {text}, {text}, {text}, {num}, {flag}, "
        f"{whole}, {whole} FROM {table(s.event_places)} WHERE event_id {ids}",
        f"SELECT 1, event_id, 0, seq, actor_id, role, note, {text}, {num}, {flag}, "
        f"{whole}, {whole} FROM {table(s.event_participants)} WHERE event_id {ids}",
        f"SELECT 2, event_id, 0, seq, name, unit, printed, note, value, approx, "
        f"{whole}, {whole} FROM {table(s.event_figures)} WHERE event_id {ids}",
        f"SELECT 3, event_id, 0, seq, tag, {text}, {text}, {text}, {num}, {flag}, "
        f"{whole}, {whole} FROM {table(s.event_tags)} WHERE event_id {ids}",
        f"SELECT 4, owner_id, part, seq, source_id, {text}, {text}, {text}, {num}, {flag}, "
        f"start, {prep.quote('end')} FROM {table(s.citations)} "
        f"WHERE owner_kind = 'event' AND owner_id {ids}",
    ]
    found = _EVENT_CHILD_SQL[dialect.name] = " UNION ALL ".join(branches)
    return found


_EVENT_CHILD_TABLES_SQL: dict[tuple[str, int], tuple[str, ...]] = {}


def _event_child_tables_sql(connection: Connection, n: int) -> tuple[str, ...]:
    """The five statements reading the places, participants, figures, tags and citations
    of ``n`` events (bound as the ``n`` ids), each ordered by its primary key."""
    dialect = connection.dialect
    key = (dialect.name, n)
    found = _EVENT_CHILD_TABLES_SQL.get(key)
    if found is not None:
        return found
    prep = dialect.identifier_preparer
    mark = "?" if dialect.paramstyle == "qmark" else "%s"
    ids = f"({', '.join([mark] * n)})"

    def read(columns: str, t: Table) -> str:
        return (
            f"SELECT event_id, {columns} FROM {prep.format_table(t)} "
            f"WHERE event_id IN {ids} ORDER BY event_id, seq"
        )

    found = _EVENT_CHILD_TABLES_SQL[key] = (
        read("place_id", s.event_places),
        read("actor_id, role, note", s.event_participants),
        read("name, value, unit, printed, approx, note", s.event_figures),
        read("tag", s.event_tags),
        # An event's own citations are part 0 (other parts belong to project statuses).
        f"SELECT owner_id, source_id, start, {prep.quote('end')} "
        f"FROM {prep.format_table(s.citations)} WHERE owner_kind = 'event' AND part = 0 "
        f"AND owner_id IN {ids} ORDER BY owner_id, seq",
    )
    return found


def _fast_maker(cls: type[T]) -> Callable[..., T]:
    """A constructor of the attrs class ``cls`` taking every field positionally, already in
    its final form (tuples, FuzzyDate): the same object as ``cls(...)``, without converters.

    Only for values read back from the database, which the converters would leave as
    they are; everything else goes through the class itself.
    """
    fields = [a.name for a in attrs.fields(cls)]  # type: ignore[arg-type]
    if any(not a.init or a.alias != a.name for a in attrs.fields(cls)):  # type: ignore[arg-type]
        raise TypeError(f"{cls.__name__} has fields a fast constructor cannot set")
    namespace: dict[str, Any] = {"new": object.__new__, "cls": cls}
    body = ""
    for name in fields:
        # A slotted class's fields are member descriptors: calling their __set__ directly
        # skips the attribute lookup of object.__setattr__ (about 1.5x faster per object).
        slot = getattr(cls, name, None)
        if isinstance(slot, MemberDescriptorType):
            namespace[f"_set_{name}"] = slot.__set__
            body += f"    _set_{name}(self, {name})\n"
        else:
            namespace[f"_set_{name}"] = object.__setattr__
            body += f"    _set_{name}(self, {name!r}, {name})\n"
    source = f"def make({', '.join(fields)}):\n    self = new(cls)\n{body}    return self\n"
    exec(source, namespace)  # the pattern attrs itself uses to generate __init__
    return namespace["make"]  # type: ignore[no-any-return]


_CHILD_ORDER = itemgetter(0, 1, 2, 3)
_FIRST = itemgetter(0)


_make_event = _fast_maker(Event)
_make_accident = _fast_maker(Accident)
_make_participant = _fast_maker(Participant)
_make_citation = _fast_maker(Citation)
_make_quantity = _fast_maker(Quantity)
_make_money = _fast_maker(Money)


def _make_figure(
    name: str, value: float, unit: str, printed: str | None, approx: bool, note: str | None
) -> Quantity:
    """A figure read back: a :class:`Money` for a currency unit (as :func:`quantity` makes)."""
    make = _make_money if unit in CURRENCIES else _make_quantity
    return make(name, value, unit, printed, approx, note)


def _children_query(table: Table, owner_col: str) -> tuple[Select[Any], int]:
    """The statement reading ``table``'s rows of some owners (``ids``), and the owner's column."""
    key = (table, owner_col)
    found = _CHILD_QUERIES.get(key)
    if found is None:
        col = table.c[owner_col]
        query = (
            select(table)
            .where(col.in_(bindparam("ids", expanding=True)))
            .order_by(col, table.c.seq)
        )
        found = _CHILD_QUERIES[key] = (query, list(table.c).index(col))
    return found


# ----------------------------------------------------------------------- writing


class _Rows:
    """Rows to insert, by table, gathered from many records for one executemany each."""

    def __init__(self) -> None:
        self.by_table: dict[Table, list[RowDict]] = defaultdict(list)

    def add(self, table: Table, row: RowDict) -> None:
        self.by_table[table].append(row)

    def citations(
        self, owner_kind: str, owner_id: str, cites: Iterable[Citation], part: int = 0
    ) -> None:
        for seq, c in enumerate(cites):
            self.add(
                s.citations,
                {
                    "owner_kind": owner_kind,
                    "owner_id": owner_id,
                    "part": part,
                    "seq": seq,
                    "source_id": c.source,
                    "start": c.start,
                    "end": c.end,
                },
            )

    def names(
        self, table: Table, owner: str, owner_id: str, name: str, names: Iterable[Name]
    ) -> None:
        # The current name is stored as seq 0 of type 'name' so one index answers lookups.
        self.add(
            table,
            {
                f"{owner}_id": owner_id,
                "seq": 0,
                "name": name,
                "key": name_key(name),
                "type": "name",
                "since": None,
                "until": None,
                "note": None,
            },
        )
        for seq, n in enumerate(names, start=1):
            self.add(
                table,
                {
                    f"{owner}_id": owner_id,
                    "seq": seq,
                    "name": n.name,
                    "key": name_key(n.name),
                    "type": n.type,
                    "since": _text(n.since),
                    "until": _text(n.until),
                    "note": n.note,
                },
            )

    def figures(self, table: Table, owner: str, owner_id: str, figures: Iterable[Quantity]) -> None:
        for seq, f in enumerate(figures):
            self.add(
                table,
                {
                    f"{owner}_id": owner_id,
                    "seq": seq,
                    "name": f.name,
                    "value": f.value,
                    "unit": f.unit,
                    "printed": f.printed,
                    "approx": f.approx,
                    "note": f.note,
                },
            )


def _write_source(rows: _Rows, r: Source, origin: str) -> None:
    rows.add(
        s.sources,
        {
            "id": r.id,
            "document": r.document,
            "sha256": r.sha256,
            "title": r.title,
            "publisher": r.publisher,
            "author": r.author,
            "published": _text(r.published),
            "published_how": r.published_how,
            "start": r.start,
            "end": r.end,
            "notes": r.notes,
            "url": r.url,
            "origin": origin,
        },
    )


def _write_actor(rows: _Rows, r: Actor, origin: str) -> None:
    rows.add(
        s.actors,
        {
            "id": r.id,
            "name": r.name,
            "kind": r.kind,
            "country": r.country,
            "description": r.description,
            "notes": r.notes,
            "origin": origin,
        },
    )
    rows.names(s.actor_names, "actor", r.id, r.name, r.names)
    for seq, rel in enumerate(r.relations):
        rows.add(
            s.actor_relations,
            {
                "actor_id": r.id,
                "seq": seq,
                "type": rel.type,
                "other_id": rel.actor,
                "since": _text(rel.since),
                "until": _text(rel.until),
                "note": rel.note,
            },
        )
    rows.citations("actor", r.id, r.citations)


def _write_place(rows: _Rows, r: Place, origin: str) -> None:
    lat, lon = r.coordinates if r.coordinates else (None, None)
    rows.add(
        s.places,
        {
            "id": r.id,
            "name": r.name,
            "kind": r.kind,
            "parent_id": r.parent,
            "country": r.country,
            "lat": lat,
            "lon": lon,
            "notes": r.notes,
            "origin": origin,
        },
    )
    rows.names(s.place_names, "place", r.id, r.name, r.names)
    for seq, t in enumerate(r.operators):
        rows.add(
            s.place_operators,
            {
                "place_id": r.id,
                "seq": seq,
                "actor_id": t.actor,
                "role": t.role,
                "since": _text(t.since),
                "until": _text(t.until),
                "note": t.note,
            },
        )
    rows.citations("place", r.id, r.citations)


def _write_project(rows: _Rows, r: Project, origin: str) -> None:
    rows.add(
        s.projects, {"id": r.id, "name": r.name, "kind": r.kind, "notes": r.notes, "origin": origin}
    )
    rows.names(s.project_names, "project", r.id, r.name, r.names)
    for seq, country in enumerate(r.countries):
        rows.add(s.project_countries, {"project_id": r.id, "seq": seq, "country": country})
    for seq, place in enumerate(r.places):
        rows.add(s.project_places, {"project_id": r.id, "seq": seq, "place_id": place})
    for seq, p in enumerate(r.participants):
        rows.add(
            s.project_participants,
            {"project_id": r.id, "seq": seq, "actor_id": p.actor, "role": p.role, "note": p.note},
        )
    rows.figures(s.project_figures, "project", r.id, r.figures)
    for seq, st in enumerate(r.status):
        rows.add(
            s.project_status,
            {
                "project_id": r.id,
                "seq": seq,
                "status": st.status,
                "date": str(st.date),
                "earliest": _bound(st.date.earliest, s.MIN_DATE),
                "latest": _bound(st.date.latest, s.MAX_DATE),
                "planned": st.planned,
                "date_how": st.date_how,
                "event_id": st.event,
                "note": st.note,
            },
        )
        rows.citations("project", r.id, st.citations, part=seq + 1)
    rows.citations("project", r.id, r.citations)


_DATE_COLUMNS: dict[str, tuple[dt.date, dt.date, dt.date, dt.date, str]] = {}


def _date_columns(d: FuzzyDate) -> tuple[dt.date, dt.date, dt.date, dt.date, str]:
    """(earliest, latest, possible earliest, possible latest, precision), memoised by text:
    a large load repeats the same few thousand dates."""
    text = str(d)
    found = _DATE_COLUMNS.get(text)
    if found is None:
        if len(_DATE_COLUMNS) > 65_536:
            _DATE_COLUMNS.clear()
        found = _DATE_COLUMNS[text] = (
            _bound(d.earliest, s.MIN_DATE),
            _bound(d.latest, s.MAX_DATE),
            _bound(d.possible_earliest, s.MIN_DATE),
            _bound(d.possible_latest, s.MAX_DATE),
            d.precision.value,
        )
    return found


def _write_event(rows: _Rows, r: Event, origin: str) -> None:
    d = r.date
    earliest, latest, possible_earliest, possible_latest, precision = _date_columns(d)
    row: RowDict = {
        "id": r.id,
        "date": str(d),
        "kind": r.kind,
        "title": r.title,
        "summary": r.summary,
        "earliest": earliest,
        "latest": latest,
        "possible_earliest": possible_earliest,
        "possible_latest": possible_latest,
        "precision": precision,
        "date_how": r.date_how,
        "country": r.country,
        "project_id": r.project,
        "notes": r.notes,
        "origin": origin,
        "is_accident": False,
        "deaths": None,
        "injured": None,
        "cause": None,
        "facility_id": None,
        "operator_id": None,
    }
    if isinstance(r, Accident):
        row.update(
            is_accident=True,
            deaths=r.deaths,
            injured=r.injured,
            cause=r.cause,
            facility_id=r.facility,
            operator_id=r.operator,
        )
    rows.add(s.events, row)
    for seq, place in enumerate(r.places):
        rows.add(s.event_places, {"event_id": r.id, "seq": seq, "place_id": place})
    for seq, p in enumerate(r.participants):
        rows.add(
            s.event_participants,
            {"event_id": r.id, "seq": seq, "actor_id": p.actor, "role": p.role, "note": p.note},
        )
    rows.figures(s.event_figures, "event", r.id, r.figures)
    for seq, tag in enumerate(r.tags):
        rows.add(s.event_tags, {"event_id": r.id, "seq": seq, "tag": tag})
    rows.citations("event", r.id, r.citations)


_WRITERS = {
    Source: _write_source,
    Actor: _write_actor,
    Place: _write_place,
    Project: _write_project,
    Event: _write_event,
    Accident: _write_event,
}


class EventRows:
    """The rows of some events, in order, with their child rows: the events are built
    from them when first asked for (:meth:`build`), and frames read them directly.

    ``rows`` hold the columns of :data:`EVENT_READ_COLUMNS`; each of ``places``,
    ``participants``, ``figures``, ``tags`` and ``citations`` maps an event id to
    its children in order: place ids, ``(actor, role, note)``, ``(name, value, unit,
    printed, approx, note)`` of figures, tags, and ``(source, start, end)``.
    Everything was read in the query's own transaction; building reads nothing.
    """

    __slots__ = ("_events", "citations", "figures", "participants", "places", "rows", "tags")

    def __init__(self, rows: Sequence[Any], children: tuple[dict[str, list[Any]], ...]) -> None:
        self.rows = rows
        self.places, self.participants, self.figures, self.tags, self.citations = children
        self._events: list[Event] | None = None

    def __len__(self) -> int:
        return len(self.rows)

    def ids(self) -> tuple[str, ...]:
        """The event ids, in order."""
        return tuple(r[0] for r in self.rows)

    def facts(self) -> Iterator[tuple[str, str, str, set[str], list[str]]]:
        """(id, kind, date text, actor ids including the operator, place ids including the
        facility) of each event: what a query's reasons are made of."""
        none: list[Any] = []
        for r in self.rows:
            i = r[0]
            actors = {p[0] for p in self.participants.get(i, none)}
            places = list(self.places.get(i, none))
            if r[9]:
                actors.add(r[14])
                places.append(r[13])
            yield i, r[2], r[1], actors, places

    def build(self) -> list[Event]:
        """The events (Accidents where they are), built once."""
        if self._events is None:
            with paused_gc():
                self._events = self._make()
        return self._events

    def _make(self) -> list[Event]:
        places, parts, figures = self.places, self.participants, self.figures
        tags, cites = self.tags, self.citations
        none: tuple[Any, ...] = ()
        out: list[Event] = []
        append = out.append
        for r in self.rows:
            i = r[0]
            p = places.get(i)
            pa = parts.get(i)
            f = figures.get(i)
            c = cites.get(i)
            tg = tags.get(i)
            common = (
                i,
                parse_cached(r[1]),
                r[2],
                r[3],
                r[4],
                r[5],
                none if p is None else tuple(p),
                none if pa is None else tuple([_make_participant(*x) for x in pa]),
                r[6],
                none if f is None else tuple([_make_figure(*x) for x in f]),
                none if c is None else tuple([_make_citation(*x) for x in c]),
                none if tg is None else tuple(tg),
                r[7],
                r[8],
            )
            if r[9]:
                append(_make_accident(*common, r[10], r[11], r[12], r[13], r[14]))
            else:
                append(_make_event(*common))
        return out


class Repository:
    """Reads and writes domain objects over one SQLAlchemy connection.

    The caller owns the transaction: the repository never commits, so a seed
    load or a bulk add is all or nothing.
    """

    def __init__(self, connection: Connection) -> None:
        self.connection = connection

    # -- writing

    @staticmethod
    def stage(records: Iterable[Record], *, origin: str = "user") -> dict[Table, list[RowDict]]:
        """The rows ``records`` become, by table, ready for one executemany per table."""
        rows = _Rows()
        for record in records:
            _WRITERS[type(record)](rows, record, origin)  # type: ignore[operator]
        return dict(rows.by_table)

    def insert(self, staged: Mapping[Table, list[RowDict]]) -> None:
        """Insert staged rows, parents before children so foreign keys hold.

        Each table's rows go to the driver's ``executemany`` as plain tuples
        (see :func:`_executemany`), which is 2-3x faster than letting SQLAlchemy
        process every parameter of every row.
        """
        for table in s.TABLES:
            batch = staged.get(table)
            if batch:
                _executemany(self.connection, table, batch)

    def add(
        self,
        records: Iterable[Record],
        *,
        origin: str = "user",
        chunk_size: int | None = None,
        check: Callable[[list[Record]], list[Record]] | None = None,
    ) -> int:
        """Insert ``records`` (any mix of types) in batches; returns how many were written.

        With ``chunk_size`` the records are read, staged and written that many
        at a time, so a long stream never sits in memory whole; parents must
        then come no later than the chunk of the records that refer to them.
        ``check`` validates each batch before it is staged (and may normalise it).
        """
        if chunk_size is None:
            if check is not None:
                records = check(list(records))
            staged = self.stage(records, origin=origin)
            self.insert(staged)
            return _count(staged)
        total = events = 0
        written: set[Table] = set()
        stream = iter(records)
        deferral = IndexDeferral(self.connection) if self._sqlite else None
        with _bulk_cache(self.connection):
            while True:
                with paused_gc():
                    batch = list(islice(stream, chunk_size))
                    if not batch:
                        break
                    if check is not None:
                        batch = check(batch)
                    staged = self.stage(batch, origin=origin)
                    events += len(staged.get(s.events, ()))
                    if deferral is not None and deferral.worth_it(events):
                        deferral.defer()
                    self.insert(staged)
                total += _count(staged)
                written.update(table for table, rows in staged.items() if rows)
        if deferral is not None:
            # After the load's cache is released: an index build sorts in memory up to
            # the page cache's size, so the smaller cache bounds the memory it takes.
            deferral.restore()
        if total >= ANALYZE_AFTER:
            analyze(self.connection, [t for t in s.TABLES if t in written])
        return total

    @property
    def _sqlite(self) -> bool:
        return self.connection.dialect.name == "sqlite"

    def delete_children(self, kind: str, ids: Sequence[str]) -> None:
        """Delete the child rows and citations of records of ``kind``, keeping the records."""
        for chunk in _chunks(list(ids)):
            for child in CHILD_TABLES[kind]:
                self.connection.execute(delete(child).where(child.c[f"{kind}_id"].in_(chunk)))
            self.connection.execute(
                delete(s.citations).where(
                    s.citations.c.owner_kind == kind, s.citations.c.owner_id.in_(chunk)
                )
            )

    def delete(self, kind: str, ids: Sequence[str]) -> None:
        """Delete records of ``kind`` with their child rows and citations."""
        table = MAIN_TABLES[kind]
        self.delete_children(kind, ids)
        for chunk in _chunks(list(ids)):
            self.connection.execute(delete(table).where(table.c.id.in_(chunk)))

    def ids(self, kind: str, *, origin: str | None = None) -> dict[str, str]:
        """Every id of ``kind`` with its origin (``seed`` or ``user``)."""
        table = MAIN_TABLES[kind]
        query = select(table.c.id, table.c.origin)
        if origin is not None:
            query = query.where(table.c.origin == origin)
        return {row.id: row.origin for row in self.connection.execute(query)}

    # -- reading

    def _children(
        self, table: Table, owner_col: str, ids: Sequence[str]
    ) -> dict[str, list[Row[Any]]]:
        found: dict[str, list[Row[Any]]] = defaultdict(list)
        query, at = _children_query(table, owner_col)
        for chunk in _chunks(ids):
            for row in self.connection.execute(query, {"ids": list(chunk)}).all():
                found[row[at]].append(row)
        return found

    def _citations(
        self, owner_kind: str, ids: Sequence[str]
    ) -> dict[tuple[str, int], tuple[Citation, ...]]:
        """Citations by (owner id, part): part 0 is the owner's own, n + 1 its status step n."""
        found: dict[tuple[str, int], list[Citation]] = defaultdict(list)
        for chunk in _chunks(ids):
            params = {"kind": owner_kind, "ids": list(chunk)}
            for owner_id, part, source_id, start, end in self.connection.execute(
                _CITATIONS, params
            ).all():
                found[(owner_id, part)].append(Citation(source_id, start, end))
        return {k: tuple(v) for k, v in found.items()}

    def _main_rows(self, table: Table, ids: Sequence[str]) -> dict[str, Row[Any]]:
        rows: dict[str, Row[Any]] = {}
        for chunk in _chunks(ids):
            for row in self.connection.execute(select(table).where(table.c.id.in_(chunk))).all():
                rows[row.id] = row
        return rows

    @staticmethod
    def _names(rows: Iterable[Row[Any]]) -> tuple[Name, ...]:
        return tuple(
            Name(r.name, r.type, since=r.since, until=r.until, note=r.note)
            for r in rows
            if r.type != "name"
        )

    @staticmethod
    def _figures(rows: Iterable[Row[Any]]) -> tuple[Quantity, ...]:
        return tuple(
            quantity(r.name, r.value, r.unit, printed=r.printed, approx=bool(r.approx), note=r.note)
            for r in rows
        )

    def sources(self, ids: Sequence[str]) -> list[Source]:
        """Sources by id, in the order asked (missing ids are skipped)."""
        rows = self._main_rows(s.sources, ids)
        return [
            Source(
                r.id,
                r.document,
                r.title,
                publisher=r.publisher,
                author=r.author,
                published=r.published,
                published_how=r.published_how,
                sha256=r.sha256,
                start=r.start,
                end=r.end,
                notes=r.notes,
                url=r.url,
            )
            for i in ids
            if (r := rows.get(i)) is not None
        ]

    def actors(self, ids: Sequence[str]) -> list[Actor]:
        """Actors by id, in the order asked (missing ids are skipped)."""
        rows = self._main_rows(s.actors, ids)
        names = self._children(s.actor_names, "actor_id", ids)
        relations = self._children(s.actor_relations, "actor_id", ids)
        cites = self._citations("actor", ids)
        return [
            Actor(
                r.id,
                r.name,
                r.kind,
                country=r.country,
                names=self._names(names[i]),
                relations=tuple(
                    Relation(x.type, x.other_id, since=x.since, until=x.until, note=x.note)
                    for x in relations[i]
                ),
                description=r.description,
                citations=cites.get((i, 0), ()),
                notes=r.notes,
            )
            for i in ids
            if (r := rows.get(i)) is not None
        ]

    def places(self, ids: Sequence[str]) -> list[Place]:
        """Places by id, in the order asked (missing ids are skipped)."""
        rows = self._main_rows(s.places, ids)
        names = self._children(s.place_names, "place_id", ids)
        ops = self._children(s.place_operators, "place_id", ids)
        cites = self._citations("place", ids)
        return [
            Place(
                r.id,
                r.name,
                r.kind,
                parent=r.parent_id,
                country=r.country,
                coordinates=None if r.lat is None else (r.lat, r.lon),
                names=self._names(names[i]),
                operators=tuple(
                    Tenure(o.actor_id, o.role, since=o.since, until=o.until, note=o.note)
                    for o in ops[i]
                ),
                notes=r.notes,
                citations=cites.get((i, 0), ()),
            )
            for i in ids
            if (r := rows.get(i)) is not None
        ]

    def projects(self, ids: Sequence[str]) -> list[Project]:
        """Projects by id, in the order asked (missing ids are skipped)."""
        rows = self._main_rows(s.projects, ids)
        names = self._children(s.project_names, "project_id", ids)
        countries = self._children(s.project_countries, "project_id", ids)
        places = self._children(s.project_places, "project_id", ids)
        parts = self._children(s.project_participants, "project_id", ids)
        figures = self._children(s.project_figures, "project_id", ids)
        statuses = self._children(s.project_status, "project_id", ids)
        cites = self._citations("project", ids)
        return [
            Project(
                r.id,
                r.name,
                r.kind,
                countries=tuple(c.country for c in countries[i]),
                places=tuple(p.place_id for p in places[i]),
                participants=tuple(Participant(p.actor_id, p.role, p.note) for p in parts[i]),
                figures=self._figures(figures[i]),
                status=tuple(
                    StatusChange(
                        st.status,
                        st.date,
                        planned=bool(st.planned),
                        date_how=st.date_how,
                        event=st.event_id,
                        citations=cites.get((i, st.seq + 1), ()),
                        note=st.note,
                    )
                    for st in statuses[i]
                ),
                citations=cites.get((i, 0), ()),
                notes=r.notes,
                names=self._names(names[i]),
            )
            for i in ids
            if (r := rows.get(i)) is not None
        ]

    def events(self, ids: Sequence[str]) -> list[Event]:
        """Events (Accidents where they are) by id, in the order asked."""
        rows: dict[str, Any] = {}
        for chunk in _chunks(ids):
            query = select(*EVENT_READ_COLUMNS).where(s.events.c.id.in_(chunk))
            for row in self.connection.execute(query).all():
                rows[row[0]] = row
        return self.events_from_rows([r for i in ids if (r := rows.get(i)) is not None])

    def events_from_rows(self, rows: Sequence[Any]) -> list[Event]:
        """Events built from ``ct_events`` rows (a query's own), in the rows' order.

        The rows hold the columns of :data:`EVENT_READ_COLUMNS`, in that order.
        """
        return self.event_rows(rows).build()

    def event_rows(self, rows: Sequence[Any]) -> EventRows:
        """``ct_events`` rows (columns of :data:`EVENT_READ_COLUMNS`) with their child rows.

        Only the child rows (places, participants, figures, tags, citations) are
        read, 500 events at a time (one statement per child table on SQLite, one for all
        of them on Postgres); objects are built when asked.
        """
        with paused_gc():
            # In id order, so each statement reads one stretch of every child index.
            return EventRows(rows, self._event_children(sorted([r[0] for r in rows])))

    def _event_children(self, ids: Sequence[str]) -> tuple[dict[str, list[Any]], ...]:
        """Child rows of events by event id, one dict per child kind (see :class:`EventRows`)."""
        found: tuple[dict[str, list[Any]], ...] = ({}, {}, {}, {}, {})
        # A round trip to a server costs more than a wider row; SQLite has none to save.
        in_one = self.connection.dialect.name == "postgresql"
        for chunk in _chunks(ids):
            if in_one:
                self._children_in_one(chunk, found)
            else:
                self._children_by_table(chunk, found)
        return found

    def _children_by_table(
        self, ids: Sequence[str], found: tuple[dict[str, list[Any]], ...]
    ) -> None:
        """One narrow statement per child table, in primary key order (so rows of one event
        are adjacent and in ``seq`` order without sorting). On SQLite, with no round trip to
        save, this beats the one wide statement of :meth:`_children_in_one`, whose every row
        carried twelve columns, most of them NULL (0.25 ms of 1.0 for a 53-event page)."""
        places, participants, figures, tags, citations = found
        params = tuple(ids)
        sql = _event_child_tables_sql(self.connection, len(ids))
        read = partial(compiled.fetch, self.connection)
        for owner, rows in groupby(read(sql[0], params), _FIRST):
            places[owner] = [place for _, place in rows]
        for owner, rows in groupby(read(sql[1], params), _FIRST):
            participants[owner] = [r[1:] for r in rows]
        for owner, rows in groupby(read(sql[2], params), _FIRST):
            figures[owner] = [
                (name, value, unit, printed, bool(approx), note)
                for _, name, value, unit, printed, approx, note in rows
            ]
        for owner, rows in groupby(read(sql[3], params), _FIRST):
            tags[owner] = [tag for _, tag in rows]
        for owner, rows in groupby(read(sql[4], params), _FIRST):
            citations[owner] = [r[1:] for r in rows]

    def _children_in_one(self, ids: Sequence[str], found: tuple[dict[str, list[Any]], ...]) -> None:
        """Postgres: every child row in one statement (:func:`_event_children_sql`), one
        round trip instead of five."""
        sql = _event_children_sql(self.connection)
        rows = compiled.fetch(self.connection, sql, (list(ids),) * 5)
        # Sorted here rather than in SQL: the rows mostly arrive in order already
        # (index order), which Python's sort checks in one pass.
        rows.sort(key=_CHILD_ORDER)
        for t, owner, part, _seq, a, b, c, d, value, approx, start, end in rows:
            if t == 0 or t == 3:  # a place id, a tag
                item: Any = a
            elif t == 1:  # (actor, role, note)
                item = (a, b, c)
            elif t == 2:  # (name, value, unit, printed, approx, note)
                item = (a, value, b, c, bool(approx), d)
            elif part == 0:  # (source, start, end); an event's citations are part 0
                item = (a, start, end)
            else:
                continue
            into = found[t]
            got = into.get(owner)
            if got is None:
                into[owner] = [item]
            else:
                got.append(item)

    def get(self, kind: str, ids: Sequence[str]) -> list[Any]:
        """Records of ``kind`` by id."""
        readers: dict[str, Callable[[Sequence[str]], list[Any]]] = {
            "source": self.sources,
            "actor": self.actors,
            "place": self.places,
            "project": self.projects,
            "event": self.events,
        }
        return readers[kind](ids)

    # -- sort keys, for keyset pagination

    def event_sort_key(self, event_id: str) -> tuple[dt.date, dt.date, str, str] | None:
        """The (earliest, latest, date, id) key an ``after=`` cursor resumes from."""
        e = s.events.c
        row = self.connection.execute(
            select(e.earliest, e.latest, e.date, e.id).where(e.id == event_id)
        ).first()
        return None if row is None else (row.earliest, row.latest, row.date, row.id)
