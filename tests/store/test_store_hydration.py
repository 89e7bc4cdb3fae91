"""Events read back from the database: the fast hydration builds the very objects the
public constructors build, with child rows in their stored order."""

from __future__ import annotations

import attrs

import catimeline as ct
from catimeline._model import Record


def _rebuilt(event: ct.Event) -> ct.Event:
    """The same event through its class's own ``__init__`` (converters and all)."""
    fields = {a.name: getattr(event, a.name) for a in attrs.fields(type(event))}
    return type(event)(**fields)


def _linked_records() -> list[Record]:
    """The source, actors and places the events of these tests cite and name."""
    return [
        ct.Source("s-1", "doc.txt", "One"),
        ct.Actor("a-y", "Actor Y", "company"),
        ct.Actor("a-z", "Actor Z", "company"),
        ct.Place("p-a", "Place A", "mine"),
        ct.Place("p-b", "Place B", "city"),
    ]


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
            ct.Participant("a-z", "contractor"),
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
    bare = ct.Event("e-bare", "2020", "other", "Bare", citations=[ct.Citation("s-1", 0, 1)])
    tl.add([*_linked_records(), ct.Source("s-2", "doc.txt", "Two"), accident, bare])
    found = {e.id: e for e in tl.events()}
    assert found["e-full"] == accident
    assert found["e-bare"] == bare
    assert isinstance(found["e-full"].figures[1], ct.Money)


def test_a_result_larger_than_one_read_keeps_every_child_row(
    empty_timeline: ct.Timeline,
) -> None:
    """A result of 1,100 events (child rows read 500 events at a time) gives each event
    back exactly as written: children in order, none lost or given to a neighbour across
    the boundaries between reads."""
    tl = empty_timeline
    events = [
        ct.Event(
            f"many-{i:04d}",
            f"20{10 + i % 12}-{1 + i % 12:02d}",
            "protest",
            f"Event {i}",
            places=["p-b", "p-a"][: i % 3],
            participants=[ct.Participant("a-z", "subject"), ct.Participant("a-y", "target")][
                : (i + 1) % 3
            ],
            figures=[ct.Quantity("people", float(i), "people")] if i % 4 == 0 else [],
            citations=[ct.Citation("s-1", i, i + 1)] * (1 + i % 2),
            tags=[f"t{i % 5}", "many"][: i % 3],
        )
        for i in range(1_100)
    ]
    tl.add([*_linked_records(), *events])
    found = {e.id: e for e in tl.events(kind="protest")}
    assert len(found) == len(events)
    assert [found[e.id] for e in events] == events
