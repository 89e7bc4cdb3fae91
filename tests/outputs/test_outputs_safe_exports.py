"""Exports that cannot hurt their reader or lose a file: spreadsheet formulas neutralised,
markup escaped, only web links linked, files replaced whole, the calendar's first and
last days handled."""

from __future__ import annotations

import csv
import errno
import io
import json
import os
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from click.testing import CliRunner

import catimeline as ct
from catimeline import _cli as cli
from catimeline._cli import main
from catimeline._export import FORMATS
from catimeline._htmlpage import page
from catimeline._outputs import Lookup
from tests.helpers import cited

FORMULAS = ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", '=HYPERLINK("http://x","y")']


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"), newline="")))


@pytest.mark.parametrize("formula", FORMULAS)
def test_csv_neutralises_cells_that_start_like_formulas(formula: str) -> None:
    """A title a spreadsheet would run as a formula gets a leading apostrophe."""
    text = ct.Results([ct.Event("e1", "2020", "other", formula)], None).export("csv")
    assert _rows(text)[0]["title"] == "'" + formula


def test_csv_keeps_formulas_raw_when_asked() -> None:
    """keep_formulas=True writes such cells as they are."""
    events = [ct.Event(f"e{i}", "2020", "other", f) for i, f in enumerate(FORMULAS)]
    text = ct.Results(events, None).export("csv", keep_formulas=True)
    assert [r["title"] for r in _rows(text)] == FORMULAS


def test_csv_bom_starts_the_file_and_round_trips(tmp_path: Path) -> None:
    """bom=True writes EF BB BF first; utf-8-sig reads the same rows back."""
    target = tmp_path / "out.csv"
    ct.Results([ct.Event("e1", "2020", "other", "Қарағанды")], None).export("csv", target, bom=True)
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows[0]["title"] == "Қарағанды"


def test_csv_only_options_refuse_other_formats() -> None:
    """bom with a format other than csv is a QueryError, not silently ignored."""
    with pytest.raises(ct.QueryError, match="csv export only"):
        ct.Results([ct.Event("e1", "2020", "other", "x")], None).export("jsonl", bom=True)


def test_csv_gives_sources_as_readable_text(fx: ct.Timeline) -> None:
    """sources_text names each source by title, outlet and date; the ids stay in sources."""
    rows = {r["id"]: r for r in _rows(fx.events().export("csv"))}
    fire = rows["pit-one-fire-2023"]
    assert fire["sources"] == "fx-gazette"
    assert fire["sources_text"] == "Fixture Gazette, Fixture Press, 2024"


def test_timelinejs_escapes_markup_and_groups_by_kind_group() -> None:
    """Headlines, text and the title are HTML-escaped; groups are kind groups."""
    event = ct.Event("e1", "2020-05-10", "accident", "<b onmouseover=x>Hi</b>", summary="<i>s</i>")
    data = json.loads(ct.Results([event], None).export("timelinejs", title="<script>t</script>"))
    (slide,) = data["events"]
    assert slide["text"]["headline"] == "&lt;b onmouseover=x&gt;Hi&lt;/b&gt;"
    assert "<i>" not in slide["text"]["text"] and "&lt;i&gt;s&lt;/i&gt;" in slide["text"]["text"]
    assert slide["group"] == "Incidents"
    assert data["title"]["text"]["headline"] == "&lt;script&gt;t&lt;/script&gt;"


def test_html_sources_link_only_web_addresses() -> None:
    """A source's http(s) url becomes a link; a javascript: url or none shows the title
    as text, with outlet and date either way."""
    names = Lookup(())
    fields = {"title": "T", "publisher": "Outlet", "published": "2024-01-02"}
    sources: dict[str, Any] = {
        "good": SimpleNamespace(id="good", url="https://example.org/a?b=1&c=2", **fields),
        "evil": SimpleNamespace(id="evil", url="javascript:alert(1)", **fields),
        "none": SimpleNamespace(id="none", **fields),
    }
    names.sources = sources
    events = [
        ct.Event(sid, "2020", "other", sid, citations=[ct.Citation(sid, 0, 1)])
        for sid in ("good", "evil", "none")
    ]
    text = page(events, names, "Sources")
    assert '<a href="https://example.org/a?b=1&amp;c=2" rel="noopener noreferrer">T</a>' in text
    assert "javascript:alert" not in text
    assert text.count("<li>T, Outlet, 2024-01-02</li>") == 2


EXTREME = [
    ct.Event("first-day", "0001-01-01", "accident", "First day"),
    ct.Event("last-day", "9999-12-31", "other", "Last day"),
    ct.Event("last-year", "9999", "other", "Last year"),
    ct.Event("everything", "0001/9999", "other", "Whole calendar"),
    ct.Event("before-first", "../0001-01", "other", "Before January of year 1"),
    ct.Event("after-last", "9999-12/..", "other", "After December 9999"),
    ct.Event("about-last", "9999-12-31~", "other", "About the last day"),
]


@pytest.mark.parametrize("format", FORMATS)
def test_events_on_the_first_and_last_days_export(format: str) -> None:
    """Events dated in year 1 and year 9999 export in every format."""
    text = ct.Results(EXTREME, None).export(format)
    assert text


def test_events_on_the_first_and_last_days_plot() -> None:
    """The plot of year-1 and year-9999 events draws (labelled rows and compact bands)."""
    for compact in (False, True):
        fig = ct.Results(EXTREME, None).plot(compact=compact)
        fig.savefig(io.BytesIO(), format="png", dpi=30)
        left, right = fig.axes[0].get_xlim()
        assert left < right


def _fill_disk(monkeypatch: pytest.MonkeyPatch) -> None:
    def full(_fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("catimeline._safewrite.os.fsync", full)


def test_full_disk_keeps_the_previous_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A disk that fills while writing raises DiskFull saying so; the file that was there
    is unchanged and no temporary file is left behind."""
    target = tmp_path / "out.csv"
    target.write_text("previous\n")
    _fill_disk(monkeypatch)
    with pytest.raises(ct.DiskFull, match="the disk is full"):
        ct.Results([ct.Event("e1", "2020", "other", "x")], None).export("csv", target)
    assert target.read_text() == "previous\n"
    assert os.listdir(tmp_path) == ["out.csv"]


def test_export_replaces_the_file_whole_and_keeps_its_mode(tmp_path: Path) -> None:
    """A second export replaces the file's content and keeps its permissions."""
    target = tmp_path / "out.jsonl"
    target.write_text("old\n")
    target.chmod(0o640)
    text = ct.Results([ct.Event("e1", "2020", "other", "x")], None).export("jsonl", target)
    assert target.read_text() == text and (target.stat().st_mode & 0o777) == 0o640


def test_cli_export_to_a_full_disk_says_so(
    fx: ct.Timeline, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`catimeline export -o FILE` on a full disk prints one line saying so and exits 2."""

    def open_unseeded(url: str | None, **kwargs: Any) -> ct.Timeline:
        return ct.open(url, **{**kwargs, "seed": False})

    monkeypatch.setattr(cli, "_open", open_unseeded)
    target = tmp_path / "out.ics"
    target.write_text("previous\n")
    _fill_disk(monkeypatch)
    url = fx.engine.url.render_as_string(hide_password=False)
    result = CliRunner().invoke(
        main, ["export", "--format", "ics", "-o", str(target), "--url", url]
    )
    assert result.exit_code == 2
    assert "the disk is full" in result.stderr and "Traceback" not in result.output
    assert target.read_text() == "previous\n"


def test_stored_events_on_the_first_and_last_days_export_and_plot(
    empty_timeline: ct.Timeline,
) -> None:
    """Year-1 and year-9999 events read back from the database export in every format
    and plot."""
    empty_timeline.add(cited(EXTREME))
    results = empty_timeline.events()
    assert len(results) == len(EXTREME)
    for format in FORMATS:
        assert results.export(format)
    results.plot().savefig(io.BytesIO(), format="png", dpi=30)


def test_html_of_projects_colours_by_status_and_lists_projects(fx: ct.Timeline) -> None:
    """A page of projects has a status legend and a "Projects and their sources" list."""
    text = fx.projects().export("html")
    assert "<h2>Projects and their sources</h2>" in text
    assert '"title": "status"' in text and "Under construction" in text
