"""Fuzzy dates: partial, approximate, uncertain and interval dates written in EDTF.

:class:`FuzzyDate` reads and writes a subset of EDTF (ISO 8601-2, levels 0 and 1);
the text is read by :mod:`catimeline._edtf`, so that every error message says exactly
what is wrong and where, and only the features catimeline needs are accepted.

This is the only module of catimeline that imports pendulum: the public bounds
(``earliest``, ``latest`` and the possible span) are ``pendulum.Date`` objects,
and everything handed to storage or SQL is a plain :class:`datetime.date`
(see :func:`to_date`).

The canonical text (``str(d)``) uses upper-case ``X`` and no whitespace.
"""

from __future__ import annotations

import datetime
import functools
from typing import Any, overload

import attrs
import pendulum

from catimeline._edtf import RANK, Precision, parse
from catimeline._errors import InvalidDate

__all__ = ["FuzzyDate", "Precision", "to_date"]


def _pendulum(day: datetime.date | None) -> pendulum.Date | None:
    return None if day is None else pendulum.Date(day.year, day.month, day.day)


def _plain(value: datetime.date, what: str) -> datetime.date:
    """A plain datetime.date from any date; a datetime (with its time of day) is refused."""
    if isinstance(value, datetime.datetime):
        raise InvalidDate(
            f"{value!r}: {what} takes a date, and times of day are not supported; pass value.date()"
        )
    if not isinstance(value, datetime.date):
        raise InvalidDate(f"{value!r}: {what} takes a datetime.date, got {type(value).__name__}")
    return datetime.date(value.year, value.month, value.day)


def _optional_plain(value: datetime.date | None, what: str) -> datetime.date | None:
    return None if value is None else _plain(value, what)


def _touches(
    lo: datetime.date | None,
    hi: datetime.date | None,
    start: datetime.date | None,
    end: datetime.date | None,
) -> bool:
    """Whether [lo, hi] and [start, end] share a day; None is unbounded on its side."""
    if end is not None and lo is not None and lo > end:
        return False
    return not (start is not None and hi is not None and hi < start)


@attrs.frozen(eq=False, repr=False)
class FuzzyDate:
    """A partial, approximate, uncertain or interval date, read from and written as EDTF.

    Build one with :meth:`parse` (or ``FuzzyDate(text)``, the same thing),
    :meth:`from_date` or :meth:`coerce`.  Instances are immutable and hashable;
    two are equal when their canonical texts are equal, and they sort by
    ``(earliest, latest, text)`` with an open start first and an open end last.

    Supported EDTF: ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``; a trailing ``?``
    (uncertain), ``~`` (approximate) or ``%`` (both); unspecified last digits
    ``199X``, ``19XX``, ``2019-XX``, ``2019-1X``, ``2019-10-XX``, ``2019-10-1X``;
    seasons ``2020-21`` (spring) to ``2020-24`` (winter, December to February);
    intervals ``START/END`` whose ends may be open (``..``) or unknown (empty).
    Years run from 0001 to 9999; times of day are not supported.

    Attributes:
        text: the canonical EDTF text (upper-case ``X``, no surrounding space).
        earliest: first day of the stated span, or None for an open/unknown start.
        latest: last day of the stated span, or None for an open/unknown end.
        possible_earliest: first day of the possible span (``earliest`` widened
            for an approximate or uncertain start), or None.
        possible_latest: last day of the possible span, or None.
        precision: how finely the date is known; for an interval, the coarser end.
        approximate: ``~`` or ``%`` on the date (on either end of an interval).
        uncertain: ``?`` or ``%`` on the date (on either end of an interval).
        is_interval: whether the text is an interval ``START/END``.
    """

    text: str
    earliest: pendulum.Date | None = attrs.field(init=False)
    latest: pendulum.Date | None = attrs.field(init=False)
    possible_earliest: pendulum.Date | None = attrs.field(init=False)
    possible_latest: pendulum.Date | None = attrs.field(init=False)
    precision: Precision = attrs.field(init=False)
    approximate: bool = attrs.field(init=False)
    uncertain: bool = attrs.field(init=False)
    is_interval: bool = attrs.field(init=False)
    _key: tuple[int, int, int, int, str] = attrs.field(init=False)

    def __attrs_post_init__(self) -> None:
        parsed = parse(self.text)
        start, end = parsed.start, parsed.end
        known = [part for part in (start, end) if part is not None]
        first = start.earliest if start else None
        last = end.latest if end else None
        values: dict[str, Any] = {
            "text": parsed.text,
            "earliest": _pendulum(first),
            "latest": _pendulum(last),
            "possible_earliest": _pendulum(start.possible()[0] if start else None),
            "possible_latest": _pendulum(end.possible()[1] if end else None),
            "precision": max((part.precision for part in known), key=RANK.__getitem__),
            "approximate": any(part.approximate for part in known),
            "uncertain": any(part.uncertain for part in known),
            "is_interval": parsed.is_interval,
            # Open start sorts first and open end last; ordinals make the key cheap to compare.
            "_key": (
                0 if first is None else 1,
                first.toordinal() if first else 0,
                1 if last is None else 0,
                last.toordinal() if last else 0,
                parsed.text,
            ),
        }
        for name, value in values.items():
            # Frozen class: attrs documents object.__setattr__ for derived fields.
            object.__setattr__(self, name, value)

    # ------------------------------------------------------------ construction

    @classmethod
    def parse(cls, text: str) -> FuzzyDate:
        """Read EDTF text; raise :class:`~catimeline.InvalidDate` saying what is wrong.

        Surrounding whitespace is ignored and lower-case ``x`` is accepted for
        ``X``; ``str()`` of the result is the canonical text.  Anything that is
        not a ``str`` raises InvalidDate as well.
        """
        return cls(text)

    @classmethod
    def from_date(cls, value: datetime.date) -> FuzzyDate:
        """The day-precision FuzzyDate of a date; a datetime raises InvalidDate."""
        day = _plain(value, "FuzzyDate.from_date")
        return cls(day.isoformat())

    @classmethod
    def coerce(cls, value: FuzzyDate | str | datetime.date) -> FuzzyDate:
        """A FuzzyDate from a FuzzyDate (as is), EDTF text or a date; InvalidDate otherwise."""
        if isinstance(value, FuzzyDate):
            return value
        if isinstance(value, str):
            return parse_cached(value) if cls is FuzzyDate else cls.parse(value)
        if isinstance(value, datetime.date):
            return cls.from_date(value)
        raise InvalidDate(
            f"{value!r}: expected EDTF text, a datetime.date or a FuzzyDate, "
            f"got {type(value).__name__}"
        )

    # ------------------------------------------------------------ matching

    def overlaps(
        self, start: datetime.date | None = None, end: datetime.date | None = None
    ) -> bool:
        """Whether the stated span shares at least one day with [start, end].

        None on either side of the window is unbounded; an open or unknown end
        of this date reaches as far as it needs to.
        """
        window = _optional_plain(start, "overlaps"), _optional_plain(end, "overlaps")
        return _touches(self.earliest, self.latest, *window)

    def within(self, start: datetime.date | None = None, end: datetime.date | None = None) -> bool:
        """Whether the stated span lies entirely inside [start, end]: certainly in the window.

        An open or unknown end is never within a bounded side of the window.
        """
        start, end = _optional_plain(start, "within"), _optional_plain(end, "within")
        if start is not None and (self.earliest is None or self.earliest < start):
            return False
        return not (end is not None and (self.latest is None or self.latest > end))

    def possibly_overlaps(
        self, start: datetime.date | None = None, end: datetime.date | None = None
    ) -> bool:
        """Whether the possible span (widened by the qualifiers) shares a day with [start, end]."""
        window = (
            _optional_plain(start, "possibly_overlaps"),
            _optional_plain(end, "possibly_overlaps"),
        )
        return _touches(self.possible_earliest, self.possible_latest, *window)

    def __contains__(self, value: object) -> bool:
        """``day in fuzzy``: whether a date falls in the stated span (other objects: False)."""
        if not isinstance(value, datetime.date):
            return False
        day = _plain(value, "'in'")
        return _touches(self.earliest, self.latest, day, day)

    # ------------------------------------------------------------ text, equality, ordering

    def __str__(self) -> str:
        """The canonical EDTF text."""
        return self.text

    def __repr__(self) -> str:
        """``FuzzyDate('2021-11')``: evaluates back to an equal FuzzyDate."""
        return f"{type(self).__name__}({self.text!r})"

    def __eq__(self, other: object) -> bool:
        """Equal when the canonical texts are equal."""
        if not isinstance(other, FuzzyDate):
            return NotImplemented
        return self.text == other.text

    def __hash__(self) -> int:
        """Hash of the canonical text, consistent with equality."""
        return hash(self.text)

    def __lt__(self, other: object) -> bool:
        """Order by (earliest, latest, text); an open start first, an open end last."""
        if not isinstance(other, FuzzyDate):
            return NotImplemented
        return self._key < other._key

    def __le__(self, other: object) -> bool:
        """See :meth:`__lt__`."""
        if not isinstance(other, FuzzyDate):
            return NotImplemented
        return self._key <= other._key

    def __gt__(self, other: object) -> bool:
        """See :meth:`__lt__`."""
        if not isinstance(other, FuzzyDate):
            return NotImplemented
        return self._key > other._key

    def __ge__(self, other: object) -> bool:
        """See :meth:`__lt__`."""
        if not isinstance(other, FuzzyDate):
            return NotImplemented
        return self._key >= other._key


# ---------------------------------------------------------------- helpers for query and storage


@overload
def to_date(value: None) -> None: ...
@overload
def to_date(value: datetime.date) -> datetime.date: ...
def to_date(value: datetime.date | None) -> datetime.date | None:
    """A plain :class:`datetime.date` (not pendulum's) for storage; None stays None.

    A datetime raises InvalidDate rather than silently dropping its time of day.
    """
    return _optional_plain(value, "to_date")


DateLike = FuzzyDate | str | datetime.date
"""What ``since``, ``until`` and ``during`` accept: a FuzzyDate, EDTF text or a date."""


@functools.lru_cache(maxsize=32768)
def parse_cached(text: str) -> FuzzyDate:
    """``FuzzyDate.parse(text)``, remembered: a FuzzyDate is immutable, and the same few
    thousand date texts come back again and again (a large load, a page of results, the
    ``since`` of every query), while reading one takes tens of microseconds."""
    return FuzzyDate.parse(text)
