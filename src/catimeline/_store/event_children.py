"""The child rows of a page of events: places, participants, figures, tags, citations.

Read 500 events at a time, straight through the driver: on SQLite one narrow
statement per child table, on Postgres one statement for all five (a round
trip to a server costs more than a wider row).  Each child row comes back in
the shape :mod:`catimeline._store.shapes` names.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from itertools import groupby
from operator import itemgetter
from typing import Any, NamedTuple

from sqlalchemy import Connection, Table

from catimeline._store import compiled
from catimeline._store import schema as s
from catimeline._store.batches import chunks
from catimeline._store.shapes import (
    CITATION_COLUMNS,
    FIGURE_COLUMNS,
    PARTICIPANT_COLUMNS,
    CitationRow,
    FigureRow,
    ParticipantRow,
)


class EventChildren(NamedTuple):
    """Child rows of some events, each by event id, in their stored order."""

    places: dict[str, list[str]]
    participants: dict[str, list[ParticipantRow]]
    figures: dict[str, list[FigureRow]]
    tags: dict[str, list[str]]
    citations: dict[str, list[CitationRow]]


# Which child table a row of the one Postgres statement comes from (its first column):
# the position of that table's rows in EventChildren.
PLACES = EventChildren._fields.index("places")
PARTICIPANTS = EventChildren._fields.index("participants")
FIGURES = EventChildren._fields.index("figures")
TAGS = EventChildren._fields.index("tags")
CITATIONS = EventChildren._fields.index("citations")
#: Child rows are grouped by their first column, the owning event's id.
_OWNER = itemgetter(0)
#: The one Postgres statement's rows sort by (table, event id, part, seq).
_UNION_ORDER = itemgetter(0, 1, 2, 3)


def read(connection: Connection, ids: Sequence[str]) -> EventChildren:
    """The child rows of the events ``ids`` (best given sorted: each statement then reads
    one stretch of every child index)."""
    found = EventChildren({}, {}, {}, {}, {})
    in_one = connection.dialect.name == "postgresql"
    for chunk in chunks(ids):
        if in_one:
            _in_one(connection, chunk, found)
        else:
            _by_table(connection, chunk, found)
    return found


# ----------------------------------------------------------------------- SQLite


_BY_TABLE_SQL: dict[tuple[str, int], tuple[str, ...]] = {}


def _by_table_sql(connection: Connection, n: int) -> tuple[str, ...]:
    """The five statements reading the places, participants, figures, tags and citations
    of ``n`` events (bound as the ``n`` ids), each ordered by its primary key."""
    dialect = connection.dialect
    key = (dialect.name, n)
    found = _BY_TABLE_SQL.get(key)
    if found is not None:
        return found
    prep = dialect.identifier_preparer
    mark = "?" if dialect.paramstyle == "qmark" else "%s"
    ids = f"({', '.join([mark] * n)})"

    def listed(columns: Sequence[str]) -> str:
        return ", ".join(prep.quote(c) for c in columns)

    def read(columns: Sequence[str], t: Table) -> str:
        return (
            f"SELECT event_id, {listed(columns)} FROM {prep.format_table(t)} "
            f"WHERE event_id IN {ids} ORDER BY event_id, seq"
        )

    found = _BY_TABLE_SQL[key] = (
        read(["place_id"], s.event_places),
        read(PARTICIPANT_COLUMNS, s.event_participants),
        read(FIGURE_COLUMNS, s.event_figures),
        read(["tag"], s.event_tags),
        # An event's own citations are part 0 (other parts belong to project statuses).
        f"SELECT owner_id, {listed(CITATION_COLUMNS)} "
        f"FROM {prep.format_table(s.citations)} WHERE owner_kind = 'event' AND part = 0 "
        f"AND owner_id IN {ids} ORDER BY owner_id, seq",
    )
    return found


def _by_table(connection: Connection, ids: Sequence[str], found: EventChildren) -> None:
    """One narrow statement per child table, in primary key order (so rows of one event
    are adjacent and in ``seq`` order without sorting). On SQLite, with no round trip to
    save, this beats the one wide statement of :func:`_in_one`, whose every row carried
    twelve columns, most of them NULL (0.25 ms of 1.0 for a 53-event page)."""
    params = tuple(ids)
    sql = _by_table_sql(connection, len(ids))
    fetch = partial(compiled.fetch, connection)
    for owner, rows in groupby(fetch(sql[PLACES], params), _OWNER):
        found.places[owner] = [place for _, place in rows]
    for owner, rows in groupby(fetch(sql[PARTICIPANTS], params), _OWNER):
        found.participants[owner] = [(actor, role, note) for _, actor, role, note in rows]
    for owner, rows in groupby(fetch(sql[FIGURES], params), _OWNER):
        found.figures[owner] = [
            (name, value, unit, printed, bool(approx), note)
            for _, name, value, unit, printed, approx, note in rows
        ]
    for owner, rows in groupby(fetch(sql[TAGS], params), _OWNER):
        found.tags[owner] = [tag for _, tag in rows]
    for owner, rows in groupby(fetch(sql[CITATIONS], params), _OWNER):
        found.citations[owner] = [(source, start, end) for _, source, start, end in rows]


# ----------------------------------------------------------------------- Postgres


_IN_ONE_SQL: dict[str, str] = {}


def _in_one_sql(connection: Connection) -> str:
    """Postgres: one statement reading every child row of some events, each of its five
    branches bound to the event ids as one array (``= ANY(%s)``).

    The places, participants, figures, tags and citations of a page come back
    together as rows of one shape, ``(table, event id, part, seq, text1..text4,
    value, approx, start, end)`` with ``table`` :data:`PLACES` to :data:`CITATIONS`
    (the caller sorts them by table, event, part and seq): one round trip instead of
    five.  The array keeps the text the same for every page, so psycopg parses it once:
    with one ``%s`` per id it parsed 180 placeholders again for every 36-event page, a
    third of the query's time.
    """
    dialect = connection.dialect
    found = _IN_ONE_SQL.get(dialect.name)
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
        f"SELECT {PLACES}, event_id, 0, seq, place_id, {text}, {text}, {text}, {num}, "
        f"{flag}, {whole}, {whole} FROM {table(s.event_places)} WHERE event_id {ids}",
        f"SELECT {PARTICIPANTS}, event_id, 0, seq, actor_id, role, note, {text}, {num}, "
        f"{flag}, {whole}, {whole} FROM {table(s.event_participants)} WHERE event_id {ids}",
        f"SELECT {FIGURES}, event_id, 0, seq, name, unit, printed, note, value, approx, "
        f"{whole}, {whole} FROM {table(s.event_figures)} WHERE event_id {ids}",
        f"SELECT {TAGS}, event_id, 0, seq, tag, {text}, {text}, {text}, {num}, {flag}, "
        f"{whole}, {whole} FROM {table(s.event_tags)} WHERE event_id {ids}",
        f"SELECT {CITATIONS}, owner_id, part, seq, source_id, {text}, {text}, {text}, "
        f"{num}, {flag}, start, {prep.quote('end')} FROM {table(s.citations)} "
        f"WHERE owner_kind = 'event' AND owner_id {ids}",
    ]
    found = _IN_ONE_SQL[dialect.name] = " UNION ALL ".join(branches)
    return found


def _in_one(connection: Connection, ids: Sequence[str], found: EventChildren) -> None:
    """Postgres: every child row in one statement (:func:`_in_one_sql`), one round trip
    instead of five."""
    rows = compiled.fetch(connection, _in_one_sql(connection), (list(ids),) * 5)
    # Sorted here rather than in SQL: the rows mostly arrive in order already
    # (index order), which Python's sort checks in one pass.
    rows.sort(key=_UNION_ORDER)
    by_table: tuple[dict[str, list[Any]], ...] = found
    for t, owner, part, _seq, a, b, c, d, value, approx, start, end in rows:
        if t in (PLACES, TAGS):  # a place id, a tag
            item: Any = a
        elif t == PARTICIPANTS:  # (actor, role, note)
            item = (a, b, c)
        elif t == FIGURES:  # (name, value, unit, printed, approx, note)
            item = (a, value, b, c, bool(approx), d)
        elif part == 0:  # (source, start, end); an event's citations are part 0
            item = (a, start, end)
        else:
            continue
        into = by_table[t]
        got = into.get(owner)
        if got is None:
            into[owner] = [item]
        else:
            got.append(item)
