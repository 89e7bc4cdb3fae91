"""Bad text raises InvalidDate whose message quotes the text and says what is wrong and where."""

from __future__ import annotations

import datetime

import pytest

from catimeline._dates import FuzzyDate
from catimeline._errors import CatimelineError, InvalidDate

MESSAGES = [
    ("2023-02-30", "'2023-02-30': February 2023 has 28 days"),
    ("2023-02-29", "'2023-02-29': February 2023 has 28 days"),
    ("2023-04-31", "'2023-04-31': April 2023 has 30 days"),
    ("2023-02-3X", "'2023-02-3X': February 2023 has 28 days"),
    ("2023-01-00", "'2023-01-00': day 00 does not exist"),
    ("2023-01-4X", "'2023-01-4X': day 4X does not exist"),
    (
        "2023-01-X1",
        "'2023-01-X1': day X1: only the last digit can be unspecified (0X..3X or XX)",
    ),
    ("2023-13", "'2023-13': month 13 does not exist (use 01-12, or 21-24 for seasons)"),
    ("2023-00", "'2023-00': month 00 does not exist (use 01-12, or 21-24 for seasons)"),
    ("2023-25", "'2023-25': month 25 does not exist (use 01-12, or 21-24 for seasons)"),
    ("2023-2X", "'2023-2X': month 2X does not exist (use 01-12, or 21-24 for seasons)"),
    ("2023-X1", "'2023-X1': month X1: only the last digit can be unspecified (0X, 1X or XX)"),
    ("2023-1X-05", "'2023-1X-05': a day cannot follow an unspecified month (1X); use XX"),
    ("2023-21-01", "'2023-21-01': a season (21) has no days; write 2023-21"),
    ("9999-24", "'9999-24': winter 9999 ends in year 10000, outside the supported range"),
    ("2024-05/2023", "'2024-05/2023': the interval ends before it starts"),
    ("2024-06-15/2024-06-10", "'2024-06-15/2024-06-10': the interval ends before it starts"),
    ("", "'': empty date"),
    ("   ", "'   ': empty date"),
    ("2023-1-5", "'2023-1-5': expected YYYY, YYYY-MM or YYYY-MM-DD"),
    ("202", "'202': expected YYYY, YYYY-MM or YYYY-MM-DD"),
    ("2023-", "'2023-': expected YYYY, YYYY-MM or YYYY-MM-DD"),
    ("2023-10-28-01", "'2023-10-28-01': expected YYYY, YYYY-MM or YYYY-MM-DD"),
    ("0000", "'0000': year 0000 is outside the supported range; years must be 0001-9999"),
    (
        "000X",
        "'000X': decade 000X includes year 0000, outside the supported range; "
        "years must be 0001-9999",
    ),
    (
        "00XX",
        "'00XX': century 00XX includes year 0000, outside the supported range; "
        "years must be 0001-9999",
    ),
    ("-0100", "'-0100': negative years are not supported; years must be 0001-9999"),
    ("Y17000", "'Y17000': extended years (Y...) are not supported; years must be 0001-9999"),
    ("12345", "'12345': year 12345 has more than four digits; years must be 0001-9999"),
    (
        "1XXX",
        "'1XXX': year 1XXX: a millennium is not supported; use 19XX (century) or 199X (decade)",
    ),
    (
        "1X9X",
        "'1X9X': year 1X9X: only the last digits can be unspecified (199X decade, 19XX century)",
    ),
    ("199X-05", "'199X-05': a month cannot follow an unspecified year; write 199X alone"),
    (
        "2023-10-28T10:00",
        "'2023-10-28T10:00': times of day are not supported; give the date only (YYYY-MM-DD)",
    ),
    (
        "2023-10-28 10:00",
        "'2023-10-28 10:00': times of day are not supported; give the date only (YYYY-MM-DD)",
    ),
    (
        "2023?~",
        "'2023?~': more than one qualifier at position 5; use '%' for approximate and uncertain",
    ),
    ("2023?-10", "'2023?-10': qualifier '?' at position 5 must come at the end of the date"),
    ("~", "'~': qualifier '~' at position 1 has no date before it"),
    ("2023-10-28!", "'2023-10-28!': unexpected character '!' at position 11"),
    (" 2023-10-28!", "' 2023-10-28!': unexpected character '!' at position 12"),
    ("2023 -10", "'2023 -10': unexpected space at position 5"),
    ("Tomorrow", "'Tomorrow': unexpected character 'T' at position 1"),
    (
        "2023.5",
        "'2023.5': unexpected '.' at position 5; an open end is written '..' as a whole end",
    ),
    ("..", "'..': '..' (an open end) is only allowed in an interval: ../2025 or 2025/.."),
    ("../..", "'../..': an interval needs at least one known end"),
    ("/", "'/': an interval needs at least one known end"),
    (
        "2023/10/28",
        "'2023/10/28': more than one '/'; an interval is START/END, and dates use '-' (YYYY-MM-DD)",
    ),
    (
        "2023/2024-13",
        "'2023/2024-13': interval end '2024-13': month 13 does not exist "
        "(use 01-12, or 21-24 for seasons)",
    ),
    (
        "2023-02-29/2024",
        "'2023-02-29/2024': interval start '2023-02-29': February 2023 has 28 days",
    ),
    ("2023/2024!", "'2023/2024!': interval end '2024!': unexpected character '!' at position 10"),
]


@pytest.mark.parametrize(("text", "message"), MESSAGES)
def test_message_says_what_and_where(text: str, message: str) -> None:
    """Each kind of bad text gets its own one-line message, quoting the text as given."""
    with pytest.raises(InvalidDate) as caught:
        FuzzyDate.parse(text)
    assert str(caught.value) == message


def test_invalid_date_is_a_value_error_and_a_catimeline_error() -> None:
    """InvalidDate can be caught as ValueError or as CatimelineError."""
    with pytest.raises(ValueError):
        FuzzyDate.parse("2023-13")
    with pytest.raises(CatimelineError):
        FuzzyDate.parse("2023-13")


@pytest.mark.parametrize(
    "value", [None, 2021, 2021.5, b"2021", ["2021"], datetime.date(2021, 1, 1)]
)
def test_non_text_raises_invalid_date_not_type_error(value: object) -> None:
    """parse refuses anything but str with InvalidDate (never TypeError), naming the type."""
    with pytest.raises(InvalidDate, match=type(value).__name__):
        FuzzyDate.parse(value)  # type: ignore[arg-type]


def test_long_text_is_shortened_in_the_message() -> None:
    """A pasted paragraph is cut in the message so it stays one short line."""
    with pytest.raises(InvalidDate) as caught:
        FuzzyDate.parse("x" * 500)
    assert len(str(caught.value)) < 150


@pytest.mark.parametrize("value", [2021, None, 3.5, object()])
def test_coerce_refuses_other_types(value: object) -> None:
    """coerce raises InvalidDate for anything not a FuzzyDate, str or date."""
    with pytest.raises(InvalidDate, match=r"expected EDTF text, a datetime\.date or a FuzzyDate"):
        FuzzyDate.coerce(value)  # type: ignore[arg-type]


def test_datetimes_are_refused_rather_than_truncated() -> None:
    """A datetime carries a time of day: from_date and coerce refuse it and suggest .date()."""
    moment = datetime.datetime(2021, 3, 4, 12, 30)
    with pytest.raises(InvalidDate, match=r"pass value\.date\(\)"):
        FuzzyDate.from_date(moment)
    with pytest.raises(InvalidDate, match="times of day are not supported"):
        FuzzyDate.coerce(moment)


def test_from_date_refuses_non_dates() -> None:
    """from_date takes a date only."""
    with pytest.raises(InvalidDate, match=r"takes a datetime\.date, got str"):
        FuzzyDate.from_date("2021-01-01")  # type: ignore[arg-type]
