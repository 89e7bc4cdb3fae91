"""The domain model: immutable, typed records of the timeline.

These classes know nothing of databases.  References between them are ids
(``Event.places`` holds place ids), so each object stands alone, pickles, hashes
and compares by value; the timeline resolves ids when asked
(``tl.place(event.places[0])``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from html import escape

import attrs

from catimeline._dates import FuzzyDate, parse_cached

#: Units that are ISO 4217 currency codes: a figure in one of these is a :class:`Money`.
CURRENCIES = frozenset(
    {"USD", "EUR", "CNY", "RUB", "KZT", "KGS", "TJS", "UZS", "TMT", "GBP", "JPY", "INR", "TRY"}
)


def _tuple(value: Iterable[object] | None) -> tuple[object, ...]:
    return tuple(value or ())


def _parse(value: str) -> FuzzyDate:
    return parse_cached(value) if type(value) is str else FuzzyDate.parse(value)


def _opt_date(value: FuzzyDate | str | None) -> FuzzyDate | None:
    if value is None or isinstance(value, FuzzyDate):
        return value
    return _parse(value)


def _date(value: FuzzyDate | str) -> FuzzyDate:
    return value if isinstance(value, FuzzyDate) else _parse(value)


#: How a record shows itself in a notebook.  The domain imports no presentation:
#: the HTML cards are put here from outside (catimeline._results does, on import).
_html_view: list[Callable[[object], str]] = []


def show_html_with(view: Callable[[object], str]) -> None:
    """Make ``view`` the HTML of every record's ``_repr_html_()`` (Jupyter's display)."""
    _html_view[:] = [view]


def _html(record: object) -> str:
    if not _html_view:  # no view given: the record's repr, escaped
        return f"<pre>{escape(repr(record))}</pre>"
    return _html_view[0](record)


@attrs.frozen
class Citation:
    """A supporting passage: characters ``start:end`` of the document of ``source``."""

    source: str
    start: int
    end: int


@attrs.frozen
class Name:
    """Another name of an actor or place, with its type and the dates it was held."""

    name: str
    type: str = "alias"
    since: FuzzyDate | None = attrs.field(default=None, converter=_opt_date)
    until: FuzzyDate | None = attrs.field(default=None, converter=_opt_date)
    note: str | None = None


@attrs.frozen
class Relation:
    """A dated relation from one actor to another (``subsidiary-of``, ``head-of``...)."""

    type: str
    actor: str
    since: FuzzyDate | None = attrs.field(default=None, converter=_opt_date)
    until: FuzzyDate | None = attrs.field(default=None, converter=_opt_date)
    note: str | None = None


@attrs.frozen
class Actor:
    """A person, company, government body, state or organisation."""

    id: str
    name: str
    kind: str
    country: str | None = None
    names: tuple[Name, ...] = attrs.field(default=(), converter=_tuple)
    relations: tuple[Relation, ...] = attrs.field(default=(), converter=_tuple)
    description: str | None = None
    citations: tuple[Citation, ...] = attrs.field(default=(), converter=_tuple)
    notes: str | None = None

    @property
    def all_names(self) -> tuple[str, ...]:
        """The current name first, then every other name the actor has had."""
        return (self.name, *(n.name for n in self.names))

    def _repr_html_(self) -> str:
        return _html(self)


@attrs.frozen
class Tenure:
    """An actor holding a role (owner, operator) at a facility over a span of time."""

    actor: str
    role: str = "operator"
    since: FuzzyDate | None = attrs.field(default=None, converter=_opt_date)
    until: FuzzyDate | None = attrs.field(default=None, converter=_opt_date)
    note: str | None = None


@attrs.frozen
class Place:
    """A country, region, city or facility, inside its ``parent``."""

    id: str
    name: str
    kind: str
    parent: str | None = None
    country: str | None = None
    coordinates: tuple[float, float] | None = None
    names: tuple[Name, ...] = attrs.field(default=(), converter=_tuple)
    operators: tuple[Tenure, ...] = attrs.field(default=(), converter=_tuple)
    notes: str | None = None
    citations: tuple[Citation, ...] = attrs.field(default=(), converter=_tuple)

    @property
    def all_names(self) -> tuple[str, ...]:
        """The current name first, then every other name of the place."""
        return (self.name, *(n.name for n in self.names))

    def _repr_html_(self) -> str:
        return _html(self)


@attrs.frozen
class Source:
    """One article of a source document; ``url`` is where its publisher put it online."""

    id: str
    document: str
    title: str
    publisher: str | None = None
    author: str | None = None
    published: FuzzyDate | None = attrs.field(default=None, converter=_opt_date)
    published_how: str | None = None
    sha256: str | None = None
    start: int | None = None
    end: int | None = None
    notes: str | None = None
    url: str | None = None


@attrs.frozen
class Quantity:
    """A figure as the sources give it: a value with a unit (``people``, ``MW``, ``km``...).

    ``printed`` keeps the source's own figure where it differs from ``value``
    (a misprint corrected in ``note``); ``approx`` marks "about", "over", "nearly".
    """

    name: str
    value: float
    unit: str
    printed: str | None = None
    approx: bool = False
    note: str | None = None

    @property
    def is_money(self) -> bool:
        """Whether the unit is a currency code."""
        return self.unit in CURRENCIES


@attrs.frozen
class Money(Quantity):
    """A :class:`Quantity` whose unit is an ISO 4217 currency code."""

    @property
    def currency(self) -> str:
        """The ISO 4217 currency code."""
        return self.unit


def quantity(
    name: str,
    value: float,
    unit: str,
    *,
    printed: str | None = None,
    approx: bool = False,
    note: str | None = None,
) -> Quantity:
    """Build a figure: a :class:`Money` when ``unit`` is a currency code, else a Quantity."""
    cls = Money if unit in CURRENCIES else Quantity
    return cls(name, value, unit, printed=printed, approx=approx, note=note)


@attrs.frozen
class Participant:
    """An actor taking part in an event or project, in a ``role``."""

    actor: str
    role: str
    note: str | None = None


@attrs.frozen
class StatusChange:
    """A dated step of a project's status; ``planned`` for a date still to come."""

    status: str
    date: FuzzyDate = attrs.field(converter=_date)
    planned: bool = False
    date_how: str = "stated"
    event: str | None = None
    citations: tuple[Citation, ...] = attrs.field(default=(), converter=_tuple)
    note: str | None = None


@attrs.frozen
class Event:
    """A dated happening, with the sources that report it."""

    id: str
    date: FuzzyDate = attrs.field(converter=_date)
    kind: str
    title: str
    summary: str | None = None
    country: str | None = None
    places: tuple[str, ...] = attrs.field(default=(), converter=_tuple)
    participants: tuple[Participant, ...] = attrs.field(default=(), converter=_tuple)
    project: str | None = None
    figures: tuple[Quantity, ...] = attrs.field(default=(), converter=_tuple)
    citations: tuple[Citation, ...] = attrs.field(default=(), converter=_tuple)
    tags: tuple[str, ...] = attrs.field(default=(), converter=_tuple)
    notes: str | None = None
    date_how: str = "stated"

    def figure(self, name: str) -> Quantity | None:
        """The first figure called ``name``, or None."""
        return next((f for f in self.figures if f.name == name), None)

    def actors(self, role: str | None = None) -> tuple[str, ...]:
        """Ids of the participants, optionally only those in ``role``."""
        return tuple(p.actor for p in self.participants if role is None or p.role == role)

    def _repr_html_(self) -> str:
        return _html(self)


@attrs.frozen
class Accident(Event):
    """An accident: an :class:`Event` with its toll, cause, facility and operator."""

    deaths: int | None = None
    injured: int | None = None
    cause: str | None = None
    facility: str | None = None
    operator: str | None = None


@attrs.frozen
class Project:
    """An infrastructure or investment project with its dated status history."""

    id: str
    name: str
    kind: str
    countries: tuple[str, ...] = attrs.field(default=(), converter=_tuple)
    places: tuple[str, ...] = attrs.field(default=(), converter=_tuple)
    participants: tuple[Participant, ...] = attrs.field(default=(), converter=_tuple)
    figures: tuple[Quantity, ...] = attrs.field(default=(), converter=_tuple)
    status: tuple[StatusChange, ...] = attrs.field(default=(), converter=_tuple)
    citations: tuple[Citation, ...] = attrs.field(default=(), converter=_tuple)
    notes: str | None = None
    names: tuple[Name, ...] = attrs.field(default=(), converter=_tuple)
    """Other names: aliases, abbreviations, transliterations (``"TITR"``)."""

    @property
    def current_status(self) -> str | None:
        """The latest status that has happened (planned steps are not counted)."""
        done = sorted((s for s in self.status if not s.planned), key=lambda s: s.date)
        return done[-1].status if done else None

    @property
    def planned(self) -> tuple[StatusChange, ...]:
        """The steps still planned, in date order."""
        return tuple(sorted((s for s in self.status if s.planned), key=lambda s: s.date))

    def _repr_html_(self) -> str:
        return _html(self)


#: Anything the timeline stores.
Record = Actor | Place | Source | Event | Project
