"""Documentation completeness: every public name has a docstring and an API reference entry,
every command and option has help text, and every docs page is in the mkdocs nav."""

from __future__ import annotations

import inspect
import re
from pathlib import Path
from typing import Any

import click
import pytest

import catimeline
from catimeline._cli import main

DOCS = Path(__file__).parent.parent / "docs"
PUBLIC = sorted(n for n in catimeline.__all__ if not n.startswith("_"))


def _public_members(obj: Any) -> list[tuple[str, Any]]:
    if not inspect.isclass(obj):
        return []
    members = []
    for name, value in vars(obj).items():
        if name.startswith("_"):
            continue
        if isinstance(value, classmethod | staticmethod):
            value = value.__func__
        if inspect.isfunction(value) or isinstance(value, property):
            members.append((name, value))
    return members


@pytest.mark.parametrize("name", PUBLIC)
def test_public_name_has_a_docstring(name: str) -> None:
    """Every name in catimeline.__all__ has its own docstring, and so do its public methods."""
    obj = getattr(catimeline, name)
    own = vars(obj).get("__doc__") if inspect.isclass(obj) else obj.__doc__
    assert own and own.strip(), f"{name} has no docstring"
    missing = [m for m, value in _public_members(obj) if not (value.__doc__ or "").strip()]
    assert not missing, f"{name} methods without docstrings: {missing}"


@pytest.mark.parametrize("name", PUBLIC)
def test_public_name_is_in_the_api_reference(name: str) -> None:
    """Every name in catimeline.__all__ has a ``::: catimeline.NAME`` entry in docs/api.md."""
    api = (DOCS / "api.md").read_text("utf-8")
    assert re.search(rf"^::: catimeline\.{name}$", api, re.MULTILINE), name


def _commands(command: click.Command, path: str) -> list[tuple[str, click.Command]]:
    found = [(path, command)]
    if isinstance(command, click.Group):
        for name, sub in command.commands.items():
            found += _commands(sub, f"{path} {name}")
    return found


COMMANDS = _commands(main, "catimeline")


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=[p for p, _ in COMMANDS])
def test_command_has_help(path: str, command: click.Command) -> None:
    """Every command has help text, and it names each of its arguments."""
    assert (command.help or "").strip(), f"{path} has no help"
    for param in command.params:
        if isinstance(param, click.Argument):
            assert param.human_readable_name in (command.help or ""), (
                f"{path}: the help does not explain {param.human_readable_name}"
            )


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=[p for p, _ in COMMANDS])
def test_every_option_has_help(path: str, command: click.Command) -> None:
    """Every option of every command has help text."""
    missing = [
        p.name for p in command.params if isinstance(p, click.Option) and not (p.help or "").strip()
    ]
    assert not missing, f"{path}: options without help: {missing}"


def test_every_docs_page_is_in_the_nav() -> None:
    """Every Markdown page and notebook under docs/ is reachable from mkdocs.yml's nav."""
    config = (DOCS.parent / "mkdocs.yml").read_text("utf-8")
    pages = [
        p.relative_to(DOCS).as_posix()
        for p in [*DOCS.rglob("*.md"), *DOCS.rglob("*.ipynb")]
        if ".ipynb_checkpoints" not in p.parts
    ]
    missing = [page for page in pages if page not in config]
    assert not missing, f"pages missing from the nav in mkdocs.yml: {missing}"
