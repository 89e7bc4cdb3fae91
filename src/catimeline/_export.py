"""Exports that other tools read: CSV, JSON Lines, TimelineJS, GeoJSON, iCalendar, HTML.

``results.export("csv", "amt.csv")`` or ``catimeline export --format csv -o amt.csv``.

- ``csv``: one row per item, lists joined with ``;``; dates as EDTF text plus
  ISO ``earliest``/``latest``; citations as ``source:start-end``; actors by their
  names on the event's date (``actors_current``: today's); ``sources_text``
  readable.  Cells that start like a spreadsheet formula get a leading ``'``
  (:mod:`catimeline._cells`) unless ``keep_formulas``; ``bom`` adds a byte-order mark.
- ``jsonl``: one JSON object per line, the full record (as ``catimeline show --format json``).
- ``timelinejs``: the JSON a TimelineJS 3 timeline loads; a date keeps only the
  fields its precision states (``2021-11`` has no day); escaped headlines and
  text; groups are kind groups.
- ``geojson``: a FeatureCollection (RFC 7946), see :mod:`catimeline._geo`.
- ``ics``: an iCalendar file (RFC 5545), see :mod:`catimeline._ics`.
- ``html``: a self-contained page with an interactive timeline and every item's
  sources, see :mod:`catimeline._htmlpage`.

Files are written whole or not at all (:mod:`catimeline._safewrite`).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from catimeline._cells import neutralised
from catimeline._columns import CSV, row, value, view_of
from catimeline._errors import QueryError
from catimeline._lanes import group_label
from catimeline._model import Accident, Event, Project
from catimeline._outputs import Lookup, describe_date, source_ids, source_text, span
from catimeline._rows import as_dict, cell, flat, union
from catimeline._safewrite import write_atomic
from catimeline._titles import human_title

FORMATS = ("csv", "jsonl", "timelinejs", "geojson", "ics", "html")
SUFFIXES = {
    "csv": ".csv",
    "jsonl": ".jsonl",
    "timelinejs": ".json",
    "geojson": ".geojson",
    "ics": ".ics",
    "html": ".html",
}


# ------------------------------------------------------------------ csv

#: Columns that stay last, in this order, whatever other columns the rows have.
_LAST = ("sources", "citations", "actors_current", "operator_name", "sources_text")
#: How a list is joined in a cell (else ``;``).
_JOINS = {"sources_text": " | "}


def _csv_row(item: Any, names: Lookup) -> dict[str, Any]:
    """An event as its :data:`~catimeline._columns.CSV` row; anything else as its table row."""
    if view_of(CSV, item) is None:
        return flat(item)
    return {k: cell(v, _JOINS.get(k, ";")) for k, v in row(CSV, item, names).items()}


def to_csv(items: Sequence[Any], names: Lookup, *, keep_formulas: bool = False) -> str:
    """CSV text (RFC 4180, header row first).

    Text that a spreadsheet would run as a formula gets a leading ``'``
    (:mod:`catimeline._cells`) unless ``keep_formulas``.
    """
    rows = [_csv_row(i, names) for i in items]
    if not keep_formulas:
        rows = [{k: neutralised(v) for k, v in found.items()} for found in rows]
    columns = union(rows, _LAST) if rows else [header for header, _ in CSV[Event]]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, restval="", lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


# ------------------------------------------------------------------ jsonl


#: Characters some line readers (Python's splitlines, JavaScript) take for line breaks:
#: written as \u escapes so each JSON Lines record stays on its line.
_BREAKS = {c: f"\\u{ord(c):04x}" for c in "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"}
_BREAK_TABLE = str.maketrans(_BREAKS)


def to_jsonl(items: Sequence[Any], names: Lookup) -> str:
    """One JSON object per line: the full record, its type, and an event's ISO bounds."""
    return "".join(
        json.dumps(as_dict(i), ensure_ascii=False).translate(_BREAK_TABLE) + "\n" for i in items
    )


# ------------------------------------------------------------------ timelinejs

_FIELDS = {"day": 3, "month": 2, "season": 2}


def _tjs_date(day: dt.date, fields: int) -> dict[str, int]:
    parts = {"year": day.year, "month": day.month, "day": day.day}
    return dict(list(parts.items())[:fields])


def _tjs_slide(uid: str, date: Any, headline: str, body: str, group: str) -> dict[str, Any] | None:
    s = span(date)
    if s is None:
        return None
    fields = _FIELDS.get(str(date.precision), 1)
    start = _tjs_date(s.start, fields)
    end = _tjs_date(s.end, fields)
    slide: dict[str, Any] = {
        "unique_id": uid,
        "start_date": start,
        "text": {"headline": headline, "text": body},
        "group": group,
        "display_date": describe_date(date),
    }
    if end != start and not (s.open_start or s.open_end):
        slide["end_date"] = end
    return slide


def _sources_html(item: Any, names: Lookup) -> str:
    from html import escape

    from catimeline._htmlpage import safe_url

    parts = []
    for sid in source_ids(item):
        source = names.sources.get(sid)
        label = escape(source_text(source, sid) if source is None else source.title)
        url = safe_url(getattr(source, "url", None))
        if url:
            label = f'<a href="{escape(url)}" target="_blank" rel="noopener">{label}</a>'
        rest = [] if source is None else [source.publisher, source.published]
        label = ", ".join([label, *(escape(str(x)) for x in rest if x)])
        parts.append(f"<li>{label}</li>")
    return f"<p>Sources:</p><ul>{''.join(parts)}</ul>" if parts else ""


def _event_body(item: Event, names: Lookup) -> str:
    from html import escape

    lines = [escape(item.summary or "")]
    who = value(item, "actors", names)
    if who:
        lines.append("Who: " + escape(", ".join(who)))
    if isinstance(item, Accident) and item.deaths is not None:
        lines.append(f"Deaths: {item.deaths}")
    country = value(item, "country_name", names)
    if country:
        lines.append("Country: " + escape(country))
    return "".join(f"<p>{x}</p>" for x in lines if x) + _sources_html(item, names)


def to_timelinejs(items: Sequence[Any], names: Lookup, title: str = "catimeline") -> str:
    """TimelineJS 3 JSON: a title slide and one slide per event (or project).

    TimelineJS shows headlines and text as HTML, so every value is escaped;
    ``group`` is the kind group ("Incidents", "Economy"...), a handful of rows
    its navigator can show.
    """
    from html import escape

    slides: list[dict[str, Any]] = []
    for item in items:
        if isinstance(item, Event):
            slide = _tjs_slide(
                item.id,
                item.date,
                escape(item.title),
                _event_body(item, names),
                group_label(item.kind),
            )
        elif isinstance(item, Project) and item.status:
            steps = sorted(item.status, key=lambda s: s.date)
            body = "".join(
                f"<p>{escape(str(s.date))}: {escape(s.status)}"
                f"{' (planned)' if s.planned else ''}</p>"
                for s in steps
            )
            slide = _tjs_slide(item.id, steps[0].date, escape(item.name), body, "Projects")
        else:
            slide = None
        if slide is not None:
            slides.append(slide)
    count = f"{len(slides)} item{'s' if len(slides) != 1 else ''}"
    document = {
        "title": {"text": {"headline": escape(title), "text": escape(count)}},
        "events": slides,
    }
    return json.dumps(document, ensure_ascii=False, indent=1)


# ------------------------------------------------------------------ geojson


def to_geojson(items: Sequence[Any], names: Lookup) -> str:
    """A GeoJSON FeatureCollection (see :mod:`catimeline._geo`)."""
    from catimeline._geo import to_geojson as collection

    return collection(items, names)


# ------------------------------------------------------------------ ics


def to_ics(items: Sequence[Any], names: Lookup, title: str = "catimeline") -> str:
    """An iCalendar (RFC 5545) calendar (see :mod:`catimeline._ics`)."""
    from catimeline._ics import to_ics as calendar

    return calendar(items, names, title)


# ------------------------------------------------------------------ html


def chart(items: Sequence[Any], names: Lookup, title: str = "catimeline") -> Any:
    """The altair Chart behind the HTML export (see :mod:`catimeline._htmlpage`)."""
    from catimeline._htmlpage import chart as page_chart

    return page_chart(items, names, title)


def to_html(items: Sequence[Any], names: Lookup, title: str = "catimeline") -> str:
    """A self-contained HTML page: the interactive chart and every item's sources."""
    from catimeline._htmlpage import page

    return page(items, names, title)


# ------------------------------------------------------------------ entry point

_WRITERS: dict[str, Callable[..., str]] = {
    "csv": to_csv,
    "jsonl": to_jsonl,
    "timelinejs": to_timelinejs,
    "geojson": to_geojson,
    "ics": to_ics,
    "html": to_html,
}


def export(
    items: Sequence[Any],
    format: str,
    path: str | Path | None = None,
    *,
    timeline: Any = None,
    title: str | None = None,
    bom: bool = False,
    keep_formulas: bool = False,
) -> str:
    """Write ``items`` in ``format`` to ``path`` (when given) and return the text.

    ``format`` is one of ``csv``, ``jsonl``, ``timelinejs``, ``geojson``, ``ics``,
    ``html``.  Names and coordinates come from ``timeline`` when given.
    ``title`` heads the page, calendar or timeline (default: a human title made
    from the items).  For ``csv``: ``bom`` starts the file with a UTF-8
    byte-order mark (so spreadsheets read it as UTF-8); ``keep_formulas`` keeps
    cells that start like a formula as they are instead of neutralising them.
    The file is written to a temporary file and renamed, so a failure (a full
    disk: :class:`~catimeline.DiskFull`) leaves the previous file as it was.
    """
    if format not in _WRITERS:
        raise QueryError(
            f"no export format {format!r}: use one of {', '.join(FORMATS)}",
            suggestions=[f for f in FORMATS if f.startswith(format[:1])],
        )
    if (bom or keep_formulas) and format != "csv":
        raise QueryError(
            f"bom and keep_formulas apply to the csv export only, not {format!r}: "
            "leave them out or export csv"
        )
    names = Lookup(items, timeline)
    writer = _WRITERS[format]
    if format in ("timelinejs", "ics", "html"):
        text = writer(items, names, title or human_title(items, None, names))
    elif format == "csv":
        text = to_csv(items, names, keep_formulas=keep_formulas)
    else:
        text = writer(items, names)
    # A lone surrogate (from a database or a hand-made record) cannot be UTF-8: "?".
    text = text.encode("utf-8", "replace").decode("utf-8")
    if bom:
        text = "\ufeff" + text
    if path is not None:
        write_atomic(path, text.encode("utf-8"))
    return text
