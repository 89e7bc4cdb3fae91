"""docs/vocabulary.md lists every word of every controlled vocabulary."""

from __future__ import annotations

from pathlib import Path

from catimeline import vocabulary as v

PAGE = (Path(__file__).resolve().parents[1] / "docs" / "vocabulary.md").read_text(encoding="utf-8")


def test_every_word_is_documented() -> None:
    """Each kind, group, role, cause, status and other vocabulary word appears on the page."""
    words = [
        *v.KIND_GROUPS,
        *v.READER_GROUPS,
        *v.EVENT_KINDS,
        *v.ROLES,
        *v.CAUSES,
        *v.STATUSES,
        *v.ACTOR_KINDS,
        *v.PLACE_KINDS,
        *v.DATE_HOW,
        *v.NAME_TYPES,
        *v.RELATION_TYPES,
    ]
    missing = [w for w in words if f"`{w}`" not in PAGE]
    assert missing == []
