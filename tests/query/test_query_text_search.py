"""The text filter searches words through the database's full-text index, on both backends."""

from __future__ import annotations

import catimeline as ct
from tests.query.test_query_plans import _main_statement, _plan


def test_words_match_as_prefixes_in_any_case(fx: ct.Timeline) -> None:
    """A word's beginning finds it, whatever its case."""
    assert fx.events(text="DEPO").ids == ("steel-city-depot-attack-2022",)


def test_every_word_must_occur(fx: ct.Timeline) -> None:
    """Several words narrow the search: all of them must be in the event's text."""
    assert set(fx.events(text="pit one").ids) >= {"pit-one-accident-2020", "pit-one-fire-2023"}
    assert fx.events(text="fire pit").ids == ("pit-one-fire-2023",)
    assert fx.events(text="fire lake").ids == ()


def test_punctuation_and_accents_are_folded(fx: ct.Timeline) -> None:
    """Punctuation between words is ignored and accented letters match plain ones."""
    assert fx.events(text="Fire, at—Pit!").ids == ("pit-one-fire-2023",)
    assert fx.events(text="Fïre").ids == fx.events(text="fire").ids


def test_participant_names_are_searched_too(fx: ct.Timeline) -> None:
    """Text found in a participant's name (any name form) finds the event."""
    assert "supply-deal-2021" in fx.events(text="Union").ids


def test_search_follows_changes_to_events(fixture_timeline: ct.Timeline) -> None:
    """Events added later are found by their words; the index follows the table."""
    tl = fixture_timeline
    assert tl.events(text="zeppelin").ids == ()
    tl.add(
        ct.Event(
            "zeppelin-visit-2024",
            "2024-05",
            "visit",
            "A zeppelin visits Steel City",
            citations=[ct.Citation("fx-gazette", 0, 10)],
        )
    )
    assert tl.events(text="zeppelin").ids == ("zeppelin-visit-2024",)


def test_text_search_uses_the_full_text_index(fx: ct.Timeline) -> None:
    """The plan of a text query reads the FTS5 table (SQLite) or the GIN index (Postgres)."""
    statement, params = _main_statement(fx, lambda tl: tl.events(text="depot"))
    plan = _plan(fx, statement, params)
    if fx.engine.dialect.name == "sqlite":
        assert "VIRTUAL TABLE INDEX" in plan, plan
    else:
        assert "ix_ct_events_fts" in plan, plan
