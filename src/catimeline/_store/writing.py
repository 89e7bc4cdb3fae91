"""The user's changes to the database: validated adds, updates, removals and merges.

Every change goes through :func:`catimeline._validate.check` against what the
database already holds (:class:`~catimeline._store.held.DatabaseKnown`) and is
written through the same writers as a load (:mod:`catimeline._store.staging`,
:mod:`catimeline._store.inserting`).  References between records never cascade:
a removal or merge asks :mod:`catimeline._store.deleting` who refers to what.

Seeding, importing and the timeline reach the functions of ``held`` and
``deleting`` they use through this module (the ``as`` imports below).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs
from sqlalchemy import Connection, and_, delete, update

from catimeline._errors import (
    InvalidRecords,
    Problem,
    ProtectedRecord,
    QueryError,
    RecordInUse,
    UnknownActor,
    UnknownEvent,
    UnknownName,
    UnknownPlace,
    UnknownProject,
)
from catimeline._model import (
    Actor,
    Event,
    Name,
    Place,
    Project,
    Record,
    Source,
)
from catimeline._store import schema as s
from catimeline._store.batches import chunks
from catimeline._store.deleting import delete_children, dependents
from catimeline._store.deleting import delete_records as delete_records
from catimeline._store.deleting import removable as removable
from catimeline._store.held import DatabaseKnown as DatabaseKnown
from catimeline._store.held import origins as origins
from catimeline._store.held import redirects as redirects
from catimeline._store.inserting import insert
from catimeline._store.reading import Reader
from catimeline._store.repoint import Repoint
from catimeline._store.shapes import MAIN_TABLES
from catimeline._store.staging import stage
from catimeline._validate import check, document_texts, kind_word

USER = "user"
UNKNOWN: Mapping[str, type[UnknownName]] = {
    "actor": UnknownActor,
    "place": UnknownPlace,
    "project": UnknownProject,
    "event": UnknownEvent,
    "source": UnknownName,
}


def is_seed(origin: str) -> bool:
    """Whether rows of ``origin`` belong to seeds (bundled, or a seed folder)."""
    return origin != USER


def validated(
    connection: Connection,
    items: Iterable[object],
    *,
    documents: Path | None = None,
) -> list[Record]:
    """``items`` checked against each other and the database; raises InvalidRecords."""
    from catimeline._resources import documents_dir

    folder = documents if documents is not None else documents_dir()
    records, problems = check(items, DatabaseKnown(connection), texts=document_texts(folder))
    if problems:
        raise InvalidRecords(problems)
    return records


# ------------------------------------------------------------------ adding and updating


def new_only(connection: Connection, records: Sequence[Record]) -> list[Record]:
    """``records`` validated for an add: none of their ids may be taken already."""
    checked = validated(connection, records)
    problems = []
    by_kind: dict[str, list[tuple[int, Record]]] = defaultdict(list)
    for i, r in enumerate(checked):
        by_kind[kind_word(r)].append((i, r))
    for kind, pairs in by_kind.items():
        taken = origins(connection, kind, [r.id for _, r in pairs])
        for i, r in pairs:
            origin = taken.get(r.id)
            if origin is None:
                continue
            whose = "your own records" if origin == USER else f"the seeds ({origin})"
            advice = "use tl.update() to change it" if origin == USER else "give another id"
            problems.append(
                Problem(
                    kind,
                    r.id,
                    "id",
                    f"{kind} {r.id!r}: id already exists in {whose}: {advice}",
                    i,
                )
            )
    if problems:
        raise InvalidRecords(problems)
    return checked


def replace(connection: Connection, kind: str, records: Sequence[Record], origin: str) -> None:
    """Write ``records`` of ``kind`` with ``origin``: rows that exist are rewritten in place
    (so rows pointing at them keep their links), the others inserted."""
    if not records:
        return
    table = MAIN_TABLES[kind]
    existing = set(origins(connection, kind, [r.id for r in records]))
    delete_children(connection, kind, sorted(existing))
    staged = stage(records, origin=origin)
    main_rows = staged.pop(table, [])
    new_rows = [row for row in main_rows if row["id"] not in existing]
    if kind == "place":
        # Parents first: a new place's parent may be another new place.
        order = {r.id: i for i, r in enumerate(_parents_first(records))}
        new_rows.sort(key=lambda row: order[row["id"]])
    if new_rows:
        connection.execute(table.insert(), new_rows)
    for row in main_rows:
        if row["id"] in existing:
            connection.execute(update(table).where(table.c.id == row["id"]).values(**row))
    insert(connection, staged)


def _parents_first(records: Sequence[Record]) -> list[Record]:
    by_id = {r.id: r for r in records}
    done: set[str] = set()
    out: list[Record] = []

    def visit(r: Record) -> None:
        if r.id in done:
            return
        done.add(r.id)
        parent = getattr(r, "parent", None)
        if parent in by_id and parent is not None:
            visit(by_id[parent])
        out.append(r)

    for r in records:
        visit(r)
    return out


def upsert(
    connection: Connection, items: Iterable[object], *, checked: bool = False
) -> dict[str, int]:
    """Validate ``items`` (unless already ``checked``) and write them as the user's: update
    the ids that exist, add the others.  Returns ``{"added": n, "updated": m}``.  Seed
    records cannot be updated."""
    records: list[Record] = list(items) if checked else validated(connection, list(items))  # type: ignore[arg-type]
    by_kind: dict[str, list[Record]] = defaultdict(list)
    for r in records:
        by_kind[kind_word(r)].append(r)
    counts = {"added": 0, "updated": 0}
    for kind, group in by_kind.items():
        held = origins(connection, kind, [r.id for r in group])
        seeded = sorted(i for i, o in held.items() if is_seed(o))
        if seeded:
            raise ProtectedRecord(
                f"{kind} {', '.join(map(repr, seeded[:5]))} belong{'s' if len(seeded) == 1 else ''}"
                " to the curated seeds and cannot be changed here: correct the seed YAML, or "
                "add your own record under another id"
            )
        counts["updated"] += len(held)
        counts["added"] += len(group) - len(held)
    for kind in ("source", "actor", "place", "project", "event"):
        replace(connection, kind, by_kind.get(kind, []), USER)
    return counts


# ------------------------------------------------------------------ removing and merging


def kind_of_id(connection: Connection, record_id: object, kind: str | None) -> str:
    """The kind of record that holds ``record_id`` (checking ``kind`` if given)."""
    if not isinstance(record_id, str) or not record_id:
        raise QueryError(f"give a record's id (text), not {record_id!r}")
    if kind is not None and kind not in MAIN_TABLES:
        raise QueryError(f"kind must be one of {', '.join(MAIN_TABLES)}, not {kind!r}")
    kinds = [kind] if kind is not None else list(MAIN_TABLES)
    held = [k for k in kinds if origins(connection, k, [record_id])]
    if not held:
        raise UNKNOWN[kind or "source"](record_id)
    if len(held) > 1:
        raise QueryError(
            f"{record_id!r} is the id of a {' and a '.join(held)}: say which with kind={held[0]!r}"
        )
    return held[0]


def _own(connection: Connection, kind: str, record_id: str, doing: str) -> None:
    origin = origins(connection, kind, [record_id])[record_id]
    if is_seed(origin):
        raise ProtectedRecord(
            f"{kind} {record_id!r} belongs to the curated seeds ({origin}) and cannot be "
            f"{doing}: only your own records can"
        )


def _listed(found: Iterable[tuple[str, str]]) -> str:
    items = sorted(found)
    shown = ", ".join(f"{k} {i!r}" for k, i in items[:5])
    return shown + (f" and {len(items) - 5} more" if len(items) > 5 else "")


def remove(connection: Connection, ids: Sequence[str], kind: str | None = None) -> int:
    """Remove the user's records ``ids``: refused for seed records and for records others
    (outside ``ids``) refer to."""
    doomed: dict[str, set[str]] = defaultdict(set)
    for record_id in ids:
        found = kind_of_id(connection, record_id, kind)
        _own(connection, found, record_id, "removed")
        doomed[found].add(record_id)
    going, kept = removable(connection, doomed)
    if any(kept.values()):
        users: set[tuple[str, str]] = set()
        for k, kept_ids in kept.items():
            refs = dependents(connection, k, kept_ids)
            for i in kept_ids:
                users |= {
                    (user_kind, user_id)
                    for user_kind, user_id in refs.get(i, set())
                    if user_id not in doomed.get(user_kind, ())
                }
        names = _listed((k, i) for k, kept_ids in kept.items() for i in kept_ids)
        raise RecordInUse(
            f"{names} cannot be removed: {_listed(users)} refer to it; change or remove them "
            "first, or merge it into another record with tl.merge()",
            sorted(users),
        )
    return delete_records(connection, going)


def merge(connection: Connection, old: str, into: str, kind: str | None = None) -> str:
    """Merge the user's record ``old`` into ``into``: every record that referred to ``old``
    refers to ``into``, ``old`` is removed, and looking ``old`` up finds ``into``."""
    if old == into:
        raise QueryError(f"cannot merge {old!r} into itself: give two different ids")
    found = kind_of_id(connection, old, kind)
    kind_of_id(connection, into, found)
    _own(connection, found, old, "merged away")
    refs = dependents(connection, found, [old]).get(old, set())
    refs.discard((found, old))
    seeded = [
        (k, i)
        for k in {k for k, _ in refs}
        for i, o in origins(connection, k, [i for kk, i in refs if kk == k]).items()
        if is_seed(o)
    ]
    if seeded:
        raise RecordInUse(
            f"{found} {old!r} cannot be merged away: the curated seeds refer to it "
            f"({_listed(seeded)})",
            sorted(seeded),
        )
    reader = Reader(connection)
    repoint = Repoint(found, old, into)
    rewritten = [
        repoint.record(record)
        for k in sorted({k for k, _ in refs})
        for record in reader.get(k, sorted(i for kk, i in refs if kk == k))
    ]
    if rewritten:
        checked = validated(connection, rewritten)
        by_kind: dict[str, list[Record]] = defaultdict(list)
        for r in checked:
            by_kind[kind_word(r)].append(r)
        for k, group in by_kind.items():
            replace(connection, k, group, USER)
    _keep_names(connection, found, old, into)
    redirect = s.redirects.c
    # Ids merged into ``old`` before now resolve to ``into`` (before ``old`` goes, which
    # would drop redirects to it).
    connection.execute(
        update(s.redirects)
        .where(redirect.kind == found, redirect.new_id == old)
        .values(new_id=into)
    )
    delete_records(connection, {found: {old}})
    connection.execute(s.redirects.insert().values(kind=found, old_id=old, new_id=into))
    return into


def _keep_names(connection: Connection, kind: str, old: str, into: str) -> None:
    """A user actor or place that survives a merge takes the merged one's names as aliases,
    so a name filter that found the old record finds the survivor."""
    if kind not in ("actor", "place") or is_seed(origins(connection, kind, [into])[into]):
        return
    reader = Reader(connection)
    gone, kept = reader.get(kind, [old])[0], reader.get(kind, [into])[0]
    have = {name.casefold() for name in kept.all_names}
    extra = [
        Name(n.name, n.type if n.type != "name" else "alias", since=n.since, until=n.until)
        for n in (Name(gone.name, "alias"), *gone.names)
        if n.name.casefold() not in have
    ]
    if extra:
        replace(connection, kind, [attrs.evolve(kept, names=(*kept.names, *extra))], USER)


def forget_redirects(connection: Connection, records: Sequence[Record]) -> None:
    """A record added under an id that was merged away takes the id back."""
    r = s.redirects.c
    by_kind: dict[str, list[str]] = defaultdict(list)
    for record in records:
        by_kind[kind_word(record)].append(record.id)
    for kind, ids in by_kind.items():
        for chunk in chunks(ids):
            connection.execute(delete(s.redirects).where(and_(r.kind == kind, r.old_id.in_(chunk))))


def as_records(records: object, verb: str) -> Iterable[Any]:
    """What ``tl.add``/``tl.update`` were given, as an iterable of items to check.

    Text, bytes, mappings and other non-iterables are refused here: iterating them
    would yield characters or keys, not records.
    """
    if isinstance(records, Source | Actor | Place | Project | Event):
        return [records]
    if isinstance(records, str | bytes | bytearray | Mapping) or not isinstance(records, Iterable):
        shown = repr(records)
        shown = shown if len(shown) <= 60 else shown[:57] + "..."
        raise InvalidRecords(
            [
                Problem(
                    "record",
                    shown,
                    "",
                    f"{verb} takes a record or a list of records (Event, Accident, Actor, "
                    f"Place, Project, Source), not {type(records).__name__} {shown}",
                )
            ]
        )
    return records
