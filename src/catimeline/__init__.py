"""catimeline: a curated, cited, queryable timeline of events in Central Asia.

>>> import catimeline as ct
>>> tl = ct.open()
>>> tl.ask("all AMT incidents since 2021")

This module is the public face: it re-exports the names below and imports
nothing heavy (no Alembic, no ORM) so programs can import it cheaply.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from catimeline import display as _display
from catimeline.dates import FuzzyDate, Precision
from catimeline.errors import (
    CatimelineError,
    DatabaseError,
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
from catimeline.results import Match, Results
from catimeline.timeline import Timeline, open

# Records show in notebooks through the HTML views, which the domain does not import.
_display.install()

try:
    __version__ = version("catimeline")
except PackageNotFoundError:  # pragma: no cover - running from a bare source tree
    __version__ = "0+unknown"

__all__ = [
    "Accident",
    "Actor",
    "CatimelineError",
    "Citation",
    "DatabaseError",
    "Event",
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
