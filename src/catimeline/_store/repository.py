"""The repository: domain objects in, rows out, and back, explicitly, over one connection.

No ORM mapping.  The work is done by one module per concern, and
:class:`Repository` puts them behind one object:

- :mod:`~catimeline._store.shapes`: which table holds each kind, the named fields of rows;
- :mod:`~catimeline._store.staging`: records into rows (one description per record type);
- :mod:`~catimeline._store.inserting`: rows into tables, and long streamed loads;
- :mod:`~catimeline._store.deleting`: who refers to what, and deletes;
- :mod:`~catimeline._store.reading`: records of every kind back by id;
- :mod:`~catimeline._store.event_children` and :mod:`~catimeline._store.hydrate`: a
  query's event rows with their child rows, built into events on first use.

The user's validated changes (add, update, remove, merge) are
:mod:`~catimeline._store.writing`.  The names below other modules import from
here stay importable from here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence

from sqlalchemy import Table

from catimeline._model import Record
from catimeline._store import deleting, inserting, staging
from catimeline._store.batches import paused_gc as paused_gc
from catimeline._store.hydrate import EventRows as EventRows
from catimeline._store.reading import Reader
from catimeline._store.shapes import EVENT_READ_COLUMNS as EVENT_READ_COLUMNS
from catimeline._store.shapes import MAIN_TABLES as MAIN_TABLES
from catimeline._store.shapes import kind_of as kind_of
from catimeline._store.staging import RowDict


class Repository(Reader):
    """Reads and writes domain objects over one SQLAlchemy connection.

    The caller owns the transaction: the repository never commits, so a seed
    load or a bulk add is all or nothing.
    """

    @staticmethod
    def stage(records: Iterable[Record], *, origin: str = "user") -> dict[Table, list[RowDict]]:
        """The rows ``records`` become, by table (see :func:`catimeline._store.staging.stage`)."""
        return staging.stage(records, origin=origin)

    def insert(self, staged: Mapping[Table, list[RowDict]]) -> None:
        """Insert staged rows, parents before children (see :func:`.inserting.insert`)."""
        inserting.insert(self.connection, staged)

    def add(
        self,
        records: Iterable[Record],
        *,
        origin: str = "user",
        chunk_size: int | None = None,
        check: Callable[[list[Record]], list[Record]] | None = None,
    ) -> int:
        """Insert ``records`` (any mix of types), streamed ``chunk_size`` at a time if given;
        returns how many were written (see :func:`catimeline._store.inserting.load`)."""
        return inserting.load(
            self.connection, records, origin=origin, chunk_size=chunk_size, check=check
        )

    def delete_children(self, kind: str, ids: Sequence[str]) -> None:
        """Delete the child rows and citations of records of ``kind``, keeping the records."""
        deleting.delete_children(self.connection, kind, ids)

    def delete(self, kind: str, ids: Sequence[str]) -> None:
        """Delete records of ``kind`` with their child rows and citations."""
        deleting.delete_rows(self.connection, kind, ids)
