"""Close spellings: the one fuzzy-matching engine (rapidfuzz) behind every "did you mean".

Two ways of being close, both scored 0 to 100:

- ``names``: a name against the names we know (actors, places, countries, kinds):
  case and punctuation folded, and a word or part of a longer name counts
  (rapidfuzz's ``WRatio``), so "Kostenko" finds "Kostenko mine".
- ``spelling``: a word against a fixed list (seed fields, sections, vocabulary
  words): plain edit similarity of the text as written (rapidfuzz's ``ratio``),
  so "titel" finds "title" and a short word does not match a long one.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

#: The lowest score a suggestion may have, by way of comparing.
CUTOFF = {"names": 60, "spelling": 60}


def closest(
    needle: str,
    pool: Iterable[str],
    *,
    limit: int = 3,
    by: Literal["names", "spelling"] = "names",
    cutoff: float | None = None,
) -> list[str]:
    """The entries of ``pool`` closest to ``needle``, best first, at most ``limit``.

    ``by`` chooses how closeness is scored (see the module doc); ``cutoff``
    (default :data:`CUTOFF` of that way) is the lowest score kept.  Ties keep
    the pool's order; repeated entries count once.
    """
    from rapidfuzz import fuzz, process, utils

    names = by == "names"
    found = process.extract(
        needle,
        list(dict.fromkeys(pool)),
        scorer=fuzz.WRatio if names else fuzz.ratio,
        processor=utils.default_process if names else None,
        limit=limit,
        score_cutoff=CUTOFF[by] if cutoff is None else cutoff,
    )
    return [entry for entry, _score, _index in found]


def likeness(a: str, b: str) -> float:
    """How alike two words are spelled, 0 to 100 (case ignored)."""
    from rapidfuzz import fuzz

    return float(fuzz.ratio(a.lower(), b.lower()))
