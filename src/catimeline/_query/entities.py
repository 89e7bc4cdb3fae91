"""Queries over projects, actors and places (the records events refer to)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from sqlalchemy import ColumnElement, Connection, and_, exists, false, func, or_, select, true

from catimeline import vocabulary as v
from catimeline._errors import QueryError
from catimeline._model import Actor, Place, Project
from catimeline._names import name_key
from catimeline._query import describe
from catimeline._query.checks import (
    check_count,
    check_text,
    check_vocabulary,
    check_words,
    suggest,
)
from catimeline._query.filters import ListingFilters, PlaceFilters, ProjectFilters, Ref, refs
from catimeline._query.resolver import Resolver
from catimeline._query.statement import date_condition, in_values
from catimeline._query.window import window
from catimeline._results import Match, Results
from catimeline._store import schema as s
from catimeline._store.repository import Repository
from catimeline._store.search import like_word_start, word_start


def words_of(value: str | Iterable[str], what: str) -> list[str]:
    """A filter's word or list of words, each checked to be text."""
    return check_words([value] if isinstance(value, str) else value, what)


def text_matches(text: str, names: Any, owner: Any, *columns: Any) -> ColumnElement[bool]:
    """Every word of ``text`` (folded as names are: ASCII, lower case, no punctuation)
    begins a word of one of the record's name keys (``names``, correlated by ``owner``)
    or of one of ``columns`` (lower-cased; words there follow a space).  Never true for a
    text without letters or digits.

    The fold is done here in Python and the comparison is a plain LIKE, so the
    answer is the same on SQLite and Postgres.
    """
    check_text(text)
    words = name_key(text).split()
    if not words:
        return false()
    conditions = []
    for word in words:
        pattern = like_word_start(word)
        in_names = exists().where(owner, word_start(names.c.key).like(pattern, escape="/"))
        in_text = [word_start(func.lower(c)).like(pattern, escape="/") for c in columns]
        conditions.append(or_(in_names, *in_text))
    return and_(*conditions)


class EntityQuery:
    """Queries over projects, actors and places."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self.resolve = Resolver(connection)
        self.repo = Repository(connection)
        self.dialect = connection.dialect.name

    def projects(self, filters: ProjectFilters, *, timeline: Any = None) -> Results[Project]:
        """Projects; see :meth:`catimeline.Timeline.projects`."""
        p = s.projects.c
        found = _Conditions()
        if filters.actor is not None:
            self._project_actors(refs(filters.actor), filters.include_affiliated, found)
        if filters.country is not None:
            codes = [c for ref in refs(filters.country) for c in self.resolve.country(ref).ids]
            pc = s.project_countries.c
            found.add(exists().where(pc.project_id == p.id, pc.country.in_(codes)))
            found.parts.append(describe.any_of("country", codes))
        if filters.place is not None:
            pids = [i for ref in refs(filters.place) for i in self.resolve.place(ref).ids]
            ppl = s.project_places.c
            places = in_values(ppl.place_id, pids, self.dialect)
            found.add(exists().where(ppl.project_id == p.id, places))
            found.parts.append(describe.any_of("place", pids))
        if filters.kind is not None:
            kinds = words_of(filters.kind, "kind")
            known = [r.kind for r in self.connection.execute(select(p.kind).distinct())]
            check_vocabulary(kinds, sorted(known), "project kind")
            found.add(p.kind.in_(kinds), describe.any_of("kind", kinds))
        if filters.text is not None:
            pn = s.project_names.c
            found.add(
                text_matches(filters.text, s.project_names, pn.project_id == p.id, p.notes),
                f"text contains {filters.text!r} (every word begins a word of a name or the notes)",
            )
        start, end = window(filters.since, filters.until)
        if start is not None or end is not None:
            ps = s.project_status.c
            cond = [ps.project_id == p.id, *date_condition(ps, start, end, "overlaps")]
            found.add(
                exists().where(*cond), f"a status step overlaps {start or '..'}/{end or '..'}"
            )
        if filters.status is not None:
            found.add(
                p.id.in_(self._with_status(filters.status)),
                f"current status in ({', '.join(words_of(filters.status, 'status'))})",
            )
        check_count(filters.limit, "limit")
        stmt = select(p.id).where(and_(true(), *found.where)).order_by(p.name, p.id)
        if filters.limit is not None:
            stmt = stmt.limit(filters.limit)
        items = self.repo.projects([r.id for r in self.connection.execute(stmt)])
        q = describe.Query(
            "projects",
            tuple(found.parts),
            (start, end),
            order="name",
            limit=filters.limit,
            notes=tuple(found.notes),
        )
        participants = {i.id: {x.actor for x in i.participants} for i in items}
        matches = {
            i.id: Match(tuple(r for a, r in found.reasons.items() if a in participants[i.id]))
            for i in items
        }
        return Results(items, q, matches, timeline)

    def _project_actors(
        self, actors: Sequence[Ref], include_affiliated: bool, found: _Conditions
    ) -> None:
        """Projects any of ``actors`` (widened to their affiliates if asked) takes part in."""
        ids: dict[str, str] = {}
        for ref in actors:
            r = self.resolve.actor(ref)
            ids.update({i: f"actor {r.ref!r} as {r.via.get(i, i)}" for i in r.ids})
        if include_affiliated:
            extra = self.resolve.affiliated(ids)
            found.notes.append(describe.affiliated(extra))
            ids.update({i: f"affiliated ({why})" for i, why in extra.items()})
        pp = s.project_participants.c
        actors_in = in_values(pp.actor_id, list(ids), self.dialect)
        found.add(
            exists().where(pp.project_id == s.projects.c.id, actors_in),
            describe.any_of("actor", list(ids)),
        )
        found.reasons.update(ids)

    def _with_status(self, status: str | Iterable[str]) -> list[str]:
        """Ids of the projects whose current status (the latest step that happened) is
        one of ``status``: read before the limit, so ``limit`` counts matching projects."""
        wanted = set(words_of(status, "status"))
        unknown = wanted - set(v.STATUSES)
        if unknown:
            word = sorted(unknown)[0]
            raise QueryError(
                f"unknown status {word!r}: statuses are {', '.join(v.STATUSES)}",
                suggestions=suggest(word, v.STATUSES),
            )
        ids = [r.id for r in self.connection.execute(select(s.projects.c.id))]
        return [i.id for i in self.repo.projects(ids) if i.current_status in wanted]

    def _listed(
        self,
        what: str,
        kinds: Mapping[str, str],
        filters: ListingFilters,
        where: list[ColumnElement[bool]],
        parts: list[str],
    ) -> tuple[list[str], describe.Query]:
        """Ids of the actors or places (``what``) by kind, country, text and limit, in name
        order, with the query's description; ``where``/``parts`` hold further conditions."""
        table, names = (s.actors, s.actor_names) if what == "actors" else (s.places, s.place_names)
        c = table.c
        if filters.kind is not None:
            words = words_of(filters.kind, "kind")
            check_vocabulary(words, kinds, f"{what[:-1]} kind")
            where.append(c.kind.in_(words))
            parts.append(describe.any_of("kind", words))
        if filters.country is not None:
            codes = list(self.resolve.country(filters.country).ids)
            where.append(c.country.in_(codes))
            parts.append(describe.any_of("country", codes))
        if filters.text is not None:
            prose = c.description if what == "actors" else c.notes
            owner = names.c[f"{what[:-1]}_id"] == c.id
            where.append(text_matches(filters.text, names, owner, prose))
            parts.append(f"text contains {filters.text!r} (every word, in a name or {prose.name})")
        check_count(filters.limit, "limit")
        stmt = select(c.id).where(and_(true(), *where)).order_by(c.name, c.id)
        if filters.limit is not None:
            stmt = stmt.limit(filters.limit)
        ids = [r.id for r in self.connection.execute(stmt)]
        return ids, describe.Query(what, tuple(parts), order="name")

    def actors(self, filters: ListingFilters, *, timeline: Any = None) -> Results[Actor]:
        """Actors; see :meth:`catimeline.Timeline.actors`."""
        ids, query = self._listed("actors", v.ACTOR_KINDS, filters, [], [])
        return Results(self.repo.actors(ids), query, None, timeline)

    def places(self, filters: PlaceFilters, *, timeline: Any = None) -> Results[Place]:
        """Places; see :meth:`catimeline.Timeline.places`."""
        where: list[ColumnElement[bool]] = []
        parts: list[str] = []
        if filters.within is not None:
            ids = [i for ref in refs(filters.within) for i in self.resolve.place(ref).ids]
            where.append(in_values(s.places.c.id, ids, self.dialect))
            parts.append(f"inside ({describe.listed(ids)})")
        found, query = self._listed("places", v.PLACE_KINDS, filters, where, parts)
        return Results(self.repo.places(found), query, None, timeline)


class _Conditions:
    """The conditions of a listing query, with what ``.query`` says of each."""

    def __init__(self) -> None:
        self.where: list[ColumnElement[bool]] = []
        self.parts: list[str] = []
        self.notes: list[str] = []
        self.reasons: dict[str, str] = {}

    def add(self, condition: ColumnElement[bool], part: str | None = None) -> None:
        """One more condition, and its reading (when not appended separately)."""
        self.where.append(condition)
        if part is not None:
            self.parts.append(part)


__all__ = ["EntityQuery", "text_matches"]
