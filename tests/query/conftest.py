"""Fixtures of the query tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

import catimeline as ct
from tests.conftest import BACKENDS, _fresh_url
from tests.query.world import build


@pytest.fixture(scope="module", params=BACKENDS)
def world(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[ct.Timeline]:
    """The test fixture plus the records of tests/query/world.py, once per module and
    backend, for tests that only read."""
    folder = tmp_path_factory.mktemp("world")
    for url in _fresh_url(request.param, folder):
        with ct.open(url, seed=False) as tl:
            build(tl)
            yield tl
