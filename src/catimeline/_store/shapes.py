"""Row shapes: which tables hold each kind of record, and the named fields of read rows.

Reads hand rows on as the driver's plain tuples: wrapping each row in a
NamedTuple costs 0.2 to 0.3 microseconds a row (4 to 6 ms for 20,000 events)
and makes every field read slower.  Their fields are named
here instead, once: an event row is read as ``row[EVENT_KIND]``, a participant
row as ``row[PARTICIPANT_ACTOR]``.  An event row's positions are derived from
the list of columns it holds, so adding or moving a column cannot leave a
position pointing at the wrong value; child rows are checked by a test.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from sqlalchemy import Column, Table

from catimeline._model import Event, Record
from catimeline._store import schema as s

#: The table holding each record type, by the ``kind`` word used in APIs and citations.
MAIN_TABLES: Mapping[str, Table] = {
    "source": s.sources,
    "actor": s.actors,
    "place": s.places,
    "project": s.projects,
    "event": s.events,
}

#: Child tables of each main table (their rows are deleted with their owner).
CHILD_TABLES: Mapping[str, tuple[Table, ...]] = {
    "source": (),
    "actor": (s.actor_names, s.actor_relations),
    "place": (s.place_names, s.place_operators),
    "project": (
        s.project_names,
        s.project_countries,
        s.project_places,
        s.project_participants,
        s.project_figures,
        s.project_status,
    ),
    "event": (s.event_places, s.event_participants, s.event_figures, s.event_tags),
}


def kind_of(record: Record) -> str:
    """The kind word of a record: ``event`` for an Accident too."""
    if isinstance(record, Event):
        return "event"
    return type(record).__name__.lower()


# ----------------------------------------------------------------------- event rows

#: The ``ct_events`` columns events are built from, in the order an event row holds
#: them (the date bounds, only needed to filter and sort, are not read back).
EVENT_FIELDS = (
    "id",
    "date",
    "kind",
    "title",
    "summary",
    "country",
    "project_id",
    "notes",
    "date_how",
    "is_accident",
    "deaths",
    "injured",
    "cause",
    "facility_id",
    "operator_id",
)
#: The columns of :data:`EVENT_FIELDS`: a query selects exactly these.
EVENT_READ_COLUMNS: tuple[Column[Any], ...] = tuple(s.events.c[name] for name in EVENT_FIELDS)

EVENT_ID = EVENT_FIELDS.index("id")
EVENT_DATE = EVENT_FIELDS.index("date")
EVENT_KIND = EVENT_FIELDS.index("kind")
EVENT_TITLE = EVENT_FIELDS.index("title")
EVENT_SUMMARY = EVENT_FIELDS.index("summary")
EVENT_COUNTRY = EVENT_FIELDS.index("country")
EVENT_PROJECT = EVENT_FIELDS.index("project_id")
EVENT_NOTES = EVENT_FIELDS.index("notes")
EVENT_DATE_HOW = EVENT_FIELDS.index("date_how")
EVENT_IS_ACCIDENT = EVENT_FIELDS.index("is_accident")
EVENT_DEATHS = EVENT_FIELDS.index("deaths")
EVENT_INJURED = EVENT_FIELDS.index("injured")
EVENT_CAUSE = EVENT_FIELDS.index("cause")
EVENT_FACILITY = EVENT_FIELDS.index("facility_id")
EVENT_OPERATOR = EVENT_FIELDS.index("operator_id")


# ----------------------------------------------------------------------- event child rows
# An event's child rows, once read, hold the fields of the domain class they build, in
# that class's order (so the fast constructors take them as they are), read from the
# columns named here; tests/store/test_store_shapes.py holds the orders equal.  Places
# and tags are plain ids and words.  The positions are literal so that type checkers
# know which field's type a read gives.

#: ``(actor, role, note)``: the fields of :class:`~catimeline.Participant`.
ParticipantRow = tuple[str, str, str | None]
PARTICIPANT_COLUMNS = ("actor_id", "role", "note")
PARTICIPANT_ACTOR: Final = 0

#: ``(name, value, unit, printed, approx, note)``: the fields of a figure
#: (:class:`~catimeline.Quantity`).
FigureRow = tuple[str, float, str, str | None, bool, str | None]
FIGURE_COLUMNS = ("name", "value", "unit", "printed", "approx", "note")

#: ``(source, start, end)``: the fields of :class:`~catimeline.Citation`.
CitationRow = tuple[str, int, int]
CITATION_COLUMNS = ("source_id", "start", "end")
CITATION_SOURCE: Final = 0
