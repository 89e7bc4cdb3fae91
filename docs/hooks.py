"""mkdocs hook: writes the command-line reference into cli.md from the click commands.

The reference is generated at build time, so it always matches ``catimeline --help``.
"""

from __future__ import annotations

from typing import Any

import click

MARKER = "<!-- cli-reference -->"


def _commands(
    command: click.Command, path: list[str]
) -> list[tuple[list[str], click.Command, click.Context]]:
    ctx = click.Context(command, info_name=" ".join(path))
    found = [(path, command, ctx)]
    if isinstance(command, click.Group):
        for name in sorted(command.list_commands(ctx)):
            sub = command.get_command(ctx, name)
            if sub is not None and not sub.hidden:
                found += _commands(sub, [*path, name])
    return found


def _escape(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def reference() -> str:
    """The Markdown reference of every command: usage, help and a table of options."""
    from catimeline._cli import main

    out: list[str] = []
    for path, command, ctx in _commands(main, ["catimeline"]):
        level = "#" * min(len(path) + 1, 4)
        out.append(f"{level} `{' '.join(path)}`\n")
        pieces = command.collect_usage_pieces(ctx)
        out.append(f"```\n{' '.join(path)} {' '.join(pieces)}\n```\n")
        out.append((command.help or "").strip() + "\n")
        rows = []
        for param in command.get_params(ctx):
            record = param.get_help_record(ctx)
            if record is None or isinstance(param, click.Argument) or param.name == "help":
                continue
            names, help_text = record
            rows.append(f"| `{_escape(names)}` | {_escape(help_text)} |")
        if rows:
            out.append("| option | meaning |\n|---|---|\n" + "\n".join(rows) + "\n")
    return "\n".join(out)


def on_page_markdown(markdown: str, **_kwargs: Any) -> str:
    """Replace the marker in cli.md with the generated reference."""
    if MARKER in markdown:
        return markdown.replace(MARKER, reference())
    return markdown
