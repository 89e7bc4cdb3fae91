"""Reading a question's words: names through the resolver, then kinds, causes, topics,
targets and how each name is used (where something happened, or who took part).

Names are tried longest first (six words down to one) through
:meth:`catimeline._query.resolver.Resolver.named`, so ask() never reads a name table
itself.  A phrase that names a project is the project; one that names a place and
an actor is the place (a capital is the city, never the state); one that names a
country place is the country filter, unless the question makes it a participant
("between Kazakhstan and China", "by Kyrgyzstan and China", "against Russia").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import attrs

from catimeline._ask import words as w
from catimeline._errors import AmbiguousName, QueryError, UnknownName
from catimeline._query.checks import suggest
from catimeline._query.resolver import Named, Resolver
from catimeline._similar import likeness

#: The longest name tried, in words.
LONGEST_NAME = 6
#: How close (0-100, rapidfuzz ratio to one of its words) a name must be to be offered.
NEAR = 75
#: What a refusal offers as working forms.
FORMS = (
    "'AMT accidents since 2021', 'agreements between Kazakhstan and China', "
    "'Chinese loans to Kyrgyzstan', 'deadliest mine accidents', 'how many protests in "
    "Kazakhstan', 'railway projects in Kazakhstan', or a quoted phrase for a text search "
    "('events mentioning \"Gwadar\"')"
)
_TOKEN = re.compile(r"\"[^\"]+\"|;|[^\W_](?:[\w.&'\u2019-]*[\w])?", re.UNICODE)


@attrs.frozen
class Token:
    """One word of the question, as typed, and whether it ended in a possessive 's."""

    text: str
    possessive: bool = False

    @property
    def low(self) -> str:
        """The word in lower case."""
        return self.text.lower()


def tokens(text: str) -> list[Token]:
    """The words (and ';' separators, and quoted phrases) of ``text``."""
    out = []
    for raw in _TOKEN.findall(text):
        if raw.lower().endswith(("'s", "\u2019s")) and len(raw) > 2:
            out.append(Token(raw[:-2], possessive=True))
        else:
            out.append(Token(raw.rstrip("'\u2019")))
    return out


@attrs.define
class Mention:
    """A name in the question and how it is used."""

    phrase: str
    named: Named
    use: str  # "location", "participant" or "" (named alone)
    affiliated: bool = False
    joined: bool = False  # came after "and" following another name
    ref: str = ""  # the name to query by, when not the phrase (a demonym's country)


@attrs.define
class Reading:
    """Everything a question's words say, before it becomes a query."""

    target: str = "events"
    singular: bool = False
    kinds: list[str] = attrs.field(factory=list)
    causes: list[str] = attrs.field(factory=list)
    topics: list[str] = attrs.field(factory=list)
    statuses: list[str] = attrs.field(factory=list)
    countries: list[str] = attrs.field(factory=list)
    mentions: list[Mention] = attrs.field(factory=list)
    unplaced: list[str] = attrs.field(factory=list)
    readings: list[str] = attrs.field(factory=list)

    @property
    def understood(self) -> bool:
        """Whether any word said what to look for."""
        return bool(self.readings or self.mentions)


def _vocabulary(word: str, r: Reading) -> bool:
    """Read a single word of the grammar's own vocabulary; False if it is none."""
    if word in w.TARGETS:
        r.target = w.TARGETS[word] if r.target == "events" else r.target
        r.singular = r.singular or word in w.SINGULAR
        r.readings.append(f"{word!r} -> {w.TARGETS[word]}")
    elif word in w.KINDS:
        r.kinds.append(w.KINDS[word])
        r.singular = r.singular or word in w.SINGULAR
        r.readings.append(f"{word!r} -> kind {w.KINDS[word]}")
    elif word in w.CAUSES:
        r.causes.extend(w.CAUSES[word])
        r.readings.append(f"{word!r} -> cause {', '.join(w.CAUSES[word])}")
    elif word in w.STATUSES:
        r.statuses.append(w.STATUSES[word])
        r.readings.append(f"{word!r} -> status {w.STATUSES[word]}")
    elif word in w.TOPICS:
        r.topics.append(w.TOPICS[word])
        r.readings.append(f"{word!r} -> text {w.TOPICS[word]!r}")
    else:
        return False
    return True


def _near(word: str, name: str) -> bool:
    """Whether ``name`` is a plausible correction of ``word``: one of its words is spelled
    nearly alike (rapidfuzz ratio), so no random name is offered for a common word."""
    parts = re.split(r"[\s/-]+", name.lower())
    return max(likeness(word, part) for part in parts) >= NEAR


@attrs.define
class _Use:
    """How the next name is used: the role a marker word gave it, and whether it is joined
    ("and", "or") to the name before it."""

    role: str = ""
    joined: bool = False


def _marker(toks: Sequence[Token], i: int, r: Reading, use: _Use) -> int:
    """Read a word at ``i`` that marks rather than names (a break, a quoted phrase, a role
    word, a joining word, a filler); 1 when it was one, else 0."""
    tok = toks[i]
    low = tok.low
    if low == ";":
        use.role, use.joined = "", False
        return 1
    if low.startswith('"'):
        r.topics.append(tok.text.strip('"'))
        r.readings.append(f"{tok.text} -> text")
        return 1
    shouted = tok.text.isupper() and len(tok.text) > 1  # WHO, US: names, not words
    if not shouted and (low in w.LOCATION or low in w.PARTICIPANT):
        use.role = "location" if low in w.LOCATION else "participant"
        return 1
    if low in w.JOINING:
        use.joined = bool(r.mentions) and toks[i - 1].low != ";"
        return 1
    return 1 if low in w.FILLER and not shouted else 0


class Reader:
    """Reads the words left once the time and measure phrases are cut out."""

    def __init__(self, resolver: Resolver) -> None:
        self.resolver = resolver

    def read(self, text: str) -> Reading:
        """The reading of ``text``; unplaced words are collected, not raised here."""
        r = Reading()
        toks = tokens(text)
        use = _Use()
        i = 0
        while i < len(toks):
            i += _marker(toks, i, r, use) or self._word(toks, i, r, use)
        return r

    def _word(self, toks: Sequence[Token], i: int, r: Reading, use: _Use) -> int:
        """Read a name, or else a vocabulary word, at ``i``; the number of words taken."""
        size = self._name(toks, i, r, use.role, use.joined)
        if size:
            use.joined = False
            return size
        if toks[i].low in w.FILLER:
            return 1
        return self._vocabulary_words(toks, i, r)

    def _vocabulary_words(self, toks: Sequence[Token], i: int, r: Reading) -> int:
        """Read a region, cause, demonym or vocabulary word at ``i`` (else leave it unplaced)."""
        tok = toks[i]
        low = tok.low
        two = f"{low} {toks[i + 1].low}" if i + 1 < len(toks) else ""
        if two in w.REGIONS:
            r.countries.extend(w.REGIONS[two])
            r.readings.append(f"{two!r} -> the event's country in ({', '.join(w.REGIONS[two])})")
            return 2
        if two in w.CAUSES:
            _vocabulary(two, r)
            return 2
        if low in w.DEMONYMS:
            self._mention(r, w.DEMONYMS[low], "participant", tok.text, affiliated=True)
        elif not _vocabulary(low, r):
            r.unplaced.append(tok.text)
        return 1

    def _name(self, toks: Sequence[Token], i: int, r: Reading, use: str, joined: bool) -> int:
        """Look up the longest name starting at ``i``; the number of words it took, or 0."""
        for size in range(min(LONGEST_NAME, len(toks) - i), 0, -1):
            words = toks[i : i + size]
            if any(t.low == ";" or t.low.startswith('"') for t in words):
                continue
            if any(t.possessive for t in words[:-1]):
                continue
            last = words[-1].low
            if size > 1 and (last in w.FILLER or last in w.LOCATION or last in w.PARTICIPANT):
                continue
            if size == 1 and (words[0].low in w.KNOWN and not words[0].possessive):
                return 0
            phrase = " ".join(t.text for t in words)
            named = self.resolver.named(phrase)
            if not named:
                continue
            possessive = words[-1].possessive
            how = "participant" if possessive else use
            r.mentions.append(Mention(phrase, named, how, affiliated=possessive, joined=joined))
            return size
        return 0

    def _mention(self, r: Reading, name: str, use: str, typed: str, *, affiliated: bool) -> None:
        named = self.resolver.named(name)
        if not named.actors:
            r.unplaced.append(typed)
            return
        r.mentions.append(Mention(typed, named, use, affiliated=affiliated, ref=name))

    def refuse(self, question: str, reading: Reading) -> QueryError:
        """The refusal naming every unplaced word, with close names and working forms."""
        close: list[str] = []
        for word in reading.unplaced:
            pool = sorted(w.KNOWN)
            for lookup in (self.resolver.actor, self.resolver.place, self.resolver.project):
                try:
                    lookup(word)
                except UnknownName as exc:
                    pool += exc.suggestions
                except QueryError:
                    pass
            close += [c for c in suggest(word.lower(), pool, limit=4) if _near(word, c)]
        close = list(dict.fromkeys(close))[:6]
        understood = "; ".join(reading.readings + [m.phrase for m in reading.mentions])
        hint = f" Did you mean {', '.join(map(repr, close))}?" if close else ""
        return QueryError(
            f"cannot place {', '.join(repr(u.lower()) for u in reading.unplaced)} in "
            f"{question!r}: not a name in the timeline, a kind, a topic or a time word."
            f"{hint} Understood: {understood or 'nothing'}. Try {FORMS}",
            suggestions=close,
        )

    def check_ambiguous(self, mention: Mention) -> None:
        """Refuse a name that several unrelated actors share."""
        if len(mention.named.actors) > 1 and not mention.named.places:
            try:
                self.resolver.actor(mention.phrase)
            except AmbiguousName as exc:
                raise QueryError(
                    f"{mention.phrase!r} names several actors: {exc}. Try one of their ids or "
                    f"a fuller name ({FORMS})",
                    suggestions=exc.suggestions,
                ) from exc


__all__ = ["FORMS", "Mention", "Reader", "Reading", "Token", "tokens"]
