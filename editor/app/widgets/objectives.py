"""Section 4's list of objectives: text and the KPI(s) that measure each one."""

from __future__ import annotations

import re

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from editor.app.document import ProposalDocument
from editor.app.widgets.cell_editor import SpellingCellDelegate
from editor.app.widgets.list_table import Column, ComboDelegate, ListTableEditor, ListTableModel
from editor.core.model import Objective
from editor.i18n import N_, _, ngettext

_ID_RE = re.compile(r"^[A-Za-z0-9_.-]{1,40}$")


def parse_kpi_ids(text: str) -> list[str]:
    """"K1, K2 — Deployment time" -> ["K1", "K2"]: ids before any dash label, invalid parts dropped."""
    ids = []
    for part in re.split(r"[,;\s]+", text.split("—")[0].split(" - ")[0]):
        part = part.strip()
        if part and _ID_RE.match(part) and part not in ids:
            ids.append(part)
    return ids


class ObjectivesEditor(QWidget):
    placement = "bottom"

    def __init__(self, document: ProposalDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        columns = [
            Column("text", N_("Objective"), tooltip=N_("A specific, measurable MLOps objective")),
            Column(
                "kpi_ids",
                N_("Measured by KPI"),
                to_text=lambda ids: ", ".join(ids),
                from_text=parse_kpi_ids,
                tooltip=N_("Id(s) of the KPI(s) of section 8 that measure this objective"),
            ),
        ]
        self.model = ListTableModel(document, "objectives", Objective, columns, self)
        self.table = ListTableEditor(self.model, N_("Objectives"), self)
        self.table.view.setItemDelegateForColumn(1, ComboDelegate(self._kpi_choices, self.table.view))
        self.table.view.setItemDelegateForColumn(0, SpellingCellDelegate(self.table.view))
        self.table.view.setColumnWidth(1, 170)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.hint)
        document.changed.connect(self._on_changed)
        self.retranslateUi()

    def _kpi_choices(self) -> list[str]:
        return [""] + [f"{k.id} — {k.name}" if k.name else k.id for k in self.document.proposal.kpis]

    def _on_changed(self, what: str) -> None:
        if what in ("objectives", "kpis", "all"):
            self._update_hint()

    def _update_hint(self) -> None:
        n = len(self.document.proposal.objectives)
        text = _("No objectives yet; the guide expects 3 to 5.") if n == 0 else ngettext(
            "{count} objective; the guide expects 3 to 5.", "{count} objectives; the guide expects 3 to 5.", n).format(count=n)
        if not self.document.proposal.kpis:
            text += " " + _("Link objectives to KPIs once you define them in section 8.")
        self.hint.setText(text)

    def retranslateUi(self) -> None:  # noqa: N802
        self._update_hint()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)
