"""Selective queries use indexes on both databases (checked in the plans, not by timing)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

import catimeline as ct
from tests.helpers import statements

SELECTIVE: dict[str, Callable[[ct.Timeline], object]] = {
    "actor+kind+since": lambda tl: tl.events(actor="NS", kind="incident", since="2021"),
    "place": lambda tl: tl.events(place="Pit One"),
    "country+since": lambda tl: tl.events(country="KG", since="2020"),
    "project": lambda tl: tl.events(project="lake-power-plant"),
    "date window": lambda tl: tl.events(since="2022-06-01", until="2022-06-30"),
}


def _main_statement(tl: ct.Timeline, run: Callable[[ct.Timeline], object]) -> tuple[str, Any]:
    with statements(tl.engine) as seen:
        run(tl)
    return next(s for s in seen if "FROM ct_events" in s[0] and "ORDER BY" in s[0])


def _plan(tl: ct.Timeline, statement: str, params: Any) -> str:
    with tl.engine.connect() as connection:
        if tl.engine.dialect.name == "sqlite":
            rows = connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", params)
            return "\n".join(str(r[-1]) for r in rows)
        # The fixture is tiny, so tell the planner sequential scans are expensive, as they
        # are on a real table; an index must then exist for it to choose one.
        connection.exec_driver_sql("SET enable_seqscan = off")
        rows = connection.exec_driver_sql(f"EXPLAIN {statement}", params)
        return "\n".join(str(r[0]) for r in rows)


@pytest.mark.parametrize("name", sorted(SELECTIVE))
def test_selective_query_uses_an_index(fx: ct.Timeline, name: str) -> None:
    """The plan of each selective event query reads ct_events through an index, not a scan."""
    statement, params = _main_statement(fx, SELECTIVE[name])
    plan = _plan(fx, statement, params)
    if fx.engine.dialect.name == "sqlite":
        assert "SCAN ct_events" not in plan, plan
        assert "USING" in plan and "INDEX" in plan, plan
    else:
        assert "Seq Scan on ct_events" not in plan, plan
        assert "Index" in plan, plan


LINK_INDEXES: dict[str, tuple[Callable[[ct.Timeline], object], str]] = {
    "actor": (SELECTIVE["actor+kind+since"], "ix_ct_event_participants_actor_event"),
    "place": (SELECTIVE["place"], "ix_ct_event_places_place_event"),
}


@pytest.mark.parametrize("name", sorted(LINK_INDEXES))
def test_actor_and_place_filters_start_from_the_covering_link_index(
    fx: ct.Timeline, name: str
) -> None:
    """The actor (place) filter finds its events through the (actor_id, event_id)
    ((place_id, event_id)) index, and on SQLite reads ct_events by key."""
    run, index = LINK_INDEXES[name]
    statement, params = _main_statement(fx, run)
    plan = _plan(fx, statement, params)
    assert index in plan, plan
    if fx.engine.dialect.name == "sqlite":
        assert "sqlite_autoindex_ct_events_1 (id=?)" in plan, plan
    else:
        assert "Seq Scan" not in plan, plan


CHILD_TABLES = (
    "ct_event_places",
    "ct_event_participants",
    "ct_event_figures",
    "ct_event_tags",
    "ct_citations",
)


def test_hydration_reads_child_rows_by_key(fx: ct.Timeline) -> None:
    """One statement fetches an event page's participants, places, figures, tags and
    citations, and it reads each child table through its primary key."""
    with statements(fx.engine) as seen:
        fx.events(actor="NS")
    children = [(st, p) for st, p in seen if " IN (" in st and "ct_events" not in st]
    assert len(children) == 1
    statement, params = children[0]
    plan = _plan(fx, statement, params)
    for table in CHILD_TABLES:
        if fx.engine.dialect.name == "sqlite":
            assert f"SEARCH {table} USING INDEX sqlite_autoindex_{table}_1" in plan, plan
        else:
            assert f"Index Scan on pk_{table} " in plan.replace(
                "Index Scan using pk_ct_", "Index Scan on pk_ct_"
            ), plan
    assert "Seq Scan" not in plan and "SCAN ct_" not in plan, plan
