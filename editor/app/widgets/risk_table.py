"""The risk/mitigation table of section 7, with its 5x5 matrix beside or under it.

``RiskTableModel`` presents ``document.proposal.risks`` (scoring, sorting and
TSV logic live in ``editor.core.risks``); every change is one step on the
document's undo stack. ``RiskEditor(document, parent=None)`` is the widget the
section page shows: a toolbar (add, remove, suggest risks, show the matrix), the
table with its ID and Risk columns pinned while it scrolls sideways, the form of
the selected risk's long texts, and the risk matrix, which follows the table and
selects rows when clicked; the matrix goes under the table when the page is narrow.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QHeaderView, QLabel, QWidget

from editor.app.document import ProposalDocument
from editor.app.widgets.row_detail import DetailField
from editor.app.widgets.sheet import ChoiceDelegate, DocListModel, MultiLineDelegate, fresh_ids
from editor.app.widgets.sheet_editor import SheetEditorMixin
from editor.core import risks as rk
from editor.core.model import RISK_CATEGORIES, RISK_STATUSES, Risk
from editor.i18n import N_, _, current_language

_Index = QModelIndex | QPersistentModelIndex
MISSING_MITIGATION_BG = "#fde7e6"
MISSING_MITIGATION_FG = "#a4161a"
# Columns a pasted row fills when it carries no header: our own copy (all
# columns), our copy without ids, or a plain sheet of the editable fields.
PASTE_FIELDS: tuple[str, ...] = ("description", "category", "likelihood", "impact", "mitigation", "owner", "status")
# The selected risk's long texts, edited under the table.
DETAIL_FIELDS = (DetailField("description", N_("Risk"), True), DetailField("mitigation", N_("Mitigation"), True),
                 DetailField("owner", N_("Owner")))


class RiskTableModel(DocListModel):
    """Table model over the document's risks; edits become undo commands."""

    part = "risks"
    item_class = Risk
    id_prefix = "R"
    columns = rk.RISK_COLUMNS
    editable = rk.EDITABLE_COLUMNS
    nullable = frozenset({"likelihood", "impact"})

    # -- display -----------------------------------------------------------------
    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal:
            if role == Qt.ItemDataRole.DisplayRole:
                return rk.column_label(self.columns[section])
            if role == Qt.ItemDataRole.ToolTipRole and self.columns[section] == "score":
                return _("Likelihood × impact: low 1–4, medium 5–9, high 10–25")
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return str(section + 1)
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        risk: Risk = self.item(index.row())
        column = self.columns[index.column()]
        missing = column == "mitigation" and rk.needs_mitigation(risk)
        if role == Qt.ItemDataRole.DisplayRole:
            if missing:
                return "⚠ " + _("No mitigation yet")
            return rk.risk_cell_text(risk, column)
        if role == Qt.ItemDataRole.EditRole:
            return getattr(risk, column) if column != "score" else risk.score
        if role == Qt.ItemDataRole.UserRole:
            return risk.id
        if role == Qt.ItemDataRole.BackgroundRole:
            if column == "score" and risk.score is not None:
                return QBrush(QColor(rk.ZONE_COLORS[rk.risk_zone(risk)]))
            if missing:
                return QBrush(QColor(MISSING_MITIGATION_BG))
        if role == Qt.ItemDataRole.ForegroundRole:
            if missing:
                return QBrush(QColor(MISSING_MITIGATION_FG))
            if column == "score" and risk.score is not None:
                return QBrush(QColor("#1b1b1b"))
        if role == Qt.ItemDataRole.FontRole and (missing or column == "score"):
            font = QFont()
            font.setItalic(missing)
            font.setBold(column == "score")
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column in ("id", "likelihood", "impact", "score"):
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(risk, column, missing)
        return None

    def _tooltip(self, risk: Risk, column: str, missing: bool) -> str | None:
        if missing:
            return _("This risk has no mitigation yet: say how you will reduce it.")
        if column == "likelihood" and risk.likelihood:
            return _(rk.LIKELIHOOD_LABELS[risk.likelihood - 1])
        if column == "impact" and risk.impact:
            return _(rk.IMPACT_LABELS[risk.impact - 1])
        if column == "score" and risk.score is not None:
            return rk.zone_label(rk.risk_zone(risk))
        if column in ("description", "mitigation"):
            return getattr(risk, column) or None
        return None

    # -- edits ---------------------------------------------------------------------
    def bad_value_text(self, value: Any, column: str = "") -> str:
        return _("{value} is not a whole number from 1 to 5.").format(value=str(value).strip() or "''")

    def edit_text(self, risk: Risk) -> str:
        return _("Edit risk {id}").format(id=risk.id)

    def add_text(self) -> str:
        return _("Add risk")

    @staticmethod
    def convert(column: str, value: Any) -> Any:
        if column in ("likelihood", "impact"):
            if value is None or isinstance(value, int):
                if isinstance(value, int) and not 1 <= value <= 5:
                    raise ValueError(value)
                return value
            return rk.parse_level(str(value))
        return rk.convert_cell(column, "" if value is None else str(value))

    def copy_text(self, rows: Sequence[int], columns: Sequence[int]) -> str:
        """The cells ``rows`` x ``columns`` as TSV for the clipboard (labels in the UI language)."""
        items = self.items()
        chosen = [items[r] for r in rows if 0 <= r < len(items)]
        names = [self.columns[c] for c in columns] or list(self.columns)
        return rk.risks_to_tsv(chosen, names) if chosen else ""

    def paste_text(self, text: str, row: int, column: int, whole_rows: bool = False) -> int:
        """Paste spreadsheet text; returns how many rows were added or changed.

        Whole rows (a header row, a row of five or more cells, or whole rows
        selected) are inserted as new risks after ``row``; a smaller block
        overwrites cells from (``row``, ``column``), adding rows past the end.
        """
        rows = [r for r in rk.parse_tsv(text) if any(c.strip() for c in r)]
        if not rows:
            return 0
        width = max(len(r) for r in rows)
        has_header = rk.header_columns(rows[0]) is not None
        if has_header or whole_rows or width >= 5 or row < 0:
            if has_header:
                columns = self.columns
            elif width >= len(self.columns):
                columns = self.columns
            elif width == len(self.columns) - 1:
                columns = self.columns[1:]
            else:
                columns = PASTE_FIELDS
            fields, warnings = rk.parse_risk_rows(text, columns=columns)
            fields = [f for f in fields if any(v not in ("", None) for v in f.values())]
            ids = fresh_ids(self.used_ids(), len(fields), self.id_prefix)
            new = [Risk.model_validate({"id": i, **f}) for i, f in zip(ids, fields)]
            at = self.rowCount() if row < 0 else row + 1
            ok = bool(new) and self.insert_items(at, new, _("Paste risks"))
        else:
            fields, warnings = rk.parse_risk_rows(text, columns=self.columns, start_column=column)
            ok = self.overwrite_rows(row, fields, _("Paste risks"))
        if warnings:
            self.message.emit(" ".join(warnings))
        return len(fields) if ok else 0

    # -- sorting / moving texts -------------------------------------------------------
    def sorted_items(self, column: str, descending: bool) -> list:
        return rk.sort_risks(self.items(), column, descending, language=current_language())

    def move_text(self) -> str:
        return _("Move risks")

    def remove_text(self) -> str:
        return _("Remove risks")

    def sort_text(self, column: int) -> str:
        return _("Sort risks by {column}").format(column=rk.column_label(self.columns[column]))


def _level_choices(labels) -> list[tuple[str, Any]]:
    return [("", None)] + [(f"{n} · {_(labels[n - 1])}", n) for n in range(1, 6)]


class RiskEditor(SheetEditorMixin, QWidget):
    """Section 7 editor: risk table, suggestions, and the risk matrix beside it."""

    blank_row_column = "description"

    def __init__(self, document: ProposalDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.build_sheet(document, RiskTableModel)

        multi = MultiLineDelegate(self.view)
        col = self.model.columns.index
        self.view.setItemDelegateForColumn(col("description"), multi)
        self.view.setItemDelegateForColumn(col("mitigation"), multi)
        self.view.setItemDelegateForColumn(
            col("category"), ChoiceDelegate(lambda: [("", "")] + [(rk.category_label(c), c) for c in RISK_CATEGORIES], True, self.view))
        self.view.setItemDelegateForColumn(
            col("status"), ChoiceDelegate(lambda: [("", "")] + [(rk.status_label(s), s) for s in RISK_STATUSES], True, self.view))
        self.view.setItemDelegateForColumn(
            col("likelihood"), ChoiceDelegate(lambda: _level_choices(rk.LIKELIHOOD_LABELS), False, self.view))
        self.view.setItemDelegateForColumn(
            col("impact"), ChoiceDelegate(lambda: _level_choices(rk.IMPACT_LABELS), False, self.view))
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # Fixed starting widths the user can drag; the pinned Risk column stays in view however far it scrolls.
        for name, width in (("id", 44), ("description", 220), ("category", 120), ("likelihood", 78), ("impact", 64),
                            ("score", 56), ("mitigation", 280), ("owner", 110), ("status", 96)):
            self.view.setColumnWidth(col(name), width)
        header.setStretchLastSection(True)
        self.view.pin_columns(col("description") + 1)

        self.summary = QLabel(self)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: palette(placeholder-text); font-size: small;")

        from editor.app.charts import RiskMatrixView  # pyqtgraph loads with the first risk tab

        self.matrix = RiskMatrixView(self)
        bar = self.lay_out_sheet(self.matrix, Qt.Orientation.Horizontal, (3, 2), under_table=(self.hint,),
                                 detail=DETAIL_FIELDS)
        bar.addWidget(self.summary)

        self.connect_sheet()
        self.matrix.riskClicked.connect(self.select_risk)
        self.retranslateUi()
        self._refresh()

    # -- actions ---------------------------------------------------------------------
    def add_preset(self, key: str) -> None:
        from editor.core.presets import load_presets

        preset = load_presets(current_language()).risk(key)
        risk = self.model.blank_items(1)[0]
        risk = Risk.model_validate({**risk.model_dump(), **preset.model_dump(exclude={"key"}), "status": "open"})
        row = self.model.add_item(None, risk, _("Add suggested risk"))
        self.view.setCurrentIndex(self.model.index(row, self.model.columns.index("mitigation")))

    def select_risk(self, risk_id: str) -> None:
        self.view.select_row_of(risk_id)
        self.view.setFocus()

    # -- sync ------------------------------------------------------------------------------
    def _on_document_changed(self, what: str) -> None:
        if what in ("risks", "all"):
            self._refresh()

    def _refresh(self) -> None:
        risks = self.document.proposal.risks
        current = self.view.currentIndex()
        selected = self.model.item(current.row()).id if current.isValid() and current.row() < len(risks) else None
        self.matrix.set_risks(risks, selected)
        counts = rk.zone_counts(risks)
        missing = sum(1 for r in risks if rk.needs_mitigation(r))
        parts = [
            _("High {high} · medium {medium} · low {low}").format(**counts),
        ]
        if missing:
            parts.append(_("{count} without mitigation").format(count=missing))
        self.summary.setText(" · ".join(parts) if risks else _("No risks yet: add one or pick a suggestion."))
        self.remove_button.setEnabled(bool(risks))

    def _on_current_row(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self._current_id = self.model.item(current.row()).id
            self.matrix.set_selected(self._current_id)

    def _fill_suggest_menu(self) -> None:
        presets = self.load_suggestions()
        if presets is None:
            return
        present = {r.description.strip() for r in self.document.proposal.risks}
        for preset in presets.risks:
            title = preset.description.split(":")[0].strip()
            action = self.suggest_menu.addAction(title)
            action.setToolTip(preset.mitigation)
            action.setEnabled(preset.description not in present)
            action.triggered.connect(lambda _checked=False, key=preset.key: self.add_preset(key))

    # -- translation --------------------------------------------------------------------------
    def retranslateUi(self) -> None:  # noqa: N802 - Qt naming
        self.translate_toolbar(_("Add risk"), _("Remove the selected risks"),
                               _("Suggest risks"), _("Add a common MLOps risk with a proposed mitigation to adapt"),
                               _("Matrix"), _("Show or hide the risk matrix"))
        self.hint.setText(
            _("Tab/Enter move between cells · Shift+Enter: new line · Delete clears · "
              "Ctrl+C/Ctrl+V copy and paste rows with a spreadsheet · drag rows to reorder · "
              "click a header to sort")
        )
        self.matrix.set_language(None)
        self._refresh()

    def placement_changed(self, placement: str) -> None:
        # Under a narrow table the rows need the height more than the keyboard hint does (its tooltip keeps it).
        self.hint.setVisible(placement == "beside")
        self.view.setToolTip(self.hint.text())
