"""The HTML timeline opens offline in headless Chromium and draws the chart."""

from __future__ import annotations

from pathlib import Path

import matplotlib.image as mpimg
import numpy as np

import catimeline as ct
from catimeline._seeds import validate
from tests.outputs.chromium import needs_chromium, screenshot

FIXTURE_SEEDS = Path(__file__).parent.parent / "fixtures" / "seeds"
FIXTURE_DOCUMENTS = FIXTURE_SEEDS.parent / "documents"
# Vega's default category colours for the first kinds (tableau10).
VEGA_COLOURS = ["#4c78a8", "#f58518", "#e45756", "#72b7b2", "#54a24b", "#eeca3b", "#b279a2"]

pytestmark = needs_chromium


def test_html_timeline_renders_in_headless_chromium(tmp_path: Path) -> None:
    """A screenshot of the exported page shows the chart: marks in several kind colours."""
    events = validate(FIXTURE_SEEDS, documents=FIXTURE_DOCUMENTS).records("events")
    page = tmp_path / "timeline.html"
    ct.Results(events, None).export("html", page)
    pixels = mpimg.imread(screenshot(page, tmp_path, "1200,800"))[:, :, :3]
    flat = (pixels * 255).round().reshape(-1, 3)
    assert (flat.sum(axis=1) < 700).mean() > 0.01  # not a blank page
    found = 0
    for colour in VEGA_COLOURS:
        rgb = np.array([int(colour[i : i + 2], 16) for i in (1, 3, 5)])
        if (np.abs(flat - rgb).sum(axis=1) < 12).sum() > 20:
            found += 1
    assert found >= 4, f"only {found} kind colours drawn"
