"""Records become rows: one description per record type, no database needed.

:func:`stage` turns records into the rows of their table and child tables,
gathered by table so each table is written with one ``executemany``
(:mod:`catimeline._store.inserting`).  Rows are dicts keyed by column name.
What each record type becomes is described once, in ``_KINDS``: the columns
of its own row, and its citations; each child table is described once, in
``_CHILD_ROWS``: the items of a record that become its rows and the columns
of one.  One loop serves every type.  To store a new record type, describe it
there.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from operator import attrgetter
from typing import Any, NamedTuple

from sqlalchemy import Table

from catimeline import _model as m
from catimeline._dates import FuzzyDate, to_date
from catimeline._names import name_key
from catimeline._store import schema as s
from catimeline._store.shapes import CHILD_TABLES, MAIN_TABLES

#: One row to insert: its values by column name.
RowDict = dict[str, Any]


def _text(value: FuzzyDate | None) -> str | None:
    return None if value is None else str(value)


def _bound(value: dt.date | None, default: dt.date) -> dt.date:
    return default if value is None else to_date(value)


# ----------------------------------------------------------------------- child rows
# The columns of the child row of one item of each kind (a name, a participant...);
# stage() adds the owner's id and the item's seq.


def _dated(x: m.Name | m.Relation | m.Tenure) -> RowDict:
    return {"since": _text(x.since), "until": _text(x.until), "note": x.note}


_UNDATED: RowDict = {"since": None, "until": None, "note": None}


def _name(n: str | m.Name) -> RowDict:
    """A name row; the current name (given as text) is stored as seq 0 of type 'name' so
    one index answers every lookup."""
    if isinstance(n, str):
        return {"name": n, "key": name_key(n), "type": "name"} | _UNDATED
    return {"name": n.name, "key": name_key(n.name), "type": n.type} | _dated(n)


def _names(r: m.Actor | m.Place | m.Project) -> tuple[str | m.Name, ...]:
    """The items of a record's name rows: its current name, then its other names."""
    return (r.name, *r.names)


def _relation(x: m.Relation) -> RowDict:
    return {"type": x.type, "other_id": x.actor} | _dated(x)


def _tenure(t: m.Tenure) -> RowDict:
    return {"actor_id": t.actor, "role": t.role} | _dated(t)


def _participant(p: m.Participant) -> RowDict:
    return {"actor_id": p.actor, "role": p.role, "note": p.note}


def _figure(f: m.Quantity) -> RowDict:
    return {
        "name": f.name,
        "value": f.value,
        "unit": f.unit,
        "printed": f.printed,
        "approx": f.approx,
        "note": f.note,
    }


def _status(st: m.StatusChange) -> RowDict:
    return {
        "status": st.status,
        "date": str(st.date),
        "earliest": _bound(st.date.earliest, s.MIN_DATE),
        "latest": _bound(st.date.latest, s.MAX_DATE),
        "planned": st.planned,
        "date_how": st.date_how,
        "event_id": st.event,
        "note": st.note,
    }


def _value(column: str) -> Callable[[Any], RowDict]:
    """The columns of a child row holding one plain value (a country, a place id, a tag)."""
    return lambda value: {column: value}


_country, _place, _tag = _value("country"), _value("place_id"), _value("tag")


# ----------------------------------------------------------------------- a record's own row


def _source_row(r: m.Source, origin: str) -> RowDict:
    return {
        "id": r.id,
        "document": r.document,
        "sha256": r.sha256,
        "title": r.title,
        "publisher": r.publisher,
        "author": r.author,
        "published": _text(r.published),
        "published_how": r.published_how,
        "start": r.start,
        "end": r.end,
        "notes": r.notes,
        "url": r.url,
        "origin": origin,
    }


def _named_row(r: m.Actor | m.Place | m.Project, origin: str) -> RowDict:
    """The columns every actor, place and project has (a project has no others)."""
    return {"id": r.id, "name": r.name, "kind": r.kind, "notes": r.notes, "origin": origin}


def _actor_row(r: m.Actor, origin: str) -> RowDict:
    return _named_row(r, origin) | {"country": r.country, "description": r.description}


def _place_row(r: m.Place, origin: str) -> RowDict:
    lat, lon = r.coordinates if r.coordinates else (None, None)
    return _named_row(r, origin) | {
        "parent_id": r.parent,
        "country": r.country,
        "lat": lat,
        "lon": lon,
    }


_DATE_COLUMNS: dict[str, tuple[dt.date, dt.date, dt.date, dt.date, str]] = {}


def _date_columns(d: FuzzyDate) -> tuple[dt.date, dt.date, dt.date, dt.date, str]:
    """(earliest, latest, possible earliest, possible latest, precision), memoised by text:
    a large load repeats the same few thousand dates."""
    text = str(d)
    found = _DATE_COLUMNS.get(text)
    if found is None:
        if len(_DATE_COLUMNS) > 65_536:
            _DATE_COLUMNS.clear()
        found = _DATE_COLUMNS[text] = (
            _bound(d.earliest, s.MIN_DATE),
            _bound(d.latest, s.MAX_DATE),
            _bound(d.possible_earliest, s.MIN_DATE),
            _bound(d.possible_latest, s.MAX_DATE),
            d.precision.value,
        )
    return found


def _event_row(r: m.Event, origin: str) -> RowDict:
    d = r.date
    earliest, latest, possible_earliest, possible_latest, precision = _date_columns(d)
    row: RowDict = {
        "id": r.id,
        "date": str(d),
        "kind": r.kind,
        "title": r.title,
        "summary": r.summary,
        "earliest": earliest,
        "latest": latest,
        "possible_earliest": possible_earliest,
        "possible_latest": possible_latest,
        "precision": precision,
        "date_how": r.date_how,
        "country": r.country,
        "project_id": r.project,
        "notes": r.notes,
        "origin": origin,
        "is_accident": False,
        "deaths": None,
        "injured": None,
        "cause": None,
        "facility_id": None,
        "operator_id": None,
    }
    if isinstance(r, m.Accident):
        row.update(
            is_accident=True,
            deaths=r.deaths,
            injured=r.injured,
            cause=r.cause,
            facility_id=r.facility,
            operator_id=r.operator,
        )
    return row


# ----------------------------------------------------------------------- every record type


#: The items of a record that become rows of a child table; the columns of one item's row.
_Items = Callable[[Any], Sequence[Any]]
_Columns = Callable[[Any], RowDict]

#: Each child table: the items of its record that become its rows, and one item's columns.
_CHILD_ROWS: dict[Table, tuple[_Items, _Columns]] = {
    s.actor_names: (_names, _name),
    s.actor_relations: (attrgetter("relations"), _relation),
    s.place_names: (_names, _name),
    s.place_operators: (attrgetter("operators"), _tenure),
    s.project_names: (_names, _name),
    s.project_countries: (attrgetter("countries"), _country),
    s.project_places: (attrgetter("places"), _place),
    s.project_participants: (attrgetter("participants"), _participant),
    s.project_figures: (attrgetter("figures"), _figure),
    s.project_status: (attrgetter("status"), _status),
    s.event_places: (attrgetter("places"), _place),
    s.event_participants: (attrgetter("participants"), _participant),
    s.event_figures: (attrgetter("figures"), _figure),
    s.event_tags: (attrgetter("tags"), _tag),
}

#: A child table, the column holding its owner's id, its items, one item's columns.
_Child = tuple[Table, str, _Items, _Columns]
#: A record's citations by part: 0 for its own, n + 1 for a project's status step n.
_Parts = tuple[tuple[int, Sequence[m.Citation]], ...]


class _Kind(NamedTuple):
    """What the records of one type become."""

    #: The kind word (citations name their owner's kind with it).
    word: str
    table: Table
    #: The record's own row, given its origin.
    row: Callable[[Any, str], RowDict]
    #: Its child tables, in the order of CHILD_TABLES.
    children: tuple[_Child, ...]
    #: Its citations, by part.
    cited: Callable[[Any], _Parts]


def _own_citations(r: m.Actor | m.Place | m.Event) -> _Parts:
    return ((0, r.citations),)


def _project_citations(r: m.Project) -> _Parts:
    """A project's citations: its status steps' (part n + 1 for step n), then its own."""
    steps = tuple((seq + 1, st.citations) for seq, st in enumerate(r.status))
    return (*steps, (0, r.citations))


def _uncited(r: m.Source) -> _Parts:
    return ()


def _kind(
    word: str, row: Callable[[Any, str], RowDict], cited: Callable[[Any], _Parts] = _own_citations
) -> _Kind:
    # A child table's owner column is its first (see schema._child).
    children = tuple((t, t.c[0].name, *_CHILD_ROWS[t]) for t in CHILD_TABLES[word])
    return _Kind(word, MAIN_TABLES[word], row, children, cited)


_KINDS: dict[type[m.Record], _Kind] = {
    m.Source: _kind("source", _source_row, _uncited),
    m.Actor: _kind("actor", _actor_row),
    m.Place: _kind("place", _place_row),
    m.Project: _kind("project", _named_row, _project_citations),
    m.Event: _kind("event", _event_row),
}
_KINDS[m.Accident] = _KINDS[m.Event]


def stage(records: Iterable[m.Record], *, origin: str = "user") -> dict[Table, list[RowDict]]:
    """The rows ``records`` become, by table, ready for one executemany per table."""
    by_table: dict[Table, list[RowDict]] = defaultdict(list)
    for record in records:
        word, table, row, children, cited = _KINDS[type(record)]
        by_table[table].append(row(record, origin))
        owner_id = record.id
        # Loops written out here, not calls per table: this runs for every record of a load.
        for child_table, owner, items_of, columns in children:
            items = items_of(record)
            if items:
                append = by_table[child_table].append
                for seq, item in enumerate(items):
                    child = columns(item)
                    child[owner] = owner_id
                    child["seq"] = seq
                    append(child)
        for part, cites in cited(record):
            if cites:
                _citations(by_table[s.citations], word, owner_id, part, cites)
    return dict(by_table)


def _citations(
    rows: list[RowDict], owner_kind: str, owner_id: str, part: int, cites: Sequence[m.Citation]
) -> None:
    append = rows.append
    for seq, c in enumerate(cites):
        append(
            {
                "owner_kind": owner_kind,
                "owner_id": owner_id,
                "part": part,
                "seq": seq,
                "source_id": c.source,
                "start": c.start,
                "end": c.end,
            }
        )
