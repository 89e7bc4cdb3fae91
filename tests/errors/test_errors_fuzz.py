"""Property-based fuzzing: whatever goes in, nothing but a CatimelineError comes out.

CI runs a modest number of examples per property.  For deeper runs outside CI set
``CATIMELINE_FUZZ_EXAMPLES`` (for example ``CATIMELINE_FUZZ_EXAMPLES=100000
pytest tests/errors/test_errors_fuzz.py``).
"""

from __future__ import annotations

import contextlib
import datetime
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import catimeline as ct
from catimeline import vocabulary as v
from catimeline._seeds import validate
from tests.conftest import FIXTURE_DOCUMENTS
from tests.errors.catalogue import FIXTURE_TEXT

EXAMPLES = int(os.environ.get("CATIMELINE_FUZZ_EXAMPLES", "80"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

EDTF_CHARS = "0123456789-/.~?%XYSu T:+"
DATE_TEXT = st.one_of(st.text(EDTF_CHARS, max_size=25), st.text(max_size=25))
WORDS = sorted(
    {
        *v.EVENT_KINDS,
        *v.KIND_GROUPS,
        "all",
        "since",
        "until",
        "before",
        "after",
        "between",
        "and",
        "in",
        "during",
        "from",
        "to",
        "projects",
        "events",
        "Northern",
        "Steel",
        "NS",
        "Pit",
        "One",
        "Kazakhstan",
        "KZ",
        "Lake",
        "Town",
        "November",
        "2021",
        "2023-10",
        "2023-02-30",
        "2024/2023",
        "0000",
        "9999",
        "..",
    }
)
QUESTION = st.one_of(
    st.lists(st.sampled_from(WORDS), max_size=10).map(" ".join),
    st.text(max_size=80),
    st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=6)), max_size=8).map(" ".join),
)
ANY_VALUE: st.SearchStrategy[Any] = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.floats(allow_nan=True),
        st.text(max_size=30),
        st.sampled_from(WORDS),
        DATE_TEXT,
        st.dates(),
        st.datetimes(),
        st.binary(max_size=8),
    ),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.tuples(inner),
        st.dictionaries(st.text(max_size=3), inner, max_size=2),
    ),
    max_leaves=5,
)

EVENT_FILTERS = (
    "actor kind country place project text since until during match order limit after"
).split()
ACCIDENT_FILTERS = [*(f for f in EVENT_FILTERS if f != "kind"), "min_deaths", "cause", "operator"]
PROJECT_FILTERS = "actor country kind status text since until place limit".split()
ACTOR_FILTERS = "kind country text limit".split()
PLACE_FILTERS = "kind country within text limit".split()
METHODS: dict[str, list[str]] = {
    "events": EVENT_FILTERS,
    "accidents": ACCIDENT_FILTERS,
    "projects": PROJECT_FILTERS,
    "actors": ACTOR_FILTERS,
    "places": PLACE_FILTERS,
}


def _only_catimeline_errors(call: Callable[[], object]) -> None:
    with contextlib.suppress(ct.CatimelineError):
        call()


@FUZZ
@given(DATE_TEXT)
def test_fuzzy_date_parse_raises_only_invalid_date(text: str) -> None:
    """FuzzyDate.parse returns a date or raises InvalidDate, for any text at all."""
    try:
        date = ct.FuzzyDate.parse(text)
    except ct.InvalidDate:
        return
    assert ct.FuzzyDate.parse(str(date)) == date


@FUZZ
@given(QUESTION)
def test_ask_raises_only_catimeline_errors(fx: ct.Timeline, question: str) -> None:
    """ask() answers or raises a CatimelineError, whatever the question."""
    _only_catimeline_errors(lambda: fx.ask(question))


@pytest.mark.parametrize("method", sorted(METHODS))
def test_every_filter_raises_only_catimeline_errors(fx: ct.Timeline, method: str) -> None:
    """Each filter of events/accidents/projects/actors/places takes any value without a crash."""

    @FUZZ
    @given(st.dictionaries(st.sampled_from(METHODS[method]), ANY_VALUE, min_size=1, max_size=3))
    def run(filters: dict[str, Any]) -> None:
        _only_catimeline_errors(lambda: getattr(fx, method)(**filters))

    run()


@FUZZ
@given(st.sampled_from(["actor", "place", "project", "event", "source"]), ANY_VALUE)
def test_single_lookups_raise_only_catimeline_errors(fx: ct.Timeline, what: str, ref: Any) -> None:
    """tl.actor/place/project/event/source answer or raise a CatimelineError for any reference."""
    _only_catimeline_errors(lambda: getattr(fx, what)(ref))


TOKENS = [
    "",
    " ",
    "\n",
    "\t",
    ":",
    "- ",
    "[",
    "]",
    "{",
    "}",
    ",",
    '"',
    "'",
    "&a",
    "*a",
    "!!int",
    "!!binary",
    "? ",
    "|",
    ">",
    "#",
    "null",
    "~",
    "true",
    "-1",
    "1e400",
    "0x10",
    "2023-10-28",
    '"2023-02-30"',
    "\x00",
    "\ufeff",
    "events:",
    "id: x",
    "%YAML 1.1",
    "---",
    "...",
]


@st.composite
def mutated_yaml(draw: st.DrawFn) -> str:
    """The fixture seed text with a few random cuts, insertions, duplications and swaps."""
    text = FIXTURE_TEXT
    for _ in range(draw(st.integers(1, 4))):
        i = draw(st.integers(0, len(text)))
        j = draw(st.integers(i, min(len(text), i + 40)))
        op = draw(st.sampled_from(["cut", "insert", "replace", "duplicate"]))
        if op == "cut":
            text = text[:i] + text[j:]
        elif op == "insert":
            text = (
                text[:i] + draw(st.one_of(st.sampled_from(TOKENS), st.text(max_size=5))) + text[i:]
            )
        elif op == "replace":
            text = text[:i] + draw(st.sampled_from(TOKENS)) + text[j:]
        else:
            text = text[:j] + text[i:j] + text[j:]
    return text


@FUZZ
@given(mutated_yaml())
def test_seed_loader_raises_only_seed_errors(
    tmp_path_factory: pytest.TempPathFactory, text: str
) -> None:
    """validate() on mutated seed YAML either passes or raises SeedError, never anything else."""
    folder: Path = tmp_path_factory.mktemp("fuzz")
    (folder / "fuzz.yaml").write_text(text, encoding="utf-8", errors="surrogatepass")
    with contextlib.suppress(ct.SeedError):
        validate(folder, documents=FIXTURE_DOCUMENTS)


@FUZZ
@given(st.binary(max_size=200))
def test_seed_loader_raises_only_seed_errors_on_bytes(
    tmp_path_factory: pytest.TempPathFactory, data: bytes
) -> None:
    """validate() on arbitrary bytes in a seed file raises SeedError or passes."""
    folder: Path = tmp_path_factory.mktemp("fuzzb")
    (folder / "fuzz.yaml").write_bytes(data)
    with contextlib.suppress(ct.SeedError):
        validate(folder, documents=FIXTURE_DOCUMENTS)


def test_window_with_dates_of_any_type_raises_only_catimeline_errors() -> None:
    """window() built from mixed date types either works or raises a CatimelineError."""
    from catimeline._query.window import window

    for value in ("2021", datetime.date(2021, 1, 1), ct.FuzzyDate.parse("2021-1X"), 3.5, b"2021"):
        _only_catimeline_errors(lambda value=value: window(since=value, until="2022"))  # type: ignore[misc]


HOSTILE_TEXT = st.one_of(
    st.text(max_size=20),
    st.sampled_from(
        ["", " ", "../x", "a\r\nb", "a\x00b", "\ud800", "x" * 300, "riot", "Kazakhstan", "ZZ"]
    ),
)
HOSTILE_NUMBER = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.sampled_from([1e300, -1e300, 2**63, 2**31]),
)
ANY_FIELD = st.one_of(HOSTILE_TEXT, HOSTILE_NUMBER, st.none(), st.booleans(), ANY_VALUE)
SLUG = st.one_of(st.sampled_from(["my-a", "my-b", "pit-one", "northern-steel"]), HOSTILE_TEXT)
CITATION = st.builds(
    ct.Citation,
    st.one_of(st.just("fx-gazette"), SLUG),
    st.one_of(st.integers(-5, 900), HOSTILE_NUMBER),
    st.one_of(st.integers(0, 1000), HOSTILE_NUMBER),
)
RECORD = st.one_of(
    st.builds(
        ct.Event,
        SLUG,
        st.sampled_from(["2023", "2021-11~", "2020/2022"]),
        st.one_of(st.sampled_from(sorted(v.EVENT_KINDS)), HOSTILE_TEXT),
        HOSTILE_TEXT,
        country=st.one_of(st.none(), HOSTILE_TEXT),
        places=st.lists(SLUG, max_size=2),
        participants=st.lists(
            st.builds(ct.Participant, SLUG, st.sampled_from(["subject", "boss"])), max_size=2
        ),
        figures=st.lists(
            st.builds(ct.Quantity, HOSTILE_TEXT, HOSTILE_NUMBER, st.sampled_from(["USD", ""])),
            max_size=2,
        ),
        citations=st.lists(CITATION, max_size=2),
        tags=st.lists(ANY_FIELD, max_size=2),
        notes=st.one_of(st.none(), HOSTILE_TEXT),
    ),
    st.builds(
        ct.Accident,
        SLUG,
        st.just("2022-06"),
        st.just("accident"),
        HOSTILE_TEXT,
        citations=st.lists(CITATION, max_size=1),
        deaths=st.one_of(st.none(), HOSTILE_NUMBER),
        cause=st.one_of(st.none(), HOSTILE_TEXT),
        facility=st.one_of(st.none(), SLUG),
    ),
    st.builds(
        ct.Place,
        SLUG,
        HOSTILE_TEXT,
        st.sampled_from(["city", "mine", "planet"]),
        parent=st.one_of(st.none(), SLUG),
        country=st.one_of(st.none(), HOSTILE_TEXT),
        coordinates=st.one_of(st.none(), st.tuples(HOSTILE_NUMBER, HOSTILE_NUMBER), ANY_FIELD),
    ),
    st.builds(
        ct.Actor,
        SLUG,
        HOSTILE_TEXT,
        st.sampled_from(["company", "alien"]),
        country=st.one_of(st.none(), HOSTILE_TEXT),
        description=st.one_of(st.none(), HOSTILE_TEXT),
    ),
    st.builds(
        ct.Source,
        SLUG,
        HOSTILE_TEXT,
        HOSTILE_TEXT,
        url=st.one_of(st.none(), HOSTILE_TEXT, st.just("https://example.org/a")),
        start=st.one_of(st.none(), HOSTILE_NUMBER),
    ),
    ANY_VALUE,
)


def test_add_of_any_records_raises_only_typed_errors_and_a_refusal_writes_nothing(
    fixture_timeline: ct.Timeline,
) -> None:
    """tl.add of generated records (hostile text, numbers, ids, references, or not records
    at all) writes them or raises a CatimelineError; when it refuses, no row changed."""
    from tests.helpers import dump

    @FUZZ
    @given(st.one_of(RECORD, st.lists(RECORD, max_size=4)))
    def run(records: Any) -> None:
        before = dump(fixture_timeline.engine)
        try:
            fixture_timeline.add(records)
        except ct.CatimelineError:
            assert dump(fixture_timeline.engine) == before

    run()
