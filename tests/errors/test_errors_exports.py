"""Every catalogued export and plot error (docs/errors.md, "Exports and plots") raises its
typed error with its message, in one line."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.errors.exportcases import EXPORT_CASES


@pytest.mark.parametrize("case", sorted(EXPORT_CASES))
def test_export_error_is_typed_with_its_message(
    case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The case raises the catalogued class; its message holds the catalogued words."""
    run, error, message = EXPORT_CASES[case]
    with pytest.raises(error) as info:
        run(tmp_path, monkeypatch)
    assert message in str(info.value) and "\n" not in str(info.value)
