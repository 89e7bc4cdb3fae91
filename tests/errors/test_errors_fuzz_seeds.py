"""Property-based fuzzing of seed YAML structure: generated documents, anchors, aliases,
tags, nesting and bombs go through validate(); nothing but a SeedError comes out, and a
bomb is refused exactly when it passes a limit.

CI runs ``CATIMELINE_FUZZ_EXAMPLES`` examples per property (80 by default); a deep
local run sets it higher, e.g. ``CATIMELINE_FUZZ_EXAMPLES=20000 pytest
tests/errors/test_errors_fuzz_seeds.py``.  The module prints how many documents it
tried, how many were refused with a SeedError, how many were valid, and crashes.
"""

from __future__ import annotations

import importlib
import json
import math
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import catimeline as ct
from catimeline import _seedyaml as seedyaml
from catimeline import _yamllimits as yamllimits
from catimeline import vocabulary as v
from catimeline._seedfile import SECTIONS
from catimeline._seeds import validate
from tests.conftest import FIXTURE_DOCUMENTS
from tests.errors.test_errors_fuzz import FUZZ

TALLY: Counter[str] = Counter()

#: Field names the seed readers know, so generated entries get past the first check.
FIELDS = sorted(
    {
        *"id name kind title date date_how summary country places participants project".split(),
        *"figures citations tags notes accident deaths injured cause facility operator".split(),
        *"document sha256 publisher author published published_how start end url".split(),
        *"source actor role value unit printed approx names type from until note".split(),
        *"relations description parent coordinates operators countries status planned".split(),
        *"event citation".split(),
    }
)
WORDS = sorted(
    {
        *list(v.EVENT_KINDS)[:8],
        *list(v.ACTOR_KINDS)[:4],
        *list(v.PLACE_KINDS)[:4],
        "fx-gazette",
        "pit-one",
        "northern-steel",
        "fixture.txt",
        "../fixture.txt",
        "/etc/passwd",
        "2023-10-28",
        "2021-11~",
        "2023-02-30",
        "KZ",
        "Kazakhstan",
        "",
    }
)
SCALAR: st.SearchStrategy[Any] = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**70), 2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12),
    st.sampled_from(WORDS),
)
VALUE: st.SearchStrategy[Any] = st.recursive(
    SCALAR,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.one_of(st.sampled_from(FIELDS), st.text(max_size=4)), inner, max_size=4),
    ),
    max_leaves=16,
)
ENTRY = st.dictionaries(st.sampled_from(FIELDS), VALUE, max_size=8)
DOCUMENT = st.dictionaries(
    st.one_of(st.sampled_from(SECTIONS), st.text(max_size=6)),
    st.one_of(st.lists(ENTRY, max_size=4), VALUE),
    max_size=5,
)
TAGS = ["!!str", "!!int", "!!float", "!!bool", "!!null", "!!binary", "!!timestamp", "!!set"]
TAGS += ["!!omap", "!!map", "!!seq", "!local", "!!python/object:os.system"]


class _Flow:
    """Writes data as flow YAML, spending hypothesis draws on anchors, aliases, tags,
    extra nesting and long values along the way."""

    def __init__(self, draw: st.DrawFn) -> None:
        self.draw = draw
        self.done: list[str] = []  # anchors whose node is complete
        self.open: list[str] = []  # anchors of nodes being written

    def value(self, data: Any) -> str:
        twist = self.draw(st.integers(0, 40))
        if twist == 0 and (self.done or self.open):
            return "*" + self.draw(st.sampled_from(self.done + self.open))
        if twist == 1:
            return "*undefined"
        if twist == 2:
            depth = self.draw(st.integers(1, 40))
            return "[" * depth + self.value(data) + "]" * depth
        if twist == 3:
            return json.dumps("x" * self.draw(st.integers(9_990, 10_010)))
        if isinstance(data, dict | list):
            return self.container(data, anchored=twist == 4)
        tag = f"{self.draw(st.sampled_from(TAGS))} " if twist == 5 else ""
        return tag + self.scalar(data)

    def container(self, data: dict[Any, Any] | list[Any], anchored: bool) -> str:
        anchor = f"a{len(self.done) + len(self.open)}" if anchored else None
        if anchor:
            self.open.append(anchor)
        if isinstance(data, dict):
            body = ", ".join(f"{self.scalar(k)}: {self.value(x)}" for k, x in data.items())
            text = "{" + body + "}"
        else:
            text = "[" + ", ".join(self.value(x) for x in data) + "]"
        if anchor:
            self.open.remove(anchor)
            self.done.append(anchor)
            return f"&{anchor} {text}"
        return text

    @staticmethod
    def scalar(data: Any) -> str:
        if data is None:
            return "null"
        if isinstance(data, bool):
            return "true" if data else "false"
        if isinstance(data, float):
            if math.isnan(data):
                return ".nan"
            if math.isinf(data):
                return ".inf" if data > 0 else "-.inf"
        if isinstance(data, int | float):
            return repr(data)
        return json.dumps(str(data))


@st.composite
def seed_yaml(draw: st.DrawFn) -> str:
    """A generated seed document, in block style or as flow YAML with structural twists."""
    data = draw(DOCUMENT)
    if draw(st.booleans()):
        dump = importlib.import_module("yaml").safe_dump
        return str(dump(data, allow_unicode=draw(st.booleans()), sort_keys=False))
    return _Flow(draw).value(data) + "\n"


@pytest.fixture(scope="module", autouse=True)
def tally(request: pytest.FixtureRequest) -> Iterator[Counter[str]]:
    """Counts every generated document's outcome and prints the totals after the module."""
    TALLY.clear()
    yield TALLY
    plugins = request.config.pluginmanager
    reporter, capture = plugins.get_plugin("terminalreporter"), plugins.get_plugin("capturemanager")
    if reporter is not None and capture is not None:
        with capture.global_and_fixture_disabled():
            reporter.write_line(
                f"\nseed YAML fuzzing: {TALLY['tried']} tried, {TALLY['typed']} refused with "
                f"SeedError, {TALLY['valid']} valid, {TALLY['crashes']} crashes"
            )


def _validate(folder: Path, text: str) -> ct.SeedError | None:
    """validate() a folder holding ``text``: its SeedError, or None when valid; counted."""
    (folder / "fuzz.yaml").write_text(text, encoding="utf-8", errors="surrogatepass")
    TALLY["tried"] += 1
    try:
        validate(folder, documents=FIXTURE_DOCUMENTS)
    except ct.SeedError as exc:
        TALLY["typed"] += 1
        return exc
    except BaseException:
        TALLY["crashes"] += 1
        raise
    TALLY["valid"] += 1
    return None


@pytest.mark.parametrize("reader", ["libyaml", "ruamel"])
def test_generated_seed_yaml_raises_only_seed_errors(
    reader: str, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Any generated document, through either YAML reader, is valid or raises SeedError."""
    if reader == "ruamel":
        monkeypatch.setattr(seedyaml, "load", lambda _text: seedyaml.SLOW)

    @FUZZ
    @given(seed_yaml())
    def run(text: str) -> None:
        _validate(tmp_path_factory.mktemp("fuzz-seed"), text)

    run()


def _expanded_laughs(levels: int, width: int) -> int:
    """Nodes of the laughs document with every alias copied out: the root mapping, then per
    level a key and a list of ``width`` copies of the level before (scalars at level 0)."""
    total, size = 1, 1 + width
    for level in range(levels):
        if level:
            size = 1 + width * size
        total += 1 + size
    return total


@FUZZ
@given(st.integers(1, 12), st.integers(1, 12))
def test_alias_bomb_is_refused_exactly_past_the_node_limit(
    tmp_path_factory: pytest.TempPathFactory, levels: int, width: int
) -> None:
    """A laughs document is refused as a YAML bomb if and only if it expands past the limit."""
    lines = [f"l0: &l0 [{', '.join(['lol'] * width)}]"]
    lines += [f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * width)}]" for i in range(1, levels)]
    error = _validate(tmp_path_factory.mktemp("fuzz-bomb"), "\n".join(lines) + "\n")
    refused = error is not None and "YAML refused" in str(error)
    assert refused == (_expanded_laughs(levels, width) > yamllimits.MAX_NODES)


@FUZZ
@given(st.integers(1, 80), st.sampled_from(["[", "{a: "]))
def test_nesting_is_refused_exactly_past_the_depth_limit(
    tmp_path_factory: pytest.TempPathFactory, depth: int, opener: str
) -> None:
    """Nested lists or mappings are refused as too deep if and only if they pass the limit."""
    closer = "]" if opener == "[" else "}"
    text = f"events: {opener * depth}1{closer * depth}\n"
    error = _validate(tmp_path_factory.mktemp("fuzz-deep"), text)
    refused = error is not None and "levels deep" in str(error)
    assert refused == (1 + depth > yamllimits.MAX_DEPTH)
