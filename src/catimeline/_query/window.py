"""The query window: ``since``/``until``/``during`` turned into plain [start, end] dates."""

from __future__ import annotations

import datetime

from catimeline._dates import DateLike, FuzzyDate, to_date
from catimeline._errors import InvalidDate, QueryError


def _coerce_named(name: str, value: DateLike) -> FuzzyDate:
    try:
        return FuzzyDate.coerce(value)
    except InvalidDate as error:
        raise InvalidDate(f"{name}: {error}") from error


def window(
    since: DateLike | None = None,
    until: DateLike | None = None,
    during: DateLike | None = None,
) -> tuple[datetime.date | None, datetime.date | None]:
    """The query window [start, end] (plain dates, None = unbounded) of since/until/during.

    ``since`` gives its earliest day as the start, ``until`` its latest day as
    the end, ``during`` both.  Given together, the window is their intersection
    (``during="2023", since="2023-06"`` is 2023-06-01..2023-12-31).  Raises
    InvalidDate for a value that is not a date (naming the parameter) and
    :class:`~catimeline.QueryError` when the window ends before it starts.
    """
    starts: list[tuple[str, datetime.date]] = []
    ends: list[tuple[str, datetime.date]] = []
    for name, value, gives_start, gives_end in (
        ("since", since, True, False),
        ("until", until, False, True),
        ("during", during, True, True),
    ):
        if value is None:
            continue
        fuzzy = _coerce_named(name, value)
        label = f"{name}={fuzzy.text!r}"
        if gives_start and fuzzy.earliest is not None:
            starts.append((label, to_date(fuzzy.earliest)))
        if gives_end and fuzzy.latest is not None:
            ends.append((label, to_date(fuzzy.latest)))
    start = max(starts, key=lambda item: item[1], default=None)
    end = min(ends, key=lambda item: item[1], default=None)
    if start is not None and end is not None and end[1] < start[1]:
        raise QueryError(
            f"the window ends before it starts: {start[0]} starts {start[1].isoformat()}, "
            f"after {end[0]} ends {end[1].isoformat()}"
        )
    return (start[1] if start else None, end[1] if end else None)
