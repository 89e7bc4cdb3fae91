"""Records become rows: one writer per record type, no database needed.

:func:`stage` turns records into the rows of their table and child tables,
gathered by table so each table is written with one ``executemany``
(:mod:`catimeline._store.inserting`).  Rows are dicts keyed by column name.
To store a new record type, add its writer here and list it in ``_WRITERS``.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Table

from catimeline._dates import FuzzyDate, to_date
from catimeline._model import (
    Accident,
    Actor,
    Citation,
    Event,
    Name,
    Place,
    Project,
    Quantity,
    Record,
    Source,
)
from catimeline._names import name_key
from catimeline._store import schema as s

#: One row to insert: its values by column name.
RowDict = dict[str, Any]


def _text(value: FuzzyDate | None) -> str | None:
    return None if value is None else str(value)


def _bound(value: dt.date | None, default: dt.date) -> dt.date:
    return default if value is None else to_date(value)


class _Rows:
    """Rows to insert, by table, gathered from many records for one executemany each."""

    def __init__(self) -> None:
        self.by_table: dict[Table, list[RowDict]] = defaultdict(list)

    def add(self, table: Table, row: RowDict) -> None:
        self.by_table[table].append(row)

    def citations(
        self, owner_kind: str, owner_id: str, cites: Iterable[Citation], part: int = 0
    ) -> None:
        for seq, c in enumerate(cites):
            self.add(
                s.citations,
                {
                    "owner_kind": owner_kind,
                    "owner_id": owner_id,
                    "part": part,
                    "seq": seq,
                    "source_id": c.source,
                    "start": c.start,
                    "end": c.end,
                },
            )

    def names(
        self, table: Table, owner: str, owner_id: str, name: str, names: Iterable[Name]
    ) -> None:
        # The current name is stored as seq 0 of type 'name' so one index answers lookups.
        self.add(
            table,
            {
                f"{owner}_id": owner_id,
                "seq": 0,
                "name": name,
                "key": name_key(name),
                "type": "name",
                "since": None,
                "until": None,
                "note": None,
            },
        )
        for seq, n in enumerate(names, start=1):
            self.add(
                table,
                {
                    f"{owner}_id": owner_id,
                    "seq": seq,
                    "name": n.name,
                    "key": name_key(n.name),
                    "type": n.type,
                    "since": _text(n.since),
                    "until": _text(n.until),
                    "note": n.note,
                },
            )

    def figures(self, table: Table, owner: str, owner_id: str, figures: Iterable[Quantity]) -> None:
        for seq, f in enumerate(figures):
            self.add(
                table,
                {
                    f"{owner}_id": owner_id,
                    "seq": seq,
                    "name": f.name,
                    "value": f.value,
                    "unit": f.unit,
                    "printed": f.printed,
                    "approx": f.approx,
                    "note": f.note,
                },
            )


def _write_source(rows: _Rows, r: Source, origin: str) -> None:
    rows.add(
        s.sources,
        {
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
        },
    )


def _write_actor(rows: _Rows, r: Actor, origin: str) -> None:
    rows.add(
        s.actors,
        {
            "id": r.id,
            "name": r.name,
            "kind": r.kind,
            "country": r.country,
            "description": r.description,
            "notes": r.notes,
            "origin": origin,
        },
    )
    rows.names(s.actor_names, "actor", r.id, r.name, r.names)
    for seq, rel in enumerate(r.relations):
        rows.add(
            s.actor_relations,
            {
                "actor_id": r.id,
                "seq": seq,
                "type": rel.type,
                "other_id": rel.actor,
                "since": _text(rel.since),
                "until": _text(rel.until),
                "note": rel.note,
            },
        )
    rows.citations("actor", r.id, r.citations)


def _write_place(rows: _Rows, r: Place, origin: str) -> None:
    lat, lon = r.coordinates if r.coordinates else (None, None)
    rows.add(
        s.places,
        {
            "id": r.id,
            "name": r.name,
            "kind": r.kind,
            "parent_id": r.parent,
            "country": r.country,
            "lat": lat,
            "lon": lon,
            "notes": r.notes,
            "origin": origin,
        },
    )
    rows.names(s.place_names, "place", r.id, r.name, r.names)
    for seq, t in enumerate(r.operators):
        rows.add(
            s.place_operators,
            {
                "place_id": r.id,
                "seq": seq,
                "actor_id": t.actor,
                "role": t.role,
                "since": _text(t.since),
                "until": _text(t.until),
                "note": t.note,
            },
        )
    rows.citations("place", r.id, r.citations)


def _write_project(rows: _Rows, r: Project, origin: str) -> None:
    rows.add(
        s.projects, {"id": r.id, "name": r.name, "kind": r.kind, "notes": r.notes, "origin": origin}
    )
    rows.names(s.project_names, "project", r.id, r.name, r.names)
    for seq, country in enumerate(r.countries):
        rows.add(s.project_countries, {"project_id": r.id, "seq": seq, "country": country})
    for seq, place in enumerate(r.places):
        rows.add(s.project_places, {"project_id": r.id, "seq": seq, "place_id": place})
    for seq, p in enumerate(r.participants):
        rows.add(
            s.project_participants,
            {"project_id": r.id, "seq": seq, "actor_id": p.actor, "role": p.role, "note": p.note},
        )
    rows.figures(s.project_figures, "project", r.id, r.figures)
    for seq, st in enumerate(r.status):
        rows.add(
            s.project_status,
            {
                "project_id": r.id,
                "seq": seq,
                "status": st.status,
                "date": str(st.date),
                "earliest": _bound(st.date.earliest, s.MIN_DATE),
                "latest": _bound(st.date.latest, s.MAX_DATE),
                "planned": st.planned,
                "date_how": st.date_how,
                "event_id": st.event,
                "note": st.note,
            },
        )
        rows.citations("project", r.id, st.citations, part=seq + 1)
    rows.citations("project", r.id, r.citations)


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


def _write_event(rows: _Rows, r: Event, origin: str) -> None:
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
    if isinstance(r, Accident):
        row.update(
            is_accident=True,
            deaths=r.deaths,
            injured=r.injured,
            cause=r.cause,
            facility_id=r.facility,
            operator_id=r.operator,
        )
    rows.add(s.events, row)
    for seq, place in enumerate(r.places):
        rows.add(s.event_places, {"event_id": r.id, "seq": seq, "place_id": place})
    for seq, p in enumerate(r.participants):
        rows.add(
            s.event_participants,
            {"event_id": r.id, "seq": seq, "actor_id": p.actor, "role": p.role, "note": p.note},
        )
    rows.figures(s.event_figures, "event", r.id, r.figures)
    for seq, tag in enumerate(r.tags):
        rows.add(s.event_tags, {"event_id": r.id, "seq": seq, "tag": tag})
    rows.citations("event", r.id, r.citations)


_WRITERS = {
    Source: _write_source,
    Actor: _write_actor,
    Place: _write_place,
    Project: _write_project,
    Event: _write_event,
    Accident: _write_event,
}


def stage(records: Iterable[Record], *, origin: str = "user") -> dict[Table, list[RowDict]]:
    """The rows ``records`` become, by table, ready for one executemany per table."""
    rows = _Rows()
    for record in records:
        _WRITERS[type(record)](rows, record, origin)  # type: ignore[operator]
    return dict(rows.by_table)
