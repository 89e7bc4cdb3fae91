"""``import catimeline`` is cheap: no Alembic, no ORM, no pandas at import time."""

from __future__ import annotations

import subprocess
import sys


def test_import_does_not_load_alembic_orm_or_pandas() -> None:
    """Importing the package leaves alembic, sqlalchemy.orm, pandas and matplotlib unloaded."""
    code = (
        "import sys, catimeline\n"
        "heavy = ('alembic', 'sqlalchemy.orm', 'pandas', 'matplotlib')\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in heavy[::2] or m in heavy))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert out == "[]"


def test_public_names_are_importable() -> None:
    """Every name in catimeline.__all__ exists."""
    import catimeline

    missing = [name for name in catimeline.__all__ if not hasattr(catimeline, name)]
    assert missing == []
