"""Schema migrations, driven from code.  Alembic is imported here only, lazily.

catimeline keeps its own version table (:data:`VERSION_TABLE`), compares and
touches only its own ``ct_`` tables, and runs SQLite migrations in batch mode,
so it can live in a database that other programs use too.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, inspect

from catimeline._errors import MigrationError
from catimeline._resources import migrations_dir
from catimeline._store.failures import translated
from catimeline._store.schema import PREFIX

if TYPE_CHECKING:
    from alembic.config import Config

VERSION_TABLE = f"{PREFIX}alembic_version"
#: The newest bundled revision, known without Alembic (a test keeps it equal to :func:`heads`).
HEAD = "0006"


def _config(connection: Connection | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


@contextmanager
def _connected(engine: Engine) -> Iterator[Config]:
    from catimeline._store.sqlite import for_writing

    with for_writing(engine).connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            # Batch mode rebuilds a table by copy, drop and rename; with foreign keys on,
            # the drop would cascade into child tables.  They are off for the migration
            # (set on the driver connection: the pragma is ignored inside a transaction)
            # and checked before the commit instead.
            _sqlite_pragma(connection, "PRAGMA foreign_keys=OFF")
        try:
            with connection.begin():
                yield _config(connection)
                if sqlite:
                    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if broken:
                        raise MigrationError(
                            f"the migration left {len(broken)} rows pointing at missing rows "
                            f"(first: {tuple(broken[0])}); it was rolled back"
                        )
        finally:
            if sqlite:
                _sqlite_pragma(connection, "PRAGMA foreign_keys=ON")


def _sqlite_pragma(connection: Connection, pragma: str) -> None:
    dbapi = connection.connection.dbapi_connection
    assert dbapi is not None
    dbapi.execute(pragma)


def _run(engine: Engine, direction: str, revision: str) -> None:
    """Run Alembic's upgrade or downgrade in one transaction, with our errors."""
    from alembic import command
    from alembic.util import CommandError

    rows = _recorded(engine) or []
    if len(rows) > 1:
        raise _several_rows(rows)
    try:
        with _connected(engine) as config:
            getattr(command, direction)(config, revision)
    except CommandError as exc:
        raise MigrationError(f"cannot {direction} to {revision!r}: {exc}") from exc
    except MigrationError:
        raise
    except Exception as exc:
        # A migration script failed: its transaction was rolled back, schema untouched.
        raise MigrationError(
            f"a migration failed while going to {revision!r} and was rolled back, "
            f"leaving the schema as it was ({type(exc).__name__}: {exc}); "
            "report it to the catimeline developers"
        ) from exc


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the schema up to ``revision`` (default: the newest)."""
    _run(engine, "upgrade", revision)


def downgrade(engine: Engine, revision: str) -> None:
    """Take the schema down to ``revision`` (``base`` removes every catimeline table)."""
    _run(engine, "downgrade", revision)


def heads() -> tuple[str, ...]:
    """The head revisions of the bundled migrations (one, unless history has branched)."""
    from alembic.script import ScriptDirectory

    return tuple(ScriptDirectory.from_config(_config()).get_heads())


def revisions() -> list[str]:
    """Every bundled revision, oldest first."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(_config())
    return [r.revision for r in reversed(list(script.walk_revisions()))]


def current(engine: Engine) -> str | None:
    """The revision the database is at, or None for a database without catimeline tables."""
    from alembic.runtime.migration import MigrationContext
    from alembic.util import CommandError

    with translated(engine, "read the schema of"), engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"version_table": VERSION_TABLE})
        try:
            return context.get_current_revision()
        except CommandError as exc:
            # The table holds several rows: one schema cannot be at two revisions.
            raise _several_rows(_recorded(engine) or []) from exc


def _several_rows(rows: list[str]) -> MigrationError:
    """The refusal of a version table holding more than one row."""
    return MigrationError(
        f"the version table {VERSION_TABLE} holds {len(rows)} rows "
        f"({', '.join(map(repr, rows))}) where a catimeline database has one: delete every "
        "row but the revision the schema is really at (`catimeline db check` compares the "
        "schema once one row is left), then try again"
    )


def check(engine: Engine) -> list[Any]:
    """Differences between the tables in code and the database; empty when they agree.

    Only catimeline's own tables are compared.  Raises :class:`MigrationError`
    when the database is not at the newest revision.
    """
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from catimeline._store.schema import metadata

    at = current(engine)
    if at not in heads():
        raise MigrationError(
            f"the database is at revision {at!r}, not at head {heads()!r}: "
            "run `catimeline db upgrade`"
        )
    with translated(engine, "read the schema of"), engine.connect() as connection:
        context = MigrationContext.configure(
            connection,
            opts={
                "version_table": VERSION_TABLE,
                "include_name": include_name,
                "compare_type": True,
            },
        )
        return list(compare_metadata(context, metadata))


def include_name(name: str | None, type_: str, parent_names: Any) -> bool:
    """Alembic filter: compare only catimeline's tables, never the user's.

    The full-text search of migration 0003 (an FTS5 table and its shadow tables on
    SQLite, an expression index on Postgres) lives outside the Core metadata.
    """
    from catimeline._store.search import SEARCH_NAMES

    if name is not None and name.startswith(SEARCH_NAMES):
        return False
    if type_ == "table":
        return name is not None and name.startswith(PREFIX) and name != VERSION_TABLE
    return True


def _recorded(engine: Engine) -> list[str] | None:
    """The revisions in the version table, read without Alembic; None without the table."""
    with translated(engine, "read the schema of"), engine.connect() as connection:
        if not inspect(connection).has_table(VERSION_TABLE):
            return None
        rows = connection.exec_driver_sql(f"SELECT version_num FROM {VERSION_TABLE}")
        return [str(row[0]) for row in rows]


def ensure_current(engine: Engine) -> None:
    """Upgrade to head, or refuse a database whose schema is newer than this library."""
    if _recorded(engine) == [HEAD]:
        # Already at head, the usual case: answered without importing Alembic (~0.3 s).
        return
    at = current(engine)
    known = set(revisions())
    if at is not None and at not in known:
        raise MigrationError(
            f"the database is at revision {at!r}, which this version of catimeline does not "
            "know: it was migrated by a newer catimeline; upgrade the catimeline package"
        )
    if at not in heads():
        upgrade(engine)


def has_tables(engine: Engine) -> bool:
    """Whether catimeline's tables exist in the database."""
    return VERSION_TABLE in inspect(engine).get_table_names()
