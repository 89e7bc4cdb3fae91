"""The README's set-up commands are the ones CI runs."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
CI = (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def _commands() -> list[str]:
    return [block.strip() for block in re.findall(r"```bash\n(.*?)```", README, re.DOTALL)]


def test_ci_runs_the_readme_test_command() -> None:
    """The README's install-and-test command appears verbatim as a line of .ci/run."""
    test_command = next(c for c in _commands() if "pytest" in c and "\n" not in c)
    assert test_command in CI.splitlines()


def test_readme_main_job_asks_the_main_question() -> None:
    """The README's install-and-run command answers "all AMT incidents since 2021"."""
    main_job = next(c for c in _commands() if "pip install" in c and "ask" in c)
    assert main_job.endswith('catimeline ask "all AMT incidents since 2021"')
