"""What the risk table and the KPI planner show around their sheet.

``SheetEditorMixin`` builds the add/remove/suggest toolbar, the message
under the table, the form of the current row's long texts (``row_detail``) and
the splitter that puts the table beside or above its chart; it turns the
toolbar and the sheet's requests into edits of the ``DocListModel`` (see
``editor.app.widgets.sheet``), keeps the current row across model resets and
retranslates on a language switch.

The layout follows the room it has: below ``WIDE_MIN_PX`` a chart that sat
beside the table goes under it, and under the table a chart starts folded when
the editor is lower than ``TALL_MIN_PX`` (a toolbar button shows it; the
choice is kept for that layout).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtWidgets import (
    QLabel,
    QMenu,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from editor.app.document import ProposalDocument
from editor.app.icons import icon
from editor.app.widgets.flow_layout import FlowLayout
from editor.app.widgets.row_detail import DetailField, RowDetail
from editor.app.widgets.sheet import DocListModel, SheetView
from editor.i18n import _, current_language

if TYPE_CHECKING:
    from editor.core.presets import Presets

MESSAGE_COLOR = "#a4161a"
WIDE_MIN_PX = 1000  # narrower: the chart goes under the table, which keeps the width
TALL_MIN_PX = 620  # lower: a chart under the table starts folded, so the rows stay in view


class SheetEditorMixin:
    """What the risk table and the KPI planner do alike around their SheetView:
    the toolbar, the message under the table and the table/chart splitter
    (``build_sheet``, ``lay_out_sheet``), remove/clear/paste on the selection,
    keeping the current row across model resets, and the language switch.
    Editors provide ``_fill_suggest_menu``, ``_on_current_row``,
    ``_on_document_changed`` and ``retranslateUi``."""

    _current_id: str | None = None
    _current_col: int = 1
    #: where typing starts in a new blank row
    blank_row_column = ""
    #: where a paste starts at most (columns before it are read-only)
    first_paste_column = 0

    # -- building -------------------------------------------------------------------
    def build_sheet(self, document: ProposalDocument, model_class: type[DocListModel]) -> None:
        """Create the model over ``document`` and its SheetView (no row numbers),
        the add/remove/suggest buttons and the message label."""
        self.document = document
        self.model = model_class(document, self)
        self.view = SheetView(self)
        self.view.setModel(self.model)
        self.view.verticalHeader().setVisible(False)
        self.view.addRowRequested.connect(self.add_blank_row)
        self.view.pasteRequested.connect(self.paste)
        self.view.clearRequested.connect(self.clear_selection)
        self.add_button = self._text_button("add", self.add_blank_row)
        self.remove_button = self._text_button("remove", self.remove_selected)
        self.suggest_button = QToolButton(self)
        self.suggest_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.suggest_menu = QMenu(self.suggest_button)
        self.suggest_menu.aboutToShow.connect(self._fill_suggest_menu)
        self.suggest_button.setMenu(self.suggest_menu)
        self.message = QLabel(self)
        self.message.setStyleSheet(f"color: {MESSAGE_COLOR};")
        self.message.setWordWrap(True)
        self.message.hide()
        self._message_timer = QTimer(self, singleShot=True, interval=9000, timeout=self.message.hide)

    def _text_button(self, icon_name: str, slot: Callable | None) -> QToolButton:
        button = QToolButton(self)
        button.setIcon(icon(icon_name))
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        if slot is not None:
            button.clicked.connect(slot)
        return button

    def lay_out_sheet(
        self,
        chart: QWidget,
        orientation: Qt.Orientation,
        stretch: tuple[int, int],
        under_table: Sequence[QWidget] = (),
        detail: Sequence[DetailField] = (),
    ) -> FlowLayout:
        """Lay out the toolbar on top and ``self.splitter`` below: the table (the form of
        the current row's ``detail`` fields, the message and ``under_table`` under it),
        then ``chart``, beside the table (``orientation`` horizontal, when the editor is
        wide enough) or under it. Returns the toolbar, holding the add/remove/suggest
        buttons and the chart's show/hide button, for the editor's own widgets; it wraps
        onto a second line rather than widen a narrow window."""
        bar = FlowLayout()
        self.chart = chart
        self.chart_button = self._text_button("preview", None)
        self.chart_button.setCheckable(True)
        self.chart_button.toggled.connect(self._on_chart_toggled)
        for widget in (self.add_button, self.remove_button, self.suggest_button, self.chart_button):
            bar.addWidget(widget)
        self.splitter = QSplitter(orientation, self)
        self.splitter.setChildrenCollapsible(False)
        table = QWidget(self.splitter)
        table_layout = QVBoxLayout(table)
        table_layout.setContentsMargins(0, 0, 0, 0)
        table_layout.addWidget(self.view, 1)
        self.detail = RowDetail(self.model, self.view, detail, table) if detail else None
        for widget in (self.detail, self.message, *under_table):
            if widget is not None:
                table_layout.addWidget(widget)
        self.splitter.addWidget(table)
        self.splitter.addWidget(chart)
        for index, factor in enumerate(stretch):
            self.splitter.setStretchFactor(index, factor)
        self._beside_orientation = orientation
        self._placement: str | None = None
        self._chart_choice: dict[str, bool] = {}  # placement -> shown, as the user chose
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.splitter, 1)
        return bar

    # -- the room it has ----------------------------------------------------------------
    def chart_placement(self) -> str:
        """"beside" (the chart right of the table) or "under"."""
        wide = self.width() >= WIDE_MIN_PX
        return "beside" if self._beside_orientation == Qt.Orientation.Horizontal and wide else "under"

    def fit_layout(self) -> None:
        """Put the chart beside or under the table, shown or folded, for the editor's size."""
        placement = self.chart_placement()
        if placement != self._placement:
            self._placement = placement
            self.splitter.setOrientation(Qt.Orientation.Horizontal if placement == "beside" else Qt.Orientation.Vertical)
            self.placement_changed(placement)
            self._split_evenly()
        shown = self._chart_choice.get(placement, placement == "beside" or self.height() >= TALL_MIN_PX)
        if shown != (not self.chart.isHidden()):
            self._show_chart(shown)
        self._fit_detail()
        if self.chart_button.isChecked() != shown:
            self.chart_button.blockSignals(True)
            self.chart_button.setChecked(shown)
            self.chart_button.blockSignals(False)

    def placement_changed(self, placement: str) -> None:
        """For editors that show more or less when the chart moves (the keyboard hint)."""

    def _split_evenly(self) -> None:
        horizontal = self.splitter.orientation() == Qt.Orientation.Horizontal
        total = max(self.splitter.width() if horizontal else self.splitter.height(), 2)
        first = int(total * (0.6 if horizontal else 0.55))
        self.splitter.setSizes([first, total - first])

    def _on_chart_toggled(self, shown: bool) -> None:
        self._chart_choice[self._placement or self.chart_placement()] = shown
        self._show_chart(shown)

    def _show_chart(self, shown: bool) -> None:
        self.chart.setVisible(shown)
        self._fit_detail()
        self._split_evenly()

    def _fit_detail(self) -> None:
        if self.detail is not None:
            # Under a low table the chart takes the row form's place (the cells stay editable), or no row would show.
            crowded = not self.chart.isHidden() and self._placement == "under" and self.height() < TALL_MIN_PX
            if self.detail.isHidden() != crowded:
                self.detail.setVisible(not crowded)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self.fit_layout()

    def connect_sheet(self) -> None:
        """Wire the current-row memory, the model's messages and document changes."""
        self.view.selectionModel().currentRowChanged.connect(self._on_current_row)
        self.model.modelAboutToBeReset.connect(self._remember_current)
        self.model.modelReset.connect(self._restore_current)
        self.model.message.connect(self.show_message)
        self.document.changed.connect(self._on_document_changed)

    # -- actions ----------------------------------------------------------------------
    def add_blank_row(self) -> None:
        """Add an empty row under the current one and start typing in it."""
        index = self.view.currentIndex()
        row = self.model.add_item(index.row() + 1 if index.isValid() else None)
        self.view.setCurrentIndex(self.model.index(row, self.model.columns.index(self.blank_row_column)))
        self.view.setFocus()

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()
        self._message_timer.start()

    def remove_selected(self) -> None:
        rows, _cols = self.view.selection_rect()
        if rows:
            self.model.remove_rows(rows)

    def clear_selection(self) -> None:
        self.model.clear_cells(*self.view.selection_rect())

    def paste(self, text: str) -> None:
        """Paste spreadsheet rows at the current cell (whole rows when rows are selected)."""
        index = self.view.currentIndex()
        selection = self.view.selectionModel()
        whole = bool(selection and selection.selectedRows())
        row = index.row() if index.isValid() else -1
        count = self.model.paste_text(text, row, max(index.column(), self.first_paste_column), whole_rows=whole)
        if count == 0 and text.strip():
            self.show_message(self.nothing_to_paste_text())

    def nothing_to_paste_text(self) -> str:
        return _("Nothing to paste: the clipboard holds no table rows.")

    def load_suggestions(self) -> Presets | None:
        """Empty the suggest menu; the presets in the UI language, or None (and a message) when unreadable."""
        from editor.core.presets import PresetError, load_presets

        self.suggest_menu.clear()
        try:
            return load_presets(current_language())
        except PresetError as exc:
            self.show_message(str(exc))
            return None

    # -- current row ------------------------------------------------------------------------
    def _remember_current(self) -> None:
        index = self.view.currentIndex()
        self._current_col = index.column() if index.isValid() else 1
        self._current_row = index.row() if index.isValid() else -1
        if index.isValid() and index.row() < len(self.model._ids):
            self._current_id = self.model._ids[index.row()]

    def _restore_current(self) -> None:
        if self._current_id and self.model.row_of(self._current_id) >= 0:
            self.view.select_row_of(self._current_id, self._current_col)
        elif getattr(self, "_current_row", -1) >= 0 and self.model.rowCount():
            # The current row went away: the row now in its place (or the last) becomes current.
            self.view.setCurrentIndex(self.model.index(min(self._current_row, self.model.rowCount() - 1), self._current_col))
        else:
            self._start_on_first_row()

    def _start_on_first_row(self) -> None:
        """A current cell on the first row, as a spreadsheet opens on A1: the row's form shows it."""
        if not self.view.currentIndex().isValid() and self.model.rowCount():
            self.view.setCurrentIndex(self.model.index(0, self.view.first_editable_column()))

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        self._start_on_first_row()

    # -- translation ------------------------------------------------------------------------
    def translate_toolbar(self, add: str, remove_tip: str, suggest: str, suggest_tip: str, chart: str = "",
                          chart_tip: str = "") -> None:
        """Set the toolbar's texts (the editor-specific ones given translated) and refresh the headers."""
        self.chart_button.setText(chart)
        self.chart_button.setToolTip(chart_tip)
        if self.detail is not None:
            self.detail.retranslateUi()
        self.add_button.setText(add)
        self.add_button.setToolTip(_("Add an empty row (Enter on the last row does the same)"))
        self.remove_button.setText(_("Remove"))
        self.remove_button.setToolTip(remove_tip)
        self.suggest_button.setText(suggest)
        self.suggest_button.setToolTip(suggest_tip)
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.model.columnCount() - 1)
        # No column narrower than its header ("Valeur actuelle" was cut); wider ones stay as the user left them.
        header = self.view.horizontalHeader()
        for column in range(self.model.columnCount()):
            if not self.view.isColumnHidden(column):
                self.view.setColumnWidth(column, max(self.view.columnWidth(column), header.sectionSizeHint(column)))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)
