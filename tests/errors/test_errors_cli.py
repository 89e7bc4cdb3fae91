"""The command line turns every user mistake into one line on stderr and a non-zero exit."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

import catimeline as ct
from catimeline._cli import main
from catimeline._seeds import seed_if_changed
from tests.conftest import FIXTURE_DOCUMENTS, FIXTURE_SEEDS
from tests.errors.catalogue import FIXTURE_TEXT

PASSWORD = "s3cr3t-Pa55"


@pytest.fixture(scope="module")
def url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """An SQLite file holding the fixture (seeded once; the CLI does not reseed it)."""
    folder = tmp_path_factory.mktemp("cli-errors")
    url = f"sqlite:///{folder / 'tl.db'}"
    with ct.open(url) as tl:  # bundled seeds first, so the CLI's own open() finds them loaded
        seed_if_changed(tl.engine, FIXTURE_SEEDS, documents=FIXTURE_DOCUMENTS, force=False)
    yield url


def _broken_seeds(tmp_path: Path) -> Path:
    folder = tmp_path / "seeds"
    folder.mkdir()
    (folder / "x.yaml").write_text(FIXTURE_TEXT.replace('"2020-05-10"', '"2020-05-40"'))
    return folder


MISTAKES: dict[str, list[str]] = {
    "unknown kind": ["events", "--kind", "acident"],
    "impossible date": ["events", "--since", "2023-02-30"],
    "reversed window": ["events", "--since", "2023", "--until", "2021"],
    "unknown actor": ["events", "--actor", "Nobody At All"],
    "unknown word in a question": ["ask", "all zorblax incidents"],
    "unknown event": ["show", "event", "no-such-event"],
    "unknown place": ["events", "--accidents", "--place", "Atlantis"],
    "unknown revision": ["db", "upgrade", "nosuchrev"],
}


@pytest.mark.parametrize("argv", list(MISTAKES.values()), ids=list(MISTAKES))
def test_user_mistake_prints_one_line_and_exits_non_zero(argv: list[str], url: str) -> None:
    """A mistake gives exactly one stderr line starting 'catimeline:', no traceback, exit != 0."""
    result = CliRunner().invoke(main, [*argv, "--url", url])
    assert result.exit_code != 0
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("catimeline: ")
    assert "Traceback" not in result.output


def test_broken_seed_folder_lists_problems_without_traceback(tmp_path: Path) -> None:
    """`catimeline validate` on a broken folder names file and line, exits 2, no traceback."""
    folder = _broken_seeds(tmp_path)
    result = CliRunner().invoke(
        main, ["validate", str(folder), "--documents", str(FIXTURE_DOCUMENTS)]
    )
    assert result.exit_code == 2
    assert "x.yaml:" in result.stderr
    assert "Traceback" not in result.output


def test_unreachable_database_exits_1_with_the_password_masked() -> None:
    """A URL to a closed local port exits 1, one line, and never prints the password."""
    bad = f"postgresql+psycopg://alice:{PASSWORD}@127.0.0.1:1/nowhere"
    result = CliRunner().invoke(main, ["events", "--url", bad])
    assert result.exit_code == 1
    assert len(result.stderr.strip().splitlines()) == 1
    assert PASSWORD not in result.output


def test_newer_schema_exits_1_with_advice(tmp_path: Path) -> None:
    """A database from a newer catimeline exits 1 and says to upgrade the package."""
    from sqlalchemy import create_engine, text

    url = f"sqlite:///{tmp_path / 'new.db'}"
    ct.open(url, seed=False).close()
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("UPDATE ct_alembic_version SET version_num = 'f00dfacef00d'"))
    engine.dispose()
    result = CliRunner().invoke(main, ["events", "--url", url])
    assert result.exit_code == 1
    assert "upgrade the catimeline package" in result.stderr


def _run(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "catimeline._cli", *argv],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def test_real_process_unknown_kind_is_one_line(url: str) -> None:
    """In a real process, an unknown kind prints one stderr line and exits 2."""
    done = _run("events", "--kind", "acident", "--url", url)
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [done.stderr.strip()]
    assert "Traceback" not in done.stderr


def test_real_process_unreachable_database_masks_the_password() -> None:
    """In a real process, a closed port exits 1 and the password is printed nowhere."""
    done = _run("ask", "accidents", "--url", f"postgresql://bob:{PASSWORD}@127.0.0.1:1/x")
    assert done.returncode == 1
    assert PASSWORD not in done.stdout + done.stderr
    assert "Traceback" not in done.stderr
