"""One mapping of seed YAML being read: typed field readers that fail at the right line.

:class:`Entry` wraps a YAML mapping (a seed file, an entry of a section, or a mapping
inside an entry) with the file and line it was written at.  Each reader checks one field
(text, slug, vocabulary word, EDTF date, number, list...) and raises ``SeedError`` at the
field's line when it is wrong, so that every seed problem points at what to fix.  What the
fields of each kind of entry are is :mod:`catimeline._seedrecords`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any, NoReturn, TypeVar

from catimeline._dates import FuzzyDate
from catimeline._errors import InvalidDate, SeedError
from catimeline._similar import closest

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
COUNTRY_PATTERN = re.compile(r"^[A-Z]{2}$")

T = TypeVar("T")


class Entry:
    """One YAML mapping being read, with helpers that raise SeedError at its line."""

    def __init__(self, data: Any, path: str, line: int, what: str) -> None:
        self.path, self.line, self.what = path, line, what
        if not isinstance(data, Mapping):
            self.fail(f"{what} must be a mapping of fields, not {type(data).__name__}")
        self.data: Mapping[str, Any] = data

    def line_of(self, key: str) -> int:
        """The line ``key`` is written at (ruamel's mappings know it), else the entry's line."""
        lc = getattr(self.data, "lc", None)
        try:
            return int(lc.key(key)[0]) + 1 if lc is not None else self.line
        except (KeyError, TypeError, AttributeError):
            return self.line

    def fail(self, message: str, key: str | None = None) -> NoReturn:
        """Raise ``SeedError`` at the line of ``key``, or of the entry."""
        line = self.line_of(key) if key is not None else self.line
        raise SeedError(message, path=self.path, line=line)

    def check_keys(self, required: Iterable[str], optional: Iterable[str]) -> None:
        """Refuse an unknown field (suggesting the closest known one) or a missing one."""
        allowed = set(required) | set(optional)
        for key in self.data:
            if key not in allowed:
                close = closest(str(key), sorted(allowed), limit=1, by="spelling")
                hint = f" (did you mean {close[0]!r}?)" if close else ""
                self.fail(f"{self.what} has an unknown field {key!r}{hint}", str(key))
        for key in required:
            if self.data.get(key) in (None, ""):
                self._needs(key)

    def _needs(self, key: str) -> NoReturn:
        """Raise the error of a field the entry must have and does not."""
        self.fail(f"{self.what} needs a {key!r} field")

    def text(self, key: str, *, required: bool = False) -> str | None:
        """The field as stripped text (a YAML number is taken as its text)."""
        value = self.data.get(key)
        if value is None:
            if required:
                self._needs(key)
            return None
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            self.fail(f"{key!r} of {self.what} must be text", key)
        return str(value).strip()

    def req(self, key: str) -> str:
        """The field as text; a missing field is an error."""
        value = self.text(key, required=True)
        assert value is not None
        return value

    def id(self, key: str = "id") -> str:
        """The field as an id slug (``lower-case-words``)."""
        value = self.req(key)
        if not ID_PATTERN.match(value):
            self.fail(
                f"{key} {value!r} of {self.what} is not a slug: use lower-case letters, "
                "digits and single hyphens",
                key,
            )
        return value

    def ref(self, key: str) -> str | None:
        """The optional field as an id slug."""
        return None if self.data.get(key) is None else self.id(key)

    def word(
        self,
        key: str,
        vocabulary: Mapping[str, str],
        *,
        required: bool = True,
        default: str | None = None,
    ) -> str | None:
        """The field as a word of ``vocabulary`` (suggesting the closest on a typo)."""
        value = self.text(key, required=required and default is None)
        if value is None:
            return default
        if value not in vocabulary:
            close = closest(value, vocabulary, by="spelling")
            hint = f"; did you mean {', '.join(map(repr, close))}?" if close else ""
            self.fail(f"{key} {value!r} of {self.what} is not in the vocabulary{hint}", key)
        return value

    def date(self, key: str, *, required: bool = False) -> FuzzyDate | None:
        """The field as an EDTF date, which YAML must hold as quoted text."""
        value = self.data.get(key)
        if value is None:
            if required:
                self._needs(key)
            return None
        if not isinstance(value, str):
            self.fail(
                f'{key} of {self.what} must be EDTF text in quotes, e.g. "2023-10-28" '
                f"(YAML read {value!r} as {type(value).__name__})",
                key,
            )
        try:
            return FuzzyDate.parse(value)
        except InvalidDate as exc:
            self.fail(f"{key} of {self.what}: {exc}", key)

    def whole(self, key: str) -> int | None:
        """The optional field as a whole number >= 0."""
        value = self.data.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            self.fail(f"{key} of {self.what} must be a whole number >= 0", key)
        return int(value)

    def number(self, key: str) -> float:
        """The field as a number."""
        value = self.data.get(key)
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.fail(f"{key} of {self.what} must be a number", key)
        return float(value)

    def flag(self, key: str) -> bool:
        """The optional field as true or false (false when missing)."""
        value = self.data.get(key, False)
        if not isinstance(value, bool):
            self.fail(f"{key} of {self.what} must be true or false", key)
        return bool(value)

    def country(self, key: str = "country") -> str | None:
        """The optional field as an ISO 3166-1 alpha-2 country code."""
        value = self.text(key)
        if value is not None and not COUNTRY_PATTERN.match(value):
            self.fail(f"{key} {value!r} of {self.what} must be an ISO 3166-1 alpha-2 code", key)
        return value

    def items(self, key: str) -> list[tuple[Any, int]]:
        """The list under ``key`` with each item's line."""
        value = self.data.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.fail(f"{key} of {self.what} must be a list", key)
        lc = getattr(value, "lc", None)
        out = []
        for i, item in enumerate(value):
            try:
                line = int(lc.item(i)[0]) + 1 if lc is not None else self.line_of(key)
            except (KeyError, TypeError, AttributeError):
                line = self.line_of(key)
            out.append((item, line))
        return out

    def sub(self, item: Any, line: int, what: str) -> Entry:
        """A mapping inside this entry, named ``what`` in messages."""
        return Entry(item, self.path, line, f"{what} in {self.what}")

    def each(self, key: str, what: str, read: Callable[[Entry], T]) -> tuple[T, ...]:
        """Every mapping of the list under ``key``, each read by ``read`` as ``what``."""
        return tuple(read(self.sub(item, line, what)) for item, line in self.items(key))

    def strings(
        self, key: str, check: Callable[[Entry, str, str], str] | None = None
    ) -> tuple[str, ...]:
        """The list of text values under ``key``, each passed through ``check``."""
        out = []
        for item, line in self.items(key):
            if isinstance(item, bool) or not isinstance(item, str | int):
                raise SeedError(
                    f"{key} of {self.what} must list text values", path=self.path, line=line
                )
            text = str(item).strip()
            if check is not None:
                text = check(self, key, text)
            out.append(text)
        return tuple(out)
