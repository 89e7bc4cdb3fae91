"""A city's name that also names the region around it ("Karaganda": the city, or
Karaganda Region with its mines): the place filter takes the one that has the events
asked for, or asks which is meant.

The query runs with the city first.  When the region named after it gives no events or
the same ones, nothing changes; when the city has none and the region has some, the region is
read instead and ``results.query`` says so.  When both have events and they differ, the
name is ambiguous, and :class:`~catimeline.AmbiguousName` lists both with their counts, if
the region holds the city (Karaganda); a region beside the city (Almaty Region, which does
not hold the city of Almaty) leaves the name to the city.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import attrs
from sqlalchemy import Connection, select

from catimeline._errors import AmbiguousName
from catimeline._query.events import EventQuery
from catimeline._query.filters import EventFilters
from catimeline._query.resolver import Resolver
from catimeline._results import Results
from catimeline._store import schema as s

if TYPE_CHECKING:
    from catimeline._timeline import Timeline


def run(
    connection: Connection,
    filters: EventFilters,
    *,
    question: str | None,
    timeline: Timeline,
) -> Results[Any]:
    """Run ``filters``, reading a city's name as its region where that is what answers."""
    results = EventQuery(connection).run(filters, question=question, timeline=timeline)
    resolver = Resolver(connection)
    for ref in filters.place:
        region = resolver.region_twin(ref)
        if region is None:
            continue
        places = tuple(region if r is ref else r for r in filters.place)
        wide = EventQuery(connection).run(
            attrs.evolve(filters, place=places), question=question, timeline=timeline
        )
        if not wide.ids or wide.ids == results.ids:
            continue  # the region adds nothing (or does not hold the city: Almaty)
        city = resolver.place(ref, inside=False).ids
        if results.ids and not set(city) <= set(resolver.descendants([region])):
            continue  # a region beside the city, not around it (Almaty): the name is the city's
        if results.ids:
            raise AmbiguousName(
                str(ref),
                "place",
                [
                    *_labelled(connection, city, len(results)),
                    *_labelled(connection, [region], len(wide)),
                ],
                advice=f"say {str(ref).strip() + ' city'!r} or name the region",
            )
        note = (
            f"{str(ref)!r} names a city with none of these events; read as {region}, "
            "the region named after it"
        )
        query = attrs.evolve(wide.query, notes=(*wide.query.notes, note))
        results = Results(list(wide), query, {i: wide.why(i) for i in wide.ids}, timeline)
        filters = attrs.evolve(filters, place=places)
    return results


def _labelled(connection: Connection, ids: Sequence[str], count: int) -> list[tuple[str, str]]:
    """(id, "name, N events") of each place of ``ids``, for the ambiguity's message."""
    p = s.places.c
    rows = connection.execute(select(p.id, p.name).where(p.id.in_(list(ids))).order_by(p.id))
    return [(r.id, f"{r.name}, {count} event{'s' if count != 1 else ''}") for r in rows]
