"""Repointing references: what a merge does to the records that referred to the merged one.

When one record is merged into another, every record that referred to the
old id is rewritten to refer to the survivor, then written again through the
usual validated path (:func:`catimeline._store.writing.merge`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

import attrs

from catimeline._model import (
    Accident,
    Actor,
    Citation,
    Event,
    Participant,
    Place,
    Project,
    Record,
    Relation,
    Tenure,
)

#: What refers to a source or an actor by a field named after it.
_Ref = TypeVar("_Ref", Citation, Participant, Relation, Tenure)


@attrs.frozen
class Repoint:
    """Records with every reference to the ``kind`` ``old`` pointing at ``new`` instead."""

    kind: str
    old: str
    new: str

    def record(self, record: Record) -> Record:
        """``record`` repointed (a record of another type is returned as it is)."""
        changes: dict[str, Any] = {}
        if isinstance(record, Actor):
            changes = self._actor(record)
        elif isinstance(record, Place):
            changes = self._place(record)
        elif isinstance(record, Project):
            changes = self._project(record)
        elif isinstance(record, Event):
            changes = self._event(record)
        return attrs.evolve(record, **changes)

    def _id(self, kind: str, value: str) -> str:
        return self.new if kind == self.kind and value == self.old else value

    def _one(self, kind: str, value: str | None) -> str | None:
        return None if value is None else self._id(kind, value)

    def _many(self, kind: str, values: Sequence[str]) -> tuple[str, ...]:
        if kind != self.kind:
            return tuple(values)
        return tuple(dict.fromkeys(self._id(kind, v) for v in values))

    def _refs(self, values: Sequence[_Ref], kind: str, *, once: bool = True) -> tuple[_Ref, ...]:
        """``values`` with their ``kind`` reference (the field named after it: ``source``,
        ``actor``) repointed; with ``once``, two that become the same are kept once."""
        if kind != self.kind:
            return tuple(values)
        moved = (attrs.evolve(v, **self._change(v, kind)) for v in values)
        return tuple(dict.fromkeys(moved)) if once else tuple(moved)

    def _change(self, value: _Ref, kind: str) -> dict[str, Any]:
        """The change repointing ``value``'s ``kind`` field, for attrs.evolve."""
        return {kind: self._id(kind, getattr(value, kind))}

    def _actor(self, r: Actor) -> dict[str, Any]:
        return {
            # Relations and tenures stay as many as they were (only the link is repointed).
            "relations": self._refs(r.relations, "actor", once=False),
            "citations": self._refs(r.citations, "source"),
        }

    def _place(self, r: Place) -> dict[str, Any]:
        return {
            "parent": self._one("place", r.parent),
            "operators": self._refs(r.operators, "actor", once=False),
            "citations": self._refs(r.citations, "source"),
        }

    def _project(self, r: Project) -> dict[str, Any]:
        return {
            "places": self._many("place", r.places),
            "participants": self._refs(r.participants, "actor"),
            "status": tuple(
                attrs.evolve(
                    st,
                    event=self._one("event", st.event),
                    citations=self._refs(st.citations, "source"),
                )
                for st in r.status
            ),
            "citations": self._refs(r.citations, "source"),
        }

    def _event(self, r: Event) -> dict[str, Any]:
        changes: dict[str, Any] = {
            "places": self._many("place", r.places),
            "project": self._one("project", r.project),
            "participants": self._refs(r.participants, "actor"),
            "citations": self._refs(r.citations, "source"),
        }
        if isinstance(r, Accident):
            changes["facility"] = self._one("place", r.facility)
            changes["operator"] = self._one("actor", r.operator)
        return changes
