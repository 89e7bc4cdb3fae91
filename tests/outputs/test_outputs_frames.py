"""``Results.to_pandas()``: one row per item, typed columns, names resolved."""

from __future__ import annotations

import sys

import pandas as pd
import pytest

import catimeline as ct


def test_event_frame_has_one_row_per_event_in_order(fx: ct.Timeline) -> None:
    """The frame has one row per result, in the results' order, keyed by id."""
    results = fx.events()
    frame = results.to_pandas()
    assert list(frame["id"]) == list(results.ids)


def test_event_frame_columns_are_typed(fx: ct.Timeline) -> None:
    """Bounds are datetime64, flags bool, text columns pandas strings."""
    frame = fx.events().to_pandas()
    assert str(frame["earliest"].dtype).startswith("datetime64")
    assert str(frame["latest"].dtype).startswith("datetime64")
    assert frame["approximate"].dtype == bool
    assert isinstance(frame["title"].dtype, pd.StringDtype)


def test_event_frame_bounds_follow_the_fuzzy_date(fx: ct.Timeline) -> None:
    """A month-precision date spans its whole month; an open start is NaT."""
    frame = fx.events().to_pandas().set_index("id")
    month = frame.loc["pit-one-accident-2022"]
    assert month["date"] == "2022-06"
    assert month["earliest"] == pd.Timestamp("2022-06-01")
    assert month["latest"] == pd.Timestamp("2022-06-30")
    assert month["precision"] == "month"
    assert pd.isna(frame.loc["ministry-safety-statement-2018", "earliest"])


def test_event_frame_names_actors_and_places(fx: ct.Timeline) -> None:
    """Actors are listed by the names they had on the event's date (Northern Steel was
    Steppe Metal Works until June 2022), with their current names and ids alongside."""
    row = fx.events().to_pandas().set_index("id").loc["supply-deal-2021"]
    assert row["actors"] == ["Copper Union", "Steppe Metal Works"]
    assert row["actors_current"] == ["Copper Union", "Northern Steel"]
    assert row["actor_ids"] == ["copper-union", "northern-steel"]


def test_accident_frame_has_nullable_integer_tolls(fx: ct.Timeline) -> None:
    """Accidents add deaths and injured as nullable integers, and the operator."""
    frame = fx.accidents().to_pandas().set_index("id")
    assert frame["deaths"].dtype == "Int64"
    assert frame.loc["pit-one-fire-2023", "deaths"] == 46
    assert frame.loc["pit-one-fire-2023", "operator"] == "northern-steel"
    assert pd.isna(frame.loc["pit-one-accident-2022", "injured"])


def test_event_frame_lists_sources(fx: ct.Timeline) -> None:
    """Each row lists the ids of the sources it cites."""
    frame = fx.events().to_pandas()
    assert all(sources == ["fx-gazette"] for sources in frame["sources"])


def test_empty_results_keep_typed_columns(fx: ct.Timeline) -> None:
    """An empty result is an empty frame that still has the event columns and types."""
    frame = fx.events(text="no such words anywhere").to_pandas()
    assert len(frame) == 0
    assert str(frame["earliest"].dtype).startswith("datetime64")
    assert "title" in frame.columns


def test_project_frame_has_status_and_steps(fx: ct.Timeline) -> None:
    """Projects give their current status and the span of their status history."""
    row = fx.projects().to_pandas().set_index("id").loc["lake-power-plant"]
    assert row["status"] == "under-construction"
    assert row["first_step"] == pd.Timestamp("2019-01-01")
    assert row["last_step"] == pd.Timestamp("2027-12-31")


def test_place_frame_splits_coordinates(fx: ct.Timeline) -> None:
    """Places give latitude and longitude as separate nullable floats."""
    frame = fx.places().to_pandas().set_index("id")
    assert frame.loc["steel-city", "latitude"] == 50.0
    assert frame.loc["steel-city", "longitude"] == 73.0
    assert pd.isna(frame.loc["pit-one", "latitude"])


def test_frame_without_a_timeline_uses_ids_for_names() -> None:
    """Results built by hand (no timeline) still convert, with ids standing in for names."""
    event = ct.Event(
        "e1", "2021-03", "other", "Hand-made", participants=[ct.Participant("acme", "owner")]
    )
    frame = ct.Results([event], None).to_pandas()
    assert frame.loc[0, "actors"] == ["acme"]


def test_missing_pandas_raises_missing_dependency(
    fx: ct.Timeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without pandas, to_pandas() raises MissingDependency naming the notebook extra."""
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ct.MissingDependency, match=r"catimeline\[notebook\]"):
        fx.events().to_pandas()
