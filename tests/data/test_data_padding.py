"""No stock or cumulative total poses as a dated happening: the data review removed the authors'
own research trips and the undated totals carried by a project, and recast the rest as the
statements that give them, dated by when they were stated."""

from __future__ import annotations

import pytest

from tests.data.review import events, projects, sources

REMOVED = [
    "pantucci-eurasia-research-trip-2016",
    "pantucci-petersen-khorgos-field-visit-2012",
    "pantucci-petersen-ashgabat-interviews-2012",
    "khorgos-gateway-investment-by-2024",
    "kambar-ata-1-budget-preparatory-funding-2024",
]

RECAST_AS_STATEMENTS = [
    "kyrgyzstan-eximbank-debt-2023",
    "un-joint-programmes-2017",
    "kazakhstan-coal-exports-rise-eu-demand-2023",
]


@pytest.mark.parametrize("event_id", REMOVED)
def test_padding_event_is_gone(event_id: str) -> None:
    """The removed padding event no longer exists."""
    assert event_id not in events()


def test_no_research_trip_events_remain() -> None:
    """No event is tagged as the authors' field research."""
    assert [e.id for e in events().values() if "research-trip" in e.tags] == []


@pytest.mark.parametrize("event_id", RECAST_AS_STATEMENTS)
def test_stock_is_a_statement_dated_by_its_source(event_id: str) -> None:
    """A recast stock or total is a statement dated as the article that states it."""
    event = events()[event_id]
    assert event.kind == "statement"
    published = {str(sources()[c.source].published) for c in event.citations}
    assert published == {str(event.date)}
    assert event.figures, "the statement keeps the figures it gives"


@pytest.mark.parametrize(
    ("project_id", "figure", "value"),
    [("khorgos-gateway", "investment", 3.5e9), ("kambar-ata-1-hpp", "preparatory-spending", 2e7)],
)
def test_removed_totals_live_on_their_project(project_id: str, figure: str, value: float) -> None:
    """The cumulative totals of the removed events are figures of their projects."""
    found = [q for q in projects()[project_id].figures if q.name == figure]
    assert [q.value for q in found] == [value]
