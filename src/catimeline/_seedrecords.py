"""Reading one seed entry into its record: the fields each section's entries have.

One reader per section (:data:`READERS`) checks an entry on its own (its fields, their
types, vocabulary words and dates) and builds the record; the readers of the parts an
entry lists (names, citations, participants, figures...) serve every section that has
them.  What needs all entries at once (unique ids, references, citation spans) is
:mod:`catimeline._seeds`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from catimeline import _model as m
from catimeline import vocabulary as v
from catimeline._seedentry import COUNTRY_PATTERN, ID_PATTERN, Entry
from catimeline._seedpaths import document_name_problem

#: The optional fields of a list item that holds for a while (a name, a relation, an
#: operator): when it began and ended, and a note.
_PERIOD = ("from", "until", "note")


def _period(e: Entry) -> dict[str, Any]:
    """The ``since``/``until``/``note`` of a record that holds for a while (see _PERIOD)."""
    return {"since": e.date("from"), "until": e.date("until"), "note": e.text("note")}


def _slug(entry: Entry, key: str, value: str) -> str:
    if not ID_PATTERN.match(value):
        entry.fail(f"{key} lists {value!r}, which is not an id slug", key)
    return value


def _country_code(entry: Entry, key: str, value: str) -> str:
    if not COUNTRY_PATTERN.match(value):
        entry.fail(f"{key} lists {value!r}, which is not an ISO 3166-1 alpha-2 code", key)
    return value


def _date_how(e: Entry, key: str) -> str:
    return e.word(key, v.DATE_HOW, default="stated") or "stated"


# ------------------------------------------------------------------ parts


def _citation(c: Entry) -> m.Citation:
    c.check_keys(["source", "start", "end"], [])
    start, end = c.whole("start"), c.whole("end")
    assert start is not None and end is not None
    if start >= end:
        c.fail(f"citation span {start}-{end} is empty or reversed: start must be < end")
    return m.Citation(c.id("source"), start, end)


def _citations(e: Entry) -> tuple[m.Citation, ...]:
    return e.each("citations", "a citation", _citation)


def _name(n: Entry) -> m.Name:
    n.check_keys(["name"], ["type", *_PERIOD])
    name = n.req("name")
    return m.Name(name, n.word("type", v.NAME_TYPES, default="alias") or "alias", **_period(n))


def _relation(r: Entry) -> m.Relation:
    r.check_keys(["type", "actor"], _PERIOD)
    return m.Relation(r.word("type", v.RELATION_TYPES) or "", r.id("actor"), **_period(r))


def _operator(t: Entry) -> m.Tenure:
    t.check_keys(["actor"], ["role", *_PERIOD])
    actor = t.id("actor")
    return m.Tenure(actor, t.word("role", v.ROLES, default="operator") or "", **_period(t))


def _participant(p: Entry) -> m.Participant:
    p.check_keys(["actor", "role"], ["note"])
    return m.Participant(p.id("actor"), p.word("role", v.ROLES) or "", p.text("note"))


def _figure(f: Entry) -> m.Quantity:
    f.check_keys(["name", "value", "unit"], ["printed", "approx", "note"])
    return m.quantity(
        f.req("name"),
        f.number("value"),
        f.req("unit"),
        printed=f.text("printed"),
        approx=f.flag("approx"),
        note=f.text("note"),
    )


def _status_step(st: Entry) -> m.StatusChange:
    st.check_keys(
        ["status", "date"], ["planned", "date_how", "event", "citation", "citations", "note"]
    )
    cites = _citations(st)
    if st.data.get("citation") is not None:
        one = st.sub(st.data["citation"], st.line_of("citation"), "a citation")
        cites = (_citation(one), *cites)
    date = st.date("date", required=True)
    assert date is not None
    return m.StatusChange(
        st.word("status", v.STATUSES) or "",
        date,
        planned=st.flag("planned"),
        date_how=_date_how(st, "date_how"),
        event=st.ref("event"),
        citations=cites,
        note=st.text("note"),
    )


def _coordinates(e: Entry) -> tuple[float, float] | None:
    raw = e.data.get("coordinates")
    if raw is None:
        return None
    if (
        not isinstance(raw, list)
        or len(raw) != 2
        or not all(isinstance(x, int | float) and not isinstance(x, bool) for x in raw)
    ):
        e.fail("coordinates must be [latitude, longitude] in degrees", "coordinates")
    lat, lon = float(raw[0]), float(raw[1])
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        e.fail(
            f"coordinates {raw!r} are off the globe: [lat -90..90, lon -180..180]",
            "coordinates",
        )
    return (lat, lon)


# ------------------------------------------------------------------ entities


def _source(e: Entry) -> m.Source:
    e.check_keys(
        ["id", "document", "title"],
        [
            "sha256",
            "publisher",
            "author",
            "published",
            "published_how",
            "start",
            "end",
            "notes",
            "url",
        ],
    )
    start, end = e.whole("start"), e.whole("end")
    if start is not None and end is not None and start >= end:
        e.fail("a source's start must be before its end", "start")
    document = e.req("document")
    problem = document_name_problem(document)
    if problem is not None:
        e.fail(
            f"document {document!r} of {e.what} {problem}: name a file of the documents "
            "folder, e.g. 'article.txt'",
            "document",
        )
    return m.Source(
        e.id(),
        document,
        e.req("title"),
        publisher=e.text("publisher"),
        author=e.text("author"),
        published=e.date("published"),
        published_how=_date_how(e, "published_how") if e.data.get("published") else None,
        sha256=e.text("sha256"),
        start=start,
        end=end,
        notes=e.text("notes"),
        url=e.text("url"),
    )


def _actor(e: Entry) -> m.Actor:
    e.check_keys(
        ["id", "name", "kind"],
        ["country", "names", "relations", "description", "citations", "notes"],
    )
    relations = e.each("relations", "a relation", _relation)
    return m.Actor(
        e.id(),
        e.req("name"),
        e.word("kind", v.ACTOR_KINDS) or "",
        country=e.country(),
        names=e.each("names", "a name", _name),
        relations=relations,
        description=e.text("description"),
        citations=_citations(e),
        notes=e.text("notes"),
    )


def _place(e: Entry) -> m.Place:
    e.check_keys(
        ["id", "name", "kind"],
        [
            "parent",
            "country",
            "coordinates",
            "coordinates_how",
            "names",
            "operators",
            "notes",
            "citations",
        ],
    )
    coordinates = _coordinates(e)
    operators = e.each("operators", "an operator", _operator)
    return m.Place(
        e.id(),
        e.req("name"),
        e.word("kind", v.PLACE_KINDS) or "",
        parent=e.ref("parent"),
        country=e.country(),
        coordinates=coordinates,
        names=e.each("names", "a name", _name),
        operators=operators,
        notes=e.text("notes"),
        citations=_citations(e),
    )


def _project(e: Entry) -> m.Project:
    e.check_keys(
        ["id", "name", "kind"],
        ["countries", "places", "participants", "figures", "status", "citations", "notes", "names"],
    )
    kind = e.req("kind")
    if not ID_PATTERN.match(kind):
        e.fail(f"project kind {kind!r} must be a slug such as 'hydropower-plant'", "kind")
    status = e.each("status", "a status step", _status_step)
    return m.Project(
        e.id(),
        e.req("name"),
        kind,
        countries=e.strings("countries", _country_code),
        places=e.strings("places", _slug),
        participants=e.each("participants", "a participant", _participant),
        figures=e.each("figures", "a figure", _figure),
        status=status,
        citations=_citations(e),
        notes=e.text("notes"),
        names=e.each("names", "a name", _name),
    )


def _event(e: Entry) -> m.Event:
    e.check_keys(
        ["id", "date", "kind", "title", "citations"],
        [
            "date_how",
            "summary",
            "country",
            "places",
            "participants",
            "project",
            "figures",
            "tags",
            "notes",
            "accident",
        ],
    )
    kind = e.word("kind", v.EVENT_KINDS) or ""
    date = e.date("date", required=True)
    assert date is not None
    citations = _citations(e)
    if not citations:
        e.fail("an event needs at least one citation", "citations")
    common: dict[str, Any] = {
        "summary": e.text("summary"),
        "country": e.country(),
        "places": e.strings("places", _slug),
        "participants": e.each("participants", "a participant", _participant),
        "project": e.ref("project"),
        "figures": e.each("figures", "a figure", _figure),
        "citations": citations,
        "tags": e.strings("tags"),
        "notes": e.text("notes"),
        "date_how": _date_how(e, "date_how"),
    }
    block = e.data.get("accident")
    if kind == "accident" and block is None:
        e.fail(
            "an accident needs an 'accident:' block (deaths, injured, cause, facility, operator)",
            "kind",
        )
    if block is None:
        return m.Event(e.id(), date, kind, e.req("title"), **common)
    if kind != "accident":
        e.fail(f"only kind 'accident' takes an 'accident:' block, not {kind!r}", "accident")
    a = e.sub(block, e.line_of("accident"), "the accident block")
    a.check_keys([], ["deaths", "injured", "cause", "facility", "operator"])
    return m.Accident(
        e.id(),
        date,
        kind,
        e.req("title"),
        **common,
        deaths=a.whole("deaths"),
        injured=a.whole("injured"),
        cause=a.word("cause", v.CAUSES, required=False),
        facility=a.ref("facility"),
        operator=a.ref("operator"),
    )


#: The reader of each section's entries.
READERS: Mapping[str, Callable[[Entry], m.Record]] = {
    "sources": _source,
    "actors": _actor,
    "places": _place,
    "projects": _project,
    "events": _event,
}
