"""user data survives seeding: no cascading references, sources' URLs, redirects

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-06 03:00:00

Every reference from one record to another (an event's places, participants,
project, facility and operator; a place's parent and operators; an actor's
relations; a project's places and participants; every citation's source) was
``ON DELETE CASCADE`` or ``SET NULL``: deleting a seed row silently stripped the
links of the user's rows that pointed at it.  They become ``RESTRICT``: a row
others point at cannot be deleted, and catimeline checks first and says which
records depend on it.  Only the rule changes; every row is kept as it is.

``ct_sources.url`` holds a source's web address; ``ct_redirects`` maps an id
merged into another record to the one that survived.

On SQLite a foreign key's rule can only change by rebuilding its table (batch
mode).  Rebuilding ``ct_events`` drops the triggers that keep its full-text table
in step and gives its rows new rowids, so both are made again at the end
(revision 0003's triggers, then a ``rebuild`` of the search table).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: (table, column, referred table, the rule before this revision)
REFERENCES: tuple[tuple[str, str, str, str], ...] = (
    ("ct_places", "parent_id", "ct_places", "SET NULL"),
    ("ct_events", "project_id", "ct_projects", "SET NULL"),
    ("ct_events", "facility_id", "ct_places", "SET NULL"),
    ("ct_events", "operator_id", "ct_actors", "SET NULL"),
    ("ct_actor_relations", "other_id", "ct_actors", "CASCADE"),
    ("ct_place_operators", "actor_id", "ct_actors", "CASCADE"),
    ("ct_event_places", "place_id", "ct_places", "CASCADE"),
    ("ct_event_participants", "actor_id", "ct_actors", "CASCADE"),
    ("ct_project_places", "place_id", "ct_places", "CASCADE"),
    ("ct_project_participants", "actor_id", "ct_actors", "CASCADE"),
    ("ct_citations", "source_id", "ct_sources", "CASCADE"),
)

FTS_TRIGGERS = [
    """CREATE TRIGGER ct_events_fts_insert AFTER INSERT ON ct_events BEGIN
        INSERT INTO ct_events_fts(rowid, title, summary, notes)
        VALUES (new.rowid, new.title, new.summary, new.notes);
    END""",
    """CREATE TRIGGER ct_events_fts_delete AFTER DELETE ON ct_events BEGIN
        INSERT INTO ct_events_fts(ct_events_fts, rowid, title, summary, notes)
        VALUES ('delete', old.rowid, old.title, old.summary, old.notes);
    END""",
    """CREATE TRIGGER ct_events_fts_update AFTER UPDATE ON ct_events BEGIN
        INSERT INTO ct_events_fts(ct_events_fts, rowid, title, summary, notes)
        VALUES ('delete', old.rowid, old.title, old.summary, old.notes);
        INSERT INTO ct_events_fts(rowid, title, summary, notes)
        VALUES (new.rowid, new.title, new.summary, new.notes);
    END""",
]


def _rules(new_rule: str | None) -> None:
    """Give every reference of :data:`REFERENCES` ``new_rule`` (None: its old rule)."""
    tables = dict.fromkeys(table for table, *_ in REFERENCES)
    for table in tables:
        with op.batch_alter_table(table, schema=None) as batch_op:
            for name, column, referred, old_rule in REFERENCES:
                if name != table:
                    continue
                fk = f"fk_{table}_{column}_{referred}"
                batch_op.drop_constraint(fk, type_="foreignkey")
                batch_op.create_foreign_key(
                    fk, referred, [column], ["id"], ondelete=new_rule or old_rule
                )
    if op.get_bind().dialect.name == "sqlite":
        # ct_events was rebuilt: its search triggers went with the old table.
        for trigger in ("insert", "delete", "update"):
            op.execute(f"DROP TRIGGER IF EXISTS ct_events_fts_{trigger}")
        for statement in FTS_TRIGGERS:
            op.execute(statement)
        op.execute("INSERT INTO ct_events_fts(ct_events_fts) VALUES ('rebuild')")


def upgrade() -> None:
    """Apply this revision."""
    op.add_column("ct_sources", sa.Column("url", sa.String(length=2048), nullable=True))
    op.create_table(
        "ct_redirects",
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("old_id", sa.String(length=120), nullable=False),
        sa.Column("new_id", sa.String(length=120), nullable=False),
        sa.PrimaryKeyConstraint("kind", "old_id", name=op.f("pk_ct_redirects")),
    )
    op.create_index(op.f("ix_ct_redirects_new_id"), "ct_redirects", ["new_id"], unique=False)
    _rules("RESTRICT")


def downgrade() -> None:
    """Revert this revision."""
    _rules(None)
    op.drop_index(op.f("ix_ct_redirects_new_id"), table_name="ct_redirects")
    op.drop_table("ct_redirects")
    with op.batch_alter_table("ct_sources", schema=None) as batch_op:
        batch_op.drop_column("url")
