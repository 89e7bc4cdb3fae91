"""The notebook libraries stay out of ``import catimeline`` and of plain queries."""

from __future__ import annotations

import subprocess
import sys

HEAVY = ("pandas", "matplotlib", "altair", "vl_convert", "IPython")


def test_import_and_html_repr_load_no_notebook_library() -> None:
    """Importing catimeline and rendering a record's HTML imports none of the heavy libraries."""
    code = (
        "import sys, catimeline as ct\n"
        "ct.Event('e', '2020', 'other', 'T')._repr_html_()\n"
        "ct.Results([], None)._repr_html_()\n"
        f"print(','.join(m for m in {HEAVY!r} if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
