"""Helpers for tests: a full, ordered dump of catimeline's tables to compare databases, and
the statements an engine sends."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

import attrs
from sqlalchemy import Engine, event, select

import catimeline as ct
from catimeline._store import schema


def dump(engine: Engine) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every catimeline table, sorted, so two dumps compare equal iff the data is."""
    out: dict[str, list[tuple[Any, ...]]] = {}
    with engine.connect() as connection:
        for table in schema.TABLES:
            rows = connection.execute(select(table)).all()
            out[table.name] = sorted((tuple(r) for r in rows), key=repr)
    return out


@contextmanager
def statements(engine: Engine) -> Iterator[list[tuple[str, Any]]]:
    """The (SQL, parameters) of every statement ``engine`` sends inside the block."""
    seen: list[tuple[str, Any]] = []

    def listen(_c: Any, _cur: Any, statement: str, params: Any, _ctx: Any, _many: bool) -> None:
        seen.append((statement, params))

    event.listen(engine, "before_cursor_execute", listen)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", listen)


#: A source of the tests' own, for events written only to exercise a query or an output:
#: every event written through ``tl.add`` must cite a source.
TEST_NOTES = ct.Source(
    "test-notes",
    "test-notes.txt",
    "Notes written for the tests",
    published="2024",
    published_how="stated",
)


def cited(records: Iterable[Any]) -> list[Any]:
    """``records`` with :data:`TEST_NOTES` first and every event that cites nothing citing
    it, so they pass the validation of ``tl.add``."""
    out: list[Any] = [TEST_NOTES]
    for record in records:
        if isinstance(record, ct.Event) and not record.citations:
            record = attrs.evolve(record, citations=[ct.Citation("test-notes", 0, 10)])
        out.append(record)
    return out
