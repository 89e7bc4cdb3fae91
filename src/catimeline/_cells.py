"""Spreadsheet-safe text cells: a value a spreadsheet would run as a formula is neutralised.

Excel, LibreOffice and Google Sheets treat a cell starting with ``=``, ``+``,
``-`` or ``@`` as a formula (and a leading tab or carriage return can hide one),
so a title such as ``=HYPERLINK("http://evil", "click")`` in a CSV export
would run when opened.  Such a cell gets a leading apostrophe, which every
spreadsheet shows as text and which a reader of the CSV can strip.
"""

from __future__ import annotations

from typing import Any

#: First characters that make a spreadsheet read a cell as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralised(value: Any) -> Any:
    """``value`` with a leading ``'`` when it is text that starts like a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
