"""``Timeline``: an open timeline database, to query and to write your own records.

:func:`catimeline.open` (in :mod:`catimeline._opening`) connects, sets up and returns one.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from types import TracebackType
from typing import Any, TypeVar

from sqlalchemy import Connection, Engine
from sqlalchemy.exc import SQLAlchemyError

from catimeline._dates import DateLike
from catimeline._errors import DatabaseError, QueryError, ReadOnlyError, UnknownName
from catimeline._model import Accident, Actor, Event, Place, Project, Record, Source
from catimeline._query import EntityQuery, Ref, Refs, one, plain_text
from catimeline._query.filters import EventFilters, ListingFilters, PlaceFilters, ProjectFilters
from catimeline._results import Results
from catimeline._store import failures, urls
from catimeline._store.sqlite import for_writing

#: Records per chunk when :meth:`Timeline.add` streams an iterator.
STREAM_CHUNK = 10_000
#: What :meth:`Timeline._one` finds.
_Found = TypeVar("_Found", Actor, Place, Project, Event)


class Timeline:
    """An open timeline database.  Query it; close it (or use ``with``) when done."""

    def __init__(self, engine: Engine, *, readonly: bool = False) -> None:
        self._engine = engine
        self.readonly = readonly
        self._label = urls.masked(engine.url)

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
        filters = ProjectFilters(
            actor=actor,
            include_affiliated=include_affiliated,
            country=country,
            kind=kind,
            status=status,
            text=text,
            since=since,
            until=until,
            place=place,
            limit=limit,
        )
        with self._read() as connection:
            return EntityQuery(connection).projects(filters, timeline=self)

    def actors(
        self,
        *,
        kind: str | Iterable[str] | None = None,
        country: str | None = None,
        text: str | None = None,
        limit: int | None = None,
    ) -> Results[Actor]:
        """Actors by kind, country, or text in any of their names."""
        filters = ListingFilters(kind=kind, country=country, text=text, limit=limit)
        with self._read() as connection:
            return EntityQuery(connection).actors(filters, timeline=self)

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
        filters = PlaceFilters(kind=kind, country=country, within=within, text=text, limit=limit)
        with self._read() as connection:
            return EntityQuery(connection).places(filters, timeline=self)

    def actor(self, ref: Ref) -> Actor:
        """One actor by id, name or any alias (``"AMT"``, ``"Qarmet"``)."""
        return self._one(Actor, ref)

    def place(self, ref: Ref) -> Place:
        """One place by id, name or other name (``"Karaganda"``)."""
        return self._one(Place, ref)

    def project(self, ref: Ref) -> Project:
        """One project by id, name or other name (``"TITR"``)."""
        return self._one(Project, ref)

    def event(self, ref: str) -> Event:
        """One event (or Accident) by id."""
        return self._one(Event, ref)

    def _one(self, record: type[_Found], ref: Ref) -> _Found:
        """The one ``record`` (Actor, Place, Project or Event) that ``ref`` names; an id
        merged into another record finds the survivor."""
        kind = record.__name__.lower()
        with self._read() as connection:
            try:
                found: _Found = one(connection, kind, ref)
            except UnknownName:
                from catimeline._store.writing import redirects

                moved = (
                    redirects(connection, kind, {ref}).get(ref) if isinstance(ref, str) else None
                )
                if moved is None:
                    raise
                found = one(connection, kind, moved)
            return found

    def source(self, ref: str) -> Source:
        """One source (article) by id."""
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
