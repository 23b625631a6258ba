"""A small table editor over one list part of the document (objectives,
data sources, resources): add, remove, move up/down, edit cells in place.

``ListTableModel`` presents ``document.proposal.<part>`` (it does not own it):
each edit builds a new list and hands it to ``document.set_part`` so it is
one undo step. Columns are ``Column(field, header_msgid, ...)``; headers are
translated when shown.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QEvent, QModelIndex, QPersistentModelIndex, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QStyledItemDelegate,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from editor.app.document import ProposalDocument
from editor.app.icons import icon
from editor.i18n import N_, _

_Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column:
    field: str
    header: str  # msgid, translated at display time
    to_text: Callable[[Any], str] = str
    from_text: Callable[[str], Any] = str
    tooltip: str = ""  # msgid


class ListTableModel(QAbstractTableModel):
    def __init__(self, document: ProposalDocument, part: str, factory: Callable[[], Any], columns: list[Column], parent=None):
        super().__init__(parent)
        self.document = document
        self.part = part
        self.factory = factory
        self.columns = columns
        self._rows = len(self.items())
        document.changed.connect(self._on_document_changed)

    def items(self) -> list:
        return getattr(self.document.proposal, self.part)

    # -- Qt model API -------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.items())

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.items()):
            return None
        col = self.columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return col.to_text(getattr(self.items()[index.row()], col.field))
        if role == Qt.ItemDataRole.ToolTipRole and col.tooltip:
            return _(col.tooltip)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return _(self.columns[section].header)
        return str(section + 1)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        base = super().flags(index)
        return base | Qt.ItemFlag.ItemIsEditable if index.isValid() else base

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        col = self.columns[index.column()]
        items = [i.model_copy(deep=True) for i in self.items()]
        try:
            items[index.row()] = items[index.row()].model_copy(update={col.field: col.from_text(str(value))})
            type(items[index.row()]).model_validate(items[index.row()].model_dump())
            self.document.set_part(self.part, items, N_("Edit {what}"), what=lambda: _(col.header).lower())
        except ValueError:
            return False
        return True

    # -- list operations (each one undo step) --------------------------------
    def add_row(self) -> int:
        items = [*self.items(), self.factory()]
        self.document.set_part(self.part, items, N_("Add row"))
        return len(items) - 1

    def remove_row(self, row: int) -> None:
        items = list(self.items())
        if 0 <= row < len(items):
            del items[row]
            self.document.set_part(self.part, items, N_("Remove row"))

    def move_row(self, row: int, delta: int) -> int:
        items = list(self.items())
        dest = row + delta
        if not (0 <= row < len(items) and 0 <= dest < len(items)):
            return row
        items[row], items[dest] = items[dest], items[row]
        self.document.set_part(self.part, items, N_("Move row"))
        return dest

    def _on_document_changed(self, what: str) -> None:
        if what not in (self.part, "all"):
            return
        n = len(self.items())
        if n != self._rows:
            self.beginResetModel()
            self._rows = n
            self.endResetModel()
        elif n:
            self.dataChanged.emit(self.index(0, 0), self.index(n - 1, len(self.columns) - 1))

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, max(0, len(self.columns) - 1))


class _PaddedDelegate(QStyledItemDelegate):
    """Wrapped cells get the same breathing room above and below as one-line rows."""

    PADDING = 10

    def sizeHint(self, option, index) -> QSize:  # noqa: N802 - Qt API
        size = super().sizeHint(option, index)
        return QSize(size.width(), size.height() + self.PADDING)


class ComboDelegate(QStyledItemDelegate):
    """An editable combo box offering ``choices()`` while allowing free text."""

    def __init__(self, choices: Callable[[], list[str]], parent=None):
        super().__init__(parent)
        self.choices = choices

    def createEditor(self, parent, option, index):  # noqa: N802
        combo = QComboBox(parent)
        combo.setEditable(True)
        combo.addItems(self.choices())
        return combo

    def setEditorData(self, editor, index):  # noqa: N802
        editor.setCurrentText(str(index.data(Qt.ItemDataRole.EditRole) or ""))

    def setModelData(self, editor, model, index):  # noqa: N802
        model.setData(index, editor.currentText(), Qt.ItemDataRole.EditRole)


class ListTableEditor(QWidget):
    """Title, table, and add/remove/up/down buttons."""

    countChanged = Signal(int)

    def __init__(self, model: ListTableModel, title_msgid: str, parent: QWidget | None = None, stretch_column: int = 0):
        super().__init__(parent)
        self.model = model
        self.title_msgid = title_msgid
        self.title = QLabel(self)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.view = QTableView(self)
        self.view.setModel(model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setWordWrap(True)
        self.view.setAlternatingRowColors(True)
        self.view.setTabKeyNavigation(True)
        header = self.view.horizontalHeader()
        for c in range(model.columnCount()):
            mode = QHeaderView.ResizeMode.Stretch if c == stretch_column else QHeaderView.ResizeMode.Interactive
            header.setSectionResizeMode(c, mode)
        # Rows grow to show a long objective or description whole, wrapped at the column's
        # width (the lists are short); a one-line row keeps its padding.
        self.view.setItemDelegate(_PaddedDelegate(self.view))
        rows = self.view.verticalHeader()
        rows.setMinimumSectionSize(self.view.fontMetrics().height() + 14)
        rows.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.buttons: dict[str, QToolButton] = {}
        bar = QHBoxLayout()
        bar.addWidget(self.title, 1)
        for name, slot in (("add", self.add), ("remove", self.remove), ("up", self.up), ("down", self.down)):
            b = QToolButton(self)
            b.setIcon(icon(name))
            b.setAutoRaise(True)
            b.clicked.connect(slot)
            self.buttons[name] = b
            bar.addWidget(b)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        self.retranslateUi()

    def current_row(self) -> int:
        idx = self.view.currentIndex()
        return idx.row() if idx.isValid() else -1

    def add(self) -> None:
        row = self.model.add_row()
        index = self.model.index(row, 0)
        self.view.setCurrentIndex(index)
        self.view.edit(index)

    def remove(self) -> None:
        row = self.current_row()
        if row < 0:
            row = self.model.rowCount() - 1
        self.model.remove_row(row)

    def _move(self, delta: int) -> None:
        row = self.current_row()
        if row >= 0:
            dest = self.model.move_row(row, delta)
            self.view.setCurrentIndex(self.model.index(dest, max(0, self.view.currentIndex().column())))

    def up(self) -> None:
        self._move(-1)

    def down(self) -> None:
        self._move(1)

    def retranslateUi(self) -> None:  # noqa: N802
        self.title.setText(_(self.title_msgid))
        self.view.setAccessibleName(_(self.title_msgid))
        tips = {"add": _("Add a row"), "remove": _("Remove the selected row"), "up": _("Move up"), "down": _("Move down")}
        for name, b in self.buttons.items():
            b.setToolTip(tips[name])
            b.setAccessibleName(tips[name])
        self.model.retranslate()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)
