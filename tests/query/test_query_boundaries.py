"""Boundaries of the filters, each tested on both sides so an off-by-one fails: the end
of a ``within`` window, ``since``, ``min_deaths``, open-ended dates, and the largest
numbers a filter takes."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

import catimeline as ct
from catimeline._query import statement
from catimeline._query.checks import MAX_COUNT
from tests.conftest import POSTGRES_URL, _fresh_url
from tests.helpers import cited


def test_within_window_includes_an_event_ending_on_its_last_day(world: ct.Timeline) -> None:
    """An event on 2022-06-20 is within a window ending 2022-06-20."""
    ids = world.events(since="2022-06-01", until="2022-06-20", match="within").ids
    assert "steel-city-depot-attack-2022" in ids


def test_within_window_excludes_an_event_after_its_last_day(world: ct.Timeline) -> None:
    """An event on 2022-06-20 is not within a window ending 2022-06-19."""
    ids = world.events(since="2022-06-01", until="2022-06-19", match="within").ids
    assert "steel-city-depot-attack-2022" not in ids


def test_within_month_needs_the_window_to_reach_its_last_day(world: ct.Timeline) -> None:
    """A month-dated event (2022-06) is within June, not within 1-29 June."""
    assert "pit-one-accident-2022" in world.events(during="2022-06", match="within").ids
    ids = world.events(since="2022-06-01", until="2022-06-29", match="within").ids
    assert "pit-one-accident-2022" not in ids


def test_since_includes_an_event_on_its_first_day(world: ct.Timeline) -> None:
    """since=2023-10-28 includes an event of 2023-10-28."""
    assert "pit-one-fire-2023" in world.events(since="2023-10-28").ids


def test_since_excludes_an_event_the_day_before(world: ct.Timeline) -> None:
    """since=2023-10-29 excludes an event of 2023-10-28."""
    assert "pit-one-fire-2023" not in world.events(since="2023-10-29").ids


def test_until_includes_its_last_day_and_not_the_next(world: ct.Timeline) -> None:
    """until=2023-10-28 includes an event of that day; until=2023-10-27 does not."""
    assert "pit-one-fire-2023" in world.events(until="2023-10-28").ids
    assert "pit-one-fire-2023" not in world.events(until="2023-10-27").ids


def test_min_deaths_includes_the_exact_toll(world: ct.Timeline) -> None:
    """min_deaths=3 includes an accident with exactly 3 deaths (>=, not >)."""
    assert "pit-one-accident-2020" in world.accidents(min_deaths=3).ids


def test_min_deaths_excludes_a_toll_one_below(world: ct.Timeline) -> None:
    """min_deaths=4 excludes an accident with 3 deaths."""
    ids = world.accidents(min_deaths=4).ids
    assert ids == ("pit-one-fire-2023",)


def test_open_start_is_dated_by_its_known_end(world: ct.Timeline) -> None:
    """'../2018-03' overlaps 2018 (it ends in March 2018), not 2017."""
    assert "ministry-safety-statement-2018" in world.events(during="2018").ids
    assert "ministry-safety-statement-2018" not in world.events(during="2017").ids


def test_open_start_known_end_on_the_window_end(world: ct.Timeline) -> None:
    """'../2018-03' overlaps a window ending 2018-03-31 and one starting that day, but not
    one starting 2018-04-01."""
    assert "ministry-safety-statement-2018" in world.events(until="2018-03-31").ids
    assert "ministry-safety-statement-2018" in world.events(since="2018-03-31").ids
    assert "ministry-safety-statement-2018" not in world.events(since="2018-04-01").ids


def test_open_start_known_end_after_the_window(world: ct.Timeline) -> None:
    """'../2018-03' does not overlap a window ending 2018-03-30: its known end is later."""
    assert "ministry-safety-statement-2018" not in world.events(until="2018-03-30").ids


def test_open_end_is_dated_by_its_known_start(world: ct.Timeline) -> None:
    """'2024-07/..' overlaps a window from 2024-07-01, but not one from 2024-07-02."""
    assert "railway-works-2024" in world.events(since="2024-07-01").ids
    assert "railway-works-2024" not in world.events(since="2024-07-02").ids


def test_open_end_does_not_crowd_later_windows(world: ct.Timeline) -> None:
    """'2024-07/..' is not in 2026 under overlaps or within, only possibly."""
    assert "railway-works-2024" not in world.events(during="2026").ids
    assert "railway-works-2024" not in world.events(during="2026", match="within").ids
    assert "railway-works-2024" in world.events(during="2026", match="possibly").ids


def test_open_end_is_never_within_a_window_bounded_after(world: ct.Timeline) -> None:
    """'2024-07/..' is within a window open at the end, never within 2024."""
    assert "railway-works-2024" in world.events(since="2024", match="within").ids
    assert "railway-works-2024" not in world.events(during="2024", match="within").ids


def test_open_end_rule_is_stated(world: ct.Timeline) -> None:
    """.query says how open-ended dates meet an overlaps window."""
    text = str(world.events(during="2024").query)
    assert "an open-ended date counts only when its known bound lies in the window" in text


def test_largest_limit_is_accepted(world: ct.Timeline) -> None:
    """limit=2**31-1 (the largest) runs on both databases."""
    assert len(world.events(limit=MAX_COUNT)) == len(world.events())


def test_limit_beyond_the_largest_is_refused(world: ct.Timeline) -> None:
    """limit=2**31 raises QueryError on both databases, not a database overflow."""
    with pytest.raises(ct.QueryError, match="limit is at most"):
        world.events(limit=MAX_COUNT + 1)


def test_huge_min_deaths_is_refused(world: ct.Timeline) -> None:
    """min_deaths=2**63 raises QueryError, never a driver overflow."""
    with pytest.raises(ct.QueryError, match="min_deaths is at most"):
        world.accidents(min_deaths=2**63)


def test_largest_min_deaths_is_accepted(world: ct.Timeline) -> None:
    """min_deaths=2**31-1 runs and finds nothing."""
    assert world.accidents(min_deaths=MAX_COUNT).ids == ()


def test_long_lists_bind_as_one_array_on_postgres(
    world: ct.Timeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Lists longer than ARRAY_FROM (a statement takes at most 65,535 parameters on
    Postgres) are bound as one array there and answer as per-value binding does."""
    expected = world.events(place="Kazakhstan", actor=["NS", "CU"]).ids
    monkeypatch.setattr(statement, "ARRAY_FROM", 1)
    assert world.events(place="Kazakhstan", actor=["NS", "CU"]).ids == expected


@pytest.mark.postgres
@pytest.mark.skipif(not POSTGRES_URL, reason="CATIMELINE_TEST_POSTGRES_URL is not set")
def test_place_with_more_places_inside_than_postgres_parameters(tmp_path: Path) -> None:
    """A region holding 70,000 places (more than the 65,535 parameters a Postgres statement
    takes) still finds the event at its last village, and lists places within it."""
    for url in _fresh_url("postgres", tmp_path):
        with ct.open(url, seed=False) as tl:
            tl.add(ct.Place("big-region", "Big Region", "region", country="KZ"))
            with tl.engine.begin() as connection:
                connection.execute(
                    text(
                        "INSERT INTO ct_places (id, name, kind, parent_id, country, origin) "
                        "SELECT 'village-' || g, 'Village ' || g, 'village', 'big-region', "
                        "'KZ', 'user' FROM generate_series(1, 70000) AS g"
                    )
                )
            tl.add(
                cited(
                    [
                        ct.Event(
                            "far-protest",
                            "2020",
                            "protest",
                            "A far protest",
                            places=["village-70000"],
                        )
                    ]
                )
            )
            assert tl.events(place="Big Region").ids == ("far-protest",)
            assert tl.places(within="Big Region", kind="region").ids == ("big-region",)
