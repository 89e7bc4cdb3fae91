"""``ask()`` reads short questions into the same queries as the filters, or refuses."""

from __future__ import annotations

import pytest

import catimeline as ct


def test_ask_matches_the_equivalent_filters(fx: ct.Timeline) -> None:
    """'all NS incidents since 2021' answers exactly like events(actor, kind, since)."""
    asked = fx.ask("all NS incidents since 2021")
    assert asked.ids == fx.events(actor="NS", kind="incident", since="2021").ids
    assert asked.ids == ("pit-one-accident-2022", "pit-one-fire-2023")


def test_former_name_answers_alike(fx: ct.Timeline) -> None:
    """A multi-word former name is read as the same actor."""
    assert (
        fx.ask("Steppe Metal Works incidents since 2021").ids
        == fx.ask("all NS incidents since 2021").ids
    )


def test_between_and_in_country(fx: ct.Timeline) -> None:
    """'between X and Y' and 'in COUNTRY in YEAR' are read as windows and country filters."""
    assert fx.ask("NS accidents between 2020 and 2022").ids == (
        "pit-one-accident-2020",
        "pit-one-accident-2022",
    )
    assert fx.ask("protests in Kyrgyzstan in 2020").ids == ("lake-town-protest-2020",)


def test_projects_question(fx: ct.Timeline) -> None:
    """'ACTOR projects' lists the projects the actor takes part in."""
    results = fx.ask("Copper Union projects")
    assert [p.id for p in results] == ["lake-power-plant"]


def test_place_and_after(fx: ct.Timeline) -> None:
    """A place name includes what lies inside it; 'after 2022' starts in 2023."""
    assert fx.ask("incidents in North Region after 2022").ids == ("pit-one-fire-2023",)


def test_month_name_dates(fx: ct.Timeline) -> None:
    """'in June 2022' is read as the month 2022-06."""
    assert "pit-one-accident-2022" in fx.ask("accidents in June 2022").ids


def test_query_shows_the_reading(fx: ct.Timeline) -> None:
    """results.query shows the question and how it was read."""
    text = str(fx.ask("all NS incidents since 2021").query)
    assert "'all NS incidents since 2021' read as" in text
    assert "northern-steel" in text


def test_unknown_word_is_refused_with_suggestions(fx: ct.Timeline) -> None:
    """A word that is no name, kind or time raises QueryError with close names."""
    with pytest.raises(ct.QueryError) as info:
        fx.ask("all Coper Union incidents")
    assert "'coper'" in str(info.value)
    assert "Copper Union" in info.value.suggestions


def test_empty_question_is_refused(fx: ct.Timeline) -> None:
    """An empty question raises QueryError with an example."""
    with pytest.raises(ct.QueryError, match=r"e\.g\."):
        fx.ask("   ")
