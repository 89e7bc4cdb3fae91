"""The query shapes timed, each beside hand-written SQL (or pandas) fetching the same data."""

from __future__ import annotations

import datetime as dt
import importlib
import warnings
from collections.abc import Callable, Sequence
from typing import Any

import catimeline as ct
import synthetic as syn
from backends import Backend
from catimeline import vocabulary as v
from catimeline._names import name_key

#: The broad query of the to_pandas benchmark: three years of the synthetic 31 (~10%).
BROAD_SINCE, BROAD_UNTIL = "2016", "2018"


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
