"""Single lookups and unknown names: typed errors with suggestions."""

from __future__ import annotations

import pytest

import catimeline as ct


def test_actor_lookup_by_any_name(fx: ct.Timeline) -> None:
    """tl.actor finds the same actor by id, name, former name and abbreviation."""
    ids = {
        fx.actor(ref).id for ref in ("northern-steel", "Northern Steel", "Steppe Metal Works", "ns")
    }
    assert ids == {"northern-steel"}


def test_unknown_actor_has_suggestions(fx: ct.Timeline) -> None:
    """An unknown actor raises UnknownActor (a LookupError) listing close names."""
    with pytest.raises(ct.UnknownActor) as info:
        fx.events(actor="Northern Stel")
    assert isinstance(info.value, LookupError)
    assert "Northern Steel" in info.value.suggestions


def test_unknown_place_and_project(fx: ct.Timeline) -> None:
    """Unknown places and projects raise their own errors with suggestions."""
    with pytest.raises(ct.UnknownPlace) as place:
        fx.events(place="Lake Twn")
    assert "Lake Town" in place.value.suggestions
    with pytest.raises(ct.UnknownProject) as project:
        fx.events(project="Lake Power Plan")
    assert "Lake Power Plant" in project.value.suggestions


def test_unknown_kind_is_a_query_error(fx: ct.Timeline) -> None:
    """An unknown kind raises QueryError suggesting the nearest kinds."""
    with pytest.raises(ct.QueryError) as info:
        fx.events(kind="incidnet")
    assert "incident" in info.value.suggestions


def test_event_and_project_lookup(fx: ct.Timeline) -> None:
    """tl.event returns an Accident with its toll; tl.project its status history."""
    fire = fx.event("pit-one-fire-2023")
    assert isinstance(fire, ct.Accident)
    assert (fire.deaths, fire.injured, fire.cause, fire.operator) == (
        46,
        5,
        "fire",
        "northern-steel",
    )
    plant = fx.project("Lake Power Plant")
    assert plant.current_status == "under-construction"
    assert [s.status for s in plant.planned] == ["completed"]


def test_place_lookup_and_hierarchy(fx: ct.Timeline) -> None:
    """places(within=) lists a place and everything inside it."""
    inside = {p.id for p in fx.places(within="North Region")}
    assert inside == {"north-region", "steel-city", "pit-one"}
    assert fx.place("Qazaqstan").id == "kazakhstan"
