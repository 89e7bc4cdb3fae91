"""How long each YAML bomb takes to be refused, on both seed YAML readers.

    python benchmarks/yaml_bombs.py             # a table of seconds per bomb and reader
    python benchmarks/yaml_bombs.py --max 1.0   # exit 1 if any refusal takes longer

Each bomb is written to a seed file and read with ``catimeline._seedfile.read_file``
(libyaml's fast path, then ruamel.yaml alone); the time is the best of three runs.
See "Limits on seed YAML" in ``docs/errors.md``.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from catimeline import _seedyaml as seedyaml
from catimeline import _yamllimits as yamllimits
from catimeline._seedfile import read_file


def _laughs(levels: int = 10, width: int = 9) -> str:
    lines = [f"l0: &l0 [{', '.join(['lol'] * width)}]"]
    lines += [f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * width)}]" for i in range(1, levels)]
    return "\n".join(lines) + "\n"


BOMBS: dict[str, Callable[[], str]] = {
    "billion laughs": _laughs,
    "alias expansion": lambda: (
        "big: &big ["
        + ", ".join(map(str, range(1000)))
        + "]\n"
        + "".join(f"c{i}: *big\n" for i in range(300))
    ),
    "nesting, flow (60,000 levels)": lambda: "events: " + "[" * 60_000 + "]" * 60_000 + "\n",
    "nesting, block (200 levels)": lambda: (
        "events:\n" + "".join(" " * (2 * i) + f"- k{i}:\n" for i in range(200))
    ),
    "long value (8 MB)": lambda: "events: " + "x" * 8_000_000 + "\n",
    "too many nodes": lambda: "events: [" + ", ".join(["0"] * (yamllimits.MAX_NODES + 1)) + "]\n",
    "file too large (9 MiB)": lambda: "# " + "x" * (9 * 2**20) + "\n",
}


def refusal_seconds(path: Path) -> float:
    """Best of three times to read ``path``; raises if the file is not refused."""
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        records, errors = read_file(path)
        best = min(best, time.perf_counter() - start)
        if records or not errors:
            raise SystemExit(f"{path.name} was not refused")
    return best


def main() -> int:
    """Print the refusal time of every bomb on both readers; check ``--max`` if given."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max", type=float, default=None, help="Fail above this many seconds.")
    args = parser.parse_args()
    fast = seedyaml.load
    slowest = 0.0
    print(
        f"limits: {yamllimits.MAX_NODES:,} nodes, {yamllimits.MAX_DEPTH} levels, "
        f"{yamllimits.MAX_SCALAR:,} characters, {yamllimits.MAX_BYTES:,} bytes"
    )
    print(f"{'bomb':32} {'libyaml':>9} {'ruamel':>9}")
    with tempfile.TemporaryDirectory() as scratch:
        for name, make in BOMBS.items():
            path = Path(scratch) / "bomb.yaml"
            path.write_text(make(), encoding="utf-8")
            times = []
            for reader in (fast, lambda _text: seedyaml.SLOW):
                seedyaml.load = reader
                if reader is not fast and name.startswith("too many nodes"):
                    times.append(float("nan"))  # ruamel alone: ~15,000 nodes/s, see the docs
                    continue
                times.append(refusal_seconds(path))
            seedyaml.load = fast
            slowest = max([slowest, *(t for t in times if t == t)])
            print(f"{name:32} {times[0]:9.3f} {times[1]:9.3f}")
    if args.max is not None and slowest > args.max:
        print(f"slowest refusal {slowest:.3f} s is over {args.max} s", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
