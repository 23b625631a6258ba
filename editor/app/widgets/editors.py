"""Text inputs bound to a ProposalDocument.

``SectionTextEdit`` edits one section's Markdown: its own undo is off, every
change becomes a (merged) document undo step, and Ctrl+Z/Ctrl+Y go to the
document's stack. When the document changes under it (undo, reload) it
replaces only the differing span so the cursor stays where the user is.
Highlighting, spelling, lists and formatting come from ``writing.WritingSurface``;
a formatting command is a named step of the document's undo stack.
``DocLineEdit`` does the same for one-line fields.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager

from PySide6.QtCore import QEvent
from PySide6.QtGui import QKeyEvent, QKeySequence, QTextCursor, QTextOption
from PySide6.QtWidgets import QFrame, QLineEdit, QPlainTextEdit, QWidget

from editor.app.document import ProposalDocument, _common_prefix_len
from editor.app.widgets.writing import WritingSurface


def _route_undo(doc: ProposalDocument, event: QKeyEvent) -> bool:
    if event.matches(QKeySequence.StandardKey.Undo):
        doc.undo_stack.undo()
        return True
    if event.matches(QKeySequence.StandardKey.Redo):
        doc.undo_stack.redo()
        return True
    return False


def _is_undo_key(event: QKeyEvent) -> bool:
    return event.matches(QKeySequence.StandardKey.Undo) or event.matches(QKeySequence.StandardKey.Redo)


class _DocumentUndoKeys:
    """Ctrl+Z/Ctrl+Y go to the document's undo stack, not the widget's own.

    Comes before the Qt class in the bases; expects a ``_doc`` attribute.
    """

    _doc: ProposalDocument

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and _is_undo_key(event):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt API
        if _route_undo(self._doc, event):
            event.accept()
            return
        super().keyPressEvent(event)


class SectionTextEdit(_DocumentUndoKeys, WritingSurface, QPlainTextEdit):
    """Plain-text Markdown editor of one section."""

    def __init__(self, document: ProposalDocument, section_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._doc = document
        self.section_id = section_id
        self._applying = False
        self._pushed: str | None = None  # the text this editor just gave the document
        self.setUndoRedoEnabled(False)
        self.setTabChangesFocus(True)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.document().setDocumentMargin(14)
        font = self.font()
        font.setPointSizeF(font.pointSizeF() * 1.08)
        self.setFont(font)
        self.setPlainText(document.proposal.section(section_id))
        self.moveCursor(QTextCursor.MoveOperation.End)  # as after opening a file: ready to go on writing
        self.textChanged.connect(self._on_text_changed)
        document.changed.connect(self._on_document_changed)
        self.setup_writing(document)

    def edit_group(self, name: str, **fields) -> AbstractContextManager:
        return self._doc.named_group(name, **fields)

    def _on_text_changed(self) -> None:
        if not self._applying:
            self._pushed = self.toPlainText()
            try:
                self._doc.set_section_text(self.section_id, self._pushed)
            finally:
                self._pushed = None

    def _on_document_changed(self, what: str) -> None:
        if what in (self.section_id, "all"):
            if self._pushed is not None and self._doc.proposal.section(self.section_id) is self._pushed:
                return  # our own keystroke echoing back, stored as is: nothing to sync, the keystroke path stays short
            self.sync_from_document()

    def sync_from_document(self) -> None:
        """Show the document's text, touching only the span that differs."""
        new = self._doc.proposal.section(self.section_id)
        old = self.toPlainText()
        if new == old:
            return
        start = _common_prefix_len(old, new)
        tail = min(_common_prefix_len(old[::-1], new[::-1]), min(len(old), len(new)) - start)
        cursor = QTextCursor(self.document())
        cursor.setPosition(start)
        cursor.setPosition(len(old) - tail, QTextCursor.MoveMode.KeepAnchor)
        self._applying = True
        try:
            cursor.insertText(new[start : len(new) - tail])
        finally:
            self._applying = False
        cursor.clearSelection()
        self.setTextCursor(cursor)


class DocLineEdit(_DocumentUndoKeys, QLineEdit):
    """A one-line field whose edits go through ``setter`` (a document method)."""

    def __init__(
        self,
        document: ProposalDocument,
        getter: Callable[[], str],
        setter: Callable[[str], None],
        parts: tuple[str, ...],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._doc = document
        self._getter = getter
        self._setter = setter
        self._parts = set(parts) | {"all"}
        self._editing = False
        self.setText(getter())
        self.textEdited.connect(self._on_edited)
        document.changed.connect(self._on_document_changed)

    def _on_edited(self, text: str) -> None:
        self._editing = True
        try:
            self._setter(text)
        except ValueError:
            pass  # the field keeps what was typed; the model keeps its last valid value
        finally:
            self._editing = False

    def _on_document_changed(self, what: str) -> None:
        # Our own edit echoing back may be normalised (trimmed): don't fight the typist.
        if what in self._parts and not self._editing:
            value = self._getter()
            if value != self.text():
                pos = self.cursorPosition()
                self.setText(value)
                self.setCursorPosition(min(pos, len(value)))
