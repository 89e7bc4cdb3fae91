"""Checks every filter value passes before it reaches SQL, and close-word suggestions."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from catimeline._errors import QueryError
from catimeline._similar import closest

MATCH_MODES: tuple[str, ...] = ("overlaps", "within", "possibly")
MAX_TEXT = 1000
"""The longest ``text=`` filter (SQLite refuses LIKE patterns much longer than this)."""
MAX_COUNT = 2**31 - 1
"""The largest ``limit`` or ``min_deaths``: the widest integer every database binds alike
(Postgres's ``integer``), so a value is accepted or refused the same way on each."""


def suggest(needle: str, names: Iterable[str], limit: int = 3) -> list[str]:
    """The names closest to ``needle``, best first (:func:`catimeline._similar.closest`)."""
    return closest(needle, names, limit=limit)


def plain_text(text: str) -> bool:
    """Whether ``text`` can be stored and compared: valid UTF-8 and no NUL character."""
    if "\x00" in text:
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def check_words(words: Iterable[object], what: str) -> list[str]:
    """``words`` checked to be text (QueryError naming ``what`` otherwise)."""
    if isinstance(words, Mapping) or not isinstance(words, Iterable):
        raise QueryError(f"{what} must be a word or a list of words, not {words!r}")
    out: list[str] = []
    for word in words:
        if not isinstance(word, str):
            raise QueryError(f"{what} must be text, not {word!r}")
        out.append(word)
    return out


def check_vocabulary(words: Iterable[str], vocabulary: Iterable[str], what: str) -> None:
    """QueryError (with close words) for a word that is not in ``vocabulary``."""
    known = list(vocabulary)
    for word in words:
        if word not in known:
            raise QueryError(
                f"unknown {what} {word!r}: see catimeline.vocabulary for the list",
                suggestions=suggest(word, known),
            )


def check_match(match: str) -> None:
    """QueryError unless ``match`` is one of :data:`MATCH_MODES`."""
    if match not in MATCH_MODES:
        raise QueryError(f"match must be one of {', '.join(MATCH_MODES)}, not {match!r}")


def check_count(value: object, what: str) -> None:
    """QueryError unless ``value`` is None or a whole number in 0..:data:`MAX_COUNT`."""
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise QueryError(f"{what} must be a whole number >= 0, not {value!r}")
    if value > MAX_COUNT:
        raise QueryError(f"{what} is at most {MAX_COUNT:,} ({value:,} given): give a smaller one")


def check_text(text: object) -> str:
    """``text`` checked to be some words of plain text, not too long."""
    if not isinstance(text, str) or not text.strip():
        raise QueryError(f"text must be some words to look for, not {text!r}")
    if not plain_text(text):
        raise QueryError(
            "text cannot contain NUL characters or lone surrogates: remove them and try again"
        )
    if len(text) > MAX_TEXT:
        raise QueryError(
            f"text is at most {MAX_TEXT} characters ({len(text)} given): look for fewer words"
        )
    return text
