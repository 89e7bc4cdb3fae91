"""The time phrases of ask() questions, read to exact window edges (no database needed)."""

from __future__ import annotations

import datetime as dt

import pytest

import catimeline as ct
from catimeline._ask.measures import take_measures
from catimeline._ask.times import take_time


def edges(question: str) -> tuple[str | None, str | None, str]:
    """The first and last day of the window ``question`` sets, and its match mode."""
    _rest, window = take_time(question)
    first, last = window.since, window.until
    start = first.earliest if isinstance(first, ct.FuzzyDate) else first
    end = last.latest if isinstance(last, ct.FuzzyDate) else last
    return (
        start.isoformat() if isinstance(start, dt.date) else None,
        end.isoformat() if isinstance(end, dt.date) else None,
        window.match,
    )


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("accidents before 2022", (None, "2021-12-31", "overlaps")),
        ("accidents after October 2023", ("2023-11-01", None, "overlaps")),
        ("accidents since 2021", ("2021-01-01", None, "overlaps")),
        ("accidents until March 2020", (None, "2020-03-31", "overlaps")),
        ("accidents in 2022-23", ("2022-01-01", "2023-12-31", "overlaps")),
        ("accidents 2019-2021", ("2019-01-01", "2021-12-31", "overlaps")),
        ("accidents in 2020 and 2021", ("2020-01-01", "2021-12-31", "overlaps")),
        ("accidents in early 2023", ("2023-01-01", "2023-04-30", "overlaps")),
        ("accidents in mid-2022", ("2022-05-01", "2022-08-31", "overlaps")),
        ("accidents in late 2022", ("2022-09-01", "2022-12-31", "overlaps")),
        ("events in winter 2020", ("2020-12-01", "2021-02-28", "overlaps")),
        ("events in the 1990s", ("1990-01-01", "1999-12-31", "overlaps")),
        ("events on October 28, 2023", ("2023-10-28", "2023-10-28", "overlaps")),
        ("events on 28 October 2023", ("2023-10-28", "2023-10-28", "overlaps")),
        ("events between June 2022 and January 2023", ("2022-06-01", "2023-01-31", "overlaps")),
        ("accidents since 2021 until 2022", ("2021-01-01", "2022-12-31", "overlaps")),
        ("events certainly in 2022", ("2022-01-01", "2022-12-31", "within")),
        ("events that may have happened in July 2020", ("2020-07-01", "2020-07-31", "possibly")),
    ],
)
def test_time_phrase_edges(question: str, expected: tuple[str | None, str | None, str]) -> None:
    """Each time phrase sets exactly these window edges and match mode."""
    assert edges(question) == expected


def test_an_iso_month_is_never_read_as_a_span_of_years() -> None:
    """'2023-10' is October 2023, not the years 2023 to 2010."""
    assert edges("accidents in 2023-10") == ("2023-10-01", "2023-10-31", "overlaps")


@pytest.mark.parametrize(
    ("question", "named"),
    [
        ("accidents last year", "last year"),
        ("events this month", "this month"),
        ("recent protests", "recent"),
        ("events 3 years ago", "3 years ago"),
        ("accidents in 2022 in 2023", "'in 2022' and 'in 2023'"),
        ("accidents since 2024 before 2023", "ends before it starts"),
        ("events in 2023 and 2025", "two separate years"),
        ("events certainly", "needs a date"),
    ],
)
def test_time_refusals_name_the_phrase(question: str, named: str) -> None:
    """Relative, conflicting, empty and split windows are refused, naming the phrase."""
    with pytest.raises(ct.QueryError, match=named.replace("?", r"\?")):
        take_time(question)


def test_most_recent_is_an_order_not_a_relative_date() -> None:
    """'most recent' orders newest first; only a bare 'recent' is refused."""
    rest, window = take_time("most recent accident")
    _rest, measures = take_measures(rest)
    assert (window.since, window.until, measures.order) == (None, None, "-date")


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("top 5 deadliest accidents", (False, "deaths", 5, None)),
        ("the 3 deadliest accidents", (False, "deaths", 3, None)),
        ("latest three incidents", (False, "-date", 3, None)),
        ("how many accidents", (True, "date", None, None)),
        ("accidents with at least 5 deaths", (False, "date", None, 5)),
        ("accidents with 5 or more deaths", (False, "date", None, 5)),
        ("accidents with more than 5 deaths", (False, "date", None, 6)),
        ("fatal accidents", (False, "date", None, 1)),
        ("biggest loans", (False, "money", None, None)),
        ("most injured", (False, "injured", None, None)),
    ],
)
def test_measure_phrases(question: str, expected: tuple[bool, str, int | None, int | None]) -> None:
    """Counts, orders, limits and death thresholds ('more than N' is N+1, 'at least N' is N)."""
    _rest, m = take_measures(question)
    assert (m.count, m.order, m.limit, m.min_deaths) == expected
