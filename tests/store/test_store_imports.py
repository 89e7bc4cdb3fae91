"""The flow of imports runs one way: the domain and the store reach no presentation."""

from __future__ import annotations

import ast
from pathlib import Path

import catimeline

PACKAGE = Path(catimeline.__file__).parent
#: The notebook and file outputs: they may use the store, never the other way round.
PRESENTATION = {
    "catimeline._html",
    "catimeline._outputs",
    "catimeline._export",
    "catimeline._frames",
    "catimeline._plot",
    "catimeline._results",
}


def _module_name(path: Path) -> str:
    parts = ("catimeline", *path.relative_to(PACKAGE).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(p): p for p in PACKAGE.rglob("*.py")}


def _imports(module: str) -> set[str]:
    """The catimeline modules ``module`` imports anywhere in its text (at the top or
    inside a function: an import on use still runs)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(MODULES[module].read_text("utf-8"))):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module, *(f"{node.module}.{a.name}" for a in node.names)]
        else:
            continue
        found.update(n for n in names if n in MODULES and n != "catimeline")
    return found


def _reached(start: str) -> set[str]:
    seen: set[str] = set()
    todo = [start]
    while todo:
        for name in _imports(todo.pop()) - seen:
            seen.add(name)
            todo.append(name)
    return seen


def test_the_store_and_the_domain_reach_no_presentation_module() -> None:
    """No module of catimeline._store, nor the domain model, imports an output module,
    directly or through the modules it imports, at the top or inside a function."""
    starts = [m for m in MODULES if m.startswith("catimeline._store")] + ["catimeline._model"]
    reached = {start: sorted(_reached(start) & PRESENTATION) for start in starts}
    assert {start: found for start, found in reached.items() if found} == {}
