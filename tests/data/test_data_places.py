"""Every curated place has a point on the map, inside its country, and nearly every event has
a place to draw it at."""

from __future__ import annotations

import pytest

from tests.data.review import events, places

#: (south, north, west, east) of each country the seeds use, rounded outwards (outside
#: reference values); a country added to the seeds needs its box here.
BOXES: dict[str, tuple[float, float, float, float]] = {
    "KZ": (40.5, 55.5, 46.4, 87.4),
    "KG": (39.1, 43.3, 69.2, 80.3),
    "TJ": (36.6, 41.1, 67.3, 75.2),
    "UZ": (37.1, 45.6, 55.9, 73.2),
    "TM": (35.1, 42.8, 52.4, 66.7),
    "CN": (18.1, 53.6, 73.4, 134.8),
    "RU": (41.1, 82.0, 19.6, 180.0),
    "AF": (29.3, 38.5, 60.4, 74.9),
    "IR": (25.0, 39.8, 44.0, 63.4),
    "PK": (23.6, 37.1, 60.8, 77.9),
    "IN": (6.7, 35.7, 68.1, 97.4),
    "US": (24.4, 49.4, -125.0, -66.9),
    "PA": (7.1, 9.7, -83.1, -77.1),
    "UA": (44.3, 52.4, 22.1, 40.3),
    "AZ": (38.3, 41.9, 44.7, 50.4),
    "AM": (38.8, 41.3, 43.4, 46.7),
    "CH": (45.8, 47.9, 5.9, 10.5),
    "GB": (49.9, 60.9, -8.7, 1.8),
}


@pytest.mark.parametrize("place_id", sorted(places()))
def test_place_has_coordinates_inside_its_country(place_id: str) -> None:
    """The place has coordinates, a note saying where they come from and how precise they are,
    and (when it has a country) they fall inside that country's bounding box."""
    place = places()[place_id]
    assert place.coordinates is not None
    assert "Coordinates:" in (place.notes or "")
    if place.country is not None:
        south, north, west, east = BOXES[place.country]
        lat, lon = place.coordinates
        assert south <= lat <= north and west <= lon <= east, place.coordinates


def test_at_least_nine_events_in_ten_have_a_place() -> None:
    """At least 90% of events name a place, so the map can draw them."""
    all_events = list(events().values())
    placed = [e for e in all_events if e.places]
    assert len(placed) >= 0.9 * len(all_events)


def test_an_event_with_a_country_names_a_place() -> None:
    """Every event that has a country also names a place (at least that country)."""
    assert [e.id for e in events().values() if e.country and not e.places] == []
