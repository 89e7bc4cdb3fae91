"""The one fuzzy matcher behind every "did you mean": how it scores names and spellings."""

from __future__ import annotations

from catimeline._similar import closest, likeness


def test_a_name_finds_the_longer_name_it_is_part_of() -> None:
    """Scored as names, a word finds the name it is part of, whatever its case."""
    assert closest("kostenko", ["Kostenko mine", "Lenin mine", "Temirtau"]) == ["Kostenko mine"]


def test_a_misspelt_field_finds_its_field_by_spelling() -> None:
    """Scored by spelling, a misspelt word finds the word it was meant to be, best first."""
    fields = ["id", "date", "kind", "title", "summary", "country"]
    assert closest("titel", fields, limit=1, by="spelling") == ["title"]


def test_nothing_is_offered_for_an_unlike_word() -> None:
    """A word like none of the entries gets no suggestion at all."""
    assert closest("zzzz", ["protest", "strike", "accident"], by="spelling") == []


def test_likeness_ignores_case() -> None:
    """Two spellings differing only in case are fully alike."""
    assert likeness("Qarmet", "qarmet") == 100.0
