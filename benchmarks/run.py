"""Benchmarks: catimeline against the raw driver and pandas on the same data, in the same run.

    python benchmarks/run.py --events 200000 --json benchmarks/results/200k-sqlite.json
    python benchmarks/run.py --events 1000000 --json benchmarks/results/1m-sqlite.json
    python benchmarks/run.py --events 200000 --url postgresql+psycopg://me@host/db \\
        --json benchmarks/results/200k-postgres.json

Without ``--url`` everything runs on SQLite files in a scratch folder; with a
Postgres ``--url`` every database is a fresh schema of that database (dropped
afterwards).  Every ratio is catimeline's time divided by the baseline's time
on the same data in the same run: 1.0 is parity, lower is better.  Query times
are medians of repeated runs after a warm-up.  See ``docs/performance.md``.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import importlib
import json
import os
import platform
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
import warnings
from collections.abc import Callable, Iterator, Sequence
from functools import partial
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, make_url, text

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import catimeline as ct  # noqa: E402
import synthetic as syn  # noqa: E402
from catimeline import vocabulary as v  # noqa: E402
from catimeline.dates import FuzzyDate  # noqa: E402
from catimeline.names import name_key  # noqa: E402

#: The broad query of the to_pandas benchmark: three years of the synthetic 31 (~10%).
BROAD_SINCE, BROAD_UNTIL = "2016", "2018"
SCALE_POINTS = (10_000, 100_000, 1_000_000)
CHUNK = 10_000
ASK = "all AMT incidents since 2021"

#: The targets of issue 7 (SQLite, 1M events): name, key path, comparison, bound.
TARGETS: list[tuple[str, tuple[str, ...], str, float]] = [
    ("selective_query ratio", ("selective_query", "ratio"), "<=", 1.5),
    ("to_pandas ratio", ("to_pandas", "ratio"), "<=", 1.5),
    ("bulk_load ratio", ("bulk_load", "ratio"), "<=", 3.0),
    ("bulk_load events/s", ("bulk_load", "events_per_s"), ">=", 50_000),
    ("scaling 1M/10k", ("scaling", "ratio_1m_over_10k"), "<=", 3.0),
    ("selective vs pandas filter (x faster)", ("pandas_filter", "speedup"), ">=", 5.0),
    ("cold_ask_s", ("cold_ask_s",), "<=", 3.0),
    ("warm_ask_s", ("warm_ask_s",), "<=", 0.8),
    ("peak_rss_mb", ("peak_rss_mb",), "<=", 500.0),
]
POSTGRES_TARGETS: list[tuple[str, tuple[str, ...], str, float]] = [
    ("selective_query ratio", ("selective_query", "ratio"), "<=", 2.0),
    ("to_pandas ratio", ("to_pandas", "ratio"), "<=", 2.0),
    ("bulk_load ratio", ("bulk_load", "ratio"), "<=", 2.0),
]


# ------------------------------------------------------------------ helpers


def median_ms(fn: Callable[[], object], repeat: int, warmup: int = 1) -> tuple[float, float]:
    """(median, best) wall time of ``fn`` in milliseconds, after ``warmup`` untimed calls."""
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times), min(times)


def paired_ms(
    a: Callable[[], object], b: Callable[[], object], repeat: int, warmup: int = 1
) -> tuple[tuple[float, float], tuple[float, float]]:
    """(median, best) in milliseconds of ``a`` and of ``b``, timed alternately.

    On a shared machine the load changes from one second to the next; timing
    the two sides in turn (a, b, a, b...) gives both the same conditions, so
    their ratio is not skewed by a burst of other work during one side's runs.
    """
    first, second = interleaved_ms([a, b], repeat, warmup)
    return first, second


def interleaved_ms(
    fns: Sequence[Callable[[], object]], repeat: int, warmup: int = 1
) -> list[tuple[float, float]]:
    """(median, best) in milliseconds of each of ``fns``, timed in turn (see paired_ms)."""
    for _ in range(warmup):
        for fn in fns:
            fn()
    times: list[list[float]] = [[] for _ in fns]
    for _ in range(repeat):
        for fn, into in zip(fns, times, strict=True):
            t = time.perf_counter()
            fn()
            into.append((time.perf_counter() - t) * 1000)
    return [(statistics.median(t), min(t)) for t in times]


class Timed:
    """An iterator that adds up the time spent producing its items (to subtract it)."""

    def __init__(self, items: Iterator[Any]) -> None:
        self.items = items
        self.seconds = 0.0

    def __iter__(self) -> Timed:
        return self

    def __next__(self) -> Any:
        t = time.perf_counter()
        try:
            return next(self.items)
        finally:
            self.seconds += time.perf_counter() - t


class Backend:
    """Fresh databases of one kind (SQLite files or Postgres schemas) and raw connections."""

    def __init__(self, url: str | None, folder: Path) -> None:
        self.base = url
        self.folder = folder
        self.schemas: list[str] = []
        self.name = "sqlite" if url is None else make_url(url).get_backend_name()
        if self.name not in ("sqlite", "postgresql"):
            raise SystemExit(f"--url must be a Postgres URL (SQLite is the default), not {url}")

    def fresh(self, label: str) -> str:
        """The URL of a new empty database called ``label``."""
        if self.base is None:
            path = self.folder / f"{label}.db"
            for suffix in ("", "-wal", "-shm", ".lock"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
            return f"sqlite:///{path}"
        schema = f"bench_{label}_{uuid.uuid4().hex[:8]}"
        engine = create_engine(self.base)
        with engine.begin() as c:
            c.execute(text(f'CREATE SCHEMA "{schema}"'))
        engine.dispose()
        self.schemas.append(schema)
        url = make_url(self.base).update_query_dict({"options": f"-csearch_path={schema}"})
        return url.render_as_string(hide_password=False)

    def drop_all(self) -> None:
        """Drop the Postgres schemas made by :meth:`fresh`."""
        if not self.schemas:
            return
        engine = create_engine(self.base or "")
        with engine.begin() as c:
            for schema in self.schemas:
                c.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        engine.dispose()

    def raw(self, url: str, *, bulk: bool = False) -> Any:
        """A raw DBAPI connection (sqlite3 or psycopg) to ``url``.

        SQLite connections get the page cache and memory mapping catimeline's own
        connections use: its bulk-load cache with ``bulk``, its read cache otherwise.
        """
        parsed = make_url(url)
        if self.name == "sqlite":
            con = sqlite3.connect(str(parsed.database), isolation_level=None)
            con.execute("PRAGMA foreign_keys=ON")
            con.execute(f"PRAGMA cache_size=-{bulk_cache_kib() if bulk else read_cache_kib()}")
            con.execute(f"PRAGMA mmap_size={mmap_bytes()}")
            return con
        import psycopg

        conninfo = parsed.set(drivername="postgresql").render_as_string(hide_password=False)
        return psycopg.connect(conninfo)

    @property
    def mark(self) -> str:
        return "?" if self.name == "sqlite" else "%s"


def bulk_cache_kib() -> int:
    """The SQLite page cache catimeline uses for a streamed load (the raw load gets the same)."""
    try:
        from catimeline.store.inserting import BULK_CACHE_KIB
    except ImportError:  # an older catimeline: SQLite's default page cache
        return 2000
    return int(BULK_CACHE_KIB)


def read_cache_kib() -> int:
    """The SQLite page cache of catimeline's connections (the raw queries get the same)."""
    try:
        from catimeline.store.sqlite import READ_CACHE_KIB
    except ImportError:  # an older catimeline: SQLite's default page cache
        return 2000
    return int(READ_CACHE_KIB)


def mmap_bytes() -> int:
    """How much of an SQLite file catimeline's connections memory-map (raw ones get the same)."""
    try:
        from catimeline.store.sqlite import MMAP_BYTES
    except ImportError:  # an older catimeline: SQLite's default, no memory mapping
        return 0
    return int(MMAP_BYTES)


def _run_json(argv: Sequence[str], env: dict[str, str] | None = None) -> tuple[float, Any]:
    """Run a Python child process; (its wall time, the JSON it printed last)."""
    t = time.perf_counter()
    done = subprocess.run(
        [sys.executable, *argv], capture_output=True, text=True, env=env, check=False
    )
    wall = time.perf_counter() - t
    if done.returncode != 0:
        raise SystemExit(f"child {argv[:2]} failed:\n{done.stderr[-3000:]}")
    return wall, json.loads(done.stdout.strip().splitlines()[-1])


# ------------------------------------------------------------------ loading


def load_child(url: str, n_events: int, seed: int) -> None:
    """(In a child process.) Fill ``url`` through catimeline; print timings and peak RSS."""
    made = syn.generate(url, n_events, seed)
    rss_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({**made._asdict(), "peak_rss_mb": rss_kib / 1024}))


def load_catimeline(url: str, n_events: int, seed: int) -> dict[str, Any]:
    """Load through catimeline in a fresh process (so peak RSS is the load's own)."""
    wall, out = _run_json(
        [str(Path(__file__)), "--load-child", url, "--events", str(n_events), "--seed", str(seed)]
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


def raw_load(
    backend: Backend, url: str, n_events: int, seed: int, *, bare: bool = False
) -> dict[str, Any]:
    """The same events as plain tuples through the driver's executemany, one transaction.

    Entities go in through catimeline first (untimed).  Date bounds come from a
    memo of parsed date texts; the time spent generating the synthetic events
    is measured and left out, as it is for catimeline.

    With ``bare`` (SQLite), the floor of what the machine can do for this schema:
    foreign keys are not checked, the secondary indexes and the search trigger
    are dropped first, and rebuilding them before the commit is timed too.
    """
    with ct.open(url, seed=False) as tl:
        tl.add(syn.entities(n_events, seed))
    sqlite = backend.name == "sqlite"
    memo: dict[str, tuple[Any, ...]] = {}

    def bounds(date: str) -> tuple[Any, ...]:
        found = memo.get(date)
        if found is None:
            d = FuzzyDate.parse(date)
            values = [d.earliest, d.latest, d.possible_earliest, d.possible_latest]
            # The synthetic dates have no open ends, so every bound is a date.
            days = [dt.date(x.year, x.month, x.day) for x in values if x is not None]
            found = (
                (*(x.isoformat() for x in days), d.precision.value)
                if sqlite
                else (
                    *days,
                    d.precision.value,
                )
            )
            memo[date] = found
        return found

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
    rebuild: list[str] = []
    if bare:
        cur.execute("PRAGMA foreign_keys=OFF")
    if sqlite:
        cur.execute("BEGIN IMMEDIATE")
    if bare:
        found = cur.execute(
            "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND"
            " ((type = 'index' AND (tbl_name LIKE 'ct_event%' OR tbl_name = 'ct_citations'))"
            " OR (type = 'trigger' AND name = 'ct_events_fts_insert'))"
        ).fetchall()
        for kind, name, ddl in found:
            cur.execute(f'DROP {kind.upper()} "{name}"')
            rebuild.append(ddl)
    written = 0
    while True:
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
        if not rows["ct_events"]:
            break
        for table, batch in rows.items():
            if batch:
                cur.executemany(sql[table], batch)
        written += len(rows["ct_events"])
    if bare:
        cur.execute(
            "INSERT INTO ct_events_fts(rowid, title, summary, notes)"
            " SELECT rowid, title, summary, notes FROM ct_events"
        )
        for statement in rebuild:
            cur.execute(statement)
    if sqlite:
        cur.execute("COMMIT")
    else:
        con.commit()
    seconds = time.perf_counter() - t0 - specs.seconds
    con.close()
    return {"events": written, "events_s": seconds, "generation_s": specs.seconds}


# ------------------------------------------------------------------ queries


def selective(tl: ct.Timeline) -> Any:
    """The selective query: the bench actor's incidents since 2015 (tens of rows)."""
    return tl.events(actor=syn.BENCH_ACTOR, kind=syn.BENCH_KIND, since=syn.BENCH_SINCE)


def _in(q: str, n: int) -> str:
    return f"({', '.join([q] * n)})"


def raw_selective(backend: Backend, con: Any) -> Callable[[], int]:
    """Hand-written SQL through the raw driver fetching the same data as :func:`selective`:
    the alias resolved, the events, then their places, participants, figures, tags and
    citations (one query each, as catimeline does)."""
    q = backend.mark
    key = name_key(syn.BENCH_ACTOR)
    kinds = list(v.KIND_GROUPS[syn.BENCH_KIND])
    since = f"{syn.BENCH_SINCE}-01-01" if backend.name == "sqlite" else dt.date(2015, 1, 1)

    def run() -> int:
        cur = con.cursor()
        cur.execute(
            f"SELECT actor_id FROM ct_actor_names WHERE key = {q} "
            f"UNION SELECT id FROM ct_actors WHERE id = {q}",
            (key, syn.BENCH_ACTOR),
        )
        actors = [r[0] for r in cur.fetchall()]
        a = _in(q, len(actors))
        cur.execute(
            "SELECT e.* FROM ct_events e JOIN (SELECT event_id AS id FROM ct_event_participants"
            f" WHERE actor_id IN {a} UNION SELECT id FROM ct_events WHERE operator_id IN {a})"
            f" AS m ON m.id = e.id WHERE e.kind IN {_in(q, len(kinds))} AND e.latest >= {q}"
            " ORDER BY e.earliest, e.latest, e.date, e.id",
            (*actors, *actors, *kinds, since),
        )
        events = cur.fetchall()
        _raw_children(cur, q, [r[0] for r in events])
        return len(events)

    return run


def _raw_children(cur: Any, q: str, ids: list[str]) -> None:
    """Read the places, participants, figures, tags and citations of events ``ids``,
    one statement each."""
    if not ids:
        return
    i = _in(q, len(ids))
    for table in ("ct_event_places", "ct_event_participants", "ct_event_figures"):
        cur.execute(f"SELECT * FROM {table} WHERE event_id IN {i} ORDER BY event_id, seq", ids)
        cur.fetchall()
    cur.execute(f"SELECT * FROM ct_event_tags WHERE event_id IN {i} ORDER BY event_id, seq", ids)
    cur.fetchall()
    cur.execute(
        'SELECT owner_id, part, source_id, start, "end" FROM ct_citations'
        f" WHERE owner_kind = 'event' AND owner_id IN {i} ORDER BY owner_id, part, seq",
        ids,
    )
    cur.fetchall()


#: Other query shapes analysts run, timed like the selective query: (catimeline call, the
#: WHERE, ORDER BY and LIMIT of the hand-written SQL with ``{q}`` for a parameter, its
#: parameters; dates as ``date`` objects).  They are reported, not held to a target.
_ORDER = "e.earliest, e.latest, e.date, e.id"
_NEWEST = "e.earliest DESC, e.latest DESC, e.date DESC, e.id DESC"
COMMON: dict[str, tuple[Callable[[ct.Timeline], Any], str, str, tuple[Any, ...]]] = {
    "kind since": (
        lambda tl: tl.events(kind="accident", since="2025-12"),
        "e.kind IN ({q}) AND e.latest >= {q}",
        _ORDER,
        ("accident", dt.date(2025, 12, 1)),
    ),
    "country since": (
        lambda tl: tl.events(country="TM", since="2025-12"),
        "e.country IN ({q}) AND e.latest >= {q}",
        _ORDER,
        ("TM", dt.date(2025, 12, 1)),
    ),
    "newest of a kind": (
        lambda tl: tl.events(kind="accident", order="-date", limit=20),
        "e.kind IN ({q})",
        f"{_NEWEST} LIMIT 20",
        ("accident",),
    ),
}


def raw_common(backend: Backend, con: Any, name: str) -> Callable[[], int]:
    """Hand-written SQL through the raw driver for the :data:`COMMON` query ``name``:
    the events, then their child rows, one statement each."""
    _, where, order, values = COMMON[name]
    q = backend.mark
    sql = f"SELECT e.* FROM ct_events e WHERE {where.format(q=q)} ORDER BY {order}"
    params = tuple(
        v.isoformat() if isinstance(v, dt.date) and backend.name == "sqlite" else v for v in values
    )

    def run() -> int:
        cur = con.cursor()
        cur.execute(sql, params)
        events = cur.fetchall()
        _raw_children(cur, q, [r[0] for r in events])
        return len(events)

    return run


def broad_sql(backend: Backend) -> tuple[str, tuple[Any, ...]]:
    """SQL giving the columns of ``Results.to_pandas()`` for the broad query (lists as text)."""
    q = backend.mark
    if backend.name == "sqlite":
        agg, agg_distinct = "group_concat({}, ';')", "group_concat(DISTINCT {})"
        has = "instr(e.date, '{}') > 0"
        params: tuple[Any, ...] = (f"{BROAD_UNTIL}-12-31", f"{BROAD_SINCE}-01-01")
    else:
        agg, agg_distinct = "string_agg({}, ';')", "string_agg(DISTINCT {}, ',')"
        has = "strpos(e.date, '{}') > 0"
        params = (dt.date(int(BROAD_UNTIL), 12, 31), dt.date(int(BROAD_SINCE), 1, 1))
    pct = "%%" if backend.name != "sqlite" else "%"
    sql = f"""
SELECT e.id, e.date, e.earliest, e.latest, e.precision,
  ({has.format("~")} OR {has.format(pct)}) AS approximate,
  ({has.format("?")} OR {has.format(pct)}) AS uncertain,
  e.kind, e.title, e.summary, e.country,
  (SELECT {agg.format("a.name")} FROM ct_event_participants p
     JOIN ct_actors a ON a.id = p.actor_id WHERE p.event_id = e.id) AS actors,
  (SELECT {agg.format("p.actor_id")} FROM ct_event_participants p
     WHERE p.event_id = e.id) AS actor_ids,
  (SELECT {agg.format("pl.name")} FROM ct_event_places x
     JOIN ct_places pl ON pl.id = x.place_id WHERE x.event_id = e.id) AS places,
  (SELECT {agg.format("x.place_id")} FROM ct_event_places x WHERE x.event_id = e.id) AS place_ids,
  e.project_id AS project, pr.name AS project_name,
  e.deaths, e.injured, e.cause, e.facility_id AS facility, e.operator_id AS operator,
  (SELECT {agg_distinct.format("c.source_id")} FROM ct_citations c
     WHERE c.owner_kind = 'event' AND c.owner_id = e.id) AS sources,
  (SELECT count(*) FROM ct_citations c
     WHERE c.owner_kind = 'event' AND c.owner_id = e.id) AS citations
FROM ct_events e LEFT JOIN ct_projects pr ON pr.id = e.project_id
WHERE e.earliest <= {q} AND e.latest >= {q}
ORDER BY e.earliest, e.latest, e.date, e.id"""
    return sql, params


def read_sql(con: Any, sql: str, params: Sequence[Any]) -> Any:
    """``pandas.read_sql`` over a raw DBAPI connection (pandas warns for non-sqlite3 ones)."""
    pd = importlib.import_module("pandas")

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        return pd.read_sql(sql, con, params=list(params), parse_dates=["earliest", "latest"])


def pandas_filter(backend: Backend, con: Any) -> tuple[Callable[[], int], int]:
    """The selective query as a pandas user would run it on frames of all events (in memory).

    The frames are read once, untimed; the returned function does only the filtering.
    """
    events = read_sql(con, "SELECT id, kind, earliest, latest, operator_id FROM ct_events", ())
    parts = read_sql_plain(con, "SELECT event_id, actor_id FROM ct_event_participants")
    names = read_sql_plain(con, "SELECT actor_id, key FROM ct_actor_names")
    pd = importlib.import_module("pandas")

    key = name_key(syn.BENCH_ACTOR)
    kinds = list(v.KIND_GROUPS[syn.BENCH_KIND])
    since = pd.Timestamp(f"{syn.BENCH_SINCE}-01-01")

    def run() -> int:
        actors = names.loc[names["key"] == key, "actor_id"].unique()
        involved = parts.loc[parts["actor_id"].isin(actors), "event_id"].unique()
        mask = events["id"].isin(involved) | events["operator_id"].isin(actors)
        mask &= events["kind"].isin(kinds) & (events["latest"] >= since)
        found = events[mask].sort_values(["earliest", "latest", "id"])
        return len(found)

    return run, len(events)


def read_sql_plain(con: Any, sql: str) -> Any:
    """``pandas.read_sql`` without date columns."""
    pd = importlib.import_module("pandas")

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        return pd.read_sql(sql, con)


# ------------------------------------------------------------------ processes


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
        wall, value = _run_json(["-c", _IMPORT])
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
    cold, cold_out = _run_json(["-c", _ASK], env)
    warm_walls, warm_inside = [], []
    for _ in range(3):
        wall, out = _run_json(["-c", _ASK], env)
        warm_walls.append(wall)
        warm_inside.append(out["in_process_s"])
    return {
        "cold_ask_s": cold,
        "warm_ask_s": statistics.median(warm_walls),
        "cold_in_process_s": cold_out["in_process_s"],
        "warm_in_process_s": statistics.median(warm_inside),
        "rows": cold_out["rows"],
    }


# ------------------------------------------------------------------ the run


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
        say(f"loading {n_events} events through catimeline ({backend.name})")
        main = backend.fresh("main")
        loaded = load_catimeline(main, n_events, seed)
        say(f"loading the same events through the raw driver ({backend.name})")
        raw_url = backend.fresh("raw")
        raw = raw_load(backend, raw_url, n_events, seed)
        floor = None
        if backend.name == "sqlite":
            say("loading them once more through the raw driver, no indexes or foreign keys")
            Path(str(make_url(raw_url).database)).unlink(missing_ok=True)
            floor_url = backend.fresh("floor")
            floor = raw_load(backend, floor_url, n_events, seed, bare=True)
            Path(str(make_url(floor_url).database)).unlink(missing_ok=True)
        out["bulk_load"] = {
            "events_per_s": n_events / loaded["events_s"],
            "raw_events_per_s": n_events / raw["events_s"],
            "ratio": loaded["events_s"] / raw["events_s"],
            # The machine's floor: raw, no foreign key checks, indexes built after.
            "raw_bare_events_per_s": None if floor is None else n_events / floor["events_s"],
            "catimeline_s": loaded["events_s"],
            "raw_s": raw["events_s"],
            "entities_s": loaded["entities_s"],
            "generation_s_left_out": {
                "catimeline": loaded["generation_s"],
                "raw": raw["generation_s"],
            },
        }
        out["peak_rss_mb"] = loaded["peak_rss_mb"]

        say("selective query")
        out["machine"]["load_average_at_queries"] = os.getloadavg()[0]
        tl = ct.open(main, migrate=False, seed=False)
        con = backend.raw(main)
        rows = len(selective(tl))
        raw_run = raw_selective(backend, con)
        assert raw_run() == rows, "the raw SQL must find the same events"
        (ct_ms, ct_best), (raw_ms, raw_best) = paired_ms(
            lambda: selective(tl), raw_run, repeat, warmup=2
        )
        # The Results holds every row it read; its Event objects are built on first use.
        # Timed again with them built (list(...)), against the same raw SQL.
        (obj_ms, obj_best), (raw2_ms, _) = paired_ms(
            lambda: list(selective(tl)), raw_run, repeat, warmup=2
        )
        out["selective_query"] = {
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

        say("other query shapes")
        out["common_queries"] = {}
        for name, (call, *_sql) in COMMON.items():
            found = len(call(tl))
            raw_run = raw_common(backend, con, name)
            assert raw_run() == found, f"the raw SQL of {name!r} must find the same events"
            (ct_ms, _), (raw_ms, _) = paired_ms(partial(call, tl), raw_run, repeat, warmup=2)
            out["common_queries"][name] = {
                "catimeline_ms": ct_ms,
                "raw_sql_ms": raw_ms,
                "ratio": ct_ms / raw_ms,
                "rows": found,
            }

        say("to_pandas of the broad query")
        sql, params = broad_sql(backend)
        frame = tl.events(since=BROAD_SINCE, until=BROAD_UNTIL).to_pandas()
        raw_frame = read_sql(con, sql, params)
        assert len(frame) == len(raw_frame), (len(frame), len(raw_frame))
        reps = max(3, repeat // 5)
        (ct_ms, ct_best), (raw_ms, raw_best) = paired_ms(
            lambda: tl.events(since=BROAD_SINCE, until=BROAD_UNTIL).to_pandas(),
            lambda: read_sql(con, sql, params),
            reps,
            warmup=0,
        )
        out["to_pandas"] = {
            "catimeline_ms": ct_ms,
            "raw_sql_ms": raw_ms,
            "ratio": ct_ms / raw_ms,
            "rows": len(frame),
            "best_ms": {"catimeline": ct_best, "raw_sql": raw_best},
        }
        del frame, raw_frame

        say("pandas filter")
        filter_run, n_frame = pandas_filter(backend, con)
        assert filter_run() == rows, "the pandas filter must find the same events"
        pd_ms, _ = median_ms(filter_run, max(5, repeat // 3))
        sel_ms = out["selective_query"]["catimeline_ms"]
        out["pandas_filter"] = {
            "catimeline_ms": sel_ms,
            "pandas_ms": pd_ms,
            "speedup": pd_ms / sel_ms,
            "frame_rows": n_frame,
        }
        del filter_run
        con.close()
        tl.close()

        say("scaling")
        points = [p for p in SCALE_POINTS if p < n_events] + [n_events]
        urls = {size: main for size in points}
        for size in points[:-1]:
            urls[size] = backend.fresh(f"s{size}")
            syn.generate(urls[size], size, seed)
        sized = [ct.open(urls[size], migrate=False, seed=False) for size in points]
        try:
            scale_rows = [len(selective(t)) for t in sized]
            # Every size timed in turn, as the paired timings are: a change in the
            # machine's speed during the runs weighs on all sizes alike.
            timed = interleaved_ms([partial(selective, t) for t in sized], repeat, warmup=2)
            scale_ms = [median for median, _best in timed]
        finally:
            for t in sized:
                t.close()
            if backend.name == "sqlite":
                for size in points[:-1]:
                    Path(str(make_url(urls[size]).database)).unlink(missing_ok=True)
        out["scaling"] = {
            "events": points,
            "catimeline_ms": scale_ms,
            "rows": scale_rows,
            "ratio_largest_over_10k": scale_ms[-1] / scale_ms[0],
            "ratio_1m_over_10k": scale_ms[-1] / scale_ms[0] if n_events >= 1_000_000 else None,
        }

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


def check_targets(out: dict[str, Any]) -> list[dict[str, Any]]:
    """Each target of the issue with its figure and whether it was met."""
    targets = TARGETS if out["backend"] == "sqlite" else POSTGRES_TARGETS
    found = []
    for name, path, op, bound in targets:
        value: Any = out
        for key in path:
            value = value.get(key) if isinstance(value, dict) else None
        met = None if value is None else (value <= bound if op == "<=" else value >= bound)
        found.append({"target": f"{name} {op} {bound:g}", "value": value, "met": met})
    return found


def say(message: str) -> None:
    """Progress on stderr."""
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def table(out: dict[str, Any]) -> str:
    """The figures as a plain-text table."""
    lines = [
        f"catimeline benchmark: {out['events']:,} events on {out['backend']}, "
        f"{out['machine']['cpus']} cpus, {out['machine']['memory_gib']} GiB",
        "",
        f"{'measure':<28}{'catimeline':>14}{'baseline':>14}{'ratio':>9}",
    ]

    def row(label: str, a: float, b: float, ratio: float, unit: str) -> None:
        lines.append(f"{label:<28}{a:>11.1f} {unit:<2}{b:>11.1f} {unit:<2}{ratio:>9.2f}")

    s = out["selective_query"]
    row(
        f"selective query ({s['rows']} rows)", s["catimeline_ms"], s["raw_sql_ms"], s["ratio"], "ms"
    )
    if "with_objects" in s:
        o = s["with_objects"]
        row("  objects built too", o["catimeline_ms"], o["raw_sql_ms"], o["ratio"], "ms")
    for name, c in out.get("common_queries", {}).items():
        row(f"{name} ({c['rows']} rows)", c["catimeline_ms"], c["raw_sql_ms"], c["ratio"], "ms")
    p = out["to_pandas"]
    row(f"to_pandas ({p['rows']:,} rows)", p["catimeline_ms"], p["raw_sql_ms"], p["ratio"], "ms")
    b = out["bulk_load"]
    lines.append(
        f"{'bulk load (events/s)':<28}{b['events_per_s']:>14,.0f}{b['raw_events_per_s']:>14,.0f}"
        f"{b['ratio']:>9.2f}"
    )
    if b.get("raw_bare_events_per_s"):
        lines.append(
            f"{'  raw, no FKs, indexes after':<28}{'':>14}{b['raw_bare_events_per_s']:>14,.0f}"
        )
    f = out["pandas_filter"]
    lines.append(
        f"{'vs pandas filter (ms)':<28}{f['catimeline_ms']:>11.1f} ms{f['pandas_ms']:>11.1f} ms"
        f"{f['speedup']:>8.1f}x faster"
    )
    sc = out["scaling"]
    pts = ", ".join(
        f"{n:,}: {ms:.1f} ms" for n, ms in zip(sc["events"], sc["catimeline_ms"], strict=True)
    )
    lines.append(f"{'scaling':<28}{pts}  (largest/10k {sc['ratio_largest_over_10k']:.2f})")
    lines.append(
        f"{'import / cold / warm ask':<28}{out['import_s']:.2f} s / {out['cold_ask_s']:.2f} s / "
        f"{out['warm_ask_s']:.2f} s"
    )
    lines.append(f"{'peak RSS during load':<28}{out['peak_rss_mb']:.0f} MB")
    lines.append("")
    for t in out["targets"]:
        mark = {True: "met", False: "MISSED", None: "n/a"}[t["met"]]
        value = t["value"]
        shown = "-" if value is None else f"{value:,.2f}"
        lines.append(f"  {t['target']:<48}{shown:>14}  {mark}")
    lines.append(f"\nwall time {out['wall_s']:.0f} s")
    return "\n".join(lines)


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
