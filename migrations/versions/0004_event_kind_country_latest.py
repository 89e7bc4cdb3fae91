"""indexes for "kind since" and "country since" event queries

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29 19:00:00

An event matches ``since=X`` (the default ``overlaps`` mode) when its ``latest``
bound is on or after X.  The kind and country filters had indexes on
``(kind, earliest)`` and ``(country, earliest)`` only, which bound ``earliest``:
"accidents since 2029" read every accident of the table and kept the few whose
``latest`` passed (56 ms at a million events, 418 ms for a country).  These
indexes lead with the same column and then ``latest``, so the date becomes a
range seek (1.4 ms and 6.7 ms); ``earliest`` comes third so an ``until`` bound is
checked in the index too.  The ``earliest`` indexes stay: they give newest-first
pages (``order="-date", limit=...``) in index order, and serve ``until``.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    op.create_index("ix_ct_events_kind_latest", "ct_events", ["kind", "latest", "earliest"])
    op.create_index("ix_ct_events_country_latest", "ct_events", ["country", "latest", "earliest"])


def downgrade() -> None:
    """Revert this revision."""
    op.drop_index("ix_ct_events_country_latest", table_name="ct_events")
    op.drop_index("ix_ct_events_kind_latest", table_name="ct_events")
