"""Reading records back: rows of every kind by id, rebuilt into domain objects.

A :class:`Reader` reads a whole list of ids with one statement per table (500
ids at a time), never one per record, and returns the objects in the order
asked.  Events are built by :mod:`catimeline._store.hydrate` from their rows
and the child rows :mod:`catimeline._store.event_children` reads.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from sqlalchemy import Connection, Row, Select, Table, bindparam, select

from catimeline._model import (
    Actor,
    Citation,
    Event,
    Name,
    Participant,
    Place,
    Project,
    Quantity,
    Relation,
    Source,
    StatusChange,
    Tenure,
    quantity,
)
from catimeline._store import event_children
from catimeline._store import schema as s
from catimeline._store.batches import chunks, paused_gc
from catimeline._store.hydrate import EventRows
from catimeline._store.shapes import EVENT_ID, EVENT_READ_COLUMNS

_c = s.citations.c
# Built once: constructing a statement costs more than running a cached one.
_CITATIONS = (
    select(_c.owner_id, _c.part, _c.source_id, _c.start, _c.end)
    .where(_c.owner_kind == bindparam("kind"), _c.owner_id.in_(bindparam("ids", expanding=True)))
    .order_by(_c.owner_id, _c.part, _c.seq)
)
_CHILD_QUERIES: dict[tuple[Table, str], tuple[Select[Any], int]] = {}


def _children_query(table: Table, owner_col: str) -> tuple[Select[Any], int]:
    """The statement reading ``table``'s rows of some owners (``ids``), and the owner's column."""
    key = (table, owner_col)
    found = _CHILD_QUERIES.get(key)
    if found is None:
        col = table.c[owner_col]
        query = (
            select(table)
            .where(col.in_(bindparam("ids", expanding=True)))
            .order_by(col, table.c.seq)
        )
        found = _CHILD_QUERIES[key] = (query, list(table.c).index(col))
    return found


def _names(rows: Iterable[Row[Any]]) -> tuple[Name, ...]:
    return tuple(
        Name(r.name, r.type, since=r.since, until=r.until, note=r.note)
        for r in rows
        if r.type != "name"
    )


def _figures(rows: Iterable[Row[Any]]) -> tuple[Quantity, ...]:
    return tuple(
        quantity(r.name, r.value, r.unit, printed=r.printed, approx=bool(r.approx), note=r.note)
        for r in rows
    )


class Reader:
    """Reads domain objects over one SQLAlchemy connection (in its transaction)."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection

    def _children(
        self, table: Table, owner_col: str, ids: Sequence[str]
    ) -> dict[str, list[Row[Any]]]:
        found: dict[str, list[Row[Any]]] = defaultdict(list)
        query, at = _children_query(table, owner_col)
        for chunk in chunks(ids):
            for row in self.connection.execute(query, {"ids": list(chunk)}).all():
                found[row[at]].append(row)
        return found

    def _citations(
        self, owner_kind: str, ids: Sequence[str]
    ) -> dict[tuple[str, int], tuple[Citation, ...]]:
        """Citations by (owner id, part): part 0 is the owner's own, n + 1 its status step n."""
        found: dict[tuple[str, int], list[Citation]] = defaultdict(list)
        for chunk in chunks(ids):
            params = {"kind": owner_kind, "ids": list(chunk)}
            for owner_id, part, source_id, start, end in self.connection.execute(
                _CITATIONS, params
            ).all():
                found[(owner_id, part)].append(Citation(source_id, start, end))
        return {k: tuple(v) for k, v in found.items()}

    def _main_rows(self, table: Table, ids: Sequence[str]) -> dict[str, Row[Any]]:
        rows: dict[str, Row[Any]] = {}
        for chunk in chunks(ids):
            for row in self.connection.execute(select(table).where(table.c.id.in_(chunk))).all():
                rows[row.id] = row
        return rows

    def sources(self, ids: Sequence[str]) -> list[Source]:
        """Sources by id, in the order asked (missing ids are skipped)."""
        rows = self._main_rows(s.sources, ids)
        return [
            Source(
                r.id,
                r.document,
                r.title,
                publisher=r.publisher,
                author=r.author,
                published=r.published,
                published_how=r.published_how,
                sha256=r.sha256,
                start=r.start,
                end=r.end,
                notes=r.notes,
                url=r.url,
            )
            for i in ids
            if (r := rows.get(i)) is not None
        ]

    def actors(self, ids: Sequence[str]) -> list[Actor]:
        """Actors by id, in the order asked (missing ids are skipped)."""
        rows = self._main_rows(s.actors, ids)
        names = self._children(s.actor_names, "actor_id", ids)
        relations = self._children(s.actor_relations, "actor_id", ids)
        cites = self._citations("actor", ids)
        return [
            Actor(
                r.id,
                r.name,
                r.kind,
                country=r.country,
                names=_names(names[i]),
                relations=tuple(
                    Relation(x.type, x.other_id, since=x.since, until=x.until, note=x.note)
                    for x in relations[i]
                ),
                description=r.description,
                citations=cites.get((i, 0), ()),
                notes=r.notes,
            )
            for i in ids
            if (r := rows.get(i)) is not None
        ]

    def places(self, ids: Sequence[str]) -> list[Place]:
        """Places by id, in the order asked (missing ids are skipped)."""
        rows = self._main_rows(s.places, ids)
        names = self._children(s.place_names, "place_id", ids)
        ops = self._children(s.place_operators, "place_id", ids)
        cites = self._citations("place", ids)
        return [
            Place(
                r.id,
                r.name,
                r.kind,
                parent=r.parent_id,
                country=r.country,
                coordinates=None if r.lat is None else (r.lat, r.lon),
                names=_names(names[i]),
                operators=tuple(
                    Tenure(o.actor_id, o.role, since=o.since, until=o.until, note=o.note)
                    for o in ops[i]
                ),
                notes=r.notes,
                citations=cites.get((i, 0), ()),
            )
            for i in ids
            if (r := rows.get(i)) is not None
        ]

    def projects(self, ids: Sequence[str]) -> list[Project]:
        """Projects by id, in the order asked (missing ids are skipped)."""
        rows = self._main_rows(s.projects, ids)
        names = self._children(s.project_names, "project_id", ids)
        countries = self._children(s.project_countries, "project_id", ids)
        places = self._children(s.project_places, "project_id", ids)
        parts = self._children(s.project_participants, "project_id", ids)
        figures = self._children(s.project_figures, "project_id", ids)
        statuses = self._children(s.project_status, "project_id", ids)
        cites = self._citations("project", ids)
        return [
            Project(
                r.id,
                r.name,
                r.kind,
                countries=tuple(c.country for c in countries[i]),
                places=tuple(p.place_id for p in places[i]),
                participants=tuple(Participant(p.actor_id, p.role, p.note) for p in parts[i]),
                figures=_figures(figures[i]),
                status=tuple(
                    StatusChange(
                        st.status,
                        st.date,
                        planned=bool(st.planned),
                        date_how=st.date_how,
                        event=st.event_id,
                        citations=cites.get((i, st.seq + 1), ()),
                        note=st.note,
                    )
                    for st in statuses[i]
                ),
                citations=cites.get((i, 0), ()),
                notes=r.notes,
                names=_names(names[i]),
            )
            for i in ids
            if (r := rows.get(i)) is not None
        ]

    def events(self, ids: Sequence[str]) -> list[Event]:
        """Events (Accidents where they are) by id, in the order asked."""
        rows: dict[str, Any] = {}
        for chunk in chunks(ids):
            query = select(*EVENT_READ_COLUMNS).where(s.events.c.id.in_(chunk))
            for row in self.connection.execute(query).all():
                rows[row[EVENT_ID]] = row
        return self.event_rows([r for i in ids if (r := rows.get(i)) is not None]).build()

    def event_rows(self, rows: Sequence[Any]) -> EventRows:
        """Event rows (the columns of :data:`~catimeline._store.shapes.EVENT_READ_COLUMNS`,
        a query's own) with their child rows, in the rows' order.

        Only the child rows (places, participants, figures, tags, citations) are
        read, 500 events at a time; objects are built when asked.
        """
        with paused_gc():
            # In id order, so each statement reads one stretch of every child index.
            ids = sorted([r[EVENT_ID] for r in rows])
            return EventRows(rows, event_children.read(self.connection, ids))

    def get(self, kind: str, ids: Sequence[str]) -> list[Any]:
        """Records of ``kind`` by id."""
        readers: dict[str, Callable[[Sequence[str]], list[Any]]] = {
            "source": self.sources,
            "actor": self.actors,
            "place": self.places,
            "project": self.projects,
            "event": self.events,
        }
        return readers[kind](ids)

    def event_sort_key(self, event_id: str) -> tuple[dt.date, dt.date, str, str] | None:
        """The (earliest, latest, date, id) key an ``after=`` cursor resumes from."""
        e = s.events.c
        row = self.connection.execute(
            select(e.earliest, e.latest, e.date, e.id).where(e.id == event_id)
        ).first()
        return None if row is None else (row.earliest, row.latest, row.date, row.id)
