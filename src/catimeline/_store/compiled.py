"""Statements built and compiled once per shape, then run straight through the driver.

A selective query on SQLite takes a few milliseconds; building its SQLAlchemy
Core statement (a join to a UNION of link rows, proxies of every column, the
cache key) took about as long again.  A query's *shape* (which filters it has
and how many values each holds) decides its SQL text, and the values go in as
parameters, so the text is made once per shape and kept: later queries of the
same shape only bind their values and run.

The SQL still comes from Core (one dialect-aware definition for SQLite and
Postgres); only its compiled text is reused.  Values are passed as the driver
expects them: dates as ISO text on SQLite (the format SQLAlchemy's ``Date``
stores there), as they are elsewhere.
"""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from collections.abc import Callable, Hashable, Mapping, Sequence
from typing import Any, NamedTuple, cast

from sqlalchemy import ColumnElement, Connection, bindparam, false
from sqlalchemy.exc import DBAPIError
from sqlalchemy.sql import ClauseElement
from sqlalchemy.sql.compiler import SQLCompiler

#: How many compiled shapes are kept (least recently used go first).
MAX_SHAPES = 512


class Compiled(NamedTuple):
    """A statement's SQL text, the order of its parameters (None: passed by name), and
    the values the dialect fixed itself (SQLite's ``OFFSET -1`` after a ``LIMIT``)."""

    sql: str
    order: tuple[str, ...] | None
    fixed: Mapping[str, Any]


_CACHE: OrderedDict[tuple[str, Hashable], Compiled] = OrderedDict()


def compiled(
    connection: Connection, shape: Hashable, build: Callable[[], ClauseElement]
) -> Compiled:
    """The compiled text of the statement ``build()`` makes for ``shape`` on this dialect.

    ``build`` must make a statement whose every value is a named ``bindparam``
    without a value; it runs only the first time a shape is seen.
    """
    key = (connection.dialect.name, shape)
    found = _CACHE.get(key)
    if found is not None:
        _CACHE.move_to_end(key)
        return found
    done = cast(SQLCompiler, build().compile(dialect=connection.dialect))
    order = tuple(done.positiontup or ()) if done.positional else None
    fixed = {name: value for name, value in done.params.items() if value is not None}
    found = Compiled(done.string, order, fixed)
    _CACHE[key] = found
    if len(_CACHE) > MAX_SHAPES:
        _CACHE.popitem(last=False)
    return found


def _driver_value(value: Any, sqlite: bool) -> Any:
    if sqlite and isinstance(value, dt.date):
        return value.isoformat()
    return value


def run(connection: Connection, statement: Compiled, params: Mapping[str, Any]) -> Sequence[Any]:
    """Run a compiled statement with ``params`` (by name); its rows, indexable by position."""
    sqlite = connection.dialect.name == "sqlite"
    if statement.fixed:
        params = {**statement.fixed, **params}
    bound: Any
    if statement.order is not None:
        bound = tuple(_driver_value(params[name], sqlite) for name in statement.order)
    else:
        bound = {name: _driver_value(value, sqlite) for name, value in params.items()}
    return fetch(connection, statement.sql, bound)


def fetch(connection: Connection, sql: str, params: Any) -> list[Any]:
    """The rows of ``sql`` (the driver's own text) with ``params``, as the driver's tuples.

    The statement goes straight to a driver cursor, inside the connection's
    transaction (begun here if it was not), so the rows come back without being
    wrapped one by one (about 0.3 microseconds a row, a fifth of a large read).
    Where anything listens for SQLAlchemy's cursor events (tracing, tests that
    record statements), it goes through SQLAlchemy instead, so they see it.
    Driver errors become SQLAlchemy's, as ``exec_driver_sql`` would raise them,
    and a connection found lost is invalidated.
    """
    if connection.dispatch.before_cursor_execute or connection.dispatch.after_cursor_execute:
        return list(connection.exec_driver_sql(sql, params).fetchall())
    if not connection.in_transaction():
        connection.begin()
    raw = connection.connection.dbapi_connection
    error = connection.dialect.loaded_dbapi.Error
    cursor = raw.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute(sql, params)
        return list(cursor.fetchall())
    except error as exc:
        lost = connection.dialect.is_disconnect(exc, raw, cursor)
        if lost:
            # As SQLAlchemy does for its own statements: the pool's other connections
            # were most likely lost too (a server restart), so all are replaced.
            connection.engine.pool._invalidate(connection.connection, exc, _checkin=False)
            connection.invalidate(exc)
        raise DBAPIError.instance(
            sql, params, exc, error, connection_invalidated=lost, dialect=connection.dialect
        ) from exc
    finally:
        cursor.close()


def in_list(column: Any, prefix: str, n: int) -> ColumnElement[bool]:
    """``column IN (:prefix_0, ...)`` with ``n`` parameters (never true when ``n`` is 0)."""
    if n == 0:
        return false()
    found: ColumnElement[bool] = column.in_([bindparam(name) for name in names(prefix, n)])
    return found


def padded(ids: Sequence[str]) -> list[str]:
    """``ids`` repeated at the end up to the next power of two (at least 8), so lists of
    many lengths share a few shapes; repeating a value changes no ``IN`` list's answer."""
    size = 8
    while size < len(ids):
        size *= 2
    return [*ids, *([ids[-1]] * (size - len(ids)))] if ids else []


def names(prefix: str, n: int) -> list[str]:
    """The parameter names of an ``n``-value list: ``prefix_0`` ... ``prefix_{n-1}``."""
    return [f"{prefix}_{i}" for i in range(n)]


def values(prefix: str, items: Sequence[Any]) -> dict[str, Any]:
    """The parameters of a list of values, named as :func:`names` names them."""
    return {f"{prefix}_{i}": item for i, item in enumerate(items)}
