"""A long SQLite load sets the event indexes aside and rebuilds them before it commits:
the schema, the search and the plans afterwards are those of a row-by-row load, and a
failed load leaves everything as it was."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

import catimeline as ct
from catimeline._model import Record
from catimeline._store import deferral
from tests.helpers import dump, statements


def _records(
    n: int, *, prefix: str = "load", actor: bool = True, broken_at: int | None = None
) -> Iterator[Record]:
    if actor:
        yield ct.Source("load-notes", "load-notes.txt", "Load notes")
        yield ct.Actor("load-co", "Load Company", "company", names=[ct.Name("LC", "abbreviation")])
    for i in range(n):
        who = "nobody" if i == broken_at else "load-co"
        yield ct.Event(
            f"{prefix}-{i:04d}",
            f"2021-{1 + i % 12:02d}",
            "accident" if i % 3 == 0 else "statement",
            f"Loaded quarry event {i}",
            participants=[ct.Participant(who, "subject")],
            citations=[ct.Citation("load-notes", 0, 10)],
            tags=["load"],
        )


def _schema(tl: ct.Timeline) -> list[tuple[Any, ...]]:
    with tl.engine.connect() as c:
        rows = c.exec_driver_sql(
            "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name"
        )
        return [tuple(r) for r in rows]


@pytest.fixture
def small_threshold(monkeypatch: pytest.MonkeyPatch) -> None:
    """Loads of 20 events count as long, so the tests stay small."""
    monkeypatch.setattr(deferral, "MIN_EVENTS", 20)


@contextmanager
def _drops(tl: ct.Timeline) -> Iterator[list[str]]:
    """The DROP statements sent inside the block."""
    with statements(tl.engine) as seen:
        drops: list[str] = []
        yield drops
    drops.extend(sql for sql, _ in seen if sql.startswith("DROP "))


def test_long_load_rebuilds_the_same_indexes_and_search(
    tmp_path: Path, small_threshold: None
) -> None:
    """After a streamed load long enough to set indexes aside, sqlite_master lists the same
    indexes and triggers as before, text search finds the new events, and actor queries
    answer as usual."""
    with ct.open(f"sqlite:///{tmp_path / 'long.db'}", seed=False) as tl:
        before = _schema(tl)
        with _drops(tl) as drops:
            assert tl.add(_records(60), chunk_size=25) == 62
        assert any("DROP INDEX" in d for d in drops), drops
        assert any("DROP TRIGGER" in d for d in drops), drops
        assert _schema(tl) == before
        assert len(tl.events(text="quarry")) == 60
        assert len(tl.events(actor="LC", kind="statement")) == 40
        with tl.engine.connect() as c:
            assert c.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"


def test_short_load_keeps_its_indexes(tmp_path: Path, small_threshold: None) -> None:
    """A stream shorter than the threshold writes through the indexes: nothing is dropped."""
    with ct.open(f"sqlite:///{tmp_path / 'short.db'}", seed=False) as tl:
        with _drops(tl) as drops:
            tl.add(_records(10), chunk_size=4)
        assert drops == []
        assert len(tl.events(text="quarry")) == 10


def test_load_into_a_larger_table_keeps_its_indexes(tmp_path: Path, small_threshold: None) -> None:
    """A stream smaller than the table it joins is written through the indexes."""
    with ct.open(f"sqlite:///{tmp_path / 'large.db'}", seed=False) as tl:
        tl.add(_records(60), chunk_size=100)
        more = (
            ct.Event(
                f"more-{i}",
                "2022",
                "statement",
                f"More {i}",
                tags=["more"],
                citations=[ct.Citation("load-notes", 0, 10)],
            )
            for i in range(30)
        )
        with _drops(tl) as drops:
            tl.add(more, chunk_size=10)
        assert drops == []


def test_failed_long_load_leaves_data_and_indexes_unchanged(
    tmp_path: Path, small_threshold: None
) -> None:
    """A load that fails in a chunk after the indexes were set aside rolls back whole: the
    same rows, indexes, triggers and search as before it."""
    with ct.open(f"sqlite:///{tmp_path / 'failed.db'}", seed=False) as tl:
        tl.add(_records(5), chunk_size=10)
        rows, schema = dump(tl.engine), _schema(tl)
        with _drops(tl) as drops, pytest.raises(ct.CatimelineError):
            tl.add(_records(80, prefix="late", actor=False, broken_at=70), chunk_size=25)
        assert any("DROP INDEX" in d for d in drops), drops  # failed after setting aside
        assert dump(tl.engine) == rows
        assert _schema(tl) == schema
        assert len(tl.events(text="quarry")) == 5
