"""Write a file whole or not at all: a temporary file beside it, then one rename.

An export that fails half-way (a full disk, a lost mount, a crash) leaves the
file that was there before untouched, because the new text only replaces it by
``os.replace`` once every byte is on disk.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from pathlib import Path

from catimeline._errors import DiskFull, ExportError

#: errno values that mean "no room left" (ENOSPC, and EDQUOT for a full quota).
_FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}


def write_atomic(path: str | Path, data: bytes) -> None:
    """Put ``data`` at ``path`` through a temporary file in the same folder and a rename.

    Raises :class:`DiskFull` when the disk fills (the old file stays as it was)
    and :class:`ExportError` for any other failure to write.
    """
    target = Path(path)
    temporary: str | None = None
    try:
        handle, temporary = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=".part", dir=target.parent
        )
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        if target.exists():
            # Keep the permissions of the file we replace, not mkstemp's private 0600.
            os.chmod(temporary, target.stat().st_mode & 0o7777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, target)
        temporary = None
    except OSError as exc:
        if exc.errno in _FULL:
            raise DiskFull(
                f"cannot write {target}: the disk is full; free some space and export again "
                "(the previous file is unchanged)"
            ) from exc
        raise ExportError(
            f"cannot write {target}: {exc.strerror or exc}; check the folder exists and is writable"
        ) from exc
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
