"""How the benchmarks time things: medians of repeated runs, sides timed in turn."""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from typing import Any


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


def say(message: str) -> None:
    """Progress on stderr."""
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def run_json(argv: Sequence[str], env: dict[str, str] | None = None) -> tuple[float, Any]:
    """Run a Python child process; (its wall time, the JSON it printed last)."""
    t = time.perf_counter()
    done = subprocess.run(
        [sys.executable, *argv], capture_output=True, text=True, env=env, check=False
    )
    wall = time.perf_counter() - t
    if done.returncode != 0:
        raise SystemExit(f"child {argv[:2]} failed:\n{done.stderr[-3000:]}")
    return wall, json.loads(done.stdout.strip().splitlines()[-1])
