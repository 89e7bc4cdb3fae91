"""Deleting records: who refers to what, which records may go, and the deletes.

References between records never cascade (revision 0006): before a record
goes, :func:`dependents` finds the records that point at it, and
:func:`removable` keeps those that something staying still needs.
:func:`delete_records` then deletes the rest with their child rows.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from sqlalchemy import ColumnElement, Connection, Table, delete, select, update

from catimeline._store import schema as s
from catimeline._store.batches import chunks
from catimeline._store.shapes import CHILD_TABLES, MAIN_TABLES

#: Order in which records can be deleted: those that refer before those referred to.
DELETE_ORDER = ("event", "project", "place", "actor", "source")

#: (target kind, table, column holding the target, referring kind or None, referring id column)
#: ``None`` as referring kind: the table's ``owner_kind`` column says (citations).
REFERENCES: tuple[tuple[str, Table, str, str | None, str], ...] = (
    ("actor", s.event_participants, "actor_id", "event", "event_id"),
    ("actor", s.events, "operator_id", "event", "id"),
    ("actor", s.place_operators, "actor_id", "place", "place_id"),
    ("actor", s.project_participants, "actor_id", "project", "project_id"),
    ("actor", s.actor_relations, "other_id", "actor", "actor_id"),
    ("place", s.event_places, "place_id", "event", "event_id"),
    ("place", s.events, "facility_id", "event", "id"),
    ("place", s.places, "parent_id", "place", "id"),
    ("place", s.project_places, "place_id", "project", "project_id"),
    ("project", s.events, "project_id", "event", "id"),
    ("event", s.project_status, "event_id", "project", "project_id"),
    ("source", s.citations, "source_id", None, "owner_id"),
)


def dependents(
    connection: Connection, kind: str, ids: Iterable[str]
) -> dict[str, set[tuple[str, str]]]:
    """For each of ``ids`` of ``kind``, the records ``(kind, id)`` that refer to it."""
    wanted = sorted(set(ids))
    found: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for target_kind, table, column, owner_kind, owner_column in REFERENCES:
        if target_kind != kind:
            continue
        target = table.c[column]
        columns: list[ColumnElement[Any]] = [
            target.label("target"),
            table.c[owner_column].label("owner"),
        ]
        if owner_kind is None:  # citations say which kind of record cites
            columns.append(table.c.owner_kind)
        for chunk in chunks(wanted):
            for row in connection.execute(select(*columns).where(target.in_(chunk)).distinct()):
                found[row.target].add((owner_kind or row.owner_kind, row.owner))
    return found


def removable(
    connection: Connection, doomed: Mapping[str, set[str]]
) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """Split ``doomed`` (ids by kind) into those that can go and those that must stay because
    a record outside the doomed set (or one staying) refers to them."""
    going = {kind: set(ids) for kind, ids in doomed.items() if ids}
    refs = {kind: dependents(connection, kind, ids) for kind, ids in going.items()}
    while True:
        stay = {
            kind: {
                i
                for i in ids
                if any(
                    o_id not in going.get(o_kind, set())
                    for o_kind, o_id in refs[kind].get(i, ())
                    if (o_kind, o_id) != (kind, i)
                )
            }
            for kind, ids in going.items()
        }
        if not any(stay.values()):
            break
        for kind, ids in stay.items():
            going[kind] -= ids
    kept = {kind: set(doomed.get(kind, ())) - going.get(kind, set()) for kind in doomed}
    return going, kept


def delete_records(connection: Connection, doomed: Mapping[str, set[str]]) -> int:
    """Delete records (ids by kind) that nothing outside them refers to; returns how many."""
    places = sorted(doomed.get("place", ()))
    for chunk in chunks(places):
        # Places inside each other go together: cut the links between them first.
        connection.execute(update(s.places).where(s.places.c.id.in_(chunk)).values(parent_id=None))
    total = 0
    for kind in DELETE_ORDER:
        ids = sorted(doomed.get(kind, ()))
        if ids:
            delete_rows(connection, kind, ids)
            total += len(ids)
            for chunk in chunks(ids):
                r = s.redirects.c
                connection.execute(delete(s.redirects).where(r.kind == kind, r.new_id.in_(chunk)))
    return total


def delete_children(connection: Connection, kind: str, ids: Sequence[str]) -> None:
    """Delete the child rows and citations of records of ``kind``, keeping the records."""
    for chunk in chunks(list(ids)):
        for child in CHILD_TABLES[kind]:
            connection.execute(delete(child).where(child.c[f"{kind}_id"].in_(chunk)))
        connection.execute(
            delete(s.citations).where(
                s.citations.c.owner_kind == kind, s.citations.c.owner_id.in_(chunk)
            )
        )


def delete_rows(connection: Connection, kind: str, ids: Sequence[str]) -> None:
    """Delete records of ``kind`` with their child rows and citations (unchecked: see
    :func:`delete_records`)."""
    table = MAIN_TABLES[kind]
    delete_children(connection, kind, ids)
    for chunk in chunks(list(ids)):
        connection.execute(delete(table).where(table.c.id.in_(chunk)))
