"""The iCalendar export (RFC 5545): all-day events over each date's stated span.

- An approximate or uncertain date is ``STATUS:TENTATIVE``.
- A date known only by one end ("before 1991": ``../1991``) or as coarse as a
  decade (``199X``) has no span a calendar could show honestly: such items are
  left out, and the calendar's ``X-CATIMELINE-LEFT-OUT`` counts them (the CLI
  reports it), rather than becoming confirmed one-day or ten-year entries.
- Every text value, ids included, is cleaned: line breaks become ``\\n``
  escapes, lone carriage returns and other control characters are removed, and
  RFC 5545's ``\\``, ``;`` and ``,`` are escaped; lines fold at 75 octets.
- A span that ends on 9999-12-31 has no "day after" for ``DTEND``; it gets a
  ``DURATION`` instead.

Written by hand (about a hundred lines) rather than with the ``icalendar``
package, which stays a test dependency that reads our output back: see
docs/decisions.md.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Any

from catimeline._columns import value
from catimeline._errors import QueryError
from catimeline._model import Event, Project
from catimeline._outputs import Lookup, describe_date, span

#: Precisions too coarse for a calendar entry.
COARSE = frozenset({"decade", "century", "millennium"})
# Control characters other than the line feed (kept as an escaped \n), and the
# Unicode line and paragraph separators some readers take for line breaks.
_CONTROLS = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029]")


def _text(value: str) -> str:
    """A TEXT value: controls removed, breaks as ``\\n``, ``\\ ; ,`` escaped."""
    value = value.encode("utf-8", "replace").decode("utf-8")  # a lone surrogate: "?"
    value = _CONTROLS.sub("", value.replace("\r\n", "\n"))
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> str:
    """Fold a content line at 75 octets (RFC 5545 3.1) without splitting a character."""
    if len(line.encode("utf-8")) <= 75:
        return line
    out: list[str] = []
    current, size = "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > 75:
            out.append(current)
            current, size = " ", 1
        current += char
        size += width
    out.append(current)
    return "\r\n".join(out)


def _day(day: dt.date) -> str:
    # strftime("%Y") does not pad years before 1000 on every platform.
    return f"{day.year:04d}{day.month:02d}{day.day:02d}"


def calendar_worthy(date: Any) -> bool:
    """Whether a date can be a calendar entry: both ends known, finer than a decade."""
    found = span(date)
    if found is None or found.open_start or found.open_end:
        return False
    return str(date.precision) not in COARSE


def _vevent(
    uid: str,
    date: Any,
    summary: str,
    description: str,
    category: str,
    stamp: str,
    location: str = "",
    geo: tuple[float, float] | None = None,
) -> list[str]:
    s = span(date)
    assert s is not None
    if s.end < dt.date.max:
        until = f"DTEND;VALUE=DATE:{_day(s.end + dt.timedelta(days=1))}"
    else:
        until = f"DURATION:P{(s.end - s.start).days + 1}D"
    lines = [
        "BEGIN:VEVENT",
        f"UID:{_text(uid)}@catimeline",
        f"DTSTAMP:{stamp}",
        f"DTSTART;VALUE=DATE:{_day(s.start)}",
        until,
        f"SUMMARY:{_text(summary)}",
        f"DESCRIPTION:{_text(description)}",
        f"CATEGORIES:{_text(category)}",
        "TRANSP:TRANSPARENT",
        f"STATUS:{'TENTATIVE' if s.faded else 'CONFIRMED'}",
    ]
    if location:
        lines.append(f"LOCATION:{_text(location)}")
    if geo is not None:
        lines.append(f"GEO:{geo[0]:.6f};{geo[1]:.6f}")
    lines.append("END:VEVENT")
    return lines


def _event_lines(item: Event, names: Lookup, stamp: str) -> list[str]:
    notes = [f"Date: {describe_date(item.date)}"]
    if item.summary:
        notes.append(item.summary)
    who = value(item, "actors", names)
    if who:
        notes.append("Who: " + ", ".join(who))
    sources = value(item, "source_lines", names)
    if sources:
        notes.append("Sources: " + "; ".join(sources))
    notes.append(f"catimeline id: {item.id}")
    located = next((x for p in item.places if (x := names.located(p))), None)
    return _vevent(
        item.id,
        item.date,
        item.title,
        "\n".join(notes),
        item.kind,
        stamp,
        ", ".join(value(item, "places", names)),
        located[0] if located else None,
    )


def to_ics(
    items: Sequence[Any], names: Lookup, title: str = "catimeline", now: dt.datetime | None = None
) -> str:
    """An iCalendar (RFC 5545) calendar of all-day events, one per event or project step."""
    stamp = (now or dt.datetime.now(dt.UTC)).strftime("%Y%m%dT%H%M%SZ")
    body: list[str] = []
    left_out = 0
    for item in items:
        if isinstance(item, Event):
            if not calendar_worthy(item.date):
                left_out += 1
                continue
            body += _event_lines(item, names, stamp)
        elif isinstance(item, Project):
            for n, step in enumerate(sorted(item.status, key=lambda s: s.date)):
                if not calendar_worthy(step.date):
                    left_out += 1
                    continue
                planned = " (planned)" if step.planned else ""
                body += _vevent(
                    f"{item.id}.{n}",
                    step.date,
                    f"{item.name}: {step.status}{planned}",
                    f"Date: {describe_date(step.date)}\ncatimeline project: {item.id}",
                    item.kind,
                    stamp,
                )
        else:
            raise QueryError(
                f"{type(item).__name__} results have no dates for a calendar: "
                "export events or projects"
            )
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//catimeline//catimeline timeline export//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{_text(title)}",
        f"X-CATIMELINE-LEFT-OUT:{left_out}",
        *body,
        "END:VCALENDAR",
    ]
    return "".join(_fold(line) + "\r\n" for line in lines)
