"""The spreadsheet-like table shared by the risk table and the KPI planner.

``DocListModel`` presents one list part of the document (``risks`` or
``kpis``) without owning it: every change builds a new list and hands it to
``document.set_part`` with a readable undo text, so each edit is exactly one
step on the document's undo stack. ``SheetView`` adds what a spreadsheet user
expects: Enter/Tab move between cells (Enter on the last row adds one),
Delete clears, Ctrl+C/X/V copy and paste tab-separated rows, drag to reorder,
click a header to sort; ``pin_columns(n)`` keeps the first columns in place while
it scrolls sideways (``frozen_columns.PinnedColumns``). ``MultiLineDelegate`` edits long text in a
QPlainTextEdit (Enter commits, Shift/Alt+Enter starts a new line);
``ChoiceDelegate`` picks a value from a combo box. The toolbar, messages and
chart around the sheet are in ``editor.app.widgets.sheet_editor``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QByteArray,
    QEvent,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QPlainTextEdit,
    QStyledItemDelegate,
    QTableView,
    QWidget,
)

from editor.app.document import ProposalDocument
from editor.app.widgets.frozen_columns import PinnedColumnsHost
from editor.i18n import _

_Index = QModelIndex | QPersistentModelIndex
ROWS_MIME = "application/x-proposal-editor-rows"


def fresh_ids(existing: Iterable[str], count: int, prefix: str) -> list[str]:
    """``count`` new ids (``R4``, ``R5``...) not in ``existing``, numbered after the highest one."""
    used = set(existing)
    out: list[str] = []
    numbers = [int(i[len(prefix):]) for i in used if i.startswith(prefix) and i[len(prefix):].isdigit()]
    n = max(numbers, default=0) + 1
    while len(out) < count:
        candidate = f"{prefix}{n}"
        if candidate not in used:
            out.append(candidate)
            used.add(candidate)
        n += 1
    return out


class DocListModel(QAbstractTableModel):
    """Base table model over ``document.proposal.<part>`` (a list of pydantic items)."""

    part = ""
    #: the pydantic class of the items, and the prefix of their ids (``R1``, ``K1``)
    item_class: type = object
    id_prefix = ""
    columns: tuple[str, ...] = ()
    editable: frozenset[str] = frozenset()
    #: editable columns a cleared cell sets to None (the others become "")
    nullable: frozenset[str] = frozenset()
    #: a user-facing message (bad value, paste warnings), shown by the widget
    message = Signal(str)

    def __init__(self, document: ProposalDocument, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self._ids = [item.id for item in self.items()]
        document.changed.connect(self._on_document_changed)

    # -- helpers ---------------------------------------------------------------
    def items(self) -> list:
        return getattr(self.document.proposal, self.part)

    def item(self, row: int):
        return self.items()[row]

    def column_name(self, column: int) -> str:
        return self.columns[column]

    def row_of(self, item_id: str) -> int:
        return next((i for i, it in enumerate(self.items()) if it.id == item_id), -1)

    def commit(self, items: Sequence[Any], text: str, merge_key: str | None = None) -> bool:
        """Hand a new list to the document as one undo step (edits sharing ``merge_key`` within a
        pause merge, as typing does); False (and a message) if refused."""
        try:
            self.document.set_part(self.part, list(items), text, merge_key=merge_key)
        except ValueError as exc:
            self.message.emit(str(exc).splitlines()[0])
            return False
        return True

    def _on_document_changed(self, what: str) -> None:
        if what not in (self.part, "all"):
            return
        ids = [item.id for item in self.items()]
        if ids == self._ids:
            if ids:
                self.dataChanged.emit(self.index(0, 0), self.index(len(ids) - 1, len(self.columns) - 1))
            return
        # Rows came, went or moved: a reset is simplest; views restore the current cell by id.
        self.beginResetModel()
        self._ids = ids
        self.endResetModel()

    # -- Qt model API -----------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.items())

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.columns)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        flags = (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsDragEnabled
            | Qt.ItemFlag.ItemIsDropEnabled
        )
        if self.columns[index.column()] in self.editable:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        column = self.columns[index.column()]
        if column not in self.editable:
            return False
        try:
            converted = self.convert(column, value)
        except ValueError:
            self.message.emit(self.bad_value_text(value, column))
            return False
        item = self.item(index.row())
        if getattr(item, column) == converted:
            return False
        return self.replace(index.row(), {column: converted}, self.edit_text(item))

    def supportedDropActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:  # noqa: N802
        return [ROWS_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:  # noqa: N802
        rows = sorted({i.row() for i in indexes if i.isValid()})
        mime = QMimeData()
        mime.setData(ROWS_MIME, QByteArray(",".join(map(str, rows)).encode()))
        return mime

    def dropMimeData(self, data: QMimeData, action, row: int, column: int, parent: _Index) -> bool:  # noqa: N802
        if not data.hasFormat(ROWS_MIME):
            return False
        try:
            rows = [int(r) for r in bytes(data.data(ROWS_MIME).data()).decode().split(",") if r]
        except ValueError:
            return False
        target = row if row >= 0 else (parent.row() if parent.isValid() else self.rowCount())
        self.move_rows(rows, target)
        # False: the move is done; the view must not also remove the dragged rows.
        return False

    # -- edits (each one undo step) -----------------------------------------------
    def move_rows(self, rows: Sequence[int], target: int) -> bool:
        """Move ``rows`` so they sit before ``target`` (a row number of the old order)."""
        items = self.items()
        rows = sorted(r for r in set(rows) if 0 <= r < len(items))
        if not rows:
            return False
        moving = [items[r] for r in rows]
        rest = [it for i, it in enumerate(items) if i not in rows]
        insert_at = target - sum(1 for r in rows if r < target)
        insert_at = max(0, min(insert_at, len(rest)))
        new = rest[:insert_at] + moving + rest[insert_at:]
        if [i.id for i in new] == [i.id for i in items]:
            return False
        return self.commit(new, self.move_text())

    def remove_rows(self, rows: Sequence[int]) -> bool:
        items = self.items()
        drop = set(rows)
        if not drop:
            return False
        return self.commit([it for i, it in enumerate(items) if i not in drop], self.remove_text())

    def insert_items(self, row: int, new_items: Sequence[Any], text: str) -> bool:
        items = list(self.items())
        row = max(0, min(row, len(items)))
        return self.commit(items[:row] + list(new_items) + items[row:], text)

    @staticmethod
    def updated(item: Any, fields: dict[str, Any]) -> Any:
        """A copy of ``item`` with ``fields`` changed, validated again."""
        return type(item).model_validate({**item.model_dump(), **fields})

    def replace(self, row: int, fields: dict[str, Any], text: str, merge_key: str | None = None) -> bool:
        items = list(self.items())
        items[row] = self.updated(items[row], fields)
        return self.commit(items, text, merge_key)

    def reserved_ids(self) -> set[str]:
        """IDs that new items must not take besides the items' own (links from elsewhere)."""
        return set()

    def used_ids(self) -> set[str]:
        return {it.id for it in self.items()} | self.reserved_ids()

    def overwrite_rows(self, row: int, fields: Sequence[dict[str, Any]], text: str) -> bool:
        """Set ``fields`` (one dict a row) on the rows from ``row``, adding rows past the end; one step."""
        items = list(self.items())
        extra = max(0, row + len(fields) - len(items))
        items += self.blank_items(extra) if extra else []
        for offset, f in enumerate(fields):
            items[row + offset] = self.updated(items[row + offset], f)
        return self.commit(items, text)

    def blank_items(self, count: int) -> list:
        """``count`` empty items with fresh ids."""
        return [self.item_class(id=i) for i in fresh_ids(self.used_ids(), count, self.id_prefix)]

    def add_item(self, row: int | None = None, item: Any = None, text: str | None = None) -> int:
        """Insert ``item`` (blank by default) at ``row`` (end by default); returns its row."""
        row = self.rowCount() if row is None else row
        item = item or self.blank_items(1)[0]
        self.insert_items(row, [item], text or self.add_text())
        return self.row_of(item.id)

    def clear_cells(self, rows: Sequence[int], columns: Sequence[int]) -> bool:
        """Empty the editable cells of ``rows`` x ``columns`` as one step."""
        names = [self.columns[c] for c in columns if self.columns[c] in self.editable]
        if not rows or not names:
            return False
        items = list(self.items())
        blank = {n: (None if n in self.nullable else "") for n in names}
        for r in rows:
            if 0 <= r < len(items):
                items[r] = self.updated(items[r], blank)
        return self.commit(items, _("Clear cells"))

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Reorder the document's list by ``column`` (one undo step)."""
        new = self.sorted_items(self.columns[column], order == Qt.SortOrder.DescendingOrder)
        if [i.id for i in new] != [i.id for i in self.items()]:
            self.commit(new, self.sort_text(column))

    # -- for subclasses -------------------------------------------------------------
    def convert(self, column: str, value: Any) -> Any:  # pragma: no cover
        """The value to store for what was typed in ``column``; ValueError when it is not understood."""
        raise NotImplementedError

    def bad_value_text(self, value: Any, column: str = "") -> str:  # pragma: no cover
        raise NotImplementedError

    def edit_text(self, item: Any) -> str:  # pragma: no cover
        raise NotImplementedError

    def add_text(self) -> str:  # pragma: no cover
        raise NotImplementedError

    def sorted_items(self, column: str, descending: bool) -> list:  # pragma: no cover
        raise NotImplementedError

    def move_text(self) -> str:  # pragma: no cover
        raise NotImplementedError

    def remove_text(self) -> str:  # pragma: no cover
        raise NotImplementedError

    def sort_text(self, column: int) -> str:  # pragma: no cover
        raise NotImplementedError


class MultiLineDelegate(QStyledItemDelegate):
    """Edits long text in a QPlainTextEdit; Enter commits, Shift/Alt/Ctrl+Enter adds a line."""

    def createEditor(self, parent: QWidget, option, index: QModelIndex) -> QWidget:  # noqa: N802
        from editor.app.widgets.cell_editor import cell_text_editor  # highlighting and spelling

        editor = cell_text_editor(parent, index)
        editor.installEventFilter(self)
        return editor

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:  # noqa: N802
        if isinstance(editor, QPlainTextEdit):
            editor.setPlainText(str(index.data(Qt.ItemDataRole.EditRole) or ""))
            view = self.parent()
            # Typing over a cell replaces it, as in a spreadsheet; F2/double-click keeps the text.
            if isinstance(view, SheetView) and view.last_trigger == QAbstractItemView.EditTrigger.AnyKeyPressed:
                editor.selectAll()
            else:
                editor.moveCursor(editor.textCursor().MoveOperation.End)
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model, index: QModelIndex) -> None:  # noqa: N802
        if isinstance(editor, QPlainTextEdit):
            model.setData(index, editor.toPlainText(), Qt.ItemDataRole.EditRole)
        else:
            super().setModelData(editor, model, index)

    def updateEditorGeometry(self, editor: QWidget, option, index: QModelIndex) -> None:  # noqa: N802
        rect = option.rect
        # Grow downwards so several lines are visible while editing.
        rect.setHeight(max(rect.height(), 96))
        editor.setGeometry(rect)

    def eventFilter(self, editor: QObject, event: QEvent) -> bool:  # noqa: N802
        if isinstance(editor, QPlainTextEdit) and event.type() == QEvent.Type.KeyPress:
            key = event.key()
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if event.modifiers() & (
                    Qt.KeyboardModifier.ShiftModifier
                    | Qt.KeyboardModifier.AltModifier
                    | Qt.KeyboardModifier.ControlModifier
                ):
                    editor.insertPlainText("\n")
                    return True
                self.commitData.emit(editor)
                self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.SubmitModelCache)
                return True
            if key == Qt.Key.Key_Tab:
                self.commitData.emit(editor)
                self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.EditNextItem)
                return True
            if key == Qt.Key.Key_Backtab:
                self.commitData.emit(editor)
                self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.EditPreviousItem)
                return True
            if key == Qt.Key.Key_Escape:
                self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.RevertModelCache)
                return True
        return super().eventFilter(editor, event)


class SheetView(PinnedColumnsHost, QTableView):
    """A QTableView that edits like a spreadsheet over a ``DocListModel``.

    The owner connects ``pasteRequested(text)``, ``clearRequested()`` (Delete) and
    ``addRowRequested()`` (Enter on the last row) to the model's operations; copying
    goes straight to the model's ``copy_text``.
    """

    addRowRequested = Signal()
    pasteRequested = Signal(str)
    clearRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.last_trigger = QAbstractItemView.EditTrigger.NoEditTriggers
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setWordWrap(True)
        self.setAlternatingRowColors(True)
        self.setTabKeyNavigation(True)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.verticalHeader().setMinimumSectionSize(26)
        header = self.horizontalHeader()
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(False)
        header.sectionClicked.connect(self._on_header_clicked)
        self._sort_column = -1
        self._sort_order = Qt.SortOrder.AscendingOrder

    # -- editing flow ------------------------------------------------------------
    def edit(self, index, trigger=None, event=None):  # noqa: D401 - Qt overload
        if trigger is None:
            return super().edit(index)
        self.last_trigger = trigger
        return super().edit(index, trigger, event)  # a pinned cell: PinnedColumnsHost edits it in the overlay

    def closeEditor(self, editor: QWidget, hint) -> None:  # noqa: N802
        if editor.parentWidget() is not self.viewport():
            return  # the pinned columns' editor (their delegates are ours)
        if hint == QAbstractItemDelegate.EndEditHint.SubmitModelCache:
            # Enter in an editor: commit and go down, as in a spreadsheet.
            super().closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
            self.move_down()
            return
        super().closeEditor(editor, hint)

    def move_down(self) -> None:
        index = self.currentIndex()
        model = self.model()
        if model is None:
            return
        column = index.column() if index.isValid() else 1
        row = index.row() if index.isValid() else -1
        if row + 1 >= model.rowCount():
            self.addRowRequested.emit()
            if model.rowCount() > row + 1:
                self.setCurrentIndex(model.index(row + 1, self.first_editable_column()))
            return
        self.setCurrentIndex(model.index(row + 1, column))

    def first_editable_column(self) -> int:
        model = self.model()
        for column in range(model.columnCount()):
            if model.columns[column] in model.editable:
                return column
        return 0

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if self.state() != QAbstractItemView.State.EditingState:
            if event.matches(QKeySequence.StandardKey.Copy):
                self.copy_selection()
                return
            if event.matches(QKeySequence.StandardKey.Cut):
                self.copy_selection()
                self.clearRequested.emit()
                return
            if event.matches(QKeySequence.StandardKey.Paste):
                self.pasteRequested.emit(QGuiApplication.clipboard().text())
                return
            if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and not event.modifiers():
                self.clearRequested.emit()
                return
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers():
                self.move_down()
                return
            doc = getattr(self.model(), "document", None)
            if doc is not None and event.matches(QKeySequence.StandardKey.Undo):
                doc.undo_stack.undo()
                return
            if doc is not None and event.matches(QKeySequence.StandardKey.Redo):
                doc.undo_stack.redo()
                return
        super().keyPressEvent(event)

    # -- clipboard ---------------------------------------------------------------------
    def selected_rows(self) -> list[int]:
        return sorted({i.row() for i in self.selectionModel().selectedIndexes()}) if self.selectionModel() else []

    def selection_rect(self) -> tuple[list[int], list[int]]:
        """Rows and columns spanned by the selection (the current cell when nothing is selected)."""
        indexes = self.selectionModel().selectedIndexes() if self.selectionModel() else []
        if not indexes and self.currentIndex().isValid():
            indexes = [self.currentIndex()]
        rows = sorted({i.row() for i in indexes})
        columns = sorted({i.column() for i in indexes if not self.isColumnHidden(i.column())})
        return rows, columns

    def copy_selection(self) -> str:
        text = self.model().copy_text(*self.selection_rect())
        if text:
            QGuiApplication.clipboard().setText(text)
        return text

    # -- sorting by header click ----------------------------------------------------------
    def _on_header_clicked(self, column: int) -> None:
        if column == self._sort_column:
            self._sort_order = (
                Qt.SortOrder.DescendingOrder
                if self._sort_order == Qt.SortOrder.AscendingOrder
                else Qt.SortOrder.AscendingOrder
            )
        else:
            self._sort_column, self._sort_order = column, Qt.SortOrder.AscendingOrder
        self.horizontalHeader().setSortIndicatorShown(True)
        self.horizontalHeader().setSortIndicator(column, self._sort_order)
        self.model().sort(column, self._sort_order)

    def select_row_of(self, item_id: str, column: int | None = None) -> None:
        """Make the row of ``item_id`` current (keeps the column when possible)."""
        model = self.model()
        row = model.row_of(item_id)
        if row < 0:
            return
        col = column if column is not None else max(self.currentIndex().column(), 0)
        index = model.index(row, col)
        self.setCurrentIndex(index)
        self.scrollTo(index)


class ChoiceDelegate(QStyledItemDelegate):
    """A combo box for category, status, likelihood and impact (ids stored, labels shown)."""

    def __init__(self, choices, editable: bool = False, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._choices = choices  # callable -> list[(label, value)]
        self._editable = editable

    def createEditor(self, parent: QWidget, option, index: QModelIndex) -> QWidget:  # noqa: N802
        combo = QComboBox(parent)
        combo.setEditable(self._editable)
        for label, value in self._choices():
            combo.addItem(label, value)
        return combo

    def setEditorData(self, editor: QComboBox, index: QModelIndex) -> None:  # noqa: N802
        value = index.data(Qt.ItemDataRole.EditRole)
        pos = editor.findData(value)
        if pos >= 0:
            editor.setCurrentIndex(pos)
        elif self._editable:
            editor.setEditText("" if value is None else str(value))

    def setModelData(self, editor: QComboBox, model, index: QModelIndex) -> None:  # noqa: N802
        if self._editable and editor.currentText() != editor.itemText(editor.currentIndex()):
            model.setData(index, editor.currentText(), Qt.ItemDataRole.EditRole)
            return
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
