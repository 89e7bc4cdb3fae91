"""How catimeline talks to SQLite: real transactions, WAL, a busy timeout, foreign keys.

Python's ``sqlite3`` module, left to itself, starts a transaction only before
INSERT/UPDATE/DELETE, so DDL (migrations) and the reads that precede writes run
outside any transaction: a migration that fails halfway would leave half a
schema.  Here the driver is put in autocommit mode and every SQLAlchemy
transaction emits its own ``BEGIN``, so DDL is transactional too (the recipe of
the SQLAlchemy documentation).  Transactions that will write (migrations,
seeding, ``Timeline.add``) begin with ``BEGIN IMMEDIATE``: they take the write
lock up front and wait for it (busy timeout) instead of failing with "database
is locked" when another writer commits between their first read and first write.

Writable files use write-ahead logging (WAL): readers never block the writer and
the writer never blocks readers.  Read-only use never changes the journal mode.
"""

from __future__ import annotations

import sqlite3
from contextlib import suppress
from functools import partial
from typing import Any

from sqlalchemy import Connection, Engine, event

WRITE_OPTION = "catimeline_write"
"""Execution option marking a transaction that will write (``BEGIN IMMEDIATE`` on SQLite)."""

BUSY_TIMEOUT_MS = 30_000
"""How long a connection waits for another one's lock before giving up."""

READ_CACHE_KIB = 16_384
"""Page cache per connection (SQLite's default is 2 MB): on a database of a million events
the pages a query touches stay cached between queries (about 1.5x faster repeated queries)."""


MMAP_BYTES = 1 << 30
"""How much of the database file is read through memory mapping (SQLite's default is none):
pages are then read straight from the operating system's file cache instead of being copied
in by a system call each, which makes reading a large result's child rows about 1.5x faster."""


def for_writing(engine: Engine) -> Engine:
    """The same engine (same pool), whose transactions take the SQLite write lock up front.

    Harmless on other databases.  Use as ``with for_writing(engine).begin() as c:``.
    """
    return engine.execution_options(**{WRITE_OPTION: True})


def configure(engine: Engine, *, readonly: bool) -> None:
    """Install catimeline's connection settings on an SQLite engine."""
    event.listen(engine, "connect", partial(_on_connect, readonly=readonly))
    event.listen(engine, "begin", _on_begin)


def _on_connect(dbapi_connection: Any, _record: Any, *, readonly: bool) -> None:
    # Autocommit at the driver level: _on_begin emits BEGIN, so DDL is transactional.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute(f"PRAGMA cache_size=-{READ_CACHE_KIB}")
        cursor.execute(f"PRAGMA mmap_size={MMAP_BYTES}")
        if not readonly:
            # A file we may read but not write keeps its journal mode; writes
            # will fail later with a clear DatabaseError.
            with suppress(sqlite3.DatabaseError):
                cursor.execute("PRAGMA journal_mode=WAL")
    finally:
        cursor.close()


def _on_begin(connection: Connection) -> None:
    immediate = connection.get_execution_options().get(WRITE_OPTION, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")
