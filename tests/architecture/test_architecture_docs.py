"""docs/architecture.md names every module of the package, so a newcomer finds each one."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "src" / "catimeline"


def test_every_module_is_named_in_the_architecture_page() -> None:
    """Each ``.py`` file of the package (``__init__.py`` aside) appears in backticks on the
    page: a new module without a line there fails."""
    page = (ROOT / "docs" / "architecture.md").read_text("utf-8")
    named = {name.rsplit("/", 1)[-1] for name in re.findall(r"`([\w/]+\.py)`", page)}
    missing = sorted(
        str(p.relative_to(PACKAGE))
        for p in PACKAGE.rglob("*.py")
        if p.name != "__init__.py" and p.name not in named
    )
    assert missing == []
