"""The domain and the store import no presentation, and every output reads one description."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import catimeline
from catimeline import _columns as columns

PACKAGE = Path(catimeline.__file__).parent
#: The notebook and file outputs.
PRESENTATION = {
    "_cells",
    "_columns",
    "_export",
    "_exportreport",
    "_frames",
    "_geo",
    "_html",
    "_htmlpage",
    "_ics",
    "_lanes",
    "_outputs",
    "_plot",
    "_rows",
    "_titles",
}
#: Modules below the outputs: the domain and the store.
BELOW = [
    "_model.py",
    "_dates.py",
    "_errors.py",
    *(f"_store/{p.name}" for p in (PACKAGE / "_store").glob("*.py")),
]


def _imported(path: Path) -> set[str]:
    """Every catimeline module ``path`` imports, at module level or inside a function."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module, *(f"{node.module}.{a.name}" for a in node.names)]
        elif isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        else:
            continue
        found.update(n.split(".")[1] for n in names if n.startswith("catimeline."))
    return found


@pytest.mark.parametrize("module", BELOW)
def test_domain_and_store_import_no_output(module: str) -> None:
    """No module of the domain or the store imports an output module, even on first use."""
    assert not _imported(PACKAGE / module) & PRESENTATION


def test_importing_the_model_loads_no_output() -> None:
    """``import catimeline._model`` loads none of the output modules."""
    code = (
        "import sys, catimeline._model\n"
        f"print(','.join(m for m in {sorted(PRESENTATION)!r} if 'catimeline.' + m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


@pytest.mark.parametrize("views", ["CSV", "TABLE", "FRAME", "GEOJSON"])
def test_every_shown_column_is_described(views: str) -> None:
    """Each column an output shows is a column of the description of that record type."""
    for cls, view in getattr(columns, views).items():
        described = columns.DESCRIPTIONS[cls]
        assert [name for _header, name in view if name not in described] == [], cls.__name__


def test_accident_columns_extend_the_event_columns() -> None:
    """An Accident is described by every Event column and its own toll columns."""
    assert set(columns.EVENT) < set(columns.ACCIDENT)
    assert {"deaths", "injured", "cause", "operator"} <= set(columns.ACCIDENT) - set(columns.EVENT)
