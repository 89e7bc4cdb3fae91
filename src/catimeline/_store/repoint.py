"""Repointing references: what a merge does to the records that referred to the merged one.

When one record is merged into another, every record that referred to the
old id is rewritten to refer to the survivor, then written again through the
usual validated path (:func:`catimeline._store.writing.merge`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import attrs

from catimeline._model import Accident, Actor, Citation, Event, Participant, Place, Project, Record


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

    def _cites(self, values: Sequence[Citation]) -> tuple[Citation, ...]:
        if self.kind != "source":
            return tuple(values)
        return tuple(
            dict.fromkeys(attrs.evolve(c, source=self._id("source", c.source)) for c in values)
        )

    def _parts(self, values: Sequence[Participant]) -> tuple[Participant, ...]:
        if self.kind != "actor":
            return tuple(values)
        return tuple(
            dict.fromkeys(attrs.evolve(p, actor=self._id("actor", p.actor)) for p in values)
        )

    def _actor(self, r: Actor) -> dict[str, Any]:
        return {
            "relations": tuple(
                attrs.evolve(x, actor=self._id("actor", x.actor)) for x in r.relations
            ),
            "citations": self._cites(r.citations),
        }

    def _place(self, r: Place) -> dict[str, Any]:
        return {
            "parent": self._one("place", r.parent),
            "operators": tuple(
                attrs.evolve(t, actor=self._id("actor", t.actor)) for t in r.operators
            ),
            "citations": self._cites(r.citations),
        }

    def _project(self, r: Project) -> dict[str, Any]:
        return {
            "places": self._many("place", r.places),
            "participants": self._parts(r.participants),
            "status": tuple(
                attrs.evolve(
                    st, event=self._one("event", st.event), citations=self._cites(st.citations)
                )
                for st in r.status
            ),
            "citations": self._cites(r.citations),
        }

    def _event(self, r: Event) -> dict[str, Any]:
        changes: dict[str, Any] = {
            "places": self._many("place", r.places),
            "project": self._one("project", r.project),
            "participants": self._parts(r.participants),
            "citations": self._cites(r.citations),
        }
        if isinstance(r, Accident):
            changes["facility"] = self._one("place", r.facility)
            changes["operator"] = self._one("actor", r.operator)
        return changes
