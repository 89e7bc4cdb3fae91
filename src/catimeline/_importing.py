"""Importing records from files people have: our own CSV and JSON Lines exports, and
ACLED-style event data.

``catimeline import FILE`` or :func:`import_file`.  A file is read whole into
records, validated like every other write (:mod:`catimeline._validate`) and written
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
import io
import json
import re
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs
from sqlalchemy import Connection, select

from catimeline import _model as m
from catimeline._errors import InvalidRecords, Problem, QueryError
from catimeline._lineproblems import line_problem, reason
from catimeline._validate import kind_word

FORMATS = ("csv", "jsonl", "acled")


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


def detect(path: Path, text: str) -> str:
    """The format of a file: by its suffix and, for CSV, its header."""
    if path.suffix.lower() in {".jsonl", ".ndjson", ".json"}:
        return "jsonl"
    first = text.split("\n", 1)[0].lower()
    header = {c.strip().strip('"') for c in first.split(",")}
    return "acled" if {"event_date", "event_type"} <= header else "csv"


# ------------------------------------------------------------------ JSON Lines


def _cites(values: Any) -> tuple[m.Citation, ...]:
    return tuple(m.Citation(**c) for c in values or ())


def _names(values: Any) -> tuple[m.Name, ...]:
    return tuple(m.Name(**n) for n in values or ())


def _parts(values: Any) -> tuple[m.Participant, ...]:
    return tuple(m.Participant(**p) for p in values or ())


def _figures(values: Any) -> tuple[Any, ...]:
    return tuple(m.quantity(**f) for f in values or ())


def record_from_dict(data: Mapping[str, Any]) -> m.Record:
    """A record from the nested data ``export --format jsonl`` (``as_dict``) writes."""
    fields = dict(data)
    kind = fields.pop("type", None)
    fields.pop("earliest", None)
    fields.pop("latest", None)
    if kind in ("Event", "Accident"):
        cls: type[Any] = m.Accident if kind == "Accident" else m.Event
        fields["participants"] = _parts(fields.get("participants"))
        fields["figures"] = _figures(fields.get("figures"))
        fields["citations"] = _cites(fields.get("citations"))
    elif kind == "Actor":
        cls = m.Actor
        fields["names"] = _names(fields.get("names"))
        fields["relations"] = tuple(m.Relation(**r) for r in fields.get("relations") or ())
        fields["citations"] = _cites(fields.get("citations"))
    elif kind == "Place":
        cls = m.Place
        fields["names"] = _names(fields.get("names"))
        fields["operators"] = tuple(m.Tenure(**t) for t in fields.get("operators") or ())
        fields["citations"] = _cites(fields.get("citations"))
        if fields.get("coordinates") is not None:
            fields["coordinates"] = tuple(fields["coordinates"])
    elif kind == "Project":
        cls = m.Project
        fields["participants"] = _parts(fields.get("participants"))
        fields["figures"] = _figures(fields.get("figures"))
        fields["citations"] = _cites(fields.get("citations"))
        fields["status"] = tuple(
            m.StatusChange(**{**st, "citations": _cites(st.get("citations"))})
            for st in fields.get("status") or ()
        )
    elif kind == "Source":
        cls = m.Source
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
            problems.append(line_problem(number, f"cannot be read as a record ({reason(exc)})"))
    return records, problems


# ------------------------------------------------------------------ CSV (our export)


def _split(value: str | None) -> list[str]:
    return [v for v in (value or "").split(";") if v]


def _citation(text: str) -> m.Citation:
    source, _, span = text.rpartition(":")
    start, _, end = span.partition("-")
    return m.Citation(source, int(start), int(end))


def _whole(value: str | None) -> int | None:
    return None if value in (None, "") else int(value)


#: A CSV cell a spreadsheet would run as a formula is written with a leading apostrophe.
_NEUTRALISED = re.compile(r"^'(?=[=+\-@\t\r])")


def event_from_row(raw: Mapping[str, str]) -> m.Event:
    """An event from a row of ``export --format csv``."""
    row = {k: _NEUTRALISED.sub("", v) if isinstance(v, str) else v for k, v in raw.items()}
    common: dict[str, Any] = {
        "summary": row.get("summary") or None,
        "country": row.get("country") or None,
        "places": tuple(_split(row.get("place_ids"))),
        "participants": tuple(
            m.Participant(a, "participant") for a in _split(row.get("actor_ids"))
        ),
        "project": row.get("project") or None,
        "citations": tuple(_citation(c) for c in _split(row.get("citations"))),
    }
    if row.get("kind") == "accident" and "deaths" in row:
        return m.Accident(
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
    return m.Event(row.get("id"), row.get("date"), row.get("kind"), row.get("title"), **common)  # type: ignore[arg-type]


def read_csv(text: str, name: str) -> tuple[list[object], list[Problem]]:
    """Events of a CSV file with the columns ``export --format csv`` writes."""
    reader = csv.DictReader(io.StringIO(text, newline=""))
    missing = [c for c in ("id", "date", "kind", "title") if c not in (reader.fieldnames or [])]
    if missing:
        return [], [
            line_problem(
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
            problems.append(
                line_problem(reader.line_num, f"cannot be read as an event ({reason(exc)})")
            )
    return records, problems


# ------------------------------------------------------------------ importing


def _country_places(connection: Connection) -> dict[str, str]:
    from catimeline._store import schema as s

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
    from catimeline._acled import read_acled

    countries = _country_places(connection) if connection is not None else {}
    return (chosen, *read_acled(text, path.name, countries))


def as_csv_event(record: m.Record) -> m.Record:
    """What ``record`` becomes through a CSV export and back (CSV's columns hold less)."""
    if not isinstance(record, m.Event):
        return record
    from catimeline._export import to_csv
    from catimeline._outputs import Lookup

    row = next(csv.DictReader(io.StringIO(to_csv([record], Lookup([])), newline="")))
    return event_from_row(row)


def _unchanged(
    connection: Connection,
    records: Sequence[m.Record],
    project: Callable[[m.Record], m.Record] = lambda record: record,
) -> set[tuple[str, str]]:
    """(kind, id) of the records the database already holds so (seen through ``project``,
    what a held record looks like in the file's format)."""
    from catimeline._store.repository import Repository

    by_kind: dict[str, list[m.Record]] = defaultdict(list)
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
    project: Callable[[m.Record], m.Record] = lambda record: record,
) -> ImportReport:
    """Validate ``items`` and write them as your own (in the caller's transaction).

    A record the database holds already is left alone when it looks the same through
    ``project`` (what the file's format keeps of a record), so a lossy format never
    wipes what it cannot carry."""
    from catimeline._store.writing import origins, upsert, validated

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
