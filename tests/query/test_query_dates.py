"""The three date match modes on the database, including the month-against-day boundary."""

from __future__ import annotations

import datetime as dt

import pytest

import catimeline as ct


@pytest.mark.parametrize(
    ("match", "expected"),
    [("overlaps", True), ("within", False), ("possibly", True)],
)
def test_month_event_against_mid_month_since(fx: ct.Timeline, match: str, expected: bool) -> None:
    """An event dated 2022-06 against since=2022-06-15: overlaps yes, within no, possibly yes."""
    ids = fx.events(since="2022-06-15", match=match).ids
    assert ("pit-one-accident-2022" in ids) is expected


def test_within_requires_the_whole_span(fx: ct.Timeline) -> None:
    """An interval 2019/2021 is within 2019..2021 but only overlaps 2020."""
    assert "lake-power-investment-2019" in fx.events(during="2020").ids
    assert "lake-power-investment-2019" not in fx.events(during="2020", match="within").ids
    assert "lake-power-investment-2019" in fx.events(since="2019", until="2021", match="within").ids


def test_possibly_widens_approximate_dates(fx: ct.Timeline) -> None:
    """An approximate 2021-11~ possibly falls in December 2021 but does not overlap it."""
    assert "supply-deal-2021" not in fx.events(during="2021-12").ids
    assert "supply-deal-2021" in fx.events(during="2021-12", match="possibly").ids


def test_open_start_no_longer_crowds_an_earlier_window(fx: ct.Timeline) -> None:
    """A date open at the start (../2018-03) possibly falls in 1990, but neither overlaps
    it (it is dated by its known end, March 2018) nor is within it."""
    assert "ministry-safety-statement-2018" not in fx.events(during="1990").ids
    assert "ministry-safety-statement-2018" not in fx.events(during="1990", match="within").ids
    assert "ministry-safety-statement-2018" in fx.events(during="1990", match="possibly").ids


def test_until_and_since_take_dates_and_fuzzy_dates(fx: ct.Timeline) -> None:
    """since/until accept a datetime.date and a FuzzyDate as well as text."""
    by_text = fx.events(since="2022", until="2022").ids
    assert fx.events(since=dt.date(2022, 1, 1), until=dt.date(2022, 12, 31)).ids == by_text
    assert fx.events(during=ct.FuzzyDate.parse("2022")).ids == by_text


def test_window_that_ends_before_it_starts_is_refused(fx: ct.Timeline) -> None:
    """until before since raises QueryError naming both."""
    with pytest.raises(ct.QueryError, match="ends before it starts"):
        fx.events(since="2023", until="2021")


def test_unknown_match_mode_is_refused(fx: ct.Timeline) -> None:
    """A match mode other than the three raises QueryError."""
    with pytest.raises(ct.QueryError, match="overlaps, within, possibly"):
        fx.events(since="2021", match="roughly")
