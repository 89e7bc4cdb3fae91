"""Database failures met outside a Timeline's own reads and writes, as typed errors.

A seed load or a migration check uses the engine directly; a driver error
there becomes a :class:`~catimeline.DatabaseError` with the same reason and
advice a query would give, and the URL's secrets masked.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from catimeline.errors import DatabaseError
from catimeline.store import urls


def describe(exc: SQLAlchemyError, engine: Engine) -> str:
    """The driver's reason for ``exc``, secrets masked, followed by what to do."""
    # The advice table lives with Timeline, which gives the same advice for its own reads.
    from catimeline.timeline import _advice, _reason

    return _advice(urls.scrub(_reason(exc), engine.url))


@contextmanager
def translated(engine: Engine, doing: str) -> Iterator[None]:
    """Raise a driver error inside the block as ``DatabaseError("cannot {doing} URL: ...")``."""
    try:
        yield
    except SQLAlchemyError as exc:
        raise DatabaseError(
            f"cannot {doing} {urls.masked(engine.url)}: {describe(exc, engine)}"
        ) from exc
