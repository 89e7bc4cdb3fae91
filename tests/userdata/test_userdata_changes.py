"""Changing your own records: update (upsert by id), remove, and merge with redirects."""

from __future__ import annotations

import attrs
import pytest

import catimeline as ct
from tests.helpers import dump

CITED = [ct.Citation("fx-gazette", 0, 10)]


def _mine() -> list[ct.Actor | ct.Place | ct.Event]:
    return [
        ct.Actor("my-company", "My Company", "company", country="KZ"),
        ct.Actor("my-company-copy", "My Company Ltd", "company"),
        ct.Place("my-shaft", "My shaft", "mine", parent="pit-one"),
        ct.Event(
            "my-visit",
            "2024-06",
            "visit",
            "Inspectors at my shaft",
            places=["my-shaft"],
            participants=[
                ct.Participant("my-company-copy", "host"),
                ct.Participant("northern-steel", "owner"),
            ],
            citations=CITED,
        ),
    ]


def test_update_rewrites_a_user_record_and_adds_new_ones(fixture_timeline: ct.Timeline) -> None:
    """tl.update changes an existing user record in place and adds a record it did not know."""
    tl = fixture_timeline
    tl.add(_mine())
    changed = attrs.evolve(tl.event("my-visit"), title="Inspectors visit my shaft", tags=["x"])
    extra = ct.Actor("my-partner", "My Partner", "company")
    assert tl.update([changed, extra]) == {"added": 1, "updated": 1}
    assert tl.event("my-visit") == changed
    assert tl.actor("my-partner") == extra


def test_update_of_a_seed_record_is_refused_and_writes_nothing(
    fixture_timeline: ct.Timeline,
) -> None:
    """A curated seed record cannot be changed through tl.update."""
    before = dump(fixture_timeline.engine)
    seeded = attrs.evolve(fixture_timeline.actor("northern-steel"), name="Renamed")
    with pytest.raises(ct.ProtectedRecord, match="northern-steel"):
        fixture_timeline.update(seeded)
    assert dump(fixture_timeline.engine) == before


def test_remove_deletes_a_user_record_nothing_depends_on(fixture_timeline: ct.Timeline) -> None:
    """tl.remove deletes the user's record with its child rows."""
    tl = fixture_timeline
    tl.add(_mine())
    assert tl.remove("my-visit") == 1
    with pytest.raises(ct.UnknownEvent):
        tl.event("my-visit")


def test_remove_of_a_record_in_use_names_its_dependents(fixture_timeline: ct.Timeline) -> None:
    """A record others refer to is refused with RecordInUse listing them, and stays."""
    tl = fixture_timeline
    tl.add(_mine())
    before = dump(tl.engine)
    with pytest.raises(ct.RecordInUse, match="my-visit") as info:
        tl.remove("my-shaft")
    assert info.value.dependents == (("event", "my-visit"),)
    assert dump(tl.engine) == before


def test_remove_takes_a_record_and_its_dependents_together(
    fixture_timeline: ct.Timeline,
) -> None:
    """Removing a record with every record that refers to it, in one call, succeeds."""
    tl = fixture_timeline
    tl.add(_mine())
    assert tl.remove(["my-shaft", "my-visit"]) == 2
    assert tl.places(text="My shaft").ids == ()


def test_remove_of_a_seed_record_is_refused(fixture_timeline: ct.Timeline) -> None:
    """A curated seed record cannot be removed."""
    with pytest.raises(ct.ProtectedRecord, match="curated seeds"):
        fixture_timeline.remove("pit-one-fire-2023")


def test_merge_moves_every_link_and_leaves_a_redirect(fixture_timeline: ct.Timeline) -> None:
    """After merging a duplicate actor, records that named it name the survivor, the old id
    still finds the survivor, and so does the duplicate's name (kept as an alias)."""
    tl = fixture_timeline
    tl.add(_mine())
    assert tl.merge("my-company-copy", into="my-company") == "my-company"
    visit = tl.event("my-visit")
    assert visit.participants[0] == ct.Participant("my-company", "host")
    assert tl.actor("my-company-copy") == tl.actor("my-company")
    assert "my-visit" in tl.events(actor="my-company").ids
    assert "my-visit" in tl.events(actor="My Company Ltd").ids


def test_filters_follow_a_merged_id_to_the_survivor(fixture_timeline: ct.Timeline) -> None:
    """events(actor=<merged-away id>) finds the survivor's events, as tl.actor() does."""
    tl = fixture_timeline
    tl.add(_mine())
    tl.merge("my-company-copy", into="my-company")
    assert "my-visit" in tl.events(actor="my-company-copy").ids
    assert tl.events(actor="my-company-copy").ids == tl.events(actor="my-company").ids


def test_merge_of_an_event_redirects_its_id(fixture_timeline: ct.Timeline) -> None:
    """An event merged into another is found under its old id, and a later merge of the
    survivor carries the first redirect along."""
    tl = fixture_timeline
    events = [
        ct.Event(f"my-note-{i}", "2024", "statement", f"Note {i}", citations=CITED)
        for i in range(3)
    ]
    tl.add(events)
    tl.merge("my-note-0", into="my-note-1")
    tl.merge("my-note-1", into="my-note-2")
    assert tl.event("my-note-0") == events[2]
    assert tl.event("my-note-1") == events[2]


def test_merging_away_a_seed_record_is_refused(fixture_timeline: ct.Timeline) -> None:
    """Only the user's records can be merged away; the survivor may be a seed record."""
    tl = fixture_timeline
    with pytest.raises(ct.ProtectedRecord):
        tl.merge("northern-steel", into="copper-union")
    tl.add(ct.Actor("northern-steel-dup", "Northern Steel Co", "company"))
    tl.merge("northern-steel-dup", into="northern-steel")
    assert tl.actor("northern-steel-dup").id == "northern-steel"


def test_a_new_record_may_take_back_a_merged_id(fixture_timeline: ct.Timeline) -> None:
    """Adding a record under an id that was merged away makes that id its own again."""
    tl = fixture_timeline
    tl.add(_mine())
    tl.merge("my-company-copy", into="my-company")
    again = ct.Actor("my-company-copy", "A new company", "company")
    tl.add(again)
    assert tl.actor("my-company-copy") == again
