"""Names to ids: actors, places, countries, projects and kinds, before any query runs.

A reference is looked up as an id, then under the exact key of every name and
alias (:func:`catimeline._names.name_key`), then, when nothing matched, under the
looser transliteration fold (:func:`catimeline._names.fold_key`).  A name that
several unrelated actors share raises :class:`~catimeline.AmbiguousName`; one
that matches nothing raises the ``Unknown*`` error with close names.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from functools import partial
from typing import Any

import attrs
from sqlalchemy import Connection, bindparam, literal, null, select, union, union_all

from catimeline import vocabulary as v
from catimeline._errors import (
    AmbiguousName,
    QueryError,
    UnknownActor,
    UnknownName,
    UnknownPlace,
    UnknownProject,
)
from catimeline._model import Actor, Event, Place, Project
from catimeline._names import fold_key, name_key
from catimeline._query.checks import check_words, plain_text, suggest
from catimeline._query.filters import Ref
from catimeline._store import compiled
from catimeline._store import schema as s

#: Relations that make two actors one family: a name they share is not ambiguous.
FAMILY_RELATIONS = ("successor-of", "subsidiary-of", "part-of", "owned-by")
#: Relations along which ``include_affiliated`` widens an organisation.
AFFILIATION_RELATIONS = ("subsidiary-of", "part-of")


@attrs.frozen
class Resolved:
    """A filter value resolved to ids, with the name each id was found under."""

    ref: str
    ids: tuple[str, ...]
    via: Mapping[str, str] = attrs.field(factory=dict)

    def describe(self) -> str:
        """``'AMT' -> arcelormittal-temirtau``."""
        return f"{self.ref!r} -> {', '.join(self.ids)}"


@attrs.frozen
class Kinds:
    """Kinds and groups resolved: the kinds, and whether a money figure also counts
    (the ``finance`` group)."""

    kinds: tuple[str, ...]
    money: bool = False
    #: Kinds of :data:`vocabulary.FIGURE_KINDS` asked for, whose figures also count
    #: (none when ``money``: every money figure counts then).
    figures: tuple[str, ...] = ()


@attrs.frozen
class Named:
    """What a phrase names in the timeline (each empty when it names none of that sort).

    ``countries`` holds ISO codes; the others ids.  For ``ask()``: it reads a
    question's words through this instead of the name tables.
    """

    phrase: str
    actors: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    projects: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.actors or self.places or self.countries or self.projects)


def text_ref(ref: Ref, what: str) -> str:
    """The text of a reference (an object gives its id), checked to be plain text."""
    if isinstance(ref, Actor | Place | Project | Event):
        return ref.id
    if not isinstance(ref, str):
        raise QueryError(f"{what} must be a name, an id or a catimeline object, not {ref!r}")
    text = ref.strip()
    if not text or not plain_text(text):
        raise QueryError(f"{what} {ref!r} is empty or not text: give a name or an id")
    return text


def _lookup_statement(main: Any, names: Any, owner: str) -> Any:
    """One statement finding a record kind by id (rows with a NULL name) or by name key."""
    by_id = select(main.c.id, null().label("name"), null().label("type")).where(
        main.c.id == bindparam("ref")
    )
    by_key = select(names.c[f"{owner}_id"], names.c.name, names.c.type).where(
        names.c.key == bindparam("key")
    )
    return union_all(by_id, by_key)


_TABLES: Mapping[str, tuple[Any, Any]] = {
    "actor": (s.actors, s.actor_names),
    "place": (s.places, s.place_names),
    "project": (s.projects, s.project_names),
}


#: Words that make a region's name of a city's ("Karaganda Region", "Karaganda Oblast").
REGION_WORDS: tuple[str, ...] = ("region", "oblast", "province")


def is_country_code(ref: object) -> bool:
    """Whether ``ref`` is written as a two-letter country code (``"KZ"``, ``" kz "``)."""
    return isinstance(ref, str) and len(ref.strip()) == 2 and ref.strip().isalpha()


class Resolver:
    """Turns names, aliases, ids and objects into ids, with suggestions when it cannot."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self._folds: dict[str, dict[str, dict[str, str]]] = {}

    # -- lookups

    def _exact(self, owner: str, ref: str) -> tuple[dict[str, str], bool]:
        """ids matching ``ref`` as an id or under a name's exact key, with the name that
        matched, and whether ``ref`` was an id."""
        main, names = _TABLES[owner]
        statement = compiled.compiled(
            self.connection,
            ("lookup", main.name),
            partial(_lookup_statement, main, names, owner),
        )
        # A text without letters or digits has no key: NULL matches no name.
        key = name_key(ref) or None
        rows = compiled.run(self.connection, statement, {"ref": ref, "key": key})
        found: dict[str, str] = {row[0]: ref for row in rows if row[1] is None}
        if found:
            return found, True
        for owner_id, name, kind in rows:
            found.setdefault(owner_id, name if kind == "name" else f"{name} ({kind})")
        return found, False

    def _folded(self, owner: str, ref: str) -> dict[str, str]:
        """ids with a name whose transliteration fold equals that of ``ref``."""
        if owner not in self._folds:
            _main, names = _TABLES[owner]
            by_fold: dict[str, dict[str, str]] = {}
            rows = self.connection.execute(select(names.c[f"{owner}_id"], names.c.name))
            for owner_id, name in rows:
                by_fold.setdefault(fold_key(name), {}).setdefault(owner_id, name)
            self._folds[owner] = by_fold
        fold = fold_key(ref)
        found = self._folds[owner].get(fold, {}) if fold else {}
        return {i: f"{name} (spelled {ref!r})" for i, name in found.items()}

    def _lookup(self, owner: str, ref: str) -> tuple[dict[str, str], bool]:
        found, by_id = self._exact(owner, ref)
        if not found:
            found = self._folded(owner, ref)
        if not found:
            moved = self._merged_into(owner, ref)
            if moved is not None:
                found, by_id = self._exact(owner, moved)
        return found, by_id

    def _merged_into(self, owner: str, ref: str) -> str | None:
        """The survivor of a record merged away under the id ``ref`` (``tl.merge``)."""
        r = s.redirects.c
        found = self.connection.execute(
            select(r.new_id).where(r.kind == owner, r.old_id == ref)
        ).scalar()
        return None if found is None else str(found)

    def _suggestions(self, owner: str, ref: str) -> list[str]:
        names = _TABLES[owner][1]
        return suggest(ref, [r.name for r in self.connection.execute(select(names.c.name))])

    # -- actors

    def actor(self, ref: Ref) -> Resolved:
        """Resolve one actor reference.

        UnknownActor (with suggestions) when nothing matches; AmbiguousName when a
        name matches several actors that are not one family (linked by
        :data:`FAMILY_RELATIONS`).  Places are alike: a name of several places none of
        which holds the others is ambiguous.
        """
        if isinstance(ref, Actor):
            return Resolved(ref.id, (ref.id,), {ref.id: ref.name})
        text = text_ref(ref, "actor")
        found, by_id = self._lookup("actor", text)
        if not found:
            raise UnknownActor(text, self._suggestions("actor", text))
        if len(found) > 1 and not by_id and not self._one_family(list(found)):
            raise AmbiguousName(text, "actor", self._labels(list(found)))
        return Resolved(text, tuple(found), found)

    def _labels(self, ids: Sequence[str], table: Any = s.actors) -> list[tuple[str, str]]:
        c = table.c
        rows = self.connection.execute(select(c.id, c.name).where(c.id.in_(ids)).order_by(c.id))
        return [(r.id, r.name) for r in rows]

    def _one_family(self, ids: Sequence[str]) -> bool:
        """Whether the relations among ``ids`` connect them all."""
        r = s.actor_relations.c
        links = self.connection.execute(
            select(r.actor_id, r.other_id).where(
                r.actor_id.in_(ids), r.other_id.in_(ids), r.type.in_(FAMILY_RELATIONS)
            )
        ).all()
        group = {ids[0]}
        grew = True
        while grew:
            grew = False
            for one, other in links:
                if (one in group) != (other in group):
                    group |= {one, other}
                    grew = True
        return group >= set(ids)

    def affiliated(self, ids: Iterable[str]) -> dict[str, str]:
        """The actors affiliated with ``ids`` (not ``ids`` themselves), each with why.

        A country-kind actor's affiliates are the actors whose ``country`` is its
        country; an organisation's are its subsidiaries and parts
        (:data:`AFFILIATION_RELATIONS`), followed transitively from every actor
        reached.
        """
        a, r = s.actors.c, s.actor_relations.c
        roots = list(ids)
        rows = self.connection.execute(
            select(a.id, a.name, a.kind, a.country).where(a.id.in_(roots))
        ).all()
        found: dict[str, str] = {}
        codes = {row.country: row.name for row in rows if row.kind == "country" and row.country}
        if codes:
            for aid, code in self.connection.execute(
                select(a.id, a.country).where(a.country.in_(list(codes)))
            ):
                found.setdefault(aid, f"of {codes[code]}")
        tree = (
            select(a.id.label("id"))
            .where(a.id.in_([*roots, *found]))
            .cte("affiliates", recursive=True)
        )
        tree = tree.union(
            select(r.actor_id).where(r.other_id == tree.c.id, r.type.in_(AFFILIATION_RELATIONS))
        )
        for (aid,) in self.connection.execute(select(tree.c.id)):
            found.setdefault(aid, "a subsidiary or part")
        return {aid: why for aid, why in found.items() if aid not in roots}

    # -- places and countries

    def place(self, ref: Ref, *, inside: bool = True) -> Resolved:
        """Resolve a place reference, with every place inside it unless ``inside=False``."""
        if isinstance(ref, Place):
            found = {ref.id: ref.name}
            text = ref.id
        else:
            text = text_ref(ref, "place")
            found, by_id = self._lookup("place", text)
            if not found:
                found = self._city_said_so(text)
            if not found:
                raise UnknownPlace(text, self._suggestions("place", text))
            if len(found) > 1 and not by_id and not self._nested(list(found)):
                raise AmbiguousName(text, "place", self._labels(list(found), s.places))
        ids = list(found)
        if inside:
            ids = self.descendants(ids)
        return Resolved(text, tuple(ids), found)

    def region_twin(self, ref: Ref) -> str | None:
        """The region named after the place that the name ``ref`` names ("Karaganda" and
        "Karaganda Region"), when ``ref`` is a name of cities only and does
        not already say "city"; None when there is no such region.  An id or a record is
        never a name here."""
        if not isinstance(ref, str) or not plain_text(ref) or not ref.strip():
            return None
        text = ref.strip()
        if name_key(text).endswith(" city"):
            return None
        found = self._by_name("place", text)
        p = s.places.c
        kinds = self.connection.execute(select(p.kind).where(p.id.in_(found))).scalars()
        if not found or set(kinds) != {"city"}:
            return None  # only a city's name has a region named after it to look for
        for word in REGION_WORDS:
            regions = [i for i in self._by_name("place", f"{text} {word}") if i not in found]
            if len(regions) == 1:
                kind = self.connection.execute(select(p.kind).where(p.id == regions[0]))
                if kind.scalar() == "region":
                    return regions[0]
        return None

    def _by_name(self, owner: str, text: str) -> list[str]:
        """ids with a name (not an id) whose key, or else whose fold, is that of ``text``."""
        names = _TABLES[owner][1]
        column = names.c[f"{owner}_id"]
        key = name_key(text)
        found = self.connection.execute(select(column).where(names.c.key == key)).scalars()
        return list(dict.fromkeys(found)) or list(self._folded(owner, text))

    def _city_said_so(self, text: str) -> dict[str, str]:
        """ "Karaganda city": the cities named "Karaganda", when no place has the full name
        (so the city can be asked for where its name also names a region)."""
        key = name_key(text)
        if not key.endswith(" city"):
            return {}
        bare = text.strip()[: -len("city")].strip()
        found, _ = self._lookup("place", bare)
        p = s.places.c
        cities = self.connection.execute(
            select(p.id).where(p.id.in_(list(found)), p.kind == "city")
        ).scalars()
        return {i: found[i] for i in cities}

    def _nested(self, ids: Sequence[str]) -> bool:
        """Whether one of ``ids`` holds all the others (a region and the city of its name):
        a name they share is not ambiguous, since the place filter includes what is inside."""
        return any(set(self.descendants([root])) >= set(ids) for root in ids)

    def descendants(self, roots: Sequence[str]) -> list[str]:
        """``roots`` and every place inside them, through the parent hierarchy."""
        p = s.places.c
        tree = select(p.id).where(p.id.in_(list(roots))).cte("tree", recursive=True)
        tree = tree.union(select(p.id).where(p.parent_id == tree.c.id))
        found = [r.id for r in self.connection.execute(select(tree.c.id))]
        return list(dict.fromkeys([*roots, *found]))

    def knows_country(self, code: str) -> bool:
        """Whether any place, actor or event carries the ISO code ``code``: one indexed
        look-up per table, never a scan of the events (see :meth:`known_countries`)."""
        tables = (s.places.c.country, s.events.c.country, s.actors.c.country)
        return any(
            self.connection.execute(select(literal(1)).where(c == code).limit(1)).first()
            for c in tables
        )

    def known_countries(self) -> set[str]:
        """The ISO codes any place, actor or event of the timeline carries."""
        tables = (s.places.c.country, s.actors.c.country, s.events.c.country)
        found = union(*(select(c.label("code")).where(c.is_not(None)) for c in tables))
        return {row.code for row in self.connection.execute(found)}

    def country(self, ref: Ref, *, check_code: bool = True) -> Resolved:
        """Resolve a country code or name (any name of a country place) to ISO codes.

        A two-letter code must be one the timeline knows (QueryError otherwise,
        listing close codes): ``"UK"`` is not ISO 3166 (the United Kingdom is GB).
        ``check_code=False`` leaves that check to the caller, who makes it only when
        the code found nothing (an event that matched a code proves the code known).
        """
        if isinstance(ref, Place):
            if not ref.country:
                raise QueryError(f"place {ref.id!r} has no country code")
            return Resolved(ref.id, (ref.country,), {ref.country: ref.name})
        text = text_ref(ref, "country")
        if is_country_code(text):
            code = text.upper()
            if check_code and not self.knows_country(code):
                known = self.known_countries()  # read only to say which codes there are
                raise QueryError(
                    f"no country with the code {text!r} in the timeline: codes are ISO 3166-1 "
                    f"alpha-2 (the United Kingdom is GB); known: {', '.join(sorted(known))}",
                    suggestions=suggest(code, sorted(known)),
                )
            return Resolved(text, (code,), {code: code})
        found = self.countries_named(text)
        if not found:
            p = s.places.c
            countries = (
                select(s.place_names.c.name)
                .join(s.places, p.id == s.place_names.c.place_id)
                .where(p.kind == "country")
            )
            pool = [r.name for r in self.connection.execute(countries)]
            raise UnknownPlace(text, suggest(text, pool))
        return Resolved(text, tuple(found), found)

    def countries_named(self, text: str) -> dict[str, str]:
        """ISO codes of the country places called ``text`` (any name), with the name."""
        found, _ = self._lookup("place", text)
        if not found:
            return {}
        p = s.places.c
        rows = self.connection.execute(
            select(p.id, p.country).where(
                p.id.in_(list(found)), p.kind == "country", p.country.is_not(None)
            )
        )
        return {row.country: found[row.id] for row in rows}

    # -- projects

    def project(self, ref: Ref) -> Resolved:
        """Resolve a project by id, name or alias; UnknownProject with suggestions."""
        if isinstance(ref, Project):
            return Resolved(ref.id, (ref.id,), {ref.id: ref.name})
        text = text_ref(ref, "project")
        found, _ = self._lookup("project", text)
        if not found:
            ids = [r.id for r in self.connection.execute(select(s.projects.c.id))]
            raise UnknownProject(text, suggest(text, [*self._pool("project"), *ids]))
        return Resolved(text, tuple(found), found)

    def _pool(self, owner: str) -> list[str]:
        names = _TABLES[owner][1]
        return [r.name for r in self.connection.execute(select(names.c.name))]

    # -- what a phrase names

    def named(self, phrase: str) -> Named:
        """Everything ``phrase`` names, without raising: actors, places, country codes and
        projects (exact keys first, then the transliteration fold)."""
        if not isinstance(phrase, str) or not phrase.strip() or not plain_text(phrase):
            return Named(str(phrase))
        text = phrase.strip()
        out: dict[str, tuple[str, ...]] = {}
        for owner in ("actor", "place", "project"):
            found, _ = self._lookup(owner, text)
            out[owner] = tuple(found)
        if not out["place"]:
            out["place"] = tuple(self._city_said_so(text))
        return Named(
            text,
            actors=out["actor"],
            places=out["place"],
            countries=tuple(self.countries_named(text)),
            projects=out["project"],
        )


def kinds_of(refs: str | Iterable[str] | None) -> Kinds | None:
    """Event kinds named by kinds and groups (``incident``, ``finance``); QueryError for
    unknown words.  None when no kind was given."""
    if refs is None:
        return None
    words = check_words([refs] if isinstance(refs, str) else refs, "kind")
    out: list[str] = []
    money = False
    for word in words:
        w = word.strip().lower()
        if w in v.KIND_GROUPS:
            out.extend(v.KIND_GROUPS[w])
        elif w in v.READER_GROUPS:
            out.extend(v.READER_GROUPS[w])
            money = money or w == "finance"
        elif w in v.EVENT_KINDS:
            out.append(w)
        else:
            groups = [*v.KIND_GROUPS, *v.READER_GROUPS]
            raise QueryError(
                f"unknown kind {word!r}: kinds are listed in catimeline.vocabulary "
                f"(groups: {', '.join(groups)})",
                suggestions=suggest(w, [*groups, *v.EVENT_KINDS]),
            )
    kinds = tuple(dict.fromkeys(out))
    figures = () if money else tuple(k for k in kinds if k in v.FIGURE_KINDS)
    return Kinds(kinds, money, figures)


def one(connection: Connection, kind: str, ref: Ref) -> Any:
    """A single actor, place, project or event by id, name or alias."""
    from catimeline._errors import UnknownEvent
    from catimeline._store.repository import Repository

    resolver = Resolver(connection)
    repo = Repository(connection)
    if kind == "event":
        text = text_ref(ref, "event")
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
