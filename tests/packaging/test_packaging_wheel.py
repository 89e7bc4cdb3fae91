"""A wheel built from the repository, installed on its own, migrates and seeds from anywhere."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project's wheel, built without network access to a build backend."""
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(out),
            str(ROOT),
        ],
        check=True,
    )
    (found,) = out.glob("catimeline-*.whl")
    return found


def test_wheel_carries_migrations_and_seeds(wheel: Path) -> None:
    """The wheel holds the Alembic scripts and the seed YAML inside the package."""
    names = zipfile.ZipFile(wheel).namelist()
    assert "catimeline/_bundled/migrations/env.py" in names
    assert any(n.startswith("catimeline/_bundled/migrations/versions/0001") for n in names)
    assert any(n.startswith("catimeline/_bundled/seeds/") and n.endswith(".yaml") for n in names)


def test_installed_wheel_migrates_and_seeds_a_new_file(wheel: Path, tmp_path: Path) -> None:
    """Installed alone in a fresh virtualenv and run from an unrelated folder, it answers."""
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "-q", "--no-deps", str(wheel)], check=True)
    # Dependencies come from this environment's site-packages (read as a plain path, so the
    # editable install of the checkout is not visible to the fresh environment).
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    Path(site, "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    database = tmp_path / "fresh.db"
    env = {**os.environ, "CATIMELINE_URL": f"sqlite:///{database}"}
    env.pop("PYTHONPATH", None)
    where = subprocess.run(
        [str(python), "-c", "import catimeline; print(catimeline.__file__)"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert str(venv) in where
    result = subprocess.run(
        [
            str(venv / "bin" / "catimeline"),
            "ask",
            "all AMT incidents since 2021",
            "--format",
            "csv",
        ],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "kostenko-mine-fire-2023" in result.stdout
    assert database.is_file()
