"""The review panel: the guide check's findings, each a click to its place (the section,
and the row, cell or words the finding's ``Location`` names), and "n of 10 sections
meet the guide". It is fed findings by its owner (the
main window runs the check once, debounced, for the panel and the status icons)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from editor.app.icons import icon
from editor.core.guide import load_guide
from editor.i18n import _, current_language, ngettext

if TYPE_CHECKING:
    from editor.core.checks import Finding


class ReviewPanel(QWidget):
    sectionRequested = Signal(str)
    #: the finding clicked (a ``checks.Finding``), for the window to show its place
    findingRequested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._findings: list[Finding] = []
        self._meeting = 0
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        font = self.summary.font()
        font.setBold(True)
        self.summary.setFont(font)
        self.list = QListWidget(self)
        self.list.setWordWrap(True)
        self.list.setIconSize(QSize(16, 16))
        self.list.setAlternatingRowColors(True)
        self.list.itemActivated.connect(self._on_item)
        self.list.itemClicked.connect(self._on_item)
        from editor.app.widgets.comments_view import CommentsList

        self.comments = CommentsList(self)  # the proposal's review comments, under the findings
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.summary)
        layout.addWidget(self.list, 2)
        layout.addWidget(self.comments, 1)
        self.retranslateUi()

    def set_findings(self, findings: list[Finding], meeting: int) -> None:
        self._findings = list(findings)
        self._meeting = meeting
        self._fill()

    def findings(self) -> list[Finding]:
        return list(self._findings)

    def _fill(self) -> None:
        guide = load_guide(current_language())
        self.list.clear()
        findings = self._findings  # already in the guide's order, errors first (core.checks.check)
        for f in findings:
            number = guide.section(f.section).number if f.section else ""
            item = QListWidgetItem(icon(f"finding-{f.severity}" if f.severity in ("error", "warning") else "finding-info"),
                                   f"{number}. {f.message}" if number else f.message)
            item.setData(Qt.ItemDataRole.UserRole, f.section)
            item.setData(Qt.ItemDataRole.UserRole + 1, f)
            sev = {"error": _("Must fix"), "warning": _("Suggestion")}.get(f.severity, _("Note"))
            item.setToolTip(_("{severity}: click to go there").format(severity=sev))
            self.list.addItem(item)
        if not findings:
            item = QListWidgetItem(icon("status-ok"), _("No problems found: the proposal follows the guide."))
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.list.addItem(item)
        if self._meeting == 0:
            self.summary.setText(_("None of the 10 sections meets the guide yet"))
        else:
            self.summary.setText(ngettext("{n} of 10 sections meets the guide", "{n} of 10 sections meet the guide",
                                          self._meeting).format(n=self._meeting))

    def _on_item(self, item: QListWidgetItem) -> None:
        section = item.data(Qt.ItemDataRole.UserRole)
        if section:
            self.sectionRequested.emit(section)
            self.findingRequested.emit(item.data(Qt.ItemDataRole.UserRole + 1))

    def retranslateUi(self) -> None:  # noqa: N802
        self.list.setAccessibleName(_("Findings of the guide check"))
        self._fill()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)
