"""Filters -> parameterised SQLAlchemy Core statements -> Results.

Every filter is resolved first (names to ids, kind groups to kinds, places to
the places inside them, dates to a window), then compiled into one SELECT of
ids that runs on SQLite and Postgres alike and uses the indexes of
:mod:`catimeline.store.schema`.  The page of ids is then hydrated in batches by
the repository.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from functools import partial
from typing import Any, Literal, NamedTuple

import attrs
from sqlalchemy import (
    ColumnElement,
    Connection,
    Date,
    FromClause,
    Integer,
    Select,
    Subquery,
    and_,
    bindparam,
    exists,
    false,
    func,
    null,
    or_,
    select,
    true,
    union,
    union_all,
)

from catimeline import vocabulary as v
from catimeline.dates import DateLike, window
from catimeline.errors import (
    QueryError,
    UnknownActor,
    UnknownEvent,
    UnknownName,
    UnknownPlace,
    UnknownProject,
)
from catimeline.model import Actor, Event, Place, Project
from catimeline.names import name_key
from catimeline.query.filters import EventFilters, Ref, Refs
from catimeline.results import Match, Results
from catimeline.store import compiled
from catimeline.store import schema as s
from catimeline.store.repository import EVENT_READ_COLUMNS, EventRows, Repository
from catimeline.store.search import events_with_text, text_params

MatchMode = Literal["overlaps", "within", "possibly"]
MATCH_MODES: tuple[str, ...] = ("overlaps", "within", "possibly")
MAX_TEXT = 1000
"""The longest ``text=`` filter (SQLite refuses LIKE patterns much longer than this)."""
ORDERS: tuple[str, ...] = ("date", "-date")


def _as_list(refs: Refs) -> list[Ref]:
    if refs is None:
        return []
    if isinstance(refs, str | Actor | Place | Project | Event):
        return [refs]
    if isinstance(refs, Mapping) or not isinstance(refs, Iterable):
        raise QueryError(
            f"expected a name, an id, a catimeline object or a list of them, not {refs!r}"
        )
    return list(refs)


def _words(value: str | Iterable[str], what: str) -> list[str]:
    """A filter's word or list of words, each checked to be text."""
    words = [value] if isinstance(value, str) else value
    if isinstance(words, Mapping) or not isinstance(words, Iterable):
        raise QueryError(f"{what} must be a word or a list of words, not {value!r}")
    out = list(words)
    for word in out:
        if not isinstance(word, str):
            raise QueryError(f"{what} must be text, not {word!r}")
    return out


def _check_vocabulary(words: Iterable[str], vocabulary: Iterable[str], what: str) -> None:
    """QueryError (with close words) for a word that is not in ``vocabulary``."""
    known = list(vocabulary)
    for word in words:
        if word not in known:
            raise QueryError(
                f"unknown {what} {word!r}: see catimeline.vocabulary for the list",
                suggestions=suggest(word, known),
            )


def suggest(needle: str, names: Iterable[str], limit: int = 3) -> list[str]:
    """The names closest to ``needle`` (rapidfuzz), best first."""
    from rapidfuzz import fuzz, process, utils

    pool = list(dict.fromkeys(names))
    found = process.extract(
        needle,
        pool,
        scorer=fuzz.WRatio,
        processor=utils.default_process,
        limit=limit,
        score_cutoff=60,
    )
    return [name for name, _score, _index in found]


# ------------------------------------------------------------------ resolution


@attrs.frozen
class Resolved:
    """A filter value resolved to ids, with the name each id was found under."""

    ref: str
    ids: tuple[str, ...]
    via: Mapping[str, str] = attrs.field(factory=dict)

    def describe(self) -> str:
        """``'AMT' -> arcelormittal-temirtau``."""
        return f"{self.ref!r} -> {', '.join(self.ids)}"


def _lookup_statement(main: Any, names: Any, owner: str) -> Any:
    """One statement finding a record kind by id (rows with a NULL name) or by name key."""
    by_id = select(main.c.id, null().label("name"), null().label("type")).where(
        main.c.id == bindparam("ref")
    )
    by_key = select(names.c[f"{owner}_id"], names.c.name, names.c.type).where(
        names.c.key == bindparam("key")
    )
    return union_all(by_id, by_key)


class Resolver:
    """Turns names, aliases, ids and objects into ids, with suggestions when it cannot."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection

    def _lookup(self, main: Any, names: Any, owner: str, ref: str) -> dict[str, str]:
        """ids matching ``ref`` as an id or any name form, with the name that matched."""
        statement = compiled.compiled(
            self.connection,
            ("lookup", main.name),
            partial(_lookup_statement, main, names, owner),
        )
        # A text without letters or digits has no key: NULL matches no name.
        key = name_key(ref) or None
        rows = compiled.run(self.connection, statement, {"ref": ref, "key": key})
        found: dict[str, str] = {row[0]: ref for row in rows if row[1] is None}
        for owner_id, name, kind in rows:
            if name is not None:
                found.setdefault(owner_id, name if kind == "name" else f"{name} ({kind})")
        return found

    def _suggestions(self, names: Any, ref: str) -> list[str]:
        pool = [r.name for r in self.connection.execute(select(names.c.name))]
        return suggest(ref, pool)

    def actor(self, ref: Ref) -> Resolved:
        """Resolve one actor reference; UnknownActor with suggestions when nothing matches."""
        if isinstance(ref, Actor):
            return Resolved(ref.id, (ref.id,), {ref.id: ref.name})
        text = _text_ref(ref, "actor")
        found = self._lookup(s.actors, s.actor_names, "actor", text)
        if not found:
            raise UnknownActor(text, self._suggestions(s.actor_names, text))
        return Resolved(text, tuple(found), found)

    def place(self, ref: Ref, *, inside: bool = True) -> Resolved:
        """Resolve a place reference, with every place inside it unless ``inside=False``."""
        if isinstance(ref, Place):
            found = {ref.id: ref.name}
            text = ref.id
        else:
            text = _text_ref(ref, "place")
            found = self._lookup(s.places, s.place_names, "place", text)
            if not found:
                raise UnknownPlace(text, self._suggestions(s.place_names, text))
        ids = list(found)
        if inside:
            ids = self.descendants(ids)
        return Resolved(text, tuple(ids), found)

    def descendants(self, roots: Sequence[str]) -> list[str]:
        """``roots`` and every place inside them, through the parent hierarchy."""
        p = s.places.c
        tree = select(p.id).where(p.id.in_(list(roots))).cte("tree", recursive=True)
        tree = tree.union(select(p.id).where(p.parent_id == tree.c.id))
        found = [r.id for r in self.connection.execute(select(tree.c.id))]
        return list(dict.fromkeys([*roots, *found]))

    def project(self, ref: Ref) -> Resolved:
        """Resolve a project by id or name; UnknownProject with suggestions."""
        if isinstance(ref, Project):
            return Resolved(ref.id, (ref.id,), {ref.id: ref.name})
        text = _text_ref(ref, "project")
        p = s.projects.c
        rows = self.connection.execute(select(p.id, p.name)).all()
        key = name_key(text)
        found = {r.id: r.name for r in rows if r.id == text or name_key(r.name) == key}
        if not found:
            raise UnknownProject(text, suggest(text, [r.name for r in rows] + [r.id for r in rows]))
        return Resolved(text, tuple(found), found)

    def country(self, ref: Ref) -> Resolved:
        """Resolve a country code or name (any name of a country place) to ISO codes."""
        if isinstance(ref, Place):
            if not ref.country:
                raise QueryError(f"place {ref.id!r} has no country code")
            return Resolved(ref.id, (ref.country,), {ref.country: ref.name})
        text = _text_ref(ref, "country")
        if len(text) == 2 and text.isalpha():
            return Resolved(text, (text.upper(),), {text.upper(): text.upper()})
        p = s.places.c
        found: dict[str, str] = {}
        for place_id, name in self._lookup(s.places, s.place_names, "place", text).items():
            row = self.connection.execute(select(p.country, p.kind).where(p.id == place_id)).first()
            if row is not None and row.kind == "country" and row.country:
                found[row.country] = name
        if not found:
            countries = (
                select(s.place_names.c.name)
                .join(s.places, s.places.c.id == s.place_names.c.place_id)
                .where(p.kind == "country")
            )
            pool = [r.name for r in self.connection.execute(countries)]
            raise UnknownPlace(text, suggest(text, pool))
        return Resolved(text, tuple(found), found)


def plain_text(text: str) -> bool:
    """Whether ``text`` can be stored and compared: valid UTF-8 and no NUL character."""
    if "\x00" in text:
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _text_ref(ref: Ref, what: str) -> str:
    if isinstance(ref, Actor | Place | Project | Event):
        return ref.id
    if not isinstance(ref, str):
        raise QueryError(f"{what} must be a name, an id or a catimeline object, not {ref!r}")
    text = ref.strip()
    if not text or not plain_text(text):
        raise QueryError(f"{what} {ref!r} is empty or not text: give a name or an id")
    return text


def kinds_of(refs: str | Iterable[str] | None) -> tuple[str, ...] | None:
    """Event kinds named by kinds and groups (``incident``); QueryError for unknown words."""
    if refs is None:
        return None
    words = _words(refs, "kind")
    out: list[str] = []
    for word in words:
        w = word.strip().lower()
        if w in v.KIND_GROUPS:
            out.extend(v.KIND_GROUPS[w])
        elif w in v.EVENT_KINDS:
            out.append(w)
        else:
            close = suggest(w, [*v.KIND_GROUPS, *v.EVENT_KINDS])
            raise QueryError(
                f"unknown kind {word!r}: kinds are listed in catimeline.vocabulary "
                f"(groups: {', '.join(v.KIND_GROUPS)})",
                suggestions=close,
            )
    return tuple(dict.fromkeys(out))


# ------------------------------------------------------------------ the query


@attrs.frozen
class Query:
    """A structured query, readable as text: what was asked and how each part resolved."""

    target: str
    parts: tuple[str, ...] = ()
    window: tuple[dt.date | None, dt.date | None] = (None, None)
    match: str = "overlaps"
    order: str = "date"
    limit: int | None = None
    after: str | None = None
    question: str | None = None

    def __str__(self) -> str:
        text = self.target
        conditions = list(self.parts)
        start, end = self.window
        if start or end:
            conditions.append(
                f"date {self.match} {start.isoformat() if start else '..'}"
                f"/{end.isoformat() if end else '..'}"
            )
        if conditions:
            text += " where " + " and ".join(conditions)
        text += f", ordered by {self.order}"
        if self.after:
            text += f", after {self.after}"
        if self.limit is not None:
            text += f", first {self.limit}"
        if self.question:
            text = f"{self.question!r} read as: {text}"
        return text


def _date_condition(cols: Any, start: Any, end: Any, match: str) -> list[ColumnElement[bool]]:
    """How an item's date columns must meet the window [start, end] (dates, or parameters;
    None for an open side) in the ``match`` mode."""
    _check_match(match)
    out: list[ColumnElement[bool]] = []
    if match == "overlaps":
        if end is not None:
            out.append(cols.earliest <= end)
        if start is not None:
            out.append(cols.latest >= start)
    elif match == "within":
        if start is not None:
            out.append(cols.earliest >= start)
        if end is not None:
            out.append(cols.latest <= end)
    else:
        if end is not None:
            out.append(cols.possible_earliest <= end)
        if start is not None:
            out.append(cols.possible_latest >= start)
    return out


def _check_match(match: str) -> None:
    if match not in MATCH_MODES:
        raise QueryError(f"match must be one of {', '.join(MATCH_MODES)}, not {match!r}")


def _check_limit(limit: int | None) -> None:
    if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int) or limit < 0):
        raise QueryError(f"limit must be a whole number >= 0, not {limit!r}")


def _check_text(text: object) -> None:
    if not isinstance(text, str) or not text.strip():
        raise QueryError(f"text must be some words to look for, not {text!r}")
    if not plain_text(text):
        raise QueryError(
            "text cannot contain NUL characters or lone surrogates: remove them and try again"
        )
    if len(text) > MAX_TEXT:
        raise QueryError(
            f"text is at most {MAX_TEXT} characters ({len(text)} given): look for fewer words"
        )


def _names_contain(names: Any, owner: Any, text: str) -> ColumnElement[bool]:
    """Some name key of ``names`` (correlated by ``owner``) contains the key of ``text``.

    Never true for a text without letters or digits (its key is empty).
    """
    _check_text(text)
    needle = name_key(text)
    if not needle:
        return false()
    return exists().where(owner, names.c.key.contains(needle, autoescape=True))


def _text_condition(text: str, *columns: Any) -> ColumnElement[bool]:
    _check_text(text)
    needle = text.strip().lower()
    return or_(*(func.lower(c).contains(needle, autoescape=True) for c in columns))


class _Shape(NamedTuple):
    """What decides an event query's SQL text: which filters, how many values each
    (None: no such filter), the date mode and the order.  Values are parameters."""

    accidents: bool
    actors: int | None
    kinds: int | None
    countries: int | None
    places: int | None
    projects: int | None
    text: bool | None  # None: no text filter; False: a text without words (no match)
    min_deaths: bool
    causes: int | None
    operators: int | None
    start: bool
    end: bool
    match: str
    descending: bool
    limit: bool
    after: bool


def _linked(owner: Any, column: str, prefix: str, n: int) -> Subquery:
    """Ids of the events linked to ``n`` ids (``prefix_i``) through the link column ``owner``
    (``ct_event_participants.actor_id``, ``ct_event_places.place_id``) or through their
    accident ``column`` (``operator_id``, ``facility_id``).

    UNION (not UNION ALL) so an event found twice joins once.
    """
    found = union(
        select(owner.table.c.event_id.label("id")).where(compiled.in_list(owner, prefix, n)),
        select(_DIRECT.c.id).where(compiled.in_list(_DIRECT.c[column], prefix, n)),
    )
    return found.subquery()


# Built once: an alias builds a proxy of every column of the table.
_DIRECT = s.events.alias("direct")


def _event_statement(shape: _Shape, dialect: str) -> Select[Any]:
    """The event query of ``shape``, every value a named parameter (see :class:`_Shape`).

    Actor and place filters join the events to the ids they select (a UNION of the
    link table and the accident column), so the plan starts from the few matching
    links and reads events by key, whatever the size of the table.
    """
    e = s.events.c
    where: list[ColumnElement[bool]] = []
    source: FromClause = s.events
    if shape.accidents:
        where.append(e.is_accident == true())
    if shape.actors is not None:
        sub = _linked(s.event_participants.c.actor_id, "operator_id", "actor", shape.actors)
        source = source.join(sub, sub.c.id == e.id)
    if shape.places is not None:
        sub = _linked(s.event_places.c.place_id, "facility_id", "place", shape.places)
        source = source.join(sub, sub.c.id == e.id)
    lists = (
        (shape.kinds, e.kind, "kind"),
        (shape.countries, e.country, "country"),
        (shape.projects, e.project_id, "project"),
        (shape.causes, e.cause, "cause"),
        (shape.operators, e.operator_id, "operator"),
    )
    where.extend(
        compiled.in_list(column, prefix, n) for n, column, prefix in lists if n is not None
    )
    if shape.text is not None:
        where.append(events_with_text(dialect) if shape.text else false())
    if shape.min_deaths:
        where.append(e.deaths >= bindparam("min_deaths"))
    start = bindparam("start", type_=Date) if shape.start else None
    end = bindparam("end", type_=Date) if shape.end else None
    where.extend(_date_condition(e, start, end, shape.match))
    keys = (e.earliest, e.latest, e.date, e.id)
    if shape.after:
        after: list[Any] = [bindparam(name) for name in compiled.names("after", 4)]
        where.append(_after(keys, after, descending=shape.descending))
    stmt: Select[Any] = select(*EVENT_READ_COLUMNS).select_from(source).where(and_(true(), *where))
    stmt = stmt.order_by(*(k.desc() for k in keys) if shape.descending else keys)
    if shape.limit:
        stmt = stmt.limit(bindparam("limit", type_=Integer))
    return stmt


class EventQuery:
    """Builds and runs event and accident queries."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self.resolve = Resolver(connection)
        self.repo = Repository(connection)

    def run(
        self, filters: EventFilters, *, question: str | None = None, timeline: Any = None
    ) -> Results[Any]:
        """Run an event query; see :meth:`catimeline.Timeline.events` for the filters.

        Every filter is checked and resolved to values first; the SQL text comes
        from the query's shape (:class:`_Shape`, compiled once) and the values
        are its parameters.
        """
        f = filters
        if f.actors_all or f.include_affiliated:
            raise QueryError("actors_all and include_affiliated are not available yet")
        actor = f.actor or None
        kind = f.kind or None
        country = f.country or None
        place = f.place or None
        project = f.project or None
        text, since, until, during = f.text, f.since, f.until, f.during
        match, order, limit, after = f.match, f.order, f.limit, f.after
        accidents, min_deaths = f.accidents, f.min_deaths
        cause = f.cause or None
        operator = f.operator or None
        params: dict[str, Any] = {}
        parts: list[str] = []
        actor_ids: dict[str, str] = {}
        n_actors = n_kinds = n_countries = n_places = n_projects = None
        n_causes = n_operators = None
        has_text: bool | None = None

        for ref in _as_list(actor):
            r = self.resolve.actor(ref)
            actor_ids.update({i: f"actor {r.ref!r} as {r.via.get(i, i)}" for i in r.ids})
        if actor is not None:
            ids = list(actor_ids)
            n_actors = len(ids)
            params.update(compiled.values("actor", ids))
            parts.append(f"actor in ({', '.join(ids)})")
        kinds = kinds_of(kind)
        if kinds is not None:
            n_kinds = len(kinds)
            params.update(compiled.values("kind", kinds))
            parts.append(f"kind in ({', '.join(kinds)})")
        if country is not None:
            codes = [c for ref in _as_list(country) for c in self.resolve.country(ref).ids]
            n_countries = len(codes)
            params.update(compiled.values("country", codes))
            parts.append(f"country in ({', '.join(codes)})")
        place_ids: list[str] = []
        if place is not None:
            for ref in _as_list(place):
                place_ids.extend(self.resolve.place(ref).ids)
            n_places = len(place_ids)
            params.update(compiled.values("place", place_ids))
            parts.append(
                f"place in ({', '.join(place_ids[:8])}{'...' if len(place_ids) > 8 else ''})"
            )
        if project is not None:
            pids = [i for ref in _as_list(project) for i in self.resolve.project(ref).ids]
            n_projects = len(pids)
            params.update(compiled.values("project", pids))
            parts.append(f"project in ({', '.join(pids)})")
        if text is not None:
            _check_text(text)
            words = text_params(self.connection.dialect.name, text)
            has_text = words is not None
            params.update(words or {})
            parts.append(f"text contains {text!r}")
        if min_deaths is not None:
            if isinstance(min_deaths, bool) or not isinstance(min_deaths, int) or min_deaths < 0:
                raise QueryError(f"min_deaths must be a whole number >= 0, not {min_deaths!r}")
            params["min_deaths"] = min_deaths
            parts.append(f"deaths >= {min_deaths}")
        if cause is not None:
            causes = _words(cause, "cause")
            for c in causes:
                if c not in v.CAUSES:
                    raise QueryError(
                        f"unknown cause {c!r}: causes are listed in catimeline.vocabulary.CAUSES",
                        suggestions=suggest(c, v.CAUSES),
                    )
            n_causes = len(causes)
            params.update(compiled.values("cause", causes))
            parts.append(f"cause in ({', '.join(causes)})")
        if operator is not None:
            ops = [i for ref in _as_list(operator) for i in self.resolve.actor(ref).ids]
            n_operators = len(ops)
            params.update(compiled.values("operator", ops))
            parts.append(f"operator in ({', '.join(ops)})")

        start, end = window(since, until, during)
        _check_match(match)
        params.update(start=start, end=end)
        if order not in ORDERS:
            raise QueryError(f"order must be 'date' or '-date', not {order!r}")
        _check_limit(limit)
        params["limit"] = limit
        after_id = None
        if after is not None:
            after_id = after.id if isinstance(after, Event) else str(after)
            key = self.repo.event_sort_key(after_id)
            if key is None:
                raise UnknownEvent(after_id)
            params.update(compiled.values("after", key))

        shape = _Shape(
            accidents=accidents,
            actors=n_actors,
            kinds=n_kinds,
            countries=n_countries,
            places=n_places,
            projects=n_projects,
            text=has_text,
            min_deaths=min_deaths is not None,
            causes=n_causes,
            operators=n_operators,
            start=start is not None,
            end=end is not None,
            match=match,
            descending=order == "-date",
            limit=limit is not None,
            after=after_id is not None,
        )
        dialect = self.connection.dialect.name
        statement = compiled.compiled(
            self.connection, ("events", shape), lambda: _event_statement(shape, dialect)
        )
        # The event rows come with the query; only the child rows are read after it.
        # Objects are built from these rows when the Results is first read.
        rows = self.repo.event_rows(compiled.run(self.connection, statement, params))

        target = "accidents" if accidents else "events"
        q = Query(target, tuple(parts), (start, end), match, order, limit, after_id, question)
        mode = f"date {match} {start or '..'}/{end or '..'}" if (start or end) else None
        return Results(
            rows,
            q,
            partial(_reasons, rows, actor_ids, set(place_ids), kinds is not None, mode),
            timeline,
        )


def _reasons(
    rows: EventRows,
    actor_ids: Mapping[str, str],
    place_ids: set[str],
    by_kind: bool,
    mode: str | None,
) -> dict[str, Match]:
    """Why each event of ``rows`` matched: the actor names, places, kind and date mode."""
    reasons: dict[str, Match] = {}
    for event_id, kind, date, actors, places in rows.facts():
        why: list[str] = []
        if actor_ids:
            why.extend(text for aid, text in actor_ids.items() if aid in actors)
        if place_ids:
            why.extend(f"place {p}" for p in dict.fromkeys(places) if p in place_ids)
        if by_kind:
            why.append(f"kind {kind}")
        if mode:
            why.append(f"{mode} ({date})")
        reasons[event_id] = Match(tuple(why))
    return reasons


def _after(cols: Sequence[Any], key: Sequence[Any], *, descending: bool) -> ColumnElement[bool]:
    """Rows strictly after ``key`` in (earliest, latest, date, id) order: keyset paging.

    Written as nested ORs rather than a row-value comparison so every backend
    can use the (earliest, latest) index for the leading column.
    """
    conditions = []
    for i, col in enumerate(cols):
        equal = [cols[j] == key[j] for j in range(i)]
        beyond = col < key[i] if descending else col > key[i]
        conditions.append(and_(*equal, beyond))
    return or_(*conditions)


class EntityQuery:
    """Queries over projects, actors and places."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self.resolve = Resolver(connection)
        self.repo = Repository(connection)

    def projects(
        self,
        *,
        actor: Refs = None,
        country: Refs = None,
        kind: str | Iterable[str] | None = None,
        status: str | Iterable[str] | None = None,
        text: str | None = None,
        since: DateLike | None = None,
        until: DateLike | None = None,
        place: Refs = None,
        limit: int | None = None,
        question: str | None = None,
        timeline: Any = None,
    ) -> Results[Project]:
        """Projects; see :meth:`catimeline.Timeline.projects`."""
        p = s.projects.c
        where: list[ColumnElement[bool]] = []
        parts: list[str] = []
        reasons: dict[str, str] = {}
        if actor is not None:
            ids: dict[str, str] = {}
            for ref in _as_list(actor):
                r = self.resolve.actor(ref)
                ids.update({i: f"actor {r.ref!r} as {r.via.get(i, i)}" for i in r.ids})
            pp = s.project_participants.c
            where.append(exists().where(pp.project_id == p.id, pp.actor_id.in_(list(ids))))
            parts.append(f"actor in ({', '.join(ids)})")
            reasons.update(ids)
        if country is not None:
            codes = [c for ref in _as_list(country) for c in self.resolve.country(ref).ids]
            pc = s.project_countries.c
            where.append(exists().where(pc.project_id == p.id, pc.country.in_(codes)))
            parts.append(f"country in ({', '.join(codes)})")
        if place is not None:
            pids = [i for ref in _as_list(place) for i in self.resolve.place(ref).ids]
            ppl = s.project_places.c
            where.append(exists().where(ppl.project_id == p.id, ppl.place_id.in_(pids)))
            parts.append(f"place in ({', '.join(pids[:8])})")
        if kind is not None:
            kinds = _words(kind, "kind")
            known = [r.kind for r in self.connection.execute(select(p.kind).distinct())]
            _check_vocabulary(kinds, sorted(known), "project kind")
            where.append(p.kind.in_(kinds))
            parts.append(f"kind in ({', '.join(kinds)})")
        if text is not None:
            where.append(_text_condition(text, p.name, p.notes))
            parts.append(f"text contains {text!r}")
        start, end = window(since, until)
        if start is not None or end is not None:
            ps = s.project_status.c
            cond = [ps.project_id == p.id, *_date_condition(ps, start, end, "overlaps")]
            where.append(exists().where(*cond))
            parts.append(f"a status step overlaps {start or '..'}/{end or '..'}")
        _check_limit(limit)
        stmt = select(p.id).where(and_(true(), *where)).order_by(p.name, p.id)
        if limit is not None:
            stmt = stmt.limit(limit)
        ids_found = [r.id for r in self.connection.execute(stmt)]
        items = self.repo.projects(ids_found)
        if status is not None:
            wanted = set(_words(status, "status"))
            unknown = wanted - set(v.STATUSES)
            if unknown:
                word = sorted(unknown)[0]
                raise QueryError(
                    f"unknown status {word!r}: statuses are {', '.join(v.STATUSES)}",
                    suggestions=suggest(word, v.STATUSES),
                )
            items = [i for i in items if i.current_status in wanted]
            parts.append(f"current status in ({', '.join(sorted(wanted))})")
        q = Query("projects", tuple(parts), (start, end), "overlaps", "name", limit, None, question)
        matches = {
            i.id: Match(
                tuple(r for a, r in reasons.items() if a in {x.actor for x in i.participants})
            )
            for i in items
        }
        return Results(items, q, matches, timeline)

    def actors(
        self,
        *,
        kind: str | Iterable[str] | None = None,
        country: str | None = None,
        text: str | None = None,
        limit: int | None = None,
        timeline: Any = None,
    ) -> Results[Actor]:
        """Actors; see :meth:`catimeline.Timeline.actors`."""
        a = s.actors.c
        where: list[ColumnElement[bool]] = []
        parts: list[str] = []
        if kind is not None:
            kinds = _words(kind, "kind")
            _check_vocabulary(kinds, v.ACTOR_KINDS, "actor kind")
            where.append(a.kind.in_(kinds))
            parts.append(f"kind in ({', '.join(kinds)})")
        if country is not None:
            codes = list(self.resolve.country(country).ids)
            where.append(a.country.in_(codes))
            parts.append(f"country in ({', '.join(codes)})")
        if text is not None:
            an = s.actor_names.c
            where.append(
                or_(
                    _text_condition(text, a.name, a.description),
                    _names_contain(s.actor_names, an.actor_id == a.id, text),
                )
            )
            parts.append(f"text contains {text!r}")
        _check_limit(limit)
        stmt = select(a.id).where(and_(true(), *where)).order_by(a.name, a.id)
        if limit is not None:
            stmt = stmt.limit(limit)
        ids = [r.id for r in self.connection.execute(stmt)]
        return Results(self.repo.actors(ids), Query("actors", tuple(parts)), None, timeline)

    def places(
        self,
        *,
        kind: str | Iterable[str] | None = None,
        country: str | None = None,
        within: Refs = None,
        text: str | None = None,
        limit: int | None = None,
        timeline: Any = None,
    ) -> Results[Place]:
        """Places; see :meth:`catimeline.Timeline.places`."""
        p = s.places.c
        where: list[ColumnElement[bool]] = []
        parts: list[str] = []
        if kind is not None:
            kinds = _words(kind, "kind")
            _check_vocabulary(kinds, v.PLACE_KINDS, "place kind")
            where.append(p.kind.in_(kinds))
            parts.append(f"kind in ({', '.join(kinds)})")
        if country is not None:
            codes = list(self.resolve.country(country).ids)
            where.append(p.country.in_(codes))
            parts.append(f"country in ({', '.join(codes)})")
        if within is not None:
            ids = [i for ref in _as_list(within) for i in self.resolve.place(ref).ids]
            where.append(p.id.in_(ids))
            parts.append(f"inside ({', '.join(ids[:8])})")
        if text is not None:
            pn = s.place_names.c
            where.append(
                or_(
                    _text_condition(text, p.name),
                    _names_contain(s.place_names, pn.place_id == p.id, text),
                )
            )
            parts.append(f"text contains {text!r}")
        _check_limit(limit)
        stmt = select(p.id).where(and_(true(), *where)).order_by(p.name, p.id)
        if limit is not None:
            stmt = stmt.limit(limit)
        ids_found = [r.id for r in self.connection.execute(stmt)]
        return Results(self.repo.places(ids_found), Query("places", tuple(parts)), None, timeline)


def one(connection: Connection, kind: str, ref: Ref) -> Any:
    """A single actor, place, project or event by id, name or alias."""
    resolver = Resolver(connection)
    repo = Repository(connection)
    if kind == "event":
        text = _text_ref(ref, "event")
        found = repo.events([text])
        if not found:
            pool = [r.id for r in connection.execute(select(s.events.c.id))]
            raise UnknownEvent(text, suggest(text, pool))
        return found[0]
    if kind == "actor":
        r = resolver.actor(ref)
    elif kind == "place":
        r = resolver.place(ref, inside=False)
    elif kind == "project":
        r = resolver.project(ref)
    else:
        raise QueryError(f"show takes actor, place, project or event, not {kind!r}")
    if len(r.ids) > 1:
        # Several share the name: prefer an exact id, then say which ones there are.
        text = r.ref
        if text in r.ids:
            return repo.get(kind, [text])[0]
        error = {"actor": UnknownActor, "place": UnknownPlace, "project": UnknownProject}[kind]
        exc: UnknownName = error(text, r.ids)
        exc.args = (f"{text!r} names several {kind}s: {', '.join(r.ids)}; use an id",)
        raise exc
    return repo.get(kind, list(r.ids))[0]


__all__ = [
    "MATCH_MODES",
    "EntityQuery",
    "EventFilters",
    "EventQuery",
    "Query",
    "Ref",
    "Refs",
    "Resolver",
    "kinds_of",
    "one",
    "suggest",
]
