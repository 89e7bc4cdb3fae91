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
from typing import Any, Literal

import attrs
from sqlalchemy import (
    ColumnElement,
    Connection,
    FromClause,
    Select,
    Subquery,
    and_,
    bindparam,
    exists,
    false,
    func,
    or_,
    select,
    true,
    union,
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
from catimeline.results import Match, Results
from catimeline.store import schema as s
from catimeline.store.repository import EVENT_READ_COLUMNS, Repository, paused_gc
from catimeline.store.search import events_with_text

MatchMode = Literal["overlaps", "within", "possibly"]
MATCH_MODES: tuple[str, ...] = ("overlaps", "within", "possibly")
MAX_TEXT = 1000
"""The longest ``text=`` filter (SQLite refuses LIKE patterns much longer than this)."""
ORDERS: tuple[str, ...] = ("date", "-date")
Ref = str | Actor | Place | Project | Event
Refs = Ref | Iterable[Ref] | None


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


_LOOKUPS: dict[tuple[str, str], tuple[Select[Any], Select[Any]]] = {}


def _lookup_statements(main: Any, names: Any, owner: str) -> tuple[Select[Any], Select[Any]]:
    """The id and name-key lookups of a record kind, built once (building costs more than
    running a cached statement)."""
    found = _LOOKUPS.get((main.name, owner))
    if found is None:
        by_id = select(main.c.id).where(main.c.id == bindparam("ref"))
        by_key = select(names.c[f"{owner}_id"], names.c.name, names.c.type).where(
            names.c.key == bindparam("key")
        )
        found = _LOOKUPS[(main.name, owner)] = (by_id, by_key)
    return found


class Resolver:
    """Turns names, aliases, ids and objects into ids, with suggestions when it cannot."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection

    def _lookup(self, main: Any, names: Any, owner: str, ref: str) -> dict[str, str]:
        """ids matching ``ref`` as an id or any name form, with the name that matched."""
        found: dict[str, str] = {}
        by_id, by_key = _lookup_statements(main, names, owner)
        row = self.connection.execute(by_id, {"ref": ref}).first()
        if row is not None:
            found[row[0]] = ref
        key = name_key(ref)
        if key:
            for owner_id, name, kind in self.connection.execute(by_key, {"key": key}):
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


def _date_condition(
    cols: Any, start: dt.date | None, end: dt.date | None, match: str
) -> list[ColumnElement[bool]]:
    if match not in MATCH_MODES:
        raise QueryError(f"match must be one of {', '.join(MATCH_MODES)}, not {match!r}")
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


class EventQuery:
    """Builds and runs event and accident queries."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self.resolve = Resolver(connection)
        self.repo = Repository(connection)

    def run(
        self,
        *,
        actor: Refs = None,
        kind: str | Iterable[str] | None = None,
        country: Refs = None,
        place: Refs = None,
        project: Refs = None,
        text: str | None = None,
        since: DateLike | None = None,
        until: DateLike | None = None,
        during: DateLike | None = None,
        match: str = "overlaps",
        order: str = "date",
        limit: int | None = None,
        after: str | Event | None = None,
        accidents: bool = False,
        min_deaths: int | None = None,
        cause: str | Iterable[str] | None = None,
        operator: Refs = None,
        question: str | None = None,
        timeline: Any = None,
    ) -> Results[Any]:
        """Run an event query; see :meth:`catimeline.Timeline.events` for the filters."""
        e = s.events.c
        where: list[ColumnElement[bool]] = []
        parts: list[str] = []
        reasons: dict[str, list[str]] = {}
        actor_ids: dict[str, str] = {}

        if accidents:
            where.append(e.is_accident == true())
        for ref in _as_list(actor):
            r = self.resolve.actor(ref)
            actor_ids.update({i: f"actor {r.ref!r} as {r.via.get(i, i)}" for i in r.ids})
        # Actor and place filters join the events to the ids they select (a UNION of the
        # link table and the accident column), so the plan starts from the few matching
        # links and reads events by key, whatever the size of the table.
        joins: list[Subquery] = []
        if actor is not None:
            ids = list(actor_ids)
            ep = s.event_participants.c
            linked = select(ep.event_id.label("id")).where(ep.actor_id.in_(ids))
            joins.append(_ids_of(linked, "operator_id", ids))
            parts.append(f"actor in ({', '.join(ids)})")
        kinds = kinds_of(kind)
        if kinds is not None:
            where.append(e.kind.in_(kinds))
            parts.append(f"kind in ({', '.join(kinds)})")
        if country is not None:
            codes = [c for ref in _as_list(country) for c in self.resolve.country(ref).ids]
            where.append(e.country.in_(codes))
            parts.append(f"country in ({', '.join(codes)})")
        place_ids: list[str] = []
        if place is not None:
            for ref in _as_list(place):
                place_ids.extend(self.resolve.place(ref).ids)
            epl = s.event_places.c
            joins.append(
                _ids_of(
                    select(epl.event_id.label("id")).where(epl.place_id.in_(place_ids)),
                    "facility_id",
                    place_ids,
                )
            )
            parts.append(
                f"place in ({', '.join(place_ids[:8])}{'...' if len(place_ids) > 8 else ''})"
            )
        if project is not None:
            pids = [i for ref in _as_list(project) for i in self.resolve.project(ref).ids]
            where.append(e.project_id.in_(pids))
            parts.append(f"project in ({', '.join(pids)})")
        if text is not None:
            where.append(self._text(text))
            parts.append(f"text contains {text!r}")
        if min_deaths is not None:
            if isinstance(min_deaths, bool) or not isinstance(min_deaths, int) or min_deaths < 0:
                raise QueryError(f"min_deaths must be a whole number >= 0, not {min_deaths!r}")
            where.append(e.deaths >= min_deaths)
            parts.append(f"deaths >= {min_deaths}")
        if cause is not None:
            causes = _words(cause, "cause")
            for c in causes:
                if c not in v.CAUSES:
                    raise QueryError(
                        f"unknown cause {c!r}: causes are listed in catimeline.vocabulary.CAUSES",
                        suggestions=suggest(c, v.CAUSES),
                    )
            where.append(e.cause.in_(causes))
            parts.append(f"cause in ({', '.join(causes)})")
        if operator is not None:
            ops = [i for ref in _as_list(operator) for i in self.resolve.actor(ref).ids]
            where.append(e.operator_id.in_(ops))
            parts.append(f"operator in ({', '.join(ops)})")

        start, end = window(since, until, during)
        where.extend(_date_condition(e, start, end, match))
        if order not in ORDERS:
            raise QueryError(f"order must be 'date' or '-date', not {order!r}")
        _check_limit(limit)
        after_id = None
        if after is not None:
            after_id = after.id if isinstance(after, Event) else str(after)
            key = self.repo.event_sort_key(after_id)
            if key is None:
                raise UnknownEvent(after_id)
            cols = (e.earliest, e.latest, e.date, e.id)
            where.append(_after(cols, key, descending=order == "-date"))

        keys = (e.earliest, e.latest, e.date, e.id)
        source: FromClause = s.events
        for sub in joins:
            source = source.join(sub, sub.c.id == e.id)
        stmt: Select[Any] = (
            select(*EVENT_READ_COLUMNS).select_from(source).where(and_(true(), *where))
        )
        stmt = stmt.order_by(*(k.desc() for k in keys) if order == "-date" else keys)
        if limit is not None:
            stmt = stmt.limit(limit)
        # The event rows come with the query; only the child rows are read after it.
        # No cyclic GC until the Results is built: the objects hold no cycles.
        with paused_gc():
            items = self.repo.events_from_rows(self.connection.execute(stmt).all())

            target = "accidents" if accidents else "events"
            q = Query(target, tuple(parts), (start, end), match, order, limit, after_id, question)
            mode = f"date {match} {start or '..'}/{end or '..'}" if (start or end) else None
            for item in items:
                why = reasons.setdefault(item.id, [])
                if actor_ids:
                    involved = {*item.actors(), getattr(item, "operator", None)}
                    why.extend(text for aid, text in actor_ids.items() if aid in involved)
                if place_ids:
                    spots = (*item.places, getattr(item, "facility", None))
                    hit = [p for p in spots if p in place_ids]
                    why.extend(f"place {p}" for p in dict.fromkeys(hit))
                if kinds is not None:
                    why.append(f"kind {item.kind}")
                if mode:
                    why.append(f"{mode} ({item.date})")
            matches = {k: Match(tuple(r)) for k, r in reasons.items()}
            return Results(items, q, matches, timeline)

    def _text(self, text: str) -> ColumnElement[bool]:
        # Words of titles, summaries and notes through the database's full-text index
        # (migration 0003), or a participant's name containing the text.
        _check_text(text)
        return events_with_text(self.connection.dialect.name, text)


def _ids_of(linked: Select[Any], column: str, ids: Sequence[str]) -> Subquery:
    """Ids of the events a link-table query finds, or whose accident ``column`` is in ``ids``.

    UNION (not UNION ALL) so an event found twice joins once.
    """
    found = union(linked, select(_DIRECT.c.id).where(_DIRECT.c[column].in_(list(ids))))
    return found.subquery()


# Built once: an alias builds a proxy of every column of the table.
_DIRECT = s.events.alias("direct")


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
    "EventQuery",
    "Query",
    "Resolver",
    "kinds_of",
    "one",
    "suggest",
]
