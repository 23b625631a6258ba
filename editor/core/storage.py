"""Writing files so that a failure never leaves a half-written file behind.

Every write goes to a temporary file in the destination's folder, is flushed
and fsynced, then replaces the destination in one rename.
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path


class StorageError(Exception):
    """A file could not be written; the destination is unchanged."""


def atomic_write_bytes(path: str | os.PathLike, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically; raise StorageError on failure."""
    target = Path(path)
    if target.is_dir():
        raise StorageError(f"{target}: is a folder")
    folder = target.parent if str(target.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise StorageError(f"{target}: cannot write in {folder}: {exc.strerror or exc}") from exc
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        try:
            # mkstemp creates 0600; give the file the mode it had, or the
            # mode a new file gets under the user's umask.
            os.chmod(tmp, target.stat().st_mode & 0o7777 if target.exists() else 0o666 & ~_umask())
        except OSError:
            pass
        _replace(tmp, target)
    except OSError as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise StorageError(f"{target}: {exc.strerror or exc}") from exc
    _fsync_dir(folder)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def atomic_write_text(path: str | os.PathLike, text: str) -> None:
    """Write ``text`` as UTF-8 (LF line endings) atomically."""
    atomic_write_bytes(path, text.encode("utf-8"))


def _replace(tmp: str, target: Path) -> None:
    # On Windows another program (an antivirus, a sync client) may hold the
    # destination for a moment; retry briefly before giving up.
    for attempt in range(5):
        try:
            os.replace(tmp, target)
            return
        except PermissionError:
            if os.name != "nt" or attempt == 4:
                raise
            time.sleep(0.1 * (attempt + 1))


def _fsync_dir(folder: Path) -> None:
    if os.name == "nt":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
