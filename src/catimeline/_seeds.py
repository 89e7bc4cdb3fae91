"""Validate the seed folder as a whole and load it when it changed, all or nothing.

``validate`` reads every file, then checks what needs all of them: unique ids,
references between entries, citation spans inside their documents, document
hashes.  It reports every problem it finds, each with file and line.
``seed_if_changed`` validates first and writes in one transaction
(:mod:`catimeline._seedload`), so a bad seed folder leaves the database exactly as it was.
Which folder is the bundled one, and where its documents are, is decided here.
"""

from __future__ import annotations

import logging
import os
import re
from collections import defaultdict
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

import attrs
from sqlalchemy import Engine

from catimeline._errors import SeedError, SeedErrors
from catimeline._model import Record
from catimeline._resources import documents_dir, seeds_dir
from catimeline._seeddocuments import (
    Checker,
    check_recorded_hashes,
    check_sources,
    unchecked_note,
)
from catimeline._seedfile import Located, read_file
from catimeline._seedfolder import SeedSet, digest_of, seed_files
from catimeline._seedload import BUNDLED, LoadReport, claim, get_state, hash_key, load
from catimeline._store import writing
from catimeline._store.repository import kind_of
from catimeline._validate import Known, Nothing, RecordsKnown
from catimeline._validate import check as check_records

logger = logging.getLogger(__name__)


def _documents(documents: Path | None) -> Path | None:
    if documents is not None:
        return documents
    env = os.environ.get("CATIMELINE_DOCUMENTS")
    if env:
        return Path(env)
    return documents_dir()


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
    check = Checker()
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

    check_recorded_hashes(by_kind["source"], check)
    texts = check_sources(by_kind["source"], docs, check)
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
    unchecked = () if docs is not None else (unchecked_note(unique, by_kind["source"]),)
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


# ----------------------------------------------------------------------- loading


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
            if get_state(connection, hash_key(own)) == digest_of(root):
                return None
    with translated(engine, "load seeds into"), for_writing(engine).begin() as connection:
        claim(connection, own, root)
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
