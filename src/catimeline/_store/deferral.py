"""A long SQLite load builds the event indexes once at the end instead of row by row.

Every event written updates eight secondary indexes of ``ct_events``, the
link indexes of its child tables and the full-text index, each at a random
place: on a large load that is most of the time SQLite spends.  Building an
index from a finished table is a sort, several times cheaper.  So once a
streamed load has written more events than the table held before it (from then
on rebuilding costs less than keeping up), :class:`IndexDeferral` drops those
indexes and the full-text insert trigger, and :meth:`IndexDeferral.restore`
creates them again and indexes the new events' words before the load commits.

All of it happens inside the load's own transaction (SQLite's DDL is
transactional): a load that fails leaves the indexes exactly as they were, and
readers (WAL) see the old, fully indexed table until the commit.  Primary keys
and unique indexes are never dropped, so every key is still checked as it is
written, and foreign keys keep their parents' keys to check against.
"""

from __future__ import annotations

from sqlalchemy import Connection

from catimeline._store.search import FTS_INSERT_TRIGGER, FTS_TABLE

#: A load sets the indexes aside only once it has written at least this many events (and
#: more than the table held): below that, rebuilding saves less than the DDL costs.
MIN_EVENTS = 10_000

#: The tables whose secondary indexes a long load sets aside.
EVENT_TABLES = (
    "ct_events",
    "ct_event_places",
    "ct_event_participants",
    "ct_event_figures",
    "ct_event_tags",
    "ct_citations",
)


class IndexDeferral:
    """The event indexes of one SQLite load: dropped by :meth:`defer`, rebuilt by
    :meth:`restore`; both run inside the load's transaction."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self.events_before = self._max_rowid()
        self._indexes: list[tuple[str, str]] = []
        self._trigger: str | None = None
        self._from_rowid: int | None = None

    @property
    def deferred(self) -> bool:
        """Whether the indexes are set aside now."""
        return self._from_rowid is not None

    def _max_rowid(self) -> int:
        found = self.connection.exec_driver_sql("SELECT max(rowid) FROM ct_events").scalar()
        return int(found or 0)

    def worth_it(self, events_written: int) -> bool:
        """Whether rebuilding beats keeping up: more events written than there were, and
        at least :data:`MIN_EVENTS`."""
        return (
            not self.deferred
            and events_written >= MIN_EVENTS
            and events_written > self.events_before
        )

    def defer(self) -> None:
        """Drop the secondary (non-unique) event indexes and the full-text insert trigger."""
        if self.deferred:
            return
        marks = ", ".join("?" * len(EVENT_TABLES))
        self._indexes = [
            (str(name), str(sql))
            for name, sql in self.connection.exec_driver_sql(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
                f" AND tbl_name IN ({marks}) ORDER BY name",
                EVENT_TABLES,
            )
            if not str(sql).upper().startswith("CREATE UNIQUE")
        ]
        trigger = self.connection.exec_driver_sql(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?",
            (FTS_INSERT_TRIGGER,),
        ).scalar()
        self._trigger = None if trigger is None else str(trigger)
        self._from_rowid = self._max_rowid()
        for name, _sql in self._indexes:
            self.connection.exec_driver_sql(f'DROP INDEX "{name}"')
        if self._trigger is not None:
            self.connection.exec_driver_sql(f'DROP TRIGGER "{FTS_INSERT_TRIGGER}"')

    def restore(self) -> None:
        """Create the dropped indexes again and index the words of the events written
        since :meth:`defer` (what the trigger would have done), then the trigger itself."""
        if self._from_rowid is None:
            return
        for _name, sql in self._indexes:
            self.connection.exec_driver_sql(sql)
        if self._trigger is not None:
            self.connection.exec_driver_sql(
                f"INSERT INTO {FTS_TABLE}(rowid, title, summary, notes)"
                " SELECT rowid, title, summary, notes FROM ct_events WHERE rowid > ?",
                (self._from_rowid,),
            )
            self.connection.exec_driver_sql(self._trigger)
        self._from_rowid = None
