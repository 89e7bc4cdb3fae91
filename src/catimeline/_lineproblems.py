"""How a line of an imported file that cannot be read is reported (every importer's)."""

from __future__ import annotations

from catimeline._errors import Problem


def line_problem(row: int, message: str, field: str = "") -> Problem:
    """A problem of line ``row`` of an imported file."""
    return Problem("record", f"line {row}", field, f"line {row}: {message}", row)


def reason(exc: Exception) -> str:
    """An exception as one short line: its type and first line."""
    text = str(exc).splitlines()[0] if str(exc) else ""
    text = text if len(text) <= 200 else text[:197] + "..."
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__
