"""A realistic synthetic timeline for benchmarks, written through the public write path.

``generate(url, n_events, seed)`` opens (and migrates) the database at ``url``
and fills it through :meth:`catimeline.Timeline.add`: sources, actors with
aliases, places in a hierarchy (country > region > city > facility, facilities
with operators), projects with status histories, then ``n_events`` events
streamed in chunks.  The mix follows the curated data: kinds weighted as in
``seeds/``, dates mostly to the day or month with some years, intervals,
approximate and uncertain dates; participation skewed (a Zipf law over actors,
so a few actors appear in a large share of events); accidents with deaths,
injured, cause, facility, operator and figures.

Every text is invented (``Synthetic ...``); no source document is used.

:data:`BENCH_ACTOR` names an actor (by its alias) that takes part in a fixed
number of events (:data:`BENCH_EVENTS`) at every size, a third of them
incidents, so "its incidents since 2015" is a selective query of a few tens
of rows whether the table holds ten thousand events or a million.

The same stream is available as plain tuples (:func:`event_specs`), so the
benchmark can write identical rows through the raw driver.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import random
import time
from collections.abc import Iterator, Sequence
from typing import NamedTuple

import catimeline as ct
from catimeline._model import (
    Accident,
    Actor,
    Citation,
    Event,
    Name,
    Participant,
    Place,
    Project,
    Record,
    Source,
    StatusChange,
    Tenure,
    quantity,
)

#: The name the benchmark queries: an alias of :data:`BENCH_ACTOR_ID`.
BENCH_ACTOR = "BMC"
BENCH_ACTOR_ID = "bench-mining-company"
#: Events the bench actor takes part in, at every size of the timeline.
BENCH_EVENTS = 400
#: The selective query of the benchmark: the bench actor's incidents since this year.
BENCH_KIND = "incident"
BENCH_SINCE = "2015"

FIRST_YEAR = 1995
LAST_YEAR = 2025
_FIRST_DAY = dt.date(FIRST_YEAR, 1, 1).toordinal()
_LAST_DAY = dt.date(LAST_YEAR, 12, 31).toordinal()

# Event kinds weighted as in the curated seeds (counts of seeds/*/events.yaml), with the
# violent kinds a little heavier, as in conflict and accident exports.
KIND_WEIGHTS: dict[str, int] = {
    "statement": 45,
    "meeting": 18,
    "report": 17,
    "aid": 17,
    "milestone": 15,
    "agreement": 14,
    "policy": 13,
    "trade": 13,
    "accident": 14,
    "other": 9,
    "visit": 8,
    "epidemic": 8,
    "investment": 6,
    "protest": 8,
    "acquisition": 5,
    "attack": 6,
    "clash": 6,
    "summit": 4,
    "debt": 2,
    "inspection": 2,
    "trial": 2,
    "sanction": 2,
    "ipo": 2,
    "production": 2,
    "disaster": 1,
    "fine": 1,
    "arrest": 1,
    "investigation": 1,
    "grant": 1,
    "appointment": 1,
    "loan": 1,
    "law": 1,
    "dismissal": 1,
    "strike": 2,
    "contract": 3,
    "election": 1,
}
# The bench actor is a mining company: mostly accidents, some clashes, the rest business.
BENCH_KIND_WEIGHTS: dict[str, int] = {
    "accident": 27,
    "clash": 3,
    "statement": 20,
    "investment": 10,
    "production": 10,
    "inspection": 10,
    "fine": 5,
    "acquisition": 5,
    "strike": 10,
}
ROLES = (
    "announcer",
    "subject",
    "participant",
    "host",
    "recipient",
    "attendee",
    "donor",
    "signatory",
    "official",
    "target",
    "partner",
    "visitor",
    "seller",
    "operator",
    "buyer",
)
ROLE_WEIGHTS = (107, 85, 64, 37, 28, 27, 27, 24, 22, 20, 18, 17, 16, 15, 14)
COUNTRIES = ("KZ", "KG", "UZ", "TJ", "TM", "CN", "RU", "AF", "PK", "TR", "US", "IN")
COUNTRY_WEIGHTS = (88, 66, 15, 15, 5, 10, 7, 2, 3, 2, 7, 1)
COUNTRY_NAMES = {
    "KZ": "Kazakhstan",
    "KG": "Kyrgyzstan",
    "UZ": "Uzbekistan",
    "TJ": "Tajikistan",
    "TM": "Turkmenistan",
    "CN": "China",
    "RU": "Russia",
    "AF": "Afghanistan",
    "PK": "Pakistan",
    "TR": "Turkey",
    "US": "United States",
    "IN": "India",
}
CAUSES = ("methane-explosion", "fire", "rock-collapse", "gas-leak", "equipment", "fall", "vehicle")
CAUSE_WEIGHTS = (15, 20, 15, 10, 15, 10, 15)
FACILITY_KINDS = ("mine", "plant", "power-plant", "deposit", "logistics-hub")
ACTOR_KINDS = ("company", "state-company", "government-body", "person", "media", "group")
ACTOR_KIND_WEIGHTS = (40, 10, 20, 20, 5, 5)
TAGS = ("mining", "energy", "transport", "labour", "health", "finance", "water", "border")
PROJECT_KINDS = ("hydropower-plant", "railway", "pipeline", "coal-field", "industrial-park")
STATUS_PATH = ("announced", "agreed", "financed", "under-construction", "completed")
DATE_HOW = ("stated", "inferred", "footnote", "outside")
DATE_HOW_WEIGHTS = (85, 12, 2, 1)
REGIONS_PER_COUNTRY = 8
CITIES_PER_REGION = 6


class EventSpec(NamedTuple):
    """One synthetic event as plain values: turned into an Event, or into raw rows."""

    id: str
    date: str
    kind: str
    title: str
    summary: str | None
    country: str | None
    places: tuple[str, ...]
    participants: tuple[tuple[str, str], ...]
    project: str | None
    figures: tuple[tuple[str, float, str, bool], ...]
    citations: tuple[tuple[str, int, int], ...]
    tags: tuple[str, ...]
    date_how: str
    accident: tuple[int | None, int | None, str, str | None, str | None] | None


class Sizes(NamedTuple):
    """How many entities of each kind a timeline of ``events`` events gets."""

    events: int
    sources: int
    actors: int
    facilities: int
    projects: int


def sizes(n_events: int) -> Sizes:
    """Entity counts that grow with the number of events, as in a growing export."""
    return Sizes(
        events=n_events,
        sources=50 + n_events // 500,
        actors=300 + n_events // 50,
        facilities=50 + n_events // 100,
        projects=20 + n_events // 200,
    )


class _Picker:
    """Weighted choice by bisection over cumulative weights (fast for long tables)."""

    def __init__(self, items: Sequence[str], weights: Sequence[float]) -> None:
        self.items = tuple(items)
        self.cum = list(itertools.accumulate(weights))
        self.total = self.cum[-1]

    def __call__(self, rng: random.Random) -> str:
        return self.items[bisect.bisect(self.cum, rng.random() * self.total)]


def _zipf(items: Sequence[str], exponent: float = 1.0) -> _Picker:
    return _Picker(items, [1.0 / (rank**exponent) for rank in range(1, len(items) + 1)])


def _country_id(code: str) -> str:
    return f"syn-{code.lower()}"


def _region_id(code: str, r: int) -> str:
    return f"syn-{code.lower()}-r{r}"


def _city_id(code: str, r: int, c: int) -> str:
    return f"syn-{code.lower()}-r{r}-c{c}"


def _date_text(rng: random.Random) -> str:
    """An EDTF date mixed like the curated data: day 36%, month 47%, year 16%, rest rarer."""
    day = dt.date.fromordinal(rng.randint(_FIRST_DAY, _LAST_DAY))
    roll = rng.random()
    if roll < 0.36:
        text = day.isoformat()
    elif roll < 0.83:
        text = f"{day.year:04d}-{day.month:02d}"
    elif roll < 0.95:
        text = f"{day.year:04d}"
    elif roll < 0.955:
        text = f"{str(day.year)[:3]}X"
    else:
        # An interval of a few days to a few months.
        end = day + dt.timedelta(days=rng.randint(2, 150))
        if end.toordinal() > _LAST_DAY:
            end = dt.date.fromordinal(_LAST_DAY)
        if roll < 0.98:
            return f"{day.isoformat()}/{end.isoformat()}"
        return f"{day.year:04d}-{day.month:02d}/{end.year:04d}-{end.month:02d}"
    qualifier = rng.random()
    if qualifier < 0.14:
        return text + "~"
    if qualifier < 0.145:
        return text + "?"
    return text


class _World:
    """The entities every event refers to, and the pickers that skew participation."""

    def __init__(self, n_events: int, seed: int) -> None:
        rng = random.Random(seed * 7919 + 1)
        self.sizes = sizes(n_events)
        self.sources = [f"syn-source-{i:05d}" for i in range(self.sizes.sources)]
        self.actors = [f"syn-actor-{i:06d}" for i in range(self.sizes.actors)]
        self.actor_kinds = [
            _Picker(ACTOR_KINDS, ACTOR_KIND_WEIGHTS)(rng) for _ in range(self.sizes.actors)
        ]
        self.cities = [
            (code, _city_id(code, r, c))
            for code in COUNTRIES
            for r in range(REGIONS_PER_COUNTRY)
            for c in range(CITIES_PER_REGION)
        ]
        self.cities_of: dict[str, list[str]] = {code: [] for code in COUNTRIES}
        for code, city in self.cities:
            self.cities_of[code].append(city)
        # Facilities sit in cities of the main countries; each has an operator (skewed).
        self.actor_pick = _zipf(self.actors)
        self.facilities: list[tuple[str, str, str, str]] = []  # id, city, country, operator
        main = _Picker(COUNTRIES[:5], COUNTRY_WEIGHTS[:5])
        for i in range(self.sizes.facilities):
            code = main(rng)
            city = rng.choice(self.cities_of[code])
            self.facilities.append((f"syn-facility-{i:05d}", city, code, self.actor_pick(rng)))
        self.facilities_of: dict[str, list[int]] = {code: [] for code in COUNTRIES}
        for index, facility in enumerate(self.facilities):
            self.facilities_of[facility[2]].append(index)
        self.bench_facilities = list(range(0, len(self.facilities), 10))[:12]
        self.projects = [f"syn-project-{i:05d}" for i in range(self.sizes.projects)]
        self.kind = _Picker(tuple(KIND_WEIGHTS), tuple(KIND_WEIGHTS.values()))
        self.bench_kind = _Picker(tuple(BENCH_KIND_WEIGHTS), tuple(BENCH_KIND_WEIGHTS.values()))
        self.role = _Picker(ROLES, ROLE_WEIGHTS)
        self.country = _Picker(COUNTRIES, COUNTRY_WEIGHTS)
        self.cause = _Picker(CAUSES, CAUSE_WEIGHTS)
        self.date_how = _Picker(DATE_HOW, DATE_HOW_WEIGHTS)
        self.source_pick = _zipf(self.sources, 0.6)

    def records(self, seed: int) -> Iterator[Record]:
        """Sources, actors, places and projects, parents before children."""
        rng = random.Random(seed * 7919 + 2)
        for i, sid in enumerate(self.sources):
            yield Source(
                sid,
                f"synthetic-{i:05d}.txt",
                f"Synthetic article {i}",
                publisher=f"Synthetic Press {i % 17}",
                published=f"{rng.randint(FIRST_YEAR, LAST_YEAR)}",
            )
        yield from self._actors(rng)
        yield from self._places(rng)
        yield from self._projects(rng)

    def _actors(self, rng: random.Random) -> Iterator[Record]:
        """The benchmark's own company, then the synthetic actors."""
        yield Actor(
            BENCH_ACTOR_ID,
            "Bench Mining Company",
            "company",
            country="KZ",
            names=(
                Name(BENCH_ACTOR, "abbreviation"),
                Name("Bench Mining", "former", until="2010"),
            ),
            description="A synthetic mining company for benchmarks",
        )
        for i, aid in enumerate(self.actors):
            kind = self.actor_kinds[i]
            names = []
            if rng.random() < 0.4:
                names.append(Name(f"SA{i}", "abbreviation"))
            if rng.random() < 0.1:
                names.append(Name(f"Old Synthetic Actor {i}", "former", until="2005"))
            yield Actor(
                aid,
                f"Synthetic {kind.replace('-', ' ')} {i}",
                kind,
                country=self.country(rng),
                names=names,
            )

    def _places(self, rng: random.Random) -> Iterator[Record]:
        """Countries, their regions and cities, then facilities."""
        for code in COUNTRIES:
            yield Place(_country_id(code), COUNTRY_NAMES[code], "country", country=code)
            for r in range(REGIONS_PER_COUNTRY):
                yield Place(
                    _region_id(code, r),
                    f"Synthetic Region {code}-{r}",
                    "region",
                    parent=_country_id(code),
                    country=code,
                )
                for c in range(CITIES_PER_REGION):
                    yield Place(
                        _city_id(code, r, c),
                        f"Synthetic City {code}-{r}-{c}",
                        "city",
                        parent=_region_id(code, r),
                        country=code,
                        coordinates=(rng.uniform(36, 55), rng.uniform(50, 87)),
                    )
        for i, (fid, city, code, operator) in enumerate(self.facilities):
            if i in self.bench_facilities:
                operator = BENCH_ACTOR_ID
            yield Place(
                fid,
                f"Synthetic Facility {i}",
                FACILITY_KINDS[i % len(FACILITY_KINDS)],
                parent=city,
                country=code,
                operators=(Tenure(operator, "operator", since=f"{rng.randint(1990, 2010)}"),),
            )

    def _projects(self, rng: random.Random) -> Iterator[Record]:
        """Projects, each with a status path from its start year."""
        for i, pid in enumerate(self.projects):
            start = rng.randint(FIRST_YEAR, LAST_YEAR - 3)
            steps = rng.randint(1, len(STATUS_PATH))
            code = self.country(rng)
            yield Project(
                pid,
                f"Synthetic Project {i}",
                PROJECT_KINDS[i % len(PROJECT_KINDS)],
                countries=(code,),
                places=(rng.choice(self.cities_of[code]),),
                participants=(
                    Participant(self.actor_pick(rng), "developer"),
                    Participant(self.actor_pick(rng), "financier"),
                ),
                figures=(quantity("cost", float(rng.randint(10, 5000)) * 1e6, "USD"),),
                status=tuple(
                    StatusChange(
                        STATUS_PATH[k],
                        f"{start + k}",
                        planned=start + k > 2025,
                        citations=(Citation(self.sources[i % len(self.sources)], 0, 100),),
                    )
                    for k in range(steps)
                ),
                citations=(Citation(self.sources[i % len(self.sources)], 100, 300),),
            )

    def events(self, n_events: int, seed: int) -> Iterator[EventSpec]:
        """``n_events`` events as plain tuples, in id order (dates in random order)."""
        rng = random.Random(seed * 7919 + 3)
        step = max(1, n_events // BENCH_EVENTS)
        bench_left = min(BENCH_EVENTS, n_events)
        rand = rng.random
        for i in range(n_events):
            bench = bench_left > 0 and i % step == step // 2
            if bench:
                bench_left -= 1
            kind = self.bench_kind(rng) if bench else self.kind(rng)
            country: str | None = "KZ" if bench else self.country(rng)
            participants, seen = self._participants(rng)
            places: tuple[str, ...] = ()
            accident: tuple[int | None, int | None, str, str | None, str | None] | None = None
            figures: list[tuple[str, float, str, bool]] = []
            assert country is not None
            if kind == "accident":
                accident, places, country = self._accident(rng, bench, country, figures)
                operator = accident[4]
                if operator not in seen:
                    participants.append((operator, "operator"))
                    seen.add(operator)
            else:
                places = self._other_places(rng, country, figures)
            if bench and BENCH_ACTOR_ID not in seen:
                participants.insert(0, (BENCH_ACTOR_ID, "subject"))
            if not bench and rand() < 0.06:
                country = None
            citations = self._citations(rng)
            tags = tuple(TAGS[int(rand() * len(TAGS))] for _ in range(int(rand() * 2.4)))
            yield EventSpec(
                id=f"syn-event-{i:07d}",
                date=_date_text(rng),
                kind=kind,
                title=f"Synthetic {kind} {i}",
                summary=f"Generated {kind} record number {i}." if rand() < 0.5 else None,
                country=country,
                places=places,
                participants=tuple(participants),
                project=self.projects[int(rand() * len(self.projects))]
                if kind == "milestone" or rand() < 0.03
                else None,
                figures=tuple(figures),
                citations=tuple(citations),
                tags=tuple(dict.fromkeys(tags)),
                date_how=self.date_how(rng),
                accident=accident,
            )

    def _participants(self, rng: random.Random) -> tuple[list[tuple[str, str]], set[str]]:
        """Up to six distinct participating actors with their roles, and their ids."""
        participants: list[tuple[str, str]] = []
        n_parts = bisect.bisect((0.03, 0.28, 0.65, 0.84, 0.93, 1.0), rng.random())
        seen: set[str] = set()
        for _ in range(n_parts):
            actor = self.actor_pick(rng)
            if actor not in seen:
                seen.add(actor)
                participants.append((actor, self.role(rng)))
        return participants, seen

    def _accident(
        self,
        rng: random.Random,
        bench: bool,
        country: str,
        figures: list[tuple[str, float, str, bool]],
    ) -> tuple[tuple[int | None, int | None, str, str, str], tuple[str, ...], str]:
        """An accident at a facility (its details, places and country); adds its tolls to
        ``figures``."""
        rand = rng.random
        pool = self.bench_facilities if bench else self.facilities_of[country]
        if not pool:
            pool = self.facilities_of["KZ"]
        fid, city, country, operator = self.facilities[pool[int(rand() * len(pool))]]
        if bench:
            operator = BENCH_ACTOR_ID
        deaths = int(rng.expovariate(0.5)) if rand() < 0.9 else None
        injured = int(rng.expovariate(0.2)) if rand() < 0.6 else None
        cause = self.cause(rng)
        if deaths is not None:
            figures.append(("deaths", float(deaths), "people", False))
        if injured is not None:
            figures.append(("injured", float(injured), "people", rand() < 0.2))
        return (deaths, injured, cause, fid, operator), (fid, city), country

    def _other_places(
        self, rng: random.Random, country: str, figures: list[tuple[str, float, str, bool]]
    ) -> tuple[str, ...]:
        """The places of an event that is no accident (a city, a region or none); adds an
        amount or a count to ``figures`` now and then."""
        rand = rng.random
        randint = rng.randint
        places: tuple[str, ...] = ()
        roll = rand()
        if roll < 0.5:
            places = (self.cities_of[country][int(rand() * len(self.cities_of[country]))],)
        elif roll < 0.65:
            places = (_region_id(country, randint(0, REGIONS_PER_COUNTRY - 1)),)
        if rand() < 0.25:
            figures.append(("amount", float(randint(1, 2000)) * 1e6, "USD", rand() < 0.3))
        if rand() < 0.1:
            figures.append(("count", float(randint(2, 5000)), "people", rand() < 0.5))
        return places

    def _citations(self, rng: random.Random) -> list[tuple[str, int, int]]:
        """One cited span, and a second from another source one time in five."""
        randint = rng.randint
        source = self.source_pick(rng)
        start = randint(0, 90_000)
        citations = [(source, start, start + randint(40, 600))]
        if rng.random() < 0.2:
            other = self.source_pick(rng)
            if other != source:
                start = randint(0, 90_000)
                citations.append((other, start, start + randint(40, 600)))
        return citations


def to_record(spec: EventSpec) -> Event:
    """The domain object of one event spec: an Accident when it has accident details."""
    participants = tuple(Participant(a, r) for a, r in spec.participants)
    figures = tuple(quantity(n, v, u, approx=a) for n, v, u, a in spec.figures)
    citations = tuple(Citation(s, a, b) for s, a, b in spec.citations)
    if spec.accident is not None:
        deaths, injured, cause, facility, operator = spec.accident
        return Accident(
            spec.id,
            spec.date,
            spec.kind,
            spec.title,
            summary=spec.summary,
            country=spec.country,
            places=spec.places,
            participants=participants,
            project=spec.project,
            figures=figures,
            citations=citations,
            tags=spec.tags,
            date_how=spec.date_how,
            deaths=deaths,
            injured=injured,
            cause=cause,
            facility=facility,
            operator=operator,
        )
    return Event(
        spec.id,
        spec.date,
        spec.kind,
        spec.title,
        summary=spec.summary,
        country=spec.country,
        places=spec.places,
        participants=participants,
        project=spec.project,
        figures=figures,
        citations=citations,
        tags=spec.tags,
        date_how=spec.date_how,
    )


def entities(n_events: int, seed: int) -> Iterator[Record]:
    """The sources, actors, places and projects of a timeline of ``n_events`` events."""
    return _World(n_events, seed).records(seed)


def event_specs(n_events: int, seed: int) -> Iterator[EventSpec]:
    """The events of :func:`generate` as plain tuples, the same for the same arguments."""
    return _World(n_events, seed).events(n_events, seed)


def events(n_events: int, seed: int) -> Iterator[Event]:
    """The events of :func:`generate` as domain objects, made one at a time."""
    return (to_record(spec) for spec in event_specs(n_events, seed))


class Generated(NamedTuple):
    """What :func:`generate` wrote and how long the writing took.

    ``events_s`` leaves out ``generation_s``, the time spent inventing the
    events (the same work the raw-driver baseline is spared).
    """

    entities: int
    events: int
    entities_s: float
    events_s: float
    generation_s: float


class _Timed:
    """An iterator that adds up the time spent producing its items."""

    def __init__(self, items: Iterator[EventSpec]) -> None:
        self.items = items
        self.seconds = 0.0

    def __iter__(self) -> _Timed:
        return self

    def __next__(self) -> EventSpec:
        t = time.perf_counter()
        try:
            return next(self.items)
        finally:
            self.seconds += time.perf_counter() - t


def generate(url: str, n_events: int, seed: int = 0) -> Generated:
    """Fill the database at ``url`` with a synthetic timeline of ``n_events`` events.

    The database is migrated (not seeded with the curated data); everything is
    written through :meth:`catimeline.Timeline.add`, events as a stream in
    chunks, so memory stays flat however many events are asked for.
    """
    with ct.open(url, seed=False) as tl:
        t0 = time.perf_counter()
        n_entities = tl.add(entities(n_events, seed))
        t1 = time.perf_counter()
        specs = _Timed(event_specs(n_events, seed))
        n = tl.add(to_record(spec) for spec in specs)
        t2 = time.perf_counter()
    return Generated(n_entities, n, t1 - t0, t2 - t1 - specs.seconds, specs.seconds)


if __name__ == "__main__":  # pragma: no cover - a helper for trying the generator by hand
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("url")
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    print(generate(args.url, args.events, args.seed))
