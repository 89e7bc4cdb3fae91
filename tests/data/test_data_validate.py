"""The curated seeds pass ``catimeline validate`` without a single complaint."""

from __future__ import annotations

from click.testing import CliRunner

from catimeline._cli import main
from catimeline._resources import seeds_dir


def test_validate_seeds_is_clean() -> None:
    """`catimeline validate seeds/` exits 0 and reports every file valid."""
    result = CliRunner().invoke(main, ["validate", str(seeds_dir())])
    assert result.exit_code == 0, result.output
    assert "files valid" in result.output
