"""window(since, until, during) turns query filters into plain [start, end] dates."""

from __future__ import annotations

import datetime

import pendulum
import pytest

from catimeline._dates import FuzzyDate, to_date
from catimeline._errors import InvalidDate, QueryError
from catimeline._query.window import window

D = datetime.date


def test_since_uses_earliest_and_until_uses_latest() -> None:
    """since='2021' starts on 2021-01-01; until='2021' ends on 2021-12-31."""
    assert window(since="2021") == (D(2021, 1, 1), None)
    assert window(until="2021") == (None, D(2021, 12, 31))
    assert window(since="2021", until="2022-03") == (D(2021, 1, 1), D(2022, 3, 31))


def test_during_gives_both_ends() -> None:
    """during='2023' is the whole of 2023; a season crosses the year end."""
    assert window(during="2023") == (D(2023, 1, 1), D(2023, 12, 31))
    assert window(during="2023-24") == (D(2023, 12, 1), D(2024, 2, 29))


def test_no_filters_is_unbounded() -> None:
    """Without since, until or during the window is unbounded on both sides."""
    assert window() == (None, None)


def test_filters_combine_as_an_intersection() -> None:
    """during together with since/until keeps only the days all of them allow."""
    assert window(since="2023-06", during="2023") == (D(2023, 6, 1), D(2023, 12, 31))
    assert window(until="2023-03", during="2023") == (D(2023, 1, 1), D(2023, 3, 31))
    assert window(since="2020", during="2023") == (D(2023, 1, 1), D(2023, 12, 31))


def test_accepts_text_dates_and_fuzzy_dates() -> None:
    """Each filter takes EDTF text, a datetime.date, a pendulum.Date or a FuzzyDate."""
    expected = (D(2021, 3, 4), D(2021, 12, 31))
    assert window(since=D(2021, 3, 4), until=FuzzyDate.parse("2021")) == expected
    assert window(since=pendulum.Date(2021, 3, 4), until="2021") == expected


def test_returns_plain_dates() -> None:
    """The window holds plain datetime.date objects (for SQL), never pendulum's."""
    start, end = window(during="2021-11")
    assert type(start) is datetime.date
    assert type(end) is datetime.date


def test_open_ends_leave_the_window_open() -> None:
    """A filter with an open end adds no bound on that side."""
    assert window(since="../2020") == (None, None)
    assert window(during="2024-07/..") == (D(2024, 7, 1), None)


def test_window_ending_before_it_starts_names_both_filters() -> None:
    """since after until raises QueryError naming both filters and their days."""
    with pytest.raises(QueryError) as caught:
        window(since="2022", until="2021")
    message = str(caught.value)
    assert "since='2022'" in message
    assert "until='2021'" in message
    assert "2022-01-01" in message and "2021-12-31" in message


def test_bad_filter_value_names_the_filter() -> None:
    """A bad value raises InvalidDate whose message starts with the filter's name."""
    with pytest.raises(InvalidDate, match=r"^until: '2023-13': month 13 does not exist"):
        window(until="2023-13")
    with pytest.raises(InvalidDate, match=r"^during: 2023: expected EDTF text"):
        window(during=2023)  # type: ignore[arg-type]


def test_to_date_gives_a_plain_date() -> None:
    """to_date turns a pendulum.Date bound into a plain datetime.date; None stays None."""
    bound = FuzzyDate.parse("2021-11").latest
    assert bound is not None
    plain = to_date(bound)
    assert type(plain) is datetime.date
    assert plain == D(2021, 11, 30)
    assert to_date(None) is None


def test_to_date_refuses_datetimes() -> None:
    """to_date raises InvalidDate for a datetime rather than dropping its time."""
    with pytest.raises(InvalidDate, match="times of day are not supported"):
        to_date(datetime.datetime(2021, 1, 1, 8))
