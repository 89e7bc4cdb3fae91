"""Fast reading of seed YAML: libyaml's C parser (through PyYAML) with the lines of everything.

The seed reader (:mod:`catimeline.seedfile`) needs every value typed as
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
from typing import Any

from catimeline.yamllimits import Budget, LimitExceeded, checked

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

    Every event is counted against :mod:`catimeline.yamllimits`, also the rest
    of a file handed to ruamel, so a YAML bomb is refused here at C speed
    (:class:`~catimeline.yamllimits.LimitExceeded`).
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
    plain = _Plain()
    root: Any = None
    documents = 0
    # Each open container: [container, its Lines, the pending key (or SLOW when none)].
    stack: list[list[Any]] = []

    def add(value: Any, line: int, col: int) -> bool:
        nonlocal root
        if not stack:
            root = value
            return True
        top = stack[-1]
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

    # An alias is the anchored value itself, placed (as ruamel places it) where the anchor was.
    anchors: dict[str, tuple[Any, int, int]] = {}
    for event in events:
        kind = type(event)
        if kind is ev.ScalarEvent:
            if event.tag is not None:
                return SLOW
            value = plain(event.value) if not event.style else event.value
            if value is SLOW:
                return SLOW
            mark = event.start_mark
            if not add(value, mark.line, mark.column):
                return SLOW
            if event.anchor is not None:
                anchors[event.anchor] = (value, mark.line, mark.column)
        elif kind is ev.MappingStartEvent or kind is ev.SequenceStartEvent:
            if event.tag is not None:
                return SLOW
            mark = event.start_mark
            container: Any = LinedMap() if kind is ev.MappingStartEvent else LinedList()
            container.lc = Lines(mark.line, mark.column)
            if not add(container, mark.line, mark.column):
                return SLOW
            stack.append([container, container.lc, SLOW])
            if event.anchor is not None:
                anchors[event.anchor] = (container, mark.line, mark.column)
        elif kind is ev.MappingEndEvent or kind is ev.SequenceEndEvent:
            stack.pop()
        elif kind is ev.AliasEvent:
            if event.anchor not in anchors or not add(*anchors[event.anchor]):
                return SLOW
        elif kind is ev.DocumentStartEvent:
            documents += 1
            if documents > 1 or event.version is not None or event.tags:
                return SLOW
    return root
