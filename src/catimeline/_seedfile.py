"""Reading seed YAML into domain objects, remembering the file and line of each.

This module checks one entry at a time (shape, types, vocabulary, dates);
:mod:`catimeline._seeds` checks what needs all entries at once (unique ids,
references, citation spans) and loads them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any, NoReturn

import attrs

from catimeline import _seedyaml as seedyaml
from catimeline import _yamllimits as yamllimits
from catimeline import vocabulary as v
from catimeline._dates import FuzzyDate
from catimeline._errors import InvalidDate, SeedError
from catimeline._model import (
    Accident,
    Actor,
    Citation,
    Event,
    Name,
    Participant,
    Place,
    Project,
    Quantity,
    Record,
    Relation,
    Source,
    StatusChange,
    Tenure,
    quantity,
)
from catimeline._seedpaths import document_name_problem
from catimeline._similar import closest

SECTIONS = ("sources", "actors", "places", "projects", "events")
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
COUNTRY_PATTERN = re.compile(r"^[A-Z]{2}$")


@attrs.frozen
class Located:
    """A record read from a seed file, with where it was written (and each field's line)."""

    record: Record
    path: str
    line: int
    fields: Mapping[str, int] = attrs.field(factory=dict, eq=False)

    def line_of(self, field: str | None) -> int:
        """The line of a top-level field of the entry, or of the entry itself."""
        return self.fields.get(field, self.line) if field else self.line


class _Entry:
    """One YAML mapping being read, with helpers that raise SeedError at its line."""

    def __init__(self, data: Any, path: str, line: int, what: str) -> None:
        self.path, self.line, self.what = path, line, what
        if not isinstance(data, Mapping):
            self.fail(f"{what} must be a mapping of fields, not {type(data).__name__}")
        self.data: Mapping[str, Any] = data

    def line_of(self, key: str) -> int:
        lc = getattr(self.data, "lc", None)
        try:
            return int(lc.key(key)[0]) + 1 if lc is not None else self.line
        except (KeyError, TypeError, AttributeError):
            return self.line

    def fail(self, message: str, key: str | None = None) -> NoReturn:
        line = self.line_of(key) if key is not None else self.line
        raise SeedError(message, path=self.path, line=line)

    def check_keys(self, required: Iterable[str], optional: Iterable[str]) -> None:
        allowed = set(required) | set(optional)
        for key in self.data:
            if key not in allowed:
                close = closest(str(key), sorted(allowed), limit=1, by="spelling")
                hint = f" (did you mean {close[0]!r}?)" if close else ""
                self.fail(f"{self.what} has an unknown field {key!r}{hint}", str(key))
        for key in required:
            if self.data.get(key) in (None, ""):
                self.fail(f"{self.what} needs a {key!r} field")

    def text(self, key: str, *, required: bool = False) -> str | None:
        value = self.data.get(key)
        if value is None:
            if required:
                self.fail(f"{self.what} needs a {key!r} field")
            return None
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            self.fail(f"{key!r} of {self.what} must be text", key)
        return str(value).strip()

    def req(self, key: str) -> str:
        value = self.text(key, required=True)
        assert value is not None
        return value

    def id(self, key: str = "id") -> str:
        value = self.req(key)
        if not ID_PATTERN.match(value):
            self.fail(
                f"{key} {value!r} of {self.what} is not a slug: use lower-case letters, "
                "digits and single hyphens",
                key,
            )
        return value

    def ref(self, key: str) -> str | None:
        return None if self.data.get(key) is None else self.id(key)

    def word(
        self,
        key: str,
        vocabulary: Mapping[str, str],
        *,
        required: bool = True,
        default: str | None = None,
    ) -> str | None:
        value = self.text(key, required=required and default is None)
        if value is None:
            return default
        if value not in vocabulary:
            close = closest(value, vocabulary, by="spelling")
            hint = f"; did you mean {', '.join(map(repr, close))}?" if close else ""
            self.fail(f"{key} {value!r} of {self.what} is not in the vocabulary{hint}", key)
        return value

    def date(self, key: str, *, required: bool = False) -> FuzzyDate | None:
        value = self.data.get(key)
        if value is None:
            if required:
                self.fail(f"{self.what} needs a {key!r} field")
            return None
        if not isinstance(value, str):
            self.fail(
                f'{key} of {self.what} must be EDTF text in quotes, e.g. "2023-10-28" '
                f"(YAML read {value!r} as {type(value).__name__})",
                key,
            )
        try:
            return FuzzyDate.parse(value)
        except InvalidDate as exc:
            self.fail(f"{key} of {self.what}: {exc}", key)

    def whole(self, key: str) -> int | None:
        value = self.data.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            self.fail(f"{key} of {self.what} must be a whole number >= 0", key)
        return int(value)

    def number(self, key: str) -> float:
        value = self.data.get(key)
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.fail(f"{key} of {self.what} must be a number", key)
        return float(value)

    def flag(self, key: str) -> bool:
        value = self.data.get(key, False)
        if not isinstance(value, bool):
            self.fail(f"{key} of {self.what} must be true or false", key)
        return bool(value)

    def country(self, key: str = "country") -> str | None:
        value = self.text(key)
        if value is not None and not COUNTRY_PATTERN.match(value):
            self.fail(f"{key} {value!r} of {self.what} must be an ISO 3166-1 alpha-2 code", key)
        return value

    def items(self, key: str) -> list[tuple[Any, int]]:
        """The list under ``key`` with each item's line."""
        value = self.data.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.fail(f"{key} of {self.what} must be a list", key)
        lc = getattr(value, "lc", None)
        out = []
        for i, item in enumerate(value):
            try:
                line = int(lc.item(i)[0]) + 1 if lc is not None else self.line_of(key)
            except (KeyError, TypeError, AttributeError):
                line = self.line_of(key)
            out.append((item, line))
        return out

    def sub(self, item: Any, line: int, what: str) -> _Entry:
        return _Entry(item, self.path, line, f"{what} in {self.what}")

    def strings(
        self, key: str, check: Callable[[_Entry, str, str], str] | None = None
    ) -> tuple[str, ...]:
        out = []
        for item, line in self.items(key):
            if isinstance(item, bool) or not isinstance(item, str | int):
                raise SeedError(
                    f"{key} of {self.what} must list text values", path=self.path, line=line
                )
            text = str(item).strip()
            if check is not None:
                text = check(self, key, text)
            out.append(text)
        return tuple(out)


def _slug(entry: _Entry, key: str, value: str) -> str:
    if not ID_PATTERN.match(value):
        entry.fail(f"{key} lists {value!r}, which is not an id slug", key)
    return value


def _country_code(entry: _Entry, key: str, value: str) -> str:
    if not COUNTRY_PATTERN.match(value):
        entry.fail(f"{key} lists {value!r}, which is not an ISO 3166-1 alpha-2 code", key)
    return value


# ------------------------------------------------------------------ parts


def _citation(c: _Entry) -> Citation:
    c.check_keys(["source", "start", "end"], [])
    start, end = c.whole("start"), c.whole("end")
    assert start is not None and end is not None
    if start >= end:
        c.fail(f"citation span {start}-{end} is empty or reversed: start must be < end")
    return Citation(c.id("source"), start, end)


def _citations(e: _Entry, key: str = "citations") -> tuple[Citation, ...]:
    return tuple(_citation(e.sub(item, line, "a citation")) for item, line in e.items(key))


def _names(e: _Entry) -> tuple[Name, ...]:
    out = []
    for item, line in e.items("names"):
        n = e.sub(item, line, "a name")
        n.check_keys(["name"], ["type", "from", "until", "note"])
        out.append(
            Name(
                n.req("name"),
                n.word("type", v.NAME_TYPES, default="alias") or "alias",
                since=n.date("from"),
                until=n.date("until"),
                note=n.text("note"),
            )
        )
    return tuple(out)


def _participants(e: _Entry, key: str = "participants") -> tuple[Participant, ...]:
    out = []
    for item, line in e.items(key):
        p = e.sub(item, line, "a participant")
        p.check_keys(["actor", "role"], ["note"])
        out.append(Participant(p.id("actor"), p.word("role", v.ROLES) or "", p.text("note")))
    return tuple(out)


def _figures(e: _Entry) -> tuple[Quantity, ...]:
    out = []
    for item, line in e.items("figures"):
        f = e.sub(item, line, "a figure")
        f.check_keys(["name", "value", "unit"], ["printed", "approx", "note"])
        out.append(
            quantity(
                f.req("name"),
                f.number("value"),
                f.req("unit"),
                printed=f.text("printed"),
                approx=f.flag("approx"),
                note=f.text("note"),
            )
        )
    return tuple(out)


def _date_how(e: _Entry, key: str) -> str:
    return e.word(key, v.DATE_HOW, default="stated") or "stated"


# ------------------------------------------------------------------ entities


def _source(e: _Entry) -> Source:
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
    return Source(
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


def _actor(e: _Entry) -> Actor:
    e.check_keys(
        ["id", "name", "kind"],
        ["country", "names", "relations", "description", "citations", "notes"],
    )
    relations = []
    for item, line in e.items("relations"):
        r = e.sub(item, line, "a relation")
        r.check_keys(["type", "actor"], ["from", "until", "note"])
        relations.append(
            Relation(
                r.word("type", v.RELATION_TYPES) or "",
                r.id("actor"),
                since=r.date("from"),
                until=r.date("until"),
                note=r.text("note"),
            )
        )
    return Actor(
        e.id(),
        e.req("name"),
        e.word("kind", v.ACTOR_KINDS) or "",
        country=e.country(),
        names=_names(e),
        relations=tuple(relations),
        description=e.text("description"),
        citations=_citations(e),
        notes=e.text("notes"),
    )


def _place(e: _Entry) -> Place:
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
    coordinates = None
    raw = e.data.get("coordinates")
    if raw is not None:
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
        coordinates = (lat, lon)
    operators = []
    for item, line in e.items("operators"):
        t = e.sub(item, line, "an operator")
        t.check_keys(["actor"], ["role", "from", "until", "note"])
        operators.append(
            Tenure(
                t.id("actor"),
                t.word("role", v.ROLES, default="operator") or "",
                since=t.date("from"),
                until=t.date("until"),
                note=t.text("note"),
            )
        )
    return Place(
        e.id(),
        e.req("name"),
        e.word("kind", v.PLACE_KINDS) or "",
        parent=e.ref("parent"),
        country=e.country(),
        coordinates=coordinates,
        names=_names(e),
        operators=tuple(operators),
        notes=e.text("notes"),
        citations=_citations(e),
    )


def _project(e: _Entry) -> Project:
    e.check_keys(
        ["id", "name", "kind"],
        ["countries", "places", "participants", "figures", "status", "citations", "notes", "names"],
    )
    kind = e.req("kind")
    if not ID_PATTERN.match(kind):
        e.fail(f"project kind {kind!r} must be a slug such as 'hydropower-plant'", "kind")
    status = []
    for item, line in e.items("status"):
        st = e.sub(item, line, "a status step")
        st.check_keys(
            ["status", "date"], ["planned", "date_how", "event", "citation", "citations", "note"]
        )
        cites = _citations(st)
        if st.data.get("citation") is not None:
            one = st.sub(st.data["citation"], st.line_of("citation"), "a citation")
            cites = (_citation(one), *cites)
        date = st.date("date", required=True)
        assert date is not None
        status.append(
            StatusChange(
                st.word("status", v.STATUSES) or "",
                date,
                planned=st.flag("planned"),
                date_how=_date_how(st, "date_how"),
                event=st.ref("event"),
                citations=cites,
                note=st.text("note"),
            )
        )
    return Project(
        e.id(),
        e.req("name"),
        kind,
        countries=e.strings("countries", _country_code),
        places=e.strings("places", _slug),
        participants=_participants(e),
        figures=_figures(e),
        status=tuple(status),
        citations=_citations(e),
        notes=e.text("notes"),
        names=_names(e),
    )


def _event(e: _Entry) -> Event:
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
        "participants": _participants(e),
        "project": e.ref("project"),
        "figures": _figures(e),
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
        return Event(e.id(), date, kind, e.req("title"), **common)
    if kind != "accident":
        e.fail(f"only kind 'accident' takes an 'accident:' block, not {kind!r}", "accident")
    a = e.sub(block, e.line_of("accident"), "the accident block")
    a.check_keys([], ["deaths", "injured", "cause", "facility", "operator"])
    return Accident(
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


READERS: Mapping[str, Callable[[_Entry], Record]] = {
    "sources": _source,
    "actors": _actor,
    "places": _place,
    "projects": _project,
    "events": _event,
}


def _yaml() -> Any:
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.allow_duplicate_keys = False
    yaml.Composer = yamllimits.limited_composer()
    yaml.Reader = yamllimits.limited_reader()
    yaml.Scanner = yamllimits.limited_scanner(yaml.Scanner)
    return yaml


def read_file(path: Path, *, label: str | None = None) -> tuple[list[Located], list[SeedError]]:
    """Read one seed file: its records and every problem found (each with file and line).

    A YAML syntax error stops the file; a bad entry is reported and the rest are still read.
    """
    name = label or str(path)
    try:
        data = _parse(_read_text(path, name), name)
        if data is None:
            return [], []
        items = _sections(data, name)
    except SeedError as exc:
        return [], [exc]
    records: list[Located] = []
    errors: list[SeedError] = []
    for section, (item, line) in items:
        try:
            entry = _Entry(item, name, line, f"an entry of {section}")
            fields = {str(k): entry.line_of(str(k)) for k in entry.data}
            records.append(Located(READERS[section](entry), name, line, fields))
        except SeedError as exc:
            errors.append(exc)
    return records, errors


def _read_text(path: Path, name: str) -> str:
    """The file's text: UTF-8 and within the size a seed file may have, else ``SeedError``."""
    try:
        with path.open("rb") as handle:
            raw = handle.read(yamllimits.MAX_BYTES + 1)
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SeedError(f"not UTF-8 text ({exc.reason} at byte {exc.start})", path=name) from exc
    except OSError as exc:
        raise SeedError(f"cannot read the file: {exc.strerror}", path=name) from exc
    if len(raw) > yamllimits.MAX_BYTES:
        message = (
            f"the file is larger than the {yamllimits.MAX_BYTES // 2**20} MiB a seed file may "
            "be: split it into several files"
        )
        raise SeedError(message, path=name)
    return text


def _parse(text: str, name: str) -> Any:
    """The YAML document of ``text``; a syntax error or refused value is a ``SeedError``."""
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    try:
        # libyaml when it reads the file exactly as ruamel would (see catimeline._seedyaml).
        data = seedyaml.load(text)
        if data is seedyaml.SLOW:
            data = _yaml().load(text)
    except yamllimits.LimitExceeded as exc:
        raise SeedError(f"YAML refused: {exc.message}", path=name, line=exc.line) from exc
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        problem = exc.problem or exc.context or "YAML syntax error"
        raise SeedError(f"YAML syntax error: {problem}", path=name, line=line) from exc
    except YAMLError as exc:
        raise SeedError(f"YAML error: {exc}", path=name) from exc
    except Exception as exc:
        # A YAML tag that cannot build its value (``!!int country``, a bad ``!!timestamp``,
        # ``!!set null``): ruamel's constructors raise whatever their code meets.
        problem = f"{type(exc).__name__}: {exc}"
        raise SeedError(f"YAML value cannot be read ({problem}): check its tag", path=name) from exc
    return data


def _sections(data: Any, name: str) -> list[tuple[str, tuple[Any, int]]]:
    """Each entry of the file with its section; an unknown section is a ``SeedError``."""
    top = _Entry(data, name, 1, "a seed file")
    for key in data:
        if key not in SECTIONS:
            close = closest(str(key), SECTIONS, limit=1, by="spelling")
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            top.fail(f"unknown section {key!r}{hint}; sections are {', '.join(SECTIONS)}", key)
    return [(section, item) for section in SECTIONS for item in top.items(section)]
