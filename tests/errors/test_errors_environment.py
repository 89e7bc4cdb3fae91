"""Databases that misbehave: wrong URLs, newer schemas, read-only files, full disks.

Each raises a typed CatimelineError whose message says what to do, and none
changes the data.  The tiny and read-only file systems are real tmpfs mounts
when the tests run as root (as in CI); otherwise the read-only case uses file
permissions and the full disk is simulated with ``RLIMIT_FSIZE`` only.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select, text

import catimeline as ct
from catimeline._model import Actor
from catimeline._seeds import seed_if_changed
from catimeline._store import migrate
from catimeline._store import schema as s
from tests.conftest import FIXTURE_DOCUMENTS, FIXTURE_SEEDS, POSTGRES_URL
from tests.helpers import dump

CLOSED_PORT_URL = "postgresql+psycopg://alice:s3cr3t-Pa55@127.0.0.1:1/nowhere"


def _fixture_db(url: str) -> None:
    with ct.open(url, seed=False) as tl:
        seed_if_changed(tl.engine, FIXTURE_SEEDS, documents=FIXTURE_DOCUMENTS)


def _stamp(url: str, revision: str) -> None:
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(
            text(f"UPDATE {migrate.VERSION_TABLE} SET version_num = :r"), {"r": revision}
        )
    engine.dispose()


@contextmanager
def _mounted(folder: Path, options: str) -> Iterator[None]:
    """A tmpfs at ``folder``; skips the test when this process may not mount (not root)."""
    folder.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)],
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
    try:
        yield
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


# ------------------------------------------------------------------ URLs


def test_text_that_is_not_a_url_is_refused() -> None:
    """url-not-a-url: DatabaseError that shows what a URL looks like."""
    with pytest.raises(ct.DatabaseError, match="is not a database URL: use sqlite:///"):
        ct.open("just some words")


def test_unknown_driver_is_refused() -> None:
    """url-unknown-driver: DatabaseError naming the driver and the supported ones."""
    with pytest.raises(ct.DatabaseError, match="no SQLAlchemy driver for 'nosuchdb'"):
        ct.open("nosuchdb://host/db")


def test_closed_port_is_a_database_error_with_advice() -> None:
    """url-closed-port: connection refused says to check host, port and server."""
    with pytest.raises(ct.DatabaseError, match="that the database server is running"):
        ct.open(CLOSED_PORT_URL)


def test_closed_port_message_masks_the_password() -> None:
    """The password of a URL never appears in the error message or its causes' messages."""
    with pytest.raises(ct.DatabaseError) as info:
        ct.open(CLOSED_PORT_URL)
    assert "s3cr3t-Pa55" not in str(info.value)
    assert "***" in str(info.value)


def test_closed_port_logs_never_show_the_password(caplog: pytest.LogCaptureFixture) -> None:
    """Nothing logged (at any level, by any logger) while failing to connect holds the password."""
    with caplog.at_level(1), pytest.raises(ct.DatabaseError):
        ct.open(CLOSED_PORT_URL)
    assert "s3cr3t-Pa55" not in caplog.text


@pytest.mark.postgres
@pytest.mark.skipif(not POSTGRES_URL, reason="CATIMELINE_TEST_POSTGRES_URL is not set")
def test_timeline_url_and_repr_mask_the_password() -> None:
    """An open timeline shows its URL with the password masked (trust auth ignores it)."""
    assert POSTGRES_URL is not None
    from sqlalchemy import make_url

    url = make_url(POSTGRES_URL).set(password="s3cr3t-Pa55").render_as_string(hide_password=False)
    with ct.open(url, migrate=False, seed=False) as tl:
        assert "s3cr3t-Pa55" not in tl.url
        assert "s3cr3t-Pa55" not in repr(tl)


def test_folder_as_sqlite_file_is_refused(tmp_path: Path) -> None:
    """url-sqlite-folder: an SQLite URL naming a folder says to name a file."""
    with pytest.raises(ct.DatabaseError, match="names a database file"):
        ct.open(f"sqlite:///{tmp_path}")


def test_file_that_is_not_a_database_is_refused(tmp_path: Path) -> None:
    """url-not-a-database-file: a text file given as the database raises DatabaseError."""
    path = tmp_path / "notes.db"
    path.write_text("these are my notes, not a database\n" * 100)
    with pytest.raises(ct.DatabaseError, match="not an SQLite database"):
        ct.open(f"sqlite:///{path}")
    assert path.read_text().startswith("these are my notes")


# ------------------------------------------------------------------ read-only use


def test_readonly_needs_an_existing_file(tmp_path: Path) -> None:
    """readonly-missing-file: read-only open of a missing file says there is no file."""
    with pytest.raises(ct.DatabaseError, match="no database file at"):
        ct.open(f"sqlite:///{tmp_path / 'missing.db'}", readonly=True)
    assert not (tmp_path / "missing.db").exists()


def test_readonly_on_a_database_without_tables_is_refused(db_url: str) -> None:
    """readonly-no-tables: a database never set up says to open it once without readonly."""
    ct.open(db_url, migrate=False, seed=False).close()  # creates the SQLite file, no tables
    with pytest.raises(ct.MigrationError, match="open it once without readonly=True"):
        ct.open(db_url, readonly=True)


def test_readonly_reads_work(db_url: str) -> None:
    """A read-only timeline answers queries exactly like a writable one."""
    _fixture_db(db_url)
    with ct.open(db_url, seed=False) as tl:
        expected = tl.events(kind="incident").ids
    with ct.open(db_url, readonly=True) as tl:
        assert tl.events(kind="incident").ids == expected
        assert tl.readonly


def test_readonly_write_is_refused(db_url: str) -> None:
    """readonly-write: add() on a read-only timeline raises ReadOnlyError and writes nothing."""
    _fixture_db(db_url)
    engine = create_engine(db_url)
    before = dump(engine)
    with ct.open(db_url, readonly=True) as tl, pytest.raises(ct.ReadOnlyError, match="readonly"):
        tl.add(Actor("new-company", "New Company", "company"))
    assert dump(engine) == before
    engine.dispose()


def test_readonly_engine_refuses_raw_sql_writes(db_url: str) -> None:
    """Even raw SQL through ``tl.engine`` cannot write on a read-only timeline."""
    _fixture_db(db_url)
    with (
        ct.open(db_url, readonly=True) as tl,
        pytest.raises(Exception) as info,
        tl.engine.begin() as connection,
    ):
        connection.execute(s.actors.delete())
    assert "read" in str(info.value).lower()


def _make_readonly(folder: Path) -> Iterator[None]:
    """Make ``folder`` read-only: remount its tmpfs as root, else drop write permission."""
    if os.geteuid() == 0:
        subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
        yield
    else:
        folder.chmod(0o555)
        for f in folder.iterdir():
            f.chmod(0o444)
        try:
            yield
        finally:
            folder.chmod(0o755)


@contextmanager
def _readonly_folder_with_database(tmp_path: Path) -> Iterator[str]:
    folder = tmp_path / "ro"
    if os.geteuid() == 0:
        with _mounted(folder, "size=8m"):
            url = f"sqlite:///{folder / 'tl.db'}"
            _fixture_db(url)
            yield from _with_readonly(folder, url)
    else:
        folder.mkdir()
        url = f"sqlite:///{folder / 'tl.db'}"
        _fixture_db(url)
        yield from _with_readonly(folder, url)


def _with_readonly(folder: Path, url: str) -> Iterator[str]:
    for _ in _make_readonly(folder):
        yield url


def test_readonly_filesystem_refuses_a_writable_open_with_advice(tmp_path: Path) -> None:
    """readonly-filesystem: opening for writing says to use readonly=True."""
    with (
        _readonly_folder_with_database(tmp_path) as url,
        pytest.raises(ct.DatabaseError, match="readonly=True"),
    ):
        ct.open(url, seed=False)


def test_readonly_filesystem_is_readable_with_readonly(tmp_path: Path) -> None:
    """A database on a read-only file system (WAL journal included) opens with readonly=True."""
    with _readonly_folder_with_database(tmp_path) as url, ct.open(url, readonly=True) as tl:
        assert "pit-one-fire-2023" in tl.events(kind="accident").ids


# ------------------------------------------------------------------ schema versions


def test_newer_schema_is_refused(db_url: str) -> None:
    """schema-newer: a database stamped with an unknown revision says to upgrade catimeline."""
    ct.open(db_url, seed=False).close()
    _stamp(db_url, "f00dfacef00d")
    with pytest.raises(ct.MigrationError, match="upgrade the catimeline package"):
        ct.open(db_url, seed=False)


def test_newer_schema_is_left_untouched(db_url: str) -> None:
    """Refusing a newer schema changes nothing in the database."""
    _fixture_db(db_url)
    _stamp(db_url, "f00dfacef00d")
    engine = create_engine(db_url)
    before = dump(engine)
    with pytest.raises(ct.MigrationError):
        ct.open(db_url)
    assert dump(engine) == before
    engine.dispose()


def test_newer_schema_is_refused_read_only_too(db_url: str) -> None:
    """schema-newer-readonly: read-only open of a newer schema raises MigrationError too."""
    ct.open(db_url, seed=False).close()
    _stamp(db_url, "f00dfacef00d")
    with pytest.raises(ct.MigrationError, match="does not know"):
        ct.open(db_url, readonly=True)


def test_upgrade_to_an_unknown_revision_is_refused(db_url: str) -> None:
    """schema-unknown-revision: upgrading to a revision that does not exist is a MigrationError."""
    with (
        ct.open(db_url, migrate=False, seed=False) as tl,
        pytest.raises(ct.MigrationError, match="cannot upgrade to 'nosuchrev'"),
    ):
        migrate.upgrade(tl.engine, "nosuchrev")


# ------------------------------------------------------------------ full disk


def _actors(n: int, size: int) -> list[Actor]:
    return [
        Actor(f"filler-{i}", f"Filler {i}", "company", description="x" * size) for i in range(n)
    ]


def _count_actors(url: str) -> int:
    engine = create_engine(url)
    with engine.connect() as connection:
        n = connection.execute(select(func.count()).select_from(s.actors)).scalar_one()
    engine.dispose()
    return int(n)


def test_full_disk_write_is_a_database_error_and_writes_nothing(tmp_path: Path) -> None:
    """full-disk: on a tiny file system, add() raises DatabaseError and no row is written."""
    folder = tmp_path / "tiny"
    with _mounted(folder, "size=2m"):
        url = f"sqlite:///{folder / 'tl.db'}"
        _fixture_db(url)
        before = _count_actors(url)
        with (
            ct.open(url, seed=False) as tl,
            pytest.raises(ct.DatabaseError, match="free some space"),
        ):
            tl.add(_actors(3000, 2000))
        assert _count_actors(url) == before


def test_full_disk_leaves_the_database_usable(tmp_path: Path) -> None:
    """After a failed write on a full disk, the same file still answers queries."""
    folder = tmp_path / "tiny"
    with _mounted(folder, "size=2m"):
        url = f"sqlite:///{folder / 'tl.db'}"
        _fixture_db(url)
        with ct.open(url, seed=False) as tl:
            with pytest.raises(ct.DatabaseError):
                tl.add(_actors(3000, 2000))
            assert "pit-one-fire-2023" in tl.events().ids


_FSIZE_CHILD = textwrap.dedent(
    """
    import resource, signal, sys
    import catimeline as ct
    from catimeline._model import Actor
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    limit = int(sys.argv[2])
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    tl = ct.open(sys.argv[1], seed=False)
    try:
        tl.add([Actor(f"filler-{i}", f"Filler {i}", "company", description="x" * 2000)
                for i in range(3000)])
    except ct.CatimelineError as exc:
        print(type(exc).__name__, exc)
    """
)


def test_file_size_limit_is_a_database_error_and_writes_nothing(tmp_path: Path) -> None:
    """full-disk-file-size-limit: writes beyond RLIMIT_FSIZE raise DatabaseError, write nothing."""
    url = f"sqlite:///{tmp_path / 'tl.db'}"
    _fixture_db(url)
    before = _count_actors(url)
    limit = (tmp_path / "tl.db").stat().st_size + 256 * 1024
    done = subprocess.run(
        [sys.executable, "-c", _FSIZE_CHILD, url, str(limit)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.stdout.startswith("DatabaseError"), done.stdout + done.stderr
    assert "free some space" in done.stdout
    assert _count_actors(url) == before
