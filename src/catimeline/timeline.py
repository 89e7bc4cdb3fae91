"""``Timeline``: an open database of the timeline, and ``open()`` to get one."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, make_url, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, SQLAlchemyError

from catimeline.dates import DateLike
from catimeline.errors import DatabaseError, ReadOnlyError
from catimeline.model import Accident, Actor, Event, Place, Project, Record, Source
from catimeline.query import EntityQuery, EventQuery, Ref, Refs, one
from catimeline.results import Results

DEFAULT_FILE = "catimeline.db"


def default_url() -> str:
    """``$CATIMELINE_URL``, else an SQLite file in the user data folder."""
    env = os.environ.get("CATIMELINE_URL")
    if env:
        return env
    from platformdirs import user_data_dir

    folder = Path(user_data_dir("catimeline", appauthor=False))
    return f"sqlite:///{folder / DEFAULT_FILE}"


def safe_url(url: URL | str) -> str:
    """The URL as text with any password masked, for messages and logs."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except (ArgumentError, ValueError):
        return "<unreadable database URL>"


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def _engine(url: str | URL, readonly: bool) -> Engine:
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise DatabaseError(
            f"{safe_url(url)!r} is not a database URL: use sqlite:///path/to/file.db or "
            "postgresql+psycopg://user@host/dbname"
        ) from exc
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    kwargs: dict[str, Any] = {}
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database
        if database and database != ":memory:" and not database.startswith("file:"):
            path = Path(database).expanduser()
            if readonly:
                if not path.exists():
                    raise DatabaseError(f"no database file at {path} to open read-only")
                parsed = parsed.set(database=f"file:{path}?mode=ro", query={"uri": "true"})
            else:
                try:
                    path.parent.mkdir(parents=True, exist_ok=True)
                except OSError as exc:
                    raise DatabaseError(
                        f"cannot create the folder for {path}: {exc.strerror}"
                    ) from exc
        kwargs["connect_args"] = {"timeout": 30}
    elif readonly:
        kwargs["connect_args"] = {"options": "-c default_transaction_read_only=on"}
    try:
        engine = create_engine(parsed, **kwargs)
    except NoSuchModuleError as exc:
        raise DatabaseError(
            f"no SQLAlchemy driver for {parsed.drivername!r}: use sqlite or postgresql+psycopg"
        ) from exc
    except (ArgumentError, ImportError) as exc:
        raise DatabaseError(f"cannot use {safe_url(parsed)}: {exc}") from exc
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


@contextmanager
def _setup_lock(engine: Engine) -> Iterator[None]:
    """One process at a time migrates and seeds a database; the others wait, then see it done."""
    if engine.dialect.name == "postgresql":
        with engine.connect() as connection:
            connection.execute(text("SELECT pg_advisory_lock(735021)"))
            try:
                yield
            finally:
                connection.execute(text("SELECT pg_advisory_unlock(735021)"))
                connection.commit()
        return
    database = engine.url.database
    if engine.dialect.name != "sqlite" or not database or database == ":memory:":
        yield
        return
    import fcntl

    with Path(f"{database}.lock").open("a+b") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


class Timeline:
    """An open timeline database.  Query it; close it (or use ``with``) when done."""

    def __init__(self, engine: Engine, *, readonly: bool = False) -> None:
        self._engine = engine
        self.readonly = readonly

    # -- lifecycle

    @property
    def engine(self) -> Engine:
        """The SQLAlchemy Engine, for ``pandas.read_sql`` and your own SQL."""
        return self._engine

    @property
    def url(self) -> str:
        """The database URL, with any password masked."""
        return safe_url(self._engine.url)

    def close(self) -> None:
        """Release the database connections."""
        self._engine.dispose()

    def __enter__(self) -> Timeline:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<Timeline {self.url}{' read-only' if self.readonly else ''}>"

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        try:
            with self._engine.connect() as connection:
                yield connection
        except SQLAlchemyError as exc:
            raise DatabaseError(f"cannot read {self.url}: {_reason(exc)}") from exc

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        if self.readonly:
            raise ReadOnlyError(
                f"this timeline ({self.url}) was opened read-only: open it with "
                "readonly=False to write"
            )
        try:
            with self._engine.begin() as connection:
                yield connection
        except SQLAlchemyError as exc:
            raise DatabaseError(f"cannot write to {self.url}: {_reason(exc)}") from exc

    # -- queries

    def events(
        self,
        *,
        actor: Refs = None,
        kind: str | Iterable[str] | None = None,
        country: Refs = None,
        place: Refs = None,
        project: Refs = None,
        text: str | None = None,
        since: DateLike | None = None,
        until: DateLike | None = None,
        during: DateLike | None = None,
        match: str = "overlaps",
        order: str = "date",
        limit: int | None = None,
        after: str | Event | None = None,
    ) -> Results[Event]:
        """Events matching every filter given.

        ``actor`` matches any name the actor ever had; ``kind`` takes a kind or a
        group (``incident``); ``country`` an ISO code or a country's name;
        ``place`` includes everything inside it; ``since``/``until``/``during``
        take EDTF text, a FuzzyDate or a date, and ``match`` says how an event's
        date must meet that window: ``overlaps`` (default), ``within``,
        ``possibly``.  ``order`` is ``date`` or ``-date``; ``after`` an event
        (or id) to continue from, for keyset paging with ``limit``.
        """
        with self._read() as connection:
            return EventQuery(connection).run(
                actor=actor,
                kind=kind,
                country=country,
                place=place,
                project=project,
                text=text,
                since=since,
                until=until,
                during=during,
                match=match,
                order=order,
                limit=limit,
                after=after,
                timeline=self,
            )

    def accidents(
        self,
        *,
        actor: Refs = None,
        country: Refs = None,
        place: Refs = None,
        project: Refs = None,
        text: str | None = None,
        since: DateLike | None = None,
        until: DateLike | None = None,
        during: DateLike | None = None,
        match: str = "overlaps",
        order: str = "date",
        limit: int | None = None,
        after: str | Event | None = None,
        min_deaths: int | None = None,
        cause: str | Iterable[str] | None = None,
        operator: Refs = None,
    ) -> Results[Accident]:
        """Accidents: the filters of :meth:`events` plus ``min_deaths``, ``cause``, ``operator``."""
        with self._read() as connection:
            return EventQuery(connection).run(
                actor=actor,
                country=country,
                place=place,
                project=project,
                text=text,
                since=since,
                until=until,
                during=during,
                match=match,
                order=order,
                limit=limit,
                after=after,
                accidents=True,
                min_deaths=min_deaths,
                cause=cause,
                operator=operator,
                timeline=self,
            )

    def projects(
        self,
        *,
        actor: Refs = None,
        country: Refs = None,
        kind: str | Iterable[str] | None = None,
        status: str | Iterable[str] | None = None,
        text: str | None = None,
        since: DateLike | None = None,
        until: DateLike | None = None,
        place: Refs = None,
        limit: int | None = None,
    ) -> Results[Project]:
        """Projects: by participant, country, kind, current ``status``, text, or a status
        step dated in the ``since``/``until`` window."""
        with self._read() as connection:
            return EntityQuery(connection).projects(
                actor=actor,
                country=country,
                kind=kind,
                status=status,
                text=text,
                since=since,
                until=until,
                place=place,
                limit=limit,
                timeline=self,
            )

    def actors(
        self,
        *,
        kind: str | Iterable[str] | None = None,
        country: str | None = None,
        text: str | None = None,
        limit: int | None = None,
    ) -> Results[Actor]:
        """Actors by kind, country, or text in any of their names."""
        with self._read() as connection:
            return EntityQuery(connection).actors(
                kind=kind, country=country, text=text, limit=limit, timeline=self
            )

    def places(
        self,
        *,
        kind: str | Iterable[str] | None = None,
        country: str | None = None,
        within: Refs = None,
        text: str | None = None,
        limit: int | None = None,
    ) -> Results[Place]:
        """Places by kind, country, a place they lie ``within``, or text in their names."""
        with self._read() as connection:
            return EntityQuery(connection).places(
                kind=kind, country=country, within=within, text=text, limit=limit, timeline=self
            )

    def actor(self, ref: Ref) -> Actor:
        """One actor by id, name or any alias (``"AMT"``, ``"Qarmet"``)."""
        with self._read() as connection:
            found: Actor = one(connection, "actor", ref)
            return found

    def place(self, ref: Ref) -> Place:
        """One place by id, name or other name (``"Karaganda"``)."""
        with self._read() as connection:
            found: Place = one(connection, "place", ref)
            return found

    def project(self, ref: Ref) -> Project:
        """One project by id or name."""
        with self._read() as connection:
            found: Project = one(connection, "project", ref)
            return found

    def event(self, ref: str) -> Event:
        """One event (or Accident) by id."""
        with self._read() as connection:
            found: Event = one(connection, "event", ref)
            return found

    def source(self, ref: str) -> Source:
        """One source (article) by id."""
        from catimeline.errors import UnknownName
        from catimeline.store.repository import Repository

        with self._read() as connection:
            found = Repository(connection).sources([ref])
        if not found:
            raise UnknownName(ref)
        return found[0]

    def ask(self, question: str) -> Results[Any]:
        """Answer a short question such as ``"all AMT incidents since 2021"``.

        ``results.query`` shows how the question was read; a word that cannot
        be placed raises :class:`~catimeline.QueryError` with close matches.
        """
        from catimeline.ask import ask

        return ask(self, question)

    # -- writing

    def add(self, records: Record | Iterable[Record]) -> int:
        """Add your own records (all in one transaction); seeding never touches them."""
        from catimeline.store.repository import Repository

        items = (
            [records] if isinstance(records, Actor | Place | Project | Event | Source) else records
        )
        with self._write() as connection:
            return Repository(connection).add(items, origin="user")


def _reason(exc: SQLAlchemyError) -> str:
    orig = getattr(exc, "orig", None)
    text_ = str(orig if orig is not None else exc).strip().splitlines()
    return text_[0] if text_ else type(exc).__name__


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
    from catimeline.store import migrate as migrations

    engine = _engine(url if url is not None else default_url(), readonly)
    timeline = Timeline(engine, readonly=readonly)
    try:
        with engine.connect():
            pass
    except SQLAlchemyError as exc:
        engine.dispose()
        raise DatabaseError(f"cannot open {safe_url(engine.url)}: {_reason(exc)}") from exc
    if readonly:
        return timeline
    try:
        if migrate or seed:
            with _setup_lock(engine):
                if migrate:
                    migrations.ensure_current(engine)
                if seed:
                    from catimeline.seeds import seed_if_changed

                    seed_if_changed(engine, progress=progress)
    except SQLAlchemyError as exc:
        engine.dispose()
        raise DatabaseError(f"cannot set up {safe_url(engine.url)}: {_reason(exc)}") from exc
    except BaseException:
        engine.dispose()
        raise
    return timeline
