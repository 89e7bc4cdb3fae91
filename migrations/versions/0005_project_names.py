"""project names; event words split alike on Postgres and SQLite

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-06 03:40:00

Projects had one name; "Kambarata HPP-1", "TITR" or "TAPI" found nothing.  This
revision adds ``ct_project_names`` (a project's current name as seq 0 of type
``name``, then its other names), fills it with the current name of every
existing project.  The seeds' other names arrive with the next seeding (the seed
fingerprint includes the loader's version, which changed with this revision);
user rows keep their current name.

On Postgres, the full-text index of revision 0003 is rebuilt over a document in
which case and accents are folded and every run of non-alphanumeric characters
is a space, so words split where SQLite's FTS5 tokenizer splits them: the
``simple`` parser read "COVID-19" as "covid" and the number "-19", so
``text="covid-19"`` found 1 event on Postgres and 15 on SQLite.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# Accented Latin letters and the letters they fold to (as SQLite's tokenizer folds them).
ACCENTED = "áàâäãåāăąçćčďéèêëēėęěğíìîïīįıłńñňóòôöõøōőřśšşťúùûüūůűųýÿźžżə"
UNACCENTED = "aaaaaaaaacccdeeeeeeeegiiiiiiilnnnoooooooorssstuuuuuuuuyyzzze"
OLD_DOCUMENT = (
    "to_tsvector('simple', coalesce(title, '') || ' ' || coalesce(summary, '') "
    "|| ' ' || coalesce(notes, ''))"
)
NEW_DOCUMENT = (
    "to_tsvector('simple', regexp_replace(translate(lower("
    "coalesce(title, '') || ' ' || coalesce(summary, '') || ' ' || coalesce(notes, '')), "
    f"'{ACCENTED}', '{UNACCENTED}'), '[^[:alnum:]]+', ' ', 'g'))"
)

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    from catimeline._names import name_key

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
    if connection.dialect.name == "postgresql":
        _search_index(NEW_DOCUMENT)


def _search_index(document: str) -> None:
    op.execute("DROP INDEX IF EXISTS ix_ct_events_fts")
    op.execute(f"CREATE INDEX ix_ct_events_fts ON ct_events USING gin ({document})")


def downgrade() -> None:
    """Revert this revision (projects keep their current name; other names are dropped)."""
    if op.get_bind().dialect.name == "postgresql":
        _search_index(OLD_DOCUMENT)
    with op.batch_alter_table("ct_project_names", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ct_project_names_key"))
    op.drop_table("ct_project_names")
