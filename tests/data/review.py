"""The curated seeds read once, as domain records, for the data-review tests.

No database: the records come from ``catimeline._seeds.validate`` on the bundled seeds, and the
raw YAML (for fields the domain model does not carry, such as project name forms) from the files.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from catimeline._model import Actor, Event, Place, Project, Source
from catimeline._resources import seeds_dir
from catimeline._seeds import validate


@cache
def _records() -> tuple[Any, ...]:
    return tuple(validate(seeds_dir()).records())


def events() -> dict[str, Event]:
    """Every curated event (accidents included) by id."""
    return {r.id: r for r in _records() if isinstance(r, Event)}


def places() -> dict[str, Place]:
    """Every curated place by id."""
    return {r.id: r for r in _records() if isinstance(r, Place)}


def actors() -> dict[str, Actor]:
    """Every curated actor by id."""
    return {r.id: r for r in _records() if isinstance(r, Actor)}


def projects() -> dict[str, Project]:
    """Every curated project by id."""
    return {r.id: r for r in _records() if isinstance(r, Project)}


def sources() -> dict[str, Source]:
    """Every curated source by id."""
    return {r.id: r for r in _records() if isinstance(r, Source)}


@cache
def raw_entries(section: str) -> tuple[dict[str, Any], ...]:
    """The entries of one top-level section of every seed file, as plain YAML mappings."""
    from ruamel.yaml import YAML

    yaml = YAML(typ="safe")
    found: list[dict[str, Any]] = []
    for path in sorted(seeds_dir().rglob("*.yaml")):
        data = yaml.load(path.read_text(encoding="utf-8")) or {}
        found.extend(data.get(section) or [])
    return tuple(found)
