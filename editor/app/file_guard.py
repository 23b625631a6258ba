"""The open document's file: its lock, changes by other programs, the backup at each save.

:class:`FileGuard` keeps a lock file next to the open file (``editor.core.storage``)
and asks, when another live instance holds it, whether to open read-only or take
over; a lock that cannot be written is said in the status bar. It watches the file
and asks "reload or keep mine" when another program changes it. As the
:class:`editor.app.file_actions.SaveGuard` of the file actions, it checks the lock
and the file on disk before each save and keeps the previous version as a backup
(``make_backup``).
"""

from __future__ import annotations

import hashlib
import logging
import os
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from editor.app.recovery_dialogs import ask_changed_on_disk, ask_locked
from editor.core.formats import FormatError
from editor.core.storage import DocumentLock, StorageError, make_backup, read_lock
from editor.i18n import N_, _

LOCK_REFRESH_MS = 10 * 60 * 1000
DISK_CHECK_DELAY_MS = 300
MISSING = ("missing",)

log = logging.getLogger(__name__)


def file_signature(path: Path | None) -> tuple | None:
    """(size, sha256) of a file, None when it cannot be read: what "changed on disk" compares."""
    if path is None:
        return None
    try:
        data = Path(path).read_bytes()
    except OSError:
        return None
    return len(data), hashlib.sha256(data).hexdigest()


def same_file(a: Path | None, b: Path | None) -> bool:
    return a is not None and b is not None and os.path.abspath(a) == os.path.abspath(b)


class FileGuard(QObject):
    """Lock, disk watching and the checks around each save, for one document's file."""

    readOnlyChanged = Signal(bool)  # the file is open elsewhere (True) or ours again
    reloaded = Signal()  # the document was replaced by the file on disk (one undo step)
    statusMessage = Signal(str, int, object)  # an N_-marked msgid, milliseconds shown, its fields (dict)

    def __init__(self, document, parent: QWidget) -> None:
        super().__init__(parent)
        self.document = document
        self._parent = parent  # the widget its questions belong to
        self.lock: DocumentLock | None = None
        self.read_only = False
        self.suspended = False  # while a restore replaces the document, it attaches the file itself
        self._known: tuple | None = None
        self._closed = False
        self._asking = False
        self._lock_timer = QTimer(self)
        self._lock_timer.setInterval(LOCK_REFRESH_MS)
        self._lock_timer.timeout.connect(self._refresh_lock)
        self._lock_timer.start()
        self.watcher = QFileSystemWatcher(self)
        self.watcher.fileChanged.connect(self._on_file_changed)
        self.watcher.directoryChanged.connect(self._on_file_changed)
        self._disk_timer = QTimer(self)
        self._disk_timer.setSingleShot(True)
        self._disk_timer.setInterval(DISK_CHECK_DELAY_MS)
        self._disk_timer.timeout.connect(self.check_disk)
        document.changed.connect(self._on_changed)

    def start(self) -> None:
        """Lock and watch the document's file, if it has one and it is not attached yet."""
        if self.document.path is not None and self.lock is None:
            self.attach_path(self.document.path, ask=True)

    def _on_changed(self, what: str) -> None:
        if what == "all" and not self.suspended and not self._closed:
            # New / Open / Example: the next turn, once the window shows the new document.
            QTimer.singleShot(0, self, lambda: self.attach_path(self.document.path, ask=True))

    def _status(self, message: str, **fields) -> None:
        self.statusMessage.emit(message, 15000, fields)

    # -- lock and watcher ------------------------------------------------------------------
    def attach_path(self, path: Path | None, ask: bool = True) -> None:
        """The document now belongs to ``path``: lock it, watch it, remember its content."""
        if self._closed:
            return
        if self.lock is not None and not same_file(self.lock.path, path):
            self.lock.release()
            self.lock = None
        self._unwatch()
        self.set_read_only(False)
        self._known = None
        if path is None or self.document.path is None or not same_file(path, self.document.path):
            return
        path = Path(path)
        lock = self.lock or DocumentLock(path)
        holder = lock.acquire()
        if holder is not None:
            choice = ask_locked(self._parent, path.name, holder) if ask else "takeover"
            if choice == "takeover":
                lock.acquire(force=True)
            else:
                self.set_read_only(True)
        if not lock.held and not self.read_only:
            log.warning("no lock on %s: %s cannot be written", path, lock.file)
            self._status(N_("“{name}” could not be locked ({lock} cannot be written): another window could "
                            "change it too."), name=path.name, lock=lock.file.name)
        self.lock = lock
        self._known = file_signature(path) or MISSING
        self._watch(path)

    def _watch(self, path: Path) -> None:
        # The folder too: an atomic replace (git, sync clients, our own saves) drops a file watch.
        wanted = [str(p) for p in (path, path.parent) if p.exists()]
        missing = [p for p in wanted if p not in self.watcher.files() + self.watcher.directories()]
        if missing:
            self.watcher.addPaths(missing)

    def _unwatch(self) -> None:
        paths = self.watcher.files() + self.watcher.directories()
        if paths:
            self.watcher.removePaths(paths)

    def set_read_only(self, read_only: bool) -> None:
        changed = read_only != self.read_only
        self.read_only = read_only
        if changed:
            self.readOnlyChanged.emit(read_only)

    def _refresh_lock(self) -> None:
        if self.lock is not None and not self.read_only:
            self.lock.refresh()

    def _on_file_changed(self, _path: str) -> None:
        self._disk_timer.start()

    def check_disk(self) -> None:
        """Compare the file on disk with what we last read or wrote; ask when another program changed it."""
        path = self.document.path
        if path is None or self._closed or self._asking or self._known is None:
            return
        self._watch(path)
        now = file_signature(path) or MISSING
        if now == self._known:
            return
        if now == MISSING:
            self._known = MISSING
            self.document.undo_stack.resetClean()  # closing must not lose what is only in memory now
            self._status(N_("“{name}” was deleted or moved by another program; save to write it again."),
                         name=path.name)
            return
        self._asking = True
        try:
            choice = ask_changed_on_disk(self._parent, path.name, self.document.is_dirty())
        finally:
            self._asking = False
        self._known = now
        if choice == "reload":
            self.reload_from_disk()
        else:
            self.document.undo_stack.resetClean()

    def reload_from_disk(self) -> bool:
        from editor.core.io import open_proposal

        doc = self.document
        try:
            proposal = open_proposal(doc.path, doc.language).proposal
        except (FormatError, OSError, ValueError) as exc:
            QMessageBox.critical(self._parent, _("Cannot open the file"), str(exc))
            return False
        doc.apply_proposal_undoably(proposal, N_("Reload from disk"))
        doc.set_clean()
        self.reloaded.emit()
        return True

    # -- saving (FileActions.save_to) -------------------------------------------------------
    def before_save(self, path: Path) -> bool:
        """Checks and the backup before ``path`` is replaced; False cancels the save."""
        path = Path(path)
        doc = self.document
        same = same_file(path, doc.path)
        if same and self.read_only:
            QMessageBox.information(self._parent, _("Opened read-only"), _(
                "“{name}” is open elsewhere, so it was opened read-only. Use File > Save As to keep your version "
                "in another file.").format(name=path.name))
            return False
        lock_ok = self.lock is not None and self.lock.still_ours() if same else False
        if not lock_ok:
            holder = read_lock(path)
            mine = self.lock is not None and holder is not None and holder.token == self.lock.token
            if holder is not None and not mine and not holder.is_stale():
                answer = QMessageBox.warning(
                    self._parent, _("File already open"),
                    _("“{name}” is open in another window or on another computer (by {user} on {host}). "
                      "Replace it with your version anyway?").format(name=path.name, user=holder.user or "?", host=holder.host or "?"),
                    QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Cancel)
                if answer != QMessageBox.StandardButton.Save:
                    return False
        if same and self._known not in (None, MISSING) and path.exists() and file_signature(path) != self._known:
            answer = QMessageBox.warning(
                self._parent, _("File changed on disk"),
                _("“{name}” was changed by another program since you opened it. Replace it with your version? "
                  "The other version is kept as a backup.").format(name=path.name),
                QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Cancel)
            if answer != QMessageBox.StandardButton.Save:
                return False
        try:
            make_backup(path)
        except StorageError as exc:
            self._status(N_("No backup of the previous version: {error}"), error=exc)
        return True

    def after_save(self, path: Path) -> None:
        """The file at ``path`` now holds our version."""
        path = Path(path)
        if self.lock is None or not same_file(self.lock.path, path):
            self.attach_path(path, ask=False)
        elif not self.lock.still_ours():
            self.lock.acquire(force=True)
        self._known = file_signature(path) or MISSING
        self._watch(path)

    def close(self) -> None:
        """A normal close: the lock goes, nothing is watched any more."""
        if self._closed:
            return
        self._closed = True
        self._lock_timer.stop()
        self._disk_timer.stop()
        if self.lock is not None:
            self.lock.release()
        self._unwatch()
