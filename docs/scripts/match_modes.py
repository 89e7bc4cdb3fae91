"""Draw docs/images/match-modes.png: how four fuzzy dates meet the window ``during="2023"``.

Run from the repository root with the notebook extra installed:
``python docs/scripts/match_modes.py``.  The ticks and crosses are computed by
FuzzyDate itself, so the picture cannot disagree with the library.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import matplotlib.dates as mdates
from matplotlib.figure import Figure

from catimeline import FuzzyDate

WINDOW = (dt.date(2023, 1, 1), dt.date(2023, 12, 31))
EXAMPLES = ["2023-10-28", "2022-11/2023-02", "2022-12~", "2023-12~", "2021"]
OUT = Path(__file__).resolve().parent.parent / "images" / "match-modes.png"


def _day(value: object) -> dt.date:
    assert isinstance(value, dt.date)
    return dt.date(value.year, value.month, value.day)


def main() -> None:
    """Render the picture."""
    fig = Figure(figsize=(9, 3.6), layout="constrained")
    ax = fig.subplots()
    start, end = (mdates.date2num(d) for d in WINDOW)
    ax.axvspan(start, end + 1, color="#dde8f5", zorder=0)
    ax.text(start + 5, -0.75, 'window: during="2023"', fontsize=9, color="#355")
    for y, text in enumerate(EXAMPLES):
        date = FuzzyDate.parse(text)
        first, last = _day(date.earliest), _day(date.latest)
        p_first, p_last = _day(date.possible_earliest), _day(date.possible_latest)
        if (p_first, p_last) != (first, last):
            ax.hlines(
                y,
                mdates.date2num(p_first),
                mdates.date2num(p_last) + 1,
                linestyles="dotted",
                color="k",
            )
        if first == last:
            ax.plot([mdates.date2num(first)], [y], "o", color="#4c78a8")
        else:
            ax.barh(
                y,
                mdates.date2num(last) + 1 - mdates.date2num(first),
                left=mdates.date2num(first),
                height=0.45,
                color="#4c78a8",
                alpha=0.4 if date.approximate else 1.0,
            )
        verdicts = [
            ("overlaps", date.overlaps(*WINDOW)),
            ("within", date.within(*WINDOW)),
            ("possibly", date.possibly_overlaps(*WINDOW)),
        ]
        summary = "   ".join(f"{mode} {'✓' if ok else '✗'}" for mode, ok in verdicts)
        ax.text(mdates.date2num(dt.date(2024, 6, 1)), y, summary, va="center", fontsize=9)
    ax.set_yticks(range(len(EXAMPLES)), EXAMPLES)
    ax.set_ylim(len(EXAMPLES) - 0.4, -1.1)
    ax.set_xlim(mdates.date2num(dt.date(2020, 11, 1)), mdates.date2num(dt.date(2026, 6, 1)))
    locator = mdates.YearLocator()
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    ax.spines[["top", "right"]].set_visible(False)
    ax.set_title("Stated span (bar), possible span (dotted) and the three match modes", loc="left")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(OUT, dpi=110)


if __name__ == "__main__":
    main()
