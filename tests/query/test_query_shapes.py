"""Event queries are compiled once per shape (which filters, how many values each) and
bound with each query's own values."""

from __future__ import annotations

from typing import Any

import catimeline as ct
from catimeline import vocabulary
from catimeline._store import compiled
from tests.helpers import statements


def _event_statement(seen: list[tuple[str, Any]]) -> str:
    return next(s for s, _ in seen if "FROM ct_events" in s and "ORDER BY" in s)


def _by_hand(every: list[ct.Event], actor: str, kinds: set[str], year: int) -> list[str]:
    """The ids the actor + kind + since query must find, filtered in Python."""
    return [
        e.id
        for e in every
        if e.kind in kinds
        and (actor in e.actors() or getattr(e, "operator", None) == actor)
        and (e.date.latest is None or e.date.latest.year >= year)
    ]


def test_same_shape_runs_the_same_sql_with_its_own_values(fx: ct.Timeline) -> None:
    """Two queries of one shape (one actor, a kind group, a since) send the same SQL text,
    and each returns exactly the events its own values select."""
    every = list(fx.events())
    incident = set(vocabulary.KIND_GROUPS["incident"])
    with statements(fx.engine) as first:
        steel = fx.events(actor="NS", kind="incident", since="2021")
    with statements(fx.engine) as second:
        copper = fx.events(actor="CU", kind="incident", since="2019")
    assert _event_statement(first) == _event_statement(second)
    assert list(steel.ids) == _by_hand(every, "northern-steel", incident, 2021)
    assert list(copper.ids) == _by_hand(every, "copper-union", incident, 2019)
    assert steel.ids  # the fixture has Northern Steel incidents since 2021


def test_a_new_shape_is_compiled_once(fx: ct.Timeline) -> None:
    """A shape seen for the first time is compiled and kept; the next query of that shape
    (other values) is served from the cache."""
    compiled._CACHE.clear()
    fx.events(kind=["accident", "protest", "clash"], since="1999", order="-date", limit=3)
    assert len(compiled._CACHE) == 1
    again = fx.events(kind=["clash", "strike", "attack"], since="2001", order="-date", limit=3)
    assert len(compiled._CACHE) == 1
    assert len(again) <= 3
    assert all(e.kind in {"clash", "strike", "attack"} for e in again)
