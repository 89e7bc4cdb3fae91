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
from collections.abc import Callable, Mapping, Sequence
from functools import lru_cache
from pathlib import Path

import attrs
from sqlalchemy import Connection, Engine, select, update

from catimeline._cite import read_document
from catimeline._errors import SeedError, SeedErrors
from catimeline._model import Accident, Actor, Event, Place, Project, Record, Source
from catimeline._resources import documents_dir, seeds_dir
from catimeline._seedfile import SECTIONS, Located, read_file
from catimeline._seedpaths import check_seed_file, document_path
from catimeline._store import schema as s
from catimeline._store import writing
from catimeline._store.repository import MAIN_TABLES, kind_of
from catimeline._validate import Known, Nothing, RecordsKnown, all_citations
from catimeline._validate import check as check_records

SEED_HASH_KEY = "seed_hash"
#: The origin of the bundled seeds' rows (a seed folder's rows are ``seed:NAME``).
BUNDLED = "seed"
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


#: Changes whenever the loader stores more of the same seed files (2: projects' other
#: names), so that a database seeded by an older loader is seeded again.
LOADER_VERSION = "2"


def digest_of(folder: Path) -> str:
    """The SHA-256 of the loader's version and the folder's seed files (names and contents)."""
    h = hashlib.sha256(f"catimeline seeds {LOADER_VERSION}\0".encode())
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


def validate(
    folder: Path | str | None = None,
    *,
    documents: Path | str | None = None,
    known: Known | None = None,
) -> SeedSet:
    """Read and check a seed folder (default: the bundled seeds); raise SeedErrors listing all.

    The records go through the same checks as ``tl.add`` (:mod:`catimeline._validate`).
    References may point into the folder, or at ``known`` records: by default, a
    folder other than the bundled seeds may refer to the bundled seeds' records.
    """
    root = Path(folder) if folder is not None else seeds_dir()
    docs = _documents(Path(documents) if documents is not None else None)
    if known is None:
        known = _BundledKnown() if not _is_bundled(root) else Nothing()
    check = _Checker()
    located: list[Located] = []
    files = seed_files(root)
    for path in files:
        records, errors = read_file(path, label=str(path))
        located.extend(records)
        check.errors.extend(errors)

    by_kind: dict[str, dict[str, Located]] = defaultdict(dict)
    unique: list[Located] = []
    for loc in located:
        kind = kind_of(loc.record)
        first = by_kind[kind].get(loc.record.id)
        if first is not None:
            check.add(
                f"duplicate {kind} id {loc.record.id!r} (first at {first.path}:{first.line})", loc
            )
        else:
            by_kind[kind][loc.record.id] = loc
            unique.append(loc)

    _check_recorded_hashes(by_kind["source"], check)
    texts = _check_sources(by_kind["source"], docs, check)
    checked, problems = check_records(
        [loc.record for loc in unique], known, texts=lambda document: texts.get(document)
    )
    for problem in problems:
        where = unique[problem.index] if problem.index is not None else None
        check.add(problem.message, where, _YAML_FIELD.get(problem.field, problem.field))

    if check.errors:
        raise SeedErrors(check.errors)
    normalised = tuple(
        attrs.evolve(loc, record=record) for loc, record in zip(unique, checked, strict=True)
    )
    unchecked = () if docs is not None else (_unchecked_note(unique, by_kind["source"]),)
    for note in unchecked:
        logger.info("%s: %s", root, note)
    return SeedSet(normalised, digest_of(root), len(files), unchecked)


#: Fields of records whose YAML key differs (the accident block holds the accident's fields).
_YAML_FIELD = {
    "deaths": "accident",
    "injured": "accident",
    "cause": "accident",
    "facility": "accident",
    "operator": "accident",
}


def _is_bundled(folder: Path) -> bool:
    try:
        return folder.resolve() == seeds_dir().resolve()
    except OSError:
        return False


class _BundledKnown(RecordsKnown):
    """The bundled seeds' records, read the first time a reference needs them."""

    def __init__(self) -> None:
        super().__init__(())
        self._loaded = False

    def _load(self) -> None:
        if not self._loaded:
            self._loaded = True
            for record in _bundled_records(digest_of(seeds_dir())):
                self.by_kind[kind_of(record)][record.id] = record

    def missing(self, kind: str, ids: set[str]) -> set[str]:
        """The ids the bundled seeds do not hold."""
        self._load()
        return super().missing(kind, ids)

    def pool(self, kind: str) -> list[str]:
        """The bundled ids of ``kind``."""
        self._load()
        return super().pool(kind)


@lru_cache(maxsize=2)
def _bundled_records(digest: str) -> tuple[Record, ...]:
    """The records of the bundled seed files (read once per content)."""
    out: list[Record] = []
    for path in seed_files(seeds_dir()):
        records, _errors = read_file(path)
        out.extend(loc.record for loc in records)
    return tuple(out)


def _unchecked_note(located: Sequence[Located], sources: Mapping[str, Located]) -> str:
    """What validation without the documents checked, and what it could not."""
    spans = unranged = 0
    for loc in located:
        for source_id, *_span in all_citations(loc.record):
            src = sources.get(source_id)
            if src is None:
                continue  # a source of the database: its spans were checked when it was loaded
            spans += 1
            unranged += src.record.start is None or src.record.end is None  # type: ignore[union-attr]
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


# ----------------------------------------------------------------------- loading


@attrs.frozen
class LoadReport:
    """What a seed load did: records written per kind, stale seed rows removed, seed ids
    left to a row of another origin (``kept_user``), and stale seed rows kept because
    other records still refer to them (``kept_stale``), each as ``kind:id``."""

    written: Mapping[str, int]
    removed: int
    kept_user: tuple[str, ...]
    digest: str
    origin: str = BUNDLED
    kept_stale: tuple[str, ...] = ()
    #: What validation could not check (see :attr:`SeedSet.unchecked`).
    unchecked: tuple[str, ...] = ()


def origin_of(folder: Path | str | None, name: str | None = None) -> str:
    """The origin a seed folder's rows carry: ``seed`` for the bundled seeds, else
    ``seed:NAME`` (``name``, or the folder's own name as a slug)."""
    root = Path(folder) if folder is not None else seeds_dir()
    if name is None and _is_bundled(root):
        return BUNDLED
    label = name if name is not None else root.resolve().name
    slug = re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-")[:50]
    if not slug or (name is not None and slug != name):
        raise SeedError(
            f"a seed folder's origin name must be a slug (lower-case letters, digits, hyphens), "
            f"not {label!r}: give one with --origin NAME",
            path=str(root),
        )
    return f"{BUNDLED}:{slug}"


def _hash_key(origin: str) -> str:
    return SEED_HASH_KEY if origin == BUNDLED else f"{SEED_HASH_KEY}:{origin}"


def load(
    connection: Connection,
    seeds: SeedSet,
    progress: Callable[[str], None] | None = None,
    *,
    origin: str = BUNDLED,
) -> LoadReport:
    """Write a validated seed set in the caller's transaction as rows of ``origin``.

    Rows of ``origin`` still in the seeds are rewritten in place (so rows that point
    at them keep their links); rows of ``origin`` that left the seeds are removed,
    unless other records still refer to them (then they are kept and reported); a
    seed id already held by a row of another origin (your own records, the bundled
    seeds, another folder) is left to that row.  Rows of other origins are never
    changed or removed.
    """
    say = progress or (lambda _msg: None)
    kept: list[str] = []
    written: dict[str, int] = {}
    plan: dict[str, list[Record]] = {}
    stale: dict[str, set[str]] = {}
    for section in SECTIONS:
        kind = KIND_OF_SECTION[section]
        records = seeds.records(section)
        existing = writing.origins(connection, kind, [r.id for r in records])
        fresh: list[Record] = []
        for record in records:
            held = existing.get(record.id)
            if held is not None and held != origin:
                kept.append(f"{kind}:{record.id}")
            else:
                fresh.append(record)
        plan[kind] = fresh
        table = MAIN_TABLES[kind]
        wanted = {r.id for r in records}
        ours = connection.execute(select(table.c.id).where(table.c.origin == origin)).scalars()
        stale[kind] = {i for i in ours if i not in wanted}
    going, kept_stale = writing.removable(connection, stale)
    removed = writing.delete_records(connection, going)
    still_used = [f"{kind}:{i}" for kind, ids in kept_stale.items() for i in sorted(ids)]
    if still_used:
        say(
            f"kept {len(still_used)} rows that left the seeds, as other records refer to "
            f"them: {', '.join(still_used)}"
        )
    for section in SECTIONS:
        kind = KIND_OF_SECTION[section]
        say(f"writing {len(plan[kind])} {section}")
        writing.replace(connection, kind, plan[kind], origin)
        written[section] = len(plan[kind])
    _set_state(connection, _hash_key(origin), seeds.digest)
    return LoadReport(
        written,
        removed,
        tuple(kept),
        seeds.digest,
        origin,
        tuple(still_used),
        seeds.unchecked,
    )


def _set_state(connection: Connection, key: str, value: str) -> None:
    found = connection.execute(select(s.state.c.key).where(s.state.c.key == key)).first()
    if found is None:
        connection.execute(s.state.insert().values(key=key, value=value))
    else:
        connection.execute(update(s.state).where(s.state.c.key == key).values(value=value))


def get_state(connection: Connection, key: str) -> str | None:
    """A value of the database's own state table (``seed_hash``...)."""
    return connection.execute(select(s.state.c.value).where(s.state.c.key == key)).scalar()


def _claim(connection: Connection, origin: str, root: Path) -> None:
    """Record which folder an origin's rows come from; refuse a second folder under one name."""
    if origin == BUNDLED:
        return
    key, place = f"origin:{origin}", str(root.resolve())
    held = get_state(connection, key)
    if held is not None and held != place:
        raise SeedError(
            f"the seed origin {origin!r} holds the rows of another folder ({held}): load this "
            f"folder under its own name with --origin NAME (or origin=), or give "
            f"--origin {origin.split(':', 1)[1]} to replace that folder's rows with these",
            path=str(root),
        )
    _set_state(connection, key, place)


def seed_if_changed(
    engine: Engine,
    folder: Path | str | None = None,
    *,
    force: bool = False,
    documents: Path | str | None = None,
    progress: Callable[[str], None] | None = None,
    origin: str | None = None,
) -> LoadReport | None:
    """Load a seed folder (default: the bundled seeds) when its content hash changed.

    The bundled seeds are rows of origin ``seed``; any other folder is loaded as its own
    origin ``seed:NAME`` (``origin``, by default the folder's name), may refer to
    the records of the other seeds in the database, and never changes their rows.
    Returns None when the database already holds exactly these seeds.
    """
    from catimeline._store.failures import translated
    from catimeline._store.sqlite import for_writing

    root = Path(folder) if folder is not None else seeds_dir()
    own = origin_of(root, origin)
    if own != BUNDLED and not seed_files(root):
        raise SeedError(
            f"{root} holds no seed files (*.yaml): nothing to load; check the path",
            path=str(root),
        )
    if not force:
        with translated(engine, "read"), engine.connect() as connection:
            if get_state(connection, _hash_key(own)) == digest_of(root):
                return None
    with translated(engine, "load seeds into"), for_writing(engine).begin() as connection:
        _claim(connection, own, root)
        known: Known = Nothing()
        if own != BUNDLED:
            # A folder may refer to the seed rows of the database (the bundled seeds, other
            # folders), never to your own records, which seeding does not depend on.
            known = writing.DatabaseKnown(
                connection,
                origins=lambda column: (column != writing.USER) & (column != own),
            )
        seeds = validate(root, documents=documents, known=known)
        return load(connection, seeds, progress, origin=own)
