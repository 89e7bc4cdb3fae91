"""EDTF text read into its parts: the precision, the calendar arithmetic and the parser.

A small hand-written parser of the EDTF subset catimeline supports (ISO 8601-2, levels
0 and 1), so that every error message says exactly what is wrong and where.  It works
in plain :class:`datetime.date` values; :mod:`catimeline._dates` builds the public
:class:`~catimeline.FuzzyDate` (with pendulum bounds) on top of :func:`parse`.

Input rules: surrounding whitespace is ignored and a lower-case ``x`` is read as
``X``; the canonical text uses upper-case ``X`` and no whitespace.
"""

from __future__ import annotations

import calendar
import datetime
import enum
import re
from typing import NamedTuple, NoReturn

from catimeline._errors import InvalidDate

__all__ = ["RANK", "End", "Parsed", "Precision", "parse"]


class Precision(enum.StrEnum):
    """How finely a date is known: the finest unit that is fully stated.

    A ``str`` enum (``Precision.DAY == "day"``), so it stores and prints as its value.

    ``2021-11-05`` is DAY, ``2021-11`` MONTH, ``2021-21`` SEASON, ``2021`` YEAR,
    ``202X`` DECADE and ``20XX`` CENTURY.  Unspecified digits make a date as
    coarse as the unit they leave unknown: ``2021-XX`` and ``2021-1X`` are YEAR,
    ``2021-11-XX`` and ``2021-11-1X`` are MONTH.
    """

    DAY = "day"
    MONTH = "month"
    SEASON = "season"
    YEAR = "year"
    DECADE = "decade"
    CENTURY = "century"


# Finest first: an interval takes the coarsest (highest rank) of its two ends.
RANK = {p: i for i, p in enumerate(Precision)}
# Size of one unit in months, for widening the possible span (DAY is counted in days).
_UNIT_MONTHS = {
    Precision.MONTH: 1,
    Precision.SEASON: 3,
    Precision.YEAR: 12,
    Precision.DECADE: 120,
    Precision.CENTURY: 1200,
}
# Meteorological seasons, northern hemisphere: (first month, last month, year offset of the end).
_SEASONS = {21: (3, 5, 0), 22: (6, 8, 0), 23: (9, 11, 0), 24: (12, 2, 1)}
_SEASON_NAMES = {21: "spring", 22: "summer", 23: "autumn", 24: "winter"}
# Fixed English names: calendar.month_name follows the process locale.
_MONTH_NAMES = (
    "",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_MIN = datetime.date(1, 1, 1)
_MAX = datetime.date(9999, 12, 31)
_DIGITS = frozenset("0123456789")
_QUALIFIERS = "?~%"
_SHAPE = "expected YYYY, YYYY-MM or YYYY-MM-DD"
_RANGE = "years must be 0001-9999"
_MONTHS_HINT = "(use 01-12, or 21-24 for seasons)"
_OPEN = ".."
# A 'T' right after a digit, or any ':', is an ISO time of day (2023-10-28T10:00).
_TIME = re.compile(r"[0-9]T|:")
_QUOTE_LIMIT = 60


class _Problem(Exception):
    """What is wrong with one end; :func:`parse` adds the text and the end's role."""


class End(NamedTuple):
    """One parsed date (a whole date, or one end of an interval), bounds as plain dates."""

    earliest: datetime.date
    latest: datetime.date
    precision: Precision
    approximate: bool
    uncertain: bool

    def possible(self) -> tuple[datetime.date, datetime.date]:
        """The stated span widened by one unit per qualifier (two for '%')."""
        units = int(self.approximate) + int(self.uncertain)
        if units == 0:
            return self.earliest, self.latest
        if self.precision is Precision.DAY:
            return _add_days(self.earliest, -units), _add_days(self.latest, units)
        months = _UNIT_MONTHS[self.precision] * units
        return _start_minus_months(self.earliest, months), _end_plus_months(self.latest, months)


class Parsed(NamedTuple):
    """A whole parsed text: canonical form and ends (None: open/unknown; a single date is both)."""

    text: str
    start: End | None
    end: End | None
    is_interval: bool


# ---------------------------------------------------------------- calendar arithmetic
# Plain integer arithmetic with explicit clamping to 0001-01-01..9999-12-31: a
# possible span of '9999~' must stop at the last representable day, not overflow.


def _days_in(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _add_days(day: datetime.date, days: int) -> datetime.date:
    ordinal = min(max(day.toordinal() + days, _MIN.toordinal()), _MAX.toordinal())
    return datetime.date.fromordinal(ordinal)


def _month_index(day: datetime.date, months: int) -> tuple[int, int]:
    year, month0 = divmod(day.year * 12 + day.month - 1 + months, 12)
    return year, month0 + 1


def _start_minus_months(day: datetime.date, months: int) -> datetime.date:
    year, month = _month_index(day, -months)
    if year < _MIN.year:
        return _MIN
    return datetime.date(year, month, min(day.day, _days_in(year, month)))


def _end_plus_months(day: datetime.date, months: int) -> datetime.date:
    # Shift the exclusive end (the day after) so that a month's last day stays a
    # month's last day: 2021-11-30 plus one month is 2021-12-31, not 2021-12-30.
    if day == _MAX:
        return _MAX
    after = day + datetime.timedelta(days=1)
    year, month = _month_index(after, months)
    if year > _MAX.year:
        return _MAX
    shifted = datetime.date(year, month, min(after.day, _days_in(year, month)))
    return shifted - datetime.timedelta(days=1)


# ---------------------------------------------------------------- parsing one date


def _split_qualifier(text: str, offset: int) -> tuple[str, bool, bool]:
    """Split a trailing '?', '~' or '%' from the date; reject any other placement."""
    first = next((i for i, ch in enumerate(text) if ch in _QUALIFIERS), None)
    if first is None:
        return text, False, False
    where = f"at position {offset + first + 1}"
    if first != len(text) - 1:
        if all(ch in _QUALIFIERS for ch in text[first:]):
            raise _Problem(
                f"more than one qualifier {where}; use '%' for approximate and uncertain"
            )
        raise _Problem(f"qualifier {text[first]!r} {where} must come at the end of the date")
    if first == 0:
        raise _Problem(f"qualifier {text[first]!r} {where} has no date before it")
    mark = text[first]
    return text[:first], mark in "~%", mark in "?%"


def _check_characters(body: str, offset: int) -> None:
    """Name the first character that can never appear in a date, with its position."""
    if body.startswith("-"):
        raise _Problem(f"negative years are not supported; {_RANGE}")
    for i, ch in enumerate(body):
        if ch in _DIGITS or ch in "X-":
            continue
        where = f"at position {offset + i + 1}"
        if ch in "Yy" and i == 0:
            raise _Problem(f"extended years (Y...) are not supported; {_RANGE}")
        if ch == ".":
            raise _Problem(f"unexpected '.' {where}; an open end is written '..' as a whole end")
        if ch.isspace():
            raise _Problem(f"unexpected space {where}")
        raise _Problem(f"unexpected character {ch!r} {where}")


def _split_parts(body: str) -> tuple[str, str | None, str | None]:
    """Cut 'YYYY[-MM[-DD]]' into its parts, checking only their lengths."""
    parts = body.split("-")
    year = parts[0]
    if len(year) > 4 and set(year) <= _DIGITS:
        raise _Problem(f"year {year} has more than four digits; {_RANGE}")
    if len(parts) > 3 or len(year) != 4 or any(len(part) != 2 for part in parts[1:]):
        raise _Problem(_SHAPE)
    month = parts[1] if len(parts) > 1 else None
    day = parts[2] if len(parts) > 2 else None
    return year, month, day


def _year_span(year: str) -> tuple[int, int, Precision]:
    """First and last year named by 'YYYY', 'YYYX' (decade) or 'YYXX' (century)."""
    known = year.rstrip("X")
    if "X" in known:
        raise _Problem(
            f"year {year}: only the last digits can be unspecified (199X decade, 19XX century)"
        )
    unknown = len(year) - len(known)
    if unknown > 2:
        raise _Problem(
            f"year {year}: a millennium is not supported; use 19XX (century) or 199X (decade)"
        )
    first = int(known) * 10**unknown
    last = first + 10**unknown - 1
    if first < _MIN.year:
        if unknown == 0:
            raise _Problem(f"year 0000 is outside the supported range; {_RANGE}")
        span = ("", "decade", "century")[unknown]
        raise _Problem(f"{span} {year} includes year 0000, outside the supported range; {_RANGE}")
    precision = (Precision.YEAR, Precision.DECADE, Precision.CENTURY)[unknown]
    return first, last, precision


def _month_span(month: str) -> tuple[int, int, bool]:
    """First and last month named by 'MM', '0X', '1X' or 'XX'; True when any digit is X."""
    if month == "XX":
        return 1, 12, True
    if month[0] == "X":
        raise _Problem(f"month {month}: only the last digit can be unspecified (0X, 1X or XX)")
    if month[1] == "X":
        if month[0] == "0":
            return 1, 9, True
        if month[0] == "1":
            return 10, 12, True
        raise _Problem(f"month {month} does not exist {_MONTHS_HINT}")
    number = int(month)
    if 1 <= number <= 12 or number in _SEASONS:
        return number, number, False
    raise _Problem(f"month {month} does not exist {_MONTHS_HINT}")


def _day_span(day: str, year: int, month: int) -> tuple[int, int, bool]:
    """First and last day of the month named by 'DD', 'dX' or 'XX'; True when any digit is X."""
    length = _days_in(year, month)
    too_long = f"{_MONTH_NAMES[month]} {year} has {length} days"
    if day == "XX":
        return 1, length, True
    if day[0] == "X":
        raise _Problem(f"day {day}: only the last digit can be unspecified (0X..3X or XX)")
    if day[1] == "X":
        tens = int(day[0]) * 10
        if tens > 30:
            raise _Problem(f"day {day} does not exist")
        if tens > length:
            raise _Problem(too_long)
        return max(tens, 1), min(tens + 9, length), True
    number = int(day)
    if number == 0:
        raise _Problem("day 00 does not exist")
    if number > length:
        raise _Problem(too_long)
    return number, number, False


def _season_end(year: int, season: int, qualifiers: tuple[bool, bool]) -> End:
    first_month, last_month, year_offset = _SEASONS[season]
    end_year = year + year_offset
    if end_year > _MAX.year:
        raise _Problem(
            f"{_SEASON_NAMES[season]} {year} ends in year {end_year}, outside the supported range"
        )
    earliest = datetime.date(year, first_month, 1)
    latest = datetime.date(end_year, last_month, _days_in(end_year, last_month))
    return End(earliest, latest, Precision.SEASON, *qualifiers)


def _parse_end(text: str, offset: int) -> End:
    """Parse one non-interval date; ``offset`` places it inside the whole text for messages."""
    if _TIME.search(text):
        raise _Problem("times of day are not supported; give the date only (YYYY-MM-DD)")
    body, approximate, uncertain = _split_qualifier(text, offset)
    qualifiers = (approximate, uncertain)
    _check_characters(body, offset)
    year_text, month_text, day_text = _split_parts(body)
    first_year, last_year, year_precision = _year_span(year_text)
    if month_text is None:
        return End(
            datetime.date(first_year, 1, 1),
            datetime.date(last_year, 12, 31),
            year_precision,
            *qualifiers,
        )
    if year_precision is not Precision.YEAR:
        raise _Problem(f"a month cannot follow an unspecified year; write {year_text} alone")
    year = first_year
    first_month, last_month, month_unknown = _month_span(month_text)
    if first_month in _SEASONS:
        if day_text is not None:
            raise _Problem(f"a season ({month_text}) has no days; write {year_text}-{month_text}")
        return _season_end(year, first_month, qualifiers)
    if day_text is None:
        precision = Precision.YEAR if month_unknown else Precision.MONTH
        last_day = _days_in(year, last_month)
        return End(
            datetime.date(year, first_month, 1),
            datetime.date(year, last_month, last_day),
            precision,
            *qualifiers,
        )
    if month_unknown:
        if day_text != "XX":
            raise _Problem(f"a day cannot follow an unspecified month ({month_text}); use XX")
        last_day = _days_in(year, last_month)
        return End(
            datetime.date(year, first_month, 1),
            datetime.date(year, last_month, last_day),
            Precision.YEAR,
            *qualifiers,
        )
    first_day, last_day, day_unknown = _day_span(day_text, year, first_month)
    return End(
        datetime.date(year, first_month, first_day),
        datetime.date(year, first_month, last_day),
        Precision.MONTH if day_unknown else Precision.DAY,
        *qualifiers,
    )


# ---------------------------------------------------------------- parsing a whole text


def _quote(raw: str) -> str:
    # Keep messages one short line even for a pasted paragraph.
    if len(raw) > _QUOTE_LIMIT:
        return repr(raw[:_QUOTE_LIMIT]) + "..."
    return repr(raw)


def _fail(raw: str, problem: str) -> NoReturn:
    raise InvalidDate(f"{_quote(raw)}: {problem}")


def _parse_interval_end(raw: str, part: str, offset: int, role: str) -> End | None:
    if part in ("", _OPEN):
        return None
    try:
        return _parse_end(part, offset)
    except _Problem as problem:
        _fail(raw, f"interval {role} {part!r}: {problem}")


def parse(raw: object) -> Parsed:
    """Parse EDTF text into its canonical form and its ends, or raise InvalidDate."""
    if not isinstance(raw, str):
        raise InvalidDate(f"{raw!r}: expected EDTF text (a str), got {type(raw).__name__}")
    # Positions in messages count from 1 in the text as given, leading spaces included.
    offset = len(raw) - len(raw.lstrip())
    text = raw.strip().replace("x", "X")
    if not text:
        _fail(raw, "empty date")
    if "/" not in text:
        if text == _OPEN:
            _fail(raw, "'..' (an open end) is only allowed in an interval: ../2025 or 2025/..")
        try:
            single = _parse_end(text, offset)
        except _Problem as problem:
            _fail(raw, str(problem))
        return Parsed(text, single, single, False)
    if text.count("/") > 1:
        _fail(raw, "more than one '/'; an interval is START/END, and dates use '-' (YYYY-MM-DD)")
    start_text, end_text = text.split("/")
    start = _parse_interval_end(raw, start_text, offset, "start")
    end = _parse_interval_end(raw, end_text, offset + len(start_text) + 1, "end")
    if start is None and end is None:
        _fail(raw, "an interval needs at least one known end")
    if start is not None and end is not None and end.latest < start.earliest:
        _fail(raw, "the interval ends before it starts")
    return Parsed(text, start, end, True)
