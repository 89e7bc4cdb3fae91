"""One validation for every write: ``tl.add``, ``tl.update``, imports and seeds.

:func:`check` takes records (and anything else a caller passed by mistake) and
returns them normalised (a country's name becomes its ISO code, figures become
floats) with every problem found, each naming the record, its id and the field.
It checks values one record at a time (:mod:`catimeline._recordchecks`: ids as
slugs, words of the vocabulary, ISO countries, dates, finite numbers, text a
database can store) and then what needs all of them and the database
(:class:`Known`): unique ids, references with suggestions, citations inside their
source, places not inside themselves.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Protocol

from catimeline._errors import Problem
from catimeline._model import Accident, Actor, Event, Place, Project, Record, Source
from catimeline._recordchecks import (
    RECORD_TYPES,
    check_values,
    country_code,
    hint,
    kind_word,
    suggest,
)

__all__ = [
    "Known",
    "Nothing",
    "RecordsKnown",
    "check",
    "check_values",
    "country_code",
    "kind_word",
]


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
        yield from _place_references(record)
    elif isinstance(record, Project):
        yield from _project_references(record)
    elif isinstance(record, Event):
        yield from _event_references(record)


def _place_references(place: Place) -> Iterator[tuple[str, str, str, str]]:
    """A place's parent and operators."""
    if place.parent:
        yield "place", place.parent, "parent", "parent"
    for t in place.operators:
        yield "actor", t.actor, f"{t.role}", "operators"


def _places_and_participants(record: Project | Event) -> Iterator[tuple[str, str, str, str]]:
    """The places and participating actors a project or event names."""
    for pl in record.places:
        yield "place", pl, "places", "places"
    for p in record.participants:
        yield "actor", p.actor, f"participant ({p.role})", "participants"


def _project_references(project: Project) -> Iterator[tuple[str, str, str, str]]:
    """A project's places, participants and the events behind its statuses."""
    yield from _places_and_participants(project)
    for st in project.status:
        if st.event:
            yield "event", st.event, f"status {st.status}", "status"


def _event_references(event: Event) -> Iterator[tuple[str, str, str, str]]:
    """An event's places, participants and project; an accident's facility and operator."""
    yield from _places_and_participants(event)
    if event.project:
        yield "project", event.project, "project", "project"
    if isinstance(event, Accident):
        if event.facility:
            yield "place", event.facility, "facility", "facility"
        if event.operator:
            yield "actor", event.operator, "operator", "operator"


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
    # Walk the references again only to say which record made a missing one.
    unknown = {kind: ids for kind, ids in missing.items() if ids and kind != "source"}
    for i, r in enumerate(records if unknown else ()):
        for target_kind, target, what, field in references(r):
            if target in unknown.get(target_kind, ()):
                moved = known.redirects(target_kind, {target}).get(target)
                advice = (
                    f"; it was merged into {moved!r}: refer to that"
                    if moved
                    else hint(suggest(target, [*here[target_kind], *known.pool(target_kind)]))
                )
                problems.append(
                    _problem(
                        r,
                        i,
                        field,
                        f"{kind_word(r)} {r.id!r}: {what} refers to unknown {target_kind} "
                        f"{target!r}{advice}",
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
    from catimeline._cite import read_document

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
