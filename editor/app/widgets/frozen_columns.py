"""The first columns of a sheet, pinned while it scrolls sideways (Qt's "frozen column" technique).

``PinnedColumns(view, count)`` is a second ``QTableView`` laid over the left of ``view`` (a
``SheetView``, which ``PinnedColumnsHost`` equips for it), on the same model and selection model,
showing only its first ``count`` columns.
The view under it keeps every column, so selection, copy and paste, row heights and keyboard
moves are unchanged; the overlay follows its row heights, column widths and vertical scrolling.
A pinned cell is edited in the overlay (``SheetView.edit`` sends it there); when that editor
closes with Tab or Enter, the view under it goes on to the next cell. Column delegates are the
view's own (``setItemDelegateForColumn`` on the view gives them to the overlay too).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, Qt, QTimer
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QAbstractItemDelegate, QAbstractItemView, QHeaderView, QTableView, QWidget

BORDER_PX = 2


class PinnedColumns(QTableView):
    """An overlay showing the first ``count`` columns of ``view`` in place."""

    def __init__(self, view: QTableView, count: int) -> None:
        super().__init__(view)
        self.view = view
        self.count = count
        self.setObjectName("PinnedColumns")
        self.setModel(view.model())
        self.setSelectionModel(view.selectionModel())
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keyboard stays with the view; its editors take focus
        self.verticalHeader().hide()
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for table in (self, view):
            table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        view.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setMinimumSectionSize(view.verticalHeader().minimumSectionSize())
        self.setWordWrap(view.wordWrap())
        self.setAlternatingRowColors(view.alternatingRowColors())
        self.setEditTriggers(view.editTriggers())
        self.setSelectionBehavior(view.selectionBehavior())
        self.setSelectionMode(view.selectionMode())
        self.setDragEnabled(view.dragEnabled())
        self.setDragDropMode(view.dragDropMode())
        self.setDefaultDropAction(view.defaultDropAction())
        self.setDropIndicatorShown(view.showDropIndicator())
        self.setAcceptDrops(view.acceptDrops())
        # Selected cells look the same as in the view, which has the focus.
        palette = self.palette()
        for role in (QPalette.ColorRole.Highlight, QPalette.ColorRole.HighlightedText):
            palette.setColor(QPalette.ColorGroup.Inactive, role, view.palette().color(QPalette.ColorGroup.Active, role))
        self.setPalette(palette)
        # A line where the pinned columns end, so the columns scrolling under them do not look cut.
        self.setStyleSheet(f"QTableView#PinnedColumns {{ border: none; border-right: {BORDER_PX}px solid #8a96a8; }}")
        header = self.horizontalHeader()
        header.setSectionsClickable(True)
        header.sectionClicked.connect(view.horizontalHeader().sectionClicked)
        header.sectionResized.connect(self._own_column_resized)
        view.horizontalHeader().sectionResized.connect(self._view_column_resized)
        view.horizontalHeader().sortIndicatorChanged.connect(self._copy_sort_indicator)
        view.verticalHeader().sectionResized.connect(lambda row, _old, new: self.setRowHeight(row, new))
        view.verticalScrollBar().valueChanged.connect(self.verticalScrollBar().setValue)
        self.verticalScrollBar().valueChanged.connect(view.verticalScrollBar().setValue)
        self._sync_timer = QTimer(self, singleShot=True, interval=0, timeout=self.sync)
        model = view.model()
        for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved, model.layoutChanged, model.dataChanged):
            signal.connect(self._sync_timer.start)
        for column in range(model.columnCount()):
            delegate = view.itemDelegateForColumn(column)
            if delegate is not None and column < count:
                self.setItemDelegateForColumn(column, delegate)
        view.installEventFilter(self)
        view.viewport().installEventFilter(self)
        self.sync()
        self.show()

    # -- following the view --------------------------------------------------------
    def sync(self) -> None:
        """Columns, widths, row heights and place taken again from the view."""
        view, model = self.view, self.view.model()
        for column in range(model.columnCount()):
            self.setColumnHidden(column, column >= self.count)
            if column < self.count:
                self.setColumnWidth(column, view.columnWidth(column))
        for row in range(model.rowCount()):
            self.setRowHeight(row, view.rowHeight(row))
        self.verticalScrollBar().setValue(view.verticalScrollBar().value())
        self.place()

    def width_pinned(self) -> int:
        """The view's width the overlay covers (its columns and the line after them)."""
        return sum(self.view.columnWidth(c) for c in range(self.count) if not self.view.isColumnHidden(c)) + BORDER_PX

    def place(self) -> None:
        view = self.view
        frame = view.frameWidth()
        left = frame + (view.verticalHeader().width() if view.verticalHeader().isVisible() else 0)
        self.horizontalHeader().setFixedHeight(view.horizontalHeader().height())
        self.setGeometry(left, frame, self.width_pinned(), view.viewport().height() + view.horizontalHeader().height())
        self.raise_()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt API
        if event.type() in (QEvent.Type.Resize, QEvent.Type.Show, QEvent.Type.LayoutRequest):
            self.place()
        return False

    def _view_column_resized(self, column: int, _old: int, new: int) -> None:
        if column < self.count and self.columnWidth(column) != new:
            self.setColumnWidth(column, new)
        self.place()

    def _own_column_resized(self, column: int, _old: int, new: int) -> None:
        # Dragging a pinned column's edge resizes the view's column (the overlay hides the view's own edge).
        if column < self.count and self.view.columnWidth(column) != new:
            self.view.setColumnWidth(column, new)

    def _copy_sort_indicator(self, column: int, order) -> None:
        header = self.horizontalHeader()
        header.setSortIndicatorShown(self.view.horizontalHeader().isSortIndicatorShown() and column < self.count)
        header.setSortIndicator(column, order)

    # -- editing -------------------------------------------------------------------
    def edit(self, index, trigger=None, event=None):  # noqa: D401 - Qt overload
        if trigger is None:
            return super().edit(index)
        if hasattr(self.view, "last_trigger"):
            self.view.last_trigger = trigger  # the delegates read it from the view (select-all on typing)
        return super().edit(index, trigger, event)

    def mousePressEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().mousePressEvent(event)
        self.view.setFocus()  # a click on a pinned cell leaves the keyboard to the view, as a click on it would

    def commitData(self, editor: QWidget) -> None:  # noqa: N802 - Qt API
        if editor.parentWidget() is self.viewport():  # delegates are shared with the view: ours only
            super().commitData(editor)

    def closeEditor(self, editor: QWidget, hint) -> None:  # noqa: N802 - Qt API
        if editor.parentWidget() is not self.viewport():
            return
        super().closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
        self.view.setFocus()
        after = getattr(self.view, "after_pinned_edit", None)
        if after is not None:
            after(hint)

    def pinned(self, index: QModelIndex) -> bool:
        return index.isValid() and index.column() < self.count


class PinnedColumnsHost:
    """What a table view (``SheetView``) does to host ``PinnedColumns``: comes before ``QTableView``
    in the bases. ``pin_columns(n)`` lays the overlay; edits of a pinned cell open in it; a
    column delegate set later goes to it too; scrolling keeps the current cell out from under it."""

    pinned: PinnedColumns | None = None

    def pin_columns(self, count: int) -> None:
        """Keep the first ``count`` columns in place while the sheet scrolls sideways."""
        self.pinned = PinnedColumns(self, count)

    def setItemDelegateForColumn(self, column: int, delegate) -> None:  # noqa: N802 - Qt API
        super().setItemDelegateForColumn(column, delegate)
        if self.pinned is not None and column < self.pinned.count:
            self.pinned.setItemDelegateForColumn(column, delegate)

    def edit(self, index, trigger=None, event=None):  # noqa: D401 - Qt overload
        if trigger is not None and self.pinned is not None and self.pinned.pinned(index):
            return self.pinned.edit(index, trigger, event)  # under the overlay: edited in it
        return super().edit(index) if trigger is None else super().edit(index, trigger, event)

    def commitData(self, editor: QWidget) -> None:  # noqa: N802 - Qt API
        if editor.parentWidget() is self.viewport():  # a delegate shared with the pinned columns: ours only
            super().commitData(editor)

    def scrollTo(self, index, hint=QAbstractItemView.ScrollHint.EnsureVisible) -> None:  # noqa: N802 - Qt API
        if self.pinned is None or not index.isValid():
            super().scrollTo(index, hint)
            return
        bar = self.horizontalScrollBar()
        before = bar.value()
        super().scrollTo(index, hint)
        if self.pinned.pinned(index):
            bar.setValue(before)  # a pinned cell is always in view: only scroll up or down
            return
        covered = self.pinned.width_pinned() - self.visualRect(index).left()
        if covered > 0:  # not under the pinned columns
            bar.setValue(bar.value() - covered)

    def after_pinned_edit(self, hint) -> None:
        """Go on after a pinned cell's editor closed, as after one of ours (Tab: next cell, Enter: down)."""
        end = QAbstractItemDelegate.EndEditHint
        if hint == end.SubmitModelCache:
            self.move_down()
        elif hint in (end.EditNextItem, end.EditPreviousItem):
            action = (QAbstractItemView.CursorAction.MoveNext if hint == end.EditNextItem
                      else QAbstractItemView.CursorAction.MovePrevious)
            index = self.moveCursor(action, Qt.KeyboardModifier.NoModifier)
            if index.isValid():
                self.setCurrentIndex(index)
                if index.flags() & Qt.ItemFlag.ItemIsEditable:
                    self.edit(index, QAbstractItemView.EditTrigger.EditKeyPressed, None)
