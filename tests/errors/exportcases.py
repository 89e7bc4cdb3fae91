"""Catalogued errors of exports and plots (docs/errors.md, "Exports and plots"): each id,
what it does, the error it raises and a part of its message."""

from __future__ import annotations

import errno
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import catimeline as ct
from tests.helpers import cited

ONE = [ct.Event("e1", "2020-05-10", "other", "One event")]


def _full_disk(folder: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    def full(_fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("catimeline._safewrite.os.fsync", full)
    return ct.Results(ONE, None).export("csv", folder / "out.csv")


def _no_folder(folder: Path, _monkeypatch: pytest.MonkeyPatch) -> Any:
    return ct.Results(ONE, None).export("csv", folder / "nowhere" / "out.csv")


def _bom_json(_folder: Path, _monkeypatch: pytest.MonkeyPatch) -> Any:
    return ct.Results(ONE, None).export("jsonl", bom=True)


def _actors_on_a_calendar(_folder: Path, _monkeypatch: pytest.MonkeyPatch) -> Any:
    return ct.Results([ct.Actor("a", "A", "company")], None).export("ics")


def _actors_on_a_plot(_folder: Path, _monkeypatch: pytest.MonkeyPatch) -> Any:
    return ct.Results([ct.Actor("a", "A", "company")], None).plot()


def _database_gone(folder: Path, _monkeypatch: pytest.MonkeyPatch) -> Any:
    place = folder / "gone"
    place.mkdir()
    timeline = ct.open(f"sqlite:///{place / 'x.db'}", seed=False)
    actor = ct.Actor("a", "A", "company")
    event = ct.Event("e1", "2020", "other", "x", participants=[ct.Participant("a", "subject")])
    timeline.add(cited([actor, event]))
    results = timeline.events()
    list(results)  # built while the database was there
    timeline.close()
    for child in place.iterdir():
        child.unlink()
    place.rmdir()
    return results.export("csv")


#: id -> (what to run in a temporary folder, the error, a part of its message)
EXPORT_CASES: dict[str, tuple[Callable[[Path, pytest.MonkeyPatch], Any], type[Exception], str]] = {
    "export-disk-full": (_full_disk, ct.DiskFull, "the disk is full; free some space"),
    "export-folder-missing": (_no_folder, ct.ExportError, "check the folder exists"),
    "export-csv-option-elsewhere": (_bom_json, ct.QueryError, "apply to the csv export only"),
    "export-calendar-of-actors": (
        _actors_on_a_calendar,
        ct.QueryError,
        "export events or projects",
    ),
    "plot-of-actors": (_actors_on_a_plot, ct.QueryError, "plot events or projects"),
    "export-database-gone": (_database_gone, ct.DatabaseError, "cannot read"),
}
