"""The targets and the printed table of a benchmark run."""

from __future__ import annotations

from typing import Any

#: The targets (SQLite, 1M events): name, key path, comparison, bound.  The headline
#: figures are the like-for-like ones: the selective query with its objects built, and the
#: bulk load against the raw load that does the same index work.
TARGETS: list[tuple[str, tuple[str, ...], str, float]] = [
    (
        "selective_query ratio (objects built)",
        ("selective_query", "with_objects", "ratio"),
        "<=",
        1.5,
    ),
    ("to_pandas ratio", ("to_pandas", "ratio"), "<=", 1.5),
    ("bulk_load ratio (like-for-like raw)", ("bulk_load", "ratio"), "<=", 1.3),
    ("scaling 1M/10k", ("scaling", "ratio_1m_over_10k"), "<=", 3.0),
    ("selective vs pandas filter (x faster)", ("pandas_filter", "speedup"), ">=", 5.0),
    ("cold_ask_s", ("cold_ask_s",), "<=", 3.0),
    ("warm_ask_s", ("warm_ask_s",), "<=", 0.8),
    ("peak_rss_mb", ("peak_rss_mb",), "<=", 500.0),
]
POSTGRES_TARGETS: list[tuple[str, tuple[str, ...], str, float]] = [
    (
        "selective_query ratio (objects built)",
        ("selective_query", "with_objects", "ratio"),
        "<=",
        2.0,
    ),
    ("to_pandas ratio", ("to_pandas", "ratio"), "<=", 2.0),
    ("bulk_load ratio (like-for-like raw)", ("bulk_load", "ratio"), "<=", 2.0),
]


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
    o = s["with_objects"]
    row(
        f"selective query ({s['rows']} rows)", o["catimeline_ms"], o["raw_sql_ms"], o["ratio"], "ms"
    )
    row("  rows only, objects on use", s["catimeline_ms"], s["raw_sql_ms"], s["ratio"], "ms")
    for name, c in out.get("common_queries", {}).items():
        row(f"{name} ({c['rows']} rows)", c["catimeline_ms"], c["raw_sql_ms"], c["ratio"], "ms")
    p = out["to_pandas"]
    row(f"to_pandas ({p['rows']:,} rows)", p["catimeline_ms"], p["raw_sql_ms"], p["ratio"], "ms")
    b = out["bulk_load"]
    lines.append(
        f"{'bulk load (events/s)':<28}{b['events_per_s']:>14,.0f}{b['raw_events_per_s']:>14,.0f}"
        f"{b['ratio']:>9.2f}   raw: {b['like_for_like']} indexes, as catimeline does"
    )
    labels = {
        "live": "indexes kept live",
        "deferred": "indexes after",
        "floor": "no FKs, indexes after",
    }
    for strategy, per_s in b["raw_events_per_s_by_strategy"].items():
        if strategy != b["like_for_like"]:
            ratio = per_s / b["events_per_s"]
            lines.append(f"{'  raw, ' + labels[strategy]:<28}{'':>14}{per_s:>14,.0f}{ratio:>9.2f}")
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
