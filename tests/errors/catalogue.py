"""The catalogue of bad inputs (docs/errors.md), as data the tests run.

Each case is an id, the call that goes wrong, the exception class it must raise
and a fragment of the message.  ``docs/errors.md`` lists the same ids; a test
keeps the two in step.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import catimeline as ct
from tests.conftest import FIXTURE_SEEDS

DOCS = Path(__file__).resolve().parents[2] / "docs" / "errors.md"
FIXTURE_TEXT = (FIXTURE_SEEDS / "fixture.yaml").read_text(encoding="utf-8")


@dataclass(frozen=True)
class Case:
    """One bad input: what is called, what must be raised, and part of the message."""

    id: str
    call: Callable[[Any], object]
    error: type[ct.CatimelineError]
    message: str


def _parse(text: Any) -> Callable[[Any], object]:
    return lambda _tl: ct.FuzzyDate.parse(text)


DATE_CASES = [
    Case("date-impossible-day", _parse("2023-02-30"), ct.InvalidDate, "February 2023 has 28 days"),
    Case("date-impossible-month", _parse("2023-13"), ct.InvalidDate, "month 13 does not exist"),
    Case("date-words", _parse("next tuesday"), ct.InvalidDate, "'next tuesday'"),
    Case("date-empty", _parse(""), ct.InvalidDate, "''"),
    Case("date-not-text", _parse(None), ct.InvalidDate, "expected EDTF text"),
    Case("date-time-of-day", _parse("2023-10-28T10:00"), ct.InvalidDate, "times of day"),
    Case("date-negative-year", _parse("-0500"), ct.InvalidDate, "negative years"),
    Case("date-qualifier-first", _parse("~2023"), ct.InvalidDate, "qualifier"),
    Case("date-interval-reversed", _parse("2024/2023"), ct.InvalidDate, "2024/2023"),
    Case(
        "date-since-datetime",
        lambda tl: tl.events(since=datetime.datetime(2021, 1, 1, 12)),
        ct.InvalidDate,
        "since",
    ),
    Case("date-since-number", lambda tl: tl.events(since=2021), ct.InvalidDate, "since: 2021"),
]

FILTER_CASES = [
    Case(
        "window-until-before-since",
        lambda tl: tl.events(since="2022", until="2021"),
        ct.QueryError,
        "the window ends before it starts",
    ),
    Case(
        "window-during-and-since-disjoint",
        lambda tl: tl.events(during="2020", since="2021"),
        ct.QueryError,
        "the window ends before it starts",
    ),
    Case("kind-unknown", lambda tl: tl.events(kind="acident"), ct.QueryError, "unknown kind"),
    Case("kind-not-text", lambda tl: tl.events(kind=5), ct.QueryError, "kind must be"),
    Case("kind-list-not-text", lambda tl: tl.events(kind=["protest", 5]), ct.QueryError, "kind"),
    Case("match-unknown", lambda tl: tl.events(match="near"), ct.QueryError, "match must be"),
    Case("order-unknown", lambda tl: tl.events(order="name"), ct.QueryError, "order must be"),
    Case("limit-negative", lambda tl: tl.events(limit=-1), ct.QueryError, "limit must be"),
    Case("limit-not-a-number", lambda tl: tl.events(limit="5"), ct.QueryError, "limit must be"),
    Case("after-unknown-event", lambda tl: tl.events(after="nope"), ct.UnknownEvent, "nope"),
    Case(
        "actor-unknown",
        lambda tl: tl.events(actor="Nortern Stel"),
        ct.UnknownActor,
        "did you mean 'Northern Steel'",
    ),
    Case("actor-empty", lambda tl: tl.events(actor="  "), ct.QueryError, "is empty"),
    Case("actor-not-text", lambda tl: tl.events(actor=5), ct.QueryError, "not 5"),
    Case("actor-mapping", lambda tl: tl.events(actor={"id": "x"}), ct.QueryError, "expected"),
    Case("place-unknown", lambda tl: tl.events(place="Atlantis"), ct.UnknownPlace, "Atlantis"),
    Case("country-unknown", lambda tl: tl.events(country="Narnia"), ct.UnknownPlace, "Narnia"),
    Case("project-unknown", lambda tl: tl.events(project="moon base"), ct.UnknownProject, "moon"),
    Case("text-blank", lambda tl: tl.events(text="   "), ct.QueryError, "text must be"),
    Case("text-not-text", lambda tl: tl.events(text=5), ct.QueryError, "text must be"),
    Case(
        "min-deaths-negative",
        lambda tl: tl.accidents(min_deaths=-1),
        ct.QueryError,
        "min_deaths must be",
    ),
    Case("cause-unknown", lambda tl: tl.accidents(cause="meteor"), ct.QueryError, "cause"),
    Case("operator-unknown", lambda tl: tl.accidents(operator="Nobody"), ct.UnknownActor, "Nobody"),
    Case("status-unknown", lambda tl: tl.projects(status="dreamt"), ct.QueryError, "status"),
    Case(
        "project-kind-unknown",
        lambda tl: tl.projects(kind="spaceport"),
        ct.QueryError,
        "unknown project kind",
    ),
    Case("actor-kind-unknown", lambda tl: tl.actors(kind="alien"), ct.QueryError, "unknown actor"),
    Case("place-kind-unknown", lambda tl: tl.places(kind="planet"), ct.QueryError, "unknown place"),
    Case("within-unknown", lambda tl: tl.places(within="Atlantis"), ct.UnknownPlace, "Atlantis"),
    Case("lookup-actor-unknown", lambda tl: tl.actor("Nortern"), ct.UnknownActor, "Nortern"),
    Case("lookup-place-unknown", lambda tl: tl.place("Atlantis"), ct.UnknownPlace, "Atlantis"),
    Case("lookup-event-unknown", lambda tl: tl.event("no-such-event"), ct.UnknownEvent, "no-such"),
    Case("lookup-source-unknown", lambda tl: tl.source("no-such"), ct.UnknownName, "no-such"),
    Case(
        "country-code-unknown",
        lambda tl: tl.events(country="UK"),
        ct.QueryError,
        "no country with the code 'UK' in the timeline",
    ),
    Case(
        "limit-too-large",
        lambda tl: tl.events(limit=2**31),
        ct.QueryError,
        "limit is at most 2,147,483,647",
    ),
    Case(
        "min-deaths-too-large",
        lambda tl: tl.accidents(min_deaths=2**63),
        ct.QueryError,
        "min_deaths is at most 2,147,483,647",
    ),
    Case(
        "actors-all-unknown",
        lambda tl: tl.events(actors_all=["NS", "Nobody"]),
        ct.UnknownActor,
        "no actor called 'Nobody'",
    ),
    Case(
        "filter-empty-list",
        lambda tl: tl.events(actor=[]),
        ct.QueryError,
        "an empty list matches nothing",
    ),
    Case(
        "filters-not-a-value",
        lambda tl: tl.query({"actor": "NS"}),
        ct.QueryError,
        "expected an EventFilters",
    ),
]

ASK_CASES = [
    Case("ask-empty", lambda tl: tl.ask(""), ct.QueryError, "ask needs a question"),
    Case("ask-not-text", lambda tl: tl.ask(None), ct.QueryError, "ask needs a question"),
    Case(
        "ask-unknown-word",
        lambda tl: tl.ask("all zorblax incidents"),
        ct.QueryError,
        "cannot place 'zorblax'",
    ),
    Case(
        "ask-impossible-date",
        lambda tl: tl.ask("accidents since 2023-02-30"),
        ct.QueryError,
        "February 2023 has 28 days",
    ),
    Case(
        "ask-reversed-window",
        lambda tl: tl.ask("accidents between 2023 and 2021"),
        ct.QueryError,
        "ends before it starts",
    ),
    Case("ask-after-the-last-year", lambda tl: tl.ask("after 9999"), ct.QueryError, "0001-9999"),
    Case("ask-too-long", lambda tl: tl.ask("accidents " * 60), ct.QueryError, "at most 500"),
    Case("ask-nul-byte", lambda tl: tl.ask("accidents\x00"), ct.QueryError, "at most 500"),
    Case(
        "ask-relative-date",
        lambda tl: tl.ask("accidents last year"),
        ct.QueryError,
        "'last year' in 'accidents last year' is a relative date",
    ),
    Case(
        "ask-conflicting-dates",
        lambda tl: tl.ask("accidents in 2022 in 2023"),
        ct.QueryError,
        "two time phrases conflict",
    ),
    Case(
        "ask-two-parties-for-projects",
        lambda tl: tl.ask("projects by NS and Copper Union"),
        ct.QueryError,
        "a projects question takes one party",
    ),
]


def user_event(**fields: Any) -> ct.Event:
    """A valid user event citing the fixture's article, with ``fields`` changed."""
    base: dict[str, Any] = {
        "id": "my-event",
        "date": "2024-05",
        "kind": "statement",
        "title": "A note of my own",
        "citations": [ct.Citation("fx-gazette", 0, 10)],
    }
    return ct.Event(**{**base, **fields})


def _place(**fields: Any) -> ct.Place:
    return ct.Place(**{"id": "my-place", "name": "My place", "kind": "city", **fields})


#: Writing records (tl.add/update/remove/merge): each is refused and writes nothing.
WRITE_CASES = [
    Case("add-text", lambda tl: tl.add("x"), ct.InvalidRecords, "add takes a record"),
    Case("add-none", lambda tl: tl.add(None), ct.InvalidRecords, "not NoneType None"),
    Case("add-mapping", lambda tl: tl.add({}), ct.InvalidRecords, "not dict {}"),
    Case(
        "add-list-of-text",
        lambda tl: tl.add(["x"]),
        ct.InvalidRecords,
        "'x' is a str, not a record",
    ),
    Case(
        "add-unknown-kind",
        lambda tl: tl.add(user_event(kind="riot")),
        ct.InvalidRecords,
        "kind 'riot' is not an event kind",
    ),
    Case(
        "add-unknown-country",
        lambda tl: tl.add(user_event(country="Narnia")),
        ct.InvalidRecords,
        "country 'Narnia' is not an ISO 3166-1 country code or a country's name",
    ),
    Case(
        "add-no-citation",
        lambda tl: tl.add(user_event(citations=[])),
        ct.InvalidRecords,
        "an event needs at least one citation",
    ),
    Case(
        "add-id-path",
        lambda tl: tl.add(user_event(id="../etc/passwd")),
        ct.InvalidRecords,
        "is not an id slug",
    ),
    Case(
        "add-id-line-break",
        lambda tl: tl.add(user_event(id="my-event\r\nx")),
        ct.InvalidRecords,
        "is not an id slug",
    ),
    Case(
        "add-nan-coordinates",
        lambda tl: tl.add(_place(coordinates=(float("nan"), 73.0))),
        ct.InvalidRecords,
        "coordinates must be a finite number, not nan",
    ),
    Case(
        "add-infinite-figure",
        lambda tl: tl.add(user_event(figures=[ct.Quantity("amount", float("inf"), "USD")])),
        ct.InvalidRecords,
        "figures must be a finite number, not inf",
    ),
    Case(
        "add-huge-figure",
        lambda tl: tl.add(user_event(figures=[ct.Quantity("amount", 1e300, "USD")])),
        ct.InvalidRecords,
        "figures 1e+300 is outside -1e+18..1e+18",
    ),
    Case(
        "add-huge-deaths",
        lambda tl: tl.add(
            ct.Accident(
                "my-accident",
                "2024",
                "accident",
                "Mine fire",
                deaths=2**40,
                citations=[ct.Citation("fx-gazette", 0, 10)],
            )
        ),
        ct.InvalidRecords,
        "deaths must be a whole number from 0 to 2147483647",
    ),
    Case(
        "add-nul-character",
        lambda tl: tl.add(user_event(title="A\x00B")),
        ct.InvalidRecords,
        "title holds a control character",
    ),
    Case(
        "add-lone-surrogate",
        lambda tl: tl.add(user_event(title="A\ud800B")),
        ct.InvalidRecords,
        "title holds a lone surrogate character",
    ),
    Case(
        "add-own-parent",
        lambda tl: tl.add(_place(parent="my-place")),
        ct.InvalidRecords,
        "parent is the place itself",
    ),
    Case(
        "add-place-cycle",
        lambda tl: tl.add([_place(parent="my-town"), _place(id="my-town", parent="my-place")]),
        ct.InvalidRecords,
        "place 'my-place' is inside itself through its parents",
    ),
    Case(
        "add-unknown-reference",
        lambda tl: tl.add(user_event(participants=[ct.Participant("nortern-steel", "subject")])),
        ct.InvalidRecords,
        "refers to unknown actor 'nortern-steel'; did you mean 'northern-steel'",
    ),
    Case(
        "add-unknown-role",
        lambda tl: tl.add(user_event(participants=[ct.Participant("northern-steel", "boss")])),
        ct.InvalidRecords,
        "'boss' is not a role of the vocabulary",
    ),
    Case(
        "add-unknown-source",
        lambda tl: tl.add(user_event(citations=[ct.Citation("fx-daily", 0, 10)])),
        ct.InvalidRecords,
        "cites unknown source 'fx-daily'",
    ),
    Case(
        "add-citation-outside-article",
        lambda tl: tl.add(user_event(citations=[ct.Citation("fx-gazette", 700, 900)])),
        ct.InvalidRecords,
        "lies outside the article (0-801)",
    ),
    Case(
        "add-existing-seed-id",
        lambda tl: tl.add(ct.Actor("northern-steel", "Northern Steel", "company")),
        ct.InvalidRecords,
        "id already exists in the seeds",
    ),
    Case(
        "update-seed-record",
        lambda tl: tl.update(ct.Actor("northern-steel", "Northern Steel", "company")),
        ct.ProtectedRecord,
        "belongs to the curated seeds",
    ),
    Case(
        "remove-seed-record",
        lambda tl: tl.remove("northern-steel"),
        ct.ProtectedRecord,
        "cannot be removed: only your own records can",
    ),
    Case(
        "remove-unknown-id",
        lambda tl: tl.remove("no-such-record"),
        ct.UnknownName,
        "no name called 'no-such-record'",
    ),
    Case(
        "merge-seed-record",
        lambda tl: tl.merge("copper-union", into="northern-steel"),
        ct.ProtectedRecord,
        "cannot be merged away",
    ),
]

QUERY_CASES = DATE_CASES + FILTER_CASES + ASK_CASES + WRITE_CASES

#: Broken seed files: (id, text replaced in the fixture, replacement, message fragment).
SEED_CASES: list[tuple[str, str, str, str]] = [
    ("seed-yaml-syntax", "title: Three die at Pit One", "title: [Three die", "YAML syntax error"),
    (
        "seed-bad-yaml-tag",
        "parent: kyrgyzstan, country: KG}",
        "parent: kyrgyzstan, country: !!int KG}",
        "YAML value cannot be read",
    ),
    ("seed-duplicate-key", "kind: accident\n", "kind: accident\n    kind: fire\n", "YAML"),
    ("seed-unknown-section", "projects:\n", "projcts:\n", "unknown section 'projcts'"),
    ("seed-unknown-field", "title: Three die", "titel: Three die", "unknown field 'titel'"),
    ("seed-missing-title", "    title: Three die at Pit One\n", "", "needs a 'title' field"),
    ("seed-impossible-date", 'date: "2020-05-10"', 'date: "2020-05-40"', "May 2020 has 31"),
    ("seed-unquoted-date", 'date: "2020-05-10"', "date: 2020-05-10", "EDTF text in quotes"),
    ("seed-bad-kind", "kind: protest", "kind: protset", "not in the vocabulary"),
    ("seed-bad-slug", "id: pit-one-accident-2020", "id: Pit One 2020", "not a slug"),
    ("seed-duplicate-id", "id: pit-one-accident-2022", "id: pit-one-accident-2020", "duplicate"),
    (
        "seed-unknown-reference",
        "places: [lake-town]\n    citations: [{source: fx-gazette, start: 409",
        "places: [lake-village]\n    citations: [{source: fx-gazette, start: 409",
        "unknown place 'lake-village'",
    ),
    ("seed-citation-past-end", "start: 332, end: 407", "start: 332, end: 9407", "past the end"),
    ("seed-citation-reversed", "start: 332, end: 407", "start: 407, end: 332", "reversed"),
    (
        "seed-unknown-source",
        "{source: fx-gazette, start: 332",
        "{source: fx-daily, start: 332",
        "unknown source 'fx-daily'",
    ),
    ("seed-missing-document", "document: fixture.txt", "document: missing.txt", "missing.txt"),
    (
        "seed-no-citation",
        "citations: [{source: fx-gazette, start: 660, end: 719}]",
        "citations: []",
        "at least one citation",
    ),
    (
        "seed-bad-country",
        "country: KG\n    places: [lake-town]\n    citations: [{source: fx-gazette, start: 409",
        "country: Kyrgyzstan\n    places: [lake-town]\n    citations: "
        "[{source: fx-gazette, start: 409",
        "ISO 3166-1",
    ),
    ("seed-negative-deaths", "deaths: 3,", "deaths: -3,", "whole number"),
    (
        "seed-place-cycle",
        "parent: kazakhstan, country: KZ}",
        "parent: steel-city, country: KZ}",
        "inside itself",
    ),
    ("seed-entry-not-mapping", "events:\n", "events:\n  - just a sentence\n", "must be a mapping"),
    ("seed-off-the-globe", "coordinates: [50.0, 73.0]", "coordinates: [95.0, 73.0]", "off the"),
    (
        "seed-document-outside",
        "document: fixture.txt",
        "document: ../private.txt",
        "name a file of the documents folder",
    ),
    (
        "seed-sha256-malformed",
        "start: 0, end: 801",
        "sha256: not-a-digest, start: 0, end: 801",
        "is not a SHA-256 digest",
    ),
    (
        "seed-sha256-disagree",
        "published_how: stated, start: 0, end: 801}\nactors:\n",
        f"published_how: stated, start: 0, end: 801, sha256: {'a' * 64}}}\n"
        f"  - {{id: fx-other, document: fixture.txt, title: Other, sha256: {'b' * 64}}}\n"
        "actors:\n",
        "differs from that of source 'fx-gazette'",
    ),
]

#: Cases that need a special environment; each has its own test in test_errors_environment.py
#: or test_errors_catalogue.py.
ENVIRONMENT_CASES = [
    "seed-not-utf8",
    "seed-folder-missing",
    "url-not-a-url",
    "url-unknown-driver",
    "url-closed-port",
    "url-sqlite-folder",
    "url-not-a-database-file",
    "readonly-missing-file",
    "readonly-write",
    "readonly-no-tables",
    "schema-newer",
    "schema-newer-readonly",
    "schema-unknown-revision",
    "readonly-filesystem",
    "full-disk",
    "full-disk-file-size-limit",
]


#: Hostile input and faults; each has its own test in test_errors_hostile_inputs.py or
#: test_errors_hostile_faults.py.
HOSTILE_CASES = [
    "url-query-password",
    "url-bad-port",
    "seed-document-symlink-out",
    "seed-file-symlink-out",
    "seed-yaml-billion-laughs",
    "seed-yaml-alias-expansion",
    "seed-yaml-self-alias",
    "seed-yaml-deep-nesting",
    "seed-yaml-deep-block-nesting",
    "seed-yaml-long-string",
    "seed-yaml-too-many-nodes",
    "seed-yaml-file-too-large",
    "seed-yaml-tag-constructor",
    "seed-spans-unchecked",
    "seed-readonly-database",
    "seed-full-disk",
    "document-not-utf8",
    "schema-two-version-rows",
    "ask-no-tables",
    "connection-lost",
]


def all_ids() -> list[str]:
    """Every case id in the catalogue."""
    from tests.errors.exportcases import EXPORT_CASES

    return (
        [c.id for c in QUERY_CASES]
        + [c[0] for c in SEED_CASES]
        + ENVIRONMENT_CASES
        + HOSTILE_CASES
        + list(EXPORT_CASES)
    )
