"""GeoJSON: every event with a place (or a country) gets a point, falling back up the
place hierarchy, with the precision of the point recorded."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import geojson
import pytest
from click.testing import CliRunner

import catimeline as ct
from catimeline import _cli as cli
from catimeline._cli import main
from tests.helpers import cited

PLACES = [
    ct.Place("land", "Land", "country", country="KZ", coordinates=(48.0, 67.0)),
    ct.Place("bare-land", "Bare Land", "country", country="KG"),
    ct.Place(
        "hills", "Hills Region", "region", parent="land", country="KZ", coordinates=(50.0, 70.0)
    ),
    ct.Place("town", "Town", "city", parent="hills", country="KZ"),
    ct.Place("deep-mine", "Deep Mine", "mine", parent="town", country="KZ"),
    ct.Place("lit-mine", "Lit Mine", "mine", parent="town", country="KZ", coordinates=(50.5, 70.5)),
    ct.Place("lost-mine", "Lost Mine", "mine", parent="bare-land", country="KG"),
]
EVENTS = [
    ct.Event(
        "at-lit-mine",
        "2020-01-01",
        "accident",
        "At the lit mine",
        country="KZ",
        places=["lit-mine"],
    ),
    ct.Event(
        "at-deep-mine",
        "2020-01-02",
        "accident",
        "At the deep mine",
        country="KZ",
        places=["deep-mine"],
    ),
    ct.Event("in-land", "2020-01-03", "policy", "A law for the land", country="KZ"),
    ct.Event(
        "two-mines",
        "2020-01-04",
        "inspection",
        "Both mines",
        country="KZ",
        places=["deep-mine", "town"],
    ),
    ct.Event("lost", "2020-01-05", "protest", "Nowhere known", country="KG", places=["lost-mine"]),
    ct.Event("placeless", "2020-01-06", "other", "No place"),
]


@pytest.fixture
def mapped(empty_timeline: ct.Timeline) -> Iterator[ct.Timeline]:
    """A timeline of places with and without coordinates, and events at them."""
    empty_timeline.add(cited([*PLACES, *EVENTS]))
    yield empty_timeline


def _by_id(timeline: ct.Timeline) -> dict[str, list[dict[str, Any]]]:
    collection = geojson.loads(timeline.events().export("geojson"))
    assert collection.is_valid, collection.errors()
    found: dict[str, list[dict[str, Any]]] = {}
    for feature in collection["features"]:
        found.setdefault(feature["properties"]["id"], []).append(feature)
    return found


def test_geojson_falls_back_up_the_hierarchy_with_precision(mapped: ct.Timeline) -> None:
    """A place's own coordinates are precision "place"; a mine without them takes its
    region's (its town has none either); an event with only a country takes the country's."""
    found = _by_id(mapped)
    (lit,) = found["at-lit-mine"]
    assert lit["geometry"]["coordinates"] == [70.5, 50.5]
    assert lit["properties"]["precision"] == "place"
    (deep,) = found["at-deep-mine"]
    assert deep["geometry"]["coordinates"] == [70.0, 50.0]
    assert (deep["properties"]["precision"], deep["properties"]["located_at"]) == (
        "region",
        "hills",
    )
    (land,) = found["in-land"]
    assert land["geometry"]["coordinates"] == [67.0, 48.0]
    assert (land["properties"]["precision"], land["properties"]["place"]) == ("country", "Land")


def test_geojson_gives_one_point_per_distinct_location(mapped: ct.Timeline) -> None:
    """Two places of one event that fall back to the same coordinates make one feature;
    an event with no located place or country coordinates makes none."""
    found = _by_id(mapped)
    assert len(found["two-mines"]) == 1
    assert "lost" not in found and "placeless" not in found


def test_export_cli_reports_features_and_events_without_a_point(
    mapped: ct.Timeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`catimeline export --format geojson` says how many features it wrote and how many
    events had no point."""
    monkeypatch.setattr(cli, "_open", lambda url, **kw: ct.open(url, **{**kw, "seed": False}))
    url = mapped.engine.url.render_as_string(hide_password=False)
    result = CliRunner().invoke(main, ["export", "--format", "geojson", "--url", url])
    assert result.exit_code == 0, result.output
    assert "wrote 6 events (geojson): 4 features; 2 events had no point" in result.stderr
