"""``ct.open`` migrates and seeds once; reopening and reseeding change nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import catimeline as ct
from catimeline._cli import main
from catimeline._resources import seeds_dir
from catimeline._seedfolder import digest_of
from catimeline._seedload import SEED_HASH_KEY, get_state
from tests.helpers import dump


def test_open_twice_and_seed_again_leave_the_same_rows(db_url: str) -> None:
    """Opening twice and running `catimeline seed` again leave exactly the same rows."""
    with ct.open(db_url) as tl:
        first = dump(tl.engine)
    assert sum(len(rows) for rows in first.values()) > 0
    with ct.open(db_url) as tl:
        assert dump(tl.engine) == first
    result = CliRunner().invoke(main, ["seed", "--url", db_url])
    assert result.exit_code == 0, result.output
    with ct.open(db_url) as tl:
        assert dump(tl.engine) == first


def test_open_records_the_seed_hash(db_url: str) -> None:
    """After opening, the database remembers the hash of the bundled seeds it holds."""
    with ct.open(db_url) as tl, tl.engine.connect() as connection:
        assert get_state(connection, SEED_HASH_KEY) == digest_of(seeds_dir())


def test_user_rows_survive_reseeding(db_url: str) -> None:
    """An event the user added, linked to a seeded actor, survives a forced reseed untouched."""
    with ct.open(db_url) as tl:
        mine = ct.Event(
            "my-own-note-2024",
            "2024-05",
            "statement",
            "My own note",
            participants=[ct.Participant("arcelormittal-temirtau", "subject")],
            citations=[ct.Citation("my-notes", 0, 10)],
        )
        tl.add([ct.Source("my-notes", "my-notes.txt", "My notes"), mine])
    result = CliRunner().invoke(main, ["seed", "--url", db_url])
    assert result.exit_code == 0, result.output
    with ct.open(db_url) as tl:
        assert tl.event("my-own-note-2024") == mine


def test_default_url_is_a_file_in_the_user_data_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without a URL or $CATIMELINE_URL, open() uses catimeline.db in the user data folder."""
    monkeypatch.delenv("CATIMELINE_URL", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    with ct.open(seed=False) as tl:
        assert tl.engine.url.database == str(tmp_path / "catimeline" / "catimeline.db")
    assert (tmp_path / "catimeline" / "catimeline.db").is_file()


def test_catimeline_url_environment_variable_is_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """$CATIMELINE_URL chooses the database when no URL is given."""
    url = f"sqlite:///{tmp_path / 'env.db'}"
    monkeypatch.setenv("CATIMELINE_URL", url)
    with ct.open(seed=False) as tl:
        assert tl.url == url
