"""The exceptions catimeline raises.  Every one is a :class:`CatimelineError`.

Messages say what is wrong and what to do, in one line, so the command line can
print them as they are.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


class CatimelineError(Exception):
    """Base of every error catimeline raises on purpose."""


class InvalidDate(CatimelineError, ValueError):
    """Text that is not a valid EDTF date, or a date that cannot exist."""


class QueryError(CatimelineError, ValueError):
    """A query or question that cannot be read: bad filter, unknown word, bad option."""

    def __init__(self, message: str, *, suggestions: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.suggestions: tuple[str, ...] = tuple(suggestions)


class AmbiguousName(QueryError):
    """A name shared by several unrelated records (``"Foreign Ministry"``): none is picked.

    ``.candidates`` holds ``(id, name)`` pairs and ``.suggestions`` their ids; give
    one of the ids (or a fuller name) instead.  ``advice`` (the end of the message)
    says how to choose where an id is not the best way (a city and its region).
    """

    def __init__(
        self,
        name: str,
        entity: str,
        candidates: Sequence[tuple[str, str]],
        advice: str = "give one of these ids instead",
    ) -> None:
        self.name = name
        self.entity = entity
        self.candidates: tuple[tuple[str, str], ...] = tuple(candidates)
        self.advice = advice
        listed = "; ".join(f"{cid} ({cname})" for cid, cname in self.candidates)
        super().__init__(
            f"{name!r} names several {entity}s: {listed}; {advice}",
            suggestions=[cid for cid, _ in self.candidates],
        )

    def __reduce__(self) -> tuple[type[AmbiguousName], tuple[Any, ...]]:
        return (type(self), (self.name, self.entity, self.candidates, self.advice))


class UnknownName(CatimelineError, LookupError):
    """A name, alias or id that matches nothing; ``.suggestions`` holds close names."""

    entity = "name"
    listing = "the id"

    def __init__(self, name: str, suggestions: Sequence[str] = ()) -> None:
        self.name = name
        self.suggestions: tuple[str, ...] = tuple(suggestions)
        hint = (
            f"; did you mean {', '.join(repr(s) for s in self.suggestions)}?"
            if suggestions
            else f": check the spelling, or {self.listing}"
        )
        super().__init__(f"no {self.entity} called {name!r}{hint}")

    def __reduce__(self) -> tuple[type[UnknownName], tuple[str, tuple[str, ...]]]:
        return (type(self), (self.name, self.suggestions))


class UnknownActor(UnknownName):
    """No actor has this id, name or alias."""

    entity = "actor"
    listing = "list the actors with tl.actors()"


class UnknownPlace(UnknownName):
    """No place has this id, name or alias."""

    entity = "place"
    listing = "list the places with tl.places()"


class UnknownProject(UnknownName):
    """No project has this id or name."""

    entity = "project"
    listing = "list the projects with tl.projects()"


class UnknownEvent(UnknownName):
    """No event has this id."""

    entity = "event"
    listing = "find the event's id with tl.events()"


class SeedError(CatimelineError):
    """A seed file that cannot be loaded; ``.path`` and ``.line`` say where."""

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None) -> None:
        self.path = path
        self.line = line
        self.reason = message
        where = f"{path}:{line}: " if path and line else (f"{path}: " if path else "")
        super().__init__(f"{where}{message}")


class SeedErrors(SeedError):
    """Several seed problems found in one validation pass; ``.errors`` lists each."""

    def __init__(self, errors: Sequence[SeedError]) -> None:
        self.errors: tuple[SeedError, ...] = tuple(errors)
        first = self.errors[0]
        more = f" (and {len(self.errors) - 1} more problems)" if len(self.errors) > 1 else ""
        super().__init__(first.reason + more, path=first.path, line=first.line)


class MigrationError(CatimelineError):
    """The database schema cannot be brought to or checked against this version."""


class DatabaseError(CatimelineError):
    """The database cannot be reached, opened or written."""


class MissingDependency(CatimelineError, ImportError):
    """An optional library is not installed; the message names the extra that brings it."""

    def __init__(self, message: str, *, module: str, extra: str) -> None:
        super().__init__(message)
        self.module = module
        self.extra = extra


class ReadOnlyError(DatabaseError):
    """A write was attempted on a timeline opened with ``readonly=True``."""


class InvalidRecords(CatimelineError, ValueError):
    """Records that cannot be written; ``.problems`` lists each (record, field, what is wrong).

    Raised by ``tl.add``, ``tl.update``, imports and seeding before anything is
    written: the database is left exactly as it was.
    """

    #: How many problems the message spells out (``.problems`` always holds all).
    SHOWN = 20

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        shown = "; ".join(str(p) for p in self.problems[: self.SHOWN])
        more = len(self.problems) - self.SHOWN
        tail = f"; and {more} more" if more > 0 else ""
        count = len(self.problems)
        super().__init__(
            f"{count} problem{'s' if count != 1 else ''} in the records, nothing was written: "
            f"{shown}{tail}"
        )

    def __reduce__(self) -> tuple[type[InvalidRecords], tuple[tuple[Problem, ...]]]:
        return (type(self), (self.problems,))


class Problem:
    """One problem of one record: its ``kind`` (event, actor...), ``id``, ``field`` and
    ``message``; ``index`` is the record's position in what was given (None if unknown)."""

    __slots__ = ("field", "id", "index", "kind", "message")

    def __init__(
        self, kind: str, id: str, field: str, message: str, index: int | None = None
    ) -> None:
        self.kind, self.id, self.field, self.message, self.index = kind, id, field, message, index

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        return f"Problem({self.kind!r}, {self.id!r}, {self.field!r}, {self.message!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Problem) and repr(self) == repr(other)

    def __hash__(self) -> int:
        return hash(repr(self))


class ProtectedRecord(CatimelineError):
    """A write that would change or remove a curated seed record, which belongs to its seeds."""


class RecordInUse(CatimelineError):
    """A record others refer to cannot be removed or merged away; ``.dependents`` lists them
    as ``(kind, id)``."""

    def __init__(self, message: str, dependents: Sequence[tuple[str, str]] = ()) -> None:
        super().__init__(message)
        self.dependents: tuple[tuple[str, str], ...] = tuple(dependents)

    def __reduce__(self) -> tuple[type[RecordInUse], tuple[str, tuple[tuple[str, str], ...]]]:
        return (type(self), (str(self), self.dependents))


class ExportError(CatimelineError):
    """An export or plot cannot be made or its file cannot be written; the message says why."""


class DiskFull(ExportError, OSError):
    """The disk filled up while an export was written; the previous file is left as it was."""
