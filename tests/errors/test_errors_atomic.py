"""All or nothing: a seed load killed midway, or a failing migration, changes nothing."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect

import catimeline as ct
from catimeline._resources import migrations_dir, seeds_dir
from catimeline._seedfolder import digest_of
from catimeline._seedload import SEED_HASH_KEY, get_state
from catimeline._seeds import seed_if_changed
from catimeline._store import migrate
from tests.conftest import FIXTURE_DOCUMENTS, FIXTURE_SEEDS
from tests.helpers import dump

_KILLED_LOADER = textwrap.dedent(
    """
    import sys, time
    import catimeline as ct
    from catimeline._seeds import seed_if_changed

    def progress(message):
        print(message, flush=True)
        if "projects" in message:
            print("READY", flush=True)
            time.sleep(600)

    url, folder, documents = sys.argv[1:4]
    if folder == "bundled":
        ct.open(url, progress=progress)
    else:
        with ct.open(url, seed=False) as tl:
            seed_if_changed(tl.engine, folder, documents=documents, progress=progress)
    print("FINISHED", flush=True)
    """
)


def _fixture_db(url: str) -> None:
    with ct.open(url, seed=False) as tl:
        seed_if_changed(tl.engine, FIXTURE_SEEDS, documents=FIXTURE_DOCUMENTS)


def _kill_while_loading(url: str, folder: str) -> list[str]:
    """Load ``folder`` (or "bundled" through ct.open) in a child; SIGKILL it once sources,
    actors and places are written, in the middle of the load's transaction."""
    child = subprocess.Popen(
        [sys.executable, "-c", _KILLED_LOADER, url, folder, str(FIXTURE_DOCUMENTS)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    seen = []
    try:
        for line in child.stdout:
            seen.append(line.strip())
            if line.strip() == "READY":
                os.kill(child.pid, signal.SIGKILL)
                break
    finally:
        child.wait(timeout=120)
    assert seen[-1:] == ["READY"], [*seen, child.stderr.read() if child.stderr else ""]
    return seen


def test_seed_load_killed_midway_leaves_the_database_as_it_was(db_url: str) -> None:
    """SIGKILL after three sections were written in the load's transaction changes no row."""
    ct.open(db_url, seed=False).close()
    engine = create_engine(db_url)
    before = dump(engine)
    seen = _kill_while_loading(db_url, str(FIXTURE_SEEDS))
    assert any("places" in line for line in seen)  # places were written before the kill
    assert dump(engine) == before
    engine.dispose()


def test_open_after_a_killed_open_completes_the_load(db_url: str) -> None:
    """A ct.open killed while seeding leaves the old rows; the next ct.open loads all the
    bundled seeds beside the fixture folder's rows (its own origin, left as they were)."""
    _fixture_db(db_url)
    engine = create_engine(db_url)
    before = dump(engine)
    _kill_while_loading(db_url, "bundled")
    assert dump(engine) == before
    engine.dispose()
    with ct.open(db_url) as tl:
        with tl.engine.connect() as connection:
            assert get_state(connection, SEED_HASH_KEY) == digest_of(seeds_dir())
        events = tl.events().ids
    from catimeline._seeds import validate

    expected = {r.id for r in validate().records("events")} | {
        r.id for r in validate(FIXTURE_SEEDS, documents=FIXTURE_DOCUMENTS).records("events")
    }
    assert set(events) == expected


BOGUS_REVISION = '''
"""a revision that fails halfway"""

import sqlalchemy as sa
from alembic import op

revision = "zz99"
down_revision = {head!r}
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("ct_bogus", sa.Column("id", sa.Integer, primary_key=True))
    with op.batch_alter_table("ct_actors") as batch:
        batch.add_column(sa.Column("bogus", sa.Text(), nullable=True))
    op.execute("DELETE FROM ct_events")
    raise RuntimeError("this migration fails on purpose")


def downgrade() -> None:
    pass
'''


@pytest.fixture
def failing_migrations(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[[], None]:
    """Call it to switch to a copy of the migrations whose new head fails after changing things."""

    def activate() -> None:
        folder = tmp_path / "migrations"
        shutil.copytree(migrations_dir(), folder, ignore=shutil.ignore_patterns("__pycache__"))
        (head,) = migrate.heads()
        (folder / "versions" / "zz99_bogus.py").write_text(BOGUS_REVISION.format(head=head))
        monkeypatch.setattr(migrate, "migrations_dir", lambda: folder)
        if hasattr(migrate, "HEAD"):  # the fast path's idea of the newest revision
            monkeypatch.setattr(migrate, "HEAD", "zz99")

    return activate


def _schema(url: str) -> dict[str, list[str]]:
    engine = create_engine(url)
    found = inspect(engine)
    out = {t: sorted(c["name"] for c in found.get_columns(t)) for t in found.get_table_names()}
    engine.dispose()
    return out


def test_failing_migration_is_a_migration_error(
    db_url: str, failing_migrations: Callable[[], None]
) -> None:
    """A migration that raises surfaces as MigrationError naming the revision."""
    _fixture_db(db_url)
    failing_migrations()
    with pytest.raises(ct.MigrationError, match=r"a migration failed .* rolled back"):
        ct.open(db_url, seed=False)


def test_failing_migration_leaves_schema_and_data_as_they_were(
    db_url: str, failing_migrations: Callable[[], None]
) -> None:
    """After a migration fails halfway, tables, columns, revision and rows are as before."""
    _fixture_db(db_url)
    schema_before = _schema(db_url)
    engine = create_engine(db_url)
    rows_before = dump(engine)
    revision_before = migrate.current(engine)
    failing_migrations()
    with pytest.raises(ct.MigrationError):
        ct.open(db_url, seed=False)
    assert _schema(db_url) == schema_before
    assert dump(engine) == rows_before
    assert migrate.current(engine) == revision_before
    engine.dispose()


def test_failing_migration_on_an_empty_database_creates_nothing(
    db_url: str, failing_migrations: Callable[[], None]
) -> None:
    """A fresh database whose migration chain fails ends with no catimeline tables at all."""
    failing_migrations()
    with pytest.raises(ct.MigrationError):
        ct.open(db_url, seed=False)
    assert not [t for t in _schema(db_url) if t.startswith("ct_")]
