"""Name keys: the normal form under which names and aliases are looked up.

"Kassym-Jomart Toqaev", "kassym jomart toqaev" and "Қасым-Жомарт Тоқаев" should
find the same person, so a key folds case, script (via anyascii) and
punctuation before comparing.
"""

from __future__ import annotations

import re

from anyascii import anyascii

_NOT_WORD = re.compile(r"[^0-9a-z]+")


def name_key(name: str) -> str:
    """The lookup key of ``name``: ASCII, lower case, words joined by single spaces."""
    return _NOT_WORD.sub(" ", anyascii(name).casefold()).strip()
