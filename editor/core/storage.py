"""Never lose a file: atomic writes, backups of previous versions, lock files.

Every write goes to a temporary file in the destination's folder, is flushed
and fsynced, then replaces the destination in one rename (retried briefly on
Windows, where another program may hold the file).

Before a save replaces a document, :func:`make_backup` copies the previous
version into the per-user data folder (``backups/<document key>/``, the last
:data:`MAX_BACKUPS` by time); nothing is ever written next to the user's file
except, while it is open, a small lock file (:class:`DocumentLock`) saying
who has it open: host, process id, user, time. A lock is stale when its
process is gone (same host) or when it is older than
:data:`LOCK_STALE_HOURS` (another host, whose processes we cannot see).
"""

from __future__ import annotations

import datetime as dt
import getpass
import hashlib
import json
import os
import re
import socket
import tempfile
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from editor.i18n import _

_WINDOWS = os.name == "nt"


class StorageError(Exception):
    """A file could not be written; the destination is unchanged."""


def atomic_write_bytes(path: str | os.PathLike, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically; raise StorageError on failure."""
    target = Path(path)
    if target.is_symlink():
        # Replace the file the link points to, not the link itself.
        target = Path(os.path.realpath(target))
    if target.is_dir():
        raise StorageError(_("{path}: is a folder").format(path=target))
    folder = target.parent if str(target.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise StorageError(_("{path}: cannot write in {folder}: {error}").format(
            path=target, folder=folder, error=exc.strerror or exc)) from exc
    try:
        _write_synced(fd, data)
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


def _write_synced(fd: int, data: bytes) -> None:
    # Takes over (and closes) ``fd``; the data is on disk before any rename or link.
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())


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
            if not _WINDOWS or attempt == 4:
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


# --- who we are -------------------------------------------------------------

def current_host() -> str:
    """This machine's name, as written in lock and recovery files."""
    try:
        return socket.gethostname() or "localhost"
    except OSError:
        return "localhost"


def current_user() -> str:
    """The login name of the user running the app ("" when unknown)."""
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no login name (containers, odd Windows setups)
        return ""


def pid_alive(pid: int) -> bool:
    """True when a process with this id runs on this machine (or cannot be probed)."""
    if not isinstance(pid, int) or pid <= 0:
        return False
    if pid == os.getpid():
        return True
    if os.name == "nt":
        return _pid_alive_windows(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # exists, owned by someone else
    except OSError:
        return False
    return True


def _pid_alive_windows(pid: int) -> bool:
    # os.kill(pid, 0) would terminate the process on Windows: ask the kernel instead.
    import ctypes

    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
    if not handle:
        return ctypes.GetLastError() == 5  # access denied: it exists
    try:
        code = ctypes.c_ulong()
        if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
            return True
        return code.value == 259  # STILL_ACTIVE
    finally:
        kernel32.CloseHandle(handle)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _parse_time(value) -> dt.datetime | None:
    if not isinstance(value, str):
        return None
    try:
        stamp = dt.datetime.fromisoformat(value)
    except ValueError:
        return None
    return stamp if stamp.tzinfo else stamp.replace(tzinfo=dt.UTC)


# --- backups -----------------------------------------------------------------

MAX_BACKUPS = 20
_STAMP_FORMAT = "%Y%m%dT%H%M%S%fZ"
_STAMP_RE = re.compile(r"^(\d{8}T\d{12}Z)(\.[A-Za-z0-9]{1,10})?$")


@dataclass(frozen=True)
class Backup:
    """One saved previous version of a document."""

    file: Path
    created: dt.datetime  # when the backup was taken (UTC)
    size: int


def backups_root() -> Path:
    """The folder holding every document's backups (in the per-user data folder)."""
    from editor.paths import data_dir

    return data_dir() / "backups"


def backup_folder(path: str | os.PathLike) -> Path:
    """The backups folder of one document: its name plus a hash of its full path."""
    resolved = Path(os.path.abspath(path))
    digest = hashlib.sha256(str(resolved).encode("utf-8", "surrogatepass")).hexdigest()[:12]
    stem = re.sub(r"[^\w.-]+", "_", resolved.stem)[:40] or "document"
    return backups_root() / f"{stem}-{digest}"


def list_backups(path: str | os.PathLike) -> list[Backup]:
    """The backups of the document at ``path``, newest first."""
    folder = backup_folder(path)
    found: list[Backup] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return []
    for entry in entries:
        m = _STAMP_RE.match(entry.name)
        if not m:
            continue
        try:
            if not entry.is_file(follow_symlinks=False):
                continue
            created = dt.datetime.strptime(m.group(1), _STAMP_FORMAT).replace(tzinfo=dt.UTC)
            found.append(Backup(Path(entry.path), created, entry.stat().st_size))
        except (OSError, ValueError):
            continue
    found.sort(key=lambda b: b.file.name, reverse=True)
    return found


def make_backup(path: str | os.PathLike, keep: int = MAX_BACKUPS) -> Backup | None:
    """Copy the current content of ``path`` into its backups folder before it is replaced.

    Returns the backup (the newest one when the content is already backed up),
    or None when there is no file yet. Keeps the ``keep`` newest backups.
    Raises StorageError when the backup cannot be written.
    """
    source = Path(path)
    try:
        if not source.is_file():
            return None
        data = source.read_bytes()
    except OSError as exc:
        raise StorageError(_("{path}: cannot be read for a backup: {error}").format(path=source, error=exc.strerror or exc)) from exc
    existing = list_backups(source)
    if existing and existing[0].size == len(data):
        try:
            if existing[0].file.read_bytes() == data:
                return existing[0]
        except OSError:
            pass
    folder = backup_folder(source)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StorageError(_("{path}: cannot create the backups folder: {error}").format(
            path=folder, error=exc.strerror or exc)) from exc
    created = _now()
    if existing and created <= existing[0].created:
        created = existing[0].created + dt.timedelta(microseconds=1)
    suffix = source.suffix.lower() if re.fullmatch(r"\.[A-Za-z0-9]{1,10}", source.suffix) else ""
    target = folder / f"{created.strftime(_STAMP_FORMAT)}{suffix}"
    atomic_write_bytes(target, data)
    origin = folder / "source.txt"
    if not origin.exists():
        try:
            atomic_write_text(origin, str(Path(os.path.abspath(source))) + "\n")
        except StorageError:
            pass  # only a note for humans browsing the folder
    prune_backups(source, keep)
    return Backup(target, created, len(data))


def prune_backups(path: str | os.PathLike, keep: int = MAX_BACKUPS) -> None:
    """Delete all but the ``keep`` newest backups of ``path``."""
    for old in list_backups(path)[max(keep, 0):]:
        try:
            old.file.unlink()
        except OSError:
            pass


# --- lock files ----------------------------------------------------------------

LOCK_STALE_HOURS = 12
_LOCK_APP = "proposal-editor"
_MAX_LOCK_BYTES = 4096


def lock_path(path: str | os.PathLike) -> Path:
    """The lock file of a document: hidden, next to it, matching ``.~lock.*#`` ignore rules."""
    p = Path(path)
    return p.with_name(f".~lock.{p.name}.{_LOCK_APP}#")


@dataclass(frozen=True)
class LockInfo:
    """Who holds a document open, as read from its lock file."""

    host: str
    pid: int
    user: str
    time: dt.datetime | None
    token: str = ""

    def is_stale(self, max_age_hours: float = LOCK_STALE_HOURS, now: dt.datetime | None = None) -> bool:
        """True when the holder is gone: a dead process on this host, or an old lock from another host.

        A lock with this process's own id is stale too: it was left by an earlier
        process that had the same id (ids are reused), or by this one.
        """
        if self.host == current_host():
            return self.pid == os.getpid() or not pid_alive(self.pid)
        if self.time is None:
            return True
        age = (now or _now()) - self.time
        return abs(age.total_seconds()) > max_age_hours * 3600

    def to_json(self) -> str:
        stamp = self.time.isoformat() if self.time else None
        data = {"app": _LOCK_APP, "host": self.host, "pid": self.pid, "user": self.user, "time": stamp, "token": self.token}
        return json.dumps(data, ensure_ascii=False) + "\n"


def read_lock(path: str | os.PathLike) -> LockInfo | None:
    """The lock on the document at ``path``; None when unlocked.

    A lock file that cannot be understood counts as a stale lock (host unknown,
    no time), so it never blocks anyone for good.
    """
    file = lock_path(path)
    try:
        with open(file, "rb") as fh:
            raw = fh.read(_MAX_LOCK_BYTES + 1)
    except FileNotFoundError:
        return None
    except OSError:
        return LockInfo("", 0, "", None)
    try:
        data = json.loads(raw[:_MAX_LOCK_BYTES].decode("utf-8"))
    except (ValueError, UnicodeDecodeError, RecursionError):
        data = None
    if not isinstance(data, dict):
        return LockInfo("", 0, "", None)
    pid = data.get("pid")
    return LockInfo(
        host=str(data.get("host") or ""),
        pid=pid if isinstance(pid, int) and not isinstance(pid, bool) else 0,
        user=str(data.get("user") or ""),
        time=_parse_time(data.get("time")),
        token=str(data.get("token") or ""),
    )


class DocumentLock:
    """The lock this instance holds (or wants) on one document.

    ``acquire()`` takes a free or stale lock and returns None; when another live
    instance holds it, it changes nothing and returns that holder (unless
    ``force``: take over). Locks are advisory: a folder where no lock can be
    written (read-only media) simply leaves the document unlocked.
    """

    def __init__(self, path: str | os.PathLike) -> None:
        self.path = Path(path)
        self.file = lock_path(self.path)
        self.token = uuid.uuid4().hex
        self.held = False

    def _info(self) -> LockInfo:
        return LockInfo(current_host(), os.getpid(), current_user(), _now().replace(microsecond=0), self.token)

    def holder(self) -> LockInfo | None:
        """The other instance holding the lock, if any (stale locks included)."""
        info = read_lock(self.path)
        if info is None or info.token == self.token:
            return None
        return info

    def acquire(self, force: bool = False) -> LockInfo | None:
        for _attempt in range(3):
            other = self.holder()
            if other is not None and not force and not other.is_stale():
                self.held = False
                return other
            data = self._info().to_json().encode("utf-8")
            try:
                if read_lock(self.path) is None:
                    self._create_exclusive(data)
                else:  # stale, taken over, or already ours
                    atomic_write_bytes(self.file, data)
            except FileExistsError:
                continue  # another instance created it between our read and our write
            except (OSError, StorageError):
                break
            self.held = True
            return None
        self.held = False
        return None

    def _create_exclusive(self, data: bytes) -> None:
        # Write then hard-link: the lock appears with its content or not at all.
        fd, tmp = tempfile.mkstemp(prefix=".~lock.", suffix=".tmp", dir=self.file.parent)
        try:
            _write_synced(fd, data)
            try:
                os.link(tmp, self.file)
            except FileExistsError:
                raise
            except OSError:
                # No hard links (some network shares, FAT): exclusive create instead.
                fd2 = os.open(self.file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
                with os.fdopen(fd2, "wb") as fh:
                    fh.write(data)
        finally:
            try:
                os.unlink(tmp)
            except OSError:
                pass

    def still_ours(self) -> bool:
        """False when another instance took the lock over since we acquired it."""
        if not self.held:
            return False
        info = read_lock(self.path)
        return info is not None and info.token == self.token

    def refresh(self) -> None:
        """Renew the lock's time so other hosts do not take it for stale."""
        if self.held and self.still_ours():
            try:
                atomic_write_bytes(self.file, self._info().to_json().encode("utf-8"))
            except StorageError:
                pass

    def release(self) -> None:
        """Remove the lock file if it is still ours."""
        if self.held and self.still_ours():
            try:
                self.file.unlink()
            except OSError:
                pass
        self.held = False
