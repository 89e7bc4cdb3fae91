"""``open()``: connect to a timeline database, check or set it up, and say why it cannot.

Opening connects once (so a database that cannot be opened fails here, not at the first
query), then checks that a read-only database is already at this library's schema, or
migrates and seeds a writable one under the setup lock.  On any failure the engine is
disposed of; a failure of the database itself becomes a :class:`~catimeline.DatabaseError`
that names the database (its secrets masked) and says what to do.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.engine import URL
from sqlalchemy.exc import SQLAlchemyError

from catimeline._errors import DatabaseError
from catimeline._store import failures, urls
from catimeline._store.engine import create as _engine
from catimeline._store.engine import setup_lock as _setup_lock
from catimeline._timeline import Timeline

DEFAULT_FILE = "catimeline.db"


def default_url() -> str:
    """``$CATIMELINE_URL``, else an SQLite file in the user data folder."""
    env = os.environ.get("CATIMELINE_URL")
    if env:
        return env
    from platformdirs import user_data_dir

    folder = Path(user_data_dir("catimeline", appauthor=False))
    return f"sqlite:///{folder / DEFAULT_FILE}"


def open(
    url: str | URL | None = None,
    *,
    migrate: bool = True,
    seed: bool = True,
    readonly: bool = False,
    progress: Callable[[str], None] | None = None,
) -> Timeline:
    """Open a timeline database: ``$CATIMELINE_URL`` or an embedded SQLite file by default.

    With ``migrate`` (default) the schema is brought to the newest revision;
    with ``seed`` (default) the bundled curated data is loaded when it changed.
    ``readonly=True`` opens for reading only (no migration, no seeding, writes
    refused).
    """
    given = url if url is not None else default_url()
    timeline = _connect(given, readonly)
    engine, shown = timeline.engine, timeline.url
    if readonly:
        try:
            _check_readable(engine, shown)
        except SQLAlchemyError as exc:
            engine.dispose()
            raise DatabaseError(f"cannot open {shown}: {failures.describe(exc, engine)}") from exc
        except BaseException:
            engine.dispose()
            raise
        return timeline
    if migrate or seed:
        _set_up(engine, shown, migrate=migrate, seed=seed, progress=progress)
    return timeline


def _connect(given: str | URL, readonly: bool) -> Timeline:
    """A timeline on ``given`` that has connected once, so a database it cannot open fails here."""
    engine = _engine(given, readonly)
    shown = urls.masked(given)
    try:
        _probe(engine)
    except SQLAlchemyError as exc:
        engine.dispose()
        if not (readonly and _unwritable_sqlite_folder(engine)):
            raise DatabaseError(f"cannot open {shown}: {_why(exc, engine)}") from exc
        # A WAL database on read-only media: nobody can write it, so read it as immutable.
        engine = _engine(given, readonly, immutable=True)
        try:
            _probe(engine)
        except SQLAlchemyError as exc2:
            engine.dispose()
            raise DatabaseError(f"cannot open {shown}: {failures.describe(exc2, engine)}") from exc2
    timeline = Timeline(engine, readonly=readonly)
    # Named as the caller gave it: the engine's own URL differs for a read-only SQLite file
    # (a file: URI) and holds no secret query values (they go to the driver apart).
    timeline._label = shown
    return timeline


def _set_up(
    engine: Engine,
    shown: str,
    *,
    migrate: bool,
    seed: bool,
    progress: Callable[[str], None] | None,
) -> None:
    """Migrate and seed under the setup lock; on failure dispose of the engine and say why."""
    from catimeline._store import migrate as migrations

    try:
        with _setup_lock(engine):
            if migrate:
                migrations.ensure_current(engine)
            if seed:
                from catimeline._seeds import seed_if_changed

                seed_if_changed(engine, progress=progress)
    except SQLAlchemyError as exc:
        engine.dispose()
        raise DatabaseError(f"cannot set up {shown}: {_why(exc, engine)}") from exc
    except OSError as exc:
        engine.dispose()
        raise DatabaseError(
            f"cannot set up {shown}: {failures.advice(exc.strerror or type(exc).__name__)}"
        ) from exc
    except BaseException:
        engine.dispose()
        raise


def _check_readable(engine: Engine, shown: str) -> None:
    """A read-only timeline must already be at this library's schema: nothing can fix it later."""
    from catimeline._errors import MigrationError
    from catimeline._store import migrate as migrations

    at = migrations.current(engine)
    if at is None:
        raise MigrationError(
            f"{shown} has no catimeline tables: open it once without readonly=True "
            "(or run `catimeline db upgrade` and `catimeline seed`)"
        )
    if at not in migrations.heads():
        known = at in set(migrations.revisions())
        raise MigrationError(
            f"{shown} is at schema revision {at!r}, "
            + (
                "older than this catimeline: open it once without readonly=True to upgrade it"
                if known
                else "which this catimeline does not know: upgrade the catimeline package"
            )
        )


def _unwritable_sqlite_folder(engine: Engine) -> bool:
    """Whether the engine reads an SQLite file in a folder this process cannot write."""
    if engine.dialect.name != "sqlite":
        return False
    database = engine.url.database or ""
    if not database.startswith("file:"):
        return False
    from urllib.parse import unquote

    path = Path(unquote(database[len("file:") :].split("?", 1)[0]))
    return path.is_file() and not os.access(path.parent, os.W_OK)


def _probe(engine: Engine) -> None:
    """Connect and read something, so a file that cannot be opened fails here."""
    with engine.connect() as connection:
        if engine.dialect.name == "sqlite":
            connection.exec_driver_sql("SELECT count(*) FROM sqlite_master").scalar()


def _why(exc: SQLAlchemyError, engine: Engine) -> str:
    """The reason for a failure to open or set up, and what to do about it."""
    reason = urls.scrub(failures.reason(exc), engine.url)
    database = engine.url.database or ""
    if engine.dialect.name == "sqlite" and database and not database.startswith("file:"):
        folder = Path(database).expanduser().parent
        if folder.is_dir() and not os.access(folder, os.W_OK):
            return (
                f"{reason}; its folder {folder} is read-only: open it with readonly=True, "
                "or make the folder writable"
            )
    return failures.advice(reason)
