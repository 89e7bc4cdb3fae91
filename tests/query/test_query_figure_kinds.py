"""A finance kind asked for by name also finds the events that give a figure of that name:
a debt is mostly reported as a figure of a statement, not as an event of its own."""

from __future__ import annotations

import catimeline as ct
from catimeline._model import Quantity
from tests.helpers import cited

DEBT_STATEMENT = ct.Event(
    "debt-stated-2023",
    "2023-10",
    "statement",
    "A ministry states what the country owes",
    country="KG",
    figures=[Quantity("debt", 1.7e9, "USD")],
)
VISIT_WITH_DEBT = ct.Event(
    "visit-2023",
    "2023-11",
    "visit",
    "A delegation visits the lender",
    country="KG",
    figures=[Quantity("amount", 2.0e6, "USD")],
)


def _timeline(tl: ct.Timeline) -> ct.Timeline:
    tl.add(cited([DEBT_STATEMENT, VISIT_WITH_DEBT]))
    return tl


def test_debt_kind_finds_a_statement_giving_a_debt_figure(empty_timeline: ct.Timeline) -> None:
    """kind='debt' finds a statement whose figure is named 'debt'."""
    tl = _timeline(empty_timeline)
    assert tl.events(kind="debt").ids == ("debt-stated-2023",)


def test_a_figure_of_another_name_does_not_count(empty_timeline: ct.Timeline) -> None:
    """kind='debt' leaves out an event whose money figure is named otherwise."""
    tl = _timeline(empty_timeline)
    assert "visit-2023" not in tl.events(kind="debt").ids


def test_other_kinds_do_not_read_figures(empty_timeline: ct.Timeline) -> None:
    """kind='statement' is still only statements, and kind='visit' only visits."""
    tl = _timeline(empty_timeline)
    assert tl.events(kind="visit").ids == ("visit-2023",)
    assert tl.events(kind="statement").ids == ("debt-stated-2023",)


def test_the_reading_says_figures_count(empty_timeline: ct.Timeline) -> None:
    """The query's description states that a debt figure counts."""
    tl = _timeline(empty_timeline)
    assert "giving a debt figure" in str(tl.events(kind="debt").query)
