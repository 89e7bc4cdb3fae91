"""``ask()``: read a short question into the same query as the filters, or refuse it.

A question is read in three passes (see docs/querying.md, "ask()"):

1. time phrases (:mod:`catimeline._ask.times`): kept, combined into one window, or refused;
2. counts, ranking and death tolls (:mod:`catimeline._ask.measures`);
3. the words left (:mod:`catimeline._ask.reading`): names through the resolver, kinds,
   causes, topics, targets, and whether a name says where something happened or who
   took part.

The reading becomes an :class:`~catimeline.EventFilters` run by ``Timeline.query`` (or
a ``Timeline.projects`` call), and ``results.query`` states the whole reading.  A word
that is none of these raises :class:`~catimeline.QueryError` naming it, with close
names and the grammar's forms; nothing is guessed.
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING, Any

import attrs

from catimeline._ask.measures import Measures, take_measures
from catimeline._ask.reading import FORMS, Mention, Reader, Reading
from catimeline._ask.times import Window, take_time
from catimeline._ask.words import PROJECT_KINDS
from catimeline._errors import QueryError
from catimeline._query.checks import plain_text
from catimeline._query.filters import EventFilters
from catimeline._query.resolver import Resolver
from catimeline._results import Results

if TYPE_CHECKING:
    from catimeline._timeline import Timeline

MAX_LENGTH = 500


@attrs.define
class Parties:
    """The names of a question sorted by use: filters on where, and who took part."""

    actors: list[str] = attrs.field(factory=list)
    countries: list[str] = attrs.field(factory=list)
    places: list[str] = attrs.field(factory=list)
    projects: list[str] = attrs.field(factory=list)
    affiliated: bool = False
    notes: list[str] = attrs.field(factory=list)


def _uses(mentions: list[Mention]) -> None:
    """'A and B': B is used as A is; two names joined outside a place are both parties.  A
    country named alone beside another country that says where or who took part ("U.S.
    visits to Kazakhstan", "what did China sign with Kyrgyzstan") is a party too."""
    for before, after in itertools.pairwise(mentions):
        if after.joined and not after.use:
            after.use = before.use if before.use == "location" else "participant"
            if after.use == "participant":
                before.use = "participant"
    beside = [m for m in mentions if m.named.countries and m.use in ("location", "participant")]
    if beside:
        for m in mentions:
            if not m.use and m.named.countries and m.named.actors:
                m.use = "participant"


def parties(reader: Reader, mentions: list[Mention], target: str) -> Parties:
    """Sort the names: a participant is an actor; otherwise a project, a country, a place
    (a city that is also a state's alias stays the city), or an actor."""
    _uses(mentions)
    p = Parties()
    for m in mentions:
        n = m.named
        if (m.use == "participant" or m.affiliated) and n.actors:
            reader.check_ambiguous(m)
            p.actors.append(m.ref or m.phrase)
            p.affiliated = p.affiliated or m.affiliated
            widened = " and the actors affiliated with it" if m.affiliated else ""
            p.notes.append(f"{m.phrase!r} -> {m.ref or m.phrase}{widened} took part")
        elif n.projects:
            p.projects.extend(n.projects)
            p.notes.append(f"{m.phrase!r} -> project {', '.join(n.projects)}")
        elif n.countries:
            p.countries.extend(n.countries)
            p.notes.append(f"{m.phrase!r} -> the {target[:-1]}'s country {', '.join(n.countries)}")
        elif n.places:
            # The name itself, not its ids: the place filter reads a city's name as the
            # region named after it when that is where the events are (query.twins).
            p.places.append(m.phrase)
            p.notes.append(f"{m.phrase!r} -> place {', '.join(n.places)} and what lies inside")
        else:
            reader.check_ambiguous(m)
            p.actors.append(m.phrase)
            p.notes.append(f"{m.phrase!r} -> {m.phrase} took part")
    return p


def _actor_filter(p: Parties) -> dict[str, Any]:
    if len(p.actors) > 1:
        return {"actors_all": tuple(p.actors), "include_affiliated": p.affiliated}
    if p.actors:
        return {"actor": tuple(p.actors), "include_affiliated": p.affiliated}
    return {}


def _event_filters(r: Reading, p: Parties, window: Window, m: Measures) -> EventFilters:
    accidents = r.target == "accidents" or bool(r.causes) or m.min_deaths is not None
    kinds = [k for k in dict.fromkeys(r.kinds) if not (accidents and k == "accident")]
    limit = m.limit if m.limit is not None else (1 if m.superlative and r.singular else None)
    return EventFilters(
        **_actor_filter(p),
        kind=tuple(kinds),
        country=tuple(dict.fromkeys(p.countries)),
        place=tuple(dict.fromkeys(p.places)),
        project=tuple(dict.fromkeys(p.projects)),
        text=" ".join(dict.fromkeys(r.topics)) or None,
        since=window.since,
        until=window.until,
        match=window.match,
        order=m.order,
        limit=limit,
        accidents=accidents,
        min_deaths=m.min_deaths,
        cause=tuple(dict.fromkeys(r.causes)),
    )


def _project_topics(r: Reading) -> tuple[list[str], list[str]]:
    """Topic words that name a project kind (railway, pipeline...) become the kind filter of
    a projects question; the others stay a text search."""
    kinds = [t for t in dict.fromkeys(r.topics) if t in PROJECT_KINDS]
    for i, line in enumerate(r.readings):
        for t in kinds:
            if line == f"{t!r} -> text {t!r}":
                r.readings[i] = f"{t!r} -> project kind {PROJECT_KINDS[t]}"
    text = [t for t in dict.fromkeys(r.topics) if t not in PROJECT_KINDS]
    return [PROJECT_KINDS[t] for t in kinds], text


def _projects(
    timeline: Timeline, r: Reading, p: Parties, window: Window, m: Measures
) -> Results[Any]:
    if len(p.actors) > 1:
        raise QueryError(
            f"a projects question takes one party, not {', '.join(map(repr, p.actors))} "
            "(projects have no all-of filter): ask for one of them, e.g. "
            "'TBEA projects in Kyrgyzstan'"
        )
    if r.kinds or r.causes or m.min_deaths is not None or p.projects or m.superlative:
        raise QueryError(
            "a projects question takes names, countries, places, project kinds (railway, "
            f"pipeline, airport, hydropower...), statuses and dates: try {FORMS}"
        )
    kinds, topics = _project_topics(r)
    return timeline.projects(
        actor=p.actors or None,
        include_affiliated=p.affiliated,
        country=p.countries or None,
        kind=kinds or None,
        status=r.statuses or None,
        text=" ".join(topics) or None,
        since=window.since,
        until=window.until,
        place=p.places or None,
        limit=m.limit,
    )


def _check(question: object) -> str:
    if not isinstance(question, str) or not question.strip():
        raise QueryError(f"ask needs a question, e.g. 'all AMT incidents since 2021'; try {FORMS}")
    if len(question) > MAX_LENGTH or not plain_text(question):
        raise QueryError(
            f"a question is at most {MAX_LENGTH} characters of ordinary text (no NUL "
            "characters): shorten it, or use tl.events() with filters"
        )
    return question.strip()


def ask(timeline: Timeline, question: str) -> Results[Any]:
    """Answer ``question`` on ``timeline``; ``results.query`` says how it was read."""
    question = _check(question)
    rest, window = take_time(question)
    rest, measures = take_measures(rest)
    with timeline._read() as connection:
        resolver = Resolver(connection)
        reader = Reader(resolver)
        reading = reader.read(rest)
        if reading.unplaced:
            raise reader.refuse(question, reading)
        if not (reading.understood or window.readings or measures.readings):
            raise QueryError(
                f"{question!r} asks for nothing this timeline can filter on: name an actor, a "
                f"place, a kind, a topic or a date. Try {FORMS}"
            )
        p = parties(reader, reading.mentions, reading.target)
        p.countries.extend(reading.countries)
        if reading.target == "projects":
            results = _projects(timeline, reading, p, window, measures)
        else:
            results = timeline.query(
                _event_filters(reading, p, window, measures), question=question
            )
    notes = [*window.readings, *measures.readings, *reading.readings, *p.notes]
    if measures.superlative and measures.limit is None and reading.singular:
        notes.append("a superlative in the singular -> limit 1")
    if measures.count:
        notes.insert(0, f"how many: {len(results)}")
    query = attrs.evolve(results.query, question=question, notes=(*results.query.notes, *notes))
    return Results(list(results), query, {i: results.why(i) for i in results.ids}, timeline)


__all__ = ["ask"]
