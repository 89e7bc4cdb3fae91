"""HTML views for Jupyter: ``Results._repr_html_()`` and single records' ``_repr_html_()``.

Every value is escaped.  Citations show the source (title, publisher, date and
document when the timeline is at hand, else its id) and the character span of
the supporting passage; they never copy the passage itself.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape
from typing import Any

from catimeline import _model as m
from catimeline._columns import value
from catimeline._outputs import Lookup

#: How many rows a Results table shows before "... and N more".
MAX_ROWS = 50

STYLE = (
    "<style>.catimeline table{border-collapse:collapse}"
    ".catimeline td,.catimeline th{padding:2px 8px;text-align:left;vertical-align:top}"
    ".catimeline .ct-muted{color:#777}</style>"
)


def _e(value: object) -> str:
    return escape("" if value is None else str(value))


def _figure(q: m.Quantity) -> str:
    value = f"{q.value:,.0f}" if float(q.value).is_integer() else f"{q.value:,}"
    text = f"{q.name}: {'about ' if q.approx else ''}{value} {q.unit}"
    if q.printed:
        text += f" (printed as {q.printed})"
    return _e(text)


def citation(c: m.Citation, names: Lookup | None = None) -> str:
    """One citation as HTML: the source and the span of characters that supports the fact."""
    source = names.sources.get(c.source) if names else None
    span = f"characters {c.start}–{c.end}"
    if source is None:
        return f"<span class='ct-cite'>{_e(c.source)}, {_e(span)}</span>"
    parts = [f"<i>{_e(source.title)}</i>"]
    if source.publisher:
        parts.append(_e(source.publisher))
    if source.published:
        parts.append(_e(source.published))
    parts.append(f"{_e(source.document)}, {_e(span)}")
    if source.url:
        # Only http(s) addresses are stored (catimeline._validate), so the link cannot run code.
        parts.append(f"<a href='{_e(source.url)}' target='_blank' rel='noopener'>link</a>")
    return f"<span class='ct-cite' title='{_e(source.id)}'>{', '.join(parts)}</span>"


def _list(items: Iterable[str]) -> str:
    entries = [f"<li>{i}</li>" for i in items]
    return f"<ul>{''.join(entries)}</ul>" if entries else ""


def _named_at(actor: str, names: Lookup, date: Any) -> str:
    """The actor's name on ``date``, with its current name when that differs."""
    then, now = names.actor_name_at(actor, date), names.actor_name(actor)
    return _e(then) if then == now else f"{_e(then)} <span class='ct-muted'>(now {_e(now)})</span>"


def _participant(p: m.Participant, names: Lookup, date: Any = None) -> str:
    note = f" <span class='ct-muted'>({_e(p.note)})</span>" if p.note else ""
    role = f" <span class='ct-muted'>{_e(p.role)}</span>"
    return f"{_named_at(p.actor, names, date)}{role}{note}"


def _name(n: m.Name) -> str:
    held = ""
    if n.since or n.until:
        held = f" ({_e(n.since or '..')}/{_e(n.until or '..')})"
    return f"{_e(n.name)} <span class='ct-muted'>{_e(n.type)}</span>{held}"


def _card(heading: str, fields: Sequence[tuple[str, str]]) -> str:
    body = "".join(
        f"<tr><th>{_e(label)}</th><td>{value}</td></tr>" for label, value in fields if value
    )
    return f"{STYLE}<div class='catimeline'><h4>{heading}</h4><table>{body}</table></div>"


def event_html(e: m.Event, names: Lookup | None = None) -> str:
    """An event (or accident) as an HTML card, with its citations."""
    names = names or Lookup(())
    date = _e(e.date)
    if e.date.earliest != e.date.latest or e.date.approximate or e.date.uncertain:
        date += (
            f" <span class='ct-muted'>({_e(e.date.earliest or '..')} to "
            f"{_e(e.date.latest or '..')}; {_e(e.date.precision)}"
            f"{', approximate' if e.date.approximate else ''}"
            f"{', uncertain' if e.date.uncertain else ''})</span>"
        )
    fields: list[tuple[str, str]] = [
        ("date", date + f" <span class='ct-muted'>{_e(e.date_how)}</span>"),
        ("kind", _e(e.kind)),
        ("country", _e(e.country)),
        ("places", _e(", ".join(names.place_name(p) for p in e.places))),
        ("participants", _list(_participant(p, names, e.date) for p in e.participants)),
        ("project", _e(names.project_name(e.project)) if e.project else ""),
    ]
    if isinstance(e, m.Accident):
        fields += [
            ("deaths", _e(e.deaths)),
            ("injured", _e(e.injured)),
            ("cause", _e(e.cause)),
            ("facility", _e(names.place_name(e.facility)) if e.facility else ""),
            ("operator", _named_at(e.operator, names, e.date) if e.operator else ""),
        ]
    fields += [
        ("figures", _list(_figure(q) for q in e.figures)),
        ("summary", _e(e.summary)),
        ("tags", _e(", ".join(e.tags))),
        ("notes", _e(e.notes)),
        ("citations", _list(citation(c, names) for c in e.citations)),
        ("id", f"<code>{_e(e.id)}</code>"),
    ]
    return _card(_e(e.title), fields)


def _held(since: object, until: object) -> str:
    """`` (2019/..)``: when a relation or tenure was held, or nothing when no date is known."""
    return f" ({_e(since or '..')}/{_e(until or '..')})" if since or until else ""


def actor_html(a: m.Actor, names: Lookup | None = None) -> str:
    """An actor as an HTML card: names over time, relations, citations."""
    names = names or Lookup(())
    relations = (
        f"{_e(r.type)} {_e(names.actor_name(r.actor))}" + _held(r.since, r.until)
        for r in a.relations
    )
    return _card(
        _e(a.name),
        [
            ("kind", _e(a.kind)),
            ("country", _e(a.country)),
            ("other names", _list(_name(n) for n in a.names)),
            ("relations", _list(relations)),
            ("description", _e(a.description)),
            ("notes", _e(a.notes)),
            ("citations", _list(citation(c, names) for c in a.citations)),
            ("id", f"<code>{_e(a.id)}</code>"),
        ],
    )


def place_html(p: m.Place, names: Lookup | None = None) -> str:
    """A place as an HTML card: parent, country, coordinates, other names, operators."""
    names = names or Lookup(())
    coords = f"{p.coordinates[0]:.4f}, {p.coordinates[1]:.4f}" if p.coordinates else ""
    operators = (
        f"{_e(names.actor_name(t.actor))} <span class='ct-muted'>{_e(t.role)}</span>"
        + _held(t.since, t.until)
        for t in p.operators
    )
    return _card(
        _e(p.name),
        [
            ("kind", _e(p.kind)),
            ("inside", _e(names.place_name(p.parent)) if p.parent else ""),
            ("country", _e(p.country)),
            ("coordinates", _e(coords)),
            ("other names", _list(_name(n) for n in p.names)),
            ("operators", _list(operators)),
            ("notes", _e(p.notes)),
            ("id", f"<code>{_e(p.id)}</code>"),
        ],
    )


def project_html(p: m.Project, names: Lookup | None = None) -> str:
    """A project as an HTML card: status history (planned steps marked), figures, citations."""
    names = names or Lookup(())
    steps = (
        f"{_e(s.date)} {_e(s.status)}"
        + (" <span class='ct-muted'>(planned)</span>" if s.planned else "")
        + "".join(f" [{citation(c, names)}]" for c in s.citations)
        for s in sorted(p.status, key=lambda s: s.date)
    )
    return _card(
        _e(p.name),
        [
            ("kind", _e(p.kind)),
            ("status", _e(p.current_status)),
            ("countries", _e(", ".join(p.countries))),
            ("places", _e(", ".join(names.place_name(x) for x in p.places))),
            ("participants", _list(_participant(x, names) for x in p.participants)),
            ("figures", _list(_figure(q) for q in p.figures)),
            ("status history", _list(steps)),
            ("notes", _e(p.notes)),
            ("citations", _list(citation(c, names) for c in p.citations)),
            ("id", f"<code>{_e(p.id)}</code>"),
        ],
    )


def record_html(item: Any, timeline: Any = None) -> str:
    """Any record as an HTML card; with a timeline, ids become names and sources titles."""
    names = Lookup([item], timeline)
    if isinstance(item, m.Event):
        return event_html(item, names)
    if isinstance(item, m.Actor):
        return actor_html(item, names)
    if isinstance(item, m.Place):
        return place_html(item, names)
    if isinstance(item, m.Project):
        return project_html(item, names)
    return f"<pre>{_e(item)}</pre>"


def _row(item: Any, names: Lookup) -> tuple[str, ...]:
    if isinstance(item, m.Event):
        toll = ""
        if isinstance(item, m.Accident) and item.deaths is not None:
            toll = f"{item.deaths} dead"
        return (
            f"<code>{_e(item.date)}</code>",
            _e(item.kind),
            f"{_e(item.title)}<br><span class='ct-muted'>{_e(item.id)}</span>",
            _e(item.country),
            _e(", ".join(value(item, "actors", names))),
            _e(", ".join(value(item, "places", names))),
            _e(toll),
            "<br>".join(citation(c, names) for c in item.citations),
        )
    if isinstance(item, m.Project):
        return (
            _e(item.current_status),
            _e(item.kind),
            f"{_e(item.name)}<br><span class='ct-muted'>{_e(item.id)}</span>",
            _e(", ".join(item.countries)),
            _e(", ".join(value(item, "participant_names", names))),
            _e(", ".join(value(item, "places", names))),
            "",
            "<br>".join(citation(c, names) for c in item.citations),
        )
    name = getattr(item, "name", item)
    return (
        "",
        _e(getattr(item, "kind", "")),
        f"{_e(name)}<br><span class='ct-muted'>{_e(getattr(item, 'id', ''))}</span>",
        _e(getattr(item, "country", "")),
        "",
        "",
        "",
        "",
    )


HEADERS = ("date", "kind", "title", "country", "actors", "places", "toll", "citations")


def results_html(
    items: Sequence[Any], query: Any = None, timeline: Any = None, limit: int = MAX_ROWS
) -> str:
    """A Results as an HTML table headed by the query that produced it."""
    shown = list(items[:limit])
    names = Lookup(shown, timeline)
    headers = list(HEADERS)
    if shown and isinstance(shown[0], m.Project):
        headers[0], headers[4] = "status", "participants"
    table = [_row(x, names) for x in shown]
    used = [i for i in range(len(headers)) if i < 3 or any(cells[i] for cells in table)]
    body = "".join(
        "<tr>" + "".join(f"<td>{cells[i]}</td>" for i in used) + "</tr>" for cells in table
    )
    head = "".join(f"<th>{_e(headers[i])}</th>" for i in used)
    count = f"{len(items)} result{'s' if len(items) != 1 else ''}"
    more = (
        f"<p class='ct-muted'>… and {len(items) - limit} more (slice the results to see them)</p>"
        if len(items) > limit
        else ""
    )
    caption = f"<p><b>{_e(count)}</b>" + (
        f" <span class='ct-muted'>{_e(query)}</span></p>" if query is not None else "</p>"
    )
    return (
        f"{STYLE}<div class='catimeline'>{caption}"
        f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>{more}</div>"
    )
