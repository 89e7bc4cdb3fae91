"""Exports, each read back by a reader that is not ours (csv, json, geojson, icalendar)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from pathlib import Path

import geojson
import icalendar
import pytest

import catimeline as ct


def test_csv_reads_back_one_row_per_event(fx: ct.Timeline) -> None:
    """The csv module reads one row per event, ids in order, with ISO bounds."""
    results = fx.events()
    rows = list(csv.DictReader(io.StringIO(results.export("csv"), newline="")))
    assert [r["id"] for r in rows] == list(results.ids)
    month = next(r for r in rows if r["id"] == "pit-one-accident-2022")
    assert (month["date"], month["earliest"], month["latest"]) == (
        "2022-06",
        "2022-06-01",
        "2022-06-30",
    )


def test_csv_keeps_tolls_and_citations(fx: ct.Timeline) -> None:
    """Accident rows carry deaths and the cited spans as source:start-end."""
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(fx.accidents().export("csv")))}
    assert rows["pit-one-fire-2023"]["deaths"] == "46"
    assert rows["pit-one-fire-2023"]["citations"] == "fx-gazette:332-407"


def test_csv_quotes_commas_and_newlines() -> None:
    """Titles with commas, quotes and newlines survive a round trip through the csv module."""
    title = 'A, "quoted"\nand split title'
    text = ct.Results([ct.Event("e1", "2020", "other", title)], None).export("csv")
    assert next(csv.DictReader(io.StringIO(text, newline="")))["title"] == title


def test_jsonl_is_one_full_record_per_line(fx: ct.Timeline) -> None:
    """Each JSON Lines line parses alone and holds the full record with its type."""
    lines = fx.accidents().export("jsonl").splitlines()
    records = [json.loads(line) for line in lines]
    assert len(records) == len(fx.accidents())
    fire = next(r for r in records if r["id"] == "pit-one-fire-2023")
    assert fire["type"] == "Accident" and fire["deaths"] == 46 and fire["date"] == "2023-10-28"


def test_timelinejs_keeps_only_stated_date_fields(fx: ct.Timeline) -> None:
    """TimelineJS dates carry the fields the precision states: a month has no day."""
    data = json.loads(fx.events().export("timelinejs"))
    slides = {s["unique_id"]: s for s in data["events"]}
    assert slides["pit-one-accident-2022"]["start_date"] == {"year": 2022, "month": 6}
    assert slides["pit-one-fire-2023"]["start_date"] == {"year": 2023, "month": 10, "day": 28}
    assert slides["lake-power-investment-2019"]["end_date"] == {"year": 2021}
    assert "approximate" in slides["supply-deal-2021"]["display_date"]


def test_timelinejs_has_a_title_and_headlines(fx: ct.Timeline) -> None:
    """The document has a title slide and every slide a headline and a group (its kind)."""
    data = json.loads(fx.events().export("timelinejs", title="Fixture"))
    assert data["title"]["text"]["headline"] == "Fixture"
    assert all(s["text"]["headline"] and s["group"] for s in data["events"])


def test_geojson_is_valid_with_lon_lat_points(fx: ct.Timeline) -> None:
    """The geojson package validates the collection; points are [longitude, latitude]."""
    collection = geojson.loads(fx.events().export("geojson"))
    assert collection.is_valid, collection.errors()
    attack = next(
        f for f in collection["features"] if f["properties"]["id"].endswith("attack-2022")
    )
    assert attack["geometry"]["coordinates"] == [73.0, 50.0]


def test_geojson_places_a_facility_at_its_enclosing_place(fx: ct.Timeline) -> None:
    """A mine without coordinates is mapped at its town's, and located_at says so."""
    collection = geojson.loads(fx.accidents().export("geojson"))
    fire = next(f for f in collection["features"] if f["properties"]["id"] == "pit-one-fire-2023")
    assert fire["properties"]["place_id"] == "pit-one"
    assert fire["properties"]["located_at"] == "steel-city"


def test_geojson_leaves_out_events_without_located_places(fx: ct.Timeline) -> None:
    """Events with no place that has (or lies inside one with) coordinates are not mapped."""
    collection = geojson.loads(fx.events().export("geojson"))
    ids = {f["properties"]["id"] for f in collection["features"]}
    assert "lake-town-protest-2020" not in ids  # Lake Town has no coordinates in the fixture


def _calendar(text: str) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(text)


def test_ics_parses_with_one_all_day_event_per_event(fx: ct.Timeline) -> None:
    """icalendar reads one VEVENT per event with both ends known, with date (all-day)
    start and end; the one open-ended event is left out and counted."""
    results = fx.events()
    calendar = _calendar(results.export("ics"))
    events = calendar.walk("VEVENT")
    assert len(events) == len(results) - 1
    assert str(calendar["X-CATIMELINE-LEFT-OUT"]) == "1"
    assert all(isinstance(e.decoded("DTSTART"), dt.date) for e in events)
    assert all(not isinstance(e.decoded("DTSTART"), dt.datetime) for e in events)


def test_ics_spans_the_stated_dates_with_exclusive_end(fx: ct.Timeline) -> None:
    """A month runs from its first day to the day after its last (DTEND is exclusive)."""
    events = _calendar(fx.events().export("ics")).walk("VEVENT")
    month = next(e for e in events if str(e["UID"]).startswith("pit-one-accident-2022@"))
    assert month.decoded("DTSTART") == dt.date(2022, 6, 1)
    assert month.decoded("DTEND") == dt.date(2022, 7, 1)


def test_ics_marks_approximate_dates_tentative(fx: ct.Timeline) -> None:
    """An approximate date is STATUS:TENTATIVE; an exact one CONFIRMED."""
    events = {
        str(e["UID"]).split("@")[0]: e for e in _calendar(fx.events().export("ics")).walk("VEVENT")
    }
    assert events["supply-deal-2021"]["STATUS"] == "TENTATIVE"
    assert events["pit-one-fire-2023"]["STATUS"] == "CONFIRMED"


def test_ics_folds_long_lines_and_keeps_text() -> None:
    """Lines are folded at 75 octets and unfolded back to the same (non-ASCII) text."""
    title = "Қарағанды " * 20 + "; with, escapes"
    text = ct.Results([ct.Event("e1", "2020-05-10", "other", title)], None).export("ics")
    assert all(len(line.encode("utf-8")) <= 75 for line in text.split("\r\n"))
    (event,) = _calendar(text).walk("VEVENT")
    assert str(event["SUMMARY"]) == title


def test_html_is_self_contained(fx: ct.Timeline) -> None:
    """The HTML page loads no script or style from the network and holds the events."""
    html = fx.events().export("html")
    assert not re.search(r"<(script|link)[^>]+(src|href)=[\"']https?:", html)
    assert "vegaEmbed" in html and "pit-one-fire-2023" in html


def test_export_writes_the_file(fx: ct.Timeline, tmp_path: Path) -> None:
    """With a path, the text is also written there, line ends untouched."""
    target = tmp_path / "out.ics"
    text = fx.events().export("ics", target)
    assert target.read_bytes() == text.encode("utf-8")


def test_unknown_format_raises_query_error(fx: ct.Timeline) -> None:
    """An unknown format is a QueryError listing the formats there are."""
    with pytest.raises(ct.QueryError, match="csv, jsonl, timelinejs, geojson, ics, html"):
        fx.events().export("xlsx")


def test_writing_into_a_missing_folder_says_so(fx: ct.Timeline, tmp_path: Path) -> None:
    """A path in a folder that does not exist is a CatimelineError, not a traceback."""
    with pytest.raises(ct.CatimelineError, match="check the folder exists"):
        fx.events().export("csv", tmp_path / "nowhere" / "out.csv")
