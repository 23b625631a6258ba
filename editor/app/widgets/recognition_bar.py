"""The bar above a section's text that offers, in one click, what the text holds for the tables.

"2 objectives are written in the text, not in the objectives table below. [Move them to the
objectives table]": the items come from :func:`editor.core.recognize.recognize`, the move is one
step on the document's undo stack (the section's text and its table change together). On section
1 the bar offers section 1's title when the proposal's own title is empty or the guide's generic
heading. It looks again a moment after the text changes (never on the keystroke itself).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QWidget

from editor.app.document import ProposalDocument
from editor.app.icons import icon
from editor.i18n import N_, _, ngettext

LOOK_DELAY_MS = 300
# The sections whose text may hold what a table or the title field should (editor.core.recognize.SECTION_PARTS).
OFFERING_SECTIONS = ("title", "objectives", "resources", "risks", "kpis")
BAR_STYLE = "#RecognitionBar { background: #e8f1fb; border: 1px solid #9cc0e8; border-radius: 4px; }"
# The part's name in an undo step: "Move the objectives written in the text to their table".
_PART_NAMES = {"objectives": N_("objectives"), "risks": N_("risks"), "kpis": N_("KPIs"),
               "data_sources": N_("data sources")}


def _texts(part: str, count: int) -> tuple[str, str]:
    """The bar's message and its button, for ``count`` items of ``part``."""
    if part == "objectives":
        return (ngettext("{count} objective is written in the text, not in the objectives table below.",
                         "{count} objectives are written in the text, not in the objectives table below.", count),
                ngettext("Move it to the objectives table", "Move them to the objectives table", count))
    if part == "risks":
        return (ngettext("{count} risk is written in the text, not in the risk table below.",
                         "{count} risks are written in the text, not in the risk table below.", count),
                ngettext("Move it to the risk table", "Move them to the risk table", count))
    if part == "kpis":
        return (ngettext("{count} KPI is written in the text, not in the KPI table below.",
                         "{count} KPIs are written in the text, not in the KPI table below.", count),
                ngettext("Move it to the KPI table", "Move them to the KPI table", count))
    return (ngettext("{count} data source is written in the text, not in the data-source table below.",
                     "{count} data sources are written in the text, not in the data-source table below.", count),
            ngettext("Move it to the data-source table", "Move them to the data-source table", count))


class RecognitionBar(QFrame):
    """Offers to move the items written in ``section_id``'s text into its table (or, on section 1,
    to take its title); hidden when there is nothing to offer."""

    applied = Signal(str)  # the part that received the items ("title" for the title)

    def __init__(self, document: ProposalDocument, section_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("RecognitionBar")
        self.setStyleSheet(BAR_STYLE)
        self.document = document
        self.section_id = section_id
        self._found = None  # a recognize.Found, or the title section 1 offers (str)
        self.icon = QLabel(self)  # its picture is drawn when the bar first shows (no SVG work at start-up)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.button = QPushButton(self)
        self.button.setDefault(False)
        self.button.clicked.connect(self.apply)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 6, 4)
        row.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.message, 1)
        row.addWidget(self.button, 0, Qt.AlignmentFlag.AlignVCenter)
        self._timer = QTimer(self, singleShot=True, interval=LOOK_DELAY_MS, timeout=self.refresh)
        document.changed.connect(self._on_document_changed)
        self.hide()
        self._timer.start()

    def _watched(self) -> set[str]:
        from editor.core.recognize import SECTION_PARTS

        part = SECTION_PARTS.get(self.section_id)
        return {self.section_id, "all", "title", "language"} | ({part} if part else set())

    def _on_document_changed(self, what: str) -> None:
        if what in self._watched():
            self._timer.start()  # the keystroke path: a timer restart, nothing more

    def offer(self):
        """What the bar offers now: a ``Found``, a title (str), or None."""
        return self._found

    def refresh(self) -> None:
        """Look at the section again and show or hide the bar."""
        proposal = self.document.proposal
        if self.section_id == "title":
            from editor.core.titles import title_from_section

            self._found = title_from_section(proposal)
        else:
            from editor.core.recognize import recognize

            self._found = recognize(proposal, self.section_id)
        self.retranslateUi()
        if self._found is not None and self.icon.pixmap().isNull():
            self.icon.setPixmap(icon("finding-info").pixmap(16, 16))
        self.setVisible(self._found is not None)

    def apply(self) -> None:
        """Move the items into the table (or take the title): one undo step."""
        self.refresh()
        found = self._found
        if found is None:
            return
        doc = self.document
        if isinstance(found, str):
            doc.set_title(found)
            self.applied.emit("title")
        else:
            from editor.core.recognize import move_into_structure

            text, items = move_into_structure(doc.proposal, found)
            with doc.named_group(N_("Move the {part} to their table"),
                                 part=lambda: _(_PART_NAMES[found.part])):
                doc.set_part(found.part, items)
                doc.set_section_text(self.section_id, text)
            self.applied.emit(found.part)
        self.refresh()

    def retranslateUi(self) -> None:  # noqa: N802 - Qt naming
        found = self._found
        if found is None:
            return
        if isinstance(found, str):
            if self.document.proposal.metadata.title.strip():
                message = _("Section 1 holds a title, but the proposal's title is the guide's generic heading "
                            "“{title}” (the cover page and the file's properties show it).").format(
                                title=self.document.proposal.metadata.title)
            else:
                message = _("Section 1 holds a title, but the proposal's title field is empty.")
            button = _("Use “{title}” as the title").format(title=found if len(found) <= 48 else found[:47] + "…")
            tip = found
        else:
            message, button = (text.format(count=found.count) for text in _texts(found.part, found.count))
            tip = "\n".join("• " + _label(c.item) for c in found.candidates[:12])
        self.message.setText(message)
        self.message.setToolTip(tip)
        self.button.setText(button)
        self.button.setToolTip(_("One step: Edit > Undo puts everything back as it was."))
        self.setAccessibleName(message)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)


def _label(item) -> str:
    for field in ("text", "description", "name"):
        value = getattr(item, field, "")
        if value:
            return value if len(value) <= 80 else value[:79] + "…"
    return ""
