"""A seed folder's files and content hash, and the record set validated from them.

``seed_files`` lists a folder's YAML files (each checked to lie inside it), ``digest_of``
hashes them so that a database knows whether it holds exactly these seeds, and
:class:`SeedSet` is what :func:`catimeline._seeds.validate` makes of a folder.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from pathlib import Path

import attrs

from catimeline._errors import SeedError
from catimeline._model import Accident, Actor, Event, Place, Project, Record, Source
from catimeline._seedfile import SECTIONS, Located
from catimeline._seedpaths import check_seed_file

#: Changes whenever the loader stores more of the same seed files (2: projects' other
#: names), so that a database seeded by an older loader is seeded again.
LOADER_VERSION = "2"


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
