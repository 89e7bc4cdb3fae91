"""The event frame built column by column holds exactly the values of the row-by-row build."""

from __future__ import annotations

from typing import Any

import pandas as pd
import pytest

import catimeline as ct
from catimeline import _frames as frames
from catimeline._outputs import Lookup


def _row_by_row(results: ct.Results[Any]) -> pd.DataFrame:
    """The frame as built before the columnar path: one ``_event_row`` dict per event."""
    columns, make = frames._columns(results)
    names = Lookup(results, results.timeline, sources=False)
    rows = [make(item, names) for item in results]
    return pd.DataFrame(
        {name: pd.Series([r.get(name) for r in rows], dtype=columns[name]) for name in columns}
    )


@pytest.mark.parametrize("which", ["events", "accidents"])
def test_columnar_event_frame_equals_the_row_by_row_frame(fx: ct.Timeline, which: str) -> None:
    """For the fixture's events (and its accidents alone), to_pandas() gives the same
    columns, dtypes and values as building one dict per event."""
    results = fx.events() if which == "events" else fx.accidents()
    assert len(results) > 0
    pd.testing.assert_frame_equal(results.to_pandas(), _row_by_row(results))
