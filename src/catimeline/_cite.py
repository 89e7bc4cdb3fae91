"""Find the character span of a passage in a source document, for citations.

Curators cite by span, never by copying text.  ``find_spans`` locates a phrase
(whitespace-insensitive) and widens each hit to the sentence around it, so a
citation points at a whole supporting passage.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import attrs

from catimeline._errors import CatimelineError, SeedError

_SENTENCE_END = re.compile(r"[.!?…](?=[\"”’)\]]*\s)|\n")


@attrs.frozen
class Span:
    """A passage of a document: ``text[start:end]`` (end exclusive)."""

    start: int
    end: int
    phrase_start: int
    phrase_end: int


def read_document(path: str | Path) -> str:
    """Read a document exactly as spans count it: UTF-8, newlines untouched.

    A file that cannot be read, or is not UTF-8, raises :class:`SeedError`
    naming it (and the line of the first bad byte).
    """
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise SeedError(
            f"cannot read the document: {exc.strerror or type(exc).__name__}", path=str(path)
        ) from exc
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SeedError(
            f"not UTF-8 text ({exc.reason} at byte {exc.start}): save the document as UTF-8",
            path=str(path),
            line=data.count(b"\n", 0, exc.start) + 1,
        ) from exc


def _phrase_pattern(phrase: str) -> re.Pattern[str]:
    words = phrase.split()
    if not words:
        raise CatimelineError("the phrase to cite is empty: give a few words of the passage")
    return re.compile(r"\s+".join(re.escape(word) for word in words), re.IGNORECASE)


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    left = 0
    for match in _SENTENCE_END.finditer(text, 0, start):
        left = match.end()
    while left < start and text[left].isspace():
        left += 1
    following = _SENTENCE_END.search(text, end)
    right = following.end() if following else len(text)
    while right > end and text[right - 1].isspace():
        right -= 1
    return left, right


def find_spans(text: str, phrase: str, *, sentence: bool = True) -> list[Span]:
    """Every place ``phrase`` occurs in ``text``, widened to its sentence unless told not to."""
    spans = []
    for hit in _phrase_pattern(phrase).finditer(text):
        start, end = hit.span()
        if sentence:
            start, end = _sentence_bounds(text, start, end)
        spans.append(Span(start, end, hit.start(), hit.end()))
    return spans


def main(argv: list[str] | None = None) -> int:  # pragma: no cover - thin wrapper
    """``python -m catimeline._cite DOCUMENT PHRASE``: print ``start end`` for each hit."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2:
        print("usage: python -m catimeline._cite DOCUMENT PHRASE", file=sys.stderr)
        return 2
    text = read_document(args[0])
    spans = find_spans(text, args[1])
    if not spans:
        print(f"not found in {args[0]}: {args[1]!r}", file=sys.stderr)
        return 1
    for span in spans:
        print(f"start: {span.start}, end: {span.end}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
