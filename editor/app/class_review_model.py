"""The class report as a Qt table: a model over the core's :class:`ClassReport` rows and
columns (it presents them, it does not own them), sortable through a proxy."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt

from editor.app.icons import icon
from editor.core.review.report import GRADE, INT, NUMBER, SECTION, STATUS, ClassReport
from editor.i18n import current_language

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2
_SECTION_ORDER = {"ok": 2, "progress": 1, "empty": 0}


class ClassReviewModel(QAbstractTableModel):
    """One row per submission, the report's columns; section statuses as icons."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.report: ClassReport | None = None
        self._columns = []

    def set_report(self, report: ClassReport | None) -> None:
        self.beginResetModel()
        self.report = report
        self._columns = report.columns() if report is not None else []
        self.endResetModel()

    def retranslate(self) -> None:
        """The headers and texts in the current UI language."""
        if self.report is None:
            return
        self.report.language = current_language()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, max(0, len(self._columns) - 1))
        if self.rowCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, len(self._columns) - 1))

    def column_ids(self) -> list[str]:
        return [c.id for c in self._columns]

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() or self.report is None else len(self.report.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self._columns)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802 - Qt API
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self._columns):
            return super().headerData(section, orientation, role)
        header = self._columns[section].header(current_language())
        if role == Qt.ItemDataRole.DisplayRole:
            col = self._columns[section]
            return header.split(". ", 1)[0] if col.kind == SECTION else header
        if role == Qt.ItemDataRole.ToolTipRole:
            return header
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or self.report is None:
            return None
        row = self.report.rows[index.row()]
        col = self._columns[index.column()]
        if role == ROW_ROLE:
            return row
        value = col.value(row, self.report)
        lang = current_language()
        if role == Qt.ItemDataRole.DisplayRole:
            if col.kind == SECTION:
                return ""
            return col.text(value, lang).replace("\n", " · ")
        if role == Qt.ItemDataRole.DecorationRole and col.kind == SECTION and value:
            return icon(f"status-{value}")
        if role == Qt.ItemDataRole.DecorationRole and col.kind == STATUS and value == "unreadable":
            return icon("finding-error")
        if role == Qt.ItemDataRole.ToolTipRole:
            if col.kind == SECTION and value:
                return f"{col.header(lang)}: {col.text(value, lang)}"
            text = col.text(value, lang)
            return text if len(text) > 30 else None
        if role == Qt.ItemDataRole.TextAlignmentRole and col.kind in (INT, NUMBER, GRADE):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == SORT_ROLE:
            if col.kind == SECTION:
                return float(_SECTION_ORDER.get(value, -1))
            if isinstance(value, (int, float)):
                return float(value)
            return -1.0 if value is None and col.kind in (INT, NUMBER, GRADE) else col.text(value, lang).casefold()
        return None


class ClassReviewProxy(QSortFilterProxyModel):
    """Sorts numbers as numbers and text by its folded case (the model's SORT_ROLE)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)

    def lessThan(self, left, right) -> bool:  # noqa: N802 - Qt API
        a, b = left.data(SORT_ROLE), right.data(SORT_ROLE)
        if isinstance(a, float) and isinstance(b, float):
            return a < b
        if isinstance(a, (int, float)) != isinstance(b, (int, float)):
            return isinstance(a, (int, float))
        return str(a) < str(b)
