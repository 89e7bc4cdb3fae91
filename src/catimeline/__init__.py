"""catimeline: a curated, cited, queryable timeline of events in Central Asia.

>>> import catimeline as ct
>>> tl = ct.open()
>>> tl.ask("all AMT incidents since 2021")

This module is the public face: the names in ``__all__`` (and the documented
:mod:`catimeline.vocabulary`) are the whole public API.  Every other module is
private (its name starts with an underscore) and may change between releases.
Importing the package loads nothing heavy (no Alembic, no ORM, no pandas) so
programs can import it cheaply.
"""

from __future__ import annotations

import importlib
from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING, Any

from catimeline import vocabulary
from catimeline._dates import FuzzyDate, Precision
from catimeline._errors import (
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
from catimeline._model import (
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
from catimeline._opening import open
from catimeline._query.filters import EventFilters
from catimeline._results import Match, Results
from catimeline._timeline import Timeline

if TYPE_CHECKING:
    from catimeline._export import export
    from catimeline._frames import to_pandas
    from catimeline._importing import ImportReport, import_file
    from catimeline._plot import plot

#: Public names whose modules load on first use, so ``import catimeline`` stays light.
_ON_FIRST_USE = {
    "export": "catimeline._export",
    "to_pandas": "catimeline._frames",
    "plot": "catimeline._plot",
    "import_file": "catimeline._importing",
    "ImportReport": "catimeline._importing",
}


def __getattr__(name: str) -> Any:
    """Load an output or import function on first use (PEP 562)."""
    home = _ON_FIRST_USE.get(name)
    if home is None:
        raise AttributeError(f"module 'catimeline' has no attribute {name!r}")
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_ON_FIRST_USE))


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
    "ImportReport",
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
    "export",
    "import_file",
    "open",
    "plot",
    "to_pandas",
    "vocabulary",
]
