"""Time phrases of a question: every one is kept, combined into one window, or refused.

A question's dates are written out (``2023``, ``July 2024``, ``28 October 2023``,
``2022-23``, ``early 2022``, ``the 1990s``, EDTF such as ``2021/2023``); words that
depend on today's date (``last year``, ``recent``, ``ago``) are refused, because an
answer must not change with the day it is asked.  Two phrases that set the same side
of the window conflict and are refused too, never silently replaced.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

import attrs

from catimeline._dates import FuzzyDate
from catimeline._errors import InvalidDate, QueryError

#: What the refusals offer instead.
TIME_FORMS = (
    "'in 2023', 'since 2021', 'before 2022', 'from 2019 to 2021', 'July 2024', "
    "'28 October 2023', 'early 2022', 'certainly in 2023', 'possibly in 2019'"
)

_MONTH_NAMES = (
    "january february march april may june july august september october november december"
).split()
MONTHS = {name: i for i, name in enumerate(_MONTH_NAMES, start=1)}
MONTHS.update({name[:3]: i for name, i in list(MONTHS.items())})
MONTHS["sept"] = 9
_MONTH = r"(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAYNUM = r"\d{1,2}(?:st|nd|rd|th)?"
_EDTF = r"(?:\.\.|\d{4}(?:-\d{2}(?:-\d{2})?)?[~?%]?)"
#: One date: a day, a month or a year, in words, ISO or EDTF (intervals included).
DATE = (
    rf"(?:{_DAYNUM}\s+{_MONTH},?\s+\d{{4}}"
    rf"|{_MONTH}\s+{_DAYNUM},?\s+\d{{4}}"
    rf"|{_MONTH}\s+\d{{4}}"
    rf"|{_EDTF}/{_EDTF}"
    rf"|\d{{4}}(?:-\d{{2}}(?:-\d{{2}})?)?[~?%]?)"
)
_SEASONS = {"spring": 21, "summer": 22, "autumn": 23, "fall": 23, "winter": 24}
_PARTS = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}
_UNIT = r"(?:years?|months?|weeks?|days?|decades?|quarters?)"
RELATIVE = re.compile(
    rf"\b(?:(?:last|this|next|past|previous|coming)\s+(?:\d+\s+|few\s+|couple\s+of\s+)?{_UNIT}"
    rf"|\d+\s+{_UNIT}\s+ago|(?<!most )recent(?:ly)?|ago|yesterday|today|tomorrow"
    r"|currently|nowadays)\b",
    re.IGNORECASE,
)


def _edtf(text: str) -> str:
    """A date as the question writes it, in EDTF."""
    t = re.sub(r"(st|nd|rd|th)\b", "", text.lower().replace(",", " ").replace(".", " "))
    words = t.split()
    if len(words) == 3 and words[1] in MONTHS:  # 28 october 2023
        return f"{int(words[2]):04d}-{MONTHS[words[1]]:02d}-{int(words[0]):02d}"
    if len(words) == 3 and words[0] in MONTHS:  # october 28 2023
        return f"{int(words[2]):04d}-{MONTHS[words[0]]:02d}-{int(words[1]):02d}"
    if len(words) == 2 and words[0] in MONTHS:  # october 2023
        return f"{int(words[1]):04d}-{MONTHS[words[0]]:02d}"
    return text.strip()


def parse_date(text: str) -> FuzzyDate:
    """The date ``text`` names, or QueryError saying what is wrong with it."""
    try:
        return FuzzyDate.parse(_edtf(text))
    except InvalidDate as exc:
        raise QueryError(f"cannot read the date in the question: {exc}. Try {TIME_FORMS}") from exc


@attrs.define
class Window:
    """The window a question's time phrases set, and the phrases, as they were read."""

    since: FuzzyDate | dt.date | None = None
    until: FuzzyDate | dt.date | None = None
    match: str = "overlaps"
    readings: list[str] = attrs.field(factory=list)
    _set_by: dict[str, str] = attrs.field(factory=dict)

    def set(self, side: str, value: FuzzyDate | dt.date, phrase: str) -> None:
        """Set the start or end of the window; a second phrase for a side is a conflict."""
        if side in self._set_by:
            raise QueryError(
                f"two time phrases conflict: {self._set_by[side]!r} and {phrase!r} both set "
                f"the {'start' if side == 'since' else 'end'} of the window. Ask with one, "
                f"or a span: try 'from 2022 to 2023' ({TIME_FORMS})"
            )
        self._set_by[side] = phrase
        setattr(self, side, value)
        day = _bound(value, earliest=side == "since")
        edge = day.isoformat() if day else ".."
        self.readings.append(f"{phrase.strip()!r} -> {'from' if side == 'since' else 'to'} {edge}")

    def span(self, start: FuzzyDate | dt.date, end: FuzzyDate | dt.date, phrase: str) -> None:
        """Set both sides from one phrase."""
        self.set("since", start, phrase)
        self.set("until", end, phrase)

    def check(self) -> None:
        """Refuse a window that ends before it starts."""
        first = _bound(self.since, earliest=True)
        last = _bound(self.until, earliest=False)
        if first and last and first > last:
            phrases = dict.fromkeys((self._set_by["since"], self._set_by["until"]))
            raise QueryError(
                f"the window of {' and '.join(map(repr, phrases))} ends before it starts "
                f"({first} after {last}): try 'from 2021 to 2023' ({TIME_FORMS})"
            )


def _joined(readings: list[str]) -> list[str]:
    """ "'in 2023' -> from 2023-01-01" and "'in 2023' -> to 2023-12-31" as one reading."""
    out: list[str] = []
    for reading in readings:
        phrase, _, edge = reading.partition(" -> ")
        if out and out[-1].startswith(f"{phrase} -> from ") and edge.startswith("to "):
            out[-1] = f"{out[-1]} {edge}"
        else:
            out.append(reading)
    return out


def _bound(value: FuzzyDate | dt.date | None, *, earliest: bool) -> dt.date | None:
    if isinstance(value, FuzzyDate):
        day = value.earliest if earliest else value.latest
        return dt.date(day.year, day.month, day.day) if day else None
    return value


def _day(ordinal: int, phrase: str) -> dt.date:
    try:
        return dt.date.fromordinal(ordinal)
    except (ValueError, OverflowError) as exc:
        raise QueryError(
            f"{phrase!r} reaches outside the years 0001-9999: try {TIME_FORMS}"
        ) from exc


def _after(m: re.Match[str], w: Window) -> None:
    d = parse_date(m.group(1))
    if d.latest is None:
        raise QueryError(f"{m.group(0)!r} has no end to start after: try {TIME_FORMS}")
    w.set("since", _day(d.latest.toordinal() + 1, m.group(0)), m.group(0))


def _before(m: re.Match[str], w: Window) -> None:
    d = parse_date(m.group(1))
    if d.earliest is None:
        raise QueryError(f"{m.group(0)!r} has no start to end before: try {TIME_FORMS}")
    w.set("until", _day(d.earliest.toordinal() - 1, m.group(0)), m.group(0))


def _years(m: re.Match[str], w: Window) -> None:
    """``2022-23`` or ``2019-2021``: the years, never an EDTF season."""
    first = int(m.group(1))
    tail = m.group(2)
    last = int(tail) if len(tail) == 4 else first // 100 * 100 + int(tail)
    if last < first:
        raise QueryError(f"{m.group(0)!r} ends before it starts: try 'from 2022 to 2023'")
    w.span(parse_date(str(first)), parse_date(str(last)), m.group(0))


def _and_years(m: re.Match[str], w: Window) -> None:
    first, last = int(m.group(1)), int(m.group(2))
    if last != first + 1:
        raise QueryError(
            f"{m.group(1)} and {m.group(2)} ({m.group(0)!r}) are two separate years, not one "
            f"window: try 'from {first} to {last}', or ask for each year"
        )
    w.span(parse_date(str(first)), parse_date(str(last)), m.group(0))


def _part(m: re.Match[str], w: Window) -> None:
    lo, hi = _PARTS[m.group(1).lower()]
    year = m.group(2)
    w.span(parse_date(f"{year}-{lo:02d}"), parse_date(f"{year}-{hi:02d}"), m.group(0))


def _season(m: re.Match[str], w: Window) -> None:
    d = parse_date(f"{m.group(2)}-{_SEASONS[m.group(1).lower()]}")
    w.span(d, d, m.group(0))


def _decade(m: re.Match[str], w: Window) -> None:
    d = parse_date(f"{m.group(1)[:3]}X")
    w.span(d, d, m.group(0))


def _range(m: re.Match[str], w: Window) -> None:
    w.span(parse_date(m.group(1)), parse_date(m.group(2)), m.group(0))


def _since(m: re.Match[str], w: Window) -> None:
    w.set("since", parse_date(m.group(1)), m.group(0))


def _until(m: re.Match[str], w: Window) -> None:
    w.set("until", parse_date(m.group(1)), m.group(0))


def _during(m: re.Match[str], w: Window) -> None:
    d = parse_date(m.group(1))
    w.span(d, d, m.group(0))


_Reader = Callable[[re.Match[str], Window], None]
#: Phrase patterns, most specific first; each match is read, then cut from the question.
PATTERNS: tuple[tuple[re.Pattern[str], _Reader], ...] = tuple(
    (re.compile(p, re.IGNORECASE), reader)
    for p, reader in (
        (rf"\bbetween\s+({DATE})\s+and\s+({DATE})(?![\w-])", _range),
        (rf"\b(?:from|since)\s+({DATE})\s+(?:to|until|till|through)\s+({DATE})(?![\w-])", _range),
        (r"\b(?:in\s+|during\s+)?(\d{4})\s+and\s+(\d{4})\b", _and_years),
        (rf"\b({DATE})\s+(?:to|until|till|through)\s+({DATE})(?![\w-])", _range),
        (r"\b(\d{4})\s*[-\u2013]\s*(1[3-9]|[2-9]\d|\d{4})\b(?!-)", _years),
        (r"\b(?:in\s+|during\s+)?(early|mid|late)[\s-]+(\d{4})\b", _part),
        (
            r"\b(?:in\s+|during\s+)?(spring|summer|autumn|fall|winter)\s+(?:of\s+)?(\d{4})\b",
            _season,
        ),
        (r"\b(?:in\s+|during\s+)?(?:the\s+)?(\d{3}0)s\b", _decade),
        (rf"\bsince\s+({DATE})(?![\w-])", _since),
        (rf"\bafter\s+({DATE})(?![\w-])", _after),
        (rf"\bbefore\s+({DATE})(?![\w-])", _before),
        (rf"\b(?:until|till|through|up\s+to|by)\s+({DATE})(?![\w-])", _until),
        (rf"\b(?:in|during|on|of)\s+({DATE})(?![\w-])", _during),
        (rf"(?<![\w-])({DATE})(?![\w-])", _during),
    )
)
#: A month named without a year (May is left out: "may have" is a modal).
_LONE_MONTH = re.compile(
    r"\b(?:january|february|march|april|june|july|august|september|october|november|december)"
    r"\b(?!,?\s+\d{4})(?!\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4})",
    re.IGNORECASE,
)
_CERTAINLY = re.compile(r"\b(?:certainly|definitely|surely)\b", re.IGNORECASE)
_POSSIBLY = re.compile(
    r"\b(?:possibly|perhaps|maybe|(?:may|might|could)\s+have(?:\s+(?:happened|been))?)\b",
    re.IGNORECASE,
)


def take_time(question: str) -> tuple[str, Window]:
    """Read and cut every time phrase out of ``question``: the rest (each phrase replaced by a
    separator, so names never join across it) and the window."""
    relative = RELATIVE.search(question)
    if relative:
        raise QueryError(
            f"{relative.group(0)!r} in {question!r} is a relative date: answers must not change "
            f"with the day they are asked. Write the date out instead: try {TIME_FORMS}"
        )
    lone = _LONE_MONTH.search(question)
    if lone:
        raise QueryError(
            f"{lone.group(0)!r} in {question!r} needs a year: try '{lone.group(0)} 2024' "
            f"({TIME_FORMS})"
        )
    window = Window()
    rest = question
    for pattern, mode in ((_CERTAINLY, "within"), (_POSSIBLY, "possibly")):
        if (word := pattern.search(rest)) is not None:
            if window.match != "overlaps":
                raise QueryError(
                    f"{question!r} says both 'certainly' and 'possibly': try one of them"
                )
            window.match = mode
            window.readings.append(f"{word.group(0)!r} -> match {mode}")
            rest = pattern.sub(" ; ", rest)
    dated = False
    for pattern, reader in PATTERNS:
        while (m := pattern.search(rest)) is not None:
            reader(m, window)
            dated = True
            rest = rest[: m.start()] + " ; " + rest[m.end() :]
    window.check()
    window.readings = _joined(window.readings)
    if window.match != "overlaps" and not dated:
        raise QueryError(
            f"{question!r}: 'certainly' or 'possibly' needs a date to apply to: "
            f"try 'certainly in 2023' ({TIME_FORMS})"
        )
    return rest, window


__all__ = ["DATE", "MONTHS", "TIME_FORMS", "Window", "parse_date", "take_time"]
