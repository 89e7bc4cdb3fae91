"""The public face is ``catimeline/__init__.py`` (and the documented vocabulary): every other
module has a private name, so nothing outside ``__all__`` looks like a promise."""

from __future__ import annotations

from pathlib import Path

import catimeline

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "catimeline"
PUBLIC_MODULES = {("__init__",), ("vocabulary",)}


def _public_paths() -> list[str]:
    found = []
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        if parts in PUBLIC_MODULES:
            continue
        if not any(p.startswith("_") and p != "__init__" for p in parts):
            found.append("/".join(parts))
    return sorted(found)


def test_every_internal_module_has_a_private_name() -> None:
    """No module outside __init__ and vocabulary can be imported without an underscore in its
    path (a new ``catimeline/foo.py`` fails here until it is ``_foo.py``)."""
    assert _public_paths() == []


def test_the_public_names_come_from_private_modules_or_the_vocabulary() -> None:
    """Every name in ``__all__`` is defined in a private module (or is the vocabulary), so
    the facade re-exports and defines nothing of its own."""
    homes = {
        name: getattr(getattr(catimeline, name), "__module__", None)
        for name in catimeline.__all__
        if name not in {"__version__", "vocabulary"}
    }
    public_homes = {n: m for n, m in homes.items() if not (m or "").startswith("catimeline._")}
    assert public_homes == {}
