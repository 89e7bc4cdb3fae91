"""The tutorial notebook in docs/ runs from top to bottom against a fresh database."""

from __future__ import annotations

from pathlib import Path

import nbclient
import nbformat
import pytest

TUTORIAL = Path(__file__).parent.parent / "docs" / "tutorial.ipynb"


def test_tutorial_notebook_executes_and_draws_a_timeline(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every cell runs without error on a temporary SQLite database (never the user's default)
    and the timeline cell displays a PNG image."""
    database = tmp_path / "tutorial.db"
    monkeypatch.setenv("CATIMELINE_URL", f"sqlite:///{database}")
    notebook = nbformat.read(TUTORIAL, as_version=4)  # type: ignore[no-untyped-call]
    for cell in notebook.cells:
        if cell.cell_type == "code":
            cell.outputs = []
    nbclient.NotebookClient(
        notebook, timeout=300, kernel_name="python3", resources={"metadata": {"path": tmp_path}}
    ).execute()
    assert database.exists()
    images = [
        output
        for cell in notebook.cells
        if cell.cell_type == "code"
        for output in cell.outputs
        if "image/png" in output.get("data", {})
    ]
    assert len(images) == 1
