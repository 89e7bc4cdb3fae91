"""Plots a reader can take in: a human title, deaths shown, labels whole, and 300 events
packed into kind-group bands instead of 300 rows."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle

import catimeline as ct
from catimeline._lanes import GROUP_LABELS
from catimeline._titles import human_title

KINDS = ["accident", "protest", "visit", "investment", "policy", "fine", "report"]


def _many(n: int) -> list[ct.Event]:
    start = dt.date(2000, 1, 1)
    events: list[ct.Event] = []
    for i in range(n):
        day = start + dt.timedelta(days=37 * i)
        date = day.isoformat() if i % 3 else f"{day.year}-{day.month:02d}"
        events.append(ct.Event(f"e{i}", date, KINDS[i % len(KINDS)], f"Event number {i}"))
    return events


def _title(fig: Figure) -> str:
    return str(fig.axes[0].get_title(loc="left"))


def test_plot_title_is_human_not_the_query(fx: ct.Timeline) -> None:
    """Without a title the plot says what it shows, not the machine query text."""
    results = fx.events(kind="accident")
    fig = results.plot()
    assert _title(fig) == "Accidents in Kazakhstan, 2020–2023"
    assert "ordered by" not in _title(fig) and "ordered by" in str(results.query)


def test_title_of_a_question_is_the_question() -> None:
    """Results of ask() are titled by the question as asked, capitalised."""
    query = SimpleNamespace(question="all  AMT incidents since 2021")
    assert human_title([], query) == "All AMT incidents since 2021"


def test_accident_points_grow_with_deaths(fx: ct.Timeline) -> None:
    """The 46-death fire's point is larger than the 3-death accident's."""
    fig = fx.events(kind="accident").plot()
    points = [
        a for a in fig.axes[0].get_children() if isinstance(a, Line2D) and a.get_gid() == "day"
    ]
    sizes = sorted(p.get_markersize() for p in points)
    assert len(sizes) == 2 and sizes[1] > sizes[0] * 1.5


def test_long_titles_are_wrapped_not_cut() -> None:
    """A 150-character title is in its row label whole, over several lines."""
    title = " ".join(["Kostenko"] * 16) + " end"
    fig = ct.Results([ct.Event("long", "2020-05-10", "other", title)], None).plot()
    (label,) = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert "\n" in label and label.replace("\n", " ") == f"2020-05-10  {title}"


def test_three_hundred_events_pack_into_kind_group_bands() -> None:
    """300 events draw every mark, in at most one band per kind group (labelled by
    group, not by 300 titles), in a figure far shorter than one row per event."""
    events = _many(300)
    fig = ct.Results(events, None).plot()
    ax = fig.axes[0]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert 1 < len(labels) <= len(GROUP_LABELS)
    assert set(labels) <= set(GROUP_LABELS.values())
    marks = [a for a in ax.get_children() if a.get_gid() in ("day", "span")]
    assert len(marks) == 300
    assert fig.get_size_inches()[1] < 0.3 * 300 / 2


def test_five_events_keep_a_labelled_row_each() -> None:
    """Five events get five labelled rows (no packing)."""
    fig = ct.Results(_many(5), None).plot()
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert len(labels) == 5 and all("Event number" in label for label in labels)
    assert (
        len(
            [
                a
                for a in fig.axes[0].get_children()
                if isinstance(a, Rectangle) and a.get_gid() == "span"
            ]
        )
        == 2
    )


def test_a_kind_group_keeps_its_colour_across_plots() -> None:
    """Incidents are drawn in the same colour whether or not other groups are present."""

    def colour_of_incidents(events: list[ct.Event]) -> tuple[float, ...]:
        legend = ct.Results(events, None).plot().legends[0]
        found = dict(
            zip([t.get_text() for t in legend.get_texts()], legend.legend_handles, strict=True)
        )
        handle = found["Incidents"]
        assert handle is not None
        return tuple(handle.get_facecolor())

    alone = [ct.Event("a", "2020-01-01", "accident", "A")]
    mixed = [ct.Event("v", "2019-01-01", "visit", "V"), *alone]
    assert colour_of_incidents(alone) == colour_of_incidents(mixed)
