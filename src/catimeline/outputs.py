"""Shared helpers of the notebook and file outputs (frames, plot, html, export).

They turn the ids that domain objects hold into names and coordinates (one bulk
read per kind through the timeline that produced the results, when there is
one), give each date its drawable span, and import optional libraries with an
error that says which extra to install.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Iterable, Sequence
from typing import Any

import attrs

from catimeline.dates import FuzzyDate
from catimeline.errors import MissingDependency
from catimeline.model import Accident, Actor, Event, Place, Project, Source

#: Which extra brings which importable module.
EXTRAS = {
    "pandas": "notebook",
    "matplotlib": "notebook",
    "altair": "notebook",
    "vl_convert": "notebook",
}


def need(module: str, purpose: str) -> Any:
    """Import an optional ``module`` or raise :class:`MissingDependency` naming the extra."""
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        extra = EXTRAS.get(module.split(".")[0], "notebook")
        raise MissingDependency(
            f"{purpose} needs {module.split('.')[0]}: install it with "
            f"pip install 'catimeline[{extra}]'",
            module=module.split(".")[0],
            extra=extra,
        ) from exc


@attrs.frozen
class Span:
    """The drawable span of a date: inclusive first and last day, and how sure it is."""

    start: dt.date
    end: dt.date
    exact: bool
    faded: bool
    open_start: bool
    open_end: bool
    possible_start: dt.date
    possible_end: dt.date


def _plain(day: Any) -> dt.date | None:
    return None if day is None else dt.date(day.year, day.month, day.day)


def span(date: FuzzyDate) -> Span | None:
    """The span to draw for ``date``; open ends collapse onto the known end (None if neither)."""
    first, last = _plain(date.earliest), _plain(date.latest)
    if first is None and last is None:
        return None
    start = first if first is not None else last
    end = last if last is not None else first
    assert start is not None and end is not None
    p_first = _plain(getattr(date, "possible_earliest", None)) or start
    p_last = _plain(getattr(date, "possible_latest", None)) or end
    fuzzy = bool(date.approximate or date.uncertain)
    return Span(
        start=start,
        end=end,
        exact=start == end and first is not None and last is not None and not fuzzy,
        faded=fuzzy,
        open_start=first is None,
        open_end=last is None,
        possible_start=min(p_first, start),
        possible_end=max(p_last, end),
    )


def dated(item: Any) -> FuzzyDate | None:
    """The date an item stands at on a timeline: an event's date, a project's first step."""
    if isinstance(item, Event):
        return item.date
    if isinstance(item, Project) and item.status:
        return sorted(item.status, key=lambda s: s.date)[0].date
    return None


class Lookup:
    """Names, places and sources behind the ids of some results, read in bulk once.

    Only the columns the outputs show are read (names; a place's parent and
    coordinates; sources when ``sources`` is true), one query per kind and chunk.
    """

    def __init__(self, items: Sequence[Any], timeline: Any = None, *, sources: bool = True) -> None:
        self._actors: dict[str, str] = {}
        self._projects: dict[str, str] = {}
        self._places: dict[str, tuple[str, str | None, tuple[float, float] | None]] = {}
        self.sources: dict[str, Source] = {}
        if timeline is None or not items:
            return
        actor_ids: set[str] = set()
        place_ids: set[str] = set()
        source_ids: set[str] = set()
        project_ids: set[str] = set()
        for item in items:
            if sources:
                source_ids.update(c.source for c in _citations(item))
            if isinstance(item, Event | Project):
                actor_ids.update(p.actor for p in item.participants)
                place_ids.update(item.places)
            if isinstance(item, Actor):
                actor_ids.update(r.actor for r in item.relations)
            if isinstance(item, Place):
                actor_ids.update(t.actor for t in item.operators)
                place_ids.update(p for p in (item.parent,) if p)
            if isinstance(item, Accident):
                actor_ids.update(a for a in (item.operator,) if a)
                place_ids.update(p for p in (item.facility,) if p)
            if isinstance(item, Event) and item.project:
                project_ids.add(item.project)
        self._read(timeline, actor_ids, place_ids, project_ids, source_ids)

    @classmethod
    def of_ids(
        cls,
        timeline: Any,
        *,
        actors: Iterable[str] = (),
        places: Iterable[str] = (),
        projects: Iterable[str] = (),
    ) -> Lookup:
        """The names of these actors, places and projects (no sources), read in bulk."""
        found = cls((), None)
        if timeline is not None:
            found._read(timeline, set(actors), set(places), set(projects), set())
        return found

    def _read(
        self,
        timeline: Any,
        actor_ids: set[str],
        place_ids: set[str],
        project_ids: set[str],
        source_ids: set[str],
    ) -> None:
        from sqlalchemy import select

        from catimeline.store import compiled, schema
        from catimeline.store.repository import Repository

        def read(connection: Any, table: Any, columns: tuple[str, ...], ids: set[str]) -> Any:
            """Rows of ``columns`` of ``table`` for ``ids``, 512 ids per statement."""
            ordered = sorted(ids)
            for start in range(0, len(ordered), 512):
                chunk = compiled.padded(ordered[start : start + 512])
                statement = compiled.compiled(
                    connection,
                    ("names", table.name, columns, len(chunk)),
                    lambda: select(*(table.c[c] for c in columns)).where(
                        compiled.in_list(table.c.id, "id", len(chunk))  # noqa: B023
                    ),
                )
                yield from compiled.run(connection, statement, compiled.values("id", chunk))

        with timeline._read() as connection:
            name = ("id", "name")
            self._actors.update(
                (r[0], r[1]) for r in read(connection, schema.actors, name, actor_ids)
            )
            self._projects.update(
                (r[0], r[1]) for r in read(connection, schema.projects, name, project_ids)
            )
            # Walk up the parents so a facility without coordinates can use its town's.
            wanted = place_ids
            columns = ("id", "name", "parent_id", "lat", "lon")
            while wanted:
                parents: set[str] = set()
                for r in read(connection, schema.places, columns, wanted):
                    coords = (r[3], r[4]) if r[3] is not None and r[4] is not None else None
                    self._places[r[0]] = (r[1], r[2], coords)
                    if r[2] and coords is None:
                        parents.add(r[2])
                wanted = parents - set(self._places)
            if source_ids:
                found = Repository(connection).sources(sorted(source_ids))
                self.sources = {src.id: src for src in found}

    @property
    def has_places(self) -> bool:
        """Whether any place was read (False without a timeline)."""
        return bool(self._places)

    def actor_name(self, actor_id: str) -> str:
        """The actor's current name, or its id when unknown."""
        return self._actors.get(actor_id, actor_id)

    def place_name(self, place_id: str) -> str:
        """The place's name, or its id when unknown."""
        found = self._places.get(place_id)
        return found[0] if found else place_id

    def project_name(self, project_id: str) -> str:
        """The project's name, or its id when unknown."""
        return self._projects.get(project_id, project_id)

    def located(self, place_id: str) -> tuple[tuple[float, float], str] | None:
        """``((lat, lon), id)`` of the place or of its nearest enclosing place with coordinates."""
        seen: set[str] = set()
        current: str | None = place_id
        while current and current not in seen:
            seen.add(current)
            found = self._places.get(current)
            if found is None:
                return None
            _name, parent, coords = found
            if coords is not None:
                return coords, current
            current = parent
        return None


def _citations(item: Any) -> tuple[Any, ...]:
    cites = tuple(getattr(item, "citations", ()) or ())
    if isinstance(item, Project):
        cites += tuple(c for s in item.status for c in s.citations)
    return cites


def source_ids(item: Any) -> list[str]:
    """The ids of the sources an item cites, each once, in citation order."""
    return list(dict.fromkeys(c.source for c in _citations(item)))


def unique(values: Iterable[str]) -> list[str]:
    """``values`` without repeats, in first-seen order."""
    return list(dict.fromkeys(values))
