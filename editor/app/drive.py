"""Tests only: drive the real app from ``PROPOSAL_EDITOR_TEST_DRIVE`` (JSON).

Used by tests/app/test_recovery_kill.py, which starts ``python -m editor`` as a
real process, lets it type, kills it with SIGKILL and starts it again. Nothing
here runs unless that variable is set.
"""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

from editor.app.recovery_dialogs import RecoveryDialog
from editor.i18n import current_language


class ScriptedDrive(QObject):
    """Tests only: drive the real app from ``PROPOSAL_EDITOR_TEST_DRIVE``.

    Keys: ``type`` {"section", "text", "interval_ms"} types through key events
    into a section editor; ``accept_recovery`` clicks Restore in the recovery
    dialog; ``dump`` writes the document state as JSON to a path once done;
    ``quit`` leaves the event loop after the dump (no close, like a crash).
    """

    def __init__(self, window, controller, script: dict) -> None:
        super().__init__(window)
        self.window, self.controller, self.script = window, controller, script
        typing = script.get("type") or {}
        self.section = typing.get("section", "summary")
        self.chars = list(typing.get("text", ""))
        self.timer = QTimer(self)
        self.timer.setInterval(int(typing.get("interval_ms", 10)))
        self.timer.timeout.connect(self._tick)
        self.timer.start()

    def _tick(self) -> None:
        modal = QApplication.activeModalWidget()
        if modal is not None:
            if isinstance(modal, RecoveryDialog) and self.script.get("accept_recovery"):
                modal.restore_button.click()
            return
        if not self.controller.offered:
            return
        if self.chars:
            self._type(self.chars.pop(0))
            return
        self.timer.stop()
        if self.script.get("dump"):
            self._dump(Path(self.script["dump"]))
        if self.script.get("quit"):
            QApplication.exit(0)

    def _type(self, ch: str) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtGui import QKeyEvent

        editor = self.window.page(self.section).editor
        if not editor.hasFocus():
            self.window.show_section(self.section)
            editor.moveCursor(editor.textCursor().MoveOperation.End)
        key, text = (Qt.Key.Key_Return, "\r") if ch == "\n" else (0, ch)
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(editor, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, text))

    def _dump(self, target: Path) -> None:
        from editor.core.storage import atomic_write_text

        doc = self.window.document
        state = {
            "sections": dict(doc.proposal.sections),
            "dirty": doc.is_dirty(),
            "path": str(doc.path) if doc.path else None,
            "doc_id": self.controller.doc_id,
            "language": current_language(),
        }
        atomic_write_text(target, json.dumps(state, ensure_ascii=False))
