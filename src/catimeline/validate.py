"""One validation for every write: ``tl.add``, ``tl.update``, imports and seeds.

:func:`check` takes records (and anything else a caller passed by mistake) and
returns them normalised (a country's name becomes its ISO code, figures become
floats) with every problem found, each naming the record, its id and the field.
It checks values one record at a time (ids as slugs, words of the vocabulary,
ISO countries, dates, finite numbers, text a database can store) and then what
needs all of them and the database (:class:`Known`): unique ids, references with
suggestions, citations inside their source, places not inside themselves.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import Any, Protocol

import attrs

from catimeline import vocabulary as v
from catimeline.dates import FuzzyDate
from catimeline.errors import Problem
from catimeline.model import (
    Accident,
    Actor,
    Citation,
    Event,
    Name,
    Participant,
    Place,
    Project,
    Quantity,
    Record,
    Relation,
    Source,
    StatusChange,
    Tenure,
    quantity,
)
from catimeline.seedfile import ID_PATTERN

ID_LENGTH = 120
#: Whole numbers (offsets, deaths) fit a 32-bit integer column on every database.
WHOLE_MAX = 2**31 - 1
#: Figures beyond this magnitude are typing mistakes, not quantities (and lose precision).
FIGURE_MAX = 1e18
#: Characters a line of text may not hold (controls other than tab; no NUL anywhere).
_LINE_CONTROLS = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")
_TEXT_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_URL = re.compile(r"^https?://[^\s<>\"'\x00-\x1f\x7f]+$", re.IGNORECASE)
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
#: Codes in use that ISO 3166-1 has not assigned (Kosovo).
EXTRA_COUNTRIES = {"XK": "Kosovo"}
RECORD_TYPES = (Source, Actor, Place, Project, Event)


def kind_word(record: object) -> str:
    """``event`` (an Accident too), ``actor``, ``place``, ``project``, ``source`` or ``record``."""
    if isinstance(record, Event):
        return "event"
    if isinstance(record, RECORD_TYPES):
        return type(record).__name__.lower()
    return "record"


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
    """The entries of ``pool`` closest to ``needle``, best first."""
    from rapidfuzz import fuzz, process, utils

    found = process.extract(
        needle,
        list(dict.fromkeys(pool)),
        scorer=fuzz.WRatio,
        processor=utils.default_process,
        limit=limit,
        score_cutoff=70,
    )
    return [name for name, _score, _index in found]


def _hint(close: Sequence[str]) -> str:
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
                f"(catimeline.vocabulary){_hint(close)}",
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
                f"{_hint(close)}",
            )
        return code


def _shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _citations(f: _Fields, field: str, values: object) -> None:
    for c in f.items(field, values, Citation):
        f.slug(field, c.source)
        f.whole(field, c.start, required=True)
        f.whole(field, c.end, required=True)
        if isinstance(c.start, int) and isinstance(c.end, int) and c.start >= c.end:
            f.fail(field, f"span {c.start}-{c.end} is empty or reversed: start must be < end")


def _names(f: _Fields, values: object) -> None:
    for n in f.items("names", values, Name):
        f.text("names", n.name, required=True, limit=255)
        f.word("names", n.type, v.NAME_TYPES, "a name type")
        f.date("names", n.since)
        f.date("names", n.until)
        f.text("names", n.note, limit=20_000, lines=True)


def _participants(f: _Fields, values: object) -> None:
    for p in f.items("participants", values, Participant):
        f.slug("participants", p.actor)
        f.word("participants", p.role, v.ROLES, "a role")
        f.text("participants", p.note, limit=20_000, lines=True)


def _figures(f: _Fields, values: object) -> tuple[Quantity, ...] | None:
    out = []
    for q in f.items("figures", values, Quantity):
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
                else quantity(
                    q.name, value, q.unit, printed=q.printed, approx=q.approx, note=q.note
                )
            )
    return tuple(out)


def _source(f: _Fields, r: Source) -> Record:
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


def _actor(f: _Fields, r: Actor) -> Record:
    f.text("name", r.name, required=True, limit=255)
    f.word("kind", r.kind, v.ACTOR_KINDS, "an actor kind")
    country = f.country("country", r.country)
    _names(f, r.names)
    for rel in f.items("relations", r.relations, Relation):
        f.word("relations", rel.type, v.RELATION_TYPES, "a relation type")
        f.slug("relations", rel.actor)
        f.date("relations", rel.since)
        f.date("relations", rel.until)
        f.text("relations", rel.note, limit=20_000, lines=True)
    f.text("description", r.description, limit=20_000, lines=True)
    _citations(f, "citations", r.citations)
    f.text("notes", r.notes, limit=20_000, lines=True)
    return attrs.evolve(r, country=country) if country != r.country else r


def _place(f: _Fields, r: Place) -> Record:
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
    for t in f.items("operators", r.operators, Tenure):
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


def _project(f: _Fields, r: Project) -> Record:
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
    for st in f.items("status", r.status, StatusChange):
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


def _event(f: _Fields, r: Event) -> Record:
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
    if isinstance(r, Accident):
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


_CHECKS: Mapping[type, Callable[[_Fields, Any], Record]] = {
    Source: _source,
    Actor: _actor,
    Place: _place,
    Project: _project,
    Event: _event,
    Accident: _event,
}


def check_values(record: object, index: int | None = None) -> tuple[Record | None, list[Problem]]:
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


# ------------------------------------------------------------------ across records


class Known(Protocol):
    """What the database (or another seed set) already holds, for references."""

    def missing(self, kind: str, ids: set[str]) -> set[str]:
        """The ids of ``kind`` that are not there."""

    def redirects(self, kind: str, ids: set[str]) -> dict[str, str]:
        """Merged ids among ``ids`` and the id each now resolves to."""

    def sources(self, ids: set[str]) -> dict[str, Source]:
        """The sources with these ids."""

    def parents(self, ids: set[str]) -> dict[str, str | None]:
        """The parent of each of these places."""

    def pool(self, kind: str) -> list[str]:
        """Ids of ``kind`` to suggest from."""


class Nothing:
    """Nothing known outside the records themselves."""

    def missing(self, kind: str, ids: set[str]) -> set[str]:
        """Every id is missing."""
        return set(ids)

    def redirects(self, kind: str, ids: set[str]) -> dict[str, str]:
        """No redirects."""
        return {}

    def sources(self, ids: set[str]) -> dict[str, Source]:
        """No sources."""
        return {}

    def parents(self, ids: set[str]) -> dict[str, str | None]:
        """No places."""
        return {}

    def pool(self, kind: str) -> list[str]:
        """No ids."""
        return []


class RecordsKnown(Nothing):
    """Records of a seed set (the bundled seeds, say) known to other records."""

    def __init__(self, records: Iterable[Record]) -> None:
        self.by_kind: dict[str, dict[str, Record]] = defaultdict(dict)
        for r in records:
            self.by_kind[kind_word(r)][r.id] = r

    def missing(self, kind: str, ids: set[str]) -> set[str]:
        """The ids the set does not hold."""
        return {i for i in ids if i not in self.by_kind[kind]}

    def sources(self, ids: set[str]) -> dict[str, Source]:
        """The set's sources with these ids."""
        found = self.by_kind["source"]
        return {i: found[i] for i in ids if i in found}  # type: ignore[misc]

    def parents(self, ids: set[str]) -> dict[str, str | None]:
        """The parents of the set's places."""
        found = self.by_kind["place"]
        return {i: found[i].parent for i in ids if i in found}  # type: ignore[union-attr]

    def pool(self, kind: str) -> list[str]:
        """Every id of ``kind`` in the set."""
        return list(self.by_kind[kind])


def references(record: Record) -> Iterator[tuple[str, str, str, str]]:
    """(kind of target, target id, what refers, field) for every reference a record makes."""
    if isinstance(record, Actor):
        for rel in record.relations:
            yield "actor", rel.actor, f"relation {rel.type}", "relations"
    elif isinstance(record, Place):
        if record.parent:
            yield "place", record.parent, "parent", "parent"
        for t in record.operators:
            yield "actor", t.actor, f"{t.role}", "operators"
    elif isinstance(record, Project):
        for pl in record.places:
            yield "place", pl, "places", "places"
        for p in record.participants:
            yield "actor", p.actor, f"participant ({p.role})", "participants"
        for st in record.status:
            if st.event:
                yield "event", st.event, f"status {st.status}", "status"
    elif isinstance(record, Event):
        for pl in record.places:
            yield "place", pl, "places", "places"
        for p in record.participants:
            yield "actor", p.actor, f"participant ({p.role})", "participants"
        if record.project:
            yield "project", record.project, "project", "project"
        if isinstance(record, Accident):
            if record.facility:
                yield "place", record.facility, "facility", "facility"
            if record.operator:
                yield "actor", record.operator, "operator", "operator"


def all_citations(record: Record) -> Iterator[tuple[str, int, int, str]]:
    """(source, start, end, field) for every citation of a record."""
    for c in getattr(record, "citations", ()):
        yield c.source, c.start, c.end, "citations"
    if isinstance(record, Project):
        for st in record.status:
            for c in st.citations:
                yield c.source, c.start, c.end, "status"


def _problem(record: Record, index: int, field: str, message: str) -> Problem:
    return Problem(kind_word(record), record.id, field, message, index)


def check_links(
    records: Sequence[Record],
    known: Known,
    *,
    texts: Callable[[str], str | None] = lambda _document: None,
    given: set[tuple[str, str]] = frozenset(),  # type: ignore[assignment]
) -> list[Problem]:
    """What needs every record at once: references, citations and place cycles.

    ``records`` have passed :func:`check_values` and carry unique ids per kind;
    a reference may point into ``records`` or at what ``known`` holds;
    ``texts(document)`` gives a document's text to check spans against, if at hand.
    """
    problems: list[Problem] = []
    here: dict[str, dict[str, Record]] = defaultdict(dict)
    for r in records:
        here[kind_word(r)][r.id] = r
    wanted: dict[str, set[str]] = defaultdict(set)
    for r in records:
        for target_kind, target, _what, _field in references(r):
            if target not in here[target_kind] and (target_kind, target) not in given:
                wanted[target_kind].add(target)
        for source, *_ in all_citations(r):
            if source not in here["source"] and ("source", source) not in given:
                wanted["source"].add(source)
    missing = {kind: known.missing(kind, ids) for kind, ids in wanted.items()}
    for i, r in enumerate(records):
        for target_kind, target, what, field in references(r):
            if target in missing.get(target_kind, ()):
                moved = known.redirects(target_kind, {target}).get(target)
                hint = (
                    f"; it was merged into {moved!r}: refer to that"
                    if moved
                    else _hint(suggest(target, [*here[target_kind], *known.pool(target_kind)]))
                )
                problems.append(
                    _problem(
                        r,
                        i,
                        field,
                        f"{kind_word(r)} {r.id!r}: {what} refers to unknown {target_kind} "
                        f"{target!r}{hint}",
                    )
                )
    problems += _check_citations(records, here, missing.get("source", set()), known, texts)
    problems += _check_cycles(records, here, known)
    return problems


def _check_citations(
    records: Sequence[Record],
    here: Mapping[str, Mapping[str, Record]],
    missing: set[str],
    known: Known,
    texts: Callable[[str], str | None],
) -> list[Problem]:
    problems: list[Problem] = []
    outside = {
        source
        for r in records
        for source, *_ in all_citations(r)
        if source not in here["source"] and source not in missing
    }
    sources: dict[str, Source] = {**known.sources(outside), **here["source"]}  # type: ignore[dict-item]
    for i, r in enumerate(records):
        for source_id, start, end, field in all_citations(r):
            src = sources.get(source_id)
            if src is None and source_id not in missing:
                continue  # a source given with problems of its own
            if src is None:
                problems.append(
                    _problem(
                        r, i, field, f"{kind_word(r)} {r.id!r} cites unknown source {source_id!r}"
                    )
                )
                continue
            what = f"{kind_word(r)} {r.id!r}: citation {src.id} {start}-{end}"
            text = texts(src.document)
            if text is not None:
                if end > len(text):
                    problems.append(
                        _problem(
                            r,
                            i,
                            field,
                            f"{what} runs past the end of {src.document} ({len(text)} characters)",
                        )
                    )
                    continue
                if not text[start:end].strip():
                    problems.append(_problem(r, i, field, f"{what} covers only blank text"))
                    continue
            if (
                src.start is not None
                and src.end is not None
                and not (src.start <= start and end <= src.end)
            ):
                problems.append(
                    _problem(
                        r, i, field, f"{what} lies outside the article ({src.start}-{src.end})"
                    )
                )
    return problems


def _check_cycles(
    records: Sequence[Record], here: Mapping[str, Mapping[str, Record]], known: Known
) -> list[Problem]:
    """A place may not lie inside itself, through the records given or the database's."""
    parents: dict[str, str | None] = {
        pid: p.parent  # type: ignore[union-attr]
        for pid, p in here["place"].items()
    }
    problems: list[Problem] = []
    for i, r in enumerate(records):
        if not isinstance(r, Place) or r.parent is None or r.parent == r.id:
            continue
        seen = {r.id}
        parent: str | None = r.parent
        for _ in range(10_000):
            if parent is None:
                break
            if parent in seen:
                problems.append(
                    _problem(r, i, "parent", f"place {r.id!r} is inside itself through its parents")
                )
                break
            seen.add(parent)
            if parent not in parents:
                parents.update(known.parents({parent}))
            parent = parents.get(parent)
    return problems


def duplicates(records: Sequence[Record]) -> list[Problem]:
    """Records given twice with one id (per kind)."""
    first: dict[tuple[str, str], int] = {}
    problems = []
    for i, r in enumerate(records):
        key = (kind_word(r), r.id)
        if key in first:
            problems.append(
                _problem(
                    r,
                    i,
                    "id",
                    f"{key[0]} {r.id!r}: id given twice in one call: give each record once",
                )
            )
        else:
            first[key] = i
    return problems


def check(
    items: Iterable[object],
    known: Known,
    *,
    texts: Callable[[str], str | None] = lambda _document: None,
) -> tuple[list[Record], list[Problem]]:
    """Every check of every write path: the records normalised, and every problem found."""
    records: list[Record] = []
    problems: list[Problem] = []
    positions: list[int] = []
    items_seen = list(items)
    for index, item in enumerate(items_seen):
        record, found = check_values(item, index)
        problems += found
        if record is not None and not found:
            records.append(record)
            positions.append(index)
    for p in duplicates(records):
        # Give back the caller's positions: ``records`` holds only the good items.
        p.index = positions[p.index] if p.index is not None else None
        problems.append(p)
    # Records with bad fields are left out of the links, but references to them are not
    # reported again as unknown.
    given = {
        (kind_word(item), item.id)
        for item in items_seen
        if isinstance(item, RECORD_TYPES) and isinstance(item.id, str)
    }
    for p in check_links(records, known, texts=texts, given=given):
        p.index = positions[p.index] if p.index is not None else None
        problems.append(p)
    return records, problems


def document_texts(folder: Path | None) -> Callable[[str], str | None]:
    """A reader of documents of ``folder`` (None where the document is not there)."""
    from catimeline.cite import read_document

    cache_: dict[str, str | None] = {}

    def read(document: str) -> str | None:
        if folder is None:
            return None
        if document not in cache_:
            path = folder / document
            try:
                cache_[document] = read_document(path) if path.is_file() else None
            except (OSError, ValueError):
                cache_[document] = None
        return cache_[document]

    return read
