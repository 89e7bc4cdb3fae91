"""Alembic environment for catimeline: run from code (catimeline._store.migrate) or the CLI.

The connection comes from the caller (``config.attributes["connection"]``); the
version table is catimeline's own; only ``ct_`` tables are compared; SQLite
runs in batch mode so ALTERs become copy-and-move.
"""

from __future__ import annotations

from alembic import context

from catimeline._store.migrate import VERSION_TABLE, include_name
from catimeline._store.schema import metadata

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run catimeline migrations through `catimeline db` or catimeline.migrate")

context.configure(
    connection=connection,
    target_metadata=metadata,
    version_table=VERSION_TABLE,
    include_name=include_name,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)

with context.begin_transaction():
    context.run_migrations()
