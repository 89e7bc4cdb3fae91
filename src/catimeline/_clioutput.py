"""How the ``catimeline`` commands print: results as a table, JSON or CSV; one record as
readable text with its sources; notes on what validation could not check."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable
from typing import Any

import click

#: What a terminal table shows; JSON and CSV carry every column.
TABLE_COLUMNS = ("id", "date", "kind", "title", "country", "deaths", "injured", "name", "status")


def emit(items: Iterable[Any], fmt: str, *, title: str | None = None) -> None:
    """Print results as a rich table, JSON (full records) or CSV (flat rows)."""
    from catimeline._rows import as_dict, flat_rows

    items = list(items)
    if fmt == "json":
        click.echo(json.dumps([as_dict(i) for i in items], ensure_ascii=False, indent=2))
        return
    columns, rows = flat_rows(items)
    if fmt == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title, show_lines=False)
    columns = [c for c in columns if c in TABLE_COLUMNS and any(r.get(c) != "" for r in rows)]
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*(str(row.get(c, "")) for c in columns))
    console = Console()
    console.print(table)
    console.print(f"{len(items)} result{'s' if len(items) != 1 else ''}")


def echo_record(data: dict[str, Any], cited: list[Any]) -> None:
    """Print one record (``as_dict``) as ``key: value`` lines, its lists one entry a line,
    then the sources it cites."""
    for key, value in data.items():
        if value in (None, [], ""):
            continue
        if isinstance(value, list):
            click.echo(f"{key}:")
            for entry in value:
                shown = (
                    entry
                    if not isinstance(entry, dict)
                    else ", ".join(
                        f"{k}={v}" for k, v in entry.items() if v not in (None, [], "", False)
                    )
                )
                click.echo(f"  - {shown}")
        else:
            click.echo(f"{key}: {value}")
    if cited:
        click.echo("sources:")
        for source in cited:
            click.echo(f"  - {source_line(source)}")


def source_line(source: Any) -> str:
    """A source as its outlet, title, date and link (what a reader needs to find it)."""
    parts = [source.publisher, f'"{source.title}"', str(source.published or "")]
    line = ", ".join(p for p in parts if p) + f" [{source.id}]"
    return f"{line} {source.url}" if source.url else line


def notes(unchecked: Iterable[str]) -> None:
    """Say on stderr what validation could not check (citation spans without documents)."""
    for note in unchecked:
        click.echo(f"catimeline: note: {note}", err=True)
