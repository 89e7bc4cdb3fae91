"""Row shapes: every named position of a read row points at the field of that name."""

from __future__ import annotations

import attrs
import pytest

from catimeline._model import Citation, Participant, Quantity
from catimeline._store import schema as s
from catimeline._store import shapes


@pytest.mark.parametrize(
    ("cls", "columns", "renamed"),
    [
        (Participant, shapes.PARTICIPANT_COLUMNS, {"actor": "actor_id"}),
        (Quantity, shapes.FIGURE_COLUMNS, {}),
        (Citation, shapes.CITATION_COLUMNS, {"source": "source_id"}),
    ],
)
def test_child_rows_hold_their_class_fields_in_order(
    cls: type, columns: tuple[str, ...], renamed: dict[str, str]
) -> None:
    """A child row's columns are its domain class's fields, in the class's order, so the
    fast constructors that take a row as positional arguments set the right fields."""
    fields = [renamed.get(a.name, a.name) for a in attrs.fields(cls)]
    assert list(columns) == fields


def test_child_row_positions_name_their_columns() -> None:
    """PARTICIPANT_ACTOR and CITATION_SOURCE are the positions of the actor and source ids."""
    assert shapes.PARTICIPANT_COLUMNS[shapes.PARTICIPANT_ACTOR] == "actor_id"
    assert shapes.CITATION_COLUMNS[shapes.CITATION_SOURCE] == "source_id"


def test_event_row_positions_name_the_columns_read() -> None:
    """Each EVENT_* position is where its ct_events column sits among EVENT_READ_COLUMNS."""
    named = {
        name: getattr(shapes, name)
        for name in dir(shapes)
        if name.startswith("EVENT_") and isinstance(getattr(shapes, name), int)
    }
    assert len(named) == len(shapes.EVENT_READ_COLUMNS)
    for name, at in named.items():
        column = shapes.EVENT_READ_COLUMNS[at]
        assert column.table is s.events
        assert column.name.removesuffix("_id") == name.removeprefix("EVENT_").lower(), name
