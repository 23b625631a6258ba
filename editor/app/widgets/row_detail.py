"""The selected row's long texts, edited in a form under the sheet (risk description and
mitigation, owner; KPI name, unit and measurement), so a long mitigation is not typed in a cell.

``RowDetail(model, view, fields)`` follows the sheet's current row. What is typed goes to the
document through the sheet's model, a moment after the last key (and at once when the field
loses the focus), as one undo step per field and pause, the way typing in the text merges;
Ctrl+Z and Ctrl+Y in the form go to the document's undo stack.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QModelIndex, Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from editor.i18n import _

COMMIT_DELAY_MS = 250


@dataclass(frozen=True)
class DetailField:
    """A field of the form: the model field, its label (a msgid) and whether it holds several lines."""

    name: str
    label: str
    multiline: bool = False


class _UndoKeys:
    """Ctrl+Z / Ctrl+Y in a form field undo the document, not the field (expects ``_stack``)."""

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and (
                event.matches(QKeySequence.StandardKey.Undo) or event.matches(QKeySequence.StandardKey.Redo)):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt API
        if event.matches(QKeySequence.StandardKey.Undo):
            self._left()  # what was just typed becomes its step first, so Ctrl+Z takes it back
            self._stack().undo()
        elif event.matches(QKeySequence.StandardKey.Redo):
            self._stack().redo()
        else:
            super().keyPressEvent(event)

    def focusOutEvent(self, event) -> None:  # noqa: N802 - Qt API
        self._left()
        super().focusOutEvent(event)


class _TextField(_UndoKeys, QPlainTextEdit):
    def __init__(self, stack: Callable, left: Callable, parent: QWidget) -> None:
        super().__init__(parent)
        self._stack, self._left = stack, left
        self.setTabChangesFocus(True)
        self.setUndoRedoEnabled(False)
        lines = self.fontMetrics().lineSpacing() * 3 + 2 * self.frameWidth() + 10
        self.setFixedHeight(lines)  # three lines: the form stays compact under the sheet

    def value(self) -> str:
        return self.toPlainText()

    def show_value(self, text: str) -> None:
        cursor = self.textCursor().position()
        self.setPlainText(text)
        c = self.textCursor()
        c.setPosition(min(cursor, len(text)))
        self.setTextCursor(c)


class _LineField(_UndoKeys, QLineEdit):
    def __init__(self, stack: Callable, left: Callable, parent: QWidget) -> None:
        super().__init__(parent)
        self._stack, self._left = stack, left

    def value(self) -> str:
        return self.text()

    def show_value(self, text: str) -> None:
        cursor = self.cursorPosition()
        self.setText(text)
        self.setCursorPosition(min(cursor, len(text)))


class RowDetail(QFrame):
    """A form over the sheet's current row (``model`` is a ``DocListModel``, ``view`` its ``SheetView``)."""

    def __init__(self, model, view, fields: Sequence[DetailField], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("RowDetail")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.model, self.view, self.fields = model, view, tuple(fields)
        self._item_id: str | None = None
        self._pending: set[str] = set()
        self.heading = QLabel(self)
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        # A long risk must not widen the page (it would squeeze the section list): the label is cut instead.
        self.heading.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.heading.setMinimumWidth(40)
        self.labels: dict[str, QLabel] = {}
        self.editors: dict[str, _TextField | _LineField] = {}
        stack = lambda: model.document.undo_stack  # noqa: E731
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        column = 0
        for field in self.fields:
            label = QLabel(self)
            edit = (_TextField if field.multiline else _LineField)(stack, lambda f=field.name: self.commit(f), self)
            label.setBuddy(edit)
            self.labels[field.name], self.editors[field.name] = label, edit
            if field.multiline:  # side by side, each under its label
                grid.addWidget(label, 0, column)
                grid.addWidget(edit, 1, column)
                grid.setColumnStretch(column, 1)
                column += 1
            else:  # on the heading's line
                top.addWidget(label)
                top.addWidget(edit, 1)
            signal = edit.textChanged
            signal.connect(lambda *_a, f=field.name: self._typed(f))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 6)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addLayout(grid)
        self._timer = QTimer(self, singleShot=True, interval=COMMIT_DELAY_MS, timeout=self.commit_pending)
        self._showing = False
        view.selectionModel().currentRowChanged.connect(self._on_current_row)
        model.modelReset.connect(self.show_current)
        model.dataChanged.connect(lambda *_a: self.show_current())
        self.retranslateUi()

    # -- which row -----------------------------------------------------------------
    def _on_current_row(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.commit_pending()
        self._item_id = self.model.item(current.row()).id if current.isValid() else None
        self.show_current()

    def current_item(self):
        if self._item_id is None:
            return None
        row = self.model.row_of(self._item_id)
        return self.model.item(row) if row >= 0 else None

    def show_current(self) -> None:
        """Show the current row's values (a field being typed in keeps what it holds)."""
        item = self.current_item()
        self._showing = True
        try:
            for name, edit in self.editors.items():
                edit.setEnabled(item is not None)
                value = "" if item is None else str(getattr(item, name) or "")
                if name in self._pending:
                    continue
                if edit.value() != value and not (edit.hasFocus() and self._converted(name, edit.value()) == value):
                    edit.show_value(value)
        finally:
            self._showing = False
        self._show_heading(item)

    def _show_heading(self, item) -> None:
        if item is None:
            text = _("Select a row to edit its long texts here")
        else:
            name = next((str(getattr(item, f.name)) for f in self.fields if getattr(item, f.name, "")), "")
            text = f"{item.id} · {name.split(chr(10))[0]}" if name else item.id
        self._heading_text = text
        self.heading.setToolTip(text)
        self._elide_heading()

    def _elide_heading(self) -> None:
        text = getattr(self, "_heading_text", "")
        self.heading.setText(self.heading.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight,
                                                                   max(self.heading.width(), 40)))

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self._elide_heading()

    # -- edits -----------------------------------------------------------------------
    def _converted(self, name: str, text: str):
        try:
            return self.model.convert(name, text)
        except ValueError:
            return None

    def _typed(self, name: str) -> None:
        if self._showing or self.current_item() is None:
            return
        self._pending.add(name)
        self._timer.start()

    def commit_pending(self) -> None:
        for name in list(self._pending):
            self.commit(name)

    def commit(self, name: str) -> None:
        """Give the field's text to the row (one undo step per field and pause)."""
        self._pending.discard(name)
        item = self.current_item()
        if item is None:
            return
        value = self._converted(name, self.editors[name].value())
        if value is None or getattr(item, name) == value:
            return
        self.model.replace(self.model.row_of(item.id), {name: value}, self.model.edit_text(item),
                           merge_key=f"detail:{self.model.part}:{item.id}:{name}")

    def retranslateUi(self) -> None:  # noqa: N802 - Qt naming
        for field in self.fields:
            label = _(field.label)
            self.labels[field.name].setText(label if field.multiline else _("{label}:").format(label=label))
            self.editors[field.name].setAccessibleName(_(field.label))
        self._show_heading(self.current_item())

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

