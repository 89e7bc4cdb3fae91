"""Single records in a notebook: the domain's display hook given the HTML views.

The domain classes import no presentation; their ``_repr_html_`` calls
:data:`catimeline.model.html_view`.  :func:`install` (which ``import catimeline``
calls) sets it to :func:`record_html`, which imports the HTML views on first
use, so importing the package loads no output code.
"""

from __future__ import annotations

from catimeline import model


def record_html(record: object) -> str:
    """A record as an HTML fragment (see :func:`catimeline.html.record_html`)."""
    from catimeline.html import record_html as view

    return view(record)


def install() -> None:
    """Show records in notebooks with the package's HTML views."""
    model.html_view = record_html
