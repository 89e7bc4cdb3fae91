"""``Results.to_pandas()``: one row per item, with typed columns.

Events (and accidents) give::

    id, date (EDTF text), earliest, latest (datetime64, NaT for an open end),
    precision, approximate, uncertain, kind, title, summary, country,
    actors (as named on the event's date), actors_current (their names today),
    actor_ids, places, place_ids (lists), project, project_name,
    [deaths, injured (nullable Int64), cause, facility, operator: when any row is an accident],
    sources (list of source ids), citations (number of cited passages)

Projects, actors and places give their own columns (see :func:`to_pandas`).
Names come from the timeline that produced the results; without one, the id
stands in for the name.  pandas is imported here only (the ``notebook`` extra).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from catimeline._columns import FRAME, row, types
from catimeline._dates import parse_cached
from catimeline._model import Accident, Actor, Event, Place, Project
from catimeline._outputs import Lookup, need
from catimeline._store.repository import EventRows, paused_gc
from catimeline._store.shapes import CITATION_SOURCE, EVENT_FIELDS, PARTICIPANT_ACTOR

#: The frame's columns and their pandas types, by record type (see :mod:`catimeline._columns`).
EVENT_COLUMNS: dict[str, str] = types(FRAME, Event)
ACCIDENT_COLUMNS: dict[str, str] = {
    k: v for k, v in types(FRAME, Accident).items() if k not in EVENT_COLUMNS
}
PROJECT_COLUMNS: dict[str, str] = types(FRAME, Project)
ACTOR_COLUMNS: dict[str, str] = types(FRAME, Actor)
PLACE_COLUMNS: dict[str, str] = types(FRAME, Place)


def _day(value: Any) -> dt.datetime | None:
    return None if value is None else dt.datetime(value.year, value.month, value.day)


def _frame_row(item: Any, names: Lookup) -> dict[str, Any]:
    """One item's :data:`~catimeline._columns.FRAME` row, days as datetimes."""
    return {k: _day(v) if isinstance(v, dt.date) else v for k, v in row(FRAME, item, names).items()}


#: An event's row (the column-wise builds below are held equal to it by a test).
_event_row = _frame_row


def _event_columns(accidents: bool) -> dict[str, str]:
    """The event columns and their types; with ``accidents``, the accident columns before
    the sources."""
    return types(FRAME, Accident if accidents else Event)


def _columns(items: Sequence[Any]) -> tuple[dict[str, str], Any]:
    if not items or isinstance(items[0], Event):
        return _event_columns(any(isinstance(i, Accident) for i in items)), _event_row
    for cls in (Project, Actor, Place):
        if isinstance(items[0], cls):
            return types(FRAME, cls), _frame_row
    raise TypeError(f"cannot make a DataFrame of {type(items[0]).__name__} items")


def _event_data(
    items: Sequence[Any], columns: dict[str, str], names: Lookup
) -> dict[str, list[Any]]:
    """The values of :func:`_event_row`, column by column, for many events at once.

    The same values as ``[_event_row(e, names) for e in items]`` read column-wise
    (a test holds them equal), built in one pass without a dict per row; each
    distinct date text is converted once.
    """
    data: dict[str, list[Any]] = {name: [] for name in columns}
    ids, texts, earliest, latest = data["id"], data["date"], data["earliest"], data["latest"]
    precision, approx, unsure = data["precision"], data["approximate"], data["uncertain"]
    kinds, titles, summaries, countries = (
        data["kind"],
        data["title"],
        data["summary"],
        data["country"],
    )
    actors, actors_now, actor_ids, places, place_ids = (
        data["actors"],
        data["actors_current"],
        data["actor_ids"],
        data["places"],
        data["place_ids"],
    )
    projects, project_names = data["project"], data["project_name"]
    sources, citations = data["sources"], data["citations"]
    accidents = "deaths" in data
    dates: dict[str, tuple[Any, ...]] = {}
    actor_name, place_name, project_name = names.actor_name, names.place_name, names.project_name
    actor_name_at = names.actor_name_at
    for e in items:
        got = _date_values(dates, e.date.text)
        ids.append(e.id)
        texts.append(got[0])
        earliest.append(got[1])
        latest.append(got[2])
        precision.append(got[3])
        approx.append(got[4])
        unsure.append(got[5])
        kinds.append(e.kind)
        titles.append(e.title)
        summaries.append(e.summary)
        countries.append(e.country)
        who = list(dict.fromkeys([p.actor for p in e.participants]))
        actors.append([actor_name_at(a, e.date) for a in who])
        actors_now.append([actor_name(a) for a in who])
        actor_ids.append(who)
        places.append([place_name(p) for p in e.places])
        place_ids.append(list(e.places))
        projects.append(e.project)
        project_names.append(project_name(e.project) if e.project else None)
        sources.append(list(dict.fromkeys([c.source for c in e.citations])))
        citations.append(len(e.citations))
        if accidents:
            hurt = isinstance(e, Accident)
            data["deaths"].append(e.deaths if hurt else None)
            data["injured"].append(e.injured if hurt else None)
            data["cause"].append(e.cause if hurt else None)
            data["facility"].append(e.facility if hurt else None)
            data["operator"].append(e.operator if hurt else None)
    return data


def _date_values(cache: dict[str, tuple[Any, ...]], text: str) -> tuple[Any, ...]:
    """(EDTF text, earliest, latest, precision, approximate, uncertain) of a date text."""
    got = cache.get(text)
    if got is None:
        d = parse_cached(text)
        got = cache[text] = (
            str(d),
            _day(d.earliest),
            _day(d.latest),
            str(d.precision),
            bool(d.approximate),
            bool(d.uncertain),
        )
    return got


def _column(table: Sequence[Any], field: str) -> list[Any]:
    """One ``ct_events`` column (named as in EVENT_FIELDS) of every event row."""
    at = EVENT_FIELDS.index(field)
    return [r[at] for r in table]


def _rows_data(rows: EventRows, timeline: Any) -> tuple[dict[str, str], dict[str, list[Any]]]:
    """The columns and values of :func:`_event_data`, read straight from a query's rows
    (no Event objects are built; a test holds the two frames equal)."""
    # Column by column: one list comprehension each is several times cheaper than
    # appending every value of every row to its column in one loop.
    table = rows.rows
    ids, dated = _column(table, "id"), _column(table, "date")
    projects, hurt = _column(table, "project_id"), _column(table, "is_accident")
    accidents = any(hurt)
    columns = _event_columns(accidents)
    none: list[Any] = []
    places_of, parts_of, cites_of = rows.places, rows.participants, rows.citations
    names = Lookup.of_ids(
        timeline,
        actors={p[PARTICIPANT_ACTOR] for got in parts_of.values() for p in got},
        places={p for got in places_of.values() for p in got},
        projects={p for p in projects if p},
    )
    actor_name, place_name, project_name = names.actor_name, names.place_name, names.project_name
    cache: dict[str, tuple[Any, ...]] = {}
    dates = [_date_values(cache, d) for d in dated]
    who = [list(dict.fromkeys([p[PARTICIPANT_ACTOR] for p in parts_of.get(i, none)])) for i in ids]
    where = [list(places_of.get(i, none)) for i in ids]
    cited = [cites_of.get(i, none) for i in ids]
    data: dict[str, list[Any]] = {
        "id": ids,
        "date": [d[0] for d in dates],
        "earliest": [d[1] for d in dates],
        "latest": [d[2] for d in dates],
        "precision": [d[3] for d in dates],
        "approximate": [d[4] for d in dates],
        "uncertain": [d[5] for d in dates],
        "kind": _column(table, "kind"),
        "title": _column(table, "title"),
        "summary": _column(table, "summary"),
        "country": _column(table, "country"),
        "actors": [
            [names.actor_name_at(a, parse_cached(d)) for a in got]
            for d, got in zip(dated, who, strict=True)
        ],
        "actors_current": [[actor_name(a) for a in got] for got in who],
        "actor_ids": who,
        "places": [[place_name(p) for p in got] for got in where],
        "place_ids": where,
        "project": projects,
        "project_name": [project_name(p) if p else None for p in projects],
    }
    if accidents:
        for name, field in (
            ("deaths", "deaths"),
            ("injured", "injured"),
            ("cause", "cause"),
            ("facility", "facility_id"),
            ("operator", "operator_id"),
        ):
            values = _column(table, field)
            data[name] = [v if h else None for v, h in zip(values, hurt, strict=True)]
    data["sources"] = [list(dict.fromkeys([c[CITATION_SOURCE] for c in got])) for got in cited]
    data["citations"] = [len(got) for got in cited]
    return columns, data


def to_pandas(items: Sequence[Any] | EventRows, timeline: Any = None) -> Any:
    """A ``pandas.DataFrame`` of ``items``, one row each, typed columns (see the module doc).

    ``items`` may also be the rows of an event query not yet built into objects
    (:class:`~catimeline._store.repository.EventRows`): the frame is then read
    from them directly.  Lists (actors, places, sources) stay Python lists in
    ``object`` columns, so ``df.explode("actors")`` gives one row per actor.  An
    empty result still has every column with its type.
    """
    pd = need("pandas", "to_pandas()")
    if isinstance(items, EventRows):
        with paused_gc():
            columns, data = _rows_data(items, timeline)
            return pd.DataFrame(
                {name: pd.Series(values, dtype=columns[name]) for name, values in data.items()}
            )
    columns, make = _columns(items)
    with paused_gc():
        names = Lookup(items, timeline, sources=False)
        if not items or isinstance(items[0], Event):
            data = _event_data(items, columns, names)
        else:
            rows = [make(item, names) for item in items]
            data = {name: [row.get(name) for row in rows] for name in columns}
        frame = pd.DataFrame(
            {name: pd.Series(values, dtype=columns[name]) for name, values in data.items()}
        )
    return frame
