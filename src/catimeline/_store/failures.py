"""Database failures as typed errors: the driver's reason and what to do about it.

:data:`ADVICE` pairs the phrases of driver messages with advice; a Timeline's reads
and writes, its opening, a seed load and a migration check all word their
:class:`~catimeline.DatabaseError` through :func:`advice`, with the URL's
secrets masked.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from catimeline._errors import DatabaseError
from catimeline._store import urls

ADVICE: tuple[tuple[tuple[str, ...], str], ...] = (
    (
        (
            "terminating connection due to administrator command",
            "server closed the connection unexpectedly",
            "consuming input failed",
            "the connection is closed",
            "ssl connection has been closed unexpectedly",
        ),
        "the connection to the database was lost (the server restarted or closed it): "
        "try again, catimeline reconnects; if it keeps failing, check the server",
    ),
    (
        ("read-only transaction",),
        "the database takes no writes here (a read-only server or role, or "
        "default_transaction_read_only): use a writable server, or read with readonly=True",
    ),
    (
        ("no such table: ct_", 'relation "ct_'),
        "the database has no catimeline tables (or not all of them): run `catimeline db "
        "upgrade`, or open it without migrate=False",
    ),
    (
        ("readonly database", "read-only file system", "permission denied"),
        "the file or its folder is read-only: open it with readonly=True, or make it writable",
    ),
    (
        ("disk is full", "no space left", "file too large", "disk i/o error"),
        "the disk is full or failing: free some space (or check the disk or the file size "
        "limit) and try again; nothing was written",
    ),
    (
        ("unable to open database file",),
        "check that the path names a database file (not a folder) in a folder you can write",
    ),
    (
        ("file is not a database", "database disk image is malformed"),
        "this file is not an SQLite database (or is damaged): point the URL at another file",
    ),
    (
        ("password authentication failed", "authentication failed"),
        "check the user name and password",
    ),
    (
        ("does not exist",),
        "check the database name, or create the database first",
    ),
    (
        (
            "connection refused",
            "could not translate host name",
            "name or service not known",
            "timeout expired",
            "connection failed",
        ),
        "check the host and port and that the database server is running",
    ),
    (
        ("database is locked",),
        "another program holds the database locked: close it and try again",
    ),
)


def advice(reason: str) -> str:
    """``reason`` followed by what to do about it, when we know."""
    low = reason.lower()
    for needles, advice in ADVICE:
        if any(n in low for n in needles):
            return f"{reason}; {advice}"
    return reason


def reason(exc: SQLAlchemyError) -> str:
    """The first line of the driver's own message for ``exc``."""
    orig = getattr(exc, "orig", None)
    text_ = str(orig if orig is not None else exc).strip().splitlines()
    return text_[0] if text_ else type(exc).__name__


def describe(exc: SQLAlchemyError, engine: Engine) -> str:
    """The driver's reason for ``exc``, secrets masked, followed by what to do."""
    return advice(urls.scrub(reason(exc), engine.url))


@contextmanager
def translated(engine: Engine, doing: str) -> Iterator[None]:
    """Raise a driver error inside the block as ``DatabaseError("cannot {doing} URL: ...")``."""
    try:
        yield
    except SQLAlchemyError as exc:
        raise DatabaseError(
            f"cannot {doing} {urls.masked(engine.url)}: {describe(exc, engine)}"
        ) from exc
