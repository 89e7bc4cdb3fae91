"""``order=`` by date, deaths, injured and money, and ``after=`` keyset paging in each order.

Paging loops are bounded: a regression that repeats a page fails, it never hangs.
"""

from __future__ import annotations

import pytest

import catimeline as ct
from catimeline._query import ORDERS


def test_order_by_deaths_puts_the_deadliest_first(world: ct.Timeline) -> None:
    """order='deaths': most deaths first; events without a death toll after, by date."""
    ids = world.accidents(order="deaths").ids
    assert ids == (
        "pit-one-fire-2023",
        "pit-one-accident-2020",
        "funeral-payment-accident-2019",
        "pit-one-accident-2022",
    )


def test_events_without_the_figure_come_after_by_date(world: ct.Timeline) -> None:
    """Among events, those without deaths follow the accidents, oldest first."""
    events = world.events(order="deaths")
    tail = [e for e in events if getattr(e, "deaths", None) is None]
    assert list(events)[-len(tail) :] == tail
    assert [e.date for e in tail] == sorted(e.date for e in tail)


def test_order_by_injured(world: ct.Timeline) -> None:
    """order='injured': the depot accident (7) before the fire (5), then the rest by date."""
    ids = world.accidents(order="injured").ids
    assert ids[:2] == ("funeral-payment-accident-2019", "pit-one-fire-2023")
    assert ids[2:] == ("pit-one-accident-2020", "pit-one-accident-2022")


def test_order_by_money_ranks_usd_amounts(world: ct.Timeline) -> None:
    """order='money': the largest USD figure first; amounts in other currencies are not
    ranked against dollars, so the tenge grant falls among the events without money."""
    ids = world.events(order="money").ids
    assert ids[:3] == ("lake-power-investment-2019", "east-hope-pledge-2022", "eximbank-loan-2021")
    rest = world.events(order="date").ids
    assert ids[3:] == tuple(i for i in rest if i not in ids[:3])


def test_order_is_stated_in_the_query(world: ct.Timeline) -> None:
    """.query says what the order is and where events without the figure go."""
    text = str(world.events(order="money").query)
    assert "money in USD, largest first (events without a USD figure after, by date)" in text


def test_unknown_order_lists_the_orders(world: ct.Timeline) -> None:
    """An unknown order raises QueryError naming every order."""
    with pytest.raises(ct.QueryError, match="date, -date, deaths, injured, money"):
        world.events(order="size")


@pytest.mark.parametrize("order", ORDERS)
def test_keyset_paging_gives_every_event_once_in_order(world: ct.Timeline, order: str) -> None:
    """Pages of 3 with after= the last of the previous page, in every order, give exactly
    the events of the unpaged query, in the same order."""
    full = world.events(order=order).ids
    paged: list[str] = []
    after = None
    for _ in range(len(full) + 2):  # bounded: a repeated page cannot loop forever
        page = world.events(order=order, limit=3, after=after).ids
        if not page:
            break
        paged.extend(page)
        after = page[-1]
    assert paged == list(full)


@pytest.mark.parametrize("order", ORDERS)
def test_after_excludes_the_event_itself(world: ct.Timeline, order: str) -> None:
    """after=X starts with the event right after X, never X itself."""
    full = world.events(order=order).ids
    middle = full[len(full) // 2]
    following = world.events(order=order, after=middle, limit=1).ids
    assert following == (full[full.index(middle) + 1],)


def test_keyset_paging_through_ties_in_deaths(world: ct.Timeline) -> None:
    """Events with equal sort values (no deaths) page on by date and id, one at a time."""
    full = world.events(order="deaths").ids
    seen: list[str] = []
    after = None
    for _ in range(len(full) + 2):
        page = world.events(order="deaths", limit=1, after=after).ids
        if not page:
            break
        seen.append(page[0])
        after = page[0]
    assert seen == list(full)
