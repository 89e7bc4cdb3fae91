"""Full-text search over events: the database's own index where it has one.

Migrations 0003 and 0005 build a GIN index over a ``tsvector`` on Postgres and an FTS5
table on SQLite; :func:`events_with_text` is a condition that uses them, and
:func:`text_params` turns the words of a ``text=`` filter into its parameters.
Words are matched as prefixes ("kostenk" finds "Kostenko"), all words must
occur, case and accents are folded, text is split into words at the same
characters on both databases (see :data:`PG_DOCUMENT`), and the words of a
query are reduced to ASCII letters and digits first, so nothing the user types
can reach the search syntax of either database.  Other databases fall back to a
case-insensitive substring match.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    ColumnElement,
    String,
    bindparam,
    func,
    literal_column,
    or_,
    select,
    text,
    union,
)

from catimeline._names import name_key
from catimeline._store import schema as s

#: Accented Latin letters and the letters they fold to, as SQLite's tokenizer
#: (``remove_diacritics 2``) and :func:`catimeline._names.name_key` fold them.
ACCENTED = "áàâäãåāăąçćčďéèêëēėęěğíìîïīįıłńñňóòôöõøōőřśšşťúùûüūůűųýÿźžżə"
UNACCENTED = "aaaaaaaaacccdeeeeeeeegiiiiiiilnnnoooooooorssstuuuuuuuuyyzzze"

#: The document Postgres indexes (must equal the expression of migration 0005's index).
#: Case and accents are folded and every run of characters other than letters and
#: digits becomes a space before the ``simple`` parser sees the text, so it splits
#: words exactly where SQLite's tokenizer does ("COVID-19" is "covid" and "19", never
#: the signed number "-19"; "2.5" is "2" and "5").
PG_DOCUMENT = (
    "to_tsvector('simple', regexp_replace(translate(lower("
    "coalesce(ct_events.title, '') || ' ' || coalesce(ct_events.summary, '') || ' ' || "
    f"coalesce(ct_events.notes, '')), '{ACCENTED}', '{UNACCENTED}'), "
    "'[^[:alnum:]]+', ' ', 'g'))"
)

#: SQLite's full-text table, and the trigger that indexes each new event (migration 0003).
FTS_TABLE = "ct_events_fts"
FTS_INSERT_TRIGGER = "ct_events_fts_insert"
#: Tables and indexes of the search that live outside the Core metadata.
SEARCH_NAMES = (FTS_TABLE, "ix_ct_events_fts")


def words_of(phrase: str) -> list[str]:
    """The search words of ``phrase``: ASCII letters and digits, lower case."""
    return name_key(phrase).split()


def word_start(column: Any) -> Any:
    """``' ' || column``: a value in which every word, the first too, follows a space, so
    :func:`like_word_start` finds words by their beginning."""
    return literal_column("' '").concat(column)


def like_word_start(text: str) -> str:
    """A LIKE pattern (escape ``/``) for a :func:`word_start` value holding ``text`` at the
    beginning of a word ("ppe" is not found in "copper"; "covid" is in "covid 19")."""
    return like_contains(f" {text}")


def like_contains(text: str) -> str:
    """A LIKE pattern (escape character ``/``) matching any value that contains ``text``."""
    escaped = text.replace("/", "//").replace("%", "/%").replace("_", "/_")
    return f"%{escaped}%"


def text_params(dialect: str, phrase: str) -> dict[str, str] | None:
    """The values of the parameters of :func:`events_with_text` for ``phrase``, or None
    when ``phrase`` has no letters or digits (and so matches nothing)."""
    words = words_of(phrase)
    if not words:
        return None
    if dialect == "postgresql":
        fts = " & ".join(f"{w}:*" for w in words)
    elif dialect == "sqlite":
        fts = " AND ".join(f'"{w}"*' for w in words)
    else:
        fts = like_contains(" ".join(words))
    return {"fts": fts, "name_like": like_word_start(name_key(phrase))}


def event_words(dialect: str) -> ColumnElement[bool]:
    """Events whose title, summary or notes hold every search word (as prefixes).

    The words arrive in the bound parameter ``fts`` (see :func:`text_params`): a
    ``tsquery`` on Postgres, an FTS5 query on SQLite, a LIKE pattern elsewhere.
    """
    e = s.events.c
    fts = bindparam("fts", type_=String)
    if dialect == "postgresql":
        return literal_column(PG_DOCUMENT).op("@@")(func.to_tsquery("simple", fts))
    if dialect == "sqlite":
        hits = text(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :fts")
        return literal_column("ct_events.rowid").in_(hits.bindparams(fts))
    columns: list[Any] = [e.title, e.summary, e.notes]
    return or_(*(func.lower(c).like(fts, escape="/") for c in columns))


def events_with_text(dialect: str) -> ColumnElement[bool]:
    """Events whose words hold the search words (see :func:`event_words`), or where the
    phrase (parameter ``name_like``, folded as names are) begins at a word of a
    participant's name, of one of the event's tags, or of a name of the event's project.

    Written as one ``id IN (... UNION ...)`` so each side can use its own index (a
    plain OR of them would make Postgres filter every row instead).  The
    condition takes its values as parameters (:func:`text_params`), so a query
    compiled once serves every phrase.
    """
    e, ep, an = s.events.c, s.event_participants.c, s.actor_names.c
    tags, pn = s.event_tags.c, s.project_names.c
    name_like = bindparam("name_like", type_=String)
    by_words = select(e.id).where(event_words(dialect))
    by_names = (
        select(ep.event_id)
        .join(s.actor_names, an.actor_id == ep.actor_id)
        .where(word_start(an.key).like(name_like, escape="/"))
    )
    # Tags are slugs ("russia-ukraine-war"): their hyphens are the spaces of a name key.
    words_of_tag = func.replace(tags.tag, literal_column("'-'"), literal_column("' '"))
    by_tags = select(tags.event_id).where(word_start(words_of_tag).like(name_like, escape="/"))
    by_project = (
        select(e.id)
        .join(s.project_names, pn.project_id == e.project_id)
        .where(word_start(pn.key).like(name_like, escape="/"))
    )
    return e.id.in_(union(by_words, by_names, by_tags, by_project))
