"""The SQL schema as SQLAlchemy Core tables.  Migrations must agree with it.

Every table is prefixed ``ct_`` so catimeline can share a database with the
user's own tables and never touch or compare them.  Date bounds are stored as
plain ``DATE`` columns next to the EDTF text; open ends are stored as the
sentinels :data:`MIN_DATE`/:data:`MAX_DATE` so range conditions stay sargable.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

PREFIX = "ct_"
MIN_DATE = dt.date(1, 1, 1)
MAX_DATE = dt.date(9999, 12, 31)

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

ID = String(120)
SHORT = String(60)


def _table(name: str, *items: Column[object] | CheckConstraint | Index) -> Table:
    """The table ``name`` (stored with the ``ct_`` prefix) in :data:`metadata`."""
    return Table(f"{PREFIX}{name}", metadata, *items)


def _record(name: str, *columns: Column[object] | CheckConstraint | Index) -> Table:
    """The main table of one record type: its id, its own ``columns``, then its origin.

    The origin is 'seed' for rows of the bundled seeds (replaced when they change),
    'seed:NAME' for rows of a seed folder loaded with ``seed --path`` (replaced only when
    that folder is loaded again) and 'user' for rows added through the API (never touched
    by seeding).
    """
    return _table(
        name,
        Column("id", ID, primary_key=True),
        *columns,
        Column("origin", SHORT, nullable=False, server_default="user"),
    )


def _named() -> list[Column[object]]:
    """The name and kind every actor, place and project has (queries filter by kind)."""
    return [
        Column("name", String(255), nullable=False),
        Column("kind", SHORT, nullable=False, index=True),
    ]


#: References from one record to another never cascade: a row others point at
#: cannot be deleted until they stop pointing at it (revision 0006).  Seeding and
#: ``tl.remove`` check first and say which records depend on it.
KEEP = "RESTRICT"


def _dated() -> list[Column[object]]:
    """When a name, relation or tenure held (EDTF text; either end may be open)."""
    return [Column("since", SHORT), Column("until", SHORT)]


sources = _record(
    "sources",
    Column("document", String(255), nullable=False),
    Column("sha256", String(64)),
    Column("title", Text, nullable=False),
    Column("publisher", String(255)),
    Column("author", String(255)),
    Column("published", SHORT),
    Column("published_how", SHORT),
    Column("start", Integer),
    Column("end", Integer),
    Column("notes", Text),
    Column("url", String(2048)),
)

actors = _record(
    "actors",
    *_named(),
    Column("country", String(2)),
    Column("description", Text),
    Column("notes", Text),
)

places = _record(
    "places",
    *_named(),
    Column("parent_id", ID, ForeignKey(f"{PREFIX}places.id", ondelete=KEEP), index=True),
    Column("country", String(2), index=True),
    Column("lat", Float),
    Column("lon", Float),
    Column("notes", Text),
)

projects = _record("projects", *_named(), Column("notes", Text))

events = _record(
    "events",
    Column("date", SHORT, nullable=False),
    Column("earliest", Date, nullable=False),
    Column("latest", Date, nullable=False),
    Column("possible_earliest", Date, nullable=False),
    Column("possible_latest", Date, nullable=False),
    Column("precision", String(16), nullable=False),
    Column("date_how", String(16), nullable=False),
    Column("kind", SHORT, nullable=False),
    Column("title", Text, nullable=False),
    Column("summary", Text),
    Column("country", String(2)),
    Column("project_id", ID, ForeignKey(f"{PREFIX}projects.id", ondelete=KEEP), index=True),
    Column("notes", Text),
    # Accident details; NULL for other kinds.
    Column("is_accident", Boolean, nullable=False, server_default="0"),
    Column("deaths", Integer),
    Column("injured", Integer),
    Column("cause", SHORT),
    Column("facility_id", ID, ForeignKey(f"{PREFIX}places.id", ondelete=KEEP), index=True),
    Column("operator_id", ID, ForeignKey(f"{PREFIX}actors.id", ondelete=KEEP), index=True),
    CheckConstraint("earliest <= latest", name="bounds_ordered"),
    Index(f"ix_{PREFIX}events_earliest_latest", "earliest", "latest"),
    Index(f"ix_{PREFIX}events_latest", "latest"),
    Index(f"ix_{PREFIX}events_kind_earliest", "kind", "earliest"),
    Index(f"ix_{PREFIX}events_country_earliest", "country", "earliest"),
    # "kind/country since X" bounds latest: a range seek on these (revision 0004).
    Index(f"ix_{PREFIX}events_kind_latest", "kind", "latest", "earliest"),
    Index(f"ix_{PREFIX}events_country_latest", "country", "latest", "earliest"),
)


def _link(name: str, target: str, *, index: bool = False) -> Column[object]:
    """A required column pointing at ``target``'s id; the target cannot go while it is used."""
    return Column(
        name,
        ID,
        ForeignKey(f"{PREFIX}{target}.id", ondelete=KEEP),
        nullable=False,
        index=index,
    )


def _child(name: str, owner: str, *extra: Column[object] | Index) -> Table:
    """A table of rows belonging to ``owner`` records, in order (``seq``), deleted with it."""
    return _table(
        name,
        Column(
            f"{owner}_id",
            ID,
            ForeignKey(f"{PREFIX}{owner}s.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        Column("seq", Integer, primary_key=True, autoincrement=False),
        *extra,
    )


def _names(owner: str) -> Table:
    """A record's names: its current name (seq 0, type 'name') and its other names, each
    with the lookup key it is found under (:func:`catimeline._names.name_key`)."""
    return _child(
        f"{owner}_names",
        owner,
        Column("name", String(255), nullable=False),
        Column("key", String(255), nullable=False, index=True),
        Column("type", SHORT, nullable=False),
        *_dated(),
        Column("note", Text),
    )


def _roles(name: str, owner: str, *extra: Column[object] | Index, index: bool = True) -> Table:
    """Actors each in a role on an ``owner`` record (its participants, a place's
    operators): the actor (``index``: with an index of its own), the role, the ``extra``
    columns, then a note."""
    return _child(
        name,
        owner,
        _link("actor_id", "actors", index=index),
        Column("role", SHORT, nullable=False),
        *extra,
        Column("note", Text),
    )


actor_names = _names("actor")

actor_relations = _child(
    "actor_relations",
    "actor",
    Column("type", SHORT, nullable=False),
    Column("other_id", ID, ForeignKey(f"{PREFIX}actors.id", ondelete=KEEP), index=True),
    *_dated(),
    Column("note", Text),
)

place_names = _names("place")

# Projects have names like actors and places since revision 0005.
project_names = _names("project")

place_operators = _roles("place_operators", "place", *_dated())

# (place_id, event_id) and (actor_id, event_id): the "events of these places / actors"
# lookups are answered from the index alone, without reading the table (revision 0002).
event_places = _child(
    "event_places",
    "event",
    _link("place_id", "places"),
    Index(f"ix_{PREFIX}event_places_place_event", "place_id", "event_id"),
)

event_participants = _roles(
    "event_participants",
    "event",
    Index(f"ix_{PREFIX}event_participants_actor_event", "actor_id", "event_id"),
    index=False,
)


def _figures(owner: str) -> Table:
    return _child(
        f"{owner}_figures",
        owner,
        Column("name", SHORT, nullable=False),
        Column("value", Float, nullable=False),
        Column("unit", SHORT, nullable=False),
        Column("printed", String(255)),
        Column("approx", Boolean, nullable=False, server_default="0"),
        Column("note", Text),
    )


event_figures = _figures("event")
project_figures = _figures("project")

event_tags = _child("event_tags", "event", Column("tag", SHORT, nullable=False, index=True))

project_countries = _child("project_countries", "project", Column("country", String(2)))

project_places = _child(
    "project_places",
    "project",
    _link("place_id", "places", index=True),
)

project_participants = _roles("project_participants", "project")

project_status = _child(
    "project_status",
    "project",
    Column("status", SHORT, nullable=False),
    Column("date", SHORT, nullable=False),
    Column("earliest", Date, nullable=False),
    Column("latest", Date, nullable=False),
    Column("planned", Boolean, nullable=False, server_default="0"),
    Column("date_how", String(16), nullable=False),
    Column("event_id", ID),
    Column("note", Text),
)

# Citations of every owner kind live in one table: (owner kind, owner id, part, seq).
# ``part`` is 0 for the owner itself and n + 1 for step n of a project's status history.
citations = _table(
    "citations",
    Column("owner_kind", String(16), primary_key=True),
    Column("owner_id", ID, primary_key=True),
    Column("part", Integer, primary_key=True, autoincrement=False),
    Column("seq", Integer, primary_key=True, autoincrement=False),
    _link("source_id", "sources", index=True),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    CheckConstraint('start < "end"', name="span_ordered"),
)

# An id that was merged into another record: lookups of ``old_id`` find ``new_id``.
redirects = _table(
    "redirects",
    Column("kind", String(16), primary_key=True),
    Column("old_id", ID, primary_key=True),
    Column("new_id", ID, nullable=False, index=True),
)

# Key/value facts about the database itself: the hash of the bundled seeds loaded, and
# of each seed folder (``seed_hash:NAME``) with the folder it came from (``origin:NAME``).
state = _table(
    "state",
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

#: Tables in the order they can be filled (parents before children).
TABLES = tuple(metadata.sorted_tables)
