"""The GeoJSON export (RFC 7946): a point for every item that has a place.

An event is drawn at each of its places.  A place without coordinates (often a
mine or a plant) falls back up its hierarchy to the nearest enclosing place that
has them (its city, region or country); an event with no located place but a
country falls back to that country.  Each feature says where it stands:

- ``place_id`` / ``place``: the event's place (or its country);
- ``located_at``: the place whose coordinates were used;
- ``precision``: ``"place"`` when they are the place's own (and it is not a
  whole region or country), else the kind of the place used (``"city"``,
  ``"region"``, ``"country"``...).

Two places of one event that fall back to the same point give one feature.
Coordinates are ``[longitude, latitude]`` as RFC 7946 requires.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from typing import Any

import attrs

from catimeline._columns import GEOJSON, row
from catimeline._errors import CatimelineError, QueryError
from catimeline._model import Event, Place, Project
from catimeline._outputs import Lookup

#: Kinds of place whose coordinates stand for an area, not a spot.
AREAS = frozenset({"country", "region"})


def _feature(lat_lon: tuple[float, float], properties: dict[str, Any]) -> dict[str, Any]:
    lat, lon = lat_lon
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [lon, lat]},
        "properties": properties,
    }


def _properties(item: Event | Project | Place, names: Lookup) -> dict[str, Any]:
    """The item's :data:`~catimeline._columns.GEOJSON` properties, days as ISO text."""
    return {
        k: v.isoformat() if isinstance(v, dt.date) else v
        for k, v in row(GEOJSON, item, names).items()
    }


def _points(item: Event | Project, names: Lookup) -> list[tuple[str, tuple[float, float], str]]:
    """(place id, coordinates, id of the place they belong to) for each point of ``item``."""
    found: list[tuple[str, tuple[float, float], str]] = []
    for place_id in item.places:
        where = names.located(place_id)
        if where is not None and all(where[1] != f[2] for f in found):
            found.append((place_id, where[0], where[1]))
    if not found and isinstance(item, Event):
        where = names.country_located(item.country)
        if where is not None:
            found.append((where[1], where[0], where[1]))
    return found


def _place_feature(item: Place) -> dict[str, Any] | None:
    if item.coordinates is None:
        return None
    return _feature(item.coordinates, {**_properties(item, Lookup(())), "precision": "place"})


def to_geojson(items: Sequence[Any], names: Lookup) -> str:
    """A GeoJSON FeatureCollection: one Point per item and located place."""
    features: list[dict[str, Any]] = []
    for item in items:
        if isinstance(item, Place):
            feature = _place_feature(item)
            features += [feature] if feature else []
            continue
        if not isinstance(item, Event | Project):
            raise QueryError(
                f"{type(item).__name__} results have no places to map: export events or places"
            )
        if not names.has_places and item.places:
            raise CatimelineError(
                "GeoJSON needs the places' coordinates: export results of a timeline query "
                "(tl.events(...).export('geojson')), not a hand-made list"
            )
        base = _properties(item, names)
        for place_id, coords, located_at in _points(item, names):
            kind = names.place_kind(located_at) or "country"
            own = located_at == place_id and kind not in AREAS
            features.append(
                _feature(
                    coords,
                    {
                        **base,
                        "place": names.place_name(place_id)
                        if place_id in item.places
                        else names.country_name(base.get("country")),
                        "place_id": place_id,
                        "located_at": located_at,
                        "precision": "place" if own else kind,
                    },
                )
            )
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False)


@attrs.frozen
class MapCount:
    """What a GeoJSON export holds: features, items with a point, items without one."""

    features: int
    located: int
    unlocated: int

    def __str__(self) -> str:
        return (
            f"{self.features} feature{'s' if self.features != 1 else ''}; "
            f"{self.unlocated} item{'s' if self.unlocated != 1 else ''} had no point"
        )


def count(text: str, items: int) -> MapCount:
    """Count the features of a GeoJSON export of ``items`` items."""
    features = json.loads(text)["features"]
    located = len({f["properties"]["id"] for f in features})
    return MapCount(len(features), located, items - located)
