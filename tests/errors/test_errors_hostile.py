"""Hostile text in every text-taking filter and in ask() is data: the tables stay unchanged."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

import catimeline as ct
from tests.conftest import FIXTURE_DOCUMENTS, FIXTURE_SEEDS, _fresh_url
from tests.helpers import dump

HOSTILE = [
    "'",
    '"',
    "' OR '1'='1",
    "' OR 1=1 --",
    "'; DROP TABLE ct_events; --",
    '"; DROP TABLE ct_actors; --',
    "Robert'); DELETE FROM ct_events;--",
    "1; SELECT pg_sleep(5)",
    "x' UNION SELECT id FROM ct_actors --",
    "%",
    "_",
    "%%",
    "\\",
    "\\%",
    "?",
    ":id",
    "%(id)s",
    "$1",
    "{0}",
    "NULL",
    "\x00",
    "pit\x00one",
    "x" * 100_000,
    "Pit One " * 5_000,
    "\u202eenO tiP",
    "\ufeffPit One",
    "Pit On\u0065\u0301",
    "Қарағанды",
    "🔥" * 200,
    "\ud800",
    "\n\r\t",
    "  ",
    "",
]

#: method -> the filters of it that take text.
TEXT_FILTERS: dict[str, list[str]] = {
    "events": "actor kind country place project text after".split(),
    "accidents": "actor country place project text after cause operator".split(),
    "projects": "actor country kind status text place".split(),
    "actors": "kind country text".split(),
    "places": "kind country within text".split(),
}
LOOKUPS = ["actor", "place", "project", "event", "source"]


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def hostile_tl(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[ct.Timeline]:
    """The fixture data in a database of its own, since these tests check it is unchanged."""
    from tests.conftest import POSTGRES_URL

    if request.param == "postgres" and not POSTGRES_URL:
        pytest.skip("CATIMELINE_TEST_POSTGRES_URL is not set")
    from catimeline._seeds import seed_if_changed

    for url in _fresh_url(request.param, tmp_path_factory.mktemp("hostile")):
        with ct.open(url, seed=False) as tl:
            seed_if_changed(tl.engine, FIXTURE_SEEDS, documents=FIXTURE_DOCUMENTS)
            yield tl


def _call(fn: Any, *args: Any, **kwargs: Any) -> tuple[str, ...] | None:
    """The ids returned, or None when a CatimelineError refused the input."""
    try:
        result = fn(*args, **kwargs)
    except ct.CatimelineError:
        return None
    if hasattr(result, "ids"):
        return tuple(result.ids)
    return (result.id,)


@pytest.mark.parametrize("method", sorted(TEXT_FILTERS))
def test_hostile_text_in_filters_leaves_tables_unchanged(
    hostile_tl: ct.Timeline, method: str
) -> None:
    """Every hostile string in every text filter answers or is refused; no row changes."""
    before = dump(hostile_tl.engine)
    for name in TEXT_FILTERS[method]:
        for value in HOSTILE:
            _call(getattr(hostile_tl, method), **{name: value})
    assert dump(hostile_tl.engine) == before


def test_hostile_text_in_lookups_and_ask_leaves_tables_unchanged(hostile_tl: ct.Timeline) -> None:
    """Every hostile string given to the single lookups (tl.actor...) and ask() changes nothing."""
    before = dump(hostile_tl.engine)
    for value in HOSTILE:
        for what in LOOKUPS:
            _call(getattr(hostile_tl, what), value)
        _call(hostile_tl.ask, value)
        _call(hostile_tl.ask, f"accidents involving {value} since 2021")
    assert dump(hostile_tl.engine) == before


@pytest.mark.parametrize(
    "value", ["' OR '1'='1", "' OR 1=1 --", "x' UNION SELECT id FROM ct_actors --"]
)
def test_sql_fragments_in_text_match_nothing(hostile_tl: ct.Timeline, value: str) -> None:
    """An SQL fragment is looked for as words: it matches no event rather than every event."""
    assert hostile_tl.events(text=value).ids == ()


@pytest.mark.parametrize("method", ["events", "actors", "places", "projects"])
@pytest.mark.parametrize("value", ["%", "_", "%%", "\\%"])
def test_like_wildcards_in_text_are_literal(
    hostile_tl: ct.Timeline, method: str, value: str
) -> None:
    """'%' and '_' in text are characters to find, not LIKE wildcards (the fixture has none)."""
    assert getattr(hostile_tl, method)(text=value).ids == ()


@pytest.mark.parametrize("method", ["events", "actors", "places", "projects"])
def test_very_long_text_is_a_query_error(hostile_tl: ct.Timeline, method: str) -> None:
    """A 100,000-character text filter is refused with QueryError on every backend."""
    with pytest.raises(ct.QueryError, match="at most 1000 characters"):
        getattr(hostile_tl, method)(text="x" * 100_000)


def test_text_of_the_longest_allowed_length_answers(hostile_tl: ct.Timeline) -> None:
    """A text filter of exactly the longest allowed length is looked for and matches nothing."""
    assert hostile_tl.events(text="x" * 1000).ids == ()


def test_nul_in_text_is_a_query_error(hostile_tl: ct.Timeline) -> None:
    """A NUL character in text is refused with QueryError on every backend, never a driver error."""
    with pytest.raises(ct.QueryError, match="NUL"):
        hostile_tl.events(text="pit\x00one")


def test_odd_unicode_is_matched_as_text(hostile_tl: ct.Timeline) -> None:
    """A decomposed accent or a byte-order mark around a real name does not break the lookup."""
    assert _call(hostile_tl.events, text="\ufeffPit One") is not None
    assert _call(hostile_tl.actor, "Қарағанды") is None
