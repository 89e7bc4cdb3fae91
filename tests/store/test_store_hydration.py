"""Events read back from the database: the fast hydration builds the very objects the
public constructors build, with child rows in their stored order."""

from __future__ import annotations

import attrs

import catimeline as ct


def _rebuilt(event: ct.Event) -> ct.Event:
    """The same event through its class's own ``__init__`` (converters and all)."""
    fields = {a.name: getattr(event, a.name) for a in attrs.fields(type(event))}
    return type(event)(**fields)


def test_read_events_equal_events_built_by_their_class(fx: ct.Timeline) -> None:
    """Every event of the fixture read back equals, hashes and prints like the same
    values passed through Event/Accident's own constructor."""
    events = list(fx.events())
    assert events
    for event in events:
        rebuilt = _rebuilt(event)
        assert type(rebuilt) is type(event)
        assert (event, hash(event), repr(event)) == (rebuilt, hash(rebuilt), repr(rebuilt))


def test_read_events_hold_tuples_and_fuzzy_dates(fx: ct.Timeline) -> None:
    """Hydrated events hold the field types the converters give: a FuzzyDate and tuples."""
    for event in fx.events():
        assert isinstance(event.date, ct.FuzzyDate)
        for name in ("places", "participants", "figures", "citations", "tags"):
            assert type(getattr(event, name)) is tuple, name


def test_child_rows_come_back_in_their_order(empty_timeline: ct.Timeline) -> None:
    """An accident's places, participants, figures, citations and tags read back exactly
    as written, each list in its own order, beside an event without any."""
    tl = empty_timeline
    accident = ct.Accident(
        "e-full",
        "2021-03~",
        "accident",
        "Full",
        places=["p-b", "p-a"],
        participants=[
            ct.Participant("a-z", "operator"),
            ct.Participant("a-y", "owner", "a note"),
            ct.Participant("a-z", "employer"),
        ],
        figures=[
            ct.Quantity("workers", 12.0, "people", approx=True),
            ct.Money("cost", 3.5, "USD", printed="3,5", note="misprint"),
        ],
        citations=[ct.Citation("s-2", 5, 9), ct.Citation("s-1", 0, 4)],
        tags=["zeta", "alpha"],
        deaths=3,
        operator="a-y",
        facility="p-a",
        cause="fire",
    )
    bare = ct.Event("e-bare", "2020", "other", "Bare")
    tl.add(
        [
            ct.Source("s-1", "doc.txt", "One"),
            ct.Source("s-2", "doc.txt", "Two"),
            ct.Actor("a-y", "Actor Y", "company"),
            ct.Actor("a-z", "Actor Z", "company"),
            ct.Place("p-a", "Place A", "facility"),
            ct.Place("p-b", "Place B", "city"),
            accident,
            bare,
        ]
    )
    found = {e.id: e for e in tl.events()}
    assert found["e-full"] == accident
    assert found["e-bare"] == bare
    assert isinstance(found["e-full"].figures[1], ct.Money)
