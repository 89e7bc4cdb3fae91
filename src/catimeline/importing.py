"""Importing records from files people have: our own CSV and JSON Lines exports, and
ACLED-style event data.

``catimeline import FILE`` or :func:`import_file`.  A file is read whole into
records, validated like every other write (:mod:`catimeline.validate`) and written
in one transaction, or not at all.  Records whose id exists already are left alone
when they are identical (so importing a file twice changes nothing), rewritten when
they are your own, and refused when they belong to the curated seeds.

- ``jsonl``: the lines ``export --format jsonl`` writes (any record type; lossless).
- ``csv``: the columns ``export --format csv`` writes (events only).  Those columns
  carry no participant roles, figures, tags, notes or ``date_how``: participants come
  back with the role ``participant`` and the rest empty (docs/adding-data.md).
- ``acled``: ACLED-style columns, mapped as docs/adding-data.md describes.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import re
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs
from sqlalchemy import Connection, select

from catimeline.errors import InvalidRecords, Problem, QueryError
from catimeline.model import (
    Accident,
    Actor,
    Citation,
    Event,
    Name,
    Participant,
    Place,
    Project,
    Record,
    Relation,
    Source,
    StatusChange,
    Tenure,
    quantity,
)
from catimeline.validate import country_code, kind_word

FORMATS = ("csv", "jsonl", "acled")
#: Columns an ACLED-style file must have (the others of ACLED's codebook are optional).
ACLED_REQUIRED = ("event_date", "event_type", "country", "location")
ACLED_COLUMNS = (
    "event_id_cnty",
    "event_date",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "country",
    "admin1",
    "location",
    "latitude",
    "longitude",
    "fatalities",
    "source",
    "notes",
)
#: ACLED event types (and the sub-event types that say more) -> our event kinds.
ACLED_KINDS: Mapping[str, str] = {
    "battles": "clash",
    "riots": "clash",
    "protests": "protest",
    "violence against civilians": "attack",
    "explosions/remote violence": "attack",
    "strategic developments": "other",
    # sub-event types of strategic developments with a kind of their own
    "agreement": "agreement",
    "arrests": "arrest",
    "looting/property destruction": "attack",
}
#: (role of actor1, role of actor2) by our kind.
ACLED_ROLES: Mapping[str, tuple[str, str]] = {
    "protest": ("protester", "target"),
    "attack": ("perpetrator", "victim"),
    "arrest": ("official", "defendant"),
    "agreement": ("signatory", "signatory"),
}
ACLED_PUBLISHER = "ACLED (Armed Conflict Location & Event Data)"


@attrs.frozen
class ImportReport:
    """What an import did (or, in a dry run, would do), as counts of records by kind."""

    added: Mapping[str, int]
    updated: Mapping[str, int]
    unchanged: Mapping[str, int]
    dry_run: bool

    def total(self, which: str) -> int:
        """How many records were ``added``, ``updated`` or ``unchanged``."""
        counts: Mapping[str, int] = getattr(self, which)
        return sum(counts.values())

    def __str__(self) -> str:
        def part(which: str) -> str:
            counts: Mapping[str, int] = getattr(self, which)
            detail = ", ".join(f"{n} {k}s" for k, n in sorted(counts.items()) if n)
            return f"{self.total(which)} {which}" + (f" ({detail})" if detail else "")

        verb = "would be" if self.dry_run else "were"
        return (
            f"{part('added')}; {part('updated')}; {part('unchanged')} records {verb} written"
            if not self.dry_run
            else f"dry run, nothing written: {part('added')}; {part('updated')}; "
            f"{part('unchanged')} records {verb} so"
        )


def _problem(row: int, message: str, field: str = "") -> Problem:
    return Problem("record", f"line {row}", field, f"line {row}: {message}", row)


def _slug(text: str, limit: int = 60) -> str:
    from anyascii import anyascii

    slug = re.sub(r"[^a-z0-9]+", "-", anyascii(text).lower()).strip("-")
    return slug[:limit].strip("-") or "x"


def detect(path: Path, text: str) -> str:
    """The format of a file: by its suffix and, for CSV, its header."""
    if path.suffix.lower() in {".jsonl", ".ndjson", ".json"}:
        return "jsonl"
    first = text.split("\n", 1)[0].lower()
    header = {c.strip().strip('"') for c in first.split(",")}
    return "acled" if {"event_date", "event_type"} <= header else "csv"


# ------------------------------------------------------------------ JSON Lines


def _cites(values: Any) -> tuple[Citation, ...]:
    return tuple(Citation(**c) for c in values or ())


def _names(values: Any) -> tuple[Name, ...]:
    return tuple(Name(**n) for n in values or ())


def _parts(values: Any) -> tuple[Participant, ...]:
    return tuple(Participant(**p) for p in values or ())


def _figures(values: Any) -> tuple[Any, ...]:
    return tuple(quantity(**f) for f in values or ())


def record_from_dict(data: Mapping[str, Any]) -> Record:
    """A record from the nested data ``export --format jsonl`` (``as_dict``) writes."""
    fields = dict(data)
    kind = fields.pop("type", None)
    fields.pop("earliest", None)
    fields.pop("latest", None)
    if kind in ("Event", "Accident"):
        cls: type[Any] = Accident if kind == "Accident" else Event
        fields["participants"] = _parts(fields.get("participants"))
        fields["figures"] = _figures(fields.get("figures"))
        fields["citations"] = _cites(fields.get("citations"))
    elif kind == "Actor":
        cls = Actor
        fields["names"] = _names(fields.get("names"))
        fields["relations"] = tuple(Relation(**r) for r in fields.get("relations") or ())
        fields["citations"] = _cites(fields.get("citations"))
    elif kind == "Place":
        cls = Place
        fields["names"] = _names(fields.get("names"))
        fields["operators"] = tuple(Tenure(**t) for t in fields.get("operators") or ())
        fields["citations"] = _cites(fields.get("citations"))
        if fields.get("coordinates") is not None:
            fields["coordinates"] = tuple(fields["coordinates"])
    elif kind == "Project":
        cls = Project
        fields["participants"] = _parts(fields.get("participants"))
        fields["figures"] = _figures(fields.get("figures"))
        fields["citations"] = _cites(fields.get("citations"))
        fields["status"] = tuple(
            StatusChange(**{**st, "citations": _cites(st.get("citations"))})
            for st in fields.get("status") or ()
        )
    elif kind == "Source":
        cls = Source
    else:
        raise ValueError(
            f"'type' must be Event, Accident, Actor, Place, Project or Source, not {kind!r}"
        )
    return cls(**fields)  # type: ignore[no-any-return]


def read_jsonl(text: str, name: str) -> tuple[list[object], list[Problem]]:
    """Records of a JSON Lines file, and the lines that could not be read."""
    records: list[object] = []
    problems: list[Problem] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            if not isinstance(data, dict):
                raise ValueError(f"a line must hold a JSON object, not {type(data).__name__}")
            records.append(record_from_dict(data))
        except Exception as exc:  # every bad line is reported, none escapes
            problems.append(_problem(number, f"cannot be read as a record ({_why(exc)})"))
    return records, problems


def _why(exc: Exception) -> str:
    text = str(exc).splitlines()[0] if str(exc) else ""
    text = text if len(text) <= 200 else text[:197] + "..."
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


# ------------------------------------------------------------------ CSV (our export)


def _split(value: str | None) -> list[str]:
    return [v for v in (value or "").split(";") if v]


def _citation(text: str) -> Citation:
    source, _, span = text.rpartition(":")
    start, _, end = span.partition("-")
    return Citation(source, int(start), int(end))


def _whole(value: str | None) -> int | None:
    return None if value in (None, "") else int(value)


#: A CSV cell a spreadsheet would run as a formula is written with a leading apostrophe.
_NEUTRALISED = re.compile(r"^'(?=[=+\-@\t\r])")


def event_from_row(raw: Mapping[str, str]) -> Event:
    """An event from a row of ``export --format csv``."""
    row = {k: _NEUTRALISED.sub("", v) if isinstance(v, str) else v for k, v in raw.items()}
    common: dict[str, Any] = {
        "summary": row.get("summary") or None,
        "country": row.get("country") or None,
        "places": tuple(_split(row.get("place_ids"))),
        "participants": tuple(Participant(a, "participant") for a in _split(row.get("actor_ids"))),
        "project": row.get("project") or None,
        "citations": tuple(_citation(c) for c in _split(row.get("citations"))),
    }
    if row.get("kind") == "accident" and "deaths" in row:
        return Accident(
            row["id"],
            row["date"],
            row["kind"],
            row["title"],
            **common,
            deaths=_whole(row.get("deaths")),
            injured=_whole(row.get("injured")),
            cause=row.get("cause") or None,
            facility=row.get("facility") or None,
            operator=row.get("operator") or None,
        )
    return Event(row.get("id"), row.get("date"), row.get("kind"), row.get("title"), **common)  # type: ignore[arg-type]


def read_csv(text: str, name: str) -> tuple[list[object], list[Problem]]:
    """Events of a CSV file with the columns ``export --format csv`` writes."""
    reader = csv.DictReader(io.StringIO(text, newline=""))
    missing = [c for c in ("id", "date", "kind", "title") if c not in (reader.fieldnames or [])]
    if missing:
        return [], [
            _problem(
                1,
                f"the header lacks the column{'s' if len(missing) > 1 else ''} "
                f"{', '.join(missing)} of catimeline's CSV export",
                "header",
            )
        ]
    records: list[object] = []
    problems: list[Problem] = []
    for row in reader:
        try:
            records.append(event_from_row(row))
        except Exception as exc:  # every bad row is reported, none escapes
            problems.append(_problem(reader.line_num, f"cannot be read as an event ({_why(exc)})"))
    return records, problems


# ------------------------------------------------------------------ ACLED


def _rows_with_spans(text: str) -> Iterator[tuple[int, int, int, list[str]]]:
    """(line number, start, end, fields) of each CSV row, with its character span in ``text``."""
    lines = text.splitlines(keepends=True)
    consumed = [0]  # characters of text handed to the reader so far

    def feed() -> Iterator[str]:
        for line in lines:
            consumed[0] += len(line)
            yield line

    reader = csv.reader(feed())
    start = 0
    for fields in reader:
        end = consumed[0]
        yield reader.line_num, start, end, fields
        start = end


def _acled_date(row: Mapping[str, str]) -> tuple[str, str | None]:
    """The EDTF date of a row at the precision ``time_precision`` gives, and a note."""
    raw = row.get("event_date", "").strip()
    day = None
    for pattern in ("%Y-%m-%d", "%d %B %Y", "%d-%B-%Y", "%d/%m/%Y"):
        try:
            day = dt.datetime.strptime(raw, pattern).date()
            break
        except ValueError:
            continue
    if day is None:
        raise ValueError(f"event_date {raw!r} is not a date (YYYY-MM-DD or '15 January 2022')")
    precision = (row.get("time_precision") or "1").strip()
    if precision == "1":
        return day.isoformat(), None
    if precision == "2":
        first, last = day - dt.timedelta(days=3), day + dt.timedelta(days=3)
        return (
            f"{first.isoformat()}/{last.isoformat()}",
            f"ACLED time_precision 2: the source gives the week around {day.isoformat()}",
        )
    if precision == "3":
        return (
            f"{day.year:04d}-{day.month:02d}",
            f"ACLED time_precision 3: the source gives the month only ({day.isoformat()} in "
            "the file)",
        )
    raise ValueError(f"time_precision must be 1, 2 or 3, not {precision!r}")


class _AcledBuilder:
    """Records of one ACLED-style file: its source, places, actors and events."""

    def __init__(self, name: str, countries: Mapping[str, str]) -> None:
        stem = _slug(Path(name).stem, 50)
        self.source = Source(
            f"acled-{stem}",
            Path(name).name,
            f"ACLED-style event data: {Path(name).name}",
            publisher=ACLED_PUBLISHER,
            notes="Imported with `catimeline import --format acled`; each event cites its row "
            "of the file.",
        )
        self.countries = countries  # ISO code -> the id of the database's country place
        self.places: dict[str, Place] = {}
        self.actors: dict[str, Actor] = {}

    def _place(self, code: str, admin1: str, location: str, lat: str, lon: str) -> str:
        parent = self.countries.get(code)
        if admin1:
            region_id = f"acled-{code.lower()}-{_slug(admin1, 50)}"
            if region_id not in self.places:
                self.places[region_id] = Place(
                    region_id, admin1, "region", parent=parent, country=code
                )
            parent = region_id
        place_id = f"{parent or 'acled-' + code.lower()}-{_slug(location, 50)}"[:120].strip("-")
        if not place_id.startswith("acled-"):
            place_id = f"acled-{code.lower()}-{_slug(location, 50)}"
        coordinates = (float(lat), float(lon)) if lat and lon else None
        if place_id not in self.places:
            self.places[place_id] = Place(
                place_id, location, "city", parent=parent, country=code, coordinates=coordinates
            )
        return place_id

    def _actor(self, name: str, code: str) -> str:
        actor_id = f"acled-{_slug(name, 100)}"
        if actor_id not in self.actors:
            self.actors[actor_id] = Actor(actor_id, name, "group", country=code)
        return actor_id

    def event(self, row: Mapping[str, str], start: int, end: int) -> Event:
        code, _close = country_code(row.get("country", ""))
        if code is None:
            raise ValueError(f"country {row.get('country')!r} is not a country's name or code")
        date, date_note = _acled_date(row)
        event_type = row.get("event_type", "").strip()
        sub_type = (row.get("sub_event_type") or "").strip()
        kind = ACLED_KINDS.get(sub_type.lower()) or ACLED_KINDS.get(event_type.lower())
        if kind is None:
            raise ValueError(f"event_type {event_type!r} is not one of ACLED's event types")
        location = row.get("location", "").strip()
        place = self._place(
            code,
            (row.get("admin1") or "").strip(),
            location,
            (row.get("latitude") or "").strip(),
            (row.get("longitude") or "").strip(),
        )
        first_role, second_role = ACLED_ROLES.get(kind, ("participant", "participant"))
        participants = []
        for column, role in (("actor1", first_role), ("actor2", second_role)):
            name = (row.get(column) or "").strip()
            if name:
                participants.append(Participant(self._actor(name, code), role))
        fatalities = (row.get("fatalities") or "").strip()
        figures = [quantity("deaths", float(int(fatalities)), "people")] if fatalities else []
        notes = [
            n
            for n in (
                date_note,
                _labelled("ACLED sources", row.get("source")),
                _labelled("ACLED notes", row.get("notes")),
            )
            if n
        ]
        given = (row.get("event_id_cnty") or "").strip()
        key = given or hashlib.sha256("\x1f".join(row.values()).encode()).hexdigest()[:12]
        return Event(
            f"acled-{_slug(key, 100)}",
            date,
            kind,
            f"{sub_type or event_type} in {location}",
            country=code,
            places=(place,),
            participants=tuple(dict.fromkeys(participants)),
            figures=tuple(figures),
            citations=(Citation(self.source.id, start, end),),
            tags=("acled",) + ((_slug(sub_type),) if sub_type else ()),
            notes=" ".join(notes) or None,
        )


def _labelled(label: str, value: str | None) -> str | None:
    text = (value or "").strip()
    return f"{label}: {text}" if text else None


def read_acled(
    text: str, name: str, countries: Mapping[str, str] | None = None
) -> tuple[list[object], list[Problem]]:
    """Records of an ACLED-style CSV: the file as a source, places, actors and events."""
    rows = _rows_with_spans(text)
    header_row = next(rows, None)
    if header_row is None:
        return [], [_problem(1, "the file is empty", "header")]
    header = [h.strip().lower() for h in header_row[3]]
    missing = [c for c in ACLED_REQUIRED if c not in header]
    if missing:
        return [], [_problem(1, f"the header lacks ACLED's {', '.join(missing)}", "header")]
    builder = _AcledBuilder(name, countries or {})
    events: list[object] = []
    problems: list[Problem] = []
    for line, start, end, fields in rows:
        if not any(f.strip() for f in fields):
            continue
        row = dict(zip(header, fields, strict=False))
        try:
            events.append(builder.event(row, start, end))
        except Exception as exc:  # every bad row is reported, none escapes
            problems.append(_problem(line, f"cannot be read as an ACLED event ({_why(exc)})"))
    return [builder.source, *builder.actors.values(), *builder.places.values(), *events], problems


# ------------------------------------------------------------------ importing


def _country_places(connection: Connection) -> dict[str, str]:
    from catimeline.store import schema as s

    p = s.places.c
    rows = connection.execute(
        select(p.id, p.country).where(p.kind == "country", p.country.is_not(None)).order_by(p.id)
    )
    found: dict[str, str] = {}
    for place_id, code in rows:
        found.setdefault(code, place_id)
    return found


def read(
    path: Path, fmt: str | None, connection: Connection | None = None
) -> tuple[str, list[object], list[Problem]]:
    """The format of a file (given or detected), its records, and every problem reading it."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise QueryError(f"cannot read {path}: {exc.strerror or exc}") from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise QueryError(
            f"{path.name} is not UTF-8 text ({exc.reason} at byte {exc.start}): save it as UTF-8"
        ) from exc
    chosen = fmt or detect(path, text)
    if chosen not in FORMATS:
        raise QueryError(f"format must be one of {', '.join(FORMATS)}, not {chosen!r}")
    if chosen == "jsonl":
        return (chosen, *read_jsonl(text, path.name))
    if chosen == "csv":
        return (chosen, *read_csv(text, path.name))
    countries = _country_places(connection) if connection is not None else {}
    return (chosen, *read_acled(text, path.name, countries))


def as_csv_event(record: Record) -> Record:
    """What ``record`` becomes through a CSV export and back (CSV's columns hold less)."""
    if not isinstance(record, Event):
        return record
    from catimeline.export import to_csv
    from catimeline.outputs import Lookup

    row = next(csv.DictReader(io.StringIO(to_csv([record], Lookup([])), newline="")))
    return event_from_row(row)


def _unchanged(
    connection: Connection,
    records: Sequence[Record],
    project: Callable[[Record], Record] = lambda record: record,
) -> set[tuple[str, str]]:
    """(kind, id) of the records the database already holds so (seen through ``project``,
    what a held record looks like in the file's format)."""
    from catimeline.store.repository import Repository

    by_kind: dict[str, list[Record]] = defaultdict(list)
    for r in records:
        by_kind[kind_word(r)].append(r)
    same: set[tuple[str, str]] = set()
    repo = Repository(connection)
    for kind, group in by_kind.items():
        held = {r.id: r for r in repo.get(kind, [r.id for r in group])}
        same |= {(kind, r.id) for r in group if r.id in held and project(held[r.id]) == r}
    return same


def import_records(
    connection: Connection,
    items: Sequence[object],
    *,
    progress: Callable[[str], None] | None = None,
    project: Callable[[Record], Record] = lambda record: record,
) -> ImportReport:
    """Validate ``items`` and write them as your own (in the caller's transaction).

    A record the database holds already is left alone when it looks the same through
    ``project`` (what the file's format keeps of a record), so a lossy format never
    wipes what it cannot carry."""
    from catimeline.store.writing import origins, upsert, validated

    say = progress or (lambda _msg: None)
    say(f"checking {len(items)} records")
    records = validated(connection, items)
    same = _unchanged(connection, records, project)
    changed = [r for r in records if (kind_word(r), r.id) not in same]
    added: dict[str, int] = defaultdict(int)
    updated: dict[str, int] = defaultdict(int)
    unchanged: dict[str, int] = defaultdict(int)
    for kind, _id in same:
        unchanged[kind] += 1
    by_kind: dict[str, list[str]] = defaultdict(list)
    for r in changed:
        by_kind[kind_word(r)].append(r.id)
    for kind, ids in by_kind.items():
        held = origins(connection, kind, ids)
        updated[kind] += len(held)
        added[kind] += len(ids) - len(held)
    say(f"writing {len(changed)} records")
    upsert(connection, changed, checked=True)
    return ImportReport(dict(added), dict(updated), dict(unchanged), dry_run=False)


def import_file(
    timeline: Any,
    path: Path | str,
    *,
    format: str | None = None,
    dry_run: bool = False,
    progress: Callable[[str], None] | None = None,
) -> ImportReport:
    """Import a file into ``timeline`` as your own records, all or nothing.

    ``format`` is ``csv``, ``jsonl`` or ``acled`` (default: from the suffix and header).
    ``dry_run`` checks everything and reports what would be written, writing nothing.
    Problems raise :class:`~catimeline.InvalidRecords` naming the line or record and field.
    """
    if format is not None and format not in FORMATS:
        raise QueryError(f"format must be one of {', '.join(FORMATS)}, not {format!r}")
    say = progress or (lambda _msg: None)
    source = Path(path)
    try:
        with timeline._write() as connection:
            chosen, items, problems = read(source, format, connection)
            say(f"read {len(items)} records from {source.name}")
            if problems:
                raise InvalidRecords(problems)
            project = as_csv_event if chosen == "csv" else (lambda record: record)
            report = import_records(connection, items, progress=say, project=project)
            if dry_run:
                raise _DryRun(report)
    except _DryRun as done:
        return attrs.evolve(done.report, dry_run=True)
    return report


class _DryRun(Exception):
    """Leaves the import's transaction so that it rolls back, carrying the report."""

    def __init__(self, report: ImportReport) -> None:
        super().__init__("dry run")
        self.report = report
