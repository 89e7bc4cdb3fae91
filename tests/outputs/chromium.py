"""Headless Chromium for the browser tests: a screenshot and the rendered DOM of a page.

The tests that use it are skipped on a machine without Debian's ``chromium``, but
fail under CI (``CI`` set, as ``.ci/run`` sets it), which installs it.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

#: Put on a test module: skip without chromium, unless under CI (then the test fails).
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None and not os.environ.get("CI"),
    reason="Debian's chromium is not installed (CI installs it and runs this test)",
)


def _run(page: Path, folder: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None, "chromium must be installed in CI: apt-get install chromium"
    return subprocess.run(
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
            f"--user-data-dir={folder / 'profile'}",
            "--virtual-time-budget=8000",
            *extra,
            page.as_uri(),
        ],
        check=True,
        capture_output=True,
        text=True,
        timeout=180,
    )


def screenshot(page: Path, folder: Path, size: str = "1200,900") -> Path:
    """A PNG of ``page`` as headless Chromium draws it in a window of ``size`` pixels."""
    png = folder / f"{page.stem}.png"
    _run(page, folder, f"--screenshot={png}", f"--window-size={size}")
    return png


def rendered_dom(page: Path, folder: Path) -> str:
    """The page's DOM after its scripts ran (the chart's SVG included)."""
    return _run(page, folder, "--dump-dom").stdout


def aria_labels(dom: str, role: str) -> list[str]:
    """The ``aria-label`` of every SVG element with ``aria-roledescription=role``."""
    found = re.findall(r'aria-roledescription="([^"]*)" aria-label="([^"]*)"', dom)
    return [html.unescape(label) for described, label in found if described == role]


def texts(dom: str, role_class: str) -> list[str]:
    """The text of every SVG ``<text>`` inside groups of class ``role_class``."""
    out: list[str] = []
    for block in re.split(r'(?=<g class="mark-text role-)', dom):
        if re.match(rf'<g class="mark-text {role_class}[" ]', block):
            end = block.find("</g>")
            out += [html.unescape(t) for t in re.findall(r"<text[^>]*>([^<]*)</text>", block[:end])]
    return out
