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
        "ask-projects-with-place",
        lambda tl: tl.ask("projects in Lake Town"),
        ct.QueryError,
        "project questions take",
    ),
]

QUERY_CASES = DATE_CASES + FILTER_CASES + ASK_CASES

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
    return (
        [c.id for c in QUERY_CASES] + [c[0] for c in SEED_CASES] + ENVIRONMENT_CASES + HOSTILE_CASES
    )
