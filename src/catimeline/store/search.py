"""Full-text search over events: the database's own index where it has one.

Migration 0003 builds a GIN index over a ``tsvector`` on Postgres and an FTS5
table on SQLite; :func:`event_words` turns the words of a ``text=`` filter into
a condition that uses them.  Words are matched as prefixes ("kostenk" finds
"Kostenko"), all words must occur, case and accents are folded, and the words
are reduced to ASCII letters and digits first, so nothing the user types can
reach the search syntax of either database.  Other databases fall back to a
case-insensitive substring match.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    ColumnElement,
    bindparam,
    false,
    func,
    literal_column,
    or_,
    select,
    text,
    union,
)

from catimeline.names import name_key
from catimeline.store import schema as s

#: The document Postgres indexes (must equal the expression of migration 0003's index).
PG_DOCUMENT = (
    "to_tsvector('simple', coalesce(ct_events.title, '') || ' ' || "
    "coalesce(ct_events.summary, '') || ' ' || coalesce(ct_events.notes, ''))"
)

#: Tables and indexes of the search that live outside the Core metadata.
SEARCH_NAMES = ("ct_events_fts", "ix_ct_events_fts")


def words_of(phrase: str) -> list[str]:
    """The search words of ``phrase``: ASCII letters and digits, lower case."""
    return name_key(phrase).split()


def event_words(dialect: str, phrase: str) -> ColumnElement[bool]:
    """Events whose title, summary or notes hold every word of ``phrase`` (as prefixes)."""
    words = words_of(phrase)
    if not words:
        return false()
    e = s.events.c
    if dialect == "postgresql":
        query = " & ".join(f"{w}:*" for w in words)
        return literal_column(PG_DOCUMENT).op("@@")(
            func.to_tsquery("simple", bindparam("fts_query", query))
        )
    if dialect == "sqlite":
        match = " AND ".join(f'"{w}"*' for w in words)
        hits = text("SELECT rowid FROM ct_events_fts WHERE ct_events_fts MATCH :fts_match")
        return literal_column("ct_events.rowid").in_(hits.bindparams(fts_match=match))
    needle = " ".join(words)
    columns: list[Any] = [e.title, e.summary, e.notes]
    return or_(*(func.lower(c).contains(needle, autoescape=True) for c in columns))


def events_with_text(dialect: str, phrase: str) -> ColumnElement[bool]:
    """Events whose words hold ``phrase`` (see :func:`event_words`) or whose participant
    has a name containing it.

    Written as one ``id IN (... UNION ...)`` so each side can use its own index (a
    plain OR of the two would make Postgres filter every row instead).
    """
    needle = name_key(phrase)
    if not needle:
        return false()
    ep, an = s.event_participants.c, s.actor_names.c
    by_words = select(s.events.c.id).where(event_words(dialect, phrase))
    by_names = (
        select(ep.event_id)
        .join(s.actor_names, an.actor_id == ep.actor_id)
        .where(an.key.contains(needle, autoescape=True))
    )
    return s.events.c.id.in_(union(by_words, by_names))
