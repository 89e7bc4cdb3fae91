"""The query's readable description: what was asked and how every part was read.

``str(results.query)`` states each reading a user could doubt: any-of or
all-of actors, a country read from ``actor=``, the affiliated actors added,
a text search, the order, and how open-ended dates meet the window.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

import attrs

from catimeline._query.filters import EventFilters

#: What each order means, as ``.query`` states it.
ORDER_READINGS: Mapping[str, str] = {
    "date": "date",
    "-date": "date, newest first",
    "deaths": "deaths, most first (events without the figure after, by date)",
    "injured": "injured, most first (events without the figure after, by date)",
    "money": "money in USD, largest first (events without a USD figure after, by date)",
}

#: How an open-ended date (``../2018-03``, ``2024-07/..``) meets the window, per mode.
OPEN_END_READINGS: Mapping[str, str] = {
    "overlaps": "an open-ended date counts only when its known bound lies in the window",
    "within": "an open-ended date is never within a window bounded on its open side",
    "possibly": "an open-ended date possibly meets every window its open side reaches",
}


@attrs.frozen
class Query:
    """A structured query, readable as text: what was asked and how each part resolved."""

    target: str
    parts: tuple[str, ...] = ()
    window: tuple[dt.date | None, dt.date | None] = (None, None)
    match: str = "overlaps"
    order: str = "date"
    limit: int | None = None
    after: str | None = None
    question: str | None = None
    notes: tuple[str, ...] = ()
    """Readings that are not conditions (a country read from ``actor=``, a text fallback)."""

    def __str__(self) -> str:
        text = self.target
        conditions = list(self.parts)
        start, end = self.window
        if start or end:
            conditions.append(
                f"date {self.match} {start.isoformat() if start else '..'}"
                f"/{end.isoformat() if end else '..'}"
                f" ({OPEN_END_READINGS.get(self.match, self.match)})"
            )
        if conditions:
            text += " where " + " and ".join(conditions)
        text += f", ordered by {ORDER_READINGS.get(self.order, self.order)}"
        if self.after:
            text += f", after {self.after}"
        if self.limit is not None:
            text += f", first {self.limit}"
        if self.notes:
            text += "; " + "; ".join(self.notes)
        if self.question:
            text = f"{self.question!r} read as: {text}"
        return text


def listed(ids: Sequence[str], most: int = 8) -> str:
    """``ids`` joined by commas, the first ``most`` of them and '...' after."""
    shown = ", ".join(ids[:most])
    return f"{shown}..." if len(ids) > most else shown


def any_of(what: str, ids: Sequence[str]) -> str:
    """``actor in (a, b) (any of them)``: a list filter, saying it is any-of."""
    return f"{what} in ({listed(ids)})" + (" (any of them)" if len(ids) > 1 else "")


def all_of(groups: Sequence[Sequence[str]]) -> str:
    """``every one of (a), (b) took part``: an all-of actor filter."""
    return "every one of " + ", ".join(f"({listed(g)})" for g in groups) + " took part"


def affiliated(found: Mapping[str, str]) -> str:
    """The note naming the actors ``include_affiliated`` added, and why."""
    if not found:
        return "include_affiliated added no actor (none is affiliated with those named)"
    shown = ", ".join(f"{aid} ({why})" for aid, why in list(found.items())[:12])
    more = f" and {len(found) - 12} more" if len(found) > 12 else ""
    return f"affiliated actors included: {shown}{more}"


def country_from_actor(ref: str, codes: Sequence[str]) -> str:
    """The note saying an ``actor=`` value was read as a country."""
    return (
        f"actor {ref!r} names no actor but the country {', '.join(codes)}: read as the "
        "event's country"
    )


def text_search(text: str) -> str:
    """The condition of a ``text=`` filter, saying how words match."""
    return (
        f"text contains {text!r} (every word, as a word prefix, in the title, summary or "
        "notes; or the phrase at the start of a word of a participant's name, a tag or a "
        "name of the event's project)"
    )


def target_of(filters: EventFilters) -> str:
    """``events`` or ``accidents``."""
    return "accidents" if filters.accidents else "events"


__all__ = ["OPEN_END_READINGS", "ORDER_READINGS", "Query"]
