"""Migrations own the schema: up, down, step by step, and only catimeline's tables."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import create_engine, inspect, text

import catimeline as ct
from catimeline._seeds import seed_if_changed
from catimeline._store import migrate
from catimeline._store.schema import PREFIX
from tests.conftest import FIXTURE_DOCUMENTS, FIXTURE_SEEDS
from tests.helpers import dump


def _ours(url: str) -> set[str]:
    engine = create_engine(url)
    try:
        return {t for t in inspect(engine).get_table_names() if t.startswith(PREFIX)}
    finally:
        engine.dispose()


def test_single_head() -> None:
    """The bundled migrations have exactly one head."""
    assert len(migrate.heads()) == 1


def test_upgrade_check_downgrade_upgrade(db_url: str) -> None:
    """Upgrade to head checks clean; downgrade to base removes our tables; upgrade restores them."""
    engine = create_engine(db_url)
    migrate.upgrade(engine)
    assert migrate.current(engine) == migrate.heads()[0]
    assert migrate.check(engine) == []
    tables = _ours(db_url)
    migrate.downgrade(engine, "base")
    assert _ours(db_url) <= {migrate.VERSION_TABLE}
    assert migrate.current(engine) is None
    migrate.upgrade(engine)
    assert _ours(db_url) == tables
    assert migrate.check(engine) == []
    engine.dispose()


def test_step_by_step_over_every_revision(db_url: str) -> None:
    """Each revision upgrades one step, downgrades back and upgrades again."""
    engine = create_engine(db_url)
    previous = "base"
    for revision in migrate.revisions():
        migrate.upgrade(engine, revision)
        assert migrate.current(engine) == revision
        migrate.downgrade(engine, previous)
        assert migrate.current(engine) == (None if previous == "base" else previous)
        migrate.upgrade(engine, revision)
        previous = revision
    assert migrate.check(engine) == []
    engine.dispose()


def test_user_table_untouched_and_ignored(db_url: str) -> None:
    """A table the user owns in the same database survives migrations and is not compared."""
    engine = create_engine(db_url)
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE my_notes (id INTEGER PRIMARY KEY, body TEXT)"))
        connection.execute(text("INSERT INTO my_notes VALUES (1, 'keep me')"))
    migrate.upgrade(engine)
    assert migrate.check(engine) == []
    migrate.downgrade(engine, "base")
    migrate.upgrade(engine)
    with engine.connect() as connection:
        assert connection.execute(text("SELECT body FROM my_notes")).scalar() == "keep me"
    engine.dispose()


def test_seeded_data_survives_an_upgrade(db_url: str) -> None:
    """Data loaded at an earlier revision is all there after upgrading to head."""
    engine = create_engine(db_url)
    revisions = migrate.revisions()
    migrate.upgrade(engine)
    seed_if_changed(engine, FIXTURE_SEEDS, documents=FIXTURE_DOCUMENTS)
    before = dump(engine)
    if len(revisions) > 1:
        migrate.downgrade(engine, revisions[-2])
    migrate.upgrade(engine)
    assert dump(engine) == before
    with ct.open(db_url, seed=False) as tl:
        assert tl.event("pit-one-fire-2023").title == "Fire at Pit One kills 46"
    engine.dispose()


def test_newer_schema_is_refused(db_url: str) -> None:
    """A database stamped by a newer catimeline is refused with advice, not migrated."""
    engine = create_engine(db_url)
    migrate.upgrade(engine)
    with engine.begin() as connection:
        connection.execute(
            text(f"UPDATE {migrate.VERSION_TABLE} SET version_num = 'ffff_from_the_future'")
        )
    try:
        ct.open(db_url, seed=False)
    except ct.MigrationError as exc:
        assert "newer catimeline" in str(exc)
    else:  # pragma: no cover - the assertion below explains the failure
        raise AssertionError("a newer schema was accepted")
    finally:
        engine.dispose()


def test_sqlite_migrations_run_with_foreign_keys_off_and_restore_them(tmp_path: Path) -> None:
    """Batch migrations on SQLite run with foreign keys off (no cascades) and turn them back on."""
    engine = create_engine(f"sqlite:///{tmp_path / 'fk.db'}")
    from catimeline._store.sqlite import configure

    configure(engine, readonly=False)
    seen: list[int] = []
    with migrate._connected(engine) as config:
        connection = config.attributes["connection"]
        seen.append(int(connection.exec_driver_sql("PRAGMA foreign_keys").scalar() or 0))
    with engine.connect() as connection:
        seen.append(int(connection.exec_driver_sql("PRAGMA foreign_keys").scalar() or 0))
    assert seen == [0, 1]
    engine.dispose()
