"""Human titles for plots and exported pages: the question asked, or what the items are.

``str(results.query)`` is precise but reads like a machine ("events where kind
in incident, ordered by date"); a published chart wants "All AMT incidents
since 2021" or "Accidents in Kazakhstan, 2020–2023".
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from catimeline._model import Accident, Event, Project
from catimeline._outputs import Lookup, dated, span


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _noun(items: Sequence[Any]) -> str:
    if items and all(isinstance(i, Accident) for i in items):
        return "Accidents"
    if items and all(isinstance(i, Project) for i in items):
        return "Projects"
    return "Events"


def _years(items: Sequence[Any]) -> str:
    years: list[int] = []
    for item in items:
        date = dated(item)
        found = span(date) if date is not None else None
        if found is not None:
            years += [found.start.year, found.end.year]
    if not years:
        return ""
    low, high = min(years), max(years)
    return f"{low}" if low == high else f"{low}–{high}"


def _where(items: Sequence[Any], names: Lookup) -> str:
    codes: list[str] = []
    for item in items:
        found = [item.country] if isinstance(item, Event) else list(getattr(item, "countries", ()))
        codes += [c for c in found if c and c not in codes]
    if not codes or len(codes) > 2:
        return ""
    return " in " + " and ".join(names.country_name(c) for c in codes)


def human_title(items: Sequence[Any], query: Any = None, names: Lookup | None = None) -> str:
    """A title a reader understands: the question asked when there was one, else the
    kind of items, their countries (one or two) and their years."""
    question = getattr(query, "question", None)
    if isinstance(question, str) and question.strip():
        return _capital(" ".join(question.split()))
    if not items:
        return "No events"
    years = _years(items)
    return _noun(items) + _where(items, names or Lookup(())) + (f", {years}" if years else "")
