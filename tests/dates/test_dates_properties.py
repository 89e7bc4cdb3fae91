"""Properties of FuzzyDate over generated EDTF: round trip, bounds, spans, ordering, robustness."""

from __future__ import annotations

import calendar
import datetime
import itertools
from random import Random

from hypothesis import given, settings
from hypothesis import strategies as st

from catimeline._dates import FuzzyDate
from catimeline._errors import InvalidDate

EXAMPLES = settings(max_examples=250, deadline=None)

QUALIFIERS = st.sampled_from(["", "?", "~", "%"])
YEARS = st.integers(min_value=1, max_value=9999)
MONTHS = st.integers(min_value=1, max_value=12)


def _days(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


_YEAR = YEARS.map("{:04d}".format)
_DECADE = st.integers(min_value=1, max_value=999).map("{:03d}X".format)
_CENTURY = st.integers(min_value=1, max_value=99).map("{:02d}XX".format)
_MONTH = st.tuples(YEARS, MONTHS).map(lambda ym: f"{ym[0]:04d}-{ym[1]:02d}")
_DAY = st.tuples(YEARS, MONTHS, st.integers(min_value=1, max_value=31)).map(
    # Fold the day into the month's length so every draw is a real day.
    lambda ymd: f"{ymd[0]:04d}-{ymd[1]:02d}-{(ymd[2] - 1) % _days(ymd[0], ymd[1]) + 1:02d}"
)
_UNSPECIFIED_MONTH = st.tuples(
    _YEAR, st.sampled_from(["XX", "0X", "1X"]), st.sampled_from(["", "-XX"])
).map(lambda parts: f"{parts[0]}-{parts[1]}{parts[2]}")
_UNSPECIFIED_DAY = st.tuples(YEARS, MONTHS, st.sampled_from("X0123")).map(
    # '3X' needs a month of 30 days or more; February falls back to '2X'.
    lambda ymt: f"{ymt[0]:04d}-{ymt[1]:02d}-{'2' if ymt[2] == '3' and ymt[1] == 2 else ymt[2]}X"
)
_SEASON = st.tuples(
    st.integers(min_value=1, max_value=9999), st.sampled_from([21, 22, 23, 24])
).map(
    # Winter runs into the next year, which must exist too.
    lambda ys: f"{min(ys[0], 9998) if ys[1] == 24 else ys[0]:04d}-{ys[1]}"
)

SINGLE = st.tuples(
    st.one_of(
        _YEAR, _DECADE, _CENTURY, _MONTH, _DAY, _UNSPECIFIED_MONTH, _UNSPECIFIED_DAY, _SEASON
    ),
    QUALIFIERS,
).map("".join)
"""Canonical EDTF for one (non-interval) date of any supported kind, maybe qualified."""

_MISSING = ("..", "")


def _interval(ends: tuple[str, str, str]) -> str:
    start, end, fallback = ends
    if start in _MISSING and end in _MISSING:
        end = fallback
    if start not in _MISSING and end not in _MISSING:
        # Swapping always fixes the order: if end is wholly before start, start is after end.
        start_date, end_date = FuzzyDate.parse(start), FuzzyDate.parse(end)
        assert start_date.earliest is not None and end_date.latest is not None
        if end_date.latest < start_date.earliest:
            start, end = end, start
    return f"{start}/{end}"


_END = st.one_of(SINGLE, st.sampled_from(_MISSING))
INTERVAL = st.tuples(_END, _END, SINGLE).map(_interval)
"""Canonical EDTF intervals; ends may be dates, open ('..') or unknown ('')."""

EDTF = st.one_of(SINGLE, INTERVAL)


@st.composite
def mutated(draw: st.DrawFn) -> str:
    """A valid text with a few characters inserted, deleted or replaced."""
    text = draw(EDTF)
    alphabet = st.one_of(st.sampled_from(list("0123456789Xx-/?~%. T:")), st.characters())
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        at = draw(st.integers(min_value=0, max_value=len(text)))
        action = draw(st.sampled_from(["insert", "delete", "replace"]))
        char = draw(alphabet)
        if action == "insert":
            text = text[:at] + char + text[at:]
        elif action == "delete":
            text = text[:at] + text[at + 1 :]
        else:
            text = text[:at] + char + text[at + 1 :]
    return text


@EXAMPLES
@given(EDTF)
def test_round_trip(text: str) -> None:
    """Every canonical text prints back unchanged, and re-parsing gives an equal date."""
    date = FuzzyDate.parse(text)
    assert str(date) == text
    assert FuzzyDate.parse(str(date)) == date
    assert FuzzyDate.coerce(date) is date


@EXAMPLES
@given(EDTF)
def test_earliest_not_after_latest(text: str) -> None:
    """When both stated bounds are set, earliest <= latest."""
    date = FuzzyDate.parse(text)
    if date.earliest is not None and date.latest is not None:
        assert date.earliest <= date.latest


@EXAMPLES
@given(EDTF)
def test_possible_span_contains_stated_span(text: str) -> None:
    """The possible span holds the stated span, is open where it is, and equals it unqualified."""
    date = FuzzyDate.parse(text)
    assert (date.possible_earliest is None) == (date.earliest is None)
    assert (date.possible_latest is None) == (date.latest is None)
    if date.earliest is not None:
        assert date.possible_earliest is not None
        assert date.possible_earliest <= date.earliest
    if date.latest is not None:
        assert date.possible_latest is not None
        assert date.possible_latest >= date.latest
    if not (date.approximate or date.uncertain):
        assert (date.possible_earliest, date.possible_latest) == (date.earliest, date.latest)


@EXAMPLES
@given(EDTF)
def test_stated_bounds_are_contained(text: str) -> None:
    """Both stated bounds are 'in' the date, and the days just outside are not."""
    date = FuzzyDate.parse(text)
    if date.earliest is not None:
        assert date.earliest in date
        if date.earliest > datetime.date.min:
            assert date.earliest.subtract(days=1) not in date
    if date.latest is not None:
        assert date.latest in date
        if date.latest < datetime.date.max:
            assert date.latest.add(days=1) not in date


@EXAMPLES
@given(EDTF, st.one_of(st.none(), st.dates()), st.one_of(st.none(), st.dates()))
def test_match_modes_nest(
    text: str, start: datetime.date | None, end: datetime.date | None
) -> None:
    """within implies overlaps, and overlaps implies possibly_overlaps, for any window."""
    date = FuzzyDate.parse(text)
    if date.within(start, end) and (start is None or end is None or start <= end):
        assert date.overlaps(start, end)
    if date.overlaps(start, end):
        assert date.possibly_overlaps(start, end)


@EXAMPLES
@given(st.dates())
def test_from_date_round_trip(day: datetime.date) -> None:
    """Any date becomes a day-precision FuzzyDate whose bounds are that day."""
    date = FuzzyDate.from_date(day)
    assert date == FuzzyDate.parse(day.isoformat())
    assert date.earliest == date.latest == day


@EXAMPLES
@given(EDTF, EDTF)
def test_ordering_is_total_and_consistent_with_equality(a_text: str, b_text: str) -> None:
    """Exactly one of a < b, a == b, a > b holds; <=, >= and hash agree with them."""
    a, b = FuzzyDate.parse(a_text), FuzzyDate.parse(b_text)
    assert [a < b, a == b, a > b].count(True) == 1
    assert (a <= b) == (a < b or a == b)
    assert (a >= b) == (a > b or a == b)
    if a <= b and b <= a:
        assert a == b
        assert hash(a) == hash(b)


@EXAMPLES
@given(EDTF, EDTF, EDTF)
def test_ordering_is_transitive(a_text: str, b_text: str, c_text: str) -> None:
    """a <= b and b <= c imply a <= c."""
    a, b, c = sorted(FuzzyDate.parse(t) for t in (a_text, b_text, c_text))
    assert a <= b <= c
    assert a <= c


@EXAMPLES
@given(st.lists(EDTF, max_size=8), st.randoms())
def test_sorting_is_deterministic(texts: list[str], random: Random) -> None:
    """sorted() gives the same order whatever the input order, by (earliest, latest, text)."""
    dates = [FuzzyDate.parse(t) for t in texts]
    shuffled = list(dates)
    random.shuffle(shuffled)
    ordered = sorted(dates)
    assert sorted(shuffled) == ordered
    assert all(x <= y for x, y in itertools.pairwise(ordered))


def _parses_or_invalid(text: str) -> None:
    try:
        date = FuzzyDate.parse(text)
    except InvalidDate as error:
        assert str(error)
    else:
        assert FuzzyDate.parse(str(date)) == date


@EXAMPLES
@given(st.text())
def test_arbitrary_text_parses_or_raises_invalid_date(text: str) -> None:
    """Any text either parses (and round trips) or raises InvalidDate; nothing else escapes."""
    _parses_or_invalid(text)


@EXAMPLES
@given(st.text(alphabet="0123456789Xx-/?~%. T:", max_size=24))
def test_date_like_text_parses_or_raises_invalid_date(text: str) -> None:
    """Text made of date characters either parses or raises InvalidDate."""
    _parses_or_invalid(text)


@EXAMPLES
@given(mutated())
def test_mutated_dates_parse_or_raise_invalid_date(text: str) -> None:
    """Valid dates with a few characters changed either parse or raise InvalidDate."""
    _parses_or_invalid(text)
