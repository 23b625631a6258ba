"""Never lose work, in the window: restore after a crash, restore a backup.

:class:`Recovery` works on what the window gives it: the document, the widget
its dialogs belong to, the document's :class:`editor.app.autosave.Autosave`
(its recovery file), its :class:`editor.app.file_guard.FileGuard` (lock,
changes on disk, backups) and the window's Save / Discard / Cancel question.
The window builds them after its first paint, once ``prepare_recovery_dir()``
(``editor.core.recovery``) has made sure recovery files can be written.

On ``start()`` it restores what ``PROPOSAL_EDITOR_RESTORE=<id>`` names (used by
"Restore in a new window"), else offers to restore the unsaved documents of
instances that died. ``show_backups()`` is File > Restore from backup. A restore
is one Undo step over the file on disk.

``PROPOSAL_EDITOR_TEST_DRIVE`` (JSON, tests only; ``editor.app.main``) types
text and answers the restore dialog, see ``editor.app.drive``.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from editor.app.autosave import Autosave
from editor.app.file_guard import FileGuard
from editor.app.recovery_dialogs import BackupDialog, RecoveryDialog
from editor.core.formats import FormatError
from editor.core.recovery import scan_recovery
from editor.i18n import N_, _

RESTORE_ENV = "PROPOSAL_EDITOR_RESTORE"


class Recovery(QObject):
    """Restoring unsaved work and backups into one window's document."""

    statusMessage = Signal(str, int, object)  # an N_-marked msgid, milliseconds shown, its fields (dict)
    restored = Signal()  # unsaved work is back in the document: check it, show its first section
    checkNeeded = Signal()  # a backup is back in the document: check it

    def __init__(self, document, parent: QWidget, autosave: Autosave, guard: FileGuard,
                 maybe_save: Callable[[], bool]) -> None:
        super().__init__(parent)
        self.document = document
        self.autosave = autosave
        self.guard = guard
        self._parent = parent
        self._maybe_save = maybe_save
        self.offered = False
        self._closed = False
        self._last_error = ""
        self.recovery_dialog: RecoveryDialog | None = None  # the dialog shown last (tests, screenshots)
        self.backup_dialog: BackupDialog | None = None
        autosave.writeFailed.connect(self._show_write_error)

    @property
    def doc_id(self) -> str:
        return self.autosave.doc_id

    def _status(self, message: str, timeout_ms: int = 15000, **fields) -> None:
        self.statusMessage.emit(message, timeout_ms, fields)

    def _show_write_error(self, message: str) -> None:
        if message != self._last_error:
            self._last_error = message
            self._status(N_("Unsaved changes cannot be kept for recovery: {error}"), error=message)

    def cleanup(self) -> None:
        """A normal close (the user saved or discarded): recovery file and lock go."""
        if self._closed:
            return
        self._closed = True
        self.autosave.close()
        self.guard.close()

    # -- restoring ----------------------------------------------------------------------------------
    def start(self) -> None:
        """After the window shows: restore what ``PROPOSAL_EDITOR_RESTORE`` names, else offer what crashed."""
        if self._closed:  # the window closed before its start-up ran: nothing to offer
            return
        wanted = os.environ.pop(RESTORE_ENV, "")
        if self.document.is_dirty():
            self.autosave.schedule()  # edited before recovery started (it waits for the first paint)
        self.guard.start()
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
            self._status(N_("Some recovery files were damaged and set aside: {error}"), error=problems[0])
        if entries:
            dialog = RecoveryDialog(entries, self, self._parent)
            self.recovery_dialog = dialog
            dialog.exec()
            dialog.deleteLater()
        self.offered = True

    def restore(self, entry) -> bool:
        """Put a recovery file's content in the document (one Undo step over the file on disk)."""
        from editor.core.io import open_proposal
        from editor.core.recovery import recovered_proposal

        doc = self.document
        if doc.is_dirty() and not self._maybe_save():
            return False
        try:
            recovered = recovered_proposal(entry).proposal
        except FormatError as exc:
            QMessageBox.critical(self._parent, _("Cannot restore"), str(exc))
            return False
        disk = None
        if entry.path is not None and entry.path.is_file():
            try:
                disk = open_proposal(entry.path, entry.language).proposal
            except (FormatError, OSError, ValueError):
                disk = None
        old_id = self.doc_id
        self.autosave.suspended = self.guard.suspended = True
        try:
            if disk is not None:
                doc.replace_proposal(disk, entry.path)
                doc.apply_proposal_undoably(recovered, N_("Restore unsaved changes"))
            else:
                doc.replace_proposal(recovered, entry.path)
                doc.undo_stack.resetClean()
        finally:
            self.autosave.suspended = self.guard.suspended = False
        # Adopt it under a new id: write ours first, then drop the old files.
        self.autosave.adopt()
        self.autosave.discard(old_id)
        self.autosave.discard(entry.doc_id)
        self.guard.attach_path(entry.path, ask=True)
        self.restored.emit()
        self._status(N_("Restored the unsaved changes of {name}."), 8000, name=entry.name or (lambda: _("Untitled")))
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
            QMessageBox.critical(self._parent, _("Cannot restore"), _("A new window could not be started."))
        return ok

    def show_backups(self) -> None:
        """File > Restore from backup."""
        from editor.core.io import open_proposal
        from editor.core.storage import list_backups

        doc = self.document
        if doc.path is None:
            return
        dialog = BackupDialog(doc, list_backups(doc.path), self._parent)
        self.backup_dialog = dialog
        accepted = dialog.exec()
        backup = dialog.selected()
        dialog.deleteLater()
        if not accepted or backup is None:
            return
        try:
            proposal = open_proposal(backup.file, doc.language).proposal
        except (FormatError, OSError, ValueError) as exc:
            QMessageBox.critical(self._parent, _("Cannot restore"), str(exc))
            return
        from editor.app.recovery_dialogs import when

        doc.apply_proposal_undoably(proposal, N_("Restore backup of {time}"), time=lambda: when(backup.created))
        self.checkNeeded.emit()
        self._status(N_("Backup restored; Edit > Undo takes it back out."), 8000)
