"""Entities, summaries and name forms the data review added: the documents name them, users
type them, and the query work relies on countries and parent organisations."""

from __future__ import annotations

import pytest

from catimeline.vocabulary import NAME_TYPES
from tests.data.review import actors, events, places, raw_entries


def test_every_event_has_a_summary() -> None:
    """No event lacks a summary in our own words."""
    assert [e.id for e in events().values() if not (e.summary or "").strip()] == []


@pytest.mark.parametrize(
    ("actor_id", "short_name", "in_events"),
    [
        ("eurasian-economic-union", "EAEU", True),
        ("belt-and-road-initiative", "BRI", True),
        ("commonwealth-of-independent-states", "CIS", True),
        ("nato", "NATO", False),
        ("xinhua", "Xinhua News Agency", True),
        ("ria-novosti", "RIA", True),
    ],
)
def test_named_organisation_is_curated(actor_id: str, short_name: str, in_events: bool) -> None:
    """The organisation the documents name exists with its short name and a citation, and takes
    part in the events the documents tie it to."""
    actor = actors()[actor_id]
    assert short_name in actor.all_names
    assert actor.citations
    taking_part = [e.id for e in events().values() if actor_id in e.actors()]
    assert bool(taking_part) is in_events


def _named(typed: str, section: str) -> list[str]:
    """The ids of the actors or places that carry the name form."""
    records = actors() if section == "actors" else places()
    return [r.id for r in records.values() if typed in r.all_names]


@pytest.mark.parametrize(
    ("typed", "section", "record_id"),
    [
        ("Tokaev", "actors", "kassym-jomart-tokayev"),
        ("Nazarbaev", "actors", "nursultan-nazarbayev"),
        ("Zheenbekov", "actors", "sooronbay-jeenbekov"),
        ("Karmet", "actors", "arcelormittal-temirtau"),
        ("Kustanai", "places", "kostanay"),
        ("Akmola", "places", "astana"),
        ("Qaraghandy", "places", "karaganda"),
        ("Frunze", "places", "bishkek"),
        ("Kambarata HPP-1", "places", "kambar-ata-1-hpp"),
    ],
)
def test_spelling_users_type(typed: str, section: str, record_id: str) -> None:
    """The spelling is a name form of the one actor or place it means, and of no other."""
    assert _named(typed, section) == [record_id]


@pytest.mark.parametrize(
    ("typed", "project_id"),
    [
        ("Kambarata HPP-1", "kambar-ata-1-hpp"),
        ("Kambarata", "kambar-ata-1-hpp"),
        ("TITR", "middle-corridor"),
        ("TAPI", "tapi-pipeline"),
        ("CPEC", "china-pakistan-economic-corridor"),
        ("Tengiz-Novorossiysk pipeline", "cpc-pipeline"),
    ],
)
def test_project_name_form(typed: str, project_id: str) -> None:
    """The alias or abbreviation is a name form of the one project it means."""
    owners = [
        p["id"] for p in raw_entries("projects") if typed in [n["name"] for n in p.get("names", [])]
    ]
    assert owners == [project_id]


def test_project_names_follow_the_seed_format() -> None:
    """Every project name form has a name and a type from the vocabulary, and is not the
    project's own name repeated."""
    for project in raw_entries("projects"):
        for form in project.get("names", []):
            assert set(form) <= {"name", "type", "from", "until", "note"}, project["id"]
            assert form["type"] in NAME_TYPES, (project["id"], form)
            assert form["name"] != project["name"], project["id"]


@pytest.mark.parametrize(
    ("actor_id", "country"),
    [
        ("china-eximbank", "CN"),
        ("xinhua", "CN"),
        ("ria-novosti", "RU"),
        ("arcelormittal", "LU"),
        ("belt-and-road-initiative", "CN"),
    ],
)
def test_actor_country(actor_id: str, country: str) -> None:
    """The actor carries the country it belongs to."""
    assert actors()[actor_id].country == country


@pytest.mark.parametrize(
    ("actor_id", "relation", "parent"),
    [
        (
            "sinohydro-international-engineering",
            "subsidiary-of",
            "power-construction-corporation-of-china",
        ),
        ("metallurgical-corporation-of-china", "owned-by", "china"),
        ("caspian-pipeline-consortium", "owned-by", "chevron"),
        ("kyrgyzstan", "member-of", "eurasian-economic-union"),
    ],
)
def test_actor_parent_relation(actor_id: str, relation: str, parent: str) -> None:
    """The actor is linked to its parent organisation (or owner, or union) by the relation."""
    assert (relation, parent) in {(r.type, r.actor) for r in actors()[actor_id].relations}
