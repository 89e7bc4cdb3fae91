"""Accidents in the curated seeds carry their toll, cause, facility and operator, and the
ArcelorMittal Temirtau (Qarmet) and Kazakhmys stories are complete.

The expected values below come from reading the documents: document 000 (late 2023) lists AMT's
fatal accidents of 2021-2023, document 001 (February 2025) the Kazakhmys accidents and more on the
Kostenko fire.
"""

from __future__ import annotations

from functools import cache

from catimeline._model import Accident, Actor, Source
from catimeline._seedfolder import SeedSet
from catimeline._seeds import validate

#: Accidents whose documents give no toll (id -> why).
NO_TOLL_PRINTED = {
    "bishkek-power-plant-failure-2018": "a plant breakdown; no casualties reported",
}

#: The Kazakhmys accidents document 001 reports: id -> (date, deaths, facility).
KAZAKHMYS = {
    "sayak-3-mine-carbon-monoxide-2023": ("2023-10", 2, "sayak-3-mine"),
    "east-zhezkazgan-mine-death-2025": ("2025-01", 1, "east-zhezkazgan-mine"),
    "zhomart-mine-collapse-2025": ("2025-02-17", 7, "zhomart-mine"),
}


@cache
def _seeds() -> SeedSet:
    return validate()


def _accidents() -> list[Accident]:
    return [r for r in _seeds().records("events") if isinstance(r, Accident)]


def _source_documents() -> dict[str, str]:
    return {r.id: r.document for r in _seeds().records("sources") if isinstance(r, Source)}


def test_every_accident_has_cause_facility_and_operator() -> None:
    """Each accident names a cause, the facility (a place) and its operator at that date."""
    missing = [a.id for a in _accidents() if not (a.cause and a.facility and a.operator)]
    assert missing == []


def test_every_accident_has_deaths_where_printed() -> None:
    """Each accident records its deaths, except those whose documents give no toll."""
    missing = [a.id for a in _accidents() if a.deaths is None and a.id not in NO_TOLL_PRINTED]
    assert missing == []


def test_kazakhmys_accidents_are_all_present() -> None:
    """The three Kazakhmys accidents are there with operator kazakhmys, date, toll and mine."""
    found = {
        a.id: (str(a.date), a.deaths, a.facility) for a in _accidents() if a.operator == "kazakhmys"
    }
    assert found == KAZAKHMYS


def test_kostenko_fire_is_one_event_citing_both_documents() -> None:
    """The Kostenko fire of 28 October 2023 is a single accident citing documents 000 and 001."""
    fires = [a for a in _accidents() if a.facility == "kostenko-mine"]
    assert [a.id for a in fires] == ["kostenko-mine-fire-2023"]
    fire = fires[0]
    assert (str(fire.date), fire.deaths, fire.cause) == ("2023-10-28", 46, "fire")
    assert fire.operator == "arcelormittal-temirtau"
    documents = {_source_documents()[c.source][:3] for c in fire.citations}
    assert documents == {"000", "001"}


def test_kostenko_fire_carries_the_figures_document_001_adds() -> None:
    """People underground (a range), evacuated and depth from document 001 are figures."""
    fire = next(a for a in _accidents() if a.id == "kostenko-mine-fire-2023")
    figures = {(q.name, q.value) for q in fire.figures}
    assert {("underground", 227), ("underground", 252), ("evacuated", 208)} <= figures


def test_amt_has_every_printed_name() -> None:
    """AMT's actor holds Qarmet, ArcelorMittal Temirtau, AMT and the misspelling ATM; the former
    name ends after 30 October 2023 (document 000 still uses it) and within 2023."""
    amt = next(r for r in _seeds().records("actors") if r.id == "arcelormittal-temirtau")
    assert isinstance(amt, Actor)
    names = {n.name: n.type for n in amt.names}
    assert amt.name == "Qarmet"
    assert names["ArcelorMittal Temirtau"] == "former"
    assert names["AMT"] == "abbreviation"
    assert names["ATM"] == "misspelling"
    assert {str(n.until) for n in amt.names if n.type == "former"} == {"2023-10-30/2023-12"}
