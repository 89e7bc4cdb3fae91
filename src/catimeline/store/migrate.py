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

from catimeline.errors import MigrationError
from catimeline.resources import migrations_dir
from catimeline.store.schema import PREFIX

if TYPE_CHECKING:
    from alembic.config import Config

VERSION_TABLE = f"{PREFIX}alembic_version"


def _config(connection: Connection | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


@contextmanager
def _connected(engine: Engine) -> Iterator[Config]:
    with engine.begin() as connection:
        yield _config(connection)


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the schema up to ``revision`` (default: the newest)."""
    from alembic import command
    from alembic.util import CommandError

    try:
        with _connected(engine) as config:
            command.upgrade(config, revision)
    except CommandError as exc:
        raise MigrationError(f"cannot upgrade to {revision!r}: {exc}") from exc


def downgrade(engine: Engine, revision: str) -> None:
    """Take the schema down to ``revision`` (``base`` removes every catimeline table)."""
    from alembic import command
    from alembic.util import CommandError

    try:
        with _connected(engine) as config:
            command.downgrade(config, revision)
    except CommandError as exc:
        raise MigrationError(f"cannot downgrade to {revision!r}: {exc}") from exc


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

    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"version_table": VERSION_TABLE})
        return context.get_current_revision()


def check(engine: Engine) -> list[Any]:
    """Differences between the tables in code and the database; empty when they agree.

    Only catimeline's own tables are compared.  Raises :class:`MigrationError`
    when the database is not at the newest revision.
    """
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from catimeline.store.schema import metadata

    at = current(engine)
    if at not in heads():
        raise MigrationError(
            f"the database is at revision {at!r}, not at head {heads()!r}: "
            "run `catimeline db upgrade`"
        )
    with engine.connect() as connection:
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
    """Alembic filter: compare only catimeline's tables, never the user's."""
    if type_ == "table":
        return name is not None and name.startswith(PREFIX) and name != VERSION_TABLE
    return True


def ensure_current(engine: Engine) -> None:
    """Upgrade to head, or refuse a database whose schema is newer than this library."""
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
