"""covering indexes for the events of an actor or a place

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 08:00:00

The actor and place filters look up the events of some actors (or places) in
``ct_event_participants`` (``ct_event_places``).  An index on ``actor_id``
alone sends every hit back to the table for its ``event_id``; an index on
``(actor_id, event_id)`` answers from the index.  It also serves every lookup
the single-column index served, so that one goes.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    with op.batch_alter_table("ct_event_participants", schema=None) as batch_op:
        batch_op.create_index(
            "ix_ct_event_participants_actor_event", ["actor_id", "event_id"], unique=False
        )
        batch_op.drop_index("ix_ct_event_participants_actor_id")
    with op.batch_alter_table("ct_event_places", schema=None) as batch_op:
        batch_op.create_index(
            "ix_ct_event_places_place_event", ["place_id", "event_id"], unique=False
        )
        batch_op.drop_index("ix_ct_event_places_place_id")


def downgrade() -> None:
    """Revert this revision."""
    with op.batch_alter_table("ct_event_places", schema=None) as batch_op:
        batch_op.create_index("ix_ct_event_places_place_id", ["place_id"], unique=False)
        batch_op.drop_index("ix_ct_event_places_place_event")
    with op.batch_alter_table("ct_event_participants", schema=None) as batch_op:
        batch_op.create_index("ix_ct_event_participants_actor_id", ["actor_id"], unique=False)
        batch_op.drop_index("ix_ct_event_participants_actor_event")
