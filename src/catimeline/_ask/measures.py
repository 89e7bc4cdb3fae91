"""Counting, ranking and death-toll phrases of a question: "how many", "top 5",
"deadliest", "biggest", "latest", "at least 5 deaths", "fatal".

Each phrase is read and cut from the question before its names are looked up, so
"most" or "top" are never taken for a name.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from types import MappingProxyType

import attrs

NUMBERS: Mapping[str, int] = MappingProxyType(
    {
        w: i
        for i, w in enumerate(
            "one two three four five six seven eight nine ten eleven twelve".split(), start=1
        )
    }
)
_N = r"(\d+|" + "|".join(NUMBERS) + r")"
_DEATHS = r"(?:deaths?|dead|killed|fatalities|lives\s+lost)"
#: Superlatives and the order each asks for.
ORDERS: Mapping[str, str] = MappingProxyType(
    {
        "deadliest": "deaths",
        "worst": "deaths",
        "most deadly": "deaths",
        "most deaths": "deaths",
        "most fatal": "deaths",
        "most injured": "injured",
        "most injuries": "injured",
        "biggest": "money",
        "largest": "money",
        "most expensive": "money",
        "latest": "-date",
        "most recent": "-date",
        "newest": "-date",
        "earliest": "date",
        "oldest": "date",
    }
)
_ORDER = r"(" + "|".join(sorted(ORDERS, key=len, reverse=True)).replace(" ", r"\s+") + r")"


def number(text: str) -> int:
    """A count written in digits or as a word (one to twelve)."""
    return NUMBERS.get(text.lower()) or int(text)


@attrs.define
class Measures:
    """What a question counts, orders and limits, and the deaths it asks for."""

    count: bool = False
    order: str = "date"
    superlative: bool = False
    limit: int | None = None
    min_deaths: int | None = None
    readings: list[str] = attrs.field(factory=list)


def _order(measures: Measures, word: str) -> None:
    measures.order = ORDERS[" ".join(word.lower().split())]
    measures.superlative = True


def _count(m: Measures, _f: re.Match[str]) -> None:
    m.count = True


def _top(m: Measures, f: re.Match[str]) -> None:
    m.limit = number(f.group(1))


def _limited_order(m: Measures, f: re.Match[str]) -> None:
    m.limit = number(f.group(1))
    _order(m, f.group(2))


def _order_limited(m: Measures, f: re.Match[str]) -> None:
    _order(m, f.group(1))
    m.limit = number(f.group(2))


def _ordered(m: Measures, f: re.Match[str]) -> None:
    _order(m, f.group(1))


def _at_least(m: Measures, f: re.Match[str]) -> None:
    m.min_deaths = number(f.group(1))


def _more_than(m: Measures, f: re.Match[str]) -> None:
    m.min_deaths = number(f.group(1)) + 1


def _fatal(m: Measures, _f: re.Match[str]) -> None:
    m.min_deaths = 1


#: Each measure phrase and how it sets the measures, cut out in this order.
_PHRASES: list[tuple[str, Callable[[Measures, re.Match[str]], None]]] = [
    (r"\bhow\s+many\b", _count),
    (rf"\b(?:with\s+)?(?:at\s+least|a\s+minimum\s+of)\s+{_N}\s+{_DEATHS}", _at_least),
    (rf"\b(?:with\s+)?{_N}\s+or\s+more\s+{_DEATHS}", _at_least),
    (rf"\b(?:with\s+)?(?:more\s+than|over)\s+{_N}\s+{_DEATHS}", _more_than),
    (rf"\btop\s+{_N}\b", _top),
    (rf"\b{_N}\s+{_ORDER}\b", _limited_order),
    (rf"\b{_ORDER}\s+{_N}\b", _order_limited),
    (rf"\b{_ORDER}\b", _ordered),
    (r"\b(?:fatal|deadly)\b", _fatal),
]


def take_measures(text: str) -> tuple[str, Measures]:
    """Read and cut the measure phrases out of ``text`` (the question after its dates)."""
    m = Measures()
    for pattern, read in _PHRASES:
        while (found := re.search(pattern, text, re.IGNORECASE)) is not None:
            before = _describe(m)
            read(m, found)
            change = [part for part in _describe(m) if part not in before]
            m.readings.append(f"{found.group(0).strip()!r} -> {', '.join(change)}")
            text = text[: found.start()] + " ; " + text[found.end() :]
    return text, m


def _describe(m: Measures) -> list[str]:
    parts = []
    if m.count:
        parts.append("a count")
    if m.superlative:
        parts.append(f"order {m.order}")
    if m.limit is not None:
        parts.append(f"limit {m.limit}")
    if m.min_deaths is not None:
        parts.append(f"at least {m.min_deaths} deaths")
    return parts


__all__ = ["ORDERS", "Measures", "number", "take_measures"]
