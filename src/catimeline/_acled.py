"""ACLED-style event data as records: the mapping docs/adding-data.md describes.

The file becomes one source, and each row an event citing the characters of its
own row; ``admin1`` and ``location`` become places (inside the database's country
place when it has one), ``actor1``/``actor2`` actors, ``fatalities`` a deaths
figure, and ``event_date`` with ``time_precision`` a date at ACLED's precision.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import re
from collections.abc import Iterator, Mapping
from pathlib import Path

from catimeline._errors import Problem
from catimeline._lineproblems import line_problem, reason
from catimeline._model import Actor, Citation, Event, Participant, Place, Source, quantity
from catimeline._validate import country_code

#: Columns an ACLED-style file must have (the others of ACLED's codebook are optional).
ACLED_REQUIRED = ("event_date", "event_type", "country", "location")
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


def _slug(text: str, limit: int = 60) -> str:
    from anyascii import anyascii

    slug = re.sub(r"[^a-z0-9]+", "-", anyascii(text).lower()).strip("-")
    return slug[:limit].strip("-") or "x"


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
        return [], [line_problem(1, "the file is empty", "header")]
    header = [h.strip().lower() for h in header_row[3]]
    missing = [c for c in ACLED_REQUIRED if c not in header]
    if missing:
        return [], [line_problem(1, f"the header lacks ACLED's {', '.join(missing)}", "header")]
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
            problems.append(line_problem(line, f"cannot be read as an ACLED event ({reason(exc)})"))
    return [builder.source, *builder.actors.values(), *builder.places.values(), *events], problems
