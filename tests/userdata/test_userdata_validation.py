"""One validation for every write path: tl.add, seeds and imports refuse the same mistakes,
name the record, its id and the field, and write nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import catimeline as ct
from catimeline._seeds import validate
from tests.conftest import FIXTURE_DOCUMENTS, FIXTURE_SEEDS
from tests.errors.catalogue import FIXTURE_TEXT
from tests.errors.catalogue import user_event as _event
from tests.helpers import dump

CITED = [ct.Citation("fx-gazette", 0, 10)]


#: (what is wrong, the records, the (kind, id, field) every problem must name)
BAD: list[tuple[str, list[Any], set[tuple[str, str, str]]]] = [
    ("kind", [_event(kind="riot")], {("event", "my-event", "kind")}),
    ("country", [_event(country="Narnia")], {("event", "my-event", "country")}),
    ("citations", [_event(citations=[])], {("event", "my-event", "citations")}),
    ("id", [_event(id="../x")], {("event", "../x", "id")}),
    ("id-crlf", [_event(id="a\r\nb")], {("event", "a\r\nb", "id")}),
    (
        "coordinates",
        [ct.Place("my-place", "My place", "city", coordinates=(float("nan"), 1.0))],
        {("place", "my-place", "coordinates")},
    ),
    (
        "figure",
        [_event(figures=[ct.Quantity("amount", float("inf"), "USD")])],
        {("event", "my-event", "figures")},
    ),
    ("title-nul", [_event(title="a\x00b")], {("event", "my-event", "title")}),
    ("title-surrogate", [_event(title="a\ud800b")], {("event", "my-event", "title")}),
    (
        "parent",
        [ct.Place("my-place", "My place", "city", parent="my-place")],
        {("place", "my-place", "parent")},
    ),
    (
        "reference",
        [_event(places=["steel-citty"])],
        {("event", "my-event", "places")},
    ),
    (
        "source",
        [_event(citations=[ct.Citation("fx-daily", 0, 10)])],
        {("event", "my-event", "citations")},
    ),
    (
        "url",
        [ct.Source("my-source", "mine.txt", "Mine", url="javascript:alert(1)")],
        {("source", "my-source", "url")},
    ),
    (
        "document-path",
        [ct.Source("my-source", "../secret.txt", "Mine")],
        {("source", "my-source", "document")},
    ),
    (
        "three-records",
        [
            _event(id="first", kind="riot"),
            _event(id="second", country="ZZ"),
            ct.Actor("third", "Third", "alien"),
        ],
        {
            ("event", "first", "kind"),
            ("event", "second", "country"),
            ("actor", "third", "kind"),
        },
    ),
]


@pytest.mark.parametrize("case", BAD, ids=[c[0] for c in BAD])
def test_bad_records_are_refused_field_by_field_and_nothing_is_written(
    fixture_timeline: ct.Timeline, case: tuple[str, list[Any], set[tuple[str, str, str]]]
) -> None:
    """Each invalid record raises InvalidRecords whose problems name every bad record's
    kind, id and field, and the database is left exactly as it was."""
    _name, records, expected = case
    before = dump(fixture_timeline.engine)
    with pytest.raises(ct.InvalidRecords) as info:
        fixture_timeline.add([ct.Source("fine-source", "fine.txt", "Fine"), *records])
    found = {(p.kind, p.id, p.field) for p in info.value.problems}
    assert found == expected
    assert dump(fixture_timeline.engine) == before


def test_a_country_name_is_stored_as_its_iso_code(fixture_timeline: ct.Timeline) -> None:
    """tl.add takes a country's name and stores the ISO code, so country filters find it."""
    fixture_timeline.add(_event(country="Kyrgyzstan"))
    assert fixture_timeline.event("my-event").country == "KG"
    assert "my-event" in fixture_timeline.events(country="KG").ids


def test_a_valid_record_with_every_link_is_written_as_given(
    fixture_timeline: ct.Timeline,
) -> None:
    """A record that refers to seed actors, places and sources is written and read back equal."""
    mine = ct.Accident(
        "my-accident",
        "2024-03-02",
        "accident",
        "Roof fall at Pit One",
        country="KZ",
        places=["pit-one"],
        participants=[ct.Participant("northern-steel", "operator")],
        figures=[ct.Quantity("deaths", 2.0, "people")],
        citations=CITED,
        deaths=2,
        cause="rock-collapse",
        facility="pit-one",
        operator="northern-steel",
    )
    assert fixture_timeline.add(mine) == 1
    assert fixture_timeline.event("my-accident") == mine


def test_a_place_may_not_sit_inside_itself_through_the_database(
    fixture_timeline: ct.Timeline,
) -> None:
    """Updating a user place so that its parent chain, through rows already stored, comes
    back to it is refused."""
    fixture_timeline.add(ct.Place("my-district", "My district", "district", parent="steel-city"))
    fixture_timeline.add(ct.Place("my-village", "My village", "village", parent="my-district"))
    with pytest.raises(ct.InvalidRecords, match="inside itself") as info:
        fixture_timeline.update(
            ct.Place("my-district", "My district", "district", parent="my-village")
        )
    assert {(p.id, p.field) for p in info.value.problems} == {("my-district", "parent")}


def test_adding_an_id_twice_is_refused_with_advice(fixture_timeline: ct.Timeline) -> None:
    """An id the user already has is refused by tl.add, pointing at tl.update."""
    fixture_timeline.add(_event())
    with pytest.raises(ct.InvalidRecords, match=r"use tl\.update\(\)"):
        fixture_timeline.add(_event(title="Again"))


def _seed_folder(tmp_path: Path, old: str, new: str) -> Path:
    folder = tmp_path / "seeds"
    folder.mkdir()
    assert old in FIXTURE_TEXT
    (folder / "fixture.yaml").write_text(FIXTURE_TEXT.replace(old, new, 1), encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("value: 46, unit: people", "value: .inf, unit: people", "finite number"),
        ("country: KG}", "country: ZZ}", "'ZZ' is not an ISO 3166-1 country code"),
        ("name: Pit One,", 'name: "Pit\\0One",', "control character"),
        ("name: Pit One,", 'name: "Pit\\ud800One",', "lone surrogate"),
        ("value: 46, unit: people", "value: 1.0e+400, unit: people", "finite number"),
        ("{deaths: 46,", "{deaths: 1180591620717411303424,", "whole number from 0 to"),
        ("id: pit-one-fire-2023", 'id: "pit-one-fire-2023\\r\\nx"', "not a slug"),
    ],
    ids=[
        "infinite-figure",
        "unassigned-country",
        "nul-in-name",
        "surrogate-in-name",
        "overflowing-figure",
        "huge-deaths",
        "crlf-in-id",
    ],
)
def test_seeds_run_the_same_checks_and_name_file_and_line(
    tmp_path: Path, old: str, new: str, message: str
) -> None:
    """A seed file breaking a rule of tl.add's validation is refused with file and line."""
    with pytest.raises(ct.SeedError, match=message) as info:
        validate(_seed_folder(tmp_path, old, new), documents=FIXTURE_DOCUMENTS)
    assert info.value.path is not None and info.value.path.endswith("fixture.yaml")
    assert info.value.line is not None


def test_problems_point_at_the_position_of_each_bad_item(fixture_timeline: ct.Timeline) -> None:
    """Each problem's index is the position of its item in what was passed, good items
    between them included (a repeated id points at its second use)."""
    good = _event(id="good-one")
    items: list[Any] = [good, "not a record", _event(id="bad", kind="riot"), good]
    with pytest.raises(ct.InvalidRecords) as info:
        fixture_timeline.add(items)
    assert sorted((p.index, p.field) for p in info.value.problems) == [
        (1, ""),
        (2, "kind"),
        (3, "id"),
    ]


def test_a_folder_may_refer_to_the_bundled_seeds_without_a_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`validate` of a folder other than the bundled seeds accepts references to the bundled
    records and refuses, with a suggestion, an id in neither."""
    from catimeline import _seeds as seeds

    monkeypatch.setattr(seeds, "seeds_dir", lambda: FIXTURE_SEEDS)
    team = tmp_path / "team"
    team.mkdir()
    event = (
        "events:\n  - {id: team-note, date: '2024', kind: statement, title: A note,\n"
        "     participants: [{actor: ACTOR, role: subject}],\n"
        "     citations: [{source: fx-gazette, start: 0, end: 10}]}\n"
    )
    (team / "team.yaml").write_text(event.replace("ACTOR", "northern-steel"), encoding="utf-8")
    assert validate(team, documents=FIXTURE_DOCUMENTS).counts()["events"] == 1
    (team / "team.yaml").write_text(event.replace("ACTOR", "nortern-steel"), encoding="utf-8")
    with pytest.raises(ct.SeedError, match="did you mean 'northern-steel'") as info:
        validate(team, documents=FIXTURE_DOCUMENTS)
    assert info.value.line == 3
