"""Loading the synthetic timeline: through catimeline, and as plain tuples through the driver."""

from __future__ import annotations

import datetime as dt
import json
import resource
import time
from pathlib import Path
from typing import Any

import catimeline as ct
import synthetic as syn
from backends import Backend
from catimeline._dates import FuzzyDate
from catimeline._store.deferral import MIN_EVENTS
from timing import Timed, run_json

#: Events written per executemany batch of the raw load.
CHUNK = 10_000


def load_child(url: str, n_events: int, seed: int) -> None:
    """(In a child process.) Fill ``url`` through catimeline; print timings and peak RSS."""
    made = syn.generate(url, n_events, seed)
    rss_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({**made._asdict(), "peak_rss_mb": rss_kib / 1024}))


def load_catimeline(script: Path, url: str, n_events: int, seed: int) -> dict[str, Any]:
    """Load through catimeline in a fresh process (``script --load-child``, so peak RSS is
    the load's own)."""
    wall, out = run_json(
        [str(script), "--load-child", url, "--events", str(n_events), "--seed", str(seed)]
    )
    out["process_s"] = wall
    return dict(out)


_EVENT_COLUMNS = (
    "id",
    "date",
    "earliest",
    "latest",
    "possible_earliest",
    "possible_latest",
    "precision",
    "date_how",
    "kind",
    "title",
    "summary",
    "country",
    "project_id",
    "notes",
    "is_accident",
    "deaths",
    "injured",
    "cause",
    "facility_id",
    "operator_id",
    "origin",
)
_RAW_TABLES: dict[str, tuple[str, ...]] = {
    "ct_events": _EVENT_COLUMNS,
    "ct_event_places": ("event_id", "seq", "place_id"),
    "ct_event_participants": ("event_id", "seq", "actor_id", "role", "note"),
    "ct_event_figures": ("event_id", "seq", "name", "value", "unit", "printed", "approx", "note"),
    "ct_event_tags": ("event_id", "seq", "tag"),
    "ct_citations": ("owner_kind", "owner_id", "part", "seq", "source_id", "start", "end"),
}


def _quoted(name: str) -> str:
    return '"' + name + '"'


#: How a raw load treats the indexes (SQLite): ``live`` keeps every index up to date row
#: by row; ``deferred`` does what catimeline does on a long load (secondary indexes and the
#: search trigger set aside, rebuilt before the commit, foreign keys checked); ``floor`` is
#: ``deferred`` without foreign key checks, the least this schema can cost on this machine.
STRATEGIES = ("live", "deferred", "floor")


def like_for_like(backend: Backend, n_events: int) -> str:
    """The raw strategy that does the same work as catimeline's own load of ``n_events``
    into an empty database: SQLite defers its indexes on a long load, Postgres never does."""
    if backend.name == "sqlite" and n_events >= MIN_EVENTS:
        return "deferred"
    return "live"


def raw_load(
    backend: Backend, url: str, n_events: int, seed: int, *, strategy: str = "live"
) -> dict[str, Any]:
    """The same events as plain tuples through the driver's executemany, one transaction.

    Entities go in through catimeline first (untimed).  Date bounds come from a
    memo of parsed date texts; the time spent generating the synthetic events
    is measured and left out, as it is for catimeline.  ``strategy`` is one of
    :data:`STRATEGIES` (the index work of ``deferred`` and ``floor`` is timed too).
    """
    if strategy not in STRATEGIES or (strategy != "live" and backend.name != "sqlite"):
        raise ValueError(f"no {strategy!r} raw load on {backend.name}")
    bare = strategy != "live"
    with ct.open(url, seed=False) as tl:
        tl.add(syn.entities(n_events, seed))
    sqlite = backend.name == "sqlite"
    bounds = _Bounds(sqlite)
    q = backend.mark
    sql = {
        table: f"INSERT INTO {table} ({', '.join(_quoted(c) for c in cols)})"
        f" VALUES ({', '.join([q] * len(cols))})"
        for table, cols in _RAW_TABLES.items()
    }
    specs = Timed(syn.event_specs(n_events, seed))
    con = backend.raw(url, bulk=True)
    t0 = time.perf_counter()
    cur = con.cursor()
    if strategy == "floor":
        cur.execute("PRAGMA foreign_keys=OFF")
    if sqlite:
        cur.execute("BEGIN IMMEDIATE")
    rebuild = _drop_deferred(cur) if bare else []
    written = 0
    while rows := _chunk_rows(specs, bounds):
        for table, batch in rows.items():
            if batch:
                cur.executemany(sql[table], batch)
        written += len(rows["ct_events"])
    if bare:
        _rebuild(cur, rebuild)
    if sqlite:
        cur.execute("COMMIT")
    else:
        con.commit()
    seconds = time.perf_counter() - t0 - specs.seconds
    con.close()
    return {"events": written, "events_s": seconds, "generation_s": specs.seconds}


class _Bounds:
    """A memo of the stored bounds and precision of each date text (parsed once)."""

    def __init__(self, sqlite: bool) -> None:
        self.sqlite = sqlite
        self.memo: dict[str, tuple[Any, ...]] = {}

    def __call__(self, date: str) -> tuple[Any, ...]:
        found = self.memo.get(date)
        if found is None:
            d = FuzzyDate.parse(date)
            values = [d.earliest, d.latest, d.possible_earliest, d.possible_latest]
            # The synthetic dates have no open ends, so every bound is a date.
            days = [dt.date(x.year, x.month, x.day) for x in values if x is not None]
            found = (
                (*(x.isoformat() for x in days), d.precision.value)
                if self.sqlite
                else (
                    *days,
                    d.precision.value,
                )
            )
            self.memo[date] = found
        return found


def _drop_deferred(cur: Any) -> list[str]:
    """Drop the event indexes and the text-search trigger; the statements that rebuild them."""
    found = cur.execute(
        "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND"
        " ((type = 'index' AND (tbl_name LIKE 'ct_event%' OR tbl_name = 'ct_citations'))"
        " OR (type = 'trigger' AND name = 'ct_events_fts_insert'))"
    ).fetchall()
    rebuild: list[str] = []
    for kind, name, ddl in found:
        cur.execute(f'DROP {kind.upper()} "{name}"')
        rebuild.append(ddl)
    return rebuild


def _rebuild(cur: Any, rebuild: list[str]) -> None:
    """Fill the text index and rebuild what :func:`_drop_deferred` dropped."""
    cur.execute(
        "INSERT INTO ct_events_fts(rowid, title, summary, notes)"
        " SELECT rowid, title, summary, notes FROM ct_events"
    )
    for statement in rebuild:
        cur.execute(statement)


def _chunk_rows(specs: Timed, bounds: _Bounds) -> dict[str, list[tuple[Any, ...]]]:
    """The rows of each table for the next :data:`CHUNK` events; empty when none are left."""
    rows: dict[str, list[tuple[Any, ...]]] = {t: [] for t in _RAW_TABLES}
    for spec in (next(specs, None) for _ in range(CHUNK)):
        if spec is None:
            break
        e, l_, pe, pl, precision = bounds(spec.date)
        acc = spec.accident or (None, None, None, None, None)
        rows["ct_events"].append(
            (
                spec.id,
                spec.date,
                e,
                l_,
                pe,
                pl,
                precision,
                spec.date_how,
                spec.kind,
                spec.title,
                spec.summary,
                spec.country,
                spec.project,
                None,
                spec.accident is not None,
                *acc,
                "user",
            )
        )
        for i, place in enumerate(spec.places):
            rows["ct_event_places"].append((spec.id, i, place))
        for i, (actor, role) in enumerate(spec.participants):
            rows["ct_event_participants"].append((spec.id, i, actor, role, None))
        for i, (name, value, unit, approx) in enumerate(spec.figures):
            rows["ct_event_figures"].append((spec.id, i, name, value, unit, None, approx, None))
        for i, tag in enumerate(spec.tags):
            rows["ct_event_tags"].append((spec.id, i, tag))
        for i, (source, start, end) in enumerate(spec.citations):
            rows["ct_citations"].append(("event", spec.id, 0, i, source, start, end))
    return rows if rows["ct_events"] else {}
