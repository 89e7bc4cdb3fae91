"""Limits on one seed YAML file, so a hostile file is refused before it costs time or memory.

YAML lets a small file describe a huge document: an alias repeats its anchor,
and anchors of aliases of anchors multiply ("billion laughs"); deep nesting
exhausts the reader's recursion; one scalar can fill the memory.  Both YAML
readers of :mod:`catimeline._seedfile` (libyaml's events and ruamel.yaml's
composer) feed every node to a :class:`Budget`, which counts the document as if
every alias were a copy of its anchor and stops at the first limit passed,
naming the line.  The bundled seeds stay far below each limit (at most about
4,000 nodes, 7 levels and 1,100 characters per scalar in a file of 60 kB).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ruamel.yaml.composer import Composer
    from ruamel.yaml.reader import Reader
    from ruamel.yaml.scanner import Scanner

#: Largest seed file read, in bytes.
MAX_BYTES = 8 * 1024 * 1024
#: Deepest nesting of lists and mappings.
MAX_DEPTH = 32
#: Longest scalar (a title, a note...), in characters.
MAX_SCALAR = 10_000
#: Most nodes in one file, counting every alias as a copy of what it repeats.
MAX_NODES = 100_000
#: Most characters ruamel.yaml's scanner may read for one token (with the blank lines and
#: comments before it): a value of MAX_SCALAR characters with its quotes, escapes and
#: indentation fits four times over.
MAX_TOKEN_TEXT = 4 * MAX_SCALAR


class LimitExceeded(Exception):
    """A seed file passed one of the limits; ``line`` (from 1) says where."""

    def __init__(self, message: str, line: int | None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


def too_deep(line: int) -> LimitExceeded:
    """The refusal of nesting deeper than :data:`MAX_DEPTH`, at ``line``."""
    return LimitExceeded(
        f"lists and mappings nest more than {MAX_DEPTH} levels deep: seeds need far fewer; "
        "flatten the structure",
        line,
    )


class Budget:
    """Counts one YAML document's nodes, depth and scalar sizes as its events arrive."""

    __slots__ = ("_open", "_sizes", "depth", "nodes")

    def __init__(self) -> None:
        self.nodes = 0
        self.depth = 0
        # Anchors whose node is complete -> how many nodes an alias of it adds.
        self._sizes: dict[Any, int] = {}
        # Open collections: (their anchor or None, the node count where they began).
        self._open: list[tuple[Any, int]] = []

    def _count(self, added: int, line: int, what: str) -> None:
        self.nodes += added
        if self.nodes > MAX_NODES:
            raise LimitExceeded(
                f"{what} takes the file past {MAX_NODES:,} YAML nodes: split it into "
                "several files, and repeat values instead of nesting aliases",
                line,
            )

    def scalar(self, length: int, anchor: Any, line: int) -> None:
        """A scalar of ``length`` characters, maybe anchored, written at ``line``."""
        if length > MAX_SCALAR:
            raise LimitExceeded(
                f"a value of {length:,} characters is longer than the {MAX_SCALAR:,} a seed "
                "value may have: shorten it",
                line,
            )
        self._count(1, line, "this value")
        if anchor is not None:
            self._sizes[anchor] = 1

    def start(self, anchor: Any, line: int) -> None:
        """A list or mapping begins at ``line``."""
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise too_deep(line)
        self._open.append((anchor, self.nodes))
        self._count(1, line, "this list or mapping")

    def end(self) -> None:
        """The innermost open list or mapping ends."""
        anchor, began = self._open.pop()
        self.depth -= 1
        if anchor is not None:
            self._sizes[anchor] = self.nodes - began

    def alias(self, anchor: Any, line: int) -> None:
        """An alias of ``anchor`` at ``line``: it adds as many nodes as the anchor holds."""
        size = self._sizes.get(anchor)
        if size is None:
            if any(name == anchor for name, _ in self._open):
                raise LimitExceeded(
                    f"the alias *{anchor} lies inside its own anchor &{anchor}: a seed cannot "
                    "contain itself; write the values out",
                    line,
                )
            return  # an undefined alias: the YAML reader reports it
        self._count(size, line, f"the alias *{anchor} (repeating {size:,} nodes)")


def checked(events: Any, ev: Any, budget: Budget) -> Any:
    """libyaml's ``events`` (module ``ev``), each counted by ``budget`` before it is passed on."""
    for event in events:
        kind = type(event)
        if kind is ev.ScalarEvent:
            budget.scalar(len(event.value), event.anchor, event.start_mark.line + 1)
        elif kind is ev.MappingStartEvent or kind is ev.SequenceStartEvent:
            budget.start(event.anchor, event.start_mark.line + 1)
        elif kind is ev.MappingEndEvent or kind is ev.SequenceEndEvent:
            budget.end()
        elif kind is ev.AliasEvent:
            budget.alias(event.anchor, event.start_mark.line + 1)
        yield event


def limited_composer() -> type[Composer]:
    """A ruamel.yaml Composer class that counts each node it composes with a fresh Budget."""
    from ruamel.yaml.composer import Composer
    from ruamel.yaml.events import AliasEvent, ScalarEvent

    class LimitedComposer(Composer):
        def __init__(self, loader: Any = None) -> None:
            super().__init__(loader)
            self.budget = Budget()

        def compose_document(self) -> Any:
            self.budget = Budget()
            return super().compose_document()

        def compose_node(self, parent: Any, index: Any) -> Any:
            event = self.parser.peek_event()
            line = event.start_mark.line + 1
            if isinstance(event, AliasEvent):
                self.budget.alias(event.anchor, line)
                return super().compose_node(parent, index)
            if isinstance(event, ScalarEvent):
                self.budget.scalar(len(event.value), event.anchor, line)
                return super().compose_node(parent, index)
            self.budget.start(event.anchor, line)
            node = super().compose_node(parent, index)
            self.budget.end()
            return node

    return LimitedComposer


def limited_reader() -> type[Reader]:
    """A ruamel.yaml Reader that stops a token running past :data:`MAX_TOKEN_TEXT` characters.

    ruamel.yaml scans about 170 kB a second; without this an 8 MB value would take
    seconds to reach the composer's check.  The scanner marks where each token starts
    (:func:`limited_scanner`); reading or peeking too far beyond that mark is refused.
    """
    from ruamel.yaml.reader import Reader

    class LimitedReader(Reader):
        token_start = 0

        def _check(self, ahead: int) -> None:
            if self.index + ahead - self.token_start > MAX_TOKEN_TEXT:
                raise LimitExceeded(
                    f"a value (or a run of comments) passes {MAX_TOKEN_TEXT:,} characters, "
                    f"beyond the {MAX_SCALAR:,} a seed value may have: shorten it",
                    self.line + 1,
                )

        def peek(self, index: int = 0) -> Any:
            if index > 64:  # long look-aheads only happen inside one long token
                self._check(index)
            return super().peek(index)

        def forward(self, length: int = 1) -> None:
            super().forward(length)
            self._check(0)

    return LimitedReader


def limited_scanner(base: type[Scanner]) -> type[Scanner]:
    """A ruamel.yaml Scanner (subclass of ``base``) that marks where each token starts, and
    refuses flow nesting past :data:`MAX_DEPTH` as it scans (it scans far ahead of the
    composer while a ``[`` may still open a key, slowly when thousands are open)."""

    class LimitedScanner(base):  # type: ignore[valid-type,misc]
        def fetch_more_tokens(self) -> Any:
            self.reader.token_start = self.reader.index
            fetched = super().fetch_more_tokens()
            if self.flow_level > MAX_DEPTH:
                raise too_deep(self.reader.line + 1)
            return fetched

    return LimitedScanner
