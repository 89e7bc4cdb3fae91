"""``ask()``: read a short question into a query, never dropping a word silently.

The grammar is small and explicit (see docs/ask.md):

    [all|show|list ...] [ACTOR|PLACE|COUNTRY|PROJECT ...] [KIND words] [TIME]

Time phrases: ``since X``, ``after X``, ``before X``, ``until X``, ``in X``,
``during X``, ``between X and Y``, ``from X to Y``, or a bare date, where X is
EDTF (``2021``, ``2023-10``) or ``Month YYYY``.  Names are matched greedily,
longest first, against every name and alias in the database.  A word that is
neither a filler, a kind, a time nor a known name raises QueryError with the
closest names.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import attrs
from sqlalchemy import select

from catimeline import vocabulary as v
from catimeline.dates import FuzzyDate
from catimeline.errors import InvalidDate, QueryError
from catimeline.names import name_key
from catimeline.query import plain_text, suggest
from catimeline.results import Results
from catimeline.store import schema as s

if TYPE_CHECKING:
    from catimeline.timeline import Timeline

FILLER = frozenset(
    (
        "a all an and any are at by did do does every for from give happened has have how in "
        "involving list me of on show tell that the there these those to was were what which "
        "with"
    ).split()
)

#: Kind words, singular and plural, to kinds or groups; "projects" switches the target.
KIND_WORDS: Mapping[str, str] = {
    **{k: k for k in v.EVENT_KINDS},
    **{g: g for g in v.KIND_GROUPS},
    "incidents": "incident",
    "accidents": "accident",
    "attacks": "attack",
    "clashes": "clash",
    "disasters": "disaster",
    "epidemics": "epidemic",
    "protests": "protest",
    "demonstrations": "protest",
    "rallies": "protest",
    "strikes": "strike",
    "visits": "visit",
    "meetings": "meeting",
    "summits": "summit",
    "agreements": "agreement",
    "deals": "agreement",
    "statements": "statement",
    "investments": "investment",
    "loans": "loan",
    "grants": "grant",
    "contracts": "contract",
    "acquisitions": "acquisition",
    "ipos": "ipo",
    "milestones": "milestone",
    "policies": "policy",
    "laws": "law",
    "elections": "election",
    "appointments": "appointment",
    "dismissals": "dismissal",
    "sanctions": "sanction",
    "inspections": "inspection",
    "investigations": "investigation",
    "fines": "fine",
    "arrests": "arrest",
    "trials": "trial",
    "reports": "report",
    "mining": "accident",
    "explosions": "accident",
    "fires": "accident",
}
TARGET_WORDS: Mapping[str, str] = {
    "events": "events",
    "event": "events",
    "happenings": "events",
    "timeline": "events",
    "projects": "projects",
    "project": "projects",
}

_MONTH_NAMES = (
    "january february march april may june july august september october november december"
).split()
_MONTHS = {m: i for i, m in enumerate(_MONTH_NAMES, start=1)}
_MONTHS.update({m[:3]: i for m, i in list(_MONTHS.items())})
_DATE = r"(?:\d{4}(?:-\d{2}(?:-\d{2})?)?|(?:" + "|".join(_MONTHS) + r")\.?\s+\d{4})"
_TIME_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p, re.IGNORECASE), kind)
    for p, kind in (
        (rf"\bbetween\s+({_DATE})\s+and\s+({_DATE})", "between"),
        (rf"\bfrom\s+({_DATE})\s+(?:to|until|till|through)\s+({_DATE})", "between"),
        (rf"\b(?:since|from)\s+({_DATE})", "since"),
        (rf"\bafter\s+({_DATE})", "after"),
        (rf"\bbefore\s+({_DATE})", "before"),
        (rf"\b(?:until|till|through|up\s+to)\s+({_DATE})", "until"),
        (rf"\b(?:in|during)\s+({_DATE})", "during"),
        (rf"\b({_DATE})\b", "during"),
    )
)


def _to_edtf(text: str) -> str:
    words = text.replace(".", " ").split()
    if len(words) == 2 and words[0].lower() in _MONTHS:
        return f"{int(words[1]):04d}-{_MONTHS[words[0].lower()]:02d}"
    return text


def _date(text: str) -> FuzzyDate:
    try:
        return FuzzyDate.parse(_to_edtf(text))
    except InvalidDate as exc:
        raise QueryError(f"cannot read the date in the question: {exc}") from exc


@attrs.define
class Reading:
    """How a question was read: the filters it yields and what each word became."""

    target: str = "events"
    kinds: list[str] = attrs.field(factory=list)
    actors: list[str] = attrs.field(factory=list)
    places: list[str] = attrs.field(factory=list)
    countries: list[str] = attrs.field(factory=list)
    projects: list[str] = attrs.field(factory=list)
    since: Any = None
    until: Any = None
    during: Any = None
    notes: list[str] = attrs.field(factory=list)


def _next_day(ordinal: int, phrase: str) -> dt.date:
    """The day with this ordinal, or QueryError when it falls outside years 1-9999."""
    try:
        return dt.date.fromordinal(ordinal)
    except (ValueError, OverflowError) as exc:
        raise QueryError(
            f"{phrase.strip()!r} reaches outside the years 0001-9999: use a date inside them"
        ) from exc


def _take_time(question: str, reading: Reading) -> str:
    for pattern, kind in _TIME_PATTERNS:
        while (m := pattern.search(question)) is not None:
            if kind == "between":
                reading.since, reading.until = _date(m.group(1)), _date(m.group(2))
            elif kind == "since":
                reading.since = _date(m.group(1))
            elif kind == "after":
                d = _date(m.group(1))
                assert d.latest is not None
                reading.since = _next_day(d.latest.toordinal() + 1, m.group(0))
            elif kind == "before":
                d = _date(m.group(1))
                assert d.earliest is not None
                reading.until = _next_day(d.earliest.toordinal() - 1, m.group(0))
            elif kind == "until":
                reading.until = _date(m.group(1))
            else:
                reading.during = _date(m.group(1))
            reading.notes.append(f"{m.group(0).strip()!r} -> {kind}")
            question = question[: m.start()] + " " + question[m.end() :]
    return question


class _Names:
    """Every name key in the database mapped to what it names."""

    def __init__(self, timeline: Timeline) -> None:
        self.actors: dict[str, set[str]] = {}
        self.places: dict[str, set[str]] = {}
        self.countries: dict[str, str] = {}
        self.projects: dict[str, str] = {}
        self.display: list[str] = []
        with timeline._read() as c:
            for r in c.execute(
                select(s.actor_names.c.key, s.actor_names.c.actor_id, s.actor_names.c.name)
            ):
                self.actors.setdefault(r.key, set()).add(r.actor_id)
                self.display.append(r.name)
            p = s.places.c
            rows = c.execute(
                select(s.place_names.c.key, s.place_names.c.name, p.id, p.kind, p.country).join(
                    s.places, p.id == s.place_names.c.place_id
                )
            )
            for pr in rows:
                self.places.setdefault(pr.key, set()).add(pr.id)
                self.display.append(pr.name)
                if pr.kind == "country" and pr.country:
                    self.countries[pr.key] = pr.country
            for project in c.execute(select(s.projects.c.id, s.projects.c.name)):
                self.projects[name_key(project.name)] = project.id
                self.projects[project.id.replace("-", " ")] = project.id
                self.display.append(project.name)
        self.longest = max(
            (len(k.split()) for k in (*self.actors, *self.places, *self.projects)), default=1
        )


def read(timeline: Timeline, question: str) -> Reading:
    """Read ``question`` into a :class:`Reading`, or raise QueryError naming the word."""
    if not isinstance(question, str) or not question.strip():
        raise QueryError("ask needs a question, e.g. 'all AMT incidents since 2021'")
    if len(question) > 500 or not plain_text(question):
        raise QueryError(
            "a question is at most 500 characters of ordinary text (no NUL characters): "
            "shorten it, or use tl.events() with filters"
        )
    reading = Reading()
    rest = _take_time(question, reading)
    words = name_key(rest).split()
    names = _Names(timeline)
    i = 0
    while i < len(words):
        for size in range(min(names.longest, len(words) - i), 0, -1):
            phrase = " ".join(words[i : i + size])
            if _place_phrase(phrase, names, reading, words[i - 1] if i else ""):
                i += size
                break
        else:
            word = words[i]
            if word in FILLER:
                i += 1
                continue
            if word in TARGET_WORDS:
                reading.target = TARGET_WORDS[word]
            elif word in KIND_WORDS:
                reading.kinds.append(KIND_WORDS[word])
            else:
                pool = [*names.display, *KIND_WORDS, *TARGET_WORDS]
                close = suggest(word, pool)
                hint = f"; did you mean {', '.join(map(repr, close))}?" if close else ""
                raise QueryError(
                    f"cannot place {word!r} in {question!r}: it is not a known actor, place, "
                    f"project, kind or time word{hint}",
                    suggestions=close,
                )
            reading.notes.append(
                f"{word!r} -> {reading.target if word in TARGET_WORDS else 'kind'}"
            )
            i += 1
    return reading


def _place_phrase(phrase: str, names: _Names, reading: Reading, before: str) -> bool:
    """Record ``phrase`` if it is a name; countries win over actors after 'in'."""
    if phrase in FILLER or phrase in KIND_WORDS or phrase in TARGET_WORDS:
        return False
    country = names.countries.get(phrase)
    is_actor = phrase in names.actors
    if country and (before in {"in", "at"} or not is_actor or reading.target == "projects"):
        reading.countries.append(country)
        reading.notes.append(f"{phrase!r} -> country {country}")
        return True
    if is_actor:
        reading.actors.extend(sorted(names.actors[phrase]))
        reading.notes.append(f"{phrase!r} -> actor {', '.join(sorted(names.actors[phrase]))}")
        return True
    if phrase in names.places:
        reading.places.extend(sorted(names.places[phrase]))
        reading.notes.append(f"{phrase!r} -> place {', '.join(sorted(names.places[phrase]))}")
        return True
    if phrase in names.projects:
        reading.projects.append(names.projects[phrase])
        reading.notes.append(f"{phrase!r} -> project {names.projects[phrase]}")
        return True
    return False


def ask(timeline: Timeline, question: str) -> Results[Any]:
    """Answer ``question`` on ``timeline``; ``results.query`` says how it was read."""
    r = read(timeline, question)
    results: Results[Any]
    if r.target == "projects":
        if r.places or r.kinds or r.during:
            raise QueryError(
                f"{question!r}: project questions take actors, countries and since/until only"
            )
        results = timeline.projects(
            actor=r.actors or None, country=r.countries or None, since=r.since, until=r.until
        )
    else:
        results = timeline.events(
            actor=r.actors or None,
            kind=r.kinds or None,
            country=r.countries or None,
            place=r.places or None,
            project=r.projects or None,
            since=r.since,
            until=r.until,
            during=r.during,
        )
    query = attrs.evolve(results.query, question=question)
    matches = {i: results.why(i) for i in results.ids}
    return Results(list(results), query, matches, timeline)
