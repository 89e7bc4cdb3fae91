"""Bulk writes: ``Timeline.add`` streams iterators in chunks, in one transaction, intact."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from itertools import chain
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, select

import catimeline as ct
from catimeline._model import Record
from catimeline._store import inserting, repository
from catimeline._store import schema as s

SOURCE = ct.Source("bulk-notes", "bulk-notes.txt", "Bulk notes")
CITED = [ct.Citation("bulk-notes", 0, 10)]


def _actor() -> ct.Actor:
    return ct.Actor("bulk-co", "Bulk Company", "company", names=[ct.Name("BC", "abbreviation")])


def _events(n: int, *, actor: str = "bulk-co") -> Iterator[ct.Event]:
    for i in range(n):
        yield ct.Event(
            f"bulk-event-{i:03d}",
            f"2020-{1 + i % 12:02d}",
            "statement",
            f"Bulk event {i}",
            participants=[ct.Participant(actor, "announcer")],
            citations=CITED,
            tags=["bulk"],
        )


def _stream(n: int) -> Iterator[Record]:
    yield SOURCE
    yield _actor()
    yield from _events(n)


def test_add_streams_a_generator_and_counts_every_record(empty_timeline: ct.Timeline) -> None:
    """A generator is written in chunks and every record is counted and readable afterwards."""
    assert empty_timeline.add(_stream(7), chunk_size=3) == 9
    assert len(empty_timeline.events(actor="BC")) == 7


def test_add_reads_a_stream_one_chunk_at_a_time(empty_timeline: ct.Timeline) -> None:
    """When the first rows are inserted, no more than one chunk of the stream has been read."""
    pulled = 0
    seen_at_first_insert: list[int] = []

    def records() -> Iterator[Record]:
        nonlocal pulled
        for record in _stream(9):
            pulled += 1
            yield record

    def listen(*_args: Any) -> None:
        if not seen_at_first_insert:
            seen_at_first_insert.append(pulled)

    event.listen(empty_timeline.engine, "before_cursor_execute", listen)
    try:
        empty_timeline.add(records(), chunk_size=4)
    finally:
        event.remove(empty_timeline.engine, "before_cursor_execute", listen)
    with empty_timeline.engine.connect() as connection:
        assert len(connection.execute(select(s.events.c.id)).all()) == 9
    # BEGIN and the first INSERT happen after one chunk of 4 has been read, not all 11.
    assert seen_at_first_insert and seen_at_first_insert[0] <= 4


def test_a_failing_chunk_rolls_back_the_whole_stream(empty_timeline: ct.Timeline) -> None:
    """A stream whose last chunk is refused by validation writes nothing at all, though
    earlier chunks were already inserted in the load's transaction."""
    records = chain(_stream(5), _events(1, actor="nobody-at-all"))
    with pytest.raises(ct.InvalidRecords, match="nobody-at-all"):
        # The last event repeats the id bulk-event-000 and names an unknown actor.
        empty_timeline.add(records, chunk_size=2)
    with empty_timeline.engine.connect() as connection:
        assert connection.execute(select(s.events.c.id)).all() == []
        assert connection.execute(select(s.actors.c.id)).all() == []


@pytest.mark.parametrize("bad", [0, -1, 2.5, True, "10"])
def test_add_refuses_a_chunk_size_that_is_not_a_positive_whole_number(
    empty_timeline: ct.Timeline, bad: Any
) -> None:
    """chunk_size must be a whole number >= 1; anything else is a QueryError naming it."""
    with pytest.raises(ct.QueryError, match="chunk_size"):
        empty_timeline.add([_actor()], chunk_size=bad)


def test_driver_inserts_store_dates_as_sqlalchemy_reads_them(empty_timeline: ct.Timeline) -> None:
    """Date bounds written through the driver's executemany read back as the same dates."""
    empty_timeline.add(
        [
            SOURCE,
            _actor(),
            ct.Event("a-range", "2021-11~/2022-02", "report", "A range", citations=CITED),
        ]
    )
    e = s.events.c
    with empty_timeline.engine.connect() as connection:
        row = connection.execute(
            select(e.earliest, e.latest, e.possible_earliest, e.possible_latest, e.precision)
        ).one()
    assert tuple(row) == (
        dt.date(2021, 11, 1),
        dt.date(2022, 2, 28),
        dt.date(2021, 10, 1),
        dt.date(2022, 2, 28),
        "month",
    )


def test_driver_inserts_keep_flags_and_numbers(empty_timeline: ct.Timeline) -> None:
    """Booleans, integers and floats written through the driver read back with their types."""
    accident = ct.Accident(
        "an-accident",
        "2022-03-04",
        "accident",
        "An accident",
        figures=[ct.Quantity("deaths", 3.0, "people", approx=True)],
        citations=CITED,
        deaths=3,
    )
    empty_timeline.add([SOURCE, accident])
    found = empty_timeline.event("an-accident")
    assert isinstance(found, ct.Accident)
    assert (found.deaths, found.figures[0].value, found.figures[0].approx) == (3, 3.0, True)


def test_a_large_stream_refreshes_planner_statistics(
    empty_timeline: ct.Timeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After a streamed load of ANALYZE_AFTER records or more, the tables have statistics."""
    monkeypatch.setattr(inserting, "ANALYZE_AFTER", 5)
    empty_timeline.add(_stream(6), chunk_size=4)
    with empty_timeline.engine.connect() as connection:
        if connection.dialect.name == "sqlite":
            analysed = connection.exec_driver_sql("SELECT DISTINCT tbl FROM sqlite_stat1").all()
        else:
            analysed = connection.exec_driver_sql(
                "SELECT relname FROM pg_stat_user_tables WHERE last_analyze IS NOT NULL"
                " AND schemaname = current_schema()"
            ).all()
    assert "ct_events" in {r[0] for r in analysed}


def test_a_streamed_load_leaves_the_sqlite_page_cache_as_it_was(tmp_path: Path) -> None:
    """The larger page cache of a bulk load is given back when the load ends (SQLite)."""
    with (
        ct.open(f"sqlite:///{tmp_path / 'cache.db'}", seed=False) as tl,
        tl.engine.connect() as connection,
    ):
        before = connection.exec_driver_sql("PRAGMA cache_size").scalar()
        repository.Repository(connection).add([_actor()], chunk_size=2)
        connection.commit()
        after = connection.exec_driver_sql("PRAGMA cache_size").scalar()
    assert after == before != -inserting.BULK_CACHE_KIB
