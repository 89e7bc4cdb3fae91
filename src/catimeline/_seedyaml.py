"""Fast reading of seed YAML: libyaml's C parser (through PyYAML) with the lines of everything.

The seed reader (:mod:`catimeline._seedfile`) needs every value typed as
ruamel.yaml types YAML 1.2, and the line of every key and list item (ruamel's
round-trip ``.lc``) for its error messages.  ruamel's round-trip loader is pure
Python: the bundled seeds take it about 2.5 s, most of a fresh ``ct.open()``.
libyaml's parser reads them in about 0.1 s.

:func:`load` builds the same data from libyaml's events, with the same line
information, and returns :data:`SLOW` for anything it does not handle exactly
as ruamel would (tags, timestamps, unusual numbers, duplicate or complex keys, merge keys,
several documents, any syntax error, no libyaml): the caller then reads that
file with ruamel, whose results and error messages stay the reference.  A test
compares the two on every bundled seed file.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable
from typing import Any

from catimeline._yamllimits import Budget, LimitExceeded, checked

#: Returned when a text must be read by ruamel.yaml instead.
SLOW: Any = object()

_INT = re.compile(r"[-+]?[0-9]+")
_FLOAT = re.compile(r"[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?")
_TAG = "tag:yaml.org,2002:"


class Lines:
    """Where a mapping's keys or a list's items were written: ruamel's ``.lc`` interface."""

    __slots__ = ("_at", "col", "line")

    def __init__(self, line: int, col: int) -> None:
        self.line, self.col = line, col
        self._at: dict[Any, tuple[int, int]] = {}

    def key(self, key: Any) -> tuple[int, int]:
        """(line, column), counted from 0, of a mapping key."""
        return self._at[key]

    def item(self, index: int) -> tuple[int, int]:
        """(line, column), counted from 0, of a list item."""
        return self._at[index]


class LinedMap(dict[Any, Any]):
    """A mapping that knows the line of each key (``.lc.key(k)``)."""

    lc: Lines


class LinedList(list[Any]):
    """A list that knows the line of each item (``.lc.item(i)``)."""

    lc: Lines


class _Plain:
    """Types plain scalars by ruamel's YAML 1.2 resolver (memoised: seeds repeat words)."""

    def __init__(self) -> None:
        from ruamel.yaml.nodes import ScalarNode
        from ruamel.yaml.resolver import VersionedResolver

        self._resolver = VersionedResolver(version=(1, 2))
        self._node = ScalarNode
        self._seen: dict[str, Any] = {}

    def __call__(self, text: str) -> Any:
        found = self._seen.get(text, SLOW)
        if found is SLOW:
            found = self._seen[text] = self._value(text)
        return found

    def _value(self, text: str) -> Any:
        tag = str(self._resolver.resolve(self._node, text, (True, False)))
        kind = tag[len(_TAG) :] if tag.startswith(_TAG) else None
        if kind == "str":
            return text
        if kind == "null":
            return None
        if kind == "bool":
            return text.lower() == "true"
        if kind == "int" and _INT.fullmatch(text):
            return int(text)
        if kind == "float" and _FLOAT.fullmatch(text):
            return float(text)
        return SLOW


def load(text: str) -> Any:
    """The data of one YAML document with lines, like ruamel's round trip; or :data:`SLOW`.

    Every event is counted against :mod:`catimeline._yamllimits`, also the rest
    of a file handed to ruamel, so a YAML bomb is refused here at C speed
    (:class:`~catimeline._yamllimits.LimitExceeded`).
    """
    try:
        yaml = importlib.import_module("yaml")
    except ImportError:
        return SLOW
    if not getattr(yaml, "__with_libyaml__", False):
        return SLOW
    events = checked(yaml.parse(text, Loader=yaml.CSafeLoader), yaml.events, Budget())
    try:
        data = _build(events, yaml.events)
        if data is SLOW:
            for _ in events:  # the rest of the file, checked before ruamel composes it
                pass
        return data
    except LimitExceeded:
        raise
    except Exception:
        # A syntax error or anything unexpected: ruamel reads the file and explains.
        return SLOW


def _build(events: Any, ev: Any) -> Any:
    """The document the parse ``events`` describe, or ``SLOW`` where ruamel's rules apply."""
    return _Builder(ev).build(events)


class _Builder:
    """Builds lined maps and lists from libyaml's parse events, one handler per event type."""

    def __init__(self, ev: Any) -> None:
        self.plain = _Plain()
        self.root: Any = None
        self.documents = 0
        # Each open container: [container, its Lines, the pending key (or SLOW when none)].
        self.stack: list[list[Any]] = []
        # An alias is the anchored value itself, placed (as ruamel places it) where the
        # anchor was.
        self.anchors: dict[str, tuple[Any, int, int]] = {}
        self.ev = ev
        # Events of other types (stream and document ends) change nothing.
        self.handlers: dict[type, Callable[[Any], bool]] = {
            ev.ScalarEvent: self._scalar,
            ev.MappingStartEvent: self._start,
            ev.SequenceStartEvent: self._start,
            ev.MappingEndEvent: self._end,
            ev.SequenceEndEvent: self._end,
            ev.AliasEvent: self._alias,
            ev.DocumentStartEvent: self._document,
        }

    def build(self, events: Any) -> Any:
        """The root value, or ``SLOW`` at the first event this reader leaves to ruamel."""
        handlers = self.handlers
        for event in events:
            handle = handlers.get(type(event))
            if handle is not None and not handle(event):
                return SLOW
        return self.root

    def _scalar(self, event: Any) -> bool:
        if event.tag is not None:
            return False
        value = self.plain(event.value) if not event.style else event.value
        if value is SLOW:
            return False
        mark = event.start_mark
        if not self._add(value, mark.line, mark.column):
            return False
        if event.anchor is not None:
            self.anchors[event.anchor] = (value, mark.line, mark.column)
        return True

    def _start(self, event: Any) -> bool:
        if event.tag is not None:
            return False
        mark = event.start_mark
        mapping = type(event) is self.ev.MappingStartEvent
        container: Any = LinedMap() if mapping else LinedList()
        container.lc = Lines(mark.line, mark.column)
        if not self._add(container, mark.line, mark.column):
            return False
        self.stack.append([container, container.lc, SLOW])
        if event.anchor is not None:
            self.anchors[event.anchor] = (container, mark.line, mark.column)
        return True

    def _end(self, _event: Any) -> bool:
        self.stack.pop()
        return True

    def _alias(self, event: Any) -> bool:
        return event.anchor in self.anchors and self._add(*self.anchors[event.anchor])

    def _document(self, event: Any) -> bool:
        self.documents += 1
        return not (self.documents > 1 or event.version is not None or event.tags)

    def _add(self, value: Any, line: int, col: int) -> bool:
        """Place ``value`` in the open container (as an item, a key or a key's value)."""
        if not self.stack:
            self.root = value
            return True
        top = self.stack[-1]
        container, lines, pending = top
        if isinstance(container, list):
            lines._at[len(container)] = (line, col)
            container.append(value)
            return True
        if pending is SLOW:
            if isinstance(value, dict | list) or value in container:
                return False  # a complex or duplicate key: ruamel's rules apply
            top[2] = value
            lines._at[value] = (line, col)
            return True
        container[pending] = value
        top[2] = SLOW
        return True
