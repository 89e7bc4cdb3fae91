"""The curated seeds cite the source documents faithfully: every span lies inside its document
and covers text, and every source's SHA-256 matches the document it names.

These tests need the documents beside the checkout (``../shared/documents``, as in CI); they are
skipped only when that folder is absent.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from catimeline._cite import read_document
from catimeline._resources import documents_dir, seeds_dir

Cited = tuple[str, str, str, int, int]  # file, owner id, source id, start, end


@pytest.fixture(scope="module")
def documents() -> Path:
    """The folder of source documents, or a skip when it is not beside the checkout."""
    folder = documents_dir()
    if folder is None:
        pytest.skip("../shared/documents is not beside this checkout")
    return folder


def _seed_data() -> list[tuple[str, Any]]:
    from ruamel.yaml import YAML

    yaml = YAML(typ="safe")
    root = seeds_dir()
    return [
        (str(path.relative_to(root)), yaml.load(path.read_text(encoding="utf-8")))
        for path in sorted(root.rglob("*.yaml"))
    ]


def _walk(node: Any, owner: str) -> Iterator[tuple[str, str, int, int]]:
    """Every mapping shaped like a citation ({source, start, end}), at any depth."""
    if isinstance(node, dict):
        owner = str(node.get("id", owner))
        if {"source", "start", "end"} <= node.keys():
            yield owner, str(node["source"]), int(node["start"]), int(node["end"])
        for value in node.values():
            yield from _walk(value, owner)
    elif isinstance(node, list):
        for item in node:
            yield from _walk(item, owner)


@cache
def _citations() -> tuple[Cited, ...]:
    found: list[Cited] = []
    for name, data in _seed_data():
        found.extend((name, *cited) for cited in _walk(data, "?"))
    return tuple(found)


@cache
def _sources() -> dict[str, dict[str, Any]]:
    return {
        source["id"]: source
        for _, data in _seed_data()
        if isinstance(data, dict)
        for source in data.get("sources") or []
    }


def _text(documents: Path, source_id: str) -> str:
    return _document_text(documents / _sources()[source_id]["document"])


@cache
def _document_text(path: Path) -> str:
    return read_document(path)


def test_seeds_hold_citations_of_every_kind() -> None:
    """The walk finds citations in events, projects, actors and places, so the checks bite."""
    files = {name.split("/")[-1] for name, *_ in _citations()}
    assert {"events.yaml", "projects.yaml", "actors.yaml", "places.yaml"} <= files
    assert len(_citations()) > 300


def test_every_citation_names_a_known_source() -> None:
    """Each citation, wherever it sits in the seeds, names a source defined in seeds/."""
    unknown = [c for c in _citations() if c[2] not in _sources()]
    assert unknown == []


def test_every_citation_span_lies_inside_its_document(documents: Path) -> None:
    """0 <= start < end <= the document's length, for every citation."""
    outside = [c for c in _citations() if not (0 <= c[3] < c[4] <= len(_text(documents, c[2])))]
    assert outside == []


def test_every_citation_span_covers_text(documents: Path) -> None:
    """No citation spans only blanks."""
    blank = [c for c in _citations() if not _text(documents, c[2])[c[3] : c[4]].strip()]
    assert blank == []


def test_every_citation_span_lies_inside_its_article(documents: Path) -> None:
    """A citation stays within the article extent its source declares."""
    stray = []
    for c in _citations():
        source = _sources()[c[2]]
        start, end = source.get("start"), source.get("end")
        if start is not None and end is not None and not (start <= c[3] and c[4] <= end):
            stray.append(c)
    assert stray == []


def test_every_source_sha256_matches_its_document(documents: Path) -> None:
    """Each source records the SHA-256 of the document file it names."""
    wrong = {
        sid: source["document"]
        for sid, source in _sources().items()
        if hashlib.sha256((documents / source["document"]).read_bytes()).hexdigest()
        != source.get("sha256")
    }
    assert wrong == {}


def test_every_document_has_sources(documents: Path) -> None:
    """Every document in the folder is curated: at least one source names it."""
    named = {source["document"] for source in _sources().values()}
    assert {p.name for p in documents.glob("*.txt")} <= named
