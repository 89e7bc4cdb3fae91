"""Rows back into domain objects, fast: the events of a query built from its rows.

Objects read back from the database hold values already in their final form,
so they are made by constructors that set each field directly
(:func:`fast_maker`), skipping the converters of the classes' own ``__init__``
(a test holds the two equal).  :class:`EventRows` keeps a query's event rows
with their child rows and builds the events only when first asked.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from types import MemberDescriptorType
from typing import Any, TypeVar

import attrs

from catimeline._dates import parse_cached
from catimeline._model import CURRENCIES, Accident, Citation, Event, Money, Participant, Quantity
from catimeline._store.batches import paused_gc
from catimeline._store.event_children import EventChildren
from catimeline._store.shapes import (
    EVENT_CAUSE,
    EVENT_COUNTRY,
    EVENT_DATE,
    EVENT_DATE_HOW,
    EVENT_DEATHS,
    EVENT_FACILITY,
    EVENT_ID,
    EVENT_INJURED,
    EVENT_IS_ACCIDENT,
    EVENT_KIND,
    EVENT_NOTES,
    EVENT_OPERATOR,
    EVENT_PROJECT,
    EVENT_SUMMARY,
    EVENT_TITLE,
    PARTICIPANT_ACTOR,
)

T = TypeVar("T")


def fast_maker(cls: type[T]) -> Callable[..., T]:
    """A constructor of the attrs class ``cls`` taking every field positionally, already in
    its final form (tuples, FuzzyDate): the same object as ``cls(...)``, without converters.

    Only for values read back from the database, which the converters would leave as
    they are; everything else goes through the class itself.
    """
    fields = [a.name for a in attrs.fields(cls)]  # type: ignore[arg-type]
    if any(not a.init or a.alias != a.name for a in attrs.fields(cls)):  # type: ignore[arg-type]
        raise TypeError(f"{cls.__name__} has fields a fast constructor cannot set")
    namespace: dict[str, Any] = {"new": object.__new__, "cls": cls}
    body = ""
    for name in fields:
        # A slotted class's fields are member descriptors: calling their __set__ directly
        # skips the attribute lookup of object.__setattr__ (about 1.5x faster per object).
        slot = getattr(cls, name, None)
        if isinstance(slot, MemberDescriptorType):
            namespace[f"_set_{name}"] = slot.__set__
            body += f"    _set_{name}(self, {name})\n"
        else:
            namespace[f"_set_{name}"] = object.__setattr__
            body += f"    _set_{name}(self, {name!r}, {name})\n"
    source = f"def make({', '.join(fields)}):\n    self = new(cls)\n{body}    return self\n"
    exec(source, namespace)  # the pattern attrs itself uses to generate __init__
    return namespace["make"]  # type: ignore[no-any-return]


_make_event = fast_maker(Event)
_make_accident = fast_maker(Accident)
_make_participant = fast_maker(Participant)
_make_citation = fast_maker(Citation)
_make_quantity = fast_maker(Quantity)
_make_money = fast_maker(Money)


def _make_figure(
    name: str, value: float, unit: str, printed: str | None, approx: bool, note: str | None
) -> Quantity:
    """A figure read back: a :class:`Money` for a currency unit (as :func:`quantity` makes)."""
    make = _make_money if unit in CURRENCIES else _make_quantity
    return make(name, value, unit, printed, approx, note)


class EventRows:
    """The rows of some events, in order, with their child rows: the events are built
    from them when first asked for (:meth:`build`), and frames read them directly.

    ``rows`` are event rows (fields named in :mod:`catimeline._store.shapes`:
    ``row[EVENT_KIND]``); ``places``, ``participants``, ``figures``, ``tags`` and
    ``citations`` map an event id to its child rows in order (see
    :class:`~catimeline._store.event_children.EventChildren`).  Everything was read
    in the query's own transaction; building reads nothing.
    """

    __slots__ = ("_events", "citations", "figures", "participants", "places", "rows", "tags")

    def __init__(self, rows: Sequence[Any], children: EventChildren) -> None:
        self.rows = rows
        self.places, self.participants, self.figures, self.tags, self.citations = children
        self._events: list[Event] | None = None

    def __len__(self) -> int:
        return len(self.rows)

    def ids(self) -> tuple[str, ...]:
        """The event ids, in order."""
        return tuple(r[EVENT_ID] for r in self.rows)

    def facts(self) -> Iterator[tuple[str, str, str, set[str], list[str]]]:
        """(id, kind, date text, actor ids including the operator, place ids including the
        facility) of each event: what a query's reasons are made of."""
        none: list[Any] = []
        for r in self.rows:
            i = r[EVENT_ID]
            actors = {p[PARTICIPANT_ACTOR] for p in self.participants.get(i, none)}
            places = list(self.places.get(i, none))
            if r[EVENT_IS_ACCIDENT]:
                actors.add(r[EVENT_OPERATOR])
                places.append(r[EVENT_FACILITY])
            yield i, r[EVENT_KIND], r[EVENT_DATE], actors, places

    def build(self) -> list[Event]:
        """The events (Accidents where they are), built once."""
        if self._events is None:
            with paused_gc():
                self._events = self._make()
        return self._events

    def _make(self) -> list[Event]:
        places, parts, figures = self.places, self.participants, self.figures
        tags, cites = self.tags, self.citations
        none: tuple[Any, ...] = ()
        out: list[Event] = []
        append = out.append
        for r in self.rows:
            i = r[EVENT_ID]
            p = places.get(i)
            pa = parts.get(i)
            f = figures.get(i)
            c = cites.get(i)
            tg = tags.get(i)
            # Positional, in the field order of Event (the fast constructor's signature).
            common = (
                i,
                parse_cached(r[EVENT_DATE]),
                r[EVENT_KIND],
                r[EVENT_TITLE],
                r[EVENT_SUMMARY],
                r[EVENT_COUNTRY],
                none if p is None else tuple(p),
                none if pa is None else tuple([_make_participant(*x) for x in pa]),
                r[EVENT_PROJECT],
                none if f is None else tuple([_make_figure(*x) for x in f]),
                none if c is None else tuple([_make_citation(*x) for x in c]),
                none if tg is None else tuple(tg),
                r[EVENT_NOTES],
                r[EVENT_DATE_HOW],
            )
            if r[EVENT_IS_ACCIDENT]:
                append(
                    _make_accident(
                        *common,
                        r[EVENT_DEATHS],
                        r[EVENT_INJURED],
                        r[EVENT_CAUSE],
                        r[EVENT_FACILITY],
                        r[EVENT_OPERATOR],
                    )
                )
            else:
                append(_make_event(*common))
        return out
