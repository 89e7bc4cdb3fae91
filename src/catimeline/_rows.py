"""Flat rows of results, for tables, CSV and JSON: one dict per item, plain values only."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

import attrs

from catimeline._columns import TABLE, row, view_of
from catimeline._dates import FuzzyDate
from catimeline._model import Event
from catimeline._outputs import Lookup


def _plain(value: Any) -> Any:
    if isinstance(value, FuzzyDate):
        return str(value)
    if attrs.has(type(value)):
        return {k: _plain(v) for k, v in attrs.asdict(value, recurse=False).items()}
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    return value


def as_dict(item: Any) -> dict[str, Any]:
    """A record as nested plain data (dates as EDTF text), for JSON."""
    data = _plain(item)
    assert isinstance(data, dict)
    data["type"] = type(item).__name__
    if isinstance(item, Event):
        data["earliest"] = item.date.earliest.isoformat() if item.date.earliest else None
        data["latest"] = item.date.latest.isoformat() if item.date.latest else None
    return data


def cell(value: Any, join: str = ";") -> Any:
    """A value as a flat cell: lists joined, None empty, booleans ``true``/``false``,
    days as ISO text; numbers and text as they are."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, list | tuple):
        return join.join(str(v) for v in value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def flat(item: Any) -> dict[str, Any]:
    """A record as one flat row: the columns a table or a CSV file shows (:data:`TABLE`)."""
    if view_of(TABLE, item) is None:
        return {"value": str(item)}
    return row(TABLE, item, Lookup(()), cell)


def union(rows: Iterable[dict[str, Any]], last: Iterable[str] = ()) -> list[str]:
    """The columns of ``rows`` in first-seen order, those of ``last`` moved to the end
    (so columns one record type adds never land after them)."""
    columns: list[str] = []
    for found in rows:
        columns += [key for key in found if key not in columns]
    for key in last:
        if key in columns:
            columns.remove(key)
            columns.append(key)
    return columns


def flat_rows(items: Iterable[Any]) -> tuple[list[str], list[dict[str, Any]]]:
    """Rows and the union of their columns (accident columns appear when any row has them)."""
    rows = [flat(i) for i in items]
    return union(rows, ("sources",)), rows
