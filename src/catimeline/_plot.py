"""``Results.plot()``: a matplotlib timeline that shows how sure each date is.

- an exact day is a point;
- a month, season, year, decade or range is a bar over every day it allows;
- an approximate or uncertain date is faded, with its wider possible span as a
  dotted line;
- an open end (``../2024-02``: any time up to February 2024) is a point at the
  known end and a dotted line to the edge of the plot, with an arrow;
- colours are kind groups (for projects: statuses; planned steps are faded);
  an accident's point grows with its deaths;
- ``by="country"`` (country names), ``"actor"`` (names of the time, with the
  current one) or ``"project"`` groups rows into labelled lanes (an event with
  two actors appears in both actors' lanes).

Each row is labelled with its date as EDTF text, its title and its deaths,
wrapped rather than cut.  Above :data:`COMPACT` rows, rows are packed into
bands (:mod:`catimeline._lanes`) without a label each, so 300 events stay
readable.  The default title is a human one (:mod:`catimeline._titles`).  The Figure is
built without ``pyplot`` (no global state; Jupyter shows the returned Figure).
"""

from __future__ import annotations

import datetime as dt
import math
import sys
import textwrap
from collections.abc import Sequence
from typing import Any

import attrs

from catimeline._errors import QueryError
from catimeline._lanes import group_label, group_order, pack
from catimeline._model import Accident, Event, Project
from catimeline._outputs import Lookup, Span, need, span
from catimeline._titles import human_title

LANES = ("country", "actor", "project")
FADED = 0.35
ROW_INCHES = 0.3
LINE_INCHES = 0.16
LABEL_CHARS = 60
#: Above this many rows, rows are packed into kind-group (or ``by``) bands without labels.
COMPACT = 60


@attrs.frozen
class Mark:
    """One dated mark on a row: its span, the key that colours it, and its toll."""

    span: Span
    key: str
    planned: bool = False
    deaths: int | None = None


@attrs.frozen
class Row:
    """One line of the plot: a lane, a label and its marks."""

    lane: str
    label: str
    marks: tuple[Mark, ...]
    group: str = ""


def _label(date: str, title: str, deaths: int | None = None) -> str:
    """``date  title (N dead)``, wrapped (never cut) at :data:`LABEL_CHARS` characters."""
    text = f"{date}  {title}" + (f" ({deaths} dead)" if deaths is not None else "")
    return "\n".join(textwrap.wrap(text, LABEL_CHARS, break_on_hyphens=False)) or text


def _lanes(item: Any, by: str | None, names: Lookup) -> list[tuple[str, str]]:
    """(lane key, name the item gives it) of each lane the item belongs to."""
    if by is None:
        return [("", "")]
    if by == "country":
        codes = list(item.countries) if isinstance(item, Project) else [item.country]
        found = [(c, names.country_name(c)) for c in codes if c]
        return found or [("", "(no country)")]
    if by == "actor":
        actors = list(dict.fromkeys(p.actor for p in item.participants))
        date = item.date if isinstance(item, Event) else None
        return [(a, names.actor_name_at(a, date)) for a in actors] or [("", "(no actor)")]
    if isinstance(item, Project):
        return [(item.id, item.name)]
    if item.project:
        return [(item.project, names.project_name(item.project))]
    return [("", "(no project)")]


def _lane_names(keyed: list[tuple[str, str, Row]], by: str | None, names: Lookup) -> list[Row]:
    """Rows with their lane's label: for actors, the name of the time and the current one."""
    seen: dict[str, list[str]] = {}
    for key, name, _row in keyed:
        seen.setdefault(key, []).append(name)
    labels: dict[str, str] = {}
    for key, used in seen.items():
        used = list(dict.fromkeys(used))
        current = names.actor_name(key) if by == "actor" and key else used[0]
        if by != "actor" or used == [current]:
            labels[key] = used[0]
        elif current in used:
            earlier = ", ".join(u for u in used if u != current)
            labels[key] = f"{current} (earlier: {earlier})"
        else:
            labels[key] = f"{', '.join(used)} (now {current})"
    return [attrs.evolve(row, lane=labels[key]) for key, _name, row in keyed]


def rows(items: Sequence[Any], by: str | None = None, timeline: Any = None) -> list[Row]:
    """The rows to draw, grouped by lane (lanes in order of their first date)."""
    if by is not None and by not in LANES:
        raise QueryError(f"plot(by={by!r}) is not a lane: use one of {', '.join(LANES)} or None")
    names = Lookup(items, timeline, sources=False)
    keyed: list[tuple[str, str, Row]] = []
    for item in items:
        if isinstance(item, Event):
            found = span(item.date)
            if found is None:
                continue
            deaths = item.deaths if isinstance(item, Accident) else None
            group = group_label(item.kind)
            marks: tuple[Mark, ...] = (Mark(found, group, deaths=deaths),)
            label = _label(str(item.date), item.title, deaths)
        elif isinstance(item, Project):
            steps = sorted(item.status, key=lambda s: s.date)
            marks = tuple(
                Mark(s, step.status, step.planned)
                for step in steps
                if (s := span(step.date)) is not None
            )
            if not marks:
                continue
            group = "Projects"
            label = _label(str(steps[0].date), item.name)
        else:
            raise QueryError(
                f"{type(item).__name__} results have no dates to plot: plot events or projects"
            )
        keyed += [(k, n, Row("", label, marks, group)) for k, n in _lanes(item, by, names)]
    out = _lane_names(keyed, by, names)
    first: dict[str, dt.date] = {}
    for row in out:
        begin = min(m.span.start for m in row.marks)
        first[row.lane] = min(first.get(row.lane, begin), begin)
    # A stable sort: rows at the same place keep the query's order.
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
    """A colour per key; a kind group always gets the same one (its place in the
    vocabulary), other keys (project statuses) take colours in order."""
    from matplotlib import colormaps

    known = group_order()
    if all(k in known for k in keys):
        cmap = colormaps["tab10"]
        return {key: cmap(known.index(key) % cmap.N) for key in keys}
    cmap = colormaps["tab10" if len(keys) <= 10 else "tab20"]
    return {key: cmap(i % cmap.N) for i, key in enumerate(keys)}


def _marker_size(deaths: int | None) -> float:
    """Points grow with the toll (by area), so 46 dead stands out from 1."""
    return 7.0 if not deaths else min(7.0 + 2.2 * math.sqrt(deaths), 24.0)


@attrs.frozen
class Layout:
    """Where rows go: each row's y, the labelled ticks, the lanes' extents, total height."""

    ys: tuple[float, ...]
    ticks: tuple[tuple[float, str], ...]
    lanes: tuple[tuple[str, float, float], ...]
    height: float


def _detailed(drawn: list[Row]) -> Layout:
    """One row per item, as tall as its wrapped label."""
    ys: list[float] = []
    lanes: list[tuple[str, float, float]] = []
    y = 0.0
    for n, row in enumerate(drawn):
        tall = 1.0 + 0.55 * row.label.count("\n")
        if n and row.lane != drawn[n - 1].lane:
            lanes.append((drawn[n - 1].lane, lanes[-1][2] if lanes else -0.5, y - 0.5))
        ys.append(y + (tall - 1) / 2)
        y += tall
    if drawn:
        lanes.append((drawn[-1].lane, lanes[-1][2] if lanes else -0.5, y - 0.5))
    return Layout(tuple(ys), tuple(zip(ys, (r.label for r in drawn), strict=True)), tuple(lanes), y)


def _compact(drawn: list[Row], by: str | None, left: float, right: float) -> Layout:
    """Rows packed into bands (kind groups, or the ``by`` lanes) so marks never overlap."""
    band_of = [r.lane if by is not None else r.group for r in drawn]
    bands = list(dict.fromkeys(band_of))
    least = (right - left) / 150  # a mark takes at least this many days
    ys = [0.0] * len(drawn)
    ticks: list[tuple[float, str]] = []
    lanes: list[tuple[str, float, float]] = []
    top = 0.0
    for band in bands:
        members = [n for n, b in enumerate(band_of) if b == band]
        extents = []
        for n in members:
            marks = drawn[n].marks
            low = min(left if m.span.open_start else _num(m.span.start) for m in marks)
            high = max(right if m.span.open_end else _num(m.span.end) + 1 for m in marks)
            extents.append((low, max(high, low + least)))
        placed = pack(extents, gap=least / 2)
        for n, row in zip(members, placed, strict=True):
            ys[n] = top + row
        depth = max(placed) + 1
        ticks.append((top, band))
        lanes.append((band, top - 0.5, top + depth - 0.5))
        top += depth + 0.6
    return Layout(tuple(ys), tuple(ticks), tuple(lanes), top)


def plot(
    items: Sequence[Any],
    by: str | None = None,
    *,
    timeline: Any = None,
    title: str | None = None,
    width: float = 12.0,
    compact: bool | None = None,
) -> Any:
    """Draw ``items`` (events or projects) as a timeline; returns a matplotlib ``Figure``.

    ``by`` puts rows into lanes: ``"country"``, ``"actor"`` or ``"project"``.
    ``title`` defaults to a human one ("Accidents in Kazakhstan, 2020–2023").
    ``compact`` packs rows into kind-group (or ``by``) bands without a label per
    item; by default it is on above :data:`COMPACT` rows, so 300 events stay
    readable.  Save it with ``fig.savefig("timeline.png")``.
    """
    need("matplotlib", "plot()")
    from matplotlib.figure import Figure

    drawn = rows(items, by, timeline)
    _show_in_ipython()
    if title is None:
        title = human_title(items, None, Lookup.of_ids(timeline))
    compact = len(drawn) > COMPACT if compact is None else compact
    left, right = _x_range(drawn)
    layout = _compact(drawn, by, left, right) if compact else _detailed(drawn)

    height = 1.8 + ROW_INCHES * max(layout.height, 3)
    fig = Figure(figsize=(width, height), layout="constrained")
    ax = fig.subplots()
    ax.set_title(title, loc="left", fontsize=13, fontweight="bold")
    if not drawn:
        ax.text(0.5, 0.5, "nothing to draw", ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
        return fig

    # Kind groups in the vocabulary's order, as the legend lists them.
    known = group_order()
    keys = sorted(
        dict.fromkeys(m.key for r in drawn for m in r.marks),
        key=lambda k: known.index(k) if k in known else len(known),
    )
    colour = _colours(keys)
    for y, row in zip(layout.ys, drawn, strict=True):
        for mark in row.marks:
            _draw_mark(ax, y, mark, colour[mark.key], left, right, compact)
    _set_axes(ax, layout, left, right, compact)
    if by is not None or compact:
        _draw_lanes(ax, layout, compact)
    _legend(fig, drawn, keys, colour)
    return fig


def _x_range(drawn: list[Row]) -> tuple[float, float]:
    """The dates shown: every possible span with a margin, within what matplotlib draws."""
    # Matplotlib draws years 1 to 9999: the view stops just short of 10000-01-01.
    first, last = _num(dt.date.min), _num(dt.date.max) + 0.99
    if drawn:
        low = min(_num(m.span.possible_start) for r in drawn for m in r.marks)
        high = max(_num(m.span.possible_end) + 1 for r in drawn for m in r.marks)
    else:
        low = high = _num(dt.date.today())
    pad = max((high - low) / 40, 15.0)
    return max(low - pad, first), min(high + pad, last)


def _set_axes(ax: Any, layout: Layout, left: float, right: float, compact: bool) -> None:
    """Row labels, limits, a date axis and its grid."""
    import matplotlib.dates as mdates

    ax.set_yticks([t[0] for t in layout.ticks], [t[1] for t in layout.ticks], fontsize=9)
    if compact:
        for label in ax.get_yticklabels():
            label.set_fontweight("bold")
        ax.tick_params(axis="x", labeltop=True)  # a tall figure: dates at both ends
    ax.set_ylim(layout.height - 0.5, -0.5)
    ax.set_xlim(left, right)
    locator = mdates.AutoDateLocator()  # type: ignore[no-untyped-call]
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))  # type: ignore[no-untyped-call]
    ax.grid(axis="x", alpha=0.3)
    ax.spines[["top", "right"]].set_visible(False)


def _draw_lanes(ax: Any, layout: Layout, compact: bool) -> None:
    """A rule between lanes, and each lane's name at the right unless the rows are compact."""
    from matplotlib.transforms import blended_transform_factory

    where = blended_transform_factory(ax.transAxes, ax.transData)
    for n, (lane, top, bottom) in enumerate(layout.lanes):
        if not compact:
            ax.text(
                1.005,
                (top + bottom) / 2,
                lane,
                transform=where,
                va="center",
                ha="left",
                fontsize=9,
                fontweight="bold",
                gid="lane",
            )
        if n:
            ax.axhline(top, color="0.6", linewidth=0.8)


def _legend(fig: Any, drawn: list[Row], keys: list[str], colour: dict[str, Any]) -> None:
    """The legend below the plot: the kind groups' colours, then what the mark shapes mean."""
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

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
    if any(m.deaths for r in drawn for m in r.marks):
        handles.append(
            Line2D(
                [], [], marker="o", linestyle="", markersize=14, color="0.3", label="size: deaths"
            )
        )
    fig.legend(
        handles=handles,
        loc="outside lower center",
        ncols=min(len(handles), 5),
        fontsize=8,
        frameon=False,
    )


def _draw_mark(
    ax: Any, y: float, mark: Mark, c: Any, left: float, right: float, compact: bool
) -> None:
    """One mark: a point for a day, a bar for a span, dotted runs for the possible span
    and open ends."""
    s = mark.span
    alpha = FADED if (s.faded or mark.planned) else 1.0
    start, end = _num(s.start), _num(s.end) + 1
    if s.faded:
        ax.hlines(
            y,
            _num(s.possible_start),
            _num(s.possible_end) + 1,
            colors=[c],
            linestyles="dotted",
            linewidth=1.2,
            alpha=0.8,
            gid="possible",
        )
    if s.start == s.end:
        ax.plot(
            [start + 0.5],
            [y],
            "o",
            color=c,
            alpha=alpha,
            markersize=_marker_size(mark.deaths) * (0.8 if compact else 1.0),
            gid="end" if (s.open_start or s.open_end) else "day",
        )
    else:
        ax.barh(
            y,
            end - start,
            left=start,
            height=0.6,
            color=c,
            edgecolor=c,
            linewidth=1,
            alpha=alpha,
            gid="span",
        )
    for is_open, edge, bound, marker in (
        (s.open_start, left, start, "<"),
        (s.open_end, right, end, ">"),
    ):
        if is_open:  # "any time before/after": a dotted run to the edge, an arrow
            ax.hlines(y, edge, bound, colors=[c], linestyles="dotted", linewidth=1.2, gid="open")
            ax.plot([edge], [y], marker, color=c, gid="open")
