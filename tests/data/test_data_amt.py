"""The acceptance question "all AMT incidents since 2021" answered from the curated seeds,
on a temporary SQLite file and on Postgres.

The expected answer is written out from the documents: document 000 (late 2023) reports eight
fatal accidents of ArcelorMittal Temirtau (AMT, renamed Qarmet in 2023) from November 2021 to the
Kostenko fire of 28 October 2023; document 001 confirms the Kostenko date and toll.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

import catimeline as ct
from catimeline._model import Accident

#: (id, date, deaths), in the timeline's date order (earliest bound first, then latest).
AMT_ACCIDENTS_2021_2023 = [
    ("abay-mine-methane-leak-2021", "2021-11", 6),
    ("amt-furnace-roof-collapse-2022", "2022-06-10", 4),
    ("amt-plant-boiler-fall-2022", "2022-06-11/2022-06", 1),
    ("kazakhstanskaya-mine-explosion-2022", "2022-11", 5),
    ("amt-plant-loader-accident-2022", "2022-12", 1),
    ("kazakhstanskaya-mine-electrocution-2023", "2023-01", 1),
    ("kazakhstanskaya-mine-fire-2023", "2023-08-17", 5),
    ("kostenko-mine-fire-2023", "2023-10-28", 46),
]


@pytest.fixture
def curated(db_url: str) -> Iterator[ct.Timeline]:
    """A timeline on a fresh database, migrated and loaded with the bundled seeds."""
    with ct.open(db_url) as tl:
        yield tl


def _answer(results: ct.Results[ct.Event]) -> list[tuple[str, str, int | None]]:
    rows = []
    for e in results:
        assert isinstance(e, Accident)
        rows.append((e.id, str(e.date), e.deaths))
    return rows


def test_ask_all_amt_incidents_since_2021(curated: ct.Timeline) -> None:
    """'all AMT incidents since 2021' returns exactly AMT's accidents of 2021-2023."""
    assert _answer(curated.ask("all AMT incidents since 2021")) == AMT_ACCIDENTS_2021_2023


def test_ask_with_the_current_name_qarmet(curated: ct.Timeline) -> None:
    """Asking under the current name, Qarmet, gives the same answer."""
    assert _answer(curated.ask("all Qarmet incidents since 2021")) == AMT_ACCIDENTS_2021_2023


def test_events_filter_answers_alike(curated: ct.Timeline) -> None:
    """events(actor="AMT", kind="incident", since="2021") gives the same accidents."""
    results = curated.events(actor="AMT", kind="incident", since="2021")
    assert _answer(results) == AMT_ACCIDENTS_2021_2023
