"""The command line: every command answers, in every format, and mistakes are one line."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import catimeline
from catimeline._cli import main

DOCUMENTS = Path(__file__).resolve().parents[1] / "fixtures" / "documents"


@pytest.fixture(scope="module")
def url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A SQLite file holding the bundled curated data."""
    path = tmp_path_factory.mktemp("cli") / "cli.db"
    with catimeline.open(f"sqlite:///{path}"):
        pass
    return f"sqlite:///{path}"


def run(*args: str) -> tuple[int, str, str]:
    """Run the CLI in-process; returns (exit code, stdout, stderr)."""
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_version() -> None:
    """--version prints the package version."""
    code, out, _ = run("--version")
    assert code == 0
    assert catimeline.__version__ in out


def test_ask_table_json_and_csv_agree(url: str) -> None:
    """ask prints the same events as a table, JSON and CSV; with the table it says once,
    on stderr, how it read the question."""
    question = "all AMT incidents since 2021"
    code, table, err = run("ask", question, "--url", url)
    assert code == 0, err
    assert err.count("read as:") == 1 and f"{question!r} read as: events where" in err
    code, as_json, _ = run("ask", question, "--url", url, "--format", "json")
    ids = [item["id"] for item in json.loads(as_json)]
    code, as_csv, _ = run("ask", question, "--url", url, "--format", "csv")
    assert [row["id"] for row in csv.DictReader(io.StringIO(as_csv))] == ids
    assert "kostenko-mine-fire-2023" in ids
    assert "kostenko" in table
    assert f"{len(ids)} result" in table


def test_events_filters_match_ask(url: str) -> None:
    """`events --actor Qarmet --kind incident --since 2021` lists what ask finds for AMT."""
    _, by_ask, _ = run("ask", "all AMT incidents since 2021", "--url", url, "--format", "csv")
    code, by_filters, err = run(
        "events",
        "--actor",
        "Qarmet",
        "--kind",
        "incident",
        "--since",
        "2021",
        "--url",
        url,
        "--format",
        "csv",
    )
    assert code == 0, err
    assert by_filters == by_ask


def test_show_event_and_actor(url: str) -> None:
    """show prints an event with its citations, and an actor with its names."""
    code, out, err = run("show", "event", "kostenko-mine-fire-2023", "--url", url)
    assert code == 0, err
    assert "citations:" in out and "deaths: 46" in out
    code, out, _ = run("show", "actor", "AMT", "--url", url, "--format", "json")
    data = json.loads(out)
    assert data["id"] == "arcelormittal-temirtau"
    assert "ArcelorMittal Temirtau" in [n["name"] for n in data["names"]]


def test_db_current_and_check(url: str) -> None:
    """db current names the head revision; db check reports the schema up to date."""
    code, out, _ = run("db", "current", "--url", url)
    assert code == 0 and out.strip()
    code, out, _ = run("db", "check", "--url", url)
    assert code == 0 and "up to date" in out


def test_validate_fixture_folder() -> None:
    """validate reports the counts of a valid seed folder."""
    folder = Path(__file__).resolve().parents[1] / "fixtures" / "seeds"
    code, out, err = run("validate", str(folder), "--documents", str(DOCUMENTS))
    assert code == 0, err
    assert "9 events" in out


def test_cite_prints_a_span() -> None:
    """cite prints the span of the sentence holding the phrase."""
    code, out, _ = run("cite", str(DOCUMENTS / "fixture.txt"), "killed 46")
    assert code == 0
    assert "start: 338, end: 407" in out


def test_user_mistake_is_one_line_without_traceback(url: str) -> None:
    """An unknown actor prints one line with suggestions and exits 2."""
    code, _out, err = run("events", "--actor", "Kazakhmyss", "--url", url)
    assert code == 2
    assert err.count("\n") == 1 and "Traceback" not in err
    assert "Kazakhmys" in err


def test_bad_date_exits_non_zero_in_a_real_process(url: str) -> None:
    """Run as a program, a bad date prints 'catimeline: ...' and exits 2."""
    result = subprocess.run(
        [sys.executable, "-m", "catimeline._cli", "events", "--since", "2023-02-30", "--url", url],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    assert result.stderr.startswith("catimeline: ")
    assert "February 2023 has 28 days" in result.stderr
