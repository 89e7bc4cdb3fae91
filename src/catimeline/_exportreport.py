"""What an export wrote, in words for the command line: how many items, and for a map
or a calendar how many could not be placed or dated."""

from __future__ import annotations

import re


def _plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n} {word if n == 1 else many or word + 's'}"


def report(format: str, text: str, items: int) -> str:
    """``"wrote 258 events (geojson): 240 features; 18 events had no point"`` and the like."""
    head = f"wrote {_plural(items, 'event')} ({format})"
    if format == "geojson":
        from catimeline._geo import count

        found = count(text, items)
        return (
            f"{head}: {_plural(found.features, 'feature')}; "
            f"{_plural(found.unlocated, 'event')} had no point"
        )
    if format == "ics":
        left = re.search(r"^X-CATIMELINE-LEFT-OUT:(\d+)\r?$", text, re.M)
        out = int(left.group(1)) if left else 0
        entries = text.count("\r\nBEGIN:VEVENT\r\n")
        return (
            f"{head}: {_plural(entries, 'calendar entry', 'calendar entries')}; "
            f"{_plural(out, 'event')} left out (dated only by one end, or by a decade or more)"
        )
    return head
