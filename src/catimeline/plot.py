"""``Results.plot()``: a matplotlib timeline that shows how sure each date is.

- an exact day is a point;
- a month, season, year, decade or range is a bar over every day it allows;
- an approximate or uncertain date is faded, with its wider possible span as a
  dotted line;
- an open end (``../2024-02``: any time up to February 2024) is a point at the
  known end and a dotted line to the edge of the plot, with an arrow;
- colours are event kinds (for projects: statuses; planned steps are faded);
- ``by="country"``, ``"actor"`` or ``"project"`` groups rows into labelled lanes
  (an event with two actors appears in both actors' lanes).

Each row is labelled with its date as EDTF text and its title.  The Figure is
built without ``pyplot`` (no global state; Jupyter shows the returned Figure).
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Sequence
from typing import Any

import attrs

from catimeline.errors import QueryError
from catimeline.model import Event, Project
from catimeline.outputs import Lookup, Span, need, span

LANES = ("country", "actor", "project")
FADED = 0.35
ROW_INCHES = 0.3
LABEL_CHARS = 60


@attrs.frozen
class Mark:
    """One dated mark on a row: its span and the key that colours it."""

    span: Span
    key: str
    planned: bool = False


@attrs.frozen
class Row:
    """One line of the plot: a lane, a label and its marks."""

    lane: str
    label: str
    marks: tuple[Mark, ...]


def _label(date: str, title: str) -> str:
    text = f"{date}  {title}"
    return text if len(text) <= LABEL_CHARS else text[: LABEL_CHARS - 1] + "…"


def _lanes(item: Any, by: str | None, names: Lookup) -> list[str]:
    if by is None:
        return [""]
    if by == "country":
        if isinstance(item, Project):
            return list(item.countries) or ["(no country)"]
        return [item.country or "(no country)"]
    if by == "actor":
        actors = list(dict.fromkeys(p.actor for p in item.participants))
        return [names.actor_name(a) for a in actors] or ["(no actor)"]
    if isinstance(item, Project):
        return [item.name]
    return [names.project_name(item.project) if item.project else "(no project)"]


def rows(items: Sequence[Any], by: str | None = None, timeline: Any = None) -> list[Row]:
    """The rows to draw, grouped by lane (lanes in order of their first date)."""
    if by is not None and by not in LANES:
        raise QueryError(f"plot(by={by!r}) is not a lane: use one of {', '.join(LANES)} or None")
    names = Lookup(items, timeline, sources=False) if by in ("actor", "project") else Lookup(())
    out: list[Row] = []
    for item in items:
        if isinstance(item, Event):
            found = span(item.date)
            if found is None:
                continue
            marks: tuple[Mark, ...] = (Mark(found, item.kind),)
            label = _label(str(item.date), item.title)
        elif isinstance(item, Project):
            steps = sorted(item.status, key=lambda s: s.date)
            marks = tuple(
                Mark(s, step.status, step.planned)
                for step in steps
                if (s := span(step.date)) is not None
            )
            if not marks:
                continue
            label = _label(str(steps[0].date), item.name)
        else:
            raise QueryError(
                f"{type(item).__name__} results have no dates to plot: plot events or projects"
            )
        out.extend(Row(lane, label, marks) for lane in _lanes(item, by, names))
    first: dict[str, dt.date] = {}
    for row in out:
        start = min(m.span.start for m in row.marks)
        first[row.lane] = min(first.get(row.lane, start), start)
    return sorted(out, key=lambda r: (first[r.lane], r.lane, min(m.span.start for m in r.marks)))


def _show_in_ipython() -> None:
    """In IPython/Jupyter, make a returned Figure display as a PNG (no pyplot needed)."""
    if "IPython" not in sys.modules:
        return
    from IPython import get_ipython
    from IPython.core.pylabtools import select_figure_formats

    shell = get_ipython()
    if shell is not None and hasattr(shell, "display_formatter"):
        select_figure_formats(shell, {"png"})  # type: ignore[no-untyped-call]


def _num(day: dt.date) -> float:
    import matplotlib.dates as mdates

    return float(mdates.date2num(day))  # type: ignore[no-untyped-call]


def _colours(keys: list[str]) -> dict[str, Any]:
    from matplotlib import colormaps

    cmap = colormaps["tab10" if len(keys) <= 10 else "tab20"]
    return {key: cmap(i % cmap.N) for i, key in enumerate(keys)}


def plot(
    items: Sequence[Any],
    by: str | None = None,
    *,
    timeline: Any = None,
    title: str | None = None,
    width: float = 12.0,
) -> Any:
    """Draw ``items`` (events or projects) as a timeline; returns a matplotlib ``Figure``.

    ``by`` puts rows into lanes: ``"country"``, ``"actor"`` or ``"project"``.
    Save it with ``fig.savefig("timeline.png")``.
    """
    need("matplotlib", "plot()")
    import matplotlib.dates as mdates
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch
    from matplotlib.transforms import blended_transform_factory

    drawn = rows(items, by, timeline)
    _show_in_ipython()
    height = 1.8 + ROW_INCHES * max(len(drawn), 3)
    fig = Figure(figsize=(width, height), layout="constrained")
    ax = fig.subplots()
    if title:
        ax.set_title(title, loc="left")
    if not drawn:
        ax.text(0.5, 0.5, "nothing to draw", ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
        return fig

    keys = sorted({m.key for r in drawn for m in r.marks})
    colour = _colours(keys)
    one = dt.timedelta(days=1)
    low = min(m.span.possible_start for r in drawn for m in r.marks)
    high = max(m.span.possible_end for r in drawn for m in r.marks) + one
    pad = max((high - low) / 40, dt.timedelta(days=15))
    left, right = low - pad, high + pad

    for y, row in enumerate(drawn):
        for mark in row.marks:
            s = mark.span
            c = colour[mark.key]
            alpha = FADED if (s.faded or mark.planned) else 1.0
            start, end = s.start, s.end + one
            if s.faded:
                ax.hlines(
                    y,
                    _num(s.possible_start),
                    _num(s.possible_end + one),
                    colors=[c],
                    linestyles="dotted",
                    linewidth=1.2,
                    alpha=0.8,
                    gid="possible",
                )
            if s.start == s.end:
                ax.plot(
                    [_num(s.start) + 0.5],
                    [y],
                    "o",
                    color=c,
                    alpha=alpha,
                    markersize=7,
                    gid="end" if (s.open_start or s.open_end) else "day",
                )
            else:
                ax.barh(
                    y,
                    _num(end) - _num(start),
                    left=_num(start),
                    height=0.6,
                    color=c,
                    edgecolor=c,
                    linewidth=1,
                    alpha=alpha,
                    gid="span",
                )
            for is_open, edge, bound, marker in (
                (s.open_start, left, s.start, "<"),
                (s.open_end, right, s.end + one, ">"),
            ):
                if is_open:  # "any time before/after": a dotted run to the edge, an arrow
                    ax.hlines(
                        y,
                        _num(edge),
                        _num(bound),
                        colors=[c],
                        linestyles="dotted",
                        linewidth=1.2,
                        gid="open",
                    )
                    ax.plot([_num(edge)], [y], marker, color=c, gid="open")

    ax.set_yticks(range(len(drawn)), [r.label for r in drawn], fontsize=9)
    ax.set_ylim(len(drawn) - 0.5, -0.5)
    ax.set_xlim(_num(left), _num(right))
    locator = mdates.AutoDateLocator()  # type: ignore[no-untyped-call]
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))  # type: ignore[no-untyped-call]
    ax.grid(axis="x", alpha=0.3)
    ax.spines[["top", "right"]].set_visible(False)

    if by is not None:
        where = blended_transform_factory(ax.transAxes, ax.transData)
        top = 0
        for i in range(1, len(drawn) + 1):
            if i == len(drawn) or drawn[i].lane != drawn[top].lane:
                ax.text(
                    1.005,
                    (top + i - 1) / 2,
                    drawn[top].lane,
                    transform=where,
                    va="center",
                    ha="left",
                    fontsize=9,
                    fontweight="bold",
                    gid="lane",
                )
                if i < len(drawn):
                    ax.axhline(i - 0.5, color="0.6", linewidth=0.8)
                top = i

    handles: list[Any] = [Patch(color=colour[k], label=k) for k in keys]
    handles += [
        Line2D([], [], marker="o", linestyle="", color="0.3", label="exact day"),
        Patch(color="0.3", label="month, season, year or range"),
        Patch(
            color="0.3",
            alpha=FADED,
            label="approximate, uncertain or planned"
            if any(m.planned for r in drawn for m in r.marks)
            else "approximate or uncertain",
        ),
        Line2D([], [], linestyle="dotted", color="0.3", label="possible span or open end"),
    ]
    fig.legend(
        handles=handles,
        loc="outside lower center",
        ncols=min(len(handles), 6),
        fontsize=8,
        frameon=False,
    )
    return fig
