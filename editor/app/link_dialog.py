"""The small dialog of Format > Link: the text shown and the address (http(s) or mailto only)."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QWidget

from editor.core.markdown_edit import is_safe_link
from editor.i18n import _


class LinkDialog(QDialog):
    def __init__(self, text: str = "", url: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("LinkDialog")
        self.text_edit = QLineEdit(text, self)
        self.url_edit = QLineEdit(url, self)
        self.url_edit.setPlaceholderText("https://…")
        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #a4161a;")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.form = QFormLayout(self)
        self.text_label, self.url_label = QLabel(self), QLabel(self)
        self.text_label.setBuddy(self.text_edit)
        self.url_label.setBuddy(self.url_edit)
        self.form.addRow(self.text_label, self.text_edit)
        self.form.addRow(self.url_label, self.url_edit)
        self.form.addRow(self.problem)
        self.form.addRow(self.buttons)
        self.text_edit.textChanged.connect(self._validate)
        self.url_edit.textChanged.connect(self._validate)
        (self.url_edit if text else self.text_edit).setFocus()
        self.retranslateUi()

    def values(self) -> tuple[str, str]:
        return self.text_edit.text().strip(), self.url_edit.text().strip()

    def _validate(self) -> None:
        label, url = self.values()
        ok = bool(label) and is_safe_link(url)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)
        if url and not is_safe_link(url):
            self.problem.setText(_("A link starts with https://, http:// or mailto: and names a host."))
        elif not label and url:
            self.problem.setText(_("Write the text the link is shown as."))
        else:
            self.problem.setText("")

    def retranslateUi(self) -> None:  # noqa: N802
        self.setWindowTitle(_("Insert link"))
        self.text_label.setText(_("&Text:"))
        self.url_label.setText(_("&Address:"))
        self._validate()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)
