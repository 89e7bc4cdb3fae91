"""A city's name that also names the region around it: the place filter takes the one with
the events asked for, says so in the reading, or asks which is meant."""

from __future__ import annotations

import pytest

import catimeline as ct
from tests.helpers import cited

RECORDS = [
    ct.Place("zhartas-region", "Zhartas Region", "region", country="KZ"),
    ct.Place("zhartas-town", "Zhartas", "city", parent="zhartas-region", country="KZ"),
    ct.Place("deep-shaft", "Deep Shaft", "mine", parent="zhartas-region", country="KZ"),
    ct.Accident(
        "shaft-fire-2023",
        "2023-10-28",
        "accident",
        "Fire at the Deep Shaft",
        country="KZ",
        places=["deep-shaft"],
    ),
    ct.Event(
        "city-meeting-2023",
        "2023-11",
        "meeting",
        "Mayors meet in Zhartas",
        country="KZ",
        places=["zhartas-town"],
    ),
]


@pytest.fixture
def zhartas(empty_timeline: ct.Timeline) -> ct.Timeline:
    empty_timeline.add(cited(RECORDS))
    return empty_timeline


def test_city_without_the_events_reads_as_its_region(zhartas: ct.Timeline) -> None:
    """place='Zhartas' for accidents (none in the city) finds the accident in Zhartas Region."""
    assert zhartas.events(place="Zhartas", kind="accident").ids == ("shaft-fire-2023",)


def test_the_reading_says_the_region_was_taken(zhartas: ct.Timeline) -> None:
    """results.query says the city's name was read as the region named after it."""
    query = str(zhartas.events(place="Zhartas", kind="accident").query)
    assert "read as zhartas-region" in query


def test_city_and_region_with_different_events_asks(zhartas: ct.Timeline) -> None:
    """place='Zhartas' for every event: the city and the region differ, so AmbiguousName lists
    both with their counts instead of picking one."""
    with pytest.raises(
        ct.AmbiguousName,
        match=r"zhartas-town \(Zhartas, 1 event\).*zhartas-region.*say .Zhartas city.",
    ) as caught:
        zhartas.events(place="Zhartas")
    assert caught.value.suggestions == ("zhartas-town", "zhartas-region")


def test_city_with_the_same_events_stays_the_city(zhartas: ct.Timeline) -> None:
    """place='Zhartas' for meetings: the region adds nothing, so the city is read, unannounced."""
    results = zhartas.events(place="Zhartas", kind="meeting")
    assert results.ids == ("city-meeting-2023",)
    assert "region named after it" not in str(results.query)


def test_an_id_is_never_widened(zhartas: ct.Timeline) -> None:
    """place=<the city's id> is the city itself, even where only the region has events."""
    assert zhartas.events(place="zhartas-town", kind="accident").ids == ()


def test_saying_city_keeps_the_city(zhartas: ct.Timeline) -> None:
    """place='Zhartas city' is the city alone, in the API and in ask()."""
    assert zhartas.events(place="Zhartas city").ids == ("city-meeting-2023",)
    assert zhartas.ask("events in Zhartas city").ids == ("city-meeting-2023",)


def test_ask_reads_the_city_name_as_the_region_with_the_events(zhartas: ct.Timeline) -> None:
    """ask('accidents in Zhartas') answers with the accident in Zhartas Region."""
    assert zhartas.ask("accidents in Zhartas").ids == ("shaft-fire-2023",)


BESIDE = [
    ct.Place("kazakh-land", "Kazakh Land", "country", country="KZ"),
    ct.Place("ulken", "Ulken", "city", parent="kazakh-land", country="KZ"),
    ct.Place("ulken-region", "Ulken Region", "region", parent="kazakh-land", country="KZ"),
    ct.Event("ulken-meeting-2023", "2023-03", "meeting", "Ulken hosts a forum", places=["ulken"]),
    ct.Event(
        "ulken-region-protest-2023",
        "2023-04",
        "protest",
        "Farmers protest in Ulken Region",
        places=["ulken-region"],
    ),
]


def test_a_region_beside_the_city_leaves_the_name_to_the_city(
    empty_timeline: ct.Timeline,
) -> None:
    """place='Ulken' is the city when Ulken Region lies beside it (not around it), even
    though the region has events of its own (the city of Almaty and Almaty Region)."""
    empty_timeline.add(cited(BESIDE))
    assert empty_timeline.events(place="Ulken").ids == ("ulken-meeting-2023",)
