"""Where the bundled migrations and seeds are, in a wheel or in a source checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _find(name: str) -> Path:
    # A wheel carries them inside the package (hatch force-include); an editable
    # install or a checkout has them at the top of the repository.
    for candidate in (_PACKAGE / "_bundled" / name, _PACKAGE.parent.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"catimeline's {name}/ folder is missing from this installation")


def migrations_dir() -> Path:
    """The Alembic script folder."""
    return _find("migrations")


def seeds_dir() -> Path:
    """The bundled seeds folder."""
    return _find("seeds")


def documents_dir() -> Path | None:
    """The source documents, when a checkout has them beside it (``../shared/documents``)."""
    candidate = _PACKAGE.parent.parent.parent / "shared" / "documents"
    return candidate if candidate.is_dir() else None
