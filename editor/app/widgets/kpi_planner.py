"""The KPI planner of section 8: a KPI table and its trajectory chart.

``KpiTableModel`` presents ``document.proposal.kpis`` (direction inference,
progress and formatting live in ``editor.core.kpis``); each change is one
undo step. ``KpiPlanner(document, parent=None)`` shows a toolbar (add,
remove, suggested KPIs from the guide and DORA, milestones, chart mode),
the table, and the chart of the selected KPI or of all KPIs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QDate, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyledItemDelegate,
    QTableWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from editor.app.document import ProposalDocument
from editor.app.icons import icon
from editor.app.widgets.row_detail import DetailField
from editor.app.widgets.sheet import ChoiceDelegate, DocListModel, MultiLineDelegate, fresh_ids
from editor.app.widgets.sheet_editor import SheetEditorMixin
from editor.core import kpis as kp
from editor.core.model import Kpi, Milestone
from editor.i18n import N_, _, current_language, format_date, format_number

_Index = QModelIndex | QPersistentModelIndex
AUTO_COLOR = "#607d8b"
KPI_EDITABLE = frozenset(kp.KPI_COLUMNS) - {"id", "milestones"}
# The selected KPI's texts, edited under the table.
DETAIL_FIELDS = (DetailField("name", N_("KPI")), DetailField("unit", N_("Unit")),
                 DetailField("measurement", N_("Measurement"), True))


class KpiTableModel(DocListModel):
    """Table model over the document's KPIs; edits become undo commands."""

    part = "kpis"
    item_class = Kpi
    id_prefix = "K"
    columns = kp.KPI_COLUMNS
    editable = KPI_EDITABLE
    nullable = frozenset({"baseline", "target", "deadline", "direction"})

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _(kp.KPI_COLUMN_LABELS[self.columns[section]])
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole:
            if self.columns[section] == "direction":
                return _("Inferred from baseline and target; choose one to override")
            if self.columns[section] == "milestones":
                return _("Double-click to plan intermediate values")
        return None

    @staticmethod
    def is_blank(kpi: Kpi) -> bool:
        return kpi.model_dump(exclude={"id"}) == Kpi(id=kpi.id).model_dump(exclude={"id"})

    def reserved_ids(self) -> set[str]:
        # An ID an objective still links to is not given to a new KPI (it would re-link it).
        return {i for objective in self.document.proposal.objectives for i in objective.kpi_ids}

    def display_text(self, kpi: Kpi, column: str) -> str:
        lang = current_language()
        if column in ("baseline", "target"):
            value = getattr(kpi, column)
            return "" if value is None else format_number(value, lang)
        if column == "category":
            return kp.category_label(kpi.category)
        if column == "direction":
            if kpi.direction:
                return kp.direction_label(kpi.direction)
            inferred = kp.infer_direction(kpi.baseline, kpi.target)
            return _("{direction} (auto)").format(direction=kp.direction_label(inferred)) if inferred else ""
        if column == "deadline":
            return format_date(kpi.deadline, lang, "medium") if kpi.deadline else ""
        if column == "milestones":
            return kp.format_milestones(kpi)
        return str(getattr(kpi, column) or "")

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        kpi: Kpi = self.item(index.row())
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display_text(kpi, column)
        if role == Qt.ItemDataRole.EditRole:
            return getattr(kpi, column)
        if role == Qt.ItemDataRole.UserRole:
            return kpi.id
        if role == Qt.ItemDataRole.ForegroundRole and column == "direction" and not kpi.direction:
            return QBrush(QColor(AUTO_COLOR))
        if role == Qt.ItemDataRole.FontRole and column == "direction" and not kpi.direction:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column in ("id", "baseline", "target"):
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == "name" and kpi.is_complete:
                return kp.kpi_target_text(kpi)
            if column == "name":
                return _("To count as measurable, a KPI needs a name, baseline, target and deadline, and a unit "
                         "unless its name says what it counts (“Number of incidents per month”).")
            if column == "unit" and not kpi.unit.strip() and not kpi.needs_unit:
                return _("A count: its name says what is counted, so it needs no unit.")
            if column == "measurement":
                return kpi.measurement or None
        if role == Qt.ItemDataRole.BackgroundRole and column in ("baseline", "target", "unit", "deadline"):
            if kpi.name.strip() and getattr(kpi, column) in (None, "") and (column != "unit" or kpi.needs_unit):
                return QBrush(QColor("#fff4d6"))  # missing for a complete KPI (a count needs no unit)
        return None

    def bad_value_text(self, value: Any, column: str = "") -> str:
        if column == "deadline":
            return _("{value} is not a date (use 2027-06-30 or 30/06/2027).").format(value=str(value).strip())
        if column == "milestones":
            return _("{value}: write milestones as 2027-03-31: 10; 2027-06-30: 5.").format(value=str(value).strip())
        return _("{value} is not a number.").format(value=str(value).strip())

    def edit_text(self, kpi: Kpi) -> str:
        return _("Edit KPI {id}").format(id=kpi.id)

    def add_text(self) -> str:
        return _("Add KPI")

    @staticmethod
    def convert(column: str, value: Any) -> Any:
        if column == "deadline" and isinstance(value, QDate):
            return value.toPython() if value.isValid() else None
        if value is None or (column in ("baseline", "target") and isinstance(value, (int, float))) \
                or (column == "deadline" and isinstance(value, dt.date)):
            return value
        return kp.convert_kpi_cell(column, str(value))

    def set_milestones(self, row: int, milestones: list[Milestone]) -> bool:
        kpi = self.item(row)
        if kpi.milestones == milestones:
            return False
        data = [m.model_dump() for m in milestones]
        return self.replace(row, {"milestones": data}, _("Edit milestones of {id}").format(id=kpi.id))

    def copy_text(self, rows: Sequence[int], columns: Sequence[int]) -> str:
        """The cells ``rows`` x ``columns`` as TSV: plain numbers, ISO dates, labels in the UI language."""
        items = self.items()
        chosen = [items[r] for r in rows if 0 <= r < len(items)]
        names = [self.columns[c] for c in columns] or list(self.columns)
        return kp.kpis_to_tsv(chosen, names, current_language()) if chosen else ""

    def paste_text(self, text: str, row: int, column: int, whole_rows: bool = False) -> int:
        """Paste spreadsheet text; returns how many rows were added or changed.

        Whole rows (a header row, rows as wide as the table with or without the ID
        column, or whole rows selected) are inserted as new KPIs, with new IDs, after
        ``row``; a smaller block overwrites cells from (``row``, ``column``), adding
        rows past the end.
        """
        from editor.core.risks import parse_tsv

        rows = [r for r in parse_tsv(text) if any(c.strip() for c in r)]
        if not rows:
            return 0
        width = max(len(r) for r in rows)
        whole = kp.kpi_header_columns(rows[0]) is not None or whole_rows or row < 0 or width >= len(self.columns) - 1
        if whole:
            start = 0 if width >= len(self.columns) else 1  # with the ID column, or from the name
            fields, warnings = kp.parse_kpi_rows(text, self.columns, start, current_language())
            fields = [f for f in fields if any(v not in ("", None, []) for v in f.values())]
            items = list(self.items())
            # Pasted on a blank row (just added for it): the first KPI takes its place and ID.
            blank = 0 <= row < len(items) and self.is_blank(items[row])
            ids = fresh_ids(self.used_ids(), len(fields), self.id_prefix)
            if blank and ids:
                ids = [items[row].id, *ids[:-1]]
            new = [Kpi.model_validate({"id": i, **f}) for i, f in zip(ids, fields)]
            at = len(items) if row < 0 else row + (0 if blank else 1)
            items[at:at + (1 if blank else 0)] = new
            ok = bool(new) and self.commit(items, _("Paste KPIs"))
        else:
            fields, warnings = kp.parse_kpi_rows(text, self.columns, column, current_language())
            ok = self.overwrite_rows(row, fields, _("Paste KPIs"))
        if warnings:
            self.message.emit(" ".join(warnings))
        return len(fields) if ok else 0

    def sorted_items(self, column: str, descending: bool) -> list:
        def key(k: Kpi):
            value = getattr(k, column) if column not in ("category", "direction", "milestones") else self.display_text(k, column)
            if isinstance(value, str):
                value = value.casefold()
            return (value in (None, ""), value if value not in (None, "") else 0)

        filled = sorted((k for k in self.items() if not key(k)[0]), key=lambda k: key(k)[1], reverse=descending)
        return filled + [k for k in self.items() if key(k)[0]]

    def move_text(self) -> str:
        return _("Move KPIs")

    def remove_text(self) -> str:
        return _("Remove KPIs")

    def sort_text(self, column: int) -> str:
        return _("Sort KPIs by {column}").format(column=_(kp.KPI_COLUMN_LABELS[self.columns[column]]))


class DateDelegate(QStyledItemDelegate):
    """A date picker (calendar popup) showing dates in the UI locale."""

    def createEditor(self, parent: QWidget, option, index: QModelIndex) -> QWidget:  # noqa: N802
        editor = QDateEdit(parent)
        editor.setCalendarPopup(True)
        editor.setDisplayFormat(_locale_date_format())
        return editor

    def setEditorData(self, editor: QDateEdit, index: QModelIndex) -> None:  # noqa: N802
        value = index.data(Qt.ItemDataRole.EditRole)
        editor.setDate(QDate(value) if value else QDate.currentDate().addMonths(6))

    def setModelData(self, editor: QDateEdit, model, index: QModelIndex) -> None:  # noqa: N802
        model.setData(index, editor.date(), Qt.ItemDataRole.EditRole)


def _locale_date_format() -> str:
    return "dd/MM/yyyy" if current_language() == "fr" else "d MMM yyyy"


class MilestonesDialog(QDialog):
    """Edit a KPI's milestones: a small date/value table."""

    def __init__(self, kpi: Kpi, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Milestones of {name}").format(name=kpi.name or kpi.id))
        self.table = QTableWidget(0, 2, self)
        self.table.setHorizontalHeaderLabels([_("Date"), _("Value")])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        for m in sorted(kpi.milestones, key=lambda m: m.date):
            self.add_row(m.date, m.value)
        add = QPushButton(icon("add"), _("Add milestone"), self)
        add.clicked.connect(lambda: self.add_row(None, kpi.target if kpi.target is not None else 0.0))
        remove = QPushButton(icon("remove"), _("Remove"), self)
        remove.clicked.connect(lambda: self.table.removeRow(self.table.currentRow()))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(add)
        row.addWidget(remove)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_("Intermediate values the KPI should reach, by date."), self))
        layout.addWidget(self.table)
        layout.addLayout(row)
        layout.addWidget(buttons)
        self.resize(420, 320)

    def add_row(self, date: dt.date | None, value: float) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        edit = QDateEdit(self.table)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat(_locale_date_format())
        edit.setDate(QDate(date) if date else QDate.currentDate().addMonths(3))
        spin = QDoubleSpinBox(self.table)
        spin.setRange(-1e12, 1e12)
        spin.setDecimals(3)
        spin.setValue(value)
        self.table.setCellWidget(row, 0, edit)
        self.table.setCellWidget(row, 1, spin)

    def milestones(self) -> list[Milestone]:
        out = []
        for row in range(self.table.rowCount()):
            date = self.table.cellWidget(row, 0).date().toPython()
            value = self.table.cellWidget(row, 1).value()
            out.append(Milestone(date=date, value=value))
        return sorted(out, key=lambda m: m.date)


class KpiPlanner(SheetEditorMixin, QWidget):
    """Section 8 editor: KPI table with presets and milestones, and the trajectory chart."""

    blank_row_column = "name"
    first_paste_column = 1  # column 0 is the read-only id

    def __init__(self, document: ProposalDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.build_sheet(document, KpiTableModel)
        col = self.model.columns.index

        self.view.setItemDelegateForColumn(col("measurement"), MultiLineDelegate(self.view))
        self.view.setItemDelegateForColumn(col("deadline"), DateDelegate(self.view))
        self.view.setItemDelegateForColumn(col("direction"), ChoiceDelegate(
            lambda: [(_("Automatic"), None)] + [(kp.direction_label(d), d) for d in ("lower", "higher")], False, self.view))
        self.view.setItemDelegateForColumn(col("category"), ChoiceDelegate(
            lambda: [("", "")] + [(kp.category_label(c), c) for c in kp.KPI_CATEGORIES], True, self.view))
        self.view.setItemDelegateForColumn(col("unit"), ChoiceDelegate(self._unit_choices, True, self.view))
        header = self.view.horizontalHeader()
        for name, width in (("id", 44), ("category", 120), ("baseline", 80), ("target", 80), ("unit", 110),
                            ("direction", 150), ("deadline", 110), ("milestones", 160)):
            self.view.setColumnWidth(col(name), width)
        # Fixed starting widths (the user can drag them): stretching squeezed the
        # name to a few letters in a narrow section page.
        self.view.setColumnWidth(col("name"), 220)
        self.view.setColumnWidth(col("measurement"), 260)
        header.setStretchLastSection(True)
        self.view.pin_columns(col("name") + 1)  # the KPI's name stays in view while the table scrolls sideways
        self.view.doubleClicked.connect(self._on_double_click)

        self.milestones_button = QToolButton(self)
        self.milestones_button.clicked.connect(self.edit_milestones)
        # "Chart: [mode]" as one piece, so that a wrapping toolbar keeps them together.
        chart_choice = QWidget(self)
        self.mode = QComboBox(chart_choice)
        # Long KPI names must not widen the page (it squeezed the section list and the docks).
        self.mode.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.mode.setMinimumContentsLength(12)
        self.mode.currentIndexChanged.connect(self._refresh_chart)
        self.mode_label = QLabel(chart_choice)
        self.mode_label.setBuddy(self.mode)
        row = QHBoxLayout(chart_choice)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.mode_label)
        row.addWidget(self.mode)

        from editor.app.charts import KpiTrajectoryView  # pyqtgraph loads with the first KPI tab

        self.chart = KpiTrajectoryView(self)
        bar = self.lay_out_sheet(self.chart, Qt.Orientation.Vertical, (1, 1), detail=DETAIL_FIELDS)
        bar.addWidget(self.milestones_button)
        bar.addWidget(chart_choice)

        self.connect_sheet()
        self.retranslateUi()

    # -- actions -------------------------------------------------------------------
    def current_kpi(self) -> Kpi | None:
        index = self.view.currentIndex()
        return self.model.item(index.row()) if index.isValid() else None

    def add_preset(self, key: str) -> None:
        from editor.core.presets import kpi_from_preset, load_presets

        preset = load_presets(current_language()).kpi(key)
        kpi = kpi_from_preset(preset, self.document.proposal)
        kpi = Kpi.model_validate({**kpi.model_dump(), "id": self.model.blank_items(1)[0].id})
        row = self.model.add_item(None, kpi, _("Add suggested KPI"))
        self.view.setCurrentIndex(self.model.index(row, self.model.columns.index("baseline")))

    def edit_milestones(self, row: int | None = None) -> None:
        if row is None:
            index = self.view.currentIndex()
            if not index.isValid():
                self.show_message(_("Select a KPI first."))
                return
            row = index.row()
        dialog = MilestonesDialog(self.model.item(row), self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.model.set_milestones(row, dialog.milestones())

    def _on_double_click(self, index: QModelIndex) -> None:
        if index.isValid() and self.model.columns[index.column()] == "milestones":
            self.edit_milestones(index.row())

    def _unit_choices(self) -> list[tuple[str, str]]:
        units = ["days", "hours", "minutes", "%", "deployments/week", "updates/month"]
        if current_language() == "fr":
            units = ["jours", "heures", "minutes", "%", "déploiements/semaine", "mises à jour/mois"]
        return [(u, u) for u in units]

    # -- sync ----------------------------------------------------------------------------
    def _on_document_changed(self, what: str) -> None:
        if what in ("kpis", "all"):
            self._refresh_chart()

    def _refresh_chart(self) -> None:
        kpi = self.current_kpi()
        overview = self.mode.currentIndex() == 1 or kpi is None
        self.chart.set_kpis(self.document.proposal.kpis, kpi.id if kpi else None, overview=overview)
        self.remove_button.setEnabled(bool(self.document.proposal.kpis))
        self.milestones_button.setEnabled(kpi is not None)

    def _on_current_row(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self._current_id = self.model.item(current.row()).id
        self._refresh_chart()

    def _fill_suggest_menu(self) -> None:
        presets = self.load_suggestions()
        if presets is None:
            return
        present = {k.name.strip() for k in self.document.proposal.kpis}
        for group, title in (("guide", _("From the guide")), ("dora", _("DORA metrics"))):
            self.suggest_menu.addSection(title)
            for preset in presets.kpis:
                if preset.group != group:
                    continue
                action = self.suggest_menu.addAction(f"{preset.name} ({preset.unit})")
                action.setToolTip(preset.measurement)
                action.setEnabled(preset.name not in present)
                action.triggered.connect(lambda _c=False, key=preset.key: self.add_preset(key))

    # -- translation -------------------------------------------------------------------------
    def retranslateUi(self) -> None:  # noqa: N802 - Qt naming
        self.translate_toolbar(_("Add KPI"), _("Remove the selected KPIs"),
                               _("Suggest KPIs"), _("Add a KPI from the guide or the DORA metrics"),
                               _("Chart"), _("Show or hide the trajectory chart"))
        self.milestones_button.setText(_("Milestones…"))
        self.milestones_button.setToolTip(_("Plan intermediate values for the selected KPI"))
        self.mode_label.setText(_("Chart:"))
        current = max(self.mode.currentIndex(), 0)
        self.mode.blockSignals(True)
        self.mode.clear()
        self.mode.addItems([_("Selected KPI"), _("All KPIs (% of the way to target)")])
        self.mode.setCurrentIndex(current)
        self.mode.blockSignals(False)
        self.chart.set_language(None)
        self._refresh_chart()
