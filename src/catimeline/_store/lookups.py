"""Reads for the outputs: the names, dated names, coordinates and sources behind some ids.

The notebook and file outputs show names where records hold ids.  They ask for
them here, in bulk (one statement per table and 512 ids), rather than writing
SQL of their own; what comes back is plain data (:class:`Labels`), so the
outputs never see a table or a connection.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import attrs
from sqlalchemy import Connection, Table, select

from catimeline._model import Source
from catimeline._store import compiled, schema
from catimeline._store.reading import Reader

#: Ids bound in one statement.
CHUNK = 512


@attrs.frozen
class DatedName:
    """A name an actor held over a span (EDTF ``since``/``until``, either may be None)."""

    actor: str
    name: str
    type: str
    since: str | None
    until: str | None


@attrs.frozen
class PlaceLabel:
    """A place as the outputs show it: name, parent, kind and coordinates when known."""

    id: str
    name: str
    parent: str | None
    kind: str
    coordinates: tuple[float, float] | None


@attrs.frozen
class CountryLabel:
    """The place of kind country standing for an ISO code: its id, name and coordinates."""

    code: str
    name: str
    place: str
    coordinates: tuple[float, float] | None


@attrs.frozen
class Labels:
    """Everything :func:`labels` read: each part keyed by id, dated names in seed order."""

    actors: dict[str, str]
    dated_names: tuple[DatedName, ...]
    projects: dict[str, str]
    places: dict[str, PlaceLabel]
    countries: tuple[CountryLabel, ...]
    sources: dict[str, Source]


def _by_ids(
    connection: Connection, table: Table, columns: tuple[str, ...], ids: set[str], key: str = "id"
) -> Iterator[Any]:
    """Rows of ``columns`` of ``table`` whose ``key`` is in ``ids``, :data:`CHUNK` per statement."""
    ordered = sorted(ids)
    for start in range(0, len(ordered), CHUNK):
        chunk = compiled.padded(ordered[start : start + CHUNK])
        statement = compiled.compiled(
            connection,
            ("names", table.name, columns, key, len(chunk)),
            lambda: select(*(table.c[c] for c in columns)).where(
                compiled.in_list(table.c[key], "id", len(chunk))  # noqa: B023
            ),
        )
        yield from compiled.run(connection, statement, compiled.values("id", chunk))


def _coordinates(lat: float | None, lon: float | None) -> tuple[float, float] | None:
    return (lat, lon) if lat is not None and lon is not None else None


def dated_names(connection: Connection, actor_ids: set[str]) -> tuple[DatedName, ...]:
    """The names of these actors held over a stated span, by actor and seed order."""
    columns = ("actor_id", "seq", "name", "type", "since", "until")
    rows = _by_ids(connection, schema.actor_names, columns, actor_ids, "actor_id")
    # (actor, seq) is the table's key: sorting the rows whole sorts them by it.
    return tuple(
        DatedName(actor, name, kind, since, until)
        for actor, _seq, name, kind, since, until in sorted(rows)
        if since is not None or until is not None
    )


def countries(connection: Connection) -> tuple[CountryLabel, ...]:
    """Every place of kind country that has an ISO code, in id order."""
    table = schema.places.c
    query = (
        select(table.country, table.name, table.id, table.lat, table.lon)
        .where(table.kind == "country", table.country.is_not(None))
        .order_by(table.id)
    )
    return tuple(
        CountryLabel(code, name, place, _coordinates(lat, lon))
        for code, name, place, lat, lon in connection.execute(query)
    )


def places_up(connection: Connection, place_ids: set[str]) -> dict[str, PlaceLabel]:
    """These places, and the parents of those without coordinates up to one that has them
    (so a facility can be drawn at its town)."""
    found: dict[str, PlaceLabel] = {}
    wanted = place_ids
    columns = ("id", "name", "parent_id", "lat", "lon", "kind")
    while wanted:
        parents: set[str] = set()
        for place_id, name, parent, lat, lon, kind in _by_ids(
            connection, schema.places, columns, wanted
        ):
            place = PlaceLabel(place_id, name, parent, kind, _coordinates(lat, lon))
            found[place.id] = place
            if place.parent and place.coordinates is None:
                parents.add(place.parent)
        wanted = parents - set(found)
    return found


def labels(
    connection: Connection,
    *,
    actors: set[str],
    places: set[str],
    projects: set[str],
    sources: set[str],
) -> Labels:
    """The names of these actors (with their dated names), places (walking up to located
    parents), projects and every country, and these sources whole."""
    name = ("id", "name")
    found_sources = Reader(connection).sources(sorted(sources)) if sources else []
    return Labels(
        actors=dict(_by_ids(connection, schema.actors, name, actors)),
        dated_names=dated_names(connection, actors),
        projects=dict(_by_ids(connection, schema.projects, name, projects)),
        places=places_up(connection, places),
        countries=countries(connection),
        sources={s.id: s for s in found_sources},
    )
