"""How filters are read: any-of and all-of actors, affiliation, countries named in
``actor=``, ambiguous and transliterated names, project names, reader kind groups,
unknown country codes; each reading is stated in ``results.query``."""

from __future__ import annotations

import pytest

import catimeline as ct
from catimeline import EventFilters


def test_actor_list_is_any_of_and_says_so(world: ct.Timeline) -> None:
    """actor=[A, B] finds events of either actor, and .query says 'any of them'."""
    results = world.events(actor=["Copper Union", "Northern Steel"])
    assert {"lake-power-investment-2019", "pit-one-accident-2020"} <= set(results.ids)
    assert "(any of them)" in str(results.query)


def test_actors_all_requires_every_actor(world: ct.Timeline) -> None:
    """actors_all=[A, B] keeps only the events both took part in, and .query says so."""
    results = world.events(actors_all=["Copper Union", "Northern Steel"])
    assert results.ids == ("supply-deal-2021",)
    assert "every one of (copper-union), (northern-steel) took part" in str(results.query)


def test_actors_all_matches_each_actor_by_any_name(world: ct.Timeline) -> None:
    """Each actor of actors_all is matched under any of its names (an abbreviation here)."""
    assert world.events(actors_all=["CU", "NS"]).ids == ("supply-deal-2021",)


def test_actors_all_with_a_country_pair(world: ct.Timeline) -> None:
    """Kazakhstan and China both taking part: the joint agreement, not Kazakhstan's own."""
    assert world.events(actors_all=["Kazakhstan", "China"]).ids == ("kz-cn-agreement-2023",)


def test_affiliation_is_off_by_default(world: ct.Timeline) -> None:
    """actor='China' alone finds only the events China itself took part in."""
    assert world.events(actor="China").ids == ("kz-cn-agreement-2023",)


def test_affiliation_of_a_country_reaches_its_actors(world: ct.Timeline) -> None:
    """include_affiliated widens a country-kind actor to the actors of that country:
    its bank, its company and its embassy, and .query names them."""
    results = world.events(actor="China", include_affiliated=True)
    assert set(results.ids) == {
        "eximbank-loan-2021",
        "east-hope-pledge-2022",
        "embassy-statement-2023",
        "kz-cn-agreement-2023",
    }
    assert "china-eximbank (of China)" in str(results.query)


def test_why_names_the_affiliation(world: ct.Timeline) -> None:
    """An event found through an affiliate says which actor it was affiliated with."""
    results = world.events(actor="China", include_affiliated=True)
    assert "affiliated with 'China' (of China)" in str(results.why("eximbank-loan-2021"))


def test_affiliation_of_an_organisation_follows_subsidiaries_transitively(
    world: ct.Timeline,
) -> None:
    """An organisation's affiliates are its subsidiaries and their parts, at any depth."""
    assert world.events(actor="Steel Holding").ids == ("railway-works-2024",)
    widened = world.events(actor="Steel Holding", include_affiliated=True).ids
    assert set(widened) == {"railway-works-2024", "funeral-payment-accident-2019"}


def test_affiliation_applies_to_each_actor_of_actors_all(world: ct.Timeline) -> None:
    """With actors_all, each named actor is widened on its own: China's bank lending to
    Kyrgyzstan counts as China and Kyrgyzstan together."""
    found = world.events(actors_all=["China", "Kyrgyzstan"], include_affiliated=True).ids
    assert found == ("eximbank-loan-2021",)


def test_affiliation_that_adds_nobody_is_stated(world: ct.Timeline) -> None:
    """An actor with no affiliates gives the same events, and .query says none were added."""
    results = world.events(actor="Copper Union", include_affiliated=True)
    assert results.ids == world.events(actor="Copper Union").ids
    assert "include_affiliated added no actor" in str(results.query)


def test_projects_take_affiliated_actors(world: ct.Timeline) -> None:
    """projects(actor=..., include_affiliated=True) reaches projects of a subsidiary."""
    assert world.projects(actor="Steel Holding").ids == ()
    assert world.projects(actor="Steel Holding", include_affiliated=True).ids == ("zenith-dam",)


def test_country_name_in_actor_that_names_no_actor_is_the_country(world: ct.Timeline) -> None:
    """actor='Qazaqstan' (a name of the country place, of no actor) means the country filter,
    and .query says how it was read."""
    results = world.events(actor="Qazaqstan")
    assert results.ids == world.events(country="KZ").ids
    assert "read as the event's country" in str(results.query)


def test_country_kind_actor_in_actor_stays_a_participant(world: ct.Timeline) -> None:
    """actor='Kazakhstan' names the country-kind actor: only events it took part in."""
    ids = world.events(actor="Kazakhstan").ids
    assert set(ids) == {"kz-cn-agreement-2023", "kz-agreement-2023"}


def test_country_from_actor_and_country_filter_must_agree(world: ct.Timeline) -> None:
    """A country read from actor= and a different country= cannot both be the event's
    country: nothing matches (not events of either)."""
    assert world.events(actor="Qazaqstan", country="KG").ids == ()


def test_generic_alias_of_unrelated_actors_is_ambiguous(world: ct.Timeline) -> None:
    """'Foreign Ministry' names two unrelated ministries: AmbiguousName lists both ids."""
    with pytest.raises(ct.AmbiguousName) as info:
        world.events(actor="Foreign Ministry")
    assert isinstance(info.value, ct.QueryError)
    assert set(info.value.suggestions) == {"kz-mfa", "cn-mfa"}
    assert "kz-mfa (Ministry of Foreign Affairs of Kazakhstan)" in str(info.value)


def test_alias_shared_within_one_family_is_not_ambiguous(world: ct.Timeline) -> None:
    """'Akimat' names an office and the body it is part of: both match, no error."""
    assert set(world.events(actor="Akimat").ids) == {"tenge-grant-2022", "office-notice-2021"}


def test_name_of_two_unrelated_places_is_ambiguous(world: ct.Timeline) -> None:
    """'Twin Town' names a city in each of two countries: AmbiguousName lists both."""
    with pytest.raises(ct.AmbiguousName) as info:
        world.events(place="Twin Town")
    assert set(info.value.suggestions) == {"twin-town-kz", "twin-town-kg"}


def test_name_of_a_place_and_a_place_inside_it_is_not_ambiguous(world: ct.Timeline) -> None:
    """'Deep Pit' names a region and a mine inside it: the filter takes the region with
    everything inside, without an error."""
    reading = world.events(place="Deep Pit").query.parts[0]
    assert "deep-pit-region" in reading and "deep-pit-mine" in reading


def test_transliteration_variant_finds_the_actor(world: ct.Timeline) -> None:
    """'Tokaev' finds 'Kassym Tokayev' through the transliteration fold."""
    assert world.actor("Kassym Tokaev").id == "kassym-tokayev"
    assert world.events(actor="Kassym Tokaev").ids == ("covid-lockdown-2020",)


def test_transliteration_variant_finds_the_place(world: ct.Timeline) -> None:
    """'Karaganda' finds the place named 'Qaraghandy'."""
    assert world.place("Karaganda").id == "qaraghandy"


def test_project_found_by_alias_and_abbreviation(world: ct.Timeline) -> None:
    """A project's other names resolve in tl.project() and in project= filters."""
    assert world.project("DRW").id == "desert-railway"
    assert world.events(project="DRW").ids == ("railway-works-2024",)


def test_project_found_by_transliterated_alias(world: ct.Timeline) -> None:
    """'Kambarata Line' finds the project with the other name 'Kambar-Ata Line'."""
    assert world.project("Kambarata Line").id == "desert-railway"


def test_project_keeps_its_other_names(world: ct.Timeline) -> None:
    """A project read back carries the other names it was stored with."""
    assert [n.name for n in world.project("desert-railway").names] == ["DRW", "Kambar-Ata Line"]


def test_finance_group_finds_loans_and_money_pledges(world: ct.Timeline) -> None:
    """kind='finance' finds loans and investments, and a statement carrying a money figure,
    in any currency, but not an accident with a payment."""
    ids = set(world.events(kind="finance").ids)
    assert {"eximbank-loan-2021", "lake-power-investment-2019"} <= ids
    assert {"east-hope-pledge-2022", "tenge-grant-2022"} <= ids
    assert "funeral-payment-accident-2019" not in ids


def test_plain_kind_does_not_take_money_events(world: ct.Timeline) -> None:
    """kind='loan' is only loans: the money rule belongs to the finance group."""
    assert world.events(kind="loan").ids == ("eximbank-loan-2021",)


def test_safety_group(world: ct.Timeline) -> None:
    """kind='safety' covers accidents (and inspections, fines...), not protests."""
    kinds = {e.kind for e in world.events(kind="safety")}
    assert kinds == {"accident"}


def test_unknown_two_letter_country_code_is_refused(world: ct.Timeline) -> None:
    """country='UK' is no ISO code the timeline knows: QueryError pointing at GB."""
    with pytest.raises(ct.QueryError, match="United Kingdom is GB"):
        world.events(country="UK")


def test_projects_status_is_filtered_before_the_limit(world: ct.Timeline) -> None:
    """projects(status=..., limit=1) gives one project of that status, although a project
    of another status comes first by name."""
    found = world.projects(status="under-construction", limit=1)
    assert len(found) == 1
    assert found[0].current_status == "under-construction"
    assert len(world.projects(status="under-construction")) == 3


def test_query_runs_an_event_filters_value(world: ct.Timeline) -> None:
    """tl.query(EventFilters(...)) answers exactly as the keyword form does."""
    filters = EventFilters(actor="NS", kind="incident", since="2021")
    assert world.query(filters).ids == world.events(actor="NS", kind="incident", since="2021").ids


def test_query_of_accidents_takes_a_kind(world: ct.Timeline) -> None:
    """accidents=True combines with kind: accidents of kind 'accident' only."""
    filters = EventFilters(accidents=True, kind="attack")
    assert world.query(filters).ids == ()
    assert len(world.query(EventFilters(accidents=True, kind="accident"))) == 4
