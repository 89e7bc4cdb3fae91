"""Several processes at once: first opens of one database, and concurrent writers, lose nothing.

Figures: PROCESSES processes open the same fresh database together (all trying
to migrate and seed); WRITERS processes each add WRITES actors, one transaction
per actor, while the others do the same.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import uuid
from functools import cache
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select, text

import catimeline as ct
from catimeline._resources import seeds_dir
from catimeline._seedfolder import SeedSet, digest_of
from catimeline._seedload import SEED_HASH_KEY, get_state
from catimeline._seeds import validate
from catimeline._store import schema as s
from tests.conftest import POSTGRES_URL, drop_postgres_schema, postgres_schema_url

PROCESSES = 5
WRITERS = 4
WRITES = 50

_OPENER = textwrap.dedent(
    """
    import os, sys, time
    import catimeline as ct
    go = sys.argv[1]
    while not os.path.exists(go):
        time.sleep(0.005)
    with ct.open() as tl:
        print(len(tl.events()))
    """
)

_WRITER = textwrap.dedent(
    """
    import os, sys, time
    import catimeline as ct
    from catimeline._model import Actor
    url, go, me, n = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    tl = ct.open(url, migrate=False, seed=False)
    while not os.path.exists(go):
        time.sleep(0.005)
    for i in range(n):
        tl.add(Actor(f"writer-{me}-{i}", f"Writer {me} number {i}", "company"))
        tl.actors(text=f"Writer {me}")
    tl.close()
    print("done")
    """
)


def _together(script: str, argvs: list[list[str]], go: Path, env: dict[str, str]) -> list[str]:
    """Start one process per argv, release them at once through ``go``, return their outputs."""
    children = [
        subprocess.Popen(
            [sys.executable, "-c", script, *argv],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for argv in argvs
    ]
    go.touch()
    outputs = []
    for child in children:
        out, err = child.communicate(timeout=300)
        assert child.returncode == 0, err
        assert err.strip() == "", err
        outputs.append(out.strip())
    return outputs


@cache
def _bundled() -> SeedSet:
    return validate()


def _expected_event_count() -> int:
    return len(_bundled().records("events"))


def _check_one_complete_copy(url: str) -> None:
    engine = create_engine(url)
    with engine.connect() as connection:
        assert get_state(connection, SEED_HASH_KEY) == digest_of(seeds_dir())
        for table, section in ((s.events, "events"), (s.actors, "actors"), (s.places, "places")):
            rows = connection.execute(select(func.count()).select_from(table)).scalar_one()
            assert rows == len(_bundled().records(section))
    engine.dispose()


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "CATIMELINE_URL"}
    env.update(extra)
    return env


def test_first_opens_of_the_default_database_at_once_make_one_copy(tmp_path: Path) -> None:
    """PROCESSES processes calling ct.open() on a fresh default SQLite file: no error, one copy."""
    env = _env(XDG_DATA_HOME=str(tmp_path / "data"))
    outputs = _together(_OPENER, [[str(tmp_path / "go")]] * PROCESSES, tmp_path / "go", env)
    assert outputs == [str(_expected_event_count())] * PROCESSES
    database = tmp_path / "data" / "catimeline" / "catimeline.db"
    _check_one_complete_copy(f"sqlite:///{database}")


@pytest.mark.postgres
@pytest.mark.skipif(not POSTGRES_URL, reason="CATIMELINE_TEST_POSTGRES_URL is not set")
def test_first_opens_of_a_fresh_postgres_schema_at_once_make_one_copy(tmp_path: Path) -> None:
    """PROCESSES processes opening one fresh Postgres schema together all succeed, one copy."""
    name = f"t_{uuid.uuid4().hex[:12]}"
    url = postgres_schema_url(name)
    try:
        env = _env(CATIMELINE_URL=url)
        outputs = _together(_OPENER, [[str(tmp_path / "go")]] * PROCESSES, tmp_path / "go", env)
        assert outputs == [str(_expected_event_count())] * PROCESSES
        _check_one_complete_copy(url)
    finally:
        drop_postgres_schema(name)


def test_sqlite_uses_write_ahead_logging(tmp_path: Path) -> None:
    """A writable SQLite timeline is in WAL mode, so readers and the writer do not block."""
    url = f"sqlite:///{tmp_path / 'tl.db'}"
    with ct.open(url, seed=False) as tl, tl.engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"


def test_concurrent_writers_lose_nothing(db_url: str, tmp_path: Path) -> None:
    """WRITERS processes adding WRITES actors each, one transaction per actor, lose no row."""
    ct.open(db_url, seed=False).close()
    argvs = [[db_url, str(tmp_path / "go"), str(w), str(WRITES)] for w in range(WRITERS)]
    outputs = _together(_WRITER, argvs, tmp_path / "go", _env())
    assert outputs == ["done"] * WRITERS
    engine = create_engine(db_url)
    with engine.connect() as connection:
        ids = {r.id for r in connection.execute(select(s.actors.c.id))}
    engine.dispose()
    assert ids == {f"writer-{w}-{i}" for w in range(WRITERS) for i in range(WRITES)}
