"""Crash recovery files: the unsaved state of every open document (Qt-free).

While a document has unsaved changes, the app keeps one recovery file for it
in ``<data dir>/recovery/<document id>.json``: the proposal as Markdown (the
lossless native format), the path of its file if it has one, when it was
written, and which process on which host wrote it. Files are written
atomically, so a crash while writing leaves the previous one.

After a crash (or a power cut, or ``kill -9``), :func:`scan_recovery` finds the
files whose writer is gone; the app offers to restore them. A normal close,
a save or a discard removes the file (:func:`discard_recovery`).

A recovery file that cannot be read is moved to ``recovery/broken/`` (never
deleted: it may still hold text someone wants) and reported once.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path

from editor.core.formats import FormatError, ReadResult
from editor.core.storage import StorageError, atomic_write_text, current_host, pid_alive
from editor.i18n import _

RECOVERY_FORMAT = "mlops-proposal-recovery/1"
# A Markdown file is at most 20 MB; JSON escaping can double it.
MAX_RECOVERY_BYTES = 48 * 1024 * 1024
_ID_RE = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


@dataclass(frozen=True)
class RecoveryEntry:
    """One document's unsaved state, as read from its recovery file."""

    doc_id: str
    file: Path
    markdown: str
    path: Path | None  # the document's file, None when never saved
    saved_at: dt.datetime  # aware
    host: str
    pid: int
    language: str = "en"

    @property
    def name(self) -> str:
        """The file name, or "" for a document never saved."""
        return self.path.name if self.path else ""

    def writer_alive(self) -> bool:
        """True when the instance that wrote this file still runs (on this host)."""
        return self.host == current_host() and self.pid != os.getpid() and pid_alive(self.pid)


def recovery_dir() -> Path:
    """The folder of recovery files, in the per-user data folder."""
    from editor.paths import data_dir

    return data_dir() / "recovery"


def prepare_recovery_dir() -> Path:
    """Create the recovery folder and make sure a file can be written in it; StorageError says why not."""
    folder = recovery_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, probe = tempfile.mkstemp(prefix=".probe-", suffix=".tmp", dir=folder)
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        raise StorageError(f"{folder}: {exc.strerror or exc}") from exc
    return folder


def new_document_id() -> str:
    """A fresh, stable id for one open document."""
    return uuid.uuid4().hex


def _file_for(doc_id: str) -> Path:
    if not _ID_RE.match(doc_id or ""):
        raise ValueError(f"invalid document id {doc_id!r}")
    return recovery_dir() / f"{doc_id}.json"


def write_recovery(doc_id: str, markdown: str, path: str | os.PathLike | None = None, language: str = "en") -> Path:
    """Write (atomically) the recovery file of document ``doc_id``; StorageError on failure."""
    file = _file_for(doc_id)
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StorageError(f"{file.parent}: {exc.strerror or exc}") from exc
    data = {
        "format": RECOVERY_FORMAT,
        "id": doc_id,
        "path": str(Path(os.path.abspath(path))) if path else None,
        "saved_at": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "host": current_host(),
        "pid": os.getpid(),
        "language": language,
        "markdown": markdown,
    }
    atomic_write_text(file, json.dumps(data, ensure_ascii=False))
    return file


def load_recovery(file: str | os.PathLike) -> RecoveryEntry:
    """Read one recovery file; FormatError names the file and the problem."""
    file = Path(file)
    try:
        size = file.stat().st_size
        if file.is_dir():
            raise FormatError(_("{path}: is a folder, not a file.").format(path=file))
        if size > MAX_RECOVERY_BYTES:
            raise FormatError(_("{path}: the recovery file is too large.").format(path=file))
        raw = file.read_bytes()
    except FormatError:
        raise
    except FileNotFoundError as exc:
        raise FormatError(_("{path}: no such file.").format(path=file)) from exc
    except OSError as exc:
        raise FormatError(_("{path}: cannot be read: {error}").format(path=file, error=exc.strerror or exc)) from exc
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise FormatError(_("{path}: not a recovery file (damaged or truncated).").format(path=file)) from exc
    if not isinstance(data, dict) or data.get("format") != RECOVERY_FORMAT:
        raise FormatError(_("{path}: not a recovery file of this version.").format(path=file))
    markdown, doc_id, saved = data.get("markdown"), data.get("id"), data.get("saved_at")
    if not isinstance(markdown, str) or not isinstance(doc_id, str) or not _ID_RE.match(doc_id):
        raise FormatError(_("{path}: not a recovery file (damaged or truncated).").format(path=file))
    try:
        saved_at = dt.datetime.fromisoformat(saved) if isinstance(saved, str) else None
    except ValueError:
        saved_at = None
    if saved_at is None:
        saved_at = dt.datetime.fromtimestamp(file.stat().st_mtime).astimezone()
    elif saved_at.tzinfo is None:
        saved_at = saved_at.astimezone()
    path, pid, language = data.get("path"), data.get("pid"), data.get("language")
    return RecoveryEntry(
        doc_id=doc_id,
        file=file,
        markdown=markdown,
        path=Path(path) if isinstance(path, str) and path and "\x00" not in path else None,
        saved_at=saved_at,
        host=str(data.get("host") or ""),
        pid=pid if isinstance(pid, int) and not isinstance(pid, bool) else 0,
        language=language if language in ("fr", "en") else "en",
    )


def scan_recovery(include_live: bool = False) -> tuple[list[RecoveryEntry], list[str]]:
    """Recovery files left by instances that are gone, newest first, and problems met.

    Files written by a live instance (another window still open) are left out
    unless ``include_live``. Unreadable files are moved to ``recovery/broken/``.
    """
    folder = recovery_dir()
    entries: list[RecoveryEntry] = []
    problems: list[str] = []
    try:
        files = sorted(f for f in folder.iterdir() if f.suffix == ".json")
    except OSError:
        return [], []
    for file in files:
        try:
            entry = load_recovery(file)
        except FormatError as exc:
            problems.append(str(exc))
            _set_aside(file)
            continue
        if include_live or not entry.writer_alive():
            entries.append(entry)
    entries.sort(key=lambda e: e.saved_at, reverse=True)
    return entries, problems


def _set_aside(file: Path) -> None:
    broken = file.parent / "broken"
    try:
        broken.mkdir(exist_ok=True)
        os.replace(file, broken / file.name)
    except OSError:
        pass


def discard_recovery(doc_id: str) -> None:
    """Remove the recovery file of ``doc_id`` (nothing happens when there is none)."""
    try:
        _file_for(doc_id).unlink()
    except (OSError, ValueError):
        pass


def recovered_proposal(entry: RecoveryEntry) -> ReadResult:
    """The proposal held by a recovery file; FormatError names the file when it is damaged."""
    from editor.core.formats.mdread import MAX_FILE_BYTES, read_markdown

    if len(entry.markdown) > MAX_FILE_BYTES:  # characters >= bytes/4: a cheap first bound
        raise FormatError(_("{path}: the recovery file is too large.").format(path=entry.file))
    if len(entry.markdown.encode("utf-8", "surrogatepass")) > MAX_FILE_BYTES:
        raise FormatError(_("{path}: the recovery file is too large.").format(path=entry.file))
    try:
        return read_markdown(entry.markdown, entry.language)
    except FormatError as exc:
        raise FormatError(f"{entry.file}: {exc}") from exc


def disk_markdown(path: str | os.PathLike | None, language: str = "en") -> str | None:
    """The Markdown of the proposal at ``path`` as it is on disk; None when it cannot be read."""
    if not path:
        return None
    from editor.core.formats.markdown import write_markdown
    from editor.core.io import open_proposal

    try:
        return write_markdown(open_proposal(path, language).proposal)
    except (FormatError, OSError, ValueError):
        return None


def recovery_diff(entry: RecoveryEntry, max_lines: int = 400) -> str:
    """What the unsaved state changes compared with the file on disk, as a unified diff.

    For a document never saved (or whose file is gone) every line is new.
    """
    before = disk_markdown(entry.path, entry.language) or ""
    return markdown_diff(before, entry.markdown, _("on disk"), _("unsaved"), max_lines)


def body(markdown: str) -> str:
    """The Markdown without its YAML front matter (what a reader sees)."""
    if markdown.startswith("---\n"):
        end = markdown.find("\n---\n", 3)
        if end >= 0:
            return markdown[end + 5:].lstrip("\n")
    return markdown


# Beyond this many lines a side, difflib gets slow; the preview says so instead.
_MAX_DIFF_LINES = 20000


def markdown_diff(before: str, after: str, before_label: str, after_label: str, max_lines: int = 400) -> str:
    """A unified diff (2 lines of context) of two Markdown texts, cut at ``max_lines`` lines.

    The front matter (dates, template) is left out unless it is the only difference.
    """
    if body(before) != body(after):
        before, after = body(before), body(after)
    a, b = before.splitlines(), after.splitlines()
    if len(a) > _MAX_DIFF_LINES or len(b) > _MAX_DIFF_LINES:
        return _("(too long to compare: {count} lines)").format(count=max(len(a), len(b)))
    import difflib  # only the restore dialog's preview needs it: not loaded at start-up

    lines = list(difflib.unified_diff(a, b, before_label, after_label, n=2, lineterm=""))
    if len(lines) > max_lines:
        lines = lines[:max_lines] + [_("… ({count} more lines)").format(count=len(lines) - max_lines)]
    return "\n".join(lines)
