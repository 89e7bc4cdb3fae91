"""Lanes for timeline drawings: kind groups as readers name them, and rows packed so
that marks (and their labels) never overlap.

A timeline of 258 events cannot give each event its own row and stay readable,
nor put them all on one row.  Each kind group gets a band; inside it, an item
takes the first row where it fits after the previous occupant's mark and
label, so a band is as tall as its busiest moment and no taller.
"""

from __future__ import annotations

from collections.abc import Sequence

from catimeline.vocabulary import GROUP_OF_KIND

#: What a legend calls each kind group.
GROUP_LABELS = {
    "incident": "Incidents",
    "hazard": "Hazards",
    "unrest": "Unrest",
    "diplomacy": "Diplomacy",
    "economy": "Economy",
    "project": "Project steps",
    "politics": "Politics",
    "legal": "Legal",
    "information": "Reports and other",
}


def group_label(kind: str) -> str:
    """The legend label of the group of ``kind`` (a project status or unknown kind: itself)."""
    group = GROUP_OF_KIND.get(kind)
    if group is None:
        return kind[:1].upper() + kind[1:]
    return GROUP_LABELS.get(group, group[:1].upper() + group[1:])


def group_order() -> list[str]:
    """Every group label, in the vocabulary's order (a stable colour for each)."""
    return list(dict.fromkeys(GROUP_LABELS.get(g, g) for g in GROUP_OF_KIND.values()))


def pack(extents: Sequence[tuple[float, float]], gap: float = 0.0) -> list[int]:
    """The row of each ``(left, right)`` extent, in the order given: the first row whose
    last occupant ends (plus ``gap``) before this one starts."""
    ends: list[float] = []
    rows: list[int] = []
    for left, right in extents:
        for row, end in enumerate(ends):
            if end + gap <= left:
                ends[row] = right
                rows.append(row)
                break
        else:
            ends.append(right)
            rows.append(len(ends) - 1)
    return rows
