"""Every supported EDTF feature parses, keeps its canonical text and has the right bounds."""

from __future__ import annotations

import datetime
import pickle

import attrs
import pendulum
import pytest

from catimeline._dates import FuzzyDate, Precision

D = datetime.date

# text, earliest, latest, precision
STATED = [
    ("2023", D(2023, 1, 1), D(2023, 12, 31), Precision.YEAR),
    ("2021-11", D(2021, 11, 1), D(2021, 11, 30), Precision.MONTH),
    ("2023-10-28", D(2023, 10, 28), D(2023, 10, 28), Precision.DAY),
    ("0001", D(1, 1, 1), D(1, 12, 31), Precision.YEAR),
    ("9999-12-31", D(9999, 12, 31), D(9999, 12, 31), Precision.DAY),
    ("2024-02-29", D(2024, 2, 29), D(2024, 2, 29), Precision.DAY),
    ("2024-02", D(2024, 2, 1), D(2024, 2, 29), Precision.MONTH),
    ("2023-02", D(2023, 2, 1), D(2023, 2, 28), Precision.MONTH),
    ("199X", D(1990, 1, 1), D(1999, 12, 31), Precision.DECADE),
    ("19XX", D(1900, 1, 1), D(1999, 12, 31), Precision.CENTURY),
    ("2019-XX", D(2019, 1, 1), D(2019, 12, 31), Precision.YEAR),
    ("2019-0X", D(2019, 1, 1), D(2019, 9, 30), Precision.YEAR),
    ("2019-1X", D(2019, 10, 1), D(2019, 12, 31), Precision.YEAR),
    ("2019-10-XX", D(2019, 10, 1), D(2019, 10, 31), Precision.MONTH),
    ("2019-10-0X", D(2019, 10, 1), D(2019, 10, 9), Precision.MONTH),
    ("2019-10-1X", D(2019, 10, 10), D(2019, 10, 19), Precision.MONTH),
    ("2019-10-3X", D(2019, 10, 30), D(2019, 10, 31), Precision.MONTH),
    ("2019-04-3X", D(2019, 4, 30), D(2019, 4, 30), Precision.MONTH),
    ("2023-02-2X", D(2023, 2, 20), D(2023, 2, 28), Precision.MONTH),
    ("2019-XX-XX", D(2019, 1, 1), D(2019, 12, 31), Precision.YEAR),
    ("2019-1X-XX", D(2019, 10, 1), D(2019, 12, 31), Precision.YEAR),
    ("2020-21", D(2020, 3, 1), D(2020, 5, 31), Precision.SEASON),
    ("2020-22", D(2020, 6, 1), D(2020, 8, 31), Precision.SEASON),
    ("2020-23", D(2020, 9, 1), D(2020, 11, 30), Precision.SEASON),
    ("2020-24", D(2020, 12, 1), D(2021, 2, 28), Precision.SEASON),
    ("2023-24", D(2023, 12, 1), D(2024, 2, 29), Precision.SEASON),
    ("2023-08/2026-12", D(2023, 8, 1), D(2026, 12, 31), Precision.MONTH),
    ("2023-08-15/2026", D(2023, 8, 15), D(2026, 12, 31), Precision.YEAR),
    ("2024/2024", D(2024, 1, 1), D(2024, 12, 31), Precision.YEAR),
    ("2024-06-15/2024-06", D(2024, 6, 15), D(2024, 6, 30), Precision.MONTH),
    ("199X/2005-03-01", D(1990, 1, 1), D(2005, 3, 1), Precision.DECADE),
    ("2020-24/2021-22", D(2020, 12, 1), D(2021, 8, 31), Precision.SEASON),
    ("../2025-02-17", None, D(2025, 2, 17), Precision.DAY),
    ("2024-07/..", D(2024, 7, 1), None, Precision.MONTH),
    ("/2025-02-17", None, D(2025, 2, 17), Precision.DAY),
    ("2024-07/", D(2024, 7, 1), None, Precision.MONTH),
]


@pytest.mark.parametrize(("text", "earliest", "latest", "precision"), STATED)
def test_stated_bounds_and_precision(
    text: str, earliest: D | None, latest: D | None, precision: Precision
) -> None:
    """Each feature parses to its inclusive stated bounds and precision, and prints back as is."""
    date = FuzzyDate.parse(text)
    assert str(date) == text
    assert date.text == text
    assert date.earliest == earliest
    assert date.latest == latest
    assert date.precision is precision


@pytest.mark.parametrize("text", ["2023", "2023-08/2026-12", "../2025", "2020-24"])
def test_bounds_are_pendulum_dates(text: str) -> None:
    """The public bounds are pendulum.Date objects (or None for an open end)."""
    date = FuzzyDate.parse(text)
    for bound in (date.earliest, date.latest, date.possible_earliest, date.possible_latest):
        assert bound is None or isinstance(bound, pendulum.Date)


# text, approximate, uncertain, possible earliest, possible latest
QUALIFIED = [
    ("2023-10-28", False, False, D(2023, 10, 28), D(2023, 10, 28)),
    ("2023-10-28~", True, False, D(2023, 10, 27), D(2023, 10, 29)),
    ("2023-10-28?", False, True, D(2023, 10, 27), D(2023, 10, 29)),
    ("2023-10-28%", True, True, D(2023, 10, 26), D(2023, 10, 30)),
    ("2021-11~", True, False, D(2021, 10, 1), D(2021, 12, 31)),
    ("2021-11%", True, True, D(2021, 9, 1), D(2022, 1, 31)),
    ("2023-01?", False, True, D(2022, 12, 1), D(2023, 2, 28)),
    ("2020-22~", True, False, D(2020, 3, 1), D(2020, 11, 30)),
    ("2020-24?", False, True, D(2020, 9, 1), D(2021, 5, 31)),
    ("2019~", True, False, D(2018, 1, 1), D(2020, 12, 31)),
    ("2019%", True, True, D(2017, 1, 1), D(2021, 12, 31)),
    ("199X?", False, True, D(1980, 1, 1), D(2009, 12, 31)),
    ("19XX~", True, False, D(1800, 1, 1), D(2099, 12, 31)),
    ("2019-1X~", True, False, D(2018, 10, 1), D(2020, 12, 31)),
    ("2019-10-1X?", False, True, D(2019, 9, 10), D(2019, 11, 19)),
    ("2004-06~/2004-08", True, False, D(2004, 5, 1), D(2004, 8, 31)),
    ("2004-06/2004-08?", False, True, D(2004, 6, 1), D(2004, 9, 30)),
    ("2004~/2006-03-01%", True, True, D(2003, 1, 1), D(2006, 3, 3)),
    ("../2025-02-17~", True, False, None, D(2025, 2, 18)),
    ("2024-07?/..", False, True, D(2024, 6, 1), None),
    ("9999~", True, False, D(9998, 1, 1), D(9999, 12, 31)),
    ("0001-01-01%", True, True, D(1, 1, 1), D(1, 1, 3)),
]


@pytest.mark.parametrize(
    ("text", "approximate", "uncertain", "possible_earliest", "possible_latest"),
    QUALIFIED,
)
def test_qualifiers_and_possible_span(
    text: str,
    approximate: bool,
    uncertain: bool,
    possible_earliest: D | None,
    possible_latest: D | None,
) -> None:
    """'~' and '?' widen the possible span one unit each side, '%' two; clamped to 0001-9999."""
    date = FuzzyDate.parse(text)
    assert str(date) == text
    assert date.approximate is approximate
    assert date.uncertain is uncertain
    assert date.possible_earliest == possible_earliest
    assert date.possible_latest == possible_latest


def test_qualifiers_leave_stated_bounds_alone() -> None:
    """A qualifier changes the possible span only: the stated bounds stay those of the date."""
    plain, fuzzy = FuzzyDate.parse("2021-11"), FuzzyDate.parse("2021-11%")
    assert (plain.earliest, plain.latest) == (fuzzy.earliest, fuzzy.latest)
    assert fuzzy.precision is Precision.MONTH


def test_interval_flags_come_from_either_end() -> None:
    """An interval is approximate/uncertain when either end is, and says it is an interval."""
    date = FuzzyDate.parse("2004-06~/2004-08?")
    assert date.is_interval
    assert date.approximate
    assert date.uncertain
    assert not FuzzyDate.parse("2004-06").is_interval


def test_interval_precision_is_the_coarser_end_and_ignores_open_ends() -> None:
    """Interval precision is the coarser of its ends; an open end counts as nothing."""
    assert FuzzyDate.parse("2020-01-05/2021").precision is Precision.YEAR
    assert FuzzyDate.parse("2020-21/2020-10").precision is Precision.SEASON
    assert FuzzyDate.parse("../2020-01-05").precision is Precision.DAY


def test_open_and_unknown_ends_stay_distinct() -> None:
    """'..' (open) and '' (unknown) both give a None bound but are different dates."""
    open_end, unknown_end = FuzzyDate.parse("2024-07/.."), FuzzyDate.parse("2024-07/")
    assert open_end.latest is None and unknown_end.latest is None
    assert open_end != unknown_end
    assert str(open_end) == "2024-07/.."
    assert str(unknown_end) == "2024-07/"


@pytest.mark.parametrize(
    ("given", "canonical"),
    [
        (" 2023 ", "2023"),
        ("\t2021-11\n", "2021-11"),
        ("199x", "199X"),
        ("19xx~", "19XX~"),
        ("2019-1x-xX", "2019-1X-XX"),
        (" 2019-xx/2020-0x ", "2019-XX/2020-0X"),
    ],
)
def test_whitespace_and_lower_case_x_are_normalised(given: str, canonical: str) -> None:
    """Surrounding whitespace is dropped and a lower-case 'x' becomes 'X' in the canonical text."""
    date = FuzzyDate.parse(given)
    assert str(date) == canonical
    assert date == FuzzyDate.parse(canonical)


def test_constructor_is_parse_and_repr_evaluates_back() -> None:
    """FuzzyDate(text) is FuzzyDate.parse(text); repr is FuzzyDate('...') and evaluates back."""
    date = FuzzyDate.parse("2021-11")
    assert repr(date) == "FuzzyDate('2021-11')"
    assert eval(repr(date), {"FuzzyDate": FuzzyDate}) == date
    assert FuzzyDate("2021-11") == date


def test_from_date_is_day_precision() -> None:
    """from_date gives the day-precision date of a datetime.date or pendulum.Date."""
    for value in (D(2023, 10, 28), pendulum.Date(2023, 10, 28)):
        date = FuzzyDate.from_date(value)
        assert str(date) == "2023-10-28"
        assert date.precision is Precision.DAY
        assert date.earliest == date.latest == D(2023, 10, 28)


def test_coerce_accepts_fuzzy_dates_text_and_dates() -> None:
    """coerce returns a FuzzyDate as is, parses text and converts dates."""
    fuzzy = FuzzyDate.parse("2021")
    assert FuzzyDate.coerce(fuzzy) is fuzzy
    assert FuzzyDate.coerce("2021") == fuzzy
    assert FuzzyDate.coerce(D(2021, 3, 4)) == FuzzyDate.parse("2021-03-04")


def test_equality_and_hash_follow_the_canonical_text() -> None:
    """Equal canonical texts mean equal, same-hash dates; equal bounds alone do not."""
    assert FuzzyDate.parse("199x") == FuzzyDate.parse("199X")
    assert hash(FuzzyDate.parse("199x")) == hash(FuzzyDate.parse("199X"))
    assert FuzzyDate.parse("2019-XX") != FuzzyDate.parse("2019")
    assert len({FuzzyDate.parse("2019"), FuzzyDate.parse(" 2019 ")}) == 1
    assert FuzzyDate.parse("2019") != "2019"


def test_instances_are_immutable() -> None:
    """A FuzzyDate cannot be changed after it is made."""
    date = FuzzyDate.parse("2021")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        date.text = "2022"  # type: ignore[misc]


def test_pickle_round_trip() -> None:
    """A FuzzyDate survives pickling with all its bounds."""
    date = FuzzyDate.parse("2004-06~/2004-08")
    copy = pickle.loads(pickle.dumps(date))
    assert copy == date
    assert copy.possible_earliest == date.possible_earliest


def test_sorting_puts_open_starts_first_and_open_ends_last() -> None:
    """Sorting is by earliest, then latest, then text; open start first, open end last."""
    texts = ["2020/..", "2020", "2020-01", "../2020", "2020-01-01", "2019-24", "2020/"]
    ordered = [str(d) for d in sorted(FuzzyDate.parse(t) for t in texts)]
    assert ordered == ["../2020", "2019-24", "2020-01-01", "2020-01", "2020", "2020/", "2020/.."]
