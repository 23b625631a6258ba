"""The review panel's "MLOps pillars" view: six rows, a tick or a warning, and what covers each pillar.

It follows the document on its own (a short pause after an edit, no work per
keystroke), computes :func:`editor.core.architecture.pillars.pillar_coverage`
in the interface language, and a click on a row asks for the section that
covers the pillar (section 5 for one nothing covers yet).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QSizePolicy, QVBoxLayout, QWidget

from editor.app.document import ProposalDocument
from editor.app.icons import icon
from editor.i18n import _, current_language

REFRESH_DELAY_MS = 400
MAX_SHOWN = 6  # names shown per pillar; the tooltip has them all


class PillarCoverageView(QWidget):
    sectionRequested = Signal(str)

    def __init__(self, document: ProposalDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.coverage = []
        self.title = QLabel(self)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.list = QListWidget(self)
        self.list.setWordWrap(False)  # one line a pillar, cut with an ellipsis; the tooltip says it all
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setIconSize(QSize(16, 16))
        self.list.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.list.itemClicked.connect(self._on_item)
        self.list.itemActivated.connect(self._on_item)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.list)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REFRESH_DELAY_MS)
        self._timer.timeout.connect(self.refresh)
        document.changed.connect(lambda _what: self._timer.start())
        self.retranslateUi()

    def refresh(self) -> None:
        from editor.core.architecture.pillars import pillar_coverage

        try:
            self.coverage = pillar_coverage(self.document.proposal, current_language())
        except Exception:  # noqa: BLE001 - a coverage bug must not take the review panel down
            self.coverage = []
        self.list.clear()
        for c in self.coverage:
            names = [e.text for e in c.components]
            names += [t for t in c.terms() if t.casefold() not in {n.casefold() for n in names}]
            if c.covered:
                shown = ", ".join(names[:MAX_SHOWN]) + (" …" if len(names) > MAX_SHOWN else "")
                text = _("{pillar}: {names}").format(pillar=c.title, names=shown)
                tip = c.title + "\n" + _("Covered by: {names}").format(names=", ".join(names))
            else:
                text = _("{pillar}: not covered").format(pillar=c.title)
                tip = c.title + "\n" + _("Nothing in the proposal covers this pillar yet: add a tool for it to "
                                          "the architecture (section 5) or say how the project handles it.")
            item = QListWidgetItem(icon("status-ok" if c.covered else "finding-warning"), text)
            item.setToolTip(tip)
            item.setData(Qt.ItemDataRole.UserRole, self._section_of(c))
            self.list.addItem(item)
        self._fit_height()

    @staticmethod
    def _section_of(coverage) -> str:
        if coverage.components or not coverage.words:
            return "architecture"
        return coverage.words[0].section

    def _fit_height(self) -> None:
        rows = sum(self.list.sizeHintForRow(i) for i in range(self.list.count()))
        self.list.setMaximumHeight(rows + 2 * self.list.frameWidth() + 4)

    def covered(self) -> dict[str, bool]:
        return {c.pillar: c.covered for c in self.coverage}

    def _on_item(self, item: QListWidgetItem) -> None:
        section = item.data(Qt.ItemDataRole.UserRole)
        if section:
            self.sectionRequested.emit(section)

    def retranslateUi(self) -> None:  # noqa: N802 - Qt naming
        self.title.setText(_("MLOps pillars"))
        self.list.setAccessibleName(_("Coverage of the six MLOps pillars"))
        self.refresh()

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self._fit_height()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)
