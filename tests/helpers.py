"""Helpers for tests: a full, ordered dump of catimeline's tables to compare databases."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, select

from catimeline.store import schema


def dump(engine: Engine) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every catimeline table, sorted, so two dumps compare equal iff the data is."""
    out: dict[str, list[tuple[Any, ...]]] = {}
    with engine.connect() as connection:
        for table in schema.TABLES:
            rows = connection.execute(select(table)).all()
            out[table.name] = sorted((tuple(r) for r in rows), key=repr)
    return out
