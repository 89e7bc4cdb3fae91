"""The package's modules import one another in one direction: no import cycle, counting
imports inside functions too (only ``if TYPE_CHECKING:`` imports, which never run, are left
out), so each module can be read and tested from the bottom up."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "catimeline"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _is_module(name: str) -> bool:
    path = PACKAGE.parent / name.replace(".", "/")
    return path.is_dir() or path.with_suffix(".py").is_file()


def _type_checking_nodes(tree: ast.AST) -> set[int]:
    found: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            found.update(id(inner) for inner in ast.walk(node))
    return found


def _imports(path: Path) -> Iterator[str]:
    """The catimeline modules ``path`` imports: ``from catimeline import _dates`` imports
    the module ``catimeline._dates``, ``from catimeline._dates import X`` the module
    ``catimeline._dates``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped = _type_checking_nodes(tree)
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            yield from (a.name for a in node.names if a.name.startswith("catimeline"))
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("catimeline"):
            module = node.module or ""
            subs = [f"{module}.{a.name}" for a in node.names]
            modules = [s for s in subs if _is_module(s)]
            yield from modules
            if len(modules) < len(subs):
                yield module


def import_graph() -> dict[str, set[str]]:
    """Each module of the package and the package modules it imports."""
    modules = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    return {
        name: {d for d in _imports(path) if d in modules and d != name}
        for name, path in modules.items()
    }


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan's algorithm)."""
    search = _Tarjan(graph)
    for v in sorted(graph):
        if v not in search.index:
            search.visit(v)
    return search.found


class _Tarjan:
    """The state of Tarjan's depth-first search for strongly connected groups."""

    def __init__(self, graph: dict[str, set[str]]) -> None:
        self.graph = graph
        self.index: dict[str, int] = {}
        self.low: dict[str, int] = {}
        self.stack: list[str] = []
        self.on_stack: set[str] = set()
        self.found: list[list[str]] = []

    def visit(self, v: str) -> None:
        """Number ``v``, search what it imports, and close its group if ``v`` is the root."""
        index, low = self.index, self.low
        index[v] = low[v] = len(index)
        self.stack.append(v)
        self.on_stack.add(v)
        for w in sorted(self.graph[v]):
            if w not in index:
                self.visit(w)
                low[v] = min(low[v], low[w])
            elif w in self.on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            self._close(v)

    def _close(self, v: str) -> None:
        """Pop the group rooted at ``v``; keep it when it holds more than one module."""
        group = []
        while True:
            w = self.stack.pop()
            self.on_stack.discard(w)
            group.append(w)
            if w == v:
                break
        if len(group) > 1:
            self.found.append(sorted(group))


def test_the_graph_sees_the_imports() -> None:
    """The graph holds every module and the imports a module really makes (a check that the
    test would see a cycle: the timeline imports the query package and the store)."""
    graph = import_graph()
    assert len(graph) > 40
    assert {"catimeline._query", "catimeline._store.failures"} <= graph["catimeline._timeline"]


def test_a_cycle_is_found_when_there_is_one() -> None:
    """cycles() reports two modules that import each other, and nothing for a chain."""
    assert cycles({"a": {"b"}, "b": {"a"}, "c": set()}) == [["a", "b"]]
    assert cycles({"a": {"b"}, "b": {"c"}, "c": set()}) == []


def test_no_import_cycle_between_modules() -> None:
    """No group of modules imports itself round in a circle."""
    assert cycles(import_graph()) == []
