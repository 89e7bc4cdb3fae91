"""Writing a validated seed set into the database as the rows of one origin.

``load`` rewrites an origin's rows in the caller's transaction and records the seeds'
digest in the database's state table, where ``get_state`` reads it back; ``claim`` ties a
seed folder's origin name to that folder.  Which folder to load, and whether it changed,
is :func:`catimeline._seeds.seed_if_changed`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

import attrs
from sqlalchemy import Connection, select, update

from catimeline._errors import SeedError
from catimeline._model import Record
from catimeline._seedfile import SECTIONS
from catimeline._seedfolder import SeedSet
from catimeline._store import schema as s
from catimeline._store import writing
from catimeline._store.repository import MAIN_TABLES

SEED_HASH_KEY = "seed_hash"
#: The origin of the bundled seeds' rows (a seed folder's rows are ``seed:NAME``).
BUNDLED = "seed"
KIND_OF_SECTION = {
    "sources": "source",
    "actors": "actor",
    "places": "place",
    "projects": "project",
    "events": "event",
}


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


def hash_key(origin: str) -> str:
    """The state key under which the digest of ``origin``'s seeds is kept."""
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
    _set_state(connection, hash_key(origin), seeds.digest)
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


def claim(connection: Connection, origin: str, root: Path) -> None:
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
