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

from catimeline._dates import FuzzyDate
from catimeline._errors import MissingDependency
from catimeline._model import Accident, Actor, Event, Place, Project, Source

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


@attrs.frozen
class HeldName:
    """A name an actor held over a span: ``since``/``until`` as inclusive first/last days."""

    name: str
    rank: int
    first: dt.date | None
    last: dt.date | None

    @classmethod
    def of(cls, name: str, type: str, since: str | None, until: str | None) -> HeldName:
        """From the stored row: EDTF ``since``/``until`` (either may be None)."""
        first = _plain(FuzzyDate.parse(since).earliest) if since else None
        last = _plain(FuzzyDate.parse(until).latest) if until else None
        return cls(name, 0 if type in ("former", "official") else 1, first, last)

    def holds(self, day: dt.date) -> bool:
        """Whether the name was held on ``day``."""
        return (self.first is None or self.first <= day) and (self.last is None or day <= self.last)


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
        # Dated names (former names, dated abbreviations) by actor, in seed order.
        self._held: dict[str, list[HeldName]] = {}
        self._countries: dict[str, str] = {}
        self._projects: dict[str, str] = {}
        self._places: dict[str, tuple[str, str | None, tuple[float, float] | None]] = {}
        self._kinds: dict[str, str] = {}
        # Country code -> (place id, coordinates) of the place of kind country.
        self._country_places: dict[str, tuple[str, tuple[float, float] | None]] = {}
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
        from catimeline._store.lookups import labels

        # A timeline's own reader turns a lost connection into a DatabaseError.
        reader = getattr(timeline, "_read", None)
        with reader() if callable(reader) else timeline.engine.connect() as connection:
            found = labels(
                connection,
                actors=actor_ids,
                places=place_ids,
                projects=project_ids,
                sources=source_ids,
            )
        self._actors.update(found.actors)
        for held in found.dated_names:
            self._held.setdefault(held.actor, []).append(
                HeldName.of(held.name, held.type, held.since, held.until)
            )
        self._projects.update(found.projects)
        for country in found.countries:
            self._countries.setdefault(country.code, country.name)
            self._country_places.setdefault(country.code, (country.place, country.coordinates))
            self._kinds.setdefault(country.place, "country")
        for place in found.places.values():
            self._places[place.id] = (place.name, place.parent, place.coordinates)
            self._kinds[place.id] = place.kind
        if source_ids:
            self.sources = found.sources

    @property
    def has_places(self) -> bool:
        """Whether any place was read (False without a timeline)."""
        return bool(self._places)

    def actor_name(self, actor_id: str) -> str:
        """The actor's current name, or its id when unknown."""
        return self._actors.get(actor_id, actor_id)

    def actor_name_at(self, actor_id: str, date: FuzzyDate | None) -> str:
        """The name the actor went by on ``date`` (its current name when no dated name held).

        The date stands at its first stated day (its last for an open start).
        A former name beats a dated abbreviation or alias held at the same time.
        """
        held = self._held.get(actor_id)
        if held and date is not None:
            day = _plain(date.earliest) or _plain(date.latest)
            found = [h for h in held if day is not None and h.holds(day)]
            if found:
                return min(found, key=lambda h: h.rank).name
        return self.actor_name(actor_id)

    def country_name(self, code: str | None) -> str:
        """The country's name (from the places of kind country), or its code when unknown."""
        if not code:
            return ""
        return self._countries.get(code, code)

    def place_name(self, place_id: str) -> str:
        """The place's name, or its id when unknown."""
        found = self._places.get(place_id)
        return found[0] if found else place_id

    def project_name(self, project_id: str) -> str:
        """The project's name, or its id when unknown."""
        return self._projects.get(project_id, project_id)

    def place_kind(self, place_id: str) -> str | None:
        """The place's kind (mine, city, region, country...), None when unknown."""
        return self._kinds.get(place_id)

    def country_located(self, code: str | None) -> tuple[tuple[float, float], str] | None:
        """``((lat, lon), id)`` of the country place of ``code``, when it has coordinates."""
        found = self._country_places.get(code or "")
        if found is None or found[1] is None:
            return None
        return found[1], found[0]

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


def describe_date(date: FuzzyDate) -> str:
    """A date as EDTF text, saying when it is approximate or uncertain."""
    words = [str(date)]
    if date.approximate:
        words.append("approximate")
    if date.uncertain:
        words.append("uncertain")
    return words[0] + (f" ({', '.join(words[1:])})" if len(words) > 1 else "")


def source_text(source: Source | None, source_id: str) -> str:
    """A source as one readable line: title, outlet, date and link (its id when unknown)."""
    if source is None:
        return source_id
    parts = [source.title, source.publisher, str(source.published or "")]
    url = getattr(source, "url", None)
    if url:
        parts.append(str(url))
    return ", ".join(p for p in parts if p)


def unique(values: Iterable[str]) -> list[str]:
    """``values`` without repeats, in first-seen order."""
    return list(dict.fromkeys(values))
