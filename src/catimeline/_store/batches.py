"""Working in batches: ids in slices every driver accepts, and no garbage collection
while many objects are made."""

from __future__ import annotations

import gc
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TypeVar

T = TypeVar("T")

#: Ids per ``IN (...)`` list: well under every driver's parameter limit.
CHUNK = 500


def chunks(ids: Sequence[T]) -> Iterator[Sequence[T]]:
    """``ids`` in consecutive slices of at most :data:`CHUNK`."""
    for i in range(0, len(ids), CHUNK):
        yield ids[i : i + CHUNK]


@contextmanager
def paused_gc() -> Iterator[None]:
    """The cyclic garbage collector off while many acyclic objects are made.

    Building tens of thousands of records (or rows) triggers collections that
    rescan every live object again and again: a third of the time of a large
    read.  Records and rows hold no cycles, so nothing is lost by waiting.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
