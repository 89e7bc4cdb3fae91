"""catimeline: a curated, cited, queryable timeline of events in Central Asia.

>>> import catimeline as ct
>>> tl = ct.open()
>>> tl.ask("all AMT incidents since 2021")

This module is the public face: it re-exports the names below and imports
nothing heavy (no Alembic, no ORM) so programs can import it cheaply.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from catimeline.dates import FuzzyDate, Precision
from catimeline.errors import (
    AmbiguousName,
    CatimelineError,
    DatabaseError,
    DiskFull,
    ExportError,
    InvalidDate,
    InvalidRecords,
    MigrationError,
    MissingDependency,
    Problem,
    ProtectedRecord,
    QueryError,
    ReadOnlyError,
    RecordInUse,
    SeedError,
    UnknownActor,
    UnknownEvent,
    UnknownName,
    UnknownPlace,
    UnknownProject,
)
from catimeline.model import (
    Accident,
    Actor,
    Citation,
    Event,
    Money,
    Name,
    Participant,
    Place,
    Project,
    Quantity,
    Relation,
    Source,
    StatusChange,
    Tenure,
)
from catimeline.query.filters import EventFilters
from catimeline.results import Match, Results
from catimeline.timeline import Timeline, open

try:
    __version__ = version("catimeline")
except PackageNotFoundError:  # pragma: no cover - running from a bare source tree
    __version__ = "0+unknown"

__all__ = [
    "Accident",
    "Actor",
    "AmbiguousName",
    "CatimelineError",
    "Citation",
    "DatabaseError",
    "DiskFull",
    "Event",
    "EventFilters",
    "ExportError",
    "FuzzyDate",
    "InvalidDate",
    "InvalidRecords",
    "Match",
    "MigrationError",
    "MissingDependency",
    "Money",
    "Name",
    "Participant",
    "Place",
    "Precision",
    "Problem",
    "Project",
    "ProtectedRecord",
    "Quantity",
    "QueryError",
    "ReadOnlyError",
    "RecordInUse",
    "Relation",
    "Results",
    "SeedError",
    "Source",
    "StatusChange",
    "Tenure",
    "Timeline",
    "UnknownActor",
    "UnknownEvent",
    "UnknownName",
    "UnknownPlace",
    "UnknownProject",
    "__version__",
    "open",
]
