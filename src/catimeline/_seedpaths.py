"""Seed files and source documents stay inside their folders.

A seed folder may come from someone else (a pull request, a download).  Its
YAML must not make catimeline read files elsewhere on the machine: a source's
``document:`` names a file of the documents folder (a relative path, no
``..``), a symbolic link may point only inside its own folder, and no message
tells anything (size, hash, first bytes) about a file outside.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath, PureWindowsPath

from catimeline._errors import SeedError


def inside(path: Path, folder: Path) -> bool:
    """Whether ``path``, with every symbolic link followed, lies inside ``folder``."""
    try:
        return path.resolve().is_relative_to(folder.resolve())
    except (OSError, RuntimeError):  # a link loop, or a path the system refuses
        return False


def document_name_problem(name: str) -> str | None:
    """Why ``name`` cannot name a file of the documents folder, or None when it can."""
    if "\x00" in name:
        return "holds a NUL character"
    if "\\" in name or PureWindowsPath(name).drive:
        return "is a Windows path (write folders with '/')"
    path = PurePosixPath(name)
    if path.is_absolute() or name.startswith("~"):
        return "is an absolute path"
    if ".." in path.parts:
        return "climbs out of the folder with '..'"
    if name.strip() in ("", "."):
        return "names no file"
    return None


def check_seed_file(path: Path, root: Path) -> None:
    """Refuse a seed file that is a link to a file outside the seed folder ``root``."""
    if not inside(path, root):
        raise SeedError(
            "is a symbolic link to a file outside the seed folder: copy the file into the "
            "folder instead (seeds are read only from inside it)",
            path=str(path),
        )


def document_path(documents: Path, name: str) -> Path:
    """The file ``name`` of the ``documents`` folder; ValueError saying why it cannot be read.

    The messages name the document as the seed wrote it, never what lies outside.
    """
    problem = document_name_problem(name)
    if problem is not None:
        raise ValueError(f"document {name!r} {problem}")
    path = documents / name
    if not inside(path, documents):
        raise ValueError(
            f"document {name!r} is a symbolic link to a file outside the documents folder: "
            "copy the file into the folder instead"
        )
    if not path.is_file():
        raise ValueError(f"document {name!r} is not in {documents}")
    return path
