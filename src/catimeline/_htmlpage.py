"""The HTML export: a self-contained page with an interactive timeline and every event's
sources, that opens offline in any browser.

- The chart (Vega-Lite through altair, its JavaScript inlined by vl-convert) has a
  band per kind group (nine colours, not thirty-three kinds); inside a band, items
  are packed into rows so marks and labels never overlap, which keeps 5 events
  and 300 events both readable.
- The time axis covers where the events are (with a small margin); an open end
  ("before 1991") is a dashed line from the known end to the edge with an arrow,
  placed and sorted by its known end (never at year 1).
- With few items each mark is labelled with its title (and deaths); with many,
  hovering shows the details and clicking jumps to the item in the list.
- Below, the list gives each item's date, kind, country, actors (as named on
  the date), deaths and sources: title, outlet, date and a link when known.

Everything taken from records is escaped: HTML text with :func:`html.escape`,
the JSON embedded in the inline script with ``<``, ``>``, ``&`` and U+2028/9
as ``\\u`` escapes, so no title can close the script; links are kept only
when they are ``http`` or ``https``.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Sequence
from html import escape
from typing import Any

import attrs

from catimeline._columns import value
from catimeline._lanes import group_label, group_order, pack
from catimeline._model import Accident, Event, Project
from catimeline._outputs import Lookup, Span, dated, describe_date, need, source_ids, span

#: Up to this many items, marks carry their titles; above, tooltips and the list do.
LABELLED = 40
WIDTH = 900
LABEL_CHARS = 48
#: Vega's tableau10, one distinct colour per kind group.
PALETTE = (
    "#4c78a8",
    "#f58518",
    "#e45756",
    "#72b7b2",
    "#54a24b",
    "#eeca3b",
    "#b279a2",
    "#ff9da6",
    "#9d755d",
    "#bab0ac",
)
_EPOCH = dt.date(1970, 1, 1)
_DAY_MS = 86_400_000


def _ms(day: dt.date) -> int:
    """Milliseconds since 1970 (UTC) of a day: exact for years 1 to 9999."""
    return (day - _EPOCH).days * _DAY_MS


def safe_json(value: Any) -> str:
    """JSON that can sit inside an HTML ``<script>``: no ``<``, ``>``, ``&``, U+2028/9."""
    text = json.dumps(value, ensure_ascii=False, allow_nan=False)
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def safe_url(url: Any) -> str | None:
    """``url`` when it is an http(s) link without spaces or controls, else None."""
    if not isinstance(url, str):
        return None
    text = url.strip()
    if not text.lower().startswith(("http://", "https://")):
        return None
    if any(ch.isspace() or ord(ch) < 32 or ord(ch) == 127 for ch in text):
        return None
    return text


@attrs.frozen
class Item:
    """One item as the page draws and lists it."""

    anchor: str
    record: Any
    date: Any
    span: Span
    name: str
    group: str


def _items(records: Sequence[Any]) -> list[Item]:
    found: list[Item] = []
    for n, record in enumerate(records):
        date = dated(record)
        drawn = span(date) if date is not None else None
        if date is None or drawn is None:
            continue
        name = record.title if isinstance(record, Event) else record.name
        if isinstance(record, Event):
            group = group_label(record.kind)
        else:  # projects are coloured by where they stand now
            status = record.current_status or "planned"
            group = status[:1].upper() + status[1:].replace("-", " ")
        found.append(Item(f"item-{n}", record, date, drawn, name, group))
    # Sorted by where they are drawn (an open start by its known end); a stable sort
    # keeps the query's order among items drawn at the same place.
    return sorted(found, key=lambda i: (i.span.start, i.span.end))


def _toll(record: Any) -> str:
    if isinstance(record, Accident) and record.deaths is not None:
        return f"{record.deaths} dead"
    return ""


def _actors(record: Any, names: Lookup) -> str:
    column = "actors" if isinstance(record, Event) else "participant_names"
    return ", ".join(value(record, column, names))


def _country(record: Any, names: Lookup) -> str:
    if isinstance(record, Event):
        return value(record, "country_name", names) or ""
    return ", ".join(value(record, "country_names", names))


def _short(text: str) -> str:
    return text if len(text) <= LABEL_CHARS else text[: LABEL_CHARS - 1] + "…"


def chart(records: Sequence[Any], names: Lookup, title: str = "catimeline") -> Any:
    """The altair chart of the page: kind-group bands, packed rows, open ends as arrows."""
    alt = need("altair", "the HTML export")
    items = _items(records)
    labelled = len(items) <= LABELLED
    axis = _axis(items)
    groups = [g for g in group_order() if any(i.group == g for i in items)]
    groups += [g for g in dict.fromkeys(i.group for i in items) if g not in groups]
    records_out, lanes = _lanes(items, groups, names, axis, labelled)

    data = alt.Data(values=records_out)
    # Each group keeps its colour whichever groups are present.
    known = group_order()
    colours = [
        PALETTE[(known.index(g) if g in known else len(known) + n) % len(PALETTE)]
        for n, g in enumerate(groups)
    ]
    projects = bool(items) and all(isinstance(i.record, Project) for i in items)
    colour = alt.Color(
        "group:N",
        title="status" if projects else "kind",
        scale=alt.Scale(domain=groups, range=colours),
        legend=alt.Legend(orient="top", direction="horizontal", columns=5, labelLimit=200),
    )
    x = alt.X(
        "start:T",
        title=None,
        scale=alt.Scale(type="utc", domain=[axis.left, axis.right]),
        axis=alt.Axis(orient="top", grid=True, labelOverlap=True),
    )
    y = alt.Y(
        "lane:N",
        sort=lanes,
        title=None,
        axis=alt.Axis(
            labelExpr="split(datum.label, '|')[1] == '0' ? split(datum.label, '|')[0] : ''",
            ticks=False,
            domain=False,
            labelFontWeight="bold",
            labelPadding=12,
        ),
    )
    tooltip = [
        alt.Tooltip("title:N"),
        alt.Tooltip("date:N"),
        alt.Tooltip("kind:N"),
        alt.Tooltip("country:N"),
        alt.Tooltip("actors:N"),
        alt.Tooltip("deaths:N"),
        alt.Tooltip("sources:N"),
    ]
    opacity = alt.Opacity("opacity:Q", scale=None, legend=None)
    base = alt.Chart(data)
    open_lines = (
        base.transform_filter("datum.open != ''")
        .mark_rule(strokeDash=[4, 3], strokeWidth=1.5)
        .encode(x="start:T", x2="edge:T", y=y, color=colour, tooltip=tooltip)
    )
    arrows = (
        base.transform_filter("datum.open != ''")
        .mark_point(filled=True, size=60)
        .encode(
            x="edge:T", y=y, color=colour, shape=alt.Shape("arrow:N", scale=None), tooltip=tooltip
        )
    )
    bars = (
        base.transform_filter("!datum.point")
        .mark_bar(height={"band": 0.6}, cornerRadius=2)
        .encode(x=x, x2="end:T", y=y, color=colour, opacity=opacity, tooltip=tooltip)
    )
    points = (
        base.transform_filter("datum.point")
        .mark_point(filled=True, size=80)
        .encode(x=x, y=y, color=colour, opacity=opacity, tooltip=tooltip)
    )
    layers = [open_lines, arrows, bars, points]
    if labelled:
        layers += _labels(base, x, y, tooltip)
    step = 24 if labelled else 14
    return (
        alt.layer(*layers)
        .properties(width=WIDTH, height=alt.Step(step))
        .configure_view(stroke=None)
        .configure_axisY(labelLimit=160)
    )


@attrs.frozen
class _Axis:
    """The time axis in milliseconds: its left and right edges, and milliseconds per pixel."""

    left: int
    right: int
    per_px: float


def _axis(items: Sequence[Item]) -> _Axis:
    """An axis that shows every item with a margin, at least sixty days wide."""
    if items:
        low = min(i.span.start for i in items)
        high = max(i.span.end for i in items)
    else:
        low = high = dt.date.today()
    total = max(_ms(high) - _ms(low) + _DAY_MS, 60 * _DAY_MS)
    pad = total // 25
    # Kept within years 1 to 9999, which every date here lies in.
    left = max(_ms(low) - pad, _ms(dt.date.min))
    right = min(_ms(high) + _DAY_MS + pad, _ms(dt.date.max) + _DAY_MS)
    return _Axis(left, right, (right - left) / WIDTH)


def _lanes(
    items: Sequence[Item], groups: list[str], names: Lookup, axis: _Axis, labelled: bool
) -> tuple[list[dict[str, Any]], list[str]]:
    """The chart's data (one mark per item, packed into rows per group) and its lane names."""
    left, right, per_px = axis.left, axis.right, axis.per_px
    records_out: list[dict[str, Any]] = []
    lanes: list[str] = []
    for group in groups:
        members = [i for i in items if i.group == group]
        extents = []
        flips = []
        for i in members:
            start = float(left if i.span.open_start else _ms(i.span.start))
            end = float(right if i.span.open_end else _ms(i.span.end) + _DAY_MS)
            end = max(end, start + 8 * per_px)
            label = (len(_short(i.name)) + 12) * 6.2 * per_px if labelled else 0
            # A label that would run off the right edge goes left of its mark.
            flip = bool(label) and not i.span.open_end and end + label > right + 40 * per_px
            flips.append(flip)
            extents.append(
                (start - 4 * per_px - (label if flip else 0), end + (0 if flip else label))
            )
        rows = pack(extents)
        lanes += [f"{group}|{r}" for r in range(max(rows, default=-1) + 1)]
        for i, row, flip in zip(members, rows, flips, strict=True):
            records_out.append(_mark(i, f"{group}|{row}", flip, names, axis))
    return records_out, lanes


def _mark(i: Item, lane: str, flip: bool, names: Lookup, axis: _Axis) -> dict[str, Any]:
    """The chart's data for one item: where it is drawn and what its tooltip says."""
    s = i.span
    toll = _toll(i.record)
    text = _short(i.name) + (f" ({toll})" if toll else "")
    sources = [names.sources.get(sid) for sid in source_ids(i.record)]
    return {
        "anchor": i.anchor,
        "id": i.record.id,
        "lane": lane,
        "group": i.group,
        "title": i.name,
        "label": text,
        "date": describe_date(i.date),
        "kind": i.record.kind,
        "country": _country(i.record, names),
        "actors": _actors(i.record, names),
        "deaths": toll,
        "sources": "; ".join(
            (src.title if src is not None else sid)
            for src, sid in zip(sources, source_ids(i.record), strict=True)
        ),
        "start": _ms(s.start),
        "end": _ms(s.end) + _DAY_MS,
        "point": s.start == s.end,
        "opacity": 0.45 if s.faded else 1.0,
        "flip": flip,
        "open": "start" if s.open_start else "end" if s.open_end else "",
        "edge": axis.left if s.open_start else axis.right,
        "arrow": "triangle-left" if s.open_start else "triangle-right",
    }


def _labels(base: Any, x: Any, y: Any, tooltip: list[Any]) -> list[Any]:
    """The text layers: right of a mark, left of one near the right edge, above an open end."""
    return [
        base.transform_filter("datum.open != 'end' && !datum.flip")
        .mark_text(align="left", dx=7, fontSize=11, color="#222")
        .encode(x="end:T", y=y, text="label:N", tooltip=tooltip),
        base.transform_filter("datum.flip")
        .mark_text(align="right", dx=-7, fontSize=11, color="#222")
        .encode(x=x, y=y, text="label:N", tooltip=tooltip),
        base.transform_filter("datum.open == 'end'")
        .mark_text(align="left", dx=7, dy=-9, fontSize=11, color="#222")
        .encode(x=x, y=y, text="label:N", tooltip=tooltip),
    ]


_STYLE = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:1.5rem;color:#222;
max-width:1200px}
h1{font-size:1.5rem;margin:0 0 .25rem}
.ct-sub{color:#666;margin:0 0 1rem}
.ct-list{padding-left:1.5rem}
.ct-list>li{margin:.5rem 0}
.ct-list>li:target{background:#fff6d5}
.ct-meta{color:#555}
.ct-sources{margin:.2rem 0 0;padding-left:1.2rem;font-size:.92rem}
.ct-sources a{color:#1a56a0}
"""


def _source_line(sid: str, names: Lookup) -> str:
    source = names.sources.get(sid)
    if source is None:
        return f"<li>{escape(sid)}</li>"
    url = safe_url(getattr(source, "url", None))
    title = escape(source.title)
    head = f'<a href="{escape(url)}" rel="noopener noreferrer">{title}</a>' if url else title
    rest = [escape(str(x)) for x in (source.publisher, source.published) if x]
    return f"<li>{', '.join([head, *rest])}</li>"


def _entry(item: Item, names: Lookup) -> str:
    record = item.record
    meta = [record.kind, _country(record, names), _actors(record, names)]
    meta.append(_toll(record))
    if isinstance(record, Project) and record.current_status:
        meta.append(record.current_status)
    sources = "".join(_source_line(sid, names) for sid in source_ids(record))
    summary = getattr(record, "summary", None)
    return (
        f'<li id="{escape(item.anchor)}" data-id="{escape(record.id)}">'
        f"<b>{escape(describe_date(item.date))}</b> "
        f"{escape(item.name)}"
        f' <span class="ct-meta">({escape(" · ".join(m for m in meta if m))})</span>'
        + (f"<br>{escape(summary)}" if summary else "")
        + (f'<ul class="ct-sources">{sources}</ul>' if sources else "")
        + "</li>"
    )


def _subtitle(items: Sequence[Item]) -> str:
    if not items:
        return "Nothing to show."
    years = sorted({i.span.start.year for i in items} | {i.span.end.year for i in items})
    when = f"{years[0]}–{years[-1]}" if years[0] != years[-1] else f"{years[0]}"
    noun = "item" if len(items) == 1 else "items"
    return (
        f"{len(items)} {noun}, {when}. Bars are months, years or ranges; dots are days; "
        "faded marks are approximate or uncertain dates; dashed arrows are open ends. "
        "Hover for details, click a mark to find it in the list below."
    )


@functools.cache
def _bundle() -> str:
    """vega, vega-lite and vega-embed as one script (built once per process: ~1 MB)."""
    need("vl_convert", "the HTML export")
    from altair.utils._importers import vl_version_for_vl_convert
    from vl_convert import javascript_bundle

    # The stub marks ``snippet`` required; left out, the bundle sets window.vegaEmbed.
    bundle: str = javascript_bundle(vl_version=vl_version_for_vl_convert())  # type: ignore[call-arg]
    return bundle


def page(records: Sequence[Any], names: Lookup, title: str) -> str:
    """The whole HTML page: heading, chart, and the list of items with their sources."""
    bundle = _bundle()
    spec = chart(records, names, title).to_dict()
    items = _items(records)
    options = {"renderer": "svg", "actions": False}
    entries = "".join(_entry(i, names) for i in items)
    projects = bool(items) and all(isinstance(i.record, Project) for i in items)
    heading = "Projects" if projects else "Events"
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)}</title>
<style>{_STYLE}</style>
<script>{bundle}</script>
</head>
<body>
<h1 id="ct-title">{escape(title)}</h1>
<p class="ct-sub">{escape(_subtitle(items))}</p>
<div id="ct-chart"></div>
<h2>{heading} and their sources</h2>
<ol class="ct-list">{entries}</ol>
<script>
const spec = {safe_json(spec)};
vegaEmbed("#ct-chart", spec, {safe_json(options)}).then(function (result) {{
  result.view.addEventListener("click", function (event, item) {{
    if (item && item.datum && item.datum.anchor) {{
      location.hash = item.datum.anchor;
    }}
  }});
  document.body.setAttribute("data-ct-rendered", "yes");
}}).catch(console.error);
</script>
</body>
</html>
"""
