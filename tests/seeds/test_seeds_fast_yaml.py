"""The libyaml seed reader gives exactly what ruamel's round trip gives, lines included."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from catimeline import _seedyaml as seedyaml
from catimeline._resources import seeds_dir
from tests.conftest import FIXTURE_SEEDS

SEED_FILES = sorted(seeds_dir().rglob("*.yaml")) + sorted(FIXTURE_SEEDS.rglob("*.yaml"))


def _same(fast: Any, slow: Any, where: str = "$") -> None:
    """Equal values of plain types, equal keys in order, equal key and item lines."""
    lines: Any = fast  # the .lc of a LinedMap / LinedList, and of ruamel's containers
    ruamel: Any = slow
    if isinstance(slow, dict):
        assert isinstance(fast, dict) and list(fast) == list(slow), where
        for key in slow:
            assert lines.lc.key(key)[0] == ruamel.lc.key(key)[0], f"{where}.{key}"
            _same(fast[key], slow[key], f"{where}.{key}")
    elif isinstance(slow, list):
        assert isinstance(fast, list) and len(fast) == len(slow), where
        for i, item in enumerate(slow):
            assert tuple(lines.lc.item(i)) == tuple(ruamel.lc.item(i)[:2]), f"{where}[{i}]"
            _same(fast[i], item, f"{where}[{i}]")
    else:
        assert type(fast) in (str, int, float, bool, type(None)), where
        assert fast == slow and isinstance(fast, bool) == isinstance(slow, bool), where


@pytest.mark.parametrize("path", SEED_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_fast_reader_matches_ruamel_on_every_seed_file(path: Path) -> None:
    """Each bundled seed file reads fast, to the same data and lines as ruamel's round trip."""
    text = path.read_text(encoding="utf-8")
    fast = seedyaml.load(text)
    assert fast is not seedyaml.SLOW
    _same(fast, YAML(typ="rt").load(text))


@pytest.mark.parametrize(
    "text",
    [
        "a: 1\na: 2\n",
        "a: !!int '3'\n",
        "date: 2023-10-28\n",
        "a: [1, 2\n",
        "---\na: 1\n---\nb: 2\n",
        "a: .inf\n",
        "a: 0x10\n",
        "base: &b {x: 1}\nother:\n  <<: *b\n",
        "%YAML 1.1\n---\na: yes\n",
    ],
    ids=[
        "duplicate key",
        "tag",
        "timestamp",
        "syntax error",
        "two documents",
        "infinity",
        "hex",
        "merge key",
        "version directive",
    ],
)
def test_fast_reader_leaves_unusual_yaml_to_ruamel(text: str) -> None:
    """Anything ruamel might read differently (or reject with its own message) is left to it."""
    assert seedyaml.load(text) is seedyaml.SLOW


def test_fast_reader_places_an_alias_where_its_anchor_is() -> None:
    """An alias is the anchored value, at the anchor's line, as ruamel places it."""
    text = "first:\n  - &x {id: a}\nsecond:\n  - *x\n"
    fast = seedyaml.load(text)
    _same(fast, YAML(typ="rt").load(text))
