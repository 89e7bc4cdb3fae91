"""Every bad input of the catalogue (docs/errors.md) raises its typed error and a useful message."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import catimeline as ct
from catimeline._seeds import validate
from tests.conftest import FIXTURE_DOCUMENTS
from tests.errors.catalogue import DOCS, FIXTURE_TEXT, QUERY_CASES, SEED_CASES, Case, all_ids


@pytest.mark.parametrize("case", QUERY_CASES, ids=[c.id for c in QUERY_CASES])
def test_bad_query_input_raises_its_typed_error(case: Case, fx: ct.Timeline) -> None:
    """A bad date, filter or question raises the catalogued class, with the catalogued message."""
    with pytest.raises(case.error) as info:
        case.call(fx)
    assert case.message in str(info.value)


@pytest.mark.parametrize("case", QUERY_CASES, ids=[c.id for c in QUERY_CASES])
def test_bad_query_input_message_is_one_line(case: Case, fx: ct.Timeline) -> None:
    """Every catalogued message is a single line, so the CLI can print it as it is."""
    with pytest.raises(ct.CatimelineError) as info:
        case.call(fx)
    assert "\n" not in str(info.value)


def _broken(tmp_path: Path, old: str, new: str) -> Path:
    assert old in FIXTURE_TEXT, old
    folder = tmp_path / "seeds"
    folder.mkdir()
    (folder / "fixture.yaml").write_text(FIXTURE_TEXT.replace(old, new, 1), encoding="utf-8")
    return folder


#: YAML that parses but whose tag cannot build a value: the YAML library gives no line.
WITHOUT_LINE = {"seed-bad-yaml-tag"}


@pytest.mark.parametrize("case", SEED_CASES, ids=[c[0] for c in SEED_CASES])
def test_broken_seed_file_raises_seed_error_naming_the_file(
    case: tuple[str, str, str, str], tmp_path: Path
) -> None:
    """Each sort of broken seed file raises SeedError naming the file and the problem."""
    _id, old, new, message = case
    folder = _broken(tmp_path, old, new)
    with pytest.raises(ct.SeedError) as info:
        validate(folder, documents=FIXTURE_DOCUMENTS)
    assert message in str(info.value)
    assert info.value.path is not None and info.value.path.endswith("fixture.yaml")


@pytest.mark.parametrize(
    "case", [c for c in SEED_CASES if c[0] not in WITHOUT_LINE], ids=lambda c: c[0]
)
def test_broken_seed_file_error_names_the_line(
    case: tuple[str, str, str, str], tmp_path: Path
) -> None:
    """The SeedError of a broken entry carries the line of the problem."""
    _id, old, new, _message = case
    with pytest.raises(ct.SeedError) as info:
        validate(_broken(tmp_path, old, new), documents=FIXTURE_DOCUMENTS)
    assert info.value.line is not None


def test_seed_file_that_is_not_utf8_is_refused(tmp_path: Path) -> None:
    """A seed file in another encoding raises SeedError saying it is not UTF-8."""
    folder = tmp_path / "seeds"
    folder.mkdir()
    (folder / "fixture.yaml").write_bytes(
        FIXTURE_TEXT.replace("Pit One", "Pit Øne").encode("cp1252")
    )
    with pytest.raises(ct.SeedError, match="not UTF-8"):
        validate(folder, documents=FIXTURE_DOCUMENTS)


def test_missing_seed_folder_is_refused(tmp_path: Path) -> None:
    """A seed folder that does not exist raises SeedError naming it."""
    with pytest.raises(ct.SeedError, match="no seed folder"):
        validate(tmp_path / "nowhere", documents=FIXTURE_DOCUMENTS)


def test_catalogue_has_at_least_forty_cases() -> None:
    """The catalogue holds at least 40 distinct bad inputs."""
    ids = all_ids()
    assert len(ids) == len(set(ids))
    assert len(ids) >= 40


def test_docs_list_exactly_the_tested_cases() -> None:
    """docs/errors.md lists every case id the tests run, and no other."""
    documented = set(re.findall(r"^\| `([a-z0-9-]+)` \|", DOCS.read_text(encoding="utf-8"), re.M))
    assert documented == set(all_ids())
