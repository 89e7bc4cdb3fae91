"""The HTML export as a reader sees it: headless Chromium renders the page, and the tests
read the rendered DOM and SVG (title, legend, axis, list) as well as the screenshot."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path

import matplotlib.image as mpimg
import pytest

import catimeline as ct
from catimeline._lanes import GROUP_LABELS
from tests.outputs.chromium import aria_labels, needs_chromium, rendered_dom, screenshot, texts

pytestmark = needs_chromium


@pytest.fixture(scope="module")
def curated(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ct.Timeline]:
    """The bundled seeds in a temporary SQLite file."""
    folder = tmp_path_factory.mktemp("curated")
    with ct.open(f"sqlite:///{folder / 'curated.db'}") as tl:
        yield tl


def _years(labels: list[str]) -> list[int]:
    return [int(y) for y in labels if re.fullmatch(r"\d{4}", y)]


def _colours_drawn(png: Path) -> int:
    pixels = (mpimg.imread(png)[:, :, :3] * 255).round().reshape(-1, 3)
    saturated = pixels[(pixels.max(axis=1) - pixels.min(axis=1)) > 60]
    return len({tuple(p // 24) for p in saturated if (saturated == p).all(axis=1).sum() > 30})


def _h1(dom: str) -> str:
    found = re.search(r'<h1 id="ct-title">(.*?)</h1>', dom, re.S)
    assert found is not None
    return html.unescape(found.group(1))


def _entries(dom: str) -> list[str]:
    return re.findall(r'<li id="item-\d+" data-id="[^"]*">', dom)


def test_five_events_page_has_title_legend_axis_and_names_of_the_time(
    curated: ct.Timeline, tmp_path: Path
) -> None:
    """Five AMT events: the human title, one legend entry per kind group shown, an axis
    over their years, a label per mark, and AMT's name of the time in the list."""
    results = curated.events(actor="AMT", kind="incident", during="2021/2022", limit=5)
    assert len(results) == 5
    page = tmp_path / "five.html"
    results.export("html", page)
    dom = rendered_dom(page, tmp_path)
    assert 'data-ct-rendered="yes"' in dom
    assert _h1(dom) == "Accidents in Kazakhstan, 2021–2022"
    legend = texts(dom, "role-legend-label")
    assert legend == ["Incidents"]
    years = _years(texts(dom, "role-axis-label"))
    assert years and min(years) >= 2020 and max(years) <= 2023
    marks = texts(dom, "role-mark")
    assert len(marks) == 5 and all(e.title[:20] in " ".join(marks) for e in results)
    assert "ArcelorMittal Temirtau" in dom and "Qarmet" not in dom
    assert len(_entries(dom)) == 5
    png = screenshot(page, tmp_path)
    assert _colours_drawn(png) >= 1


def test_whole_timeline_page_fits_groups_axis_and_lists_every_event(
    curated: ct.Timeline, tmp_path: Path
) -> None:
    """Every event: at most nine legend entries (kind groups) with distinct colours, an
    axis from the earliest known bound (open starts sorted by their known end, never at
    year 1) to the latest, and every event in the list with its sources."""
    results = curated.events()
    page = tmp_path / "all.html"
    results.export("html", page)
    dom = rendered_dom(page, tmp_path)
    assert _h1(dom).startswith("Events")
    legend = texts(dom, "role-legend-label")
    assert 3 <= len(legend) <= len(GROUP_LABELS)
    assert set(legend) <= set(GROUP_LABELS.values())
    symbols = re.findall(r'role-legend-symbol"[^>]*><path[^>]*fill="(#[0-9a-f]{6})"', dom)
    assert len(set(symbols)) == len(legend), symbols
    known = [e.date.earliest or e.date.latest for e in results]
    ends = [e.date.latest or e.date.earliest for e in results]
    years = _years(texts(dom, "role-axis-label"))
    low, high = min(d.year for d in known if d), max(d.year for d in ends if d)
    assert low - 3 <= min(years) <= low + 1 and high - 1 <= max(years) <= high + 3
    axis = next(a for a in aria_labels(dom, "axis") if a.startswith("X-axis"))
    bounds = [int(y) for y in re.findall(r" (\d{4}),", axis)]
    assert len(bounds) == 2 and low - 3 <= bounds[0] and bounds[1] <= high + 3, axis
    assert len(_entries(dom)) == len(results)
    first = re.search(r'<li id="item-\d+" data-id="[^"]*"><b>([^<]*)</b>', dom)
    assert first is not None and not first.group(1).startswith("..")
    assert dom.count('<ul class="ct-sources">') == len(results)
    png = screenshot(page, tmp_path, "1200,2400")
    assert _colours_drawn(png) >= 3


HOSTILE_TITLE = "</script><script>document.body.setAttribute('data-pwned','title')</script>"
HOSTILE_NAME = "<img src=x onerror=\"document.body.setAttribute('data-pwned','name')\">"


def test_hostile_record_runs_no_script(tmp_path: Path) -> None:
    """A title, summary and page title holding script and markup render as text: the
    chart still draws and no injected code runs (the body gets no mark of it)."""
    event = ct.Event(
        "hostile-1",
        "2022-05-01",
        "attack",
        HOSTILE_TITLE,
        summary=HOSTILE_NAME + "\u2028\u2029&amp;",
    )
    other = ct.Event("hostile-2", "2021", "protest", HOSTILE_NAME)
    page = tmp_path / "hostile.html"
    ct.Results([event, other], None).export("html", page, title=HOSTILE_TITLE)
    dom = rendered_dom(page, tmp_path)
    assert 'data-ct-rendered="yes"' in dom
    body = re.search(r"<body[^>]*>", dom)
    assert body is not None and "data-pwned" not in body.group(0)
    assert _h1(dom) == HOSTILE_TITLE
    assert HOSTILE_TITLE[:40] in " ".join(texts(dom, "role-mark"))
