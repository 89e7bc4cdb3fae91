"""full-text search over event titles, summaries and notes

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 08:20:00

Postgres gets a GIN index over ``to_tsvector('simple', title || summary || notes)``,
which ``text=`` queries use through the same expression.  SQLite gets an FTS5
table that indexes the same columns of ``ct_events`` (external content, kept
in step by triggers).  The ``simple`` configuration and FTS5's default
tokenizer both split on non-alphanumerics and fold case without stemming, so a
word matches the same events on both databases.

The FTS5 table follows ``ct_events`` by rowid: a later batch migration that rebuilds
``ct_events`` on SQLite must end by rebuilding the search table
(``INSERT INTO ct_events_fts(ct_events_fts) VALUES ('rebuild')``).
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

PG_DOCUMENT = (
    "to_tsvector('simple', coalesce(title, '') || ' ' || coalesce(summary, '') "
    "|| ' ' || coalesce(notes, ''))"
)

SQLITE_UP = [
    """CREATE VIRTUAL TABLE ct_events_fts USING fts5(
        title, summary, notes, content='ct_events', content_rowid='rowid',
        tokenize='unicode61 remove_diacritics 2')""",
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
    "INSERT INTO ct_events_fts(ct_events_fts) VALUES ('rebuild')",
]

SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS ct_events_fts_update",
    "DROP TRIGGER IF EXISTS ct_events_fts_delete",
    "DROP TRIGGER IF EXISTS ct_events_fts_insert",
    "DROP TABLE IF EXISTS ct_events_fts",
]


def upgrade() -> None:
    """Apply this revision."""
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"CREATE INDEX ix_ct_events_fts ON ct_events USING gin ({PG_DOCUMENT})")
    elif op.get_bind().dialect.name == "sqlite":
        for statement in SQLITE_UP:
            op.execute(statement)


def downgrade() -> None:
    """Revert this revision."""
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_ct_events_fts")
    elif op.get_bind().dialect.name == "sqlite":
        for statement in SQLITE_DOWN:
            op.execute(statement)
