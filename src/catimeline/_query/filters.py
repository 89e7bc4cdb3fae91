"""The filter values a query carries from :class:`~catimeline.Timeline` to ``_query``.

``EventFilters``: ``Timeline.events``, ``Timeline.accidents``, ``ask()`` and the
command line all build one of these and run it through
:meth:`catimeline.Timeline.query`, so the list of filters is written down once.
Values are normalised on construction (a single name becomes a one-item tuple)
and checked when the query runs, where names can be resolved against the database.

``ProjectFilters``, ``ListingFilters`` (actors), ``PlaceFilters``: the keywords of
``Timeline.projects``, ``.actors`` and ``.places``, carried as given to
:class:`~catimeline._query.entities.EntityQuery`.  They have no converters: the query
checks each value as it reads it, so a bad value gets the error it always got.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from catimeline._dates import DateLike
from catimeline._errors import QueryError
from catimeline._model import Actor, Event, Place, Project
from catimeline._query.checks import check_words

Ref = str | Actor | Place | Project | Event
"""A reference to a record: an id, a name or alias, or the record itself."""
Refs = Ref | Iterable[Ref] | None
"""One reference, a list of them (any of), or None (no filter)."""

_RECORDS = (str, Actor, Place, Project, Event)


def refs(value: Any) -> tuple[Ref, ...]:
    """``value`` (None, one reference or an iterable of them) as a tuple of references."""
    if value is None:
        return ()
    if isinstance(value, _RECORDS):
        return (value,)
    if isinstance(value, Mapping) or not isinstance(value, Iterable):
        raise QueryError(
            f"expected a name, an id, a catimeline object or a list of them, not {value!r}"
        )
    return _not_emptied(value, tuple(value))


def _not_emptied(value: object, items: tuple[Any, ...]) -> tuple[Any, ...]:
    """``items``, unless a list (or other iterable) given by the caller came out empty.

    An empty tuple is the value of a filter left out, so it passes; an empty list would
    read as "any of nothing" and match nothing, which the caller rarely means (a list
    built in a loop that found nothing), so it is refused rather than read either way.
    """
    if not items and not isinstance(value, tuple):
        raise QueryError(
            "an empty list matches nothing: give at least one value, or leave the filter out"
        )
    return items


def _words(value: Any, what: str) -> tuple[str, ...]:
    if value is None:
        return ()
    items = tuple(check_words([value] if isinstance(value, str) else value, what))
    return _not_emptied(value, items)


def kinds(value: Any) -> tuple[str, ...]:
    """``kind=`` (None, a word or an iterable of words) as a tuple of words."""
    return _words(value, "kind")


def causes(value: Any) -> tuple[str, ...]:
    """``cause=`` (None, a word or an iterable of words) as a tuple of words."""
    return _words(value, "cause")


@attrs.frozen(kw_only=True)
class EventFilters:
    """The filters of an event or accident query (every one optional; all must hold).

    Lists are any-of, except ``actors_all`` (every one of them took part).  See
    docs/querying.md for the meaning of each field and how ``.query`` states it.
    """

    actor: tuple[Ref, ...] = attrs.field(default=(), converter=refs)
    """Any of these actors took part (or, for accidents, operated)."""
    actors_all: tuple[Ref, ...] = attrs.field(default=(), converter=refs)
    """Every one of these actors took part (each by any of its names)."""
    include_affiliated: bool = False
    """Widen each named actor to the actors affiliated with it (its country's actors,
    its subsidiaries and parts)."""
    kind: tuple[str, ...] = attrs.field(default=(), converter=kinds)
    """Event kinds or kind groups (any of)."""
    country: tuple[Ref, ...] = attrs.field(default=(), converter=refs)
    """ISO codes or country names: the event's country (any of)."""
    place: tuple[Ref, ...] = attrs.field(default=(), converter=refs)
    """Places, each with everything inside it (any of)."""
    project: tuple[Ref, ...] = attrs.field(default=(), converter=refs)
    """Projects by id, name or alias (any of)."""
    text: str | None = None
    """Words that must all occur (full-text search)."""
    since: DateLike | None = None
    """The window starts at this date's earliest day."""
    until: DateLike | None = None
    """The window ends at this date's latest day."""
    during: DateLike | None = None
    """The window is this date's span (intersected with since/until)."""
    match: str = "overlaps"
    """How an event's date meets the window: ``overlaps``, ``within`` or ``possibly``."""
    order: str = "date"
    """``date``, ``-date``, ``deaths``, ``injured`` or ``money``."""
    limit: int | None = None
    """At most this many results."""
    after: Ref | None = None
    """Continue after this event (keyset paging, in the same order)."""
    accidents: bool = False
    """Only accidents (the fields below apply to accidents alone)."""
    min_deaths: int | None = None
    """Accidents with at least this many deaths."""
    cause: tuple[str, ...] = attrs.field(default=(), converter=causes)
    """Accident causes (any of)."""
    operator: tuple[Ref, ...] = attrs.field(default=(), converter=refs)
    """Accidents operated by any of these actors."""


@attrs.frozen(kw_only=True)
class ProjectFilters:
    """The filters of :meth:`catimeline.Timeline.projects` (every one optional; all must hold)."""

    actor: Refs = None
    """Any of these actors takes part."""
    include_affiliated: bool = False
    """Widen each actor to the actors affiliated with it."""
    country: Refs = None
    """ISO codes or country names (any of)."""
    kind: str | Iterable[str] | None = None
    """Project kinds (any of)."""
    status: str | Iterable[str] | None = None
    """Current statuses (any of)."""
    text: str | None = None
    """Words that each begin a word of a name or the notes."""
    since: DateLike | None = None
    """The window a status step must overlap starts at this date's earliest day."""
    until: DateLike | None = None
    """The window a status step must overlap ends at this date's latest day."""
    place: Refs = None
    """Places, each with everything inside it (any of)."""
    limit: int | None = None
    """At most this many results."""


@attrs.frozen(kw_only=True)
class ListingFilters:
    """The filters of :meth:`catimeline.Timeline.actors`, which places share."""

    kind: str | Iterable[str] | None = None
    """Actor (or place) kinds (any of)."""
    country: str | None = None
    """An ISO code or a country's name."""
    text: str | None = None
    """Words that each begin a word of a name or the description (a place's notes)."""
    limit: int | None = None
    """At most this many results."""


@attrs.frozen(kw_only=True)
class PlaceFilters(ListingFilters):
    """The filters of :meth:`catimeline.Timeline.places`: those of actors, and ``within``."""

    within: Refs = None
    """Places the place lies inside (any of)."""


__all__ = [
    "EventFilters",
    "ListingFilters",
    "PlaceFilters",
    "ProjectFilters",
    "Ref",
    "Refs",
    "causes",
    "kinds",
    "refs",
]
