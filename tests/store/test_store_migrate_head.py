"""Opening a database already at head answers without Alembic (it costs ~0.3 s to import)."""

from __future__ import annotations

import subprocess
import sys

import catimeline as ct
from catimeline._store import migrate


def test_the_head_constant_is_alembic_head() -> None:
    """migrate.HEAD, used to skip Alembic, names the newest bundled revision."""
    assert migrate.heads() == (migrate.HEAD,)


def test_opening_a_database_at_head_does_not_import_alembic(db_url: str) -> None:
    """A fresh process opening a migrated, seeded database never imports alembic."""
    ct.open(db_url, seed=False).close()
    code = (
        "import sys, catimeline as ct\n"
        f"ct.open({db_url!r}, seed=False).close()\n"
        "print('alembic' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert out == "False"


def test_a_database_behind_head_is_still_upgraded(db_url: str) -> None:
    """A database at an older revision is brought to head by open(), as before."""
    with ct.open(db_url, seed=False) as tl:
        migrate.downgrade(tl.engine, "0001")
    with ct.open(db_url, seed=False) as tl:
        assert migrate.current(tl.engine) == migrate.HEAD
        assert migrate.check(tl.engine) == []
