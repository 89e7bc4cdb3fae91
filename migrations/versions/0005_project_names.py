"""project names: aliases of projects, keyed like the names of actors and places

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-06 03:40:00

Projects had one name; "Kambarata HPP-1", "TITR" or "TAPI" found nothing.  This
revision adds ``ct_project_names`` (a project's current name as seq 0 of type
``name``, then its other names), fills it with the current name of every
existing project.  The seeds' other names arrive with the next seeding (the seed
fingerprint includes the loader's version, which changed with this revision);
user rows keep their current name.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    from catimeline.names import name_key

    names = op.create_table(
        "ct_project_names",
        sa.Column("project_id", sa.String(length=120), nullable=False),
        sa.Column("seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("key", sa.String(length=255), nullable=False),
        sa.Column("type", sa.String(length=60), nullable=False),
        sa.Column("since", sa.String(length=60), nullable=True),
        sa.Column("until", sa.String(length=60), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["ct_projects.id"],
            name=op.f("fk_ct_project_names_project_id_ct_projects"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("project_id", "seq", name=op.f("pk_ct_project_names")),
    )
    with op.batch_alter_table("ct_project_names", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_ct_project_names_key"), ["key"], unique=False)
    connection = op.get_bind()
    projects = sa.table("ct_projects", sa.column("id"), sa.column("name"))
    rows = [
        {"project_id": r.id, "seq": 0, "name": r.name, "key": name_key(r.name), "type": "name"}
        for r in connection.execute(sa.select(projects.c.id, projects.c.name))
    ]
    if rows:
        op.bulk_insert(names, rows)


def downgrade() -> None:
    """Revert this revision (projects keep their current name; other names are dropped)."""
    with op.batch_alter_table("ct_project_names", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ct_project_names_key"))
    op.drop_table("ct_project_names")
