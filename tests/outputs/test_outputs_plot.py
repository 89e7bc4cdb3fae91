"""``Results.plot()``: a Figure whose marks say how sure each date is, checked on a PNG."""

from __future__ import annotations

import io
from typing import Any

import matplotlib.image as mpimg
import numpy as np
import pytest
from matplotlib.collections import LineCollection
from matplotlib.colors import to_rgb
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle

import catimeline as ct
from catimeline._lanes import group_label


def _png(fig: Figure) -> Any:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=60)
    buffer.seek(0)
    return mpimg.imread(buffer, format="png")[:, :, :3]


def _gid(fig: Figure, gid: str, kind: type) -> list[Any]:
    ax = fig.axes[0]
    return [a for a in ax.get_children() if isinstance(a, kind) and a.get_gid() == gid]


def _kind_colours(fig: Figure) -> dict[str, tuple[float, float, float]]:
    legend = fig.legends[0]
    handles = legend.legend_handles
    texts = [t.get_text() for t in legend.get_texts()]
    return {
        text: to_rgb(h.get_facecolor())
        for text, h in zip(texts, handles, strict=True)
        if h is not None and hasattr(h, "get_facecolor") and not isinstance(h, Line2D)
    }


def test_plot_returns_a_figure_with_ink(fx: ct.Timeline) -> None:
    """The PNG of the plot is mostly but not entirely white: it draws something."""
    pixels = _png(fx.events().plot())
    ink = (pixels.sum(axis=2) < 2.9).mean()
    assert 0.02 < ink < 0.6


def test_plot_colours_each_kind_group(fx: ct.Timeline) -> None:
    """Every kind group appears in the rendered PNG in its legend colour."""
    fig = fx.events().plot()
    pixels = _png(fig).reshape(-1, 3)
    colours = _kind_colours(fig)
    kinds = {group_label(e.kind) for e in fx.events()}
    assert kinds <= set(colours)
    for kind in kinds:
        distance = np.abs(pixels - np.array(colours[kind])).sum(axis=1)
        assert (distance < 0.05).sum() > 10, kind


def test_exact_days_are_points_and_spans_are_bars(fx: ct.Timeline) -> None:
    """Day-precise dates are drawn as points; months, years and ranges as bars."""
    results = fx.events()
    fig = results.plot()
    days = [e for e in results if str(e.date.precision) == "day" and "/" not in str(e.date)]
    spans = [
        e for e in results if e.date.earliest and e.date.latest and e.date.earliest < e.date.latest
    ]
    assert len(_gid(fig, "day", Line2D)) == len(days)
    assert len(_gid(fig, "span", Rectangle)) == len(spans)


def test_approximate_dates_are_faded_with_their_possible_span(fx: ct.Timeline) -> None:
    """An approximate date is drawn translucent, with a dotted line over its possible span."""
    fig = fx.events(during="2021").plot()
    bars = {round(b.get_alpha() or 1.0, 2) for b in _gid(fig, "span", Rectangle)}
    assert bars == {1.0, 0.35}  # the 2019/2021 investment, the approximate 2021-11~ deal
    assert len(_gid(fig, "possible", LineCollection)) == 1


def test_open_end_runs_to_the_edge_with_an_arrow(fx: ct.Timeline) -> None:
    """An open start (../2018-03) is drawn as a dotted run to the plot's left edge."""
    fig = fx.events().plot()
    arrows = [a for a in _gid(fig, "open", Line2D) if a.get_marker() == "<"]
    assert len(arrows) == 1
    assert arrows[0].get_xdata()[0] == pytest.approx(fig.axes[0].get_xlim()[0])


def test_lanes_by_country_label_each_country(fx: ct.Timeline) -> None:
    """by="country" draws one labelled lane per country, separated by lines."""
    fig = fx.events().plot(by="country")
    lanes = [t.get_text() for t in fig.axes[0].texts if t.get_gid() == "lane"]
    assert sorted(lanes) == ["Kazakhstan", "Kyrgyzstan"]


def test_lanes_by_actor_repeat_an_event_for_each_actor(fx: ct.Timeline) -> None:
    """by="actor" puts an event with two actors in both actors' lanes, each named as it
    was called at the event's date (Steppe Metal Works until June 2022), with its
    current name."""
    fig = fx.events(text="supply deal").plot(by="actor")
    lanes = [t.get_text() for t in fig.axes[0].texts if t.get_gid() == "lane"]
    assert sorted(lanes) == ["Copper Union", "Steppe Metal Works (now Northern Steel)"]


def test_rows_are_labelled_with_date_title_and_deaths(fx: ct.Timeline) -> None:
    """Each row's label starts with the EDTF date and carries the title and the toll."""
    fig = fx.events(kind="accident").plot()
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert labels[0] == "2020-05-10  Three die at Pit One (3 dead)"


def test_projects_plot_their_status_steps(fx: ct.Timeline) -> None:
    """A project is one row with a mark per status step; the planned step is faded."""
    fig = fx.projects().plot()
    marks = _gid(fig, "span", Rectangle)
    assert len(marks) == 3
    assert sorted(round(m.get_alpha() or 1.0, 2) for m in marks) == [0.35, 1.0, 1.0]


def test_unknown_lane_raises_query_error(fx: ct.Timeline) -> None:
    """An unknown lane name is a QueryError listing the lanes there are."""
    with pytest.raises(ct.QueryError, match="country, actor, project"):
        fx.events().plot(by="colour")


def test_actors_cannot_be_plotted(fx: ct.Timeline) -> None:
    """Results without dates (actors) raise a QueryError saying what can be plotted."""
    with pytest.raises(ct.QueryError, match="plot events or projects"):
        fx.actors().plot()
