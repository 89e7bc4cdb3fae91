"""``Timeline``: an open database of the timeline, and ``open()`` to get one."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import Any

from sqlalchemy import Connection, Engine
from sqlalchemy.engine import URL
from sqlalchemy.exc import SQLAlchemyError

from catimeline._dates import DateLike
from catimeline._errors import DatabaseError, QueryError, ReadOnlyError
from catimeline._model import Accident, Actor, Event, Place, Project, Record, Source
from catimeline._query import EntityQuery, one, plain_text
from catimeline._query.filters import EventFilters, Ref, Refs
from catimeline._results import Results
from catimeline._store import failures, urls
from catimeline._store.engine import create as _engine
from catimeline._store.engine import setup_lock as _setup_lock
from catimeline._store.sqlite import for_writing

DEFAULT_FILE = "catimeline.db"
#: Records per chunk when :meth:`Timeline.add` streams an iterator.
STREAM_CHUNK = 10_000


def default_url() -> str:
    """``$CATIMELINE_URL``, else an SQLite file in the user data folder."""
    env = os.environ.get("CATIMELINE_URL")
    if env:
        return env
    from platformdirs import user_data_dir

    folder = Path(user_data_dir("catimeline", appauthor=False))
    return f"sqlite:///{folder / DEFAULT_FILE}"


def safe_url(url: URL | str) -> str:
    """The URL as text with its password and secret query values masked, for messages."""
    return urls.masked(url)


def _scrub(message: str, url: URL | str | None) -> str:
    """``message`` with every secret of the URL masked, wherever it appears."""
    return urls.scrub(message, url)


class Timeline:
    """An open timeline database.  Query it; close it (or use ``with``) when done."""

    def __init__(self, engine: Engine, *, readonly: bool = False) -> None:
        self._engine = engine
        self.readonly = readonly
        self._label = safe_url(engine.url)

    # -- lifecycle

    @property
    def engine(self) -> Engine:
        """The SQLAlchemy Engine, for ``pandas.read_sql`` and your own SQL."""
        return self._engine

    @property
    def url(self) -> str:
        """The database URL, with any password masked."""
        return self._label

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
            raise DatabaseError(
                f"cannot read {self.url}: {failures.describe(exc, self._engine)}"
            ) from exc
        except UnicodeEncodeError as exc:
            from catimeline._errors import QueryError

            raise QueryError(
                f"a filter holds text that is not valid Unicode ({exc.reason}): remove it"
            ) from exc

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        if self.readonly:
            raise ReadOnlyError(
                f"this timeline ({self.url}) was opened read-only: open it with "
                "readonly=False to write"
            )
        try:
            with for_writing(self._engine).begin() as connection:
                yield connection
        except SQLAlchemyError as exc:
            raise DatabaseError(
                f"cannot write to {self.url}: {failures.describe(exc, self._engine)}"
            ) from exc

    # -- queries

    def events(
        self,
        *,
        actor: Refs = None,
        actors_all: Refs = None,
        include_affiliated: bool = False,
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

        ``actor`` matches any name the actor ever had (a list: any of them took
        part); ``actors_all`` a list of actors that must all take part;
        ``include_affiliated`` widens each named actor to the actors affiliated
        with it; ``kind`` takes a kind or a group (``incident``, ``finance``);
        ``country`` an ISO code or a country's name; ``place`` includes
        everything inside it; ``since``/``until``/``during`` take EDTF text, a
        FuzzyDate or a date, and ``match`` says how an event's date must meet
        that window: ``overlaps`` (default), ``within``, ``possibly``.
        ``order`` is ``date``, ``-date``, ``deaths``, ``injured`` or ``money``;
        ``after`` an event (or id) to continue from, for keyset paging with
        ``limit``.  See docs/querying.md for every rule.
        """
        return self.query(
            EventFilters(
                actor=actor,
                actors_all=actors_all,
                include_affiliated=include_affiliated,
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
            )
        )

    def accidents(
        self,
        *,
        actor: Refs = None,
        actors_all: Refs = None,
        include_affiliated: bool = False,
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
        return self.query(
            EventFilters(
                actor=actor,
                actors_all=actors_all,
                include_affiliated=include_affiliated,
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
            )
        )

    def query(self, filters: EventFilters, *, question: str | None = None) -> Results[Any]:
        """Run one :class:`~catimeline.EventFilters` (events, or accidents when
        ``filters.accidents``); ``question`` is shown in ``results.query``."""
        from catimeline._query import twins

        with self._read() as connection:
            return twins.run(connection, filters, question=question, timeline=self)

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
        include_affiliated: bool = False,
    ) -> Results[Project]:
        """Projects: by participant (``include_affiliated`` widens each actor as in
        :meth:`events`), country, kind, current ``status``, text in any of their names, or
        a status step dated in the ``since``/``until`` window."""
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
                include_affiliated=include_affiliated,
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
            found: Actor = _redirected(one, connection, "actor", ref)
            return found

    def place(self, ref: Ref) -> Place:
        """One place by id, name or other name (``"Karaganda"``)."""
        with self._read() as connection:
            found: Place = _redirected(one, connection, "place", ref)
            return found

    def project(self, ref: Ref) -> Project:
        """One project by id, name or other name (``"TITR"``)."""
        with self._read() as connection:
            found: Project = _redirected(one, connection, "project", ref)
            return found

    def event(self, ref: str) -> Event:
        """One event (or Accident) by id."""
        with self._read() as connection:
            found: Event = _redirected(one, connection, "event", ref)
            return found

    def source(self, ref: str) -> Source:
        """One source (article) by id."""
        from catimeline._errors import QueryError, UnknownName
        from catimeline._store.repository import Repository

        if not isinstance(ref, str) or not ref.strip() or not plain_text(ref):
            raise QueryError(f"source must be a source id (text), not {ref!r}")
        with self._read() as connection:
            found = Repository(connection).sources([ref])
            if not found:
                from catimeline._store.writing import redirects

                moved = redirects(connection, "source", {ref}).get(ref)
                found = Repository(connection).sources([moved]) if moved else []
        if not found:
            raise UnknownName(ref)
        return found[0]

    def ask(self, question: str) -> Results[Any]:
        """Answer a short question such as ``"all AMT incidents since 2021"``.

        ``results.query`` shows how the question was read; a word that cannot
        be placed raises :class:`~catimeline.QueryError` with close matches.
        """
        from catimeline._ask import ask

        return ask(self, question)

    # -- writing

    def add(self, records: Record | Iterable[Record], *, chunk_size: int | None = None) -> int:
        """Add your own records (all in one transaction); seeding never touches them.

        Every record is validated first, like the seeds (see ``catimeline._validate``):
        any problem raises :class:`~catimeline.InvalidRecords` listing each one by
        record id and field, and nothing is written.  An id that already exists is
        refused (change your own records with :meth:`update`).

        Returns how many records were written.  A list (or any collection) is
        written whole, in any order.  An iterator or generator is streamed:
        read, validated and written ``chunk_size`` records at a time (default
        :data:`STREAM_CHUNK`), so a million events load in flat memory; give
        parents (sources, actors, places, projects) before the events that
        refer to them.  ``chunk_size`` streams a collection the same way.
        """
        from catimeline._store.repository import Repository
        from catimeline._store.writing import as_records, forget_redirects, new_only

        items = as_records(records, "add")
        if chunk_size is not None and (
            isinstance(chunk_size, bool) or not isinstance(chunk_size, int) or chunk_size < 1
        ):
            raise QueryError(f"chunk_size must be a whole number >= 1, not {chunk_size!r}")
        if chunk_size is None and isinstance(items, Iterator):
            chunk_size = STREAM_CHUNK
        with self._write() as connection:

            def check(batch: list[Record]) -> list[Record]:
                checked = new_only(connection, batch)
                forget_redirects(connection, checked)
                return checked

            return Repository(connection).add(
                items, origin="user", chunk_size=chunk_size, check=check
            )

    def update(self, records: Record | Iterable[Record]) -> dict[str, int]:
        """Write your own records by id: change those that exist, add the others (upsert).

        Validated like :meth:`add`, all or nothing.  Curated seed records cannot be
        changed (:class:`~catimeline.ProtectedRecord`).  Returns
        ``{"added": n, "updated": m}``.
        """
        from catimeline._store.writing import as_records, upsert

        items = list(as_records(records, "update"))
        with self._write() as connection:
            return upsert(connection, items)

    def remove(self, ids: str | Iterable[str], *, kind: str | None = None) -> int:
        """Remove your own records by id (``kind`` picks actor, place... when ids are shared).

        Refused with :class:`~catimeline.ProtectedRecord` for curated seed records and
        with :class:`~catimeline.RecordInUse` while other records refer to one (remove
        them in the same call, change them, or :meth:`merge`).  Returns how many went.
        """
        from catimeline._store.writing import remove

        wanted = [ids] if isinstance(ids, str) else list(ids)
        with self._write() as connection:
            return remove(connection, wanted, kind)

    def merge(self, old: str, into: str, *, kind: str | None = None) -> str:
        """Merge your own record ``old`` into ``into`` (a duplicate into the one to keep).

        Records that referred to ``old`` refer to ``into``; ``old`` is removed and
        looking it up (``tl.actor(old)``...) finds ``into`` from then on.  Returns ``into``.
        """
        from catimeline._store.writing import merge

        with self._write() as connection:
            return merge(connection, old, into, kind)


def _redirected(find: Callable[..., Any], connection: Connection, kind: str, ref: Ref) -> Any:
    """``find(connection, kind, ref)``; an id merged into another record finds the survivor."""
    from catimeline._errors import UnknownName
    from catimeline._store.writing import redirects

    try:
        return find(connection, kind, ref)
    except UnknownName:
        moved = redirects(connection, kind, {ref}).get(ref) if isinstance(ref, str) else None
        if moved is None:
            raise
        return find(connection, kind, moved)


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
    timeline = Timeline(engine, readonly=readonly)
    timeline._label = safe_url(given)
    shown = timeline.url
    try:
        _probe(engine)
    except SQLAlchemyError as exc:
        engine.dispose()
        if not (readonly and _unwritable_sqlite_folder(engine)):
            raise DatabaseError(f"cannot open {shown}: {_why(exc, engine)}") from exc
        # A WAL database on read-only media: nobody can write it, so read it as immutable.
        engine = _engine(given, readonly, immutable=True)
        timeline = Timeline(engine, readonly=readonly)
        timeline._label = shown
        try:
            _probe(engine)
        except SQLAlchemyError as exc2:
            engine.dispose()
            raise DatabaseError(f"cannot open {shown}: {failures.describe(exc2, engine)}") from exc2
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
    reason = _scrub(failures.reason(exc), engine.url)
    database = engine.url.database or ""
    if engine.dialect.name == "sqlite" and database and not database.startswith("file:"):
        folder = Path(database).expanduser().parent
        if folder.is_dir() and not os.access(folder, os.W_OK):
            return (
                f"{reason}; its folder {folder} is read-only: open it with readonly=True, "
                "or make the folder writable"
            )
    return failures.advice(reason)
