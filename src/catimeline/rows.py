"""Flat rows of results, for tables, CSV and JSON: one dict per item, plain values only."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import attrs

from catimeline.dates import FuzzyDate
from catimeline.model import Accident, Actor, Event, Place, Project


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


def flat(item: Any) -> dict[str, Any]:
    """A record as one flat row: the columns a table or a CSV file shows."""
    if isinstance(item, Event):
        row: dict[str, Any] = {
            "id": item.id,
            "date": str(item.date),
            "kind": item.kind,
            "title": item.title,
            "country": item.country or "",
            "actors": ";".join(item.actors()),
            "places": ";".join(item.places),
        }
        if isinstance(item, Accident):
            row["deaths"] = "" if item.deaths is None else item.deaths
            row["injured"] = "" if item.injured is None else item.injured
            row["operator"] = item.operator or ""
        row["sources"] = ";".join(dict.fromkeys(c.source for c in item.citations))
        return row
    if isinstance(item, Project):
        return {
            "id": item.id,
            "name": item.name,
            "kind": item.kind,
            "countries": ";".join(item.countries),
            "status": item.current_status or "",
            "participants": ";".join(f"{p.actor}:{p.role}" for p in item.participants),
        }
    if isinstance(item, Actor):
        return {
            "id": item.id,
            "name": item.name,
            "kind": item.kind,
            "country": item.country or "",
            "names": ";".join(item.all_names[1:]),
        }
    if isinstance(item, Place):
        return {
            "id": item.id,
            "name": item.name,
            "kind": item.kind,
            "parent": item.parent or "",
            "country": item.country or "",
        }
    return {"value": str(item)}


def flat_rows(items: Iterable[Any]) -> tuple[list[str], list[dict[str, Any]]]:
    """Rows and the union of their columns (accident columns appear when any row has them)."""
    rows = [flat(i) for i in items]
    columns: list[str] = []
    for row in rows:
        for key in row:
            if key not in columns:
                columns.append(key)
    if "sources" in columns:  # keep sources last even when accident columns joined later
        columns.remove("sources")
        columns.append("sources")
    return columns, rows
