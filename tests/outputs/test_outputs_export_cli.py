"""``catimeline export``: the same exports from the command line, with the events filters."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import icalendar
import pytest
from click.testing import CliRunner

import catimeline as ct
from catimeline import _cli as cli
from catimeline._cli import main


@pytest.fixture(autouse=True)
def _keep_fixture_data(monkeypatch: pytest.MonkeyPatch) -> None:
    """The command opens with seed=True; here it must not load the bundled seeds over fx."""

    def open_unseeded(url: str | None, **kwargs: Any) -> ct.Timeline:
        return ct.open(url, **{**kwargs, "seed": False})

    monkeypatch.setattr(cli, "_open", open_unseeded)


def test_export_csv_to_stdout_applies_filters(fx: ct.Timeline) -> None:
    """--kind and --since filter the exported rows like `catimeline events`."""
    url = fx.engine.url.render_as_string(hide_password=False)
    result = CliRunner().invoke(
        main, ["export", "--format", "csv", "--kind", "accident", "--since", "2022", "--url", url]
    )
    assert result.exit_code == 0, result.output
    ids = [r["id"] for r in csv.DictReader(io.StringIO(result.stdout))]
    assert ids == list(fx.events(kind="accident", since="2022").ids)


def test_export_accidents_ics_to_file(fx: ct.Timeline, tmp_path: Path) -> None:
    """-o writes the file; --accidents limits the calendar to accidents."""
    url = fx.engine.url.render_as_string(hide_password=False)
    target = tmp_path / "accidents.ics"
    result = CliRunner().invoke(
        main, ["export", "--format", "ics", "--accidents", "-o", str(target), "--url", url]
    )
    assert result.exit_code == 0, result.output
    events = icalendar.Calendar.from_ical(target.read_text("utf-8")).walk("VEVENT")
    assert len(events) == len(fx.accidents())


def test_export_timelinejs_is_json(fx: ct.Timeline) -> None:
    """The TimelineJS export printed to stdout is one JSON document."""
    url = fx.engine.url.render_as_string(hide_password=False)
    result = CliRunner().invoke(main, ["export", "--format", "timelinejs", "--url", url])
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.stdout)["events"]) == len(fx.events())


def test_export_needs_a_format() -> None:
    """Without --format the command stops with a usage error (exit 2)."""
    result = CliRunner().invoke(main, ["export"])
    assert result.exit_code == 2
    assert "--format" in result.output


def test_export_unknown_actor_is_one_line(fx: ct.Timeline) -> None:
    """An unknown actor prints one line with suggestions and exits 2."""
    url = fx.engine.url.render_as_string(hide_password=False)
    result = CliRunner().invoke(
        main, ["export", "--format", "csv", "--actor", "Northern Stel", "--url", url]
    )
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "Northern Steel" in result.stderr
