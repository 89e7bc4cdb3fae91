"""``Results``: what every query returns, a sequence that remembers its question.

A Results is an immutable sequence of domain objects.  ``.query`` is the
structured query that produced it (``str(results.query)`` reads as a sentence),
and ``results.why(item)`` tells why an item matched: which name or alias of
an actor, which place, which date mode.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any, Generic, Protocol, TypeVar, cast, overload

import attrs

from catimeline._model import show_html_with

T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)


def _record_html(record: object) -> str:
    """A record's HTML card (:mod:`catimeline._html`, imported on first display)."""
    from catimeline._html import record_html

    return record_html(record)


show_html_with(_record_html)


@attrs.frozen
class Match:
    """Why one item matched: human-readable reasons, one per filter that applied."""

    reasons: tuple[str, ...] = ()

    def __str__(self) -> str:
        return "; ".join(self.reasons) if self.reasons else "no filters: every item matches"


class Pending(Protocol[T_co]):
    """Rows a query has read whose objects are built on first use.

    A query reads everything inside its own transaction; building objects from
    what it read reads nothing more, so deferring it changes no answer.  A frame
    (``to_pandas()``) of results not yet built is made from the rows directly.
    """

    def __len__(self) -> int: ...

    def ids(self) -> tuple[str, ...]:
        """The ids of the items, in order."""
        ...

    def build(self) -> Sequence[T_co]:
        """The items."""
        ...


class Results(Sequence[T], Generic[T]):
    """An immutable sequence of query results with the query that produced them.

    ``items`` are the objects, or rows they are built from on first use
    (:class:`Pending`); ``matches`` the reasons by id, or a function giving them
    (called on the first ``why()``).
    """

    __slots__ = ("_built", "_pending", "_reasons", "_why", "query", "timeline")

    def __init__(
        self,
        items: Sequence[T] | Pending[T],
        query: Any,
        matches: Mapping[str, Match] | Callable[[], Mapping[str, Match]] | None = None,
        timeline: Any = None,
    ) -> None:
        self._pending: Pending[T] | None = None
        self._built: tuple[T, ...] | None = None
        # Duck-typed: a runtime Protocol check costs more than a small query's SQL.
        if not isinstance(items, tuple | list) and callable(getattr(items, "build", None)):
            self._pending = cast(Pending[T], items)
        else:
            self._built = tuple(cast(Sequence[T], items))
        self._why: Callable[[], Mapping[str, Match]] | None = None
        self._reasons: Mapping[str, Match] | None = None
        if callable(matches):
            self._why = matches
        else:
            self._reasons = dict(matches or {})
        self.query = query
        self.timeline = timeline

    @property
    def _items(self) -> tuple[T, ...]:
        if self._built is None:
            assert self._pending is not None
            self._built = tuple(self._pending.build())
            self._pending = None
        return self._built

    @property
    def _matches(self) -> Mapping[str, Match]:
        if self._reasons is None:
            assert self._why is not None
            self._reasons = dict(self._why())
            self._why = None
        return self._reasons

    @overload
    def __getitem__(self, index: int) -> T: ...
    @overload
    def __getitem__(self, index: slice) -> Results[T]: ...
    def __getitem__(self, index: int | slice) -> T | Results[T]:
        if isinstance(index, slice):
            return Results(self._items[index], self.query, self._matches, self.timeline)
        return self._items[index]

    def __len__(self) -> int:
        if self._pending is not None:
            return len(self._pending)
        return len(self._items)

    def __iter__(self) -> Iterator[T]:
        return iter(self._items)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Results):
            return self._items == other._items
        if isinstance(other, list | tuple):
            return list(self._items) == list(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._items)

    def __repr__(self) -> str:
        ids = ", ".join(str(getattr(item, "id", item)) for item in self._items[:5])
        more = f", ... ({len(self)} in all)" if len(self) > 5 else ""
        return f"<Results {len(self)}: {ids}{more}>"

    @property
    def ids(self) -> tuple[str, ...]:
        """The ids of the items, in order."""
        if self._pending is not None:
            return self._pending.ids()
        return tuple(str(getattr(item, "id", item)) for item in self._items)

    def to_pandas(self) -> Any:
        """A pandas DataFrame, one row per item, typed columns (needs the ``notebook`` extra).

        Events give id, EDTF ``date``, ``earliest``/``latest`` (datetime64),
        precision, kind, title, country, actors, places, project, sources, and
        deaths/injured/cause/operator for accidents; see :mod:`catimeline._frames`.
        """
        from catimeline._frames import to_pandas

        if self._pending is not None:  # straight from the rows: no objects needed
            rows: Any = self._pending
            return to_pandas(rows, self.timeline)
        return to_pandas(self._items, self.timeline)

    def plot(
        self,
        by: str | None = None,
        *,
        title: str | None = None,
        width: float = 12.0,
        compact: bool | None = None,
    ) -> Any:
        """A matplotlib Figure of the items on a timeline (needs the ``notebook`` extra).

        Exact days are points (sized by deaths for accidents), months/years/ranges
        bars, approximate or uncertain dates faded; colours are kind groups;
        ``by="country"``, ``"actor"`` or ``"project"`` adds lanes; ``title``
        defaults to the question asked or a description of the items; ``compact``
        (default: above 60 rows) packs rows into bands.  See :mod:`catimeline._plot`.
        """
        from catimeline._outputs import Lookup
        from catimeline._plot import plot
        from catimeline._titles import human_title

        items = self._items
        if title is None:
            title = human_title(items, self.query, Lookup.of_ids(self.timeline))
        return plot(items, by, timeline=self.timeline, title=title, width=width, compact=compact)

    def export(
        self,
        format: str,
        path: Any = None,
        *,
        title: str | None = None,
        bom: bool = False,
        keep_formulas: bool = False,
    ) -> str:
        """Write the items as ``csv``, ``jsonl``, ``timelinejs``, ``geojson``, ``ics`` or
        ``html`` to ``path`` (if given) and return the text.  See :mod:`catimeline._export`.

        ``title`` defaults to the question asked, else a description of the items
        ("Accidents in Kazakhstan, 2020–2023"); ``bom`` and ``keep_formulas`` are
        options of the csv export.
        """
        from catimeline._export import export
        from catimeline._outputs import Lookup
        from catimeline._titles import human_title

        items = self._items
        heading = (
            title
            if title is not None
            else human_title(items, self.query, Lookup.of_ids(self.timeline))
        )
        return export(
            items,
            format,
            path,
            timeline=self.timeline,
            title=heading,
            bom=bom,
            keep_formulas=keep_formulas,
        )

    def _repr_html_(self) -> str:
        from catimeline._html import results_html

        return results_html(self._items, self.query, self.timeline)

    def why(self, item: T | str | int) -> Match:
        """Why ``item`` (an item, its id, or its index) matched the query."""
        if isinstance(item, int):
            item = self._items[item]
        key = item if isinstance(item, str) else str(getattr(item, "id", item))
        return self._matches.get(key, Match())
