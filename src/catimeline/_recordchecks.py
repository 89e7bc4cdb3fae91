"""The checks of one record's own fields, for :mod:`catimeline._validate`.

Ids as slugs, words of the vocabulary, ISO countries (a name becomes its code),
dates, finite numbers in range, and text a database can store.  Each problem
names the record, its id and the field.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import cache
from typing import Any

import attrs

from catimeline import _model as m
from catimeline import vocabulary as v
from catimeline._dates import FuzzyDate
from catimeline._errors import Problem
from catimeline._seedentry import ID_PATTERN
from catimeline._similar import closest
from catimeline._store.shapes import kind_of

ID_LENGTH = 120
#: Whole numbers (offsets, deaths) fit a 32-bit integer column on every database.
WHOLE_MAX = 2**31 - 1
#: Figures beyond this magnitude are typing mistakes, not quantities (and lose precision).
FIGURE_MAX = 1e18
#: Characters a line of text may not hold (controls other than tab; no NUL anywhere).
_LINE_CONTROLS = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")
_TEXT_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
#: Anything either check above could object to: clean text (nearly all) is passed with
#: one search instead of two.
_SUSPECT = re.compile(r"[\x00-\x1f\x7f\ud800-\udfff]")
_URL = re.compile(r"^https?://[^\s<>\"'\x00-\x1f\x7f]+$", re.IGNORECASE)
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
#: Codes in use that ISO 3166-1 has not assigned (Kosovo).
EXTRA_COUNTRIES = {"XK": "Kosovo"}
RECORD_TYPES = (m.Source, m.Actor, m.Place, m.Project, m.Event)


def kind_word(record: object) -> str:
    """``event`` (an Accident too), ``actor``, ``place``, ``project``, ``source`` or ``record``."""
    return kind_of(record) if isinstance(record, RECORD_TYPES) else "record"


# ------------------------------------------------------------------ countries


@cache
def _countries() -> dict[str, str]:
    """ISO 3166-1 alpha-2 code -> name (pycountry, loaded on first use)."""
    import pycountry

    found = {c.alpha_2: c.name for c in pycountry.countries}
    found.update(EXTRA_COUNTRIES)
    return found


def country_code(value: str) -> tuple[str | None, list[str]]:
    """The ISO alpha-2 code for a code or a country's name, or None and close names."""
    text = value.strip()
    codes = _countries()
    if text.upper() in codes and len(text) == 2:
        return text.upper(), []
    import pycountry

    try:
        return pycountry.countries.lookup(text).alpha_2, []
    except LookupError:
        pass
    for code, name in EXTRA_COUNTRIES.items():
        if name.lower() == text.lower():
            return code, []
    return None, suggest(text, list(codes.values()))


def suggest(needle: str, pool: Iterable[str], limit: int = 3) -> list[str]:
    """The entries of ``pool`` closest to ``needle``, best first; a record's field is
    held to a closer match than a query's words (70, not 60)."""
    return closest(needle, pool, limit=limit, cutoff=70)


def hint(close: Sequence[str]) -> str:
    """'; did you mean ...?' for close matches, or nothing."""
    return f"; did you mean {', '.join(map(repr, close))}?" if close else ""


# ------------------------------------------------------------------ one record


class _Fields:
    """Checks the fields of one record, collecting problems instead of stopping."""

    def __init__(self, record: Any, index: int | None) -> None:
        self.record = record
        self.kind = kind_word(record)
        raw_id = getattr(record, "id", None)
        self.id = raw_id if isinstance(raw_id, str) else repr(raw_id)[:60]
        self.index = index
        self.problems: list[Problem] = []

    def fail(self, field: str, message: str) -> None:
        self.problems.append(
            Problem(
                self.kind,
                self.id,
                field,
                f"{self.kind} {self.id!r}: {field} {message}",
                self.index,
            )
        )

    def slug(self, field: str, value: object, *, required: bool = True) -> None:
        if value is None and not required:
            return
        if not isinstance(value, str):
            self.fail(field, f"must be an id (text), not {_shown(value)}")
        elif len(value) > ID_LENGTH or not ID_PATTERN.match(value):
            self.fail(
                field,
                f"{_shown(value)} is not an id slug: use lower-case letters, digits and single "
                f"hyphens, at most {ID_LENGTH} characters",
            )

    def text(
        self, field: str, value: object, *, required: bool = False, limit: int, lines: bool = False
    ) -> None:
        if value is None:
            if required:
                self.fail(field, "is required")
            return
        if not isinstance(value, str):
            self.fail(field, f"must be text, not {type(value).__name__}")
            return
        if required and not value.strip():
            self.fail(field, "must not be blank")
        if len(value) > limit:
            self.fail(field, f"is {len(value)} characters long; at most {limit} fit")
        if not _SUSPECT.search(value):
            return
        if _SURROGATE.search(value):
            self.fail(field, "holds a lone surrogate character, which no database can store")
        if (_TEXT_CONTROLS if lines else _LINE_CONTROLS).search(value):
            allowed = "other than tab and line breaks" if lines else "(one line of text)"
            self.fail(field, f"holds a control character {allowed}: remove it")

    def word(self, field: str, value: object, vocabulary: Mapping[str, str], what: str) -> None:
        if not isinstance(value, str) or value not in vocabulary:
            close = suggest(value, vocabulary) if isinstance(value, str) else []
            self.fail(
                field,
                f"{_shown(value)} is not {what} of the vocabulary "
                f"(catimeline.vocabulary){hint(close)}",
            )

    def whole(self, field: str, value: object, *, required: bool = False) -> None:
        if value is None and not required:
            return
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= WHOLE_MAX:
            self.fail(field, f"must be a whole number from 0 to {WHOLE_MAX}, not {_shown(value)}")

    def date(self, field: str, value: object, *, required: bool = False) -> None:
        if value is None and not required:
            return
        if not isinstance(value, FuzzyDate):
            self.fail(field, f"must be a date (EDTF text or FuzzyDate), not {_shown(value)}")

    def number(self, field: str, value: object, *, low: float, high: float) -> float | None:
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.fail(field, f"must be a number, not {_shown(value)}")
            return None
        try:
            number = float(value)
        except OverflowError:
            number = math.inf
        if not math.isfinite(number):
            self.fail(field, f"must be a finite number, not {_shown(value)}")
            return None
        if not low <= number <= high:
            self.fail(field, f"{_shown(value)} is outside {low:g}..{high:g}")
            return None
        return number

    def items(self, field: str, values: object, cls: type | tuple[type, ...]) -> list[Any]:
        if not isinstance(values, tuple | list):
            self.fail(field, f"must be a list, not {type(values).__name__}")
            return []
        good = []
        for item in values:
            if isinstance(item, cls):
                good.append(item)
            else:
                names = " or ".join(c.__name__ for c in (cls if isinstance(cls, tuple) else (cls,)))
                self.fail(field, f"must hold {names} items, not {_shown(item)}")
        return good

    def country(self, field: str, value: object) -> str | None:
        if value is None:
            return None
        if not isinstance(value, str):
            self.fail(field, f"must be an ISO country code or a name, not {_shown(value)}")
            return None
        code, close = country_code(value)
        if code is None:
            self.fail(
                field,
                f"{_shown(value)} is not an ISO 3166-1 country code or a country's name"
                f"{hint(close)}",
            )
        return code


def _shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _citations(f: _Fields, field: str, values: object) -> None:
    for c in f.items(field, values, m.Citation):
        f.slug(field, c.source)
        f.whole(field, c.start, required=True)
        f.whole(field, c.end, required=True)
        if isinstance(c.start, int) and isinstance(c.end, int) and c.start >= c.end:
            f.fail(field, f"span {c.start}-{c.end} is empty or reversed: start must be < end")


def _names(f: _Fields, values: object) -> None:
    for n in f.items("names", values, m.Name):
        f.text("names", n.name, required=True, limit=255)
        f.word("names", n.type, v.NAME_TYPES, "a name type")
        f.date("names", n.since)
        f.date("names", n.until)
        f.text("names", n.note, limit=20_000, lines=True)


def _participants(f: _Fields, values: object) -> None:
    for p in f.items("participants", values, m.Participant):
        f.slug("participants", p.actor)
        f.word("participants", p.role, v.ROLES, "a role")
        f.text("participants", p.note, limit=20_000, lines=True)


def _figures(f: _Fields, values: object) -> tuple[m.Quantity, ...] | None:
    out = []
    for q in f.items("figures", values, m.Quantity):
        f.text("figures", q.name, required=True, limit=60)
        f.text("figures", q.unit, required=True, limit=60)
        f.text("figures", q.printed, limit=255)
        f.text("figures", q.note, limit=20_000, lines=True)
        if not isinstance(q.approx, bool):
            f.fail("figures", f"approx must be True or False, not {_shown(q.approx)}")
        value = f.number("figures", q.value, low=-FIGURE_MAX, high=FIGURE_MAX)
        if value is not None and isinstance(q.name, str) and isinstance(q.unit, str):
            out.append(
                q
                if type(q.value) is float
                else m.quantity(
                    q.name, value, q.unit, printed=q.printed, approx=q.approx, note=q.note
                )
            )
    return tuple(out)


def _source(f: _Fields, r: m.Source) -> m.Record:
    f.text("document", r.document, required=True, limit=255)
    if isinstance(r.document, str) and (
        "/" in r.document or "\\" in r.document or r.document.strip() in {".", ".."}
    ):
        f.fail("document", f"{r.document!r} must be a file name, not a path")
    f.text("title", r.title, required=True, limit=1000)
    f.text("publisher", r.publisher, limit=255)
    f.text("author", r.author, limit=255)
    f.date("published", r.published)
    if r.published_how is not None:
        f.word("published_how", r.published_how, v.DATE_HOW, "a date_how word")
    if r.sha256 is not None and (not isinstance(r.sha256, str) or not _SHA256.match(r.sha256)):
        f.fail("sha256", f"{_shown(r.sha256)} is not 64 lower-case hexadecimal digits")
    f.whole("start", r.start)
    f.whole("end", r.end)
    if isinstance(r.start, int) and isinstance(r.end, int) and r.start >= r.end:
        f.fail("start", f"{r.start} must be before the end {r.end}")
    f.text("notes", r.notes, limit=20_000, lines=True)
    if r.url is not None:
        f.text("url", r.url, limit=2048)
        if isinstance(r.url, str) and not _URL.match(r.url):
            f.fail("url", f"{_shown(r.url)} is not a web address (http:// or https://)")
    return r


def _actor(f: _Fields, r: m.Actor) -> m.Record:
    f.text("name", r.name, required=True, limit=255)
    f.word("kind", r.kind, v.ACTOR_KINDS, "an actor kind")
    country = f.country("country", r.country)
    _names(f, r.names)
    for rel in f.items("relations", r.relations, m.Relation):
        f.word("relations", rel.type, v.RELATION_TYPES, "a relation type")
        f.slug("relations", rel.actor)
        f.date("relations", rel.since)
        f.date("relations", rel.until)
        f.text("relations", rel.note, limit=20_000, lines=True)
    f.text("description", r.description, limit=20_000, lines=True)
    _citations(f, "citations", r.citations)
    f.text("notes", r.notes, limit=20_000, lines=True)
    return attrs.evolve(r, country=country) if country != r.country else r


def _place(f: _Fields, r: m.Place) -> m.Record:
    f.text("name", r.name, required=True, limit=255)
    f.word("kind", r.kind, v.PLACE_KINDS, "a place kind")
    f.slug("parent", r.parent, required=False)
    if r.parent is not None and r.parent == r.id:
        f.fail("parent", "is the place itself: a place cannot lie inside itself")
    country = f.country("country", r.country)
    coordinates = r.coordinates
    if coordinates is not None:
        if not isinstance(coordinates, tuple | list) or len(coordinates) != 2:
            f.fail("coordinates", f"must be (latitude, longitude), not {_shown(coordinates)}")
        else:
            lat = f.number("coordinates", coordinates[0], low=-90, high=90)
            lon = f.number("coordinates", coordinates[1], low=-180, high=180)
            if lat is not None and lon is not None:
                coordinates = (lat, lon)
    _names(f, r.names)
    for t in f.items("operators", r.operators, m.Tenure):
        f.slug("operators", t.actor)
        f.word("operators", t.role, v.ROLES, "a role")
        f.date("operators", t.since)
        f.date("operators", t.until)
        f.text("operators", t.note, limit=20_000, lines=True)
    f.text("notes", r.notes, limit=20_000, lines=True)
    _citations(f, "citations", r.citations)
    if country != r.country or coordinates != r.coordinates:
        return attrs.evolve(r, country=country, coordinates=coordinates)
    return r


def _project(f: _Fields, r: m.Project) -> m.Record:
    f.text("name", r.name, required=True, limit=255)
    if not isinstance(r.kind, str) or len(r.kind) > 60 or not ID_PATTERN.match(r.kind):
        f.fail("kind", f"{_shown(r.kind)} must be a slug such as 'hydropower-plant'")
    countries = []
    if isinstance(r.countries, tuple | list):
        countries = [f.country("countries", c) for c in r.countries]
    else:
        f.fail("countries", f"must be a list, not {type(r.countries).__name__}")
    for place in f.items("places", r.places, str):
        f.slug("places", place)
    _participants(f, r.participants)
    figures = _figures(f, r.figures)
    for st in f.items("status", r.status, m.StatusChange):
        f.word("status", st.status, v.STATUSES, "a status")
        f.date("status", st.date, required=True)
        f.word("status", st.date_how, v.DATE_HOW, "a date_how word")
        f.slug("status", st.event, required=False)
        f.text("status", st.note, limit=20_000, lines=True)
        if not isinstance(st.planned, bool):
            f.fail("status", f"planned must be True or False, not {_shown(st.planned)}")
        _citations(f, "status", st.citations)
    _citations(f, "citations", r.citations)
    f.text("notes", r.notes, limit=20_000, lines=True)
    codes = tuple(c for c in countries if c is not None)
    if codes != tuple(r.countries) or figures != tuple(r.figures):
        return attrs.evolve(r, countries=codes, figures=figures)
    return r


def _event(f: _Fields, r: m.Event) -> m.Record:
    f.date("date", r.date, required=True)
    f.word("kind", r.kind, v.EVENT_KINDS, "an event kind")
    f.word("date_how", r.date_how, v.DATE_HOW, "a date_how word")
    f.text("title", r.title, required=True, limit=1000)
    f.text("summary", r.summary, limit=20_000, lines=True)
    country = f.country("country", r.country)
    for place in f.items("places", r.places, str):
        f.slug("places", place)
    _participants(f, r.participants)
    f.slug("project", r.project, required=False)
    figures = _figures(f, r.figures)
    if isinstance(r.citations, tuple | list) and not r.citations:
        f.fail("citations", "is empty: an event needs at least one citation of a source")
    _citations(f, "citations", r.citations)
    for tag in f.items("tags", r.tags, str):
        f.text("tags", tag, required=True, limit=60)
    f.text("notes", r.notes, limit=20_000, lines=True)
    if isinstance(r, m.Accident):
        if r.kind != "accident":
            f.fail("kind", f"of an Accident must be 'accident', not {_shown(r.kind)}")
        f.whole("deaths", r.deaths)
        f.whole("injured", r.injured)
        if r.cause is not None:
            f.word("cause", r.cause, v.CAUSES, "a cause")
        f.slug("facility", r.facility, required=False)
        f.slug("operator", r.operator, required=False)
    if country != r.country or figures != tuple(r.figures):
        return attrs.evolve(r, country=country, figures=figures)
    return r


_CHECKS: Mapping[type, Callable[[_Fields, Any], m.Record]] = {
    m.Source: _source,
    m.Actor: _actor,
    m.Place: _place,
    m.Project: _project,
    m.Event: _event,
    m.Accident: _event,
}


def check_values(record: object, index: int | None = None) -> tuple[m.Record | None, list[Problem]]:
    """One record's own fields: the record normalised (None if it is not a record) and its
    problems."""
    f = _Fields(record, index)
    check = _CHECKS.get(type(record))
    if check is None:
        message = (
            f"{_shown(record)} is a {type(record).__name__}, not a record: give Event, "
            "Accident, Actor, Place, Project or Source objects"
        )
        return None, [Problem("record", f.id, "", message, index)]
    f.slug("id", record.id)  # type: ignore[attr-defined]
    try:
        normalised = check(f, record)
    except (TypeError, ValueError, AttributeError) as exc:
        # Attributes of the wrong type that the checks above could not even compare.
        f.fail("", f"cannot be read ({type(exc).__name__}: {exc})")
        normalised = record  # type: ignore[assignment]
    return (normalised if not f.problems else record), f.problems  # type: ignore[return-value]
