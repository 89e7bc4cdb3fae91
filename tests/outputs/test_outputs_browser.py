"""The HTML timeline opens offline in headless Chromium and draws the chart."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import matplotlib.image as mpimg
import numpy as np
import pytest

import catimeline as ct
from catimeline.seeds import validate

FIXTURE_SEEDS = Path(__file__).parent.parent / "fixtures" / "seeds"
FIXTURE_DOCUMENTS = FIXTURE_SEEDS.parent / "documents"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
# Vega's default category colours for the first kinds (tableau10).
VEGA_COLOURS = ["#4c78a8", "#f58518", "#e45756", "#72b7b2", "#54a24b", "#eeca3b", "#b279a2"]

pytestmark = pytest.mark.skipif(
    CHROMIUM is None and not os.environ.get("CI"),
    reason="Debian's chromium is not installed (CI installs it and runs this test)",
)


def _screenshot(page: Path, tmp_path: Path) -> Path:
    assert CHROMIUM is not None, "chromium must be installed in CI: apt-get install chromium"
    png = tmp_path / "shot.png"
    subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={tmp_path / 'profile'}",
            f"--screenshot={png}",
            "--window-size=1200,800",
            "--virtual-time-budget=5000",
            page.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return png


def test_html_timeline_renders_in_headless_chromium(tmp_path: Path) -> None:
    """A screenshot of the exported page shows the chart: marks in several kind colours."""
    events = validate(FIXTURE_SEEDS, documents=FIXTURE_DOCUMENTS).records("events")
    page = tmp_path / "timeline.html"
    ct.Results(events, None).export("html", page)
    pixels = mpimg.imread(_screenshot(page, tmp_path))[:, :, :3]
    flat = (pixels * 255).round().reshape(-1, 3)
    assert (flat.sum(axis=1) < 700).mean() > 0.01  # not a blank page
    found = 0
    for colour in VEGA_COLOURS:
        rgb = np.array([int(colour[i : i + 2], 16) for i in (1, 3, 5)])
        if (np.abs(flat - rgb).sum(axis=1) < 12).sum() > 20:
            found += 1
    assert found >= 4, f"only {found} kind colours drawn"
