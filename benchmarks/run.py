"""Benchmarks: catimeline against the raw driver and pandas on the same data, in the same run.

    python benchmarks/run.py --events 200000 --json benchmarks/results/200k-sqlite.json
    python benchmarks/run.py --events 1000000 --json benchmarks/results/1m-sqlite.json
    python benchmarks/run.py --events 200000 --url postgresql+psycopg://me@host/db \\
        --json benchmarks/results/200k-postgres.json

Without ``--url`` everything runs on SQLite files in a scratch folder; with a
Postgres ``--url`` every database is a fresh schema of that database (dropped
afterwards).  Every ratio is catimeline's time divided by the baseline's time
on the same data in the same run: 1.0 is parity, lower is better.  The headline
ratios are like-for-like: the selective query with its objects built, the bulk
load against a raw load doing the same index work; the flattering variants are
shown beside them.  Query times are medians of repeated runs after a warm-up.
See ``docs/performance.md``.  The parts: ``timing`` (how things are timed),
``backends`` (fresh databases), ``loads`` (filling them), ``shapes`` (the
queries and their hand-written twins), ``report`` (targets and the table).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import platform
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from functools import partial
from pathlib import Path
from typing import Any

from sqlalchemy import make_url

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import catimeline as ct  # noqa: E402
import synthetic as syn  # noqa: E402
from backends import Backend  # noqa: E402
from loads import STRATEGIES, like_for_like, load_catimeline, load_child, raw_load  # noqa: E402
from report import check_targets, table  # noqa: E402
from shapes import (  # noqa: E402
    BROAD_SINCE,
    BROAD_UNTIL,
    COMMON,
    broad_sql,
    pandas_filter,
    raw_common,
    raw_selective,
    read_sql,
    selective,
)
from timing import interleaved_ms, median_ms, paired_ms, run_json, say  # noqa: E402

SCALE_POINTS = (10_000, 100_000, 1_000_000)
ASK = "all AMT incidents since 2021"


_IMPORT = "import time; t = time.perf_counter(); import catimeline; print(time.perf_counter() - t)"
_ASK = f"""
import json, time
t = time.perf_counter()
import catimeline as ct
tl = ct.open()
n = len(tl.ask({ASK!r}))
tl.close()
print(json.dumps({{"in_process_s": time.perf_counter() - t, "rows": n}}))
"""


def import_seconds(repeat: int = 5) -> dict[str, float]:
    """Time of ``import catimeline`` in fresh processes: the median, and the process wall."""
    inside, walls = [], []
    for _ in range(repeat):
        wall, value = run_json(["-c", _IMPORT])
        inside.append(float(value))
        walls.append(wall)
    return {"import_s": statistics.median(inside), "process_s": statistics.median(walls)}


def ask_seconds(backend: Backend, folder: Path) -> dict[str, Any]:
    """Cold then warm ``ct.open().ask(...)`` in fresh processes on a fresh default database.

    Cold: the default database does not exist (SQLite: a new user data folder;
    Postgres: a new schema as ``$CATIMELINE_URL``), so the process migrates,
    seeds the curated data and answers.  Warm: the same again on that database.
    The figures are process wall times (interpreter start included).
    """
    env = {k: val for k, val in os.environ.items() if k != "CATIMELINE_URL"}
    if backend.name == "sqlite":
        env["XDG_DATA_HOME"] = str(folder / "xdg")
        shutil.rmtree(folder / "xdg", ignore_errors=True)
    else:
        env["CATIMELINE_URL"] = backend.fresh("ask")
    cold, cold_out = run_json(["-c", _ASK], env)
    warm_walls, warm_inside = [], []
    for _ in range(3):
        wall, out = run_json(["-c", _ASK], env)
        warm_walls.append(wall)
        warm_inside.append(out["in_process_s"])
    return {
        "cold_ask_s": cold,
        "warm_ask_s": statistics.median(warm_walls),
        "cold_in_process_s": cold_out["in_process_s"],
        "warm_in_process_s": statistics.median(warm_inside),
        "rows": cold_out["rows"],
    }


def machine() -> dict[str, Any]:
    """What the figures were measured on."""
    try:
        mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    except (ValueError, OSError):
        mem = float("nan")
    versions: dict[str, str] = {"sqlite": sqlite3.sqlite_version, "catimeline": ct.__version__}
    for module in ("sqlalchemy", "pandas", "psycopg"):
        with contextlib.suppress(ImportError):
            versions[module] = __import__(module).__version__
    return {
        "cpus": os.cpu_count(),
        "memory_gib": round(mem, 1),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "versions": versions,
        "load_average_at_start": os.getloadavg()[0],
    }


def measure_loads(backend: Backend, main: str, n_events: int, seed: int) -> dict[str, Any]:
    """catimeline's bulk load into ``main`` against raw loads of the same events.

    The headline ratio compares with the raw load that does the same index work
    (:func:`loads.like_for_like`); the others are shown beside it.
    """
    say(f"loading {n_events} events through catimeline ({backend.name})")
    loaded = load_catimeline(Path(__file__), main, n_events, seed)
    strategies = STRATEGIES if backend.name == "sqlite" else ("live",)
    raw_s: dict[str, float] = {}
    generation: dict[str, float] = {"catimeline": loaded["generation_s"]}
    for strategy in strategies:
        say(f"loading the same events through the raw driver ({strategy} indexes)")
        url = backend.fresh(f"raw_{strategy}")
        raw = raw_load(backend, url, n_events, seed, strategy=strategy)
        raw_s[strategy] = raw["events_s"]
        generation[f"raw_{strategy}"] = raw["generation_s"]
        if backend.name == "sqlite":
            Path(str(make_url(url).database)).unlink(missing_ok=True)
    same = like_for_like(backend, n_events)
    return {
        "events_per_s": n_events / loaded["events_s"],
        "raw_events_per_s": n_events / raw_s[same],
        "ratio": loaded["events_s"] / raw_s[same],
        "like_for_like": same,
        "raw_events_per_s_by_strategy": {k: n_events / s for k, s in raw_s.items()},
        # The machine's floor: raw, no foreign key checks, indexes built after.
        "raw_bare_events_per_s": n_events / raw_s["floor"] if "floor" in raw_s else None,
        "catimeline_s": loaded["events_s"],
        "raw_s": raw_s[same],
        "entities_s": loaded["entities_s"],
        "peak_rss_mb": loaded["peak_rss_mb"],
        "generation_s_left_out": generation,
    }


def measure_selective(tl: ct.Timeline, backend: Backend, con: Any, repeat: int) -> dict[str, Any]:
    """The selective query against hand-written SQL: with its objects built (the headline,
    what a caller iterating the results pays) and with the rows only (objects on use)."""
    say("selective query")
    rows = len(selective(tl))
    raw_run = raw_selective(backend, con)
    assert raw_run() == rows, "the raw SQL must find the same events"
    (ct_ms, ct_best), (raw_ms, raw_best) = paired_ms(
        lambda: selective(tl), raw_run, repeat, warmup=2
    )
    (obj_ms, obj_best), (raw2_ms, _) = paired_ms(
        lambda: list(selective(tl)), raw_run, repeat, warmup=2
    )
    return {
        "catimeline_ms": ct_ms,
        "raw_sql_ms": raw_ms,
        "ratio": ct_ms / raw_ms,
        "rows": rows,
        "best_ms": {"catimeline": ct_best, "raw_sql": raw_best},
        "with_objects": {
            "catimeline_ms": obj_ms,
            "raw_sql_ms": raw2_ms,
            "ratio": obj_ms / raw2_ms,
            "best_ms": obj_best,
        },
    }


def measure_common(
    tl: ct.Timeline, backend: Backend, con: Any, repeat: int
) -> dict[str, dict[str, Any]]:
    """The other query shapes of :data:`shapes.COMMON`, each against its hand-written SQL."""
    say("other query shapes")
    found_by: dict[str, dict[str, Any]] = {}
    for name, (call, *_sql) in COMMON.items():
        found = len(call(tl))
        raw_run = raw_common(backend, con, name)
        assert raw_run() == found, f"the raw SQL of {name!r} must find the same events"
        (ct_ms, _), (raw_ms, _) = paired_ms(partial(call, tl), raw_run, repeat, warmup=2)
        found_by[name] = {
            "catimeline_ms": ct_ms,
            "raw_sql_ms": raw_ms,
            "ratio": ct_ms / raw_ms,
            "rows": found,
        }
    return found_by


def measure_to_pandas(tl: ct.Timeline, backend: Backend, con: Any, repeat: int) -> dict[str, Any]:
    """``to_pandas()`` of the broad query against ``pandas.read_sql`` of the same columns."""
    say("to_pandas of the broad query")
    sql, params = broad_sql(backend)
    frame = tl.events(since=BROAD_SINCE, until=BROAD_UNTIL).to_pandas()
    raw_frame = read_sql(con, sql, params)
    assert len(frame) == len(raw_frame), (len(frame), len(raw_frame))
    (ct_ms, ct_best), (raw_ms, raw_best) = paired_ms(
        lambda: tl.events(since=BROAD_SINCE, until=BROAD_UNTIL).to_pandas(),
        lambda: read_sql(con, sql, params),
        max(3, repeat // 5),
        warmup=0,
    )
    return {
        "catimeline_ms": ct_ms,
        "raw_sql_ms": raw_ms,
        "ratio": ct_ms / raw_ms,
        "rows": len(frame),
        "best_ms": {"catimeline": ct_best, "raw_sql": raw_best},
    }


def measure_pandas_filter(
    backend: Backend, con: Any, repeat: int, rows: int, selective_ms: float
) -> dict[str, Any]:
    """The selective query as a pandas user would filter in-memory frames of all events."""
    say("pandas filter")
    filter_run, n_frame = pandas_filter(backend, con)
    assert filter_run() == rows, "the pandas filter must find the same events"
    pd_ms, _ = median_ms(filter_run, max(5, repeat // 3))
    return {
        "catimeline_ms": selective_ms,
        "pandas_ms": pd_ms,
        "speedup": pd_ms / selective_ms,
        "frame_rows": n_frame,
    }


def measure_scaling(
    backend: Backend, main: str, n_events: int, seed: int, repeat: int
) -> dict[str, Any]:
    """The selective query on timelines of growing size, every size timed in turn (as the
    paired timings are: a change in the machine's speed weighs on all sizes alike)."""
    say("scaling")
    points = [p for p in SCALE_POINTS if p < n_events] + [n_events]
    urls = {size: main for size in points}
    for size in points[:-1]:
        urls[size] = backend.fresh(f"s{size}")
        syn.generate(urls[size], size, seed)
    sized = [ct.open(urls[size], migrate=False, seed=False) for size in points]
    try:
        scale_rows = [len(selective(t)) for t in sized]
        timed = interleaved_ms([partial(selective, t) for t in sized], repeat, warmup=2)
        scale_ms = [median for median, _best in timed]
    finally:
        for t in sized:
            t.close()
        if backend.name == "sqlite":
            for size in points[:-1]:
                Path(str(make_url(urls[size]).database)).unlink(missing_ok=True)
    return {
        "events": points,
        "catimeline_ms": scale_ms,
        "rows": scale_rows,
        "ratio_largest_over_10k": scale_ms[-1] / scale_ms[0],
        "ratio_1m_over_10k": scale_ms[-1] / scale_ms[0] if n_events >= 1_000_000 else None,
    }


def run(n_events: int, seed: int, url: str | None, folder: Path, repeat: int) -> dict[str, Any]:
    """Every measurement of one run, as the JSON document."""
    backend = Backend(url, folder)
    started = time.perf_counter()
    out: dict[str, Any] = {
        "events": n_events,
        "seed": seed,
        "backend": backend.name,
        "machine": machine(),
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }
    try:
        main = backend.fresh("main")
        out["bulk_load"] = measure_loads(backend, main, n_events, seed)
        out["peak_rss_mb"] = out["bulk_load"].pop("peak_rss_mb")
        out["machine"]["load_average_at_queries"] = os.getloadavg()[0]
        tl = ct.open(main, migrate=False, seed=False)
        con = backend.raw(main)
        try:
            sel = out["selective_query"] = measure_selective(tl, backend, con, repeat)
            out["common_queries"] = measure_common(tl, backend, con, repeat)
            out["to_pandas"] = measure_to_pandas(tl, backend, con, repeat)
            out["pandas_filter"] = measure_pandas_filter(
                backend, con, repeat, sel["rows"], sel["catimeline_ms"]
            )
        finally:
            con.close()
            tl.close()
        out["scaling"] = measure_scaling(backend, main, n_events, seed, repeat)
        say("import, cold and warm ask")
        imported = import_seconds()
        out["import_s"] = imported["import_s"]
        asked = ask_seconds(backend, folder)
        out["cold_ask_s"] = asked["cold_ask_s"]
        out["warm_ask_s"] = asked["warm_ask_s"]
        out["process"] = {"import_process_s": imported["process_s"], **asked}
    finally:
        backend.drop_all()
    out["wall_s"] = time.perf_counter() - started
    out["machine"]["load_average_at_end"] = os.getloadavg()[0]
    out["targets"] = check_targets(out)
    return out


def main(argv: Sequence[str] | None = None) -> int:
    """Parse the command line, run, print the table, write the JSON."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--events", type=int, default=200_000, help="events in the main run")
    parser.add_argument("--url", help="a Postgres URL (default: SQLite files in --workdir)")
    parser.add_argument("--json", type=Path, help="write the figures to this JSON file")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--repeat", type=int, default=31, help="timed runs per query")
    parser.add_argument("--workdir", type=Path, help="scratch folder (default: a temporary one)")
    parser.add_argument("--load-child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.load_child:
        load_child(args.load_child, args.events, args.seed)
        return 0
    with contextlib.ExitStack() as stack:
        if args.workdir:
            folder = args.workdir
            folder.mkdir(parents=True, exist_ok=True)
        else:
            folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="ctbench-")))
        out = run(args.events, args.seed, args.url, folder, args.repeat)
    if args.url:
        out["url"] = make_url(args.url).render_as_string(hide_password=True)
    print(table(out))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(out, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
