"""Words fold the same way everywhere: text search on both databases and on every record
type, and the resolver's reading of a phrase (what ``ask()`` builds on)."""

from __future__ import annotations

import catimeline as ct
from catimeline._query.resolver import Resolver


def test_hyphenated_word_with_a_number_is_found(world: ct.Timeline) -> None:
    """text='covid-19' finds the COVID-19 event (Postgres once read '-19' as a number)."""
    assert world.events(text="covid-19").ids == ("covid-lockdown-2020",)


def test_punctuation_between_words_does_not_matter(world: ct.Timeline) -> None:
    """'COVID 19', 'covid-19' and 'Covid–19' (en dash) give the same events."""
    expected = world.events(text="covid-19").ids
    assert world.events(text="COVID 19").ids == expected
    assert world.events(text="Covid\u201319").ids == expected


def test_number_alone_is_a_word_of_its_own(world: ct.Timeline) -> None:
    """text='19' finds both the 'COVID-19' title and the 'crew of 19' title."""
    assert {"covid-lockdown-2020", "crew-of-19-2020"} <= set(world.events(text="19").ids)


def test_text_finds_a_phrase_in_a_tag(world: ct.Timeline) -> None:
    """text='aluminium smelter' finds the event tagged 'aluminium-smelter' (its title says
    only 'smelter')."""
    assert world.events(text="aluminium smelter").ids == ("east-hope-pledge-2022",)


def test_tag_words_match_by_their_beginning(world: ct.Timeline) -> None:
    """A tag word is found by its beginning ('alumin'), never from its middle ('luminium')."""
    assert world.events(text="alumin").ids == ("east-hope-pledge-2022",)
    assert world.events(text="luminium").ids == ()


def test_participant_name_words_match_by_their_beginning(world: ct.Timeline) -> None:
    """'opper' is inside 'Copper Union' but begins none of its words: no event."""
    assert "supply-deal-2021" in world.events(text="union").ids
    assert world.events(text="opper").ids == ()


def test_entity_text_matches_words_by_their_beginning(world: ct.Timeline) -> None:
    """actors(text='oreign') finds nothing: no name has a word beginning so."""
    assert world.actors(text="oreign").ids == ()
    assert len(world.actors(text="foreig")) == 2


def test_text_finds_a_name_of_the_event_project(world: ct.Timeline) -> None:
    """text='DRW' finds the events of the project with that other name."""
    assert world.events(text="DRW").ids == ("railway-works-2024",)


def test_text_states_how_words_match(world: ct.Timeline) -> None:
    """.query says every word must occur, as a prefix, and where."""
    text = str(world.events(text="coal").query)
    assert "every word, as a word prefix, in the title, summary or notes" in text


def test_project_text_searches_its_other_names(world: ct.Timeline) -> None:
    """projects(text=...) finds a project by a word of one of its other names."""
    assert [p.id for p in world.projects(text="drw")] == ["desert-railway"]


def test_actor_text_needs_every_word_in_some_name(world: ct.Timeline) -> None:
    """actors(text='foreign ministry') finds both ministries (alias words), folded."""
    found = {a.id for a in world.actors(text="FOREIGN-ministry")}
    assert found == {"kz-mfa", "cn-mfa"}


def test_place_text_folds_case_and_punctuation(world: ct.Timeline) -> None:
    """places(text='STEEL-city') finds Steel City."""
    assert [p.id for p in world.places(text="STEEL-city")] == ["steel-city"]


def test_resolver_names_what_a_phrase_names(world: ct.Timeline) -> None:
    """Resolver.named tells actors, places, countries and projects a phrase names."""
    with world.engine.connect() as connection:
        resolver = Resolver(connection)
        china = resolver.named("China")
        drw = resolver.named("DRW")
        nothing = resolver.named("when")
    assert china.actors == ("china",)
    assert china.places == ("china",)
    assert china.countries == ("CN",)
    assert drw.projects == ("desert-railway",)
    assert not nothing


def test_resolver_reading_uses_the_transliteration_fold(world: ct.Timeline) -> None:
    """Resolver.named finds 'Karaganda' as the place 'Qaraghandy'."""
    with world.engine.connect() as connection:
        assert Resolver(connection).named("Karaganda").places == ("qaraghandy",)
