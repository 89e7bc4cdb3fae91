"""The benchmark runs end to end on a small timeline: every query shape finds the same events
through catimeline as through the hand-written SQL it is compared with, and the JSON holds
every figure the performance page reports. Its timings are not checked here."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import BACKENDS, POSTGRES_URL

RUN = Path(__file__).resolve().parents[2] / "benchmarks" / "run.py"
RATIOS = ("selective_query", "to_pandas")


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_small_benchmark_run_agrees_with_raw_sql_and_reports_every_figure(
    backend: str, tmp_path: Path
) -> None:
    """benchmarks/run.py on 2,000 events exits cleanly (it asserts that catimeline and the
    raw SQL find the same events for every shape) and writes each figure of the issue,
    every ratio being catimeline's time over the baseline's."""
    out = tmp_path / "bench.json"
    argv = [sys.executable, str(RUN), "--events", "2000", "--repeat", "3", "--json", str(out)]
    argv += ["--workdir", str(tmp_path / "work")]
    if backend == "postgres":
        assert POSTGRES_URL is not None
        argv += ["--url", POSTGRES_URL]
    done = subprocess.run(argv, capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    figures = json.loads(out.read_text())
    for key in RATIOS:
        part = figures[key]
        assert part["ratio"] == pytest.approx(part["catimeline_ms"] / part["raw_sql_ms"])
    load = figures["bulk_load"]
    assert load["ratio"] == pytest.approx(load["raw_events_per_s"] / load["events_per_s"])
    assert figures["selective_query"]["rows"] > 0
    assert set(figures["common_queries"]) == {"kind since", "country since", "newest of a kind"}
    assert figures["pandas_filter"]["speedup"] > 0
    assert figures["scaling"]["events"] == [2000]
    for key in ("import_s", "cold_ask_s", "warm_ask_s", "peak_rss_mb"):
        assert figures[key] > 0, key
    assert {t["target"].split(" ")[0] for t in figures["targets"]} >= {"selective_query"}
    assert "selective query" in done.stdout
