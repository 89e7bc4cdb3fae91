"""Staged rows into the tables: plain inserts, and long loads streamed in chunks.

:func:`insert` writes what :func:`catimeline._store.staging.stage` made, one
driver ``executemany`` per table; :func:`load` stages and inserts a stream of
records a chunk at a time, with what makes a long load fast (a larger SQLite
page cache, indexes built once at the end, fresh planner statistics).
The caller owns the transaction: nothing here commits.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from itertools import islice
from operator import itemgetter
from typing import Any

from sqlalchemy import Connection, Date, Table

from catimeline._model import Record
from catimeline._store import schema as s
from catimeline._store.batches import paused_gc
from catimeline._store.deferral import IndexDeferral
from catimeline._store.shapes import MAIN_TABLES
from catimeline._store.staging import RowDict, stage

#: SQLite page cache (KiB) while :func:`load` streams a long load.
BULK_CACHE_KIB = 131_072
#: A streamed load of at least this many records refreshes the planner statistics.
ANALYZE_AFTER = 10_000


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


def insert(connection: Connection, staged: Mapping[Table, list[RowDict]]) -> None:
    """Insert staged rows, parents before children so foreign keys hold.

    Each table's rows go to the driver's ``executemany`` as plain tuples
    (see :func:`_executemany`), which is 2-3x faster than letting SQLAlchemy
    process every parameter of every row.
    """
    for table in s.TABLES:
        batch = staged.get(table)
        if batch:
            _executemany(connection, table, batch)


def load(
    connection: Connection,
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
        staged = stage(records, origin=origin)
        insert(connection, staged)
        return _count(staged)
    total = events = 0
    written: set[Table] = set()
    stream = iter(records)
    deferral = IndexDeferral(connection) if connection.dialect.name == "sqlite" else None
    with _bulk_cache(connection):
        while True:
            with paused_gc():
                batch = list(islice(stream, chunk_size))
                if not batch:
                    break
                if check is not None:
                    batch = check(batch)
                staged = stage(batch, origin=origin)
                events += len(staged.get(s.events, ()))
                if deferral is not None and deferral.worth_it(events):
                    deferral.defer()
                insert(connection, staged)
            total += _count(staged)
            written.update(table for table, rows in staged.items() if rows)
    if deferral is not None:
        # After the load's cache is released: an index build sorts in memory up to
        # the page cache's size, so the smaller cache bounds the memory it takes.
        deferral.restore()
    if total >= ANALYZE_AFTER:
        analyze(connection, [t for t in s.TABLES if t in written])
    return total
