"""Items the query returns at the same time keep the query's order in every output (the
boiler fall "a few days after" 10 June comes after it when the query says so)."""

from __future__ import annotations

import csv
import io
import json
import re

import catimeline as ct

#: Same month, same day and an open start: the order is the query's, not the ids'.
TIES = [
    ct.Event("zeta", "2022-06-10", "accident", "Zeta first"),
    ct.Event("alpha", "2022-06-10", "accident", "Alpha second"),
    ct.Event("mid", "2022-06", "fine", "Month third"),
    ct.Event("beta", "2022-06", "report", "Month fourth"),
]
ORDER = ["zeta", "alpha", "mid", "beta"]


def test_file_exports_keep_the_query_order() -> None:
    """CSV, JSON Lines, TimelineJS and the calendar list tied items as given."""
    results = ct.Results(TIES, None)
    assert [r["id"] for r in csv.DictReader(io.StringIO(results.export("csv")))] == ORDER
    lines = results.export("jsonl").splitlines()
    assert [json.loads(line)["id"] for line in lines] == ORDER
    slides = json.loads(results.export("timelinejs"))["events"]
    assert [s["unique_id"] for s in slides] == ORDER
    assert re.findall(r"UID:([a-z]+)@", results.export("ics")) == ORDER


def test_html_list_keeps_the_query_order_among_ties() -> None:
    """The page lists by time; items at the same time stay in the query's order."""
    page = ct.Results([TIES[2], TIES[3], TIES[0], TIES[1]], None).export("html")
    assert re.findall(r'data-id="([a-z]+)"', page) == ["mid", "beta", "zeta", "alpha"]


def test_plot_rows_keep_the_query_order_among_ties() -> None:
    """Plot rows of items on the same day stay in the query's order."""
    fig = ct.Results(TIES[:2], None).plot()
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert [label.split("  ")[1].split(" (")[0] for label in labels] == [
        "Zeta first",
        "Alpha second",
    ]
