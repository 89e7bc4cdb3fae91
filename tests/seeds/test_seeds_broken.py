"""Broken seeds are refused with file and line, and the database is left exactly as it was."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import create_engine

import catimeline as ct
from catimeline._seeds import seed_if_changed, validate
from tests.conftest import FIXTURE_DOCUMENTS, FIXTURE_SEEDS
from tests.helpers import dump

FIXTURE_FILE = FIXTURE_SEEDS / "fixture.yaml"
ORIGINAL = FIXTURE_FILE.read_text(encoding="utf-8")


def _broken_folder(tmp_path: Path, old: str, new: str) -> tuple[Path, int]:
    assert old in ORIGINAL, old
    folder = tmp_path / "seeds"
    folder.mkdir()
    text = ORIGINAL.replace(old, new, 1)
    (folder / "fixture.yaml").write_text(text, encoding="utf-8")
    return folder, ORIGINAL[: ORIGINAL.index(old)].count("\n") + 1


CASES = {
    "bad date": ('date: "2020-05-10"', 'date: "2020-05-40"', "May 2020 has 31 days"),
    "unknown reference": ("places: [pit-one]", "places: [pit-two]", "unknown place 'pit-two'"),
    "yaml syntax error": (
        "title: Three die at Pit One",
        "title: [Three die at Pit One",
        "YAML syntax error",
    ),
    "duplicate id": (
        "id: pit-one-accident-2022",
        "id: pit-one-accident-2020",
        "duplicate event id",
    ),
    "span past the end": (
        "citations: [{source: fx-gazette, start: 332, end: 407}]",
        "citations: [{source: fx-gazette, start: 332, end: 9407}]",
        "past the end of fixture.txt",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_broken_seed_is_refused_with_file_and_line(case: str, tmp_path: Path) -> None:
    """validate() raises SeedError naming the file and the line of the problem."""
    old, new, message = CASES[case]
    folder, line = _broken_folder(tmp_path, old, new)
    with pytest.raises(ct.SeedError) as info:
        validate(folder, documents=FIXTURE_DOCUMENTS)
    error = info.value
    assert message in str(error)
    assert error.path is not None and error.path.endswith("fixture.yaml")
    assert error.line is not None
    # YAML reports a syntax error where it notices it, which may be the next line.
    assert line <= error.line <= line + 1 if case == "yaml syntax error" else error.line == line


@pytest.mark.parametrize("case", sorted(CASES))
def test_broken_seed_leaves_the_database_as_it_was(case: str, db_url: str, tmp_path: Path) -> None:
    """Loading a broken seed folder over a loaded database writes nothing at all."""
    with ct.open(db_url, seed=False) as tl:
        seed_if_changed(tl.engine, FIXTURE_SEEDS, documents=FIXTURE_DOCUMENTS)
        before = dump(tl.engine)
    old, new, _message = CASES[case]
    folder, _line = _broken_folder(tmp_path, old, new)
    engine = create_engine(db_url)
    with pytest.raises(ct.SeedError):
        seed_if_changed(engine, folder, documents=FIXTURE_DOCUMENTS)
    assert dump(engine) == before
    engine.dispose()


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    """Several problems in one folder are all listed, each with its own line."""
    folder = tmp_path / "seeds"
    shutil.copytree(FIXTURE_SEEDS, folder)
    text = ORIGINAL.replace("places: [pit-one]", "places: [pit-two]", 1).replace(
        "kind: protest", "kind: protestt", 1
    )
    (folder / "fixture.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(ct.SeedError) as info:
        validate(folder, documents=FIXTURE_DOCUMENTS)
    errors = getattr(info.value, "errors", ())
    messages = " | ".join(str(e) for e in errors)
    assert len(errors) >= 2
    assert "pit-two" in messages
    assert "protestt" in messages and "did you mean 'protest'" in messages
