"""Validate the seed folder as a whole and load it, all or nothing.

``validate`` reads every file, then checks what needs all of them: unique ids,
references between entries, citation spans inside their documents, document
hashes.  It reports every problem it finds, each with file and line.
``load`` validates first and writes in one transaction, so a bad seed folder
leaves the database exactly as it was.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

import attrs
from sqlalchemy import Connection, Engine, select, update

from catimeline.cite import read_document
from catimeline.errors import SeedError, SeedErrors
from catimeline.model import Accident, Actor, Event, Place, Project, Record, Source
from catimeline.resources import documents_dir, seeds_dir
from catimeline.seedfile import SECTIONS, Located, read_file
from catimeline.seedpaths import check_seed_file, document_path
from catimeline.store import schema as s
from catimeline.store.repository import MAIN_TABLES, Repository, kind_of

SEED_HASH_KEY = "seed_hash"
SHA256 = re.compile(r"[0-9a-f]{64}")
logger = logging.getLogger(__name__)
KIND_OF_SECTION = {
    "sources": "source",
    "actors": "actor",
    "places": "place",
    "projects": "project",
    "events": "event",
}


@attrs.frozen
class SeedSet:
    """A validated seed folder: every record with where it came from, and its content hash."""

    located: tuple[Located, ...]
    digest: str
    files: int
    #: What could not be checked (citation spans, when no documents were at hand), in words.
    unchecked: tuple[str, ...] = ()

    def records(self, section: str | None = None) -> list[Record]:
        """The records, optionally only those of one section (``events``...)."""
        want = None if section is None else _SECTION_TYPES[section]
        return [loc.record for loc in self.located if want is None or isinstance(loc.record, want)]

    def counts(self) -> dict[str, int]:
        """How many records of each section."""
        return {section: len(self.records(section)) for section in SECTIONS}


_SECTION_TYPES: Mapping[str, type | tuple[type, ...]] = {
    "sources": Source,
    "actors": Actor,
    "places": Place,
    "projects": Project,
    "events": (Event, Accident),
}


def seed_files(folder: Path) -> list[Path]:
    """Every ``*.yaml``/``*.yml`` file under ``folder``, in sorted order."""
    if not folder.is_dir():
        raise SeedError(
            f"no seed folder at {folder}: give a folder of YAML files", path=str(folder)
        )
    found = sorted(p for p in folder.rglob("*") if p.suffix in {".yaml", ".yml"} and p.is_file())
    for path in found:
        check_seed_file(path, folder)
    return found


def digest_of(folder: Path) -> str:
    """The SHA-256 of the folder's seed files (names and contents)."""
    h = hashlib.sha256()
    for path in seed_files(folder):
        h.update(path.relative_to(folder).as_posix().encode())
        h.update(b"\0")
        try:
            with path.open("rb") as handle:
                for chunk in iter(lambda: handle.read(1 << 20), b""):
                    h.update(chunk)
        except OSError as exc:
            raise SeedError(f"cannot read the file: {exc.strerror}", path=str(path)) from exc
        h.update(b"\0")
    return h.hexdigest()


def _documents(documents: Path | None) -> Path | None:
    if documents is not None:
        return documents
    env = os.environ.get("CATIMELINE_DOCUMENTS")
    if env:
        return Path(env)
    return documents_dir()


class _Checker:
    """Collects problems, each with file and line, instead of stopping at the first."""

    def __init__(self) -> None:
        self.errors: list[SeedError] = []

    def add(self, message: str, where: Located | None = None, field: str | None = None) -> None:
        line = where.line_of(field) if where else None
        self.errors.append(SeedError(message, path=where.path if where else None, line=line))


def _refs(record: Record) -> Iterator[tuple[str, str, str, str]]:
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
                yield "place", record.facility, "facility", "accident"
            if record.operator:
                yield "actor", record.operator, "operator", "accident"


def _all_citations(record: Record) -> Iterator[tuple[str, int, int, str]]:
    """(source, start, end, field) for every citation of a record."""
    for c in getattr(record, "citations", ()):
        yield c.source, c.start, c.end, "citations"
    if isinstance(record, Project):
        for st in record.status:
            for c in st.citations:
                yield c.source, c.start, c.end, "status"


def _check_place_cycles(places: Mapping[str, Located], check: _Checker) -> None:
    for pid, loc in places.items():
        seen = {pid}
        parent = loc.record.parent  # type: ignore[union-attr]
        while parent is not None and parent in places:
            if parent in seen:
                check.add(f"place {pid!r} is inside itself through its parents", loc)
                break
            seen.add(parent)
            parent = places[parent].record.parent  # type: ignore[union-attr]


def validate(folder: Path | str | None = None, *, documents: Path | str | None = None) -> SeedSet:
    """Read and check a seed folder (default: the bundled seeds); raise SeedErrors listing all."""
    root = Path(folder) if folder is not None else seeds_dir()
    docs = _documents(Path(documents) if documents is not None else None)
    check = _Checker()
    located: list[Located] = []
    files = seed_files(root)
    for path in files:
        records, errors = read_file(path, label=str(path))
        located.extend(records)
        check.errors.extend(errors)

    by_kind: dict[str, dict[str, Located]] = defaultdict(dict)
    for loc in located:
        kind = kind_of(loc.record)
        first = by_kind[kind].get(loc.record.id)
        if first is not None:
            check.add(
                f"duplicate {kind} id {loc.record.id!r} (first at {first.path}:{first.line})", loc
            )
        else:
            by_kind[kind][loc.record.id] = loc

    for loc in located:
        for target_kind, target, what, field in _refs(loc.record):
            if target not in by_kind[target_kind]:
                check.add(
                    f"{kind_of(loc.record)} {loc.record.id!r}: {what} refers to unknown "
                    f"{target_kind} {target!r}",
                    loc,
                    field,
                )
    _check_place_cycles(by_kind["place"], check)

    _check_recorded_hashes(by_kind["source"], check)
    texts = _check_sources(by_kind["source"], docs, check)
    spans = unranged = 0
    for loc in located:
        for source_id, start, end, field in _all_citations(loc.record):
            src_loc = by_kind["source"].get(source_id)
            if src_loc is None:
                check.add(
                    f"{kind_of(loc.record)} {loc.record.id!r} cites unknown source {source_id!r}",
                    loc,
                    field,
                )
                continue
            spans += 1
            src = src_loc.record
            assert isinstance(src, Source)
            unranged += src.start is None or src.end is None
            _check_span(loc, field, src_loc, start, end, texts, check)

    if check.errors:
        raise SeedErrors(check.errors)
    unchecked = () if docs is not None else (_unchecked_note(spans, unranged),)
    for note in unchecked:
        logger.info("%s: %s", root, note)
    return SeedSet(tuple(located), digest_of(root), len(files), unchecked)


def _unchecked_note(spans: int, unranged: int) -> str:
    """What validation without the documents checked, and what it could not."""
    note = (
        "citation spans were not checked against the documents: no documents folder was "
        "given or found (pass documents=DIR or --documents DIR, or set CATIMELINE_DOCUMENTS); "
        f"checked instead: recorded sha256 values, and that {spans - unranged} of {spans} "
        "citations lie inside their article's recorded range"
    )
    if unranged:
        note += f"; {unranged} citations of sources without a recorded range were not checked"
    return note


def _check_recorded_hashes(sources: Mapping[str, Located], check: _Checker) -> None:
    """What can be checked of recorded sha256 values without the documents."""
    by_document: dict[str, tuple[str, str]] = {}
    for loc in sources.values():
        src = loc.record
        assert isinstance(src, Source)
        if src.sha256 is None:
            continue
        if not SHA256.fullmatch(src.sha256):
            check.add(
                f"source {src.id!r}: sha256 {src.sha256[:70]!r} is not a SHA-256 digest "
                "(64 lower-case hex digits): recompute it with `sha256sum`",
                loc,
                "sha256",
            )
            continue
        first = by_document.setdefault(src.document, (src.id, src.sha256))
        if first[1] != src.sha256:
            check.add(
                f"source {src.id!r}: sha256 differs from that of source {first[0]!r}, which "
                f"names the same document {src.document!r}: one of them is wrong",
                loc,
                "sha256",
            )


def _check_sources(
    sources: Mapping[str, Located], docs: Path | None, check: _Checker
) -> dict[str, str]:
    texts: dict[str, str] = {}
    if docs is None:
        return texts
    unreadable: set[str] = set()
    for loc in sources.values():
        src = loc.record
        assert isinstance(src, Source)
        if src.document in unreadable:
            continue
        if src.document not in texts:
            try:
                path = document_path(docs, src.document)
                texts[src.document] = read_document(path)
            except ValueError as exc:
                unreadable.add(src.document)
                check.add(f"source {src.id!r}: {exc}", loc, "document")
                continue
            except SeedError as exc:
                unreadable.add(src.document)
                at = f" (line {exc.line})" if exc.line else ""
                check.add(
                    f"source {src.id!r}: document {src.document!r}: {exc.reason}{at}",
                    loc,
                    "document",
                )
                continue
        if src.sha256 and SHA256.fullmatch(src.sha256):
            # The text is valid UTF-8, so encoding it gives the file's bytes back.
            actual = hashlib.sha256(texts[src.document].encode("utf-8")).hexdigest()
            if actual != src.sha256:
                check.add(
                    f"source {src.id!r}: sha256 {src.sha256[:12]}... does not match "
                    f"{src.document} ({actual[:12]}...)",
                    loc,
                )
        length = len(texts[src.document])
        if src.end is not None and src.end > length:
            check.add(
                f"source {src.id!r}: its end {src.end} is past the end of "
                f"{src.document} ({length} characters)",
                loc,
            )
    return texts


def _check_span(
    loc: Located,
    field: str,
    src_loc: Located,
    start: int,
    end: int,
    texts: Mapping[str, str],
    check: _Checker,
) -> None:
    src = src_loc.record
    assert isinstance(src, Source)
    what = f"{kind_of(loc.record)} {loc.record.id!r}: citation {src.id} {start}-{end}"
    text = texts.get(src.document)
    if text is not None:
        if end > len(text):
            check.add(
                f"{what} runs past the end of {src.document} ({len(text)} characters)", loc, field
            )
            return
        if not text[start:end].strip():
            check.add(f"{what} covers only blank text", loc, field)
            return
    if (
        src.start is not None
        and src.end is not None
        and not (src.start <= start and end <= src.end)
    ):
        check.add(f"{what} lies outside the article ({src.start}-{src.end})", loc, field)


# ----------------------------------------------------------------------- loading


@attrs.frozen
class LoadReport:
    """What a seed load did: records written per kind, and seed ids a user row kept."""

    written: Mapping[str, int]
    removed: int
    kept_user: tuple[str, ...]
    digest: str
    #: What validation could not check (see :attr:`SeedSet.unchecked`).
    unchecked: tuple[str, ...] = ()


def _place_order(places: list[Place]) -> list[Place]:
    """Parents before children, so each insert finds its parent."""
    by_id = {p.id: p for p in places}
    done: set[str] = set()
    out: list[Place] = []

    def visit(p: Place) -> None:
        if p.id in done:
            return
        done.add(p.id)
        if p.parent in by_id:
            visit(by_id[p.parent])
        out.append(p)

    for p in places:
        visit(p)
    return out


def load(
    connection: Connection, seeds: SeedSet, progress: Callable[[str], None] | None = None
) -> LoadReport:
    """Write a validated seed set in the caller's transaction: upsert, never touching user rows.

    Seed rows no longer in the seeds are removed; seed rows still there are
    rewritten in place (so user rows that point at them keep their links);
    a seed id that a user row already holds is left to the user's row.
    """
    repo = Repository(connection)
    say = progress or (lambda _msg: None)
    kept: list[str] = []
    written: dict[str, int] = {}
    removed = 0
    plan: dict[str, list[Record]] = {}
    for section in SECTIONS:
        kind = KIND_OF_SECTION[section]
        existing = repo.ids(kind)
        records = seeds.records(section)
        fresh: list[Record] = []
        for record in records:
            if existing.get(record.id) == "user":
                kept.append(f"{kind}:{record.id}")
            else:
                fresh.append(record)
        if kind == "place":
            fresh = list(_place_order([r for r in fresh if isinstance(r, Place)]))
        plan[kind] = fresh
        wanted = {r.id for r in records}
        stale = [i for i, origin in existing.items() if origin == "seed" and i not in wanted]
        removed += len(stale)
        if stale:
            repo.delete(kind, stale)
    for section in SECTIONS:
        kind = KIND_OF_SECTION[section]
        records = plan[kind]
        say(f"writing {len(records)} {section}")
        _upsert(repo, kind, records)
        written[section] = len(records)
    _set_state(connection, SEED_HASH_KEY, seeds.digest)
    return LoadReport(written, removed, tuple(kept), seeds.digest, seeds.unchecked)


def _upsert(repo: Repository, kind: str, records: list[Record]) -> None:
    """Rewrite existing seed rows in place and insert new ones."""
    table = MAIN_TABLES[kind]
    existing = set(repo.ids(kind, origin="seed")) & {r.id for r in records}
    # Children and citations are rebuilt; main rows are updated, not deleted, so
    # foreign keys from the user's rows stay valid.
    repo.delete_children(kind, sorted(existing))
    staged = Repository.stage(records, origin="seed")
    main_rows = staged.pop(table, [])
    new_rows = [row for row in main_rows if row["id"] not in existing]
    if new_rows:
        repo.connection.execute(table.insert(), new_rows)
    for row in main_rows:
        if row["id"] in existing:
            repo.connection.execute(update(table).where(table.c.id == row["id"]).values(**row))
    repo.insert(staged)


def _set_state(connection: Connection, key: str, value: str) -> None:
    found = connection.execute(select(s.state.c.key).where(s.state.c.key == key)).first()
    if found is None:
        connection.execute(s.state.insert().values(key=key, value=value))
    else:
        connection.execute(update(s.state).where(s.state.c.key == key).values(value=value))


def get_state(connection: Connection, key: str) -> str | None:
    """A value of the database's own state table (``seed_hash``...)."""
    return connection.execute(select(s.state.c.value).where(s.state.c.key == key)).scalar()


def seed_if_changed(
    engine: Engine,
    folder: Path | str | None = None,
    *,
    force: bool = False,
    documents: Path | str | None = None,
    progress: Callable[[str], None] | None = None,
) -> LoadReport | None:
    """Load a seed folder (default: the bundled seeds) when its content hash changed.

    Returns None when the database already holds exactly these seeds.
    """
    from catimeline.store.failures import translated
    from catimeline.store.sqlite import for_writing

    root = Path(folder) if folder is not None else seeds_dir()
    if not force:
        with translated(engine, "read"), engine.connect() as connection:
            if get_state(connection, SEED_HASH_KEY) == digest_of(root):
                return None
    seeds = validate(root, documents=documents)
    with translated(engine, "load seeds into"), for_writing(engine).begin() as connection:
        return load(connection, seeds, progress)
