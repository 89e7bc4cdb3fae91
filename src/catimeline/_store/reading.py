"""Reading records back: rows of every kind by id, rebuilt into domain objects.

A :class:`Reader` reads a whole list of ids with one statement per table (500
ids at a time), never one per record, and returns the objects in the order
asked.  One reader serves sources, actors, places and projects: each kind only
says how one record is built from its row, its child rows (the tables of
:data:`~catimeline._store.shapes.CHILD_TABLES`) and its citations
(``_BUILDERS``), a function chosen once per batch.  Events are built by
:mod:`catimeline._store.hydrate` from their rows and the child rows
:mod:`catimeline._store.event_children` reads.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from operator import itemgetter
from typing import Any, TypeVar

import attrs
from sqlalchemy import Connection, Row, Select, Table, bindparam, select

from catimeline import _model as m
from catimeline._store import event_children
from catimeline._store import schema as s
from catimeline._store.batches import chunks, paused_gc
from catimeline._store.hydrate import EventRows
from catimeline._store.shapes import CHILD_TABLES, EVENT_ID, EVENT_READ_COLUMNS, MAIN_TABLES

T = TypeVar("T")

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


#: Citations by (owner id, part): part 0 is the owner's own, n + 1 its status step n.
_Cites = dict[tuple[str, int], tuple[m.Citation, ...]]
#: Child rows by owner id (a missing owner has none).
_Children = defaultdict[str, list[Row[Any]]]


def _fields(table: Table, *columns: str) -> itemgetter[Any]:
    """The values of ``columns``, in that order, from a row of ``table`` read whole (by
    position: a row's attribute look-up by name costs about ten times more)."""
    keys = table.c.keys()
    return itemgetter(*[keys.index(c) for c in columns])


# The fields of Name, Relation and Tenure, in their classes' order: (first, second, since,
# until, note).  Every names table has the columns of actor_names (schema._names).
_NAME_FIELDS = _fields(s.actor_names, "name", "type", "since", "until", "note")
_RELATION_FIELDS = _fields(s.actor_relations, "type", "other_id", "since", "until", "note")
_TENURE_FIELDS = _fields(s.place_operators, "actor_id", "role", "since", "until", "note")


def _dated(
    cls: Callable[..., T], rows: Iterable[Row[Any]], fields: itemgetter[Any]
) -> tuple[T, ...]:
    """Names, relations or tenures: ``cls(*fields)`` of each row."""
    return tuple(cls(*fields(r)) for r in rows)


#: A source row's values in the order of Source's fields: each field is the column of its name.
_source_values = _fields(s.sources, *[a.name for a in attrs.fields(m.Source)])


def _source(i: str, r: Row[Any], cites: _Cites) -> m.Source:
    return m.Source(*_source_values(r))


def _names(rows: Iterable[Row[Any]]) -> tuple[m.Name, ...]:
    # The current name (type 'name') is the record's own name, not one of its other names.
    return tuple(m.Name(*v) for v in map(_NAME_FIELDS, rows) if v[1] != "name")


def _named(i: str, r: Row[Any], cites: _Cites, names: _Children) -> dict[str, Any]:
    """The fields every actor, place and project (``i``) has: id, name, kind, other names,
    notes and their own citations."""
    return {
        "id": i,
        "name": r.name,
        "kind": r.kind,
        "names": _names(names[i]),
        "notes": r.notes,
        "citations": cites.get((i, 0), ()),
    }


def _actor(i: str, r: Row[Any], cites: _Cites, names: _Children, relations: _Children) -> m.Actor:
    return m.Actor(
        **_named(i, r, cites, names),
        country=r.country,
        description=r.description,
        relations=_dated(m.Relation, relations[i], _RELATION_FIELDS),
    )


def _place(i: str, r: Row[Any], cites: _Cites, names: _Children, operators: _Children) -> m.Place:
    return m.Place(
        **_named(i, r, cites, names),
        parent=r.parent_id,
        country=r.country,
        coordinates=None if r.lat is None else (r.lat, r.lon),
        operators=_dated(m.Tenure, operators[i], _TENURE_FIELDS),
    )


def _figures(rows: Iterable[Row[Any]]) -> tuple[m.Quantity, ...]:
    return tuple(
        m.quantity(r.name, r.value, r.unit, printed=r.printed, approx=bool(r.approx), note=r.note)
        for r in rows
    )


def _status(i: str, rows: Iterable[Row[Any]], cites: _Cites) -> tuple[m.StatusChange, ...]:
    """Project ``i``'s status steps, each with its citations (part n + 1 for step n)."""
    return tuple(
        m.StatusChange(
            st.status,
            st.date,
            planned=bool(st.planned),
            date_how=st.date_how,
            event=st.event_id,
            citations=cites.get((i, st.seq + 1), ()),
            note=st.note,
        )
        for st in rows
    )


def _project(
    i: str,
    r: Row[Any],
    cites: _Cites,
    names: _Children,
    countries: _Children,
    places: _Children,
    participants: _Children,
    figures: _Children,
    statuses: _Children,
) -> m.Project:
    return m.Project(
        **_named(i, r, cites, names),
        countries=tuple(c.country for c in countries[i]),
        places=tuple(p.place_id for p in places[i]),
        participants=tuple(m.Participant(p.actor_id, p.role, p.note) for p in participants[i]),
        figures=_figures(figures[i]),
        status=_status(i, statuses[i], cites),
    )


#: How a record of each kind (but events) is built: from its id and row, the citations,
#: and the child rows of each of its child tables (in the order of CHILD_TABLES) by owner.
_BUILDERS: dict[str, Callable[..., m.Record]] = {
    "source": _source,
    "actor": _actor,
    "place": _place,
    "project": _project,
}
#: Kinds whose records cite sources (events are read by Reader.events).
_CITING = frozenset({"actor", "place", "project"})


class Reader:
    """Reads domain objects over one SQLAlchemy connection (in its transaction)."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection

    def _children(self, table: Table, owner_col: str, ids: Sequence[str]) -> _Children:
        found: _Children = defaultdict(list)
        query, at = _children_query(table, owner_col)
        for chunk in chunks(ids):
            for row in self.connection.execute(query, {"ids": list(chunk)}).all():
                found[row[at]].append(row)
        return found

    def _citations(self, owner_kind: str, ids: Sequence[str]) -> _Cites:
        """Citations by (owner id, part)."""
        found: dict[tuple[str, int], list[m.Citation]] = defaultdict(list)
        for chunk in chunks(ids):
            params = {"kind": owner_kind, "ids": list(chunk)}
            for owner_id, part, source_id, start, end in self.connection.execute(
                _CITATIONS, params
            ).all():
                found[(owner_id, part)].append(m.Citation(source_id, start, end))
        return {k: tuple(v) for k, v in found.items()}

    def _main_rows(self, table: Table, ids: Sequence[str]) -> dict[str, Row[Any]]:
        rows: dict[str, Row[Any]] = {}
        for chunk in chunks(ids):
            for row in self.connection.execute(select(table).where(table.c.id.in_(chunk))).all():
                rows[row.id] = row
        return rows

    def _records(self, kind: str, ids: Sequence[str]) -> list[Any]:
        """Records of ``kind`` (not events) by id, in the order asked (missing ids are
        skipped): each of its tables read once per 500 ids, each record built by its kind's
        builder."""
        build = _BUILDERS[kind]
        rows = self._main_rows(MAIN_TABLES[kind], ids)
        children = [self._children(t, f"{kind}_id", ids) for t in CHILD_TABLES[kind]]
        cites = self._citations(kind, ids) if kind in _CITING else {}
        return [build(i, r, cites, *children) for i in ids if (r := rows.get(i)) is not None]

    def sources(self, ids: Sequence[str]) -> list[m.Source]:
        """Sources by id, in the order asked (missing ids are skipped)."""
        return self._records("source", ids)

    def actors(self, ids: Sequence[str]) -> list[m.Actor]:
        """Actors by id, in the order asked (missing ids are skipped)."""
        return self._records("actor", ids)

    def places(self, ids: Sequence[str]) -> list[m.Place]:
        """Places by id, in the order asked (missing ids are skipped)."""
        return self._records("place", ids)

    def projects(self, ids: Sequence[str]) -> list[m.Project]:
        """Projects by id, in the order asked (missing ids are skipped)."""
        return self._records("project", ids)

    def events(self, ids: Sequence[str]) -> list[m.Event]:
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
        return self.events(ids) if kind == "event" else self._records(kind, ids)

    def event_sort_key(self, event_id: str) -> tuple[dt.date, dt.date, str, str] | None:
        """The (earliest, latest, date, id) key an ``after=`` cursor resumes from."""
        e = s.events.c
        row = self.connection.execute(
            select(e.earliest, e.latest, e.date, e.id).where(e.id == event_id)
        ).first()
        return None if row is None else (row.earliest, row.latest, row.date, row.id)
