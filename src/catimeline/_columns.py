"""One description of each record type: its columns, what they mean, their types, and how
each is read from a record.

Every output that flattens records (the CSV export, the command line's table
and CSV, ``to_pandas()``, GeoJSON properties, iCalendar and the HTML views)
reads its values here, so a value means the same everywhere it appears.  Each
output then picks the columns it shows, under the headers it has always used
(:data:`CSV`, :data:`TABLE`, :data:`FRAME`, :data:`GEOJSON`), and writes the
values its own way (text cells for CSV, typed columns for pandas).

A column reads the record and the :class:`~catimeline._outputs.Lookup` that holds
the names behind its ids: ``actors`` are the names the actors had on the event's
date, ``actor_ids`` their ids.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from operator import attrgetter
from typing import Any

import attrs

from catimeline._model import Accident, Actor, Event, Place, Project
from catimeline._outputs import Lookup, source_ids, source_text, unique

Reader = Callable[[Any, Lookup], Any]


@attrs.frozen
class Column:
    """One column of a record type: ``name``, what it means (``label``), its pandas
    ``type``, and how it is read from a record and the names behind its ids."""

    name: str
    label: str
    type: str
    read: Reader


def _field(name: str, label: str, type: str) -> Column:
    """A column that is the record's own attribute of that name."""
    get = attrgetter(name)
    return Column(name, label, type, lambda item, _names: get(item))


def _identity(what: str) -> tuple[Column, ...]:
    """The id, name and kind every entity has."""
    return (
        _field("id", "stable id", "string"),
        _field("name", "name", "string"),
        _field("kind", f"kind of {what}", "string"),
    )


def _coordinate(name: str, at: int) -> Column:
    return Column(name, name, "Float64", lambda p, n: p.coordinates[at] if p.coordinates else None)


def _day(value: Any) -> dt.date | None:
    return None if value is None else dt.date(value.year, value.month, value.day)


def _actor_ids(e: Event) -> list[str]:
    return unique(e.actors())


def _steps(p: Project) -> list[Any]:
    return sorted(p.status, key=lambda s: s.date)


def _first_step(p: Project, _names: Lookup) -> dt.date | None:
    steps = _steps(p)
    return _day(steps[0].date.earliest) if steps else None


def _last_step(p: Project, _names: Lookup) -> dt.date | None:
    steps = _steps(p)
    return _day(steps[-1].date.latest) if steps else None


def _source_lines(item: Any, names: Lookup) -> list[str]:
    return [source_text(names.sources.get(sid), sid) for sid in source_ids(item)]


def _table(*columns: Column) -> dict[str, Column]:
    return {c.name: c for c in columns}


EVENT = _table(
    _field("id", "stable id", "string"),
    Column("date", "date as EDTF text", "string", lambda e, n: str(e.date)),
    Column("earliest", "first stated day", "datetime64[s]", lambda e, n: _day(e.date.earliest)),
    Column("latest", "last stated day", "datetime64[s]", lambda e, n: _day(e.date.latest)),
    Column("precision", "precision of the date", "string", lambda e, n: str(e.date.precision)),
    Column("approximate", "date is approximate", "bool", lambda e, n: bool(e.date.approximate)),
    Column("uncertain", "date is uncertain", "bool", lambda e, n: bool(e.date.uncertain)),
    _field("kind", "kind of event", "string"),
    _field("title", "title", "string"),
    _field("summary", "summary", "string"),
    _field("country", "ISO country code", "string"),
    Column(
        "country_name",
        "country's name",
        "string",
        lambda e, n: n.country_name(e.country) or None,
    ),
    Column(
        "actors",
        "actors as named on the date",
        "object",
        lambda e, n: [n.actor_name_at(a, e.date) for a in _actor_ids(e)],
    ),
    Column(
        "actors_current",
        "actors' names today",
        "object",
        lambda e, n: [n.actor_name(a) for a in _actor_ids(e)],
    ),
    Column("actor_ids", "actors' ids", "object", lambda e, n: _actor_ids(e)),
    Column(
        "participant_ids",
        "participants' ids, once per role",
        "object",
        lambda e, n: list(e.actors()),
    ),
    Column("places", "places' names", "object", lambda e, n: [n.place_name(p) for p in e.places]),
    Column("place_ids", "places' ids", "object", lambda e, n: list(e.places)),
    _field("project", "project id", "string"),
    Column(
        "project_name",
        "project's name",
        "string",
        lambda e, n: n.project_name(e.project) if e.project else None,
    ),
    Column("sources", "ids of the cited sources", "object", lambda e, n: source_ids(e)),
    Column(
        "citation_spans",
        "cited passages as source:start-end",
        "object",
        lambda e, n: [f"{c.source}:{c.start}-{c.end}" for c in e.citations],
    ),
    Column("citation_count", "number of cited passages", "Int64", lambda e, n: len(e.citations)),
    Column("source_lines", "the cited sources, readable", "object", _source_lines),
)
ACCIDENT = _table(
    *EVENT.values(),
    _field("deaths", "deaths", "Int64"),
    _field("injured", "injured", "Int64"),
    _field("cause", "cause", "string"),
    _field("facility", "facility's place id", "string"),
    _field("operator", "operator's actor id", "string"),
    Column(
        "operator_name",
        "operator as named on the date",
        "string",
        lambda e, n: n.actor_name_at(e.operator, e.date) if e.operator else None,
    ),
)
PROJECT = _table(
    *_identity("project"),
    Column("countries", "ISO country codes", "object", lambda p, n: list(p.countries)),
    Column(
        "country_names",
        "countries' names",
        "object",
        lambda p, n: [n.country_name(c) for c in p.countries if c],
    ),
    Column("places", "places' names", "object", lambda p, n: [n.place_name(x) for x in p.places]),
    Column("status", "latest status reached", "string", lambda p, n: p.current_status),
    Column("first_step", "first day of its first step", "datetime64[s]", _first_step),
    Column("last_step", "last day of its last step", "datetime64[s]", _last_step),
    Column(
        "participants",
        "participants' names with their roles",
        "object",
        lambda p, n: [f"{n.actor_name(x.actor)} ({x.role})" for x in p.participants],
    ),
    Column(
        "participant_names",
        "participants' names",
        "object",
        lambda p, n: [n.actor_name(x.actor) for x in p.participants],
    ),
    Column(
        "participant_roles",
        "participants as id:role",
        "object",
        lambda p, n: [f"{x.actor}:{x.role}" for x in p.participants],
    ),
    Column("sources", "ids of the cited sources", "object", lambda p, n: source_ids(p)),
)
ACTOR = _table(
    *_identity("actor"),
    _field("country", "ISO country code", "string"),
    Column("other_names", "other names", "object", lambda a, n: list(a.all_names[1:])),
)
PLACE = _table(
    *_identity("place"),
    _field("parent", "id of the place it lies in", "string"),
    _field("country", "ISO country code", "string"),
    _coordinate("latitude", 0),
    _coordinate("longitude", 1),
)

#: The description of each record type (an Accident's adds to an Event's).
DESCRIPTIONS: dict[type, dict[str, Column]] = {
    Accident: ACCIDENT,
    Event: EVENT,
    Project: PROJECT,
    Actor: ACTOR,
    Place: PLACE,
}


def describe(item: Any) -> dict[str, Column] | None:
    """The columns of ``item``'s record type (None for anything else)."""
    return DESCRIPTIONS.get(type(item)) or next(
        (found for cls, found in DESCRIPTIONS.items() if isinstance(item, cls)), None
    )


def value(item: Any, column: str, names: Lookup) -> Any:
    """The value of ``column`` for ``item``."""
    found = describe(item)
    assert found is not None, f"{type(item).__name__} has no description"
    return found[column].read(item, names)


# ------------------------------------------------------------------ what each output shows
#
# A view is (header, column) pairs in the order the output writes them.  Headers
# stay as they have always been (files and programs read them); accident columns
# appear only in an Accident's view.

View = tuple[tuple[str, str], ...]


def _same(*names: str) -> View:
    return tuple((n, n) for n in names)


_EVENT_DATE = _same(
    "id", "date", "earliest", "latest", "precision", "approximate", "uncertain", "kind", "title"
)
_TOLL = _same("deaths", "injured", "cause", "facility", "operator")

#: The CSV export: one row per item.
CSV: dict[type, View] = {
    Event: (
        *_EVENT_DATE,
        *_same("summary", "country", "actors", "actor_ids", "places", "place_ids", "project"),
        ("sources", "sources"),
        ("citations", "citation_spans"),
        ("actors_current", "actors_current"),
        ("sources_text", "source_lines"),
    ),
    Accident: (
        *_EVENT_DATE,
        *_same("summary", "country", "actors", "actor_ids", "places", "place_ids", "project"),
        *_TOLL,
        ("sources", "sources"),
        ("citations", "citation_spans"),
        ("actors_current", "actors_current"),
        ("operator_name", "operator_name"),
        ("sources_text", "source_lines"),
    ),
}

#: The command line's table and CSV (and the CSV export of projects, actors and places).
TABLE: dict[type, View] = {
    Event: (
        *_same("id", "date", "kind", "title", "country"),
        ("actors", "participant_ids"),
        ("places", "place_ids"),
        ("sources", "sources"),
    ),
    Accident: (
        *_same("id", "date", "kind", "title", "country"),
        ("actors", "participant_ids"),
        ("places", "place_ids"),
        *_same("deaths", "injured", "operator"),
        ("sources", "sources"),
    ),
    Project: (
        *_same("id", "name", "kind", "countries", "status"),
        ("participants", "participant_roles"),
    ),
    Actor: (*_same("id", "name", "kind", "country"), ("names", "other_names")),
    Place: _same("id", "name", "kind", "parent", "country"),
}

#: ``Results.to_pandas()``: typed columns (the columns' own names).
FRAME: dict[type, View] = {
    Event: (
        *_EVENT_DATE,
        *_same("summary", "country", "actors", "actors_current", "actor_ids"),
        *_same("places", "place_ids", "project", "project_name", "sources"),
        ("citations", "citation_count"),
    ),
    Accident: (
        *_EVENT_DATE,
        *_same("summary", "country", "actors", "actors_current", "actor_ids"),
        *_same("places", "place_ids", "project", "project_name"),
        *_TOLL,
        ("sources", "sources"),
        ("citations", "citation_count"),
    ),
    Project: (
        *_same("id", "name", "kind", "countries", "places", "status"),
        *_same("first_step", "last_step", "participants", "sources"),
    ),
    Actor: _same("id", "name", "kind", "country", "other_names"),
    Place: _same("id", "name", "kind", "parent", "country", "latitude", "longitude"),
}

_GEO_EVENT = (
    *_same("id", "date", "earliest", "latest", "kind", "title", "country", "country_name"),
    *_same("actors", "actors_current", "sources"),
)

#: GeoJSON feature properties (the export adds where each point stands).
GEOJSON: dict[type, View] = {
    Event: _GEO_EVENT,
    Accident: (*_GEO_EVENT, *_same("deaths", "injured", "cause")),
    Project: _same("id", "name", "kind", "status", "sources"),
    Place: _same("id", "name", "kind", "country"),
}


def view_of(views: dict[type, View], item: Any) -> View | None:
    """The view ``views`` gives ``item``'s record type (None when it has none)."""
    found = views.get(type(item))
    if found is None:
        found = next((v for cls, v in views.items() if isinstance(item, cls)), None)
    return found


def row(
    views: dict[type, View],
    item: Any,
    names: Lookup,
    cell: Callable[[Any], Any] = lambda v: v,
) -> dict[str, Any]:
    """``item`` as a row of the output of ``views``: header -> ``cell(value)``."""
    view = view_of(views, item)
    assert view is not None, f"{type(item).__name__} has no view here"
    columns = describe(item)
    assert columns is not None
    return {header: cell(columns[name].read(item, names)) for header, name in view}


def types(views: dict[type, View], cls: type) -> dict[str, str]:
    """Header -> pandas type of each column ``views`` shows for records of ``cls``."""
    columns = DESCRIPTIONS[cls]
    return {header: columns[name].type for header, name in views[cls]}
