"""Imports: our own CSV and JSON Lines exports round-trip, ACLED-style files load at the
right date precision, and every import is all or nothing."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import catimeline as ct
from catimeline._cli import main
from catimeline._importing import import_file
from catimeline._rows import as_dict
from catimeline._seeds import seed_if_changed
from tests.conftest import FIXTURE_DOCUMENTS, FIXTURE_SEEDS, FIXTURES, _fresh_url
from tests.helpers import dump

ACLED = FIXTURES / "imports" / "acled-sample.csv"


def _jsonl(records: list[Any], path: Path) -> Path:
    """``records`` written as the JSON Lines export writes them."""
    path.write_text(
        "".join(json.dumps(as_dict(r), ensure_ascii=False) + "\n" for r in records),
        encoding="utf-8",
    )
    return path


def _user_records() -> list[ct.Source | ct.Actor | ct.Event]:
    """User records of every shape the JSON Lines export carries."""
    return [
        ct.Source(
            "my-notes",
            "my-notes.txt",
            "My notes",
            publisher="Me",
            published="2024-05",
            published_how="stated",
            url="https://example.org/notes",
        ),
        ct.Actor(
            "my-union", "My Union", "group", country="KZ", names=[ct.Name("MU", "abbreviation")]
        ),
        ct.Event(
            "my-rally-2024",
            "2024-05~",
            "protest",
            "My Union rallies in Steel City",
            summary="Workers gathered.",
            country="KZ",
            places=["steel-city"],
            participants=[ct.Participant("my-union", "protester", "organiser")],
            figures=[ct.Quantity("people", 300.0, "people", approx=True)],
            citations=[ct.Citation("my-notes", 0, 40)],
            tags=["labour"],
            notes="Counted by me.",
            date_how="inferred",
        ),
        ct.Accident(
            "my-fall-2024",
            "2024-06-01",
            "accident",
            "A worker falls at Pit One",
            country="KZ",
            places=["pit-one"],
            participants=[ct.Participant("northern-steel", "participant")],
            citations=[ct.Citation("fx-gazette", 58, 159)],
            deaths=1,
            cause="fall",
            facility="pit-one",
            operator="northern-steel",
        ),
    ]


@pytest.fixture
def second(db_url: str, tmp_path: Path) -> Iterator[ct.Timeline]:
    """A second database of the same backend holding the fixture seeds only."""
    backend = "sqlite" if db_url.startswith("sqlite") else "postgres"
    urls = _fresh_url(backend, tmp_path / "second")
    (tmp_path / "second").mkdir()
    url = next(urls)
    tl = ct.open(url, seed=False)
    seed_if_changed(tl.engine, FIXTURE_SEEDS, documents=FIXTURE_DOCUMENTS)
    yield tl
    tl.close()
    next(urls, None)


def test_jsonl_export_then_import_gives_identical_records(
    fixture_timeline: ct.Timeline, second: ct.Timeline, tmp_path: Path
) -> None:
    """Every event exported as JSON Lines and imported into another database comes back
    equal, field for field; the seed events it already held are left unchanged."""
    fixture_timeline.add(_user_records())
    path = tmp_path / "events.jsonl"
    exported = fixture_timeline.events()
    exported.export("jsonl", path)
    parents = [fixture_timeline.source("my-notes"), fixture_timeline.actor("my-union")]
    import_file(second, _jsonl(parents, tmp_path / "parents.jsonl"))
    report = import_file(second, path)
    assert report.total("added") == 2
    assert report.total("unchanged") == len(exported) - 2
    assert list(second.events()) == list(exported)


def test_csv_export_then_import_round_trips(
    fixture_timeline: ct.Timeline, second: ct.Timeline, tmp_path: Path
) -> None:
    """A CSV export imported elsewhere exports to the very same CSV, and an event whose
    fields all fit CSV's columns comes back identical."""
    records = _user_records()
    fixture_timeline.add(records)
    second.add(records[:2])
    path = tmp_path / "events.csv"
    text = fixture_timeline.events().export("csv", path)
    import_file(second, path, format="csv")
    assert second.events().export("csv") == text
    assert second.event("my-fall-2024") == records[3]


def test_a_dry_run_reports_and_writes_nothing(
    fixture_timeline: ct.Timeline, second: ct.Timeline, tmp_path: Path
) -> None:
    """--dry-run checks the file and says what would be added, leaving the database as it was."""
    fixture_timeline.add(_user_records())
    path = tmp_path / "events.jsonl"
    fixture_timeline.events(actor="Northern Steel").export("jsonl", path)
    second.add(_user_records()[:2])
    before = dump(second.engine)
    report = import_file(second, path, dry_run=True)
    assert report.dry_run and report.added == {"event": 1}
    assert "dry run, nothing written: 1 added" in str(report)
    assert dump(second.engine) == before


def test_a_file_with_one_bad_line_writes_nothing(
    fixture_timeline: ct.Timeline, tmp_path: Path
) -> None:
    """A JSON Lines file whose third line is broken is refused naming that line; no line
    of it is written."""
    good = _user_records()[:2]
    path = _jsonl(good, tmp_path / "mixed.jsonl")
    path.write_text(path.read_text(encoding="utf-8") + "{not json\n", encoding="utf-8")
    before = dump(fixture_timeline.engine)
    with pytest.raises(ct.InvalidRecords, match="line 3: cannot be read"):
        import_file(fixture_timeline, path)
    assert dump(fixture_timeline.engine) == before


def test_acled_rows_load_at_the_precision_acled_gives(fixture_timeline: ct.Timeline) -> None:
    """ACLED's time_precision 1, 2 and 3 become a day, the week around the day, and the month;
    fatalities become a deaths figure; locations become places with coordinates."""
    report = import_file(fixture_timeline, ACLED)
    assert report.added["event"] == 4
    tl = fixture_timeline
    protest = tl.event("acled-kaz9001")
    assert (str(protest.date), protest.kind, protest.country) == ("2022-01-05", "protest", "KZ")
    riot = tl.event("acled-kaz9002")
    assert (str(riot.date), riot.kind) == ("2022-01-09/2022-01-15", "clash")
    assert riot.figure("deaths") == ct.Quantity("deaths", 3.0, "people")
    deal = tl.event("acled-kgz9003")
    assert (str(deal.date), deal.kind, deal.country) == ("2021-03", "agreement", "KG")
    assert "time_precision 3" in (deal.notes or "")
    place = tl.place(protest.places[0])
    assert (place.name, place.coordinates) == ("Zhanaozen", (43.3412, 52.8619))
    assert tl.place(place.parent or "").name == "Mangystau"
    assert tl.place(tl.place(place.parent or "").parent or "").id == "kazakhstan"


def test_acled_events_cite_their_own_row(fixture_timeline: ct.Timeline) -> None:
    """Each imported event cites the characters of its row in the file, quoted line breaks
    included."""
    import_file(fixture_timeline, ACLED)
    text = ACLED.read_text(encoding="utf-8")
    riot = fixture_timeline.event("acled-kaz9002")
    cite = riot.citations[0]
    row = text[cite.start : cite.end]
    assert row.startswith("KAZ9002,") and "a second line of the note" in row
    assert fixture_timeline.source(cite.source).document == "acled-sample.csv"


def test_importing_the_same_file_twice_changes_nothing(fixture_timeline: ct.Timeline) -> None:
    """A second import of the same ACLED file finds every record unchanged."""
    import_file(fixture_timeline, ACLED)
    before = dump(fixture_timeline.engine)
    report = import_file(fixture_timeline, ACLED)
    assert report.total("added") == report.total("updated") == 0
    assert dump(fixture_timeline.engine) == before


def test_a_bad_acled_row_names_its_line_and_writes_nothing(
    fixture_timeline: ct.Timeline, tmp_path: Path
) -> None:
    """An ACLED row with an unknown event type is refused by line; nothing is written."""
    text = ACLED.read_text(encoding="utf-8").replace("Battles,Armed clash", "Parades,Parade")
    path = tmp_path / "bad.csv"
    path.write_text(text, encoding="utf-8")
    before = dump(fixture_timeline.engine)
    with pytest.raises(ct.InvalidRecords, match="line 6: cannot be read as an ACLED event"):
        import_file(fixture_timeline, path)
    assert dump(fixture_timeline.engine) == before


def test_cli_import_shows_progress_and_a_dry_run(fixture_timeline: ct.Timeline) -> None:
    """`catimeline import --dry-run` prints its progress and what would be added, and writes
    nothing; without it the records are written."""
    url = fixture_timeline.engine.url.render_as_string(hide_password=False)
    runner = CliRunner()
    dry = runner.invoke(main, ["import", str(ACLED), "--dry-run", "--url", url])
    assert dry.exit_code == 0, dry.output
    assert "read 19 records from acled-sample.csv" in dry.output
    assert "dry run, nothing written: 19 added" in dry.output
    with pytest.raises(ct.UnknownEvent):
        fixture_timeline.event("acled-kaz9001")
    done = runner.invoke(main, ["import", str(ACLED), "--url", url])
    assert done.exit_code == 0, done.output
    assert "19 added" in done.output
    assert "acled-kaz9001" in fixture_timeline.events(text="Zhanaozen").ids
