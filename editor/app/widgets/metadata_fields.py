"""Section 1's fields: the proposal title (metadata.title) and its authors."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QFormLayout, QLabel, QWidget

from editor.app.document import ProposalDocument
from editor.app.widgets.editors import DocLineEdit
from editor.i18n import _


def split_authors(text: str) -> list[str]:
    """"Ana Lima; Jo Martin" -> ["Ana Lima", "Jo Martin"]; commas separate names only when
    there is no semicolon (so "Martin, Jo; Lima, Ana" keeps "Martin, Jo" whole)."""
    sep = ";" if ";" in text else ","
    return [a.strip() for a in text.split(sep) if a.strip()]


class TitleAuthorsWidget(QWidget):
    placement = "top"

    def __init__(self, document: ProposalDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        meta = lambda: document.proposal.metadata  # noqa: E731
        self.title_edit = DocLineEdit(document, lambda: meta().title, document.set_title, ("title",), self)
        self.authors_edit = DocLineEdit(
            document,
            lambda: "; ".join(meta().authors),
            lambda text: document.set_authors(split_authors(text)),
            ("authors",),
            self,
        )
        self.title_label = QLabel(self)
        self.authors_label = QLabel(self)
        self.title_label.setBuddy(self.title_edit)
        self.authors_label.setBuddy(self.authors_edit)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 6)
        form.addRow(self.title_label, self.title_edit)
        form.addRow(self.authors_label, self.authors_edit)
        self.retranslateUi()

    def retranslateUi(self) -> None:  # noqa: N802
        self.title_label.setText(_("&Title:"))
        self.authors_label.setText(_("&Authors:"))
        self.title_edit.setPlaceholderText(_("The proposal's title, as it appears on the cover"))
        self.authors_edit.setPlaceholderText(_("Names separated by semicolons"))
        self.title_edit.setAccessibleName(_("Proposal title"))
        self.authors_edit.setAccessibleName(_("Authors"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)
