"""Every output names an actor as it was called on the event's date, with its current
name available: Northern Steel was Steppe Metal Works until June 2022 (the fixture), and
ArcelorMittal Temirtau (AMT) became Qarmet in 2023 (the curated seeds)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator

import pytest

import catimeline as ct
from catimeline._html import record_html
from catimeline._outputs import Lookup
from tests.helpers import cited

LATER = ct.Event(
    "steel-later-2023",
    "2023-01-05",
    "accident",
    "A later accident at Northern Steel",
    country="KZ",
    places=["steel-city"],
    participants=[ct.Participant("northern-steel", "operator")],
)


@pytest.fixture
def renamed(fixture_timeline: ct.Timeline) -> Iterator[ct.Timeline]:
    """The fixture plus one Northern Steel event after its rename."""
    fixture_timeline.add(cited([LATER]))
    yield fixture_timeline


def test_lookup_picks_the_name_held_on_the_date(renamed: ct.Timeline) -> None:
    """Before and in June 2022 the former name; after it, the current one; an open start
    is judged by its known end."""
    names = Lookup.of_ids(renamed, actors=["northern-steel"])
    at = names.actor_name_at
    assert at("northern-steel", ct.FuzzyDate.parse("2020-05-10")) == "Steppe Metal Works"
    assert at("northern-steel", ct.FuzzyDate.parse("2022-06")) == "Steppe Metal Works"
    assert at("northern-steel", ct.FuzzyDate.parse("2022-07-01")) == "Northern Steel"
    assert at("northern-steel", ct.FuzzyDate.parse("../2021")) == "Steppe Metal Works"
    assert at("northern-steel", None) == "Northern Steel"


def test_csv_names_actors_of_the_time_and_today(renamed: ct.Timeline) -> None:
    """CSV `actors` holds the names of the time, `actors_current` today's names."""
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(renamed.events().export("csv")))}
    assert rows["supply-deal-2021"]["actors"] == "Copper Union;Steppe Metal Works"
    assert rows["supply-deal-2021"]["actors_current"] == "Copper Union;Northern Steel"
    assert rows["steel-later-2023"]["actors"] == "Northern Steel"
    assert rows["pit-one-accident-2020"]["operator_name"] == "Steppe Metal Works"


def test_frame_geojson_and_timelinejs_name_actors_of_the_time(renamed: ct.Timeline) -> None:
    """to_pandas, GeoJSON and TimelineJS say Steppe Metal Works in 2020 and Northern
    Steel in 2023."""
    frame = renamed.events().to_pandas().set_index("id")
    assert frame.loc["pit-one-accident-2020", "actors"] == ["Steppe Metal Works"]
    assert frame.loc["steel-later-2023", "actors"] == ["Northern Steel"]
    features = json.loads(renamed.events().export("geojson"))["features"]
    by_id = {f["properties"]["id"]: f["properties"] for f in features}
    assert by_id["pit-one-accident-2020"]["actors"] == ["Steppe Metal Works"]
    assert by_id["pit-one-accident-2020"]["actors_current"] == ["Northern Steel"]
    slides = json.loads(renamed.events().export("timelinejs"))["events"]
    text = {s["unique_id"]: s["text"]["text"] for s in slides}
    assert "Steppe Metal Works" in text["pit-one-accident-2020"]
    assert "Northern Steel" in text["steel-later-2023"]


def test_notebook_card_gives_the_name_of_the_time_and_now(renamed: ct.Timeline) -> None:
    """An accident's card names its operator as then called, with "(now ...)"."""
    text = record_html(renamed.event("pit-one-accident-2020"), renamed)
    assert "Steppe Metal Works" in text and "(now Northern Steel)" in text


def test_html_export_lists_actors_by_their_names_of_the_time(renamed: ct.Timeline) -> None:
    """The HTML page lists the 2020 accident under Steppe Metal Works and the 2023 one
    under Northern Steel."""
    page = renamed.events(actor="Northern Steel").export("html")
    entry_2020 = page.split('data-id="pit-one-accident-2020"')[1].split("</li>")[0]
    entry_2023 = page.split('data-id="steel-later-2023"')[1].split("</li>")[0]
    assert "Steppe Metal Works" in entry_2020 and "Northern Steel" not in entry_2020
    assert "Northern Steel" in entry_2023


def test_curated_amt_accidents_say_arcelormittal_temirtau_and_later_qarmet(
    db_url: str,
) -> None:
    """In the curated data the 2021-22 accidents name ArcelorMittal Temirtau, not Qarmet;
    events after the rename name Qarmet."""
    with ct.open(db_url) as tl:
        early = tl.accidents(actor="AMT", during="2021/2022").to_pandas()
        late = tl.events(actor="Qarmet", since="2024").to_pandas()
    assert len(early) >= 3
    assert all(names == ["ArcelorMittal Temirtau"] for names in early["actors"])
    assert all(names == ["Qarmet"] for names in early["actors_current"])
    assert len(late) >= 1 and all("Qarmet" in names for names in late["actors"])
