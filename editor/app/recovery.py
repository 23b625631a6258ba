"""Never lose work, in the window: recovery files, backups, locks, changes on disk.

``install(window)`` (called by ``main.create_window``) attaches a
:class:`RecoveryController` to the window's document and adds File > Restore
from backup. The controller:

- writes the document's recovery file (``editor.core.recovery``) at most
  ``DELAY_MS`` after the user pauses, and at least every ``MAX_WAIT_MS`` while
  they type non-stop. A keystroke only restarts a timer; the Markdown is built
  and written on a worker thread from a copy of the proposal;
- removes it when the document is saved, discarded or closed normally;
- on start, offers to restore the unsaved documents of instances that died;
- keeps a lock file next to the open file and asks, when another live instance
  holds it, whether to open read-only or take over;
- before each save keeps the previous version as a backup (``make_backup``),
  and notices when another program changes the file (reload or keep mine).

Environment: ``PROPOSAL_EDITOR_RESTORE=<id>`` makes a new instance restore one
recovery file (used by "Restore in a new window"); ``PROPOSAL_EDITOR_TEST_DRIVE``
(JSON, tests only) types text and answers the restore dialog, see ``editor.app.drive``.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from PySide6.QtCore import QEvent, QFileSystemWatcher, QObject, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QMessageBox

from editor.app.recovery_dialogs import (
    BackupDialog,
    RecoveryDialog,
    ask_changed_on_disk,
    ask_locked,
)
from editor.core.formats import FormatError
from editor.core.recovery import (
    discard_recovery,
    new_document_id,
    scan_recovery,
    write_recovery,
)
from editor.core.storage import DocumentLock, StorageError, make_backup, read_lock
from editor.i18n import N_, _

DELAY_MS = 1000
MAX_WAIT_MS = 10_000
LOCK_REFRESH_MS = 10 * 60 * 1000
DISK_CHECK_DELAY_MS = 300
RESTORE_ENV = "PROPOSAL_EDITOR_RESTORE"
TEST_DRIVE_ENV = "PROPOSAL_EDITOR_TEST_DRIVE"
MISSING = ("missing",)


def file_signature(path: Path | None) -> tuple | None:
    """(size, sha256) of a file, None when it cannot be read: what "changed on disk" compares."""
    if path is None:
        return None
    try:
        data = Path(path).read_bytes()
    except OSError:
        return None
    return len(data), hashlib.sha256(data).hexdigest()


def _same_file(a: Path | None, b: Path | None) -> bool:
    return a is not None and b is not None and os.path.abspath(a) == os.path.abspath(b)


def _write_job(controller: RecoveryController, doc_id: str, proposal, path, language: str) -> None:
    from editor.core.formats.markdown import write_markdown

    try:
        write_recovery(doc_id, write_markdown(proposal), path, language)
    except Exception as exc:  # noqa: BLE001 - reported in the window, never raised on a worker thread
        controller.writeFailed.emit(str(exc))


class RecoveryController(QObject):
    """Recovery, lock, backups and disk watching for one window's document."""

    writeFailed = Signal(str)

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.document = window.document
        self.doc_id = new_document_id()
        self.lock: DocumentLock | None = None
        self.read_only = False
        self.offered = False
        self._known: tuple | None = None
        self._closed = False
        self._restoring = False
        self._asking = False
        self._first_pending: float | None = None
        self._last_error = ""
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="recovery")

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.write_now)
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
        self.read_only_label = QLabel(window.statusBar())
        self.read_only_label.hide()
        window.statusBar().addPermanentWidget(self.read_only_label)

        self.writeFailed.connect(self._show_write_error)
        doc = self.document
        doc.changed.connect(self._on_changed)
        doc.dirtyChanged.connect(self._on_dirty)
        self.retranslateUi()

    # -- recovery file -------------------------------------------------------------
    def _on_changed(self, what: str) -> None:
        if self._restoring or self._closed:
            return
        if what == "all":
            self._document_replaced()
        else:
            self._schedule()

    def _schedule(self) -> None:
        # The keystroke path: read a clock and (re)start a timer, nothing else.
        now = time.monotonic()
        if not self._timer.isActive() or self._first_pending is None:
            self._first_pending = now
        remaining = int((self._first_pending - now) * 1000) + MAX_WAIT_MS
        self._timer.start(max(0, min(DELAY_MS, remaining)))

    def _on_dirty(self, dirty: bool) -> None:
        if self._restoring or self._closed:
            return
        if dirty:
            self._schedule()
        else:
            self.write_now()  # clean: the recovery file goes

    def write_now(self) -> None:
        """Write (or remove, when clean) the recovery file now, on the worker thread."""
        self._timer.stop()
        self._first_pending = None
        if self._closed:
            return
        doc = self.document
        if doc.is_dirty():
            self._pool.submit(_write_job, self, self.doc_id, doc.snapshot(), doc.path, doc.language)
        else:
            self._pool.submit(discard_recovery, self.doc_id)

    def flush(self) -> None:
        """Wait until pending recovery writes are on disk (tests, close)."""
        if self._timer.isActive():
            self.write_now()
        self._pool.submit(lambda: None).result()

    def _show_write_error(self, message: str) -> None:
        if message != self._last_error:
            self._last_error = message
            self.window.show_status(N_("Unsaved changes cannot be kept for recovery: {error}"), 15000, error=message)

    def _document_replaced(self) -> None:
        """New / Open / Example: the previous document's recovery file goes, a new id starts."""
        self._timer.stop()
        self._pool.submit(discard_recovery, self.doc_id)
        self.doc_id = new_document_id()
        QTimer.singleShot(0, lambda: self.attach_path(self.document.path, ask=True))

    def cleanup(self) -> None:
        """A normal close (the user saved or discarded): remove recovery file and lock."""
        if self._closed:
            return
        self._closed = True
        self._timer.stop()
        self._lock_timer.stop()
        self._pool.submit(discard_recovery, self.doc_id)
        self._pool.shutdown(wait=True)
        if self.lock is not None:
            self.lock.release()
        self._unwatch()

    # -- lock and watcher ------------------------------------------------------------------
    def attach_path(self, path: Path | None, ask: bool = True) -> None:
        """The document now belongs to ``path``: lock it, watch it, remember its content."""
        if self._closed:
            return
        if self.lock is not None and not _same_file(self.lock.path, path):
            self.lock.release()
            self.lock = None
        self._unwatch()
        self.set_read_only(False)
        self._known = None
        if path is None or self.document.path is None or not _same_file(path, self.document.path):
            return
        path = Path(path)
        lock = self.lock or DocumentLock(path)
        holder = lock.acquire()
        if holder is not None:
            choice = ask_locked(self.window, path.name, holder) if ask else "takeover"
            if choice == "takeover":
                lock.acquire(force=True)
            else:
                self.set_read_only(True)
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
        self.read_only = read_only
        self.window.set_editors_read_only(read_only)
        self.read_only_label.setVisible(read_only)

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
            self.window.show_status(N_("“{name}” was deleted or moved by another program; save to write it again."),
                                    15000, name=path.name)
            return
        self._asking = True
        try:
            choice = ask_changed_on_disk(self.window, path.name, self.document.is_dirty())
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
            QMessageBox.critical(self.window, _("Cannot open the file"), str(exc))
            return False
        doc.apply_proposal_undoably(proposal, N_("Reload from disk"))
        doc.set_clean()
        self.window.run_check()
        return True

    # -- saving (called by FileActions.save_to) -------------------------------------------------
    def before_save(self, path: Path) -> bool:
        """Checks and the backup before ``path`` is replaced; False cancels the save."""
        path = Path(path)
        doc = self.document
        same = _same_file(path, doc.path)
        if same and self.read_only:
            QMessageBox.information(self.window, _("Opened read-only"), _(
                "“{name}” is open elsewhere, so it was opened read-only. Use File > Save As to keep your version "
                "in another file.").format(name=path.name))
            return False
        lock_ok = self.lock is not None and self.lock.still_ours() if same else False
        if not lock_ok:
            holder = read_lock(path)
            mine = self.lock is not None and holder is not None and holder.token == self.lock.token
            if holder is not None and not mine and not holder.is_stale():
                answer = QMessageBox.warning(
                    self.window, _("File already open"),
                    _("“{name}” is open in another window or on another computer (by {user} on {host}). "
                      "Replace it with your version anyway?").format(name=path.name, user=holder.user or "?", host=holder.host or "?"),
                    QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Cancel)
                if answer != QMessageBox.StandardButton.Save:
                    return False
        if same and self._known not in (None, MISSING) and path.exists() and file_signature(path) != self._known:
            answer = QMessageBox.warning(
                self.window, _("File changed on disk"),
                _("“{name}” was changed by another program since you opened it. Replace it with your version? "
                  "The other version is kept as a backup.").format(name=path.name),
                QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Cancel)
            if answer != QMessageBox.StandardButton.Save:
                return False
        try:
            make_backup(path)
        except StorageError as exc:
            self.window.show_status(N_("No backup of the previous version: {error}"), 15000, error=exc)
        return True

    def after_save(self, path: Path) -> None:
        """The file at ``path`` now holds our version."""
        path = Path(path)
        if self.lock is None or not _same_file(self.lock.path, path):
            self.attach_path(path, ask=False)
        elif not self.lock.still_ours():
            self.lock.acquire(force=True)
        self._known = file_signature(path) or MISSING
        self._watch(path)

    # -- restoring ----------------------------------------------------------------------------------
    def start(self) -> None:
        """After the window shows: restore what ``PROPOSAL_EDITOR_RESTORE`` names, else offer what crashed."""
        if self._closed:  # the window closed before its start-up ran: nothing to offer
            return
        wanted = os.environ.pop(RESTORE_ENV, "")
        if self.document.is_dirty():
            self._schedule()  # edited before we were attached (start-up waits for the first paint)
        if self.document.path is not None and self.lock is None:
            self.attach_path(self.document.path, ask=True)
        if wanted:
            entries, _problems = scan_recovery()
            for entry in entries:
                if entry.doc_id == wanted:
                    self.restore(entry)
            self.offered = True
            return
        self.offer_recovery()

    def offer_recovery(self) -> None:
        if self._closed:
            return
        entries, problems = scan_recovery()
        entries = [e for e in entries if e.doc_id != self.doc_id]
        if problems:
            self.window.show_status(N_("Some recovery files were damaged and set aside: {error}"), 15000,
                                    error=problems[0])
        if entries:
            dialog = RecoveryDialog(entries, self, self.window)
            self.window.recovery_dialog = dialog  # tests and screenshots reach it here
            dialog.exec()
            dialog.deleteLater()
        self.offered = True

    def restore(self, entry) -> bool:
        """Put a recovery file's content in this window (one Undo step over the file on disk)."""
        from editor.core.io import open_proposal
        from editor.core.recovery import recovered_proposal

        doc = self.document
        if doc.is_dirty() and not self.window.files.maybe_save():
            return False
        try:
            recovered = recovered_proposal(entry).proposal
        except FormatError as exc:
            QMessageBox.critical(self.window, _("Cannot restore"), str(exc))
            return False
        disk = None
        if entry.path is not None and entry.path.is_file():
            try:
                disk = open_proposal(entry.path, entry.language).proposal
            except (FormatError, OSError, ValueError):
                disk = None
        old_id = self.doc_id
        self._restoring = True
        try:
            if disk is not None:
                doc.replace_proposal(disk, entry.path)
                doc.apply_proposal_undoably(recovered, N_("Restore unsaved changes"))
            else:
                doc.replace_proposal(recovered, entry.path)
                doc.undo_stack.resetClean()
        finally:
            self._restoring = False
        # Adopt it under a new id: write ours first, then drop the old files.
        self.doc_id = new_document_id()
        self.write_now()
        self._pool.submit(discard_recovery, old_id)
        self._pool.submit(discard_recovery, entry.doc_id)
        self.attach_path(entry.path, ask=True)
        self.window.run_check()
        self.window.focus_first_section()
        self.window.show_status(N_("Restored the unsaved changes of {name}."), 8000,
                                name=entry.name or (lambda: _("Untitled")))
        return True

    def restore_in_new_window(self, entry) -> bool:
        from PySide6.QtCore import QProcess, QProcessEnvironment

        process = QProcess()
        frozen = getattr(sys, "frozen", False)
        process.setProgram(sys.executable)
        process.setArguments([] if frozen else ["-m", "editor"])
        env = QProcessEnvironment.systemEnvironment()
        env.insert(RESTORE_ENV, entry.doc_id)
        process.setProcessEnvironment(env)
        result = process.startDetached()
        ok = result[0] if isinstance(result, tuple) else bool(result)
        if not ok:
            QMessageBox.critical(self.window, _("Cannot restore"), _("A new window could not be started."))
        return ok

    def show_backups(self) -> None:
        """File > Restore from backup."""
        from editor.core.io import open_proposal
        from editor.core.storage import list_backups

        doc = self.document
        if doc.path is None:
            return
        dialog = BackupDialog(doc, list_backups(doc.path), self.window)
        self.window.backup_dialog = dialog  # tests and screenshots reach it here
        accepted = dialog.exec()
        backup = dialog.selected()
        dialog.deleteLater()
        if not accepted or backup is None:
            return
        try:
            proposal = open_proposal(backup.file, doc.language).proposal
        except (FormatError, OSError, ValueError) as exc:
            QMessageBox.critical(self.window, _("Cannot restore"), str(exc))
            return
        from editor.app.recovery_dialogs import when

        doc.apply_proposal_undoably(proposal, N_("Restore backup of {time}"), time=lambda: when(backup.created))
        self.window.run_check()
        self.window.show_status(N_("Backup restored; Edit > Undo takes it back out."), 8000)

    def retranslateUi(self) -> None:
        self.read_only_label.setText(_("Read-only"))
        self.read_only_label.setToolTip(_("This file is open elsewhere; use File > Save As to keep your version."))


class _LanguageFilter(QObject):
    """Retranslates what ``install`` added to the window when the UI language changes."""

    def __init__(self, window, callback) -> None:
        super().__init__(window)
        self._callback = callback
        window.installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Type.LanguageChange:
            self._callback()
        return False


def install(window) -> RecoveryController:
    """Attach recovery, locks, backups and the disk watcher to a main window."""
    controller = RecoveryController(window)
    window.recovery = controller
    act = QAction(window)
    act.setObjectName("restore_backup")
    act.triggered.connect(controller.show_backups)
    menu = window.menu_file
    actions = menu.actions()
    if window.act_save_as in actions and actions[-1] is not window.act_save_as:
        menu.insertAction(actions[actions.index(window.act_save_as) + 1], act)  # right after Save As
    else:
        menu.addAction(act)
    window.act_restore_backup = act

    def retranslate() -> None:
        act.setText(_("Restore from &backup…"))
        tip = _("Put back a previous version of this file (one is kept at each save)")
        act.setToolTip(tip)
        act.setStatusTip(tip)
        controller.retranslateUi()

    def enable(*_args) -> None:
        act.setEnabled(window.document.path is not None)

    retranslate()
    enable()
    window.document.pathChanged.connect(enable)
    controller._language_filter = _LanguageFilter(window, retranslate)
    QTimer.singleShot(0, controller.start)
    drive = os.environ.get(TEST_DRIVE_ENV)
    if drive:
        from editor.app.drive import ScriptedDrive

        controller._test_drive = ScriptedDrive(window, controller, json.loads(drive))
    return controller
