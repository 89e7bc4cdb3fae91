"""The GeoJSON export of the whole curated timeline puts a point on at least nine events in
ten (curated places carry coordinates; a place without falls back up its hierarchy)."""

from __future__ import annotations

import json

import catimeline as ct


def test_geojson_locates_nine_events_in_ten(curated: ct.Timeline) -> None:
    """At least 90% of the curated events have a feature, every feature a point with
    longitude and latitude in range and a stated precision."""
    events = curated.events()
    collection = json.loads(events.export("geojson"))
    located = {f["properties"]["id"] for f in collection["features"]}
    assert len(located) >= 0.9 * len(events), (len(located), len(events))
    for feature in collection["features"]:
        lon, lat = feature["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        assert feature["properties"]["precision"]
