"""The three match modes: overlaps (stated span touches), within (inside), possibly (wider)."""

from __future__ import annotations

import datetime

import pendulum
import pytest

from catimeline._dates import FuzzyDate
from catimeline._errors import InvalidDate

D = datetime.date


def test_month_against_a_window_starting_mid_month() -> None:
    """'2022-06' since 2022-06-15: it overlaps and possibly matches, but is not within."""
    june = FuzzyDate.parse("2022-06")
    since = D(2022, 6, 15)
    assert june.overlaps(since, None) is True
    assert june.within(since, None) is False
    assert june.possibly_overlaps(since, None) is True


def test_boundaries_are_inclusive() -> None:
    """A window that starts on the latest day, or ends on the earliest day, still overlaps."""
    june = FuzzyDate.parse("2022-06")
    assert june.overlaps(D(2022, 6, 30), None)
    assert june.overlaps(None, D(2022, 6, 1))
    assert not june.overlaps(D(2022, 7, 1), None)
    assert not june.overlaps(None, D(2022, 5, 31))
    assert june.within(D(2022, 6, 1), D(2022, 6, 30))


def test_possibly_reaches_one_unit_further_for_qualified_dates() -> None:
    """'2022-06~' does not overlap July but possibly does; '%' reaches two months."""
    approximate = FuzzyDate.parse("2022-06~")
    july = (D(2022, 7, 1), D(2022, 7, 31))
    august = (D(2022, 8, 1), D(2022, 8, 31))
    assert not approximate.overlaps(*july)
    assert approximate.possibly_overlaps(*july)
    assert not approximate.possibly_overlaps(*august)
    assert FuzzyDate.parse("2022-06%").possibly_overlaps(*august)


def test_unqualified_possibly_is_overlaps() -> None:
    """Without a qualifier the possible span is the stated span, so possibly == overlaps."""
    june = FuzzyDate.parse("2022-06")
    assert not june.possibly_overlaps(D(2022, 7, 1), None)


def test_interval_matching() -> None:
    """An interval overlaps a window inside it but is not within it."""
    build = FuzzyDate.parse("2023-08/2026-12")
    during_2025 = (D(2025, 1, 1), D(2025, 12, 31))
    assert build.overlaps(*during_2025)
    assert not build.within(*during_2025)
    assert build.within(D(2023, 1, 1), D(2027, 1, 1))


def test_interval_possibly_uses_each_ends_qualifier() -> None:
    """'2004-06~/2004-08' possibly reaches May (its start is approximate), not September."""
    summer = FuzzyDate.parse("2004-06~/2004-08")
    assert summer.possibly_overlaps(D(2004, 5, 1), D(2004, 5, 31))
    assert not summer.overlaps(D(2004, 5, 1), D(2004, 5, 31))
    assert not summer.possibly_overlaps(D(2004, 9, 1), D(2004, 9, 30))


@pytest.mark.parametrize("text", ["../2020", "/2020"])
def test_open_or_unknown_start(text: str) -> None:
    """An open/unknown start reaches back without limit: it overlaps any earlier window,
    is within a window with no start, and never within a window with a start."""
    date = FuzzyDate.parse(text)
    assert date.overlaps(None, D(1000, 1, 1))
    assert date.overlaps(D(2020, 12, 31), None)
    assert not date.overlaps(D(2021, 1, 1), None)
    assert date.within(None, D(2020, 12, 31))
    assert not date.within(D(1, 1, 1), None)
    assert date.possibly_overlaps(None, D(1000, 1, 1))


@pytest.mark.parametrize("text", ["2024-07/..", "2024-07/"])
def test_open_or_unknown_end(text: str) -> None:
    """An open/unknown end reaches forward without limit and is never within a bounded end."""
    date = FuzzyDate.parse(text)
    assert date.overlaps(D(2090, 1, 1), None)
    assert not date.overlaps(None, D(2024, 6, 30))
    assert date.within(D(2024, 7, 1), None)
    assert not date.within(D(2024, 1, 1), D(9999, 12, 31))
    assert date.possibly_overlaps(D(2090, 1, 1), D(2090, 1, 1))


def test_unbounded_window_matches_everything() -> None:
    """With no start and no end every mode matches, open ends included."""
    for text in ("2022", "../2020", "2024/..", "2019?"):
        date = FuzzyDate.parse(text)
        assert date.overlaps() and date.within() and date.possibly_overlaps()


def test_window_bounds_may_be_pendulum_dates() -> None:
    """pendulum.Date (a datetime.date) works as a window bound, e.g. another date's bound."""
    june = FuzzyDate.parse("2022-06")
    later = FuzzyDate.parse("2022-06-15")
    assert june.overlaps(later.earliest, None)
    assert june.overlaps(pendulum.Date(2022, 6, 30), pendulum.Date(2023, 1, 1))


def test_window_bounds_must_be_dates() -> None:
    """A datetime or a string as a window bound raises InvalidDate, not TypeError."""
    june = FuzzyDate.parse("2022-06")
    with pytest.raises(InvalidDate, match="times of day"):
        june.overlaps(datetime.datetime(2022, 6, 1, 12), None)
    with pytest.raises(InvalidDate, match="got str"):
        june.within("2022-06-01", None)  # type: ignore[arg-type]


def test_contains() -> None:
    """'day in date' checks the stated span; anything but a date is simply not in it."""
    winter = FuzzyDate.parse("2023-24")
    assert D(2024, 2, 29) in winter
    assert pendulum.Date(2023, 12, 1) in winter
    assert D(2023, 11, 30) not in winter
    assert D(1, 1, 1) in FuzzyDate.parse("../2020")
    assert "2024-01-01" not in winter
