"""Engines for a timeline database, and the lock that lets one process at a time set one up."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import ArgumentError, NoSuchModuleError

from catimeline._errors import DatabaseError
from catimeline._store import urls
from catimeline._store.sqlite import configure as configure_sqlite

#: The Postgres advisory lock held while a database is migrated and seeded.
SETUP_LOCK_KEY = 735021


def create(url: str | URL, readonly: bool, *, immutable: bool = False) -> Engine:
    """An engine for ``url``; read-only when asked (``immutable`` for SQLite on read-only media)."""
    parsed = urls.parse(url)
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.get_backend_name() == "sqlite":
        parsed = _sqlite_file(parsed, readonly, immutable)
        connect_args: dict[str, Any] = {"timeout": 30}
    else:
        connect_args = _read_only_options(parsed) if readonly else {}
    parsed, hidden = urls.without_secrets(parsed)
    if hidden and parsed.get_backend_name() != "sqlite":  # SQLite takes no such options
        connect_args = {**connect_args, **hidden}
    engine = _create(parsed, {"connect_args": connect_args} if connect_args else {})
    if engine.dialect.name == "sqlite":
        configure_sqlite(engine, readonly=readonly)
    return engine


def _sqlite_file(parsed: URL, readonly: bool, immutable: bool) -> URL:
    """The SQLite URL to open: a read-only file URI, or the given one with its folder made."""
    database = parsed.database
    if not database or database == ":memory:" or database.startswith("file:"):
        return parsed
    path = Path(database).expanduser()
    if not readonly:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise DatabaseError(f"cannot create the folder for {path}: {exc.strerror}") from exc
        return parsed
    if not path.exists():
        raise DatabaseError(f"no database file at {path} to open read-only")
    from urllib.parse import quote

    flags = "mode=ro&immutable=1" if immutable else "mode=ro"
    return parsed.set(database=f"file:{quote(str(path.resolve()))}?{flags}", query={"uri": "true"})


def _read_only_options(parsed: URL) -> dict[str, Any]:
    """Connection arguments that make every Postgres transaction read-only."""
    # Keep options the URL already gives (a search_path, say) and add read-only.
    given_options = parsed.query.get("options")
    if isinstance(given_options, tuple):
        given_options = " ".join(given_options)
    options = f"{given_options} " if given_options else ""
    return {"options": f"{options}-c default_transaction_read_only=on"}


def _create(parsed: URL, kwargs: dict[str, Any]) -> Engine:
    """SQLAlchemy's engine, with a driver or URL it cannot use reported as ``DatabaseError``."""
    try:
        return create_engine(parsed, **kwargs)
    except NoSuchModuleError as exc:
        raise DatabaseError(
            f"no SQLAlchemy driver for {parsed.drivername!r}: use sqlite or postgresql+psycopg"
        ) from exc
    except (ArgumentError, ImportError, TypeError, ValueError) as exc:
        raise DatabaseError(
            f"cannot use {urls.masked(parsed)}: {urls.scrub(str(exc), parsed)}; "
            "check the URL's options"
        ) from exc


@contextmanager
def setup_lock(engine: Engine) -> Iterator[None]:
    """One process at a time migrates and seeds a database; the others wait, then see it done."""
    if engine.dialect.name == "postgresql":
        with _advisory_lock(engine):
            yield
        return
    database = engine.url.database
    if engine.dialect.name != "sqlite" or not database or database == ":memory:":
        yield
        return
    with _file_lock(Path(f"{database}.lock")):
        yield


@contextmanager
def _advisory_lock(engine: Engine) -> Iterator[None]:
    """Postgres's advisory lock, held on a connection of its own."""
    with engine.connect() as connection:
        connection.execute(text(f"SELECT pg_advisory_lock({SETUP_LOCK_KEY})"))
        try:
            yield
        finally:
            connection.execute(text(f"SELECT pg_advisory_unlock({SETUP_LOCK_KEY})"))
            connection.commit()


@contextmanager
def _file_lock(path: Path) -> Iterator[None]:
    """An exclusive lock on a file beside the SQLite database."""
    import fcntl

    try:
        lock = path.open("a+b")  # closed by the with below
    except OSError:
        # A folder we cannot write to: nobody can migrate or seed there, so no
        # lock is needed; a write that turns out necessary fails as DatabaseError.
        yield
        return
    with lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
