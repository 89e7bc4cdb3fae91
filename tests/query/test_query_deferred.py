"""Event results keep the rows their query read and build objects from them on first use;
a frame of results not yet built is read from the rows and equals the objects' frame."""

from __future__ import annotations

import pandas as pd
import pytest

import catimeline as ct


def test_length_and_ids_do_not_build_objects(fx: ct.Timeline) -> None:
    """len() and .ids of fresh event results come from the rows, without building events;
    reading an item builds them, in the same order."""
    results = fx.events(country="KZ")
    assert results._pending is not None
    n, ids = len(results), results.ids
    assert results._pending is not None
    assert [e.id for e in results] == list(ids) and len(ids) == n > 0
    assert results._pending is None


@pytest.mark.parametrize("which", ["events", "accidents"])
def test_frame_from_rows_equals_frame_from_objects(fx: ct.Timeline, which: str) -> None:
    """to_pandas() of results not yet built (read from rows) equals to_pandas() of the same
    results once their objects exist, for events and for accidents alone."""
    query = fx.events if which == "events" else fx.accidents
    fresh = query()
    from_rows = fresh.to_pandas()
    assert fresh._pending is not None  # the frame built no objects
    built = query()
    list(built)
    assert built._pending is None
    pd.testing.assert_frame_equal(from_rows, built.to_pandas())


def test_reasons_come_from_the_rows(fx: ct.Timeline) -> None:
    """why() of deferred results names the actor's matching name, the place, the kind and
    the date mode, as the objects would."""
    results = fx.events(actor="NS", place="Pit One", kind="incident", since="2020")
    assert len(results) > 0
    for event in results:
        reasons = str(results.why(event.id))
        assert "actor 'NS' as NS (abbreviation)" in reasons
        assert "place pit-one" in reasons
        assert f"kind {event.kind}" in reasons
        assert f"date overlaps 2020-01-01/.. ({event.date})" in reasons
