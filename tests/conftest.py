"""Shared fixtures: every database test runs on an SQLite file and, when
``CATIMELINE_TEST_POSTGRES_URL`` is set (always in CI), on Postgres.

Each Postgres test gets its own schema (selected through ``search_path``), so
tests never see each other's tables and no database has to be created per test.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, make_url, text

import catimeline as ct
from catimeline._seeds import seed_if_changed

FIXTURES = Path(__file__).parent / "fixtures"
FIXTURE_SEEDS = FIXTURES / "seeds"
FIXTURE_DOCUMENTS = FIXTURES / "documents"
POSTGRES_URL = os.environ.get("CATIMELINE_TEST_POSTGRES_URL")
BACKENDS = [
    "sqlite",
    pytest.param(
        "postgres",
        marks=[
            pytest.mark.postgres,
            pytest.mark.skipif(not POSTGRES_URL, reason="CATIMELINE_TEST_POSTGRES_URL is not set"),
        ],
    ),
]


def postgres_schema_url(name: str) -> str:
    """A fresh, empty schema in the test Postgres database, and a URL that uses it."""
    assert POSTGRES_URL is not None
    engine = create_engine(POSTGRES_URL)
    with engine.begin() as connection:
        connection.execute(text(f'DROP SCHEMA IF EXISTS "{name}" CASCADE'))
        connection.execute(text(f'CREATE SCHEMA "{name}"'))
    engine.dispose()
    url = make_url(POSTGRES_URL).update_query_dict({"options": f"-csearch_path={name}"})
    return url.render_as_string(hide_password=False)


def drop_postgres_schema(name: str) -> None:
    """Remove a schema made by :func:`postgres_schema_url`."""
    assert POSTGRES_URL is not None
    engine = create_engine(POSTGRES_URL)
    with engine.begin() as connection:
        connection.execute(text(f'DROP SCHEMA IF EXISTS "{name}" CASCADE'))
    engine.dispose()


def _fresh_url(backend: str, folder: Path) -> Iterator[str]:
    if backend == "sqlite":
        yield f"sqlite:///{folder / 'test.db'}"
        return
    name = f"t_{uuid.uuid4().hex[:12]}"
    try:
        yield postgres_schema_url(name)
    finally:
        drop_postgres_schema(name)


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The URL of an empty database, once per backend."""
    yield from _fresh_url(request.param, tmp_path)


@pytest.fixture
def empty_timeline(db_url: str) -> Iterator[ct.Timeline]:
    """A migrated timeline without any data."""
    with ct.open(db_url, seed=False) as tl:
        yield tl


@pytest.fixture
def fixture_timeline(db_url: str) -> Iterator[ct.Timeline]:
    """A timeline holding the small test fixture (tests/fixtures/seeds), per test."""
    with ct.open(db_url, seed=False) as tl:
        seed_if_changed(tl.engine, FIXTURE_SEEDS, documents=FIXTURE_DOCUMENTS)
        yield tl


@pytest.fixture(scope="module", params=BACKENDS)
def curated(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[ct.Timeline]:
    """The bundled seeds loaded once per module and backend, for tests that only read."""
    folder = tmp_path_factory.mktemp("curated")
    for url in _fresh_url(request.param, folder):
        with ct.open(url) as tl:
            yield tl


@pytest.fixture(scope="module", params=BACKENDS)
def fx(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[ct.Timeline]:
    """The test fixture loaded once per module and backend, for tests that only read."""
    folder = tmp_path_factory.mktemp("fx")
    for url in _fresh_url(request.param, folder):
        with ct.open(url, seed=False) as tl:
            seed_if_changed(tl.engine, FIXTURE_SEEDS, documents=FIXTURE_DOCUMENTS)
            yield tl
