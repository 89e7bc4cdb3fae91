"""Large reads go straight to the driver's cursor, inside the connection's transaction:
the same rows as through SQLAlchemy, its errors and disconnect handling kept, and every
statement still seen by whoever listens for SQLAlchemy's cursor events."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import DBAPIError

import catimeline as ct
from catimeline._store import compiled
from tests.conftest import POSTGRES_URL, drop_postgres_schema, postgres_schema_url
from tests.helpers import statements

SQL = "SELECT id, date, kind FROM ct_events ORDER BY id"


def test_the_rows_are_those_sqlalchemy_returns_as_plain_tuples(fx: ct.Timeline) -> None:
    """fetch returns every row, in order, with the values exec_driver_sql gives, as tuples."""
    with fx.engine.connect() as connection:
        through_sqlalchemy = [tuple(r) for r in connection.exec_driver_sql(SQL).fetchall()]
        direct = compiled.fetch(connection, SQL, ())
    assert direct == through_sqlalchemy
    assert direct and all(type(r) is tuple for r in direct)


def test_a_read_begins_the_connections_transaction(fx: ct.Timeline) -> None:
    """A fetch on a connection with no transaction begins one, so the statements of one
    query read one snapshot, and closing the connection ends it."""
    with fx.engine.connect() as connection:
        assert not connection.in_transaction()
        compiled.fetch(connection, SQL, ())
        assert connection.in_transaction()


def test_listeners_see_every_statement_a_read_sends(fx: ct.Timeline) -> None:
    """With a before_cursor_execute listener on the engine, fetch's statement reaches it
    (tracing tools and statement-recording tests keep working)."""
    with statements(fx.engine) as seen, fx.engine.connect() as connection:
        rows = compiled.fetch(connection, SQL, ())
    assert SQL in [sql for sql, _ in seen]
    assert rows


def test_a_driver_error_is_raised_as_sqlalchemys_with_the_statement(fx: ct.Timeline) -> None:
    """A failing statement raises SQLAlchemy's DBAPIError carrying the SQL and the driver's
    own error, as exec_driver_sql would."""
    bad = "SELECT missing FROM no_such_table"
    with fx.engine.connect() as connection, pytest.raises(DBAPIError) as caught:
        compiled.fetch(connection, bad, ())
    assert caught.value.statement == bad
    assert caught.value.orig is not None
    assert "no_such_table" in str(caught.value.orig)
    assert not caught.value.connection_invalidated


def test_a_query_on_a_broken_database_raises_a_database_error(
    fixture_timeline: ct.Timeline,
) -> None:
    """An event query whose child rows cannot be read (a table gone) raises catimeline's
    DatabaseError, not the driver's exception."""
    with fixture_timeline.engine.begin() as connection:
        connection.execute(text("DROP TABLE ct_event_tags"))
    with pytest.raises(ct.DatabaseError, match="ct_event_tags"):
        fixture_timeline.events()


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A fresh Postgres schema (a server-side disconnect needs a server)."""
    name = f"drv_{uuid.uuid4().hex[:8]}"
    yield postgres_schema_url(name)
    drop_postgres_schema(name)


@pytest.mark.postgres
@pytest.mark.skipif(not POSTGRES_URL, reason="CATIMELINE_TEST_POSTGRES_URL is not set")
def test_a_lost_connection_is_invalidated_and_the_next_query_works(postgres_url: str) -> None:
    """When the server ends the session under a read, the error says the connection was
    invalidated, the pool drops it, and the next query gets a fresh one."""
    db_url = postgres_url
    with ct.open(db_url, seed=False) as tl:
        tl.add([ct.Actor("drv-co", "Driver Company", "company")])
        with tl.engine.connect() as connection:
            pid = connection.exec_driver_sql("SELECT pg_backend_pid()").scalar()
            killer = create_engine(db_url)
            with killer.begin() as other:
                other.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
            killer.dispose()
            with pytest.raises(DBAPIError) as caught:
                compiled.fetch(connection, "SELECT id FROM ct_actors", ())
        assert caught.value.connection_invalidated
        assert [a.id for a in tl.actors()] == ["drv-co"]
