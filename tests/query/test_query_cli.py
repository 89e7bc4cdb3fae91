"""The command line's filter flags build the same EventFilters as the Python API."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import catimeline as ct
from catimeline import _cli as cli
from catimeline._cli import main
from tests.query.world import build


@pytest.fixture(scope="module")
def url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """An SQLite file holding the test fixture and the query test records."""
    path = tmp_path_factory.mktemp("query-cli") / "cli.db"
    with ct.open(f"sqlite:///{path}", seed=False) as tl:
        build(tl)
    return f"sqlite:///{path}"


@pytest.fixture(autouse=True)
def _no_bundled_seeds(monkeypatch: pytest.MonkeyPatch) -> None:
    """The commands read the test records as they are (no bundled seeds loaded over them)."""
    monkeypatch.setattr(cli, "_open", lambda url, **kw: ct.open(url, seed=False, **kw))


def _ids(url: str, *args: str) -> list[str]:
    result = CliRunner().invoke(main, ["events", "--url", url, "--format", "json", *args])
    assert result.exit_code == 0, result.stderr
    return [row["id"] for row in json.loads(result.stdout)]


def test_accidents_with_kind_combine(url: str) -> None:
    """--accidents --kind attack gives no accident (not every accident: the kind is kept)."""
    assert _ids(url, "--accidents", "--kind", "attack") == []
    assert len(_ids(url, "--accidents", "--kind", "accident")) == 4


def test_accident_flags_need_accidents(url: str) -> None:
    """--min-deaths without --accidents is refused in one line naming the flag to add."""
    result = CliRunner().invoke(main, ["events", "--url", url, "--min-deaths", "3"])
    assert result.exit_code == 2
    assert "--min-deaths apply to accidents: add --accidents" in result.stderr


def test_min_deaths_and_order_flags(url: str) -> None:
    """--accidents --min-deaths 3 --order deaths lists the deadliest first."""
    ids = _ids(url, "--accidents", "--min-deaths", "3", "--order", "deaths")
    assert ids == ["pit-one-fire-2023", "pit-one-accident-2020"]


def test_all_actor_flag_is_all_of(url: str) -> None:
    """--all-actor repeated means every one of them took part."""
    assert _ids(url, "--all-actor", "CU", "--all-actor", "NS") == ["supply-deal-2021"]


def test_affiliated_flag_widens_the_actor(url: str) -> None:
    """--actor China --affiliated reaches China's bank, company and embassy."""
    assert "eximbank-loan-2021" not in _ids(url, "--actor", "China")
    assert "eximbank-loan-2021" in _ids(url, "--actor", "China", "--affiliated")


def test_export_takes_the_same_flags(url: str, tmp_path: Path) -> None:
    """export --accidents --kind accident writes the same accidents as events does."""
    out = tmp_path / "accidents.jsonl"
    result = CliRunner().invoke(
        main,
        ["export", "--url", url, "--format", "jsonl", "--accidents", "--kind", "accident"],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.stderr
    out.write_text(result.stdout, encoding="utf-8")
    exported = [json.loads(line)["id"] for line in out.read_text().splitlines() if line]
    assert sorted(exported) == sorted(_ids(url, "--accidents", "--kind", "accident"))
