"""Selective queries use indexes on both databases (checked in the plans, not by timing)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

import catimeline as ct
from tests.conftest import BACKENDS, _fresh_url
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


SINCE_SEEKS: dict[str, tuple[Callable[[ct.Timeline], Any], str]] = {
    "kind": (lambda tl: tl.events(kind="incident", since="2028"), "ix_ct_events_kind_latest"),
    "country": (lambda tl: tl.events(country="KG", since="2028"), "ix_ct_events_country_latest"),
}
SPREAD_KINDS = ("accident", "protest", "statement", "agreement", "visit", "strike", "clash")
SPREAD_COUNTRIES = ("KZ", "KG", "TJ", "UZ", "TM")


@pytest.fixture(scope="module", params=BACKENDS)
def spread(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[ct.Timeline]:
    """3,000 events over seven kinds, five countries and forty years, with planner
    statistics: a table where reading all of one kind costs more than a date seek."""
    folder = tmp_path_factory.mktemp("spread")
    for url in _fresh_url(request.param, folder):
        with ct.open(url, seed=False) as tl:
            tl.add([ct.Source("spread-notes", "spread-notes.txt", "Spread notes")])
            tl.add(
                ct.Event(
                    f"spread-{i:05d}",
                    f"{1990 + i // 7 % 40}-{1 + i % 12:02d}",
                    SPREAD_KINDS[i % len(SPREAD_KINDS)],
                    f"Spread event {i}",
                    country=SPREAD_COUNTRIES[i % len(SPREAD_COUNTRIES)],
                    citations=[ct.Citation("spread-notes", 0, 10)],
                )
                for i in range(3_000)
            )
            with tl.engine.begin() as connection:
                connection.exec_driver_sql("ANALYZE")
            yield tl


@pytest.mark.parametrize("name", sorted(SINCE_SEEKS))
def test_kind_or_country_since_seeks_the_date_in_an_index(spread: ct.Timeline, name: str) -> None:
    """With a kind (country) filter and ``since``, the date bound is part of an index seek
    (the (kind, latest, earliest) index on SQLite; it or the latest index, whichever
    Postgres finds cheaper), never a filter applied to every event of that kind."""
    run, index = SINCE_SEEKS[name]
    statement, params = _main_statement(spread, run)
    plan = _plan(spread, statement, params).splitlines()
    if spread.engine.dialect.name == "sqlite":
        assert any(index in ln and "latest>?" in ln for ln in plan), plan
    else:
        assert any("Index Cond" in ln and "latest >=" in ln for ln in plan), plan
        assert not any("Filter" in ln and "latest" in ln for ln in plan), plan
    assert run(spread)  # the seek finds the recent events of that kind (country)


CHILD_TABLES = (
    "ct_event_places",
    "ct_event_participants",
    "ct_event_figures",
    "ct_event_tags",
    "ct_citations",
)


def test_hydration_reads_child_rows_by_key(fx: ct.Timeline) -> None:
    """An event page's places, participants, figures, tags and citations are read through
    each child table's primary key: on Postgres in one statement (one round trip), on
    SQLite in one statement per table, in key order, so nothing is sorted afterwards."""
    with statements(fx.engine) as seen:
        fx.events(actor="NS")
    reads = [
        (st, p)
        for st, p in seen
        if "ct_events" not in st and any(f"FROM {t}" in st for t in CHILD_TABLES)
    ]
    sqlite = fx.engine.dialect.name == "sqlite"
    assert len(reads) == (len(CHILD_TABLES) if sqlite else 1), reads
    plan = "\n".join(_plan(fx, statement, params) for statement, params in reads)
    for table in CHILD_TABLES:
        if sqlite:
            assert f"SEARCH {table} USING INDEX sqlite_autoindex_{table}_1" in plan, plan
        else:
            assert f"Index Scan on pk_{table} " in plan.replace(
                "Index Scan using pk_ct_", "Index Scan on pk_ct_"
            ), plan
    assert "Seq Scan" not in plan and "SCAN ct_" not in plan, plan
    assert "TEMP B-TREE" not in plan, plan
