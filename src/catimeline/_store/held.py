"""What the database holds, as a write checks it: ids taken, their origins, merged ids.

Validation (:func:`catimeline._validate.check`) asks :class:`DatabaseKnown`
about the records a change refers to; adds, updates, removals and seeding
ask :func:`origins` whose rows they would touch.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from sqlalchemy import Column, Connection, Table, select

from catimeline._model import Source
from catimeline._store import schema as s
from catimeline._store.batches import chunks
from catimeline._store.reading import Reader
from catimeline._store.shapes import MAIN_TABLES


class DatabaseKnown:
    """What the database holds, read on demand over the writer's own connection.

    ``origins`` limits which rows count (a seed folder may refer to seed rows only).
    """

    def __init__(
        self, connection: Connection, *, origins: Callable[[Column[str]], Any] | None = None
    ) -> None:
        self.connection = connection
        self.origins = origins

    def _where(self, table: Table) -> Any:
        return True if self.origins is None else self.origins(table.c.origin)

    def missing(self, kind: str, ids: set[str]) -> set[str]:
        """The ids of ``kind`` not in the database."""
        table = MAIN_TABLES[kind]
        found: set[str] = set()
        for chunk in chunks(sorted(ids)):
            query = select(table.c.id).where(table.c.id.in_(chunk), self._where(table))
            found.update(self.connection.execute(query).scalars())
        return set(ids) - found

    def redirects(self, kind: str, ids: set[str]) -> dict[str, str]:
        """Merged ids among ``ids`` and the survivor each resolves to."""
        return redirects(self.connection, kind, ids)

    def sources(self, ids: set[str]) -> dict[str, Source]:
        """The sources with these ids."""
        return {src.id: src for src in Reader(self.connection).sources(sorted(ids))}

    def parents(self, ids: set[str]) -> dict[str, str | None]:
        """The parent of each of these places."""
        p = s.places.c
        found: dict[str, str | None] = {}
        for chunk in chunks(sorted(ids)):
            for row in self.connection.execute(select(p.id, p.parent_id).where(p.id.in_(chunk))):
                found[row.id] = row.parent_id
        return found

    def pool(self, kind: str) -> list[str]:
        """Up to 50,000 ids of ``kind`` to suggest from."""
        table = MAIN_TABLES[kind]
        query = select(table.c.id).where(self._where(table)).limit(50_000)
        return list(self.connection.execute(query).scalars())


def redirects(connection: Connection, kind: str, ids: set[str]) -> dict[str, str]:
    """Merged ids among ``ids`` and the survivor each resolves to."""
    r = s.redirects.c
    found: dict[str, str] = {}
    for chunk in chunks(sorted(ids)):
        query = select(r.old_id, r.new_id).where(r.kind == kind, r.old_id.in_(chunk))
        found.update({row.old_id: row.new_id for row in connection.execute(query)})
    return found


def origins(connection: Connection, kind: str, ids: Iterable[str]) -> dict[str, str]:
    """The origin of each of ``ids`` of ``kind`` that the database holds."""
    table = MAIN_TABLES[kind]
    found: dict[str, str] = {}
    for chunk in chunks(sorted(set(ids))):
        query = select(table.c.id, table.c.origin).where(table.c.id.in_(chunk))
        found.update({row.id: row.origin for row in connection.execute(query)})
    return found
