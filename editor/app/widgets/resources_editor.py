"""Section 6: the GitHub POC URL (validated), data sources (name, URL, licence
with a picker of common SPDX ids, free text allowed) and useful resources."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QSplitter, QVBoxLayout, QWidget
from PySide6.QtCore import Qt

from editor.app.document import ProposalDocument
from editor.app.icons import icon
from editor.app.widgets.cell_editor import SpellingCellDelegate
from editor.app.widgets.editors import DocLineEdit
from editor.app.widgets.list_table import Column, ComboDelegate, ListTableEditor, ListTableModel
from editor.core.model import DataSource, Resource
from editor.i18n import N_, _

# Common open licences for data and code, as SPDX ids (etalab-2.0: the French "Licence Ouverte").
SPDX_LICENCES: tuple[str, ...] = (
    "CC0-1.0",
    "CC-BY-4.0",
    "CC-BY-SA-4.0",
    "ODbL-1.0",
    "ODC-By-1.0",
    "PDDL-1.0",
    "etalab-2.0",
    "CDLA-Permissive-2.0",
    "CDLA-Sharing-1.0",
    "MIT",
    "Apache-2.0",
    "BSD-3-Clause",
    "GPL-3.0-or-later",
    "CC-BY-NC-4.0",
)

_HOST_RE = re.compile(r"^[A-Za-z0-9.-]+\.[A-Za-z]{2,}(:\d+)?$")


def url_problem(url: str) -> str | None:
    """None when ``url`` is empty or a plausible http(s) URL, else a message id (translate at use)."""
    url = url.strip()
    if not url:
        return None
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not _HOST_RE.match(parts.netloc.rsplit("@", 1)[-1]):
        return N_("Not a web address: it should start with https:// and name a host.")
    if " " in url:
        return N_("A web address cannot contain spaces.")
    return None


def poc_hint(url: str) -> str | None:
    """A message id when the URL is valid but is not a repository (the guide asks for GitHub)."""
    url = url.strip()
    if not url or url_problem(url):
        return None
    host = urlsplit(url).netloc.lower()
    if not any(h in host for h in ("github.com", "gitlab", "bitbucket.org", "codeberg.org")):
        return N_("The guide asks for a link to a GitHub repository.")
    return None


class ResourcesEditor(QWidget):
    placement = "bottom"

    def __init__(self, document: ProposalDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.poc_label = QLabel(self)
        self.poc_edit = DocLineEdit(document, lambda: document.proposal.poc_url, document.set_poc_url, ("poc_url",), self)
        self.poc_label.setBuddy(self.poc_edit)
        self.poc_status_icon = QLabel(self)
        self.poc_status = QLabel(self)
        self.poc_status.setWordWrap(True)
        status_row = QHBoxLayout()
        status_row.addWidget(self.poc_status_icon)
        status_row.addWidget(self.poc_status, 1)
        form = QFormLayout()
        form.addRow(self.poc_label, self.poc_edit)
        form.addRow("", status_row)

        sources_cols = [
            Column("name", N_("Data source")),
            Column("url", N_("URL")),
            Column("licence", N_("Licence"), tooltip=N_("An SPDX id such as CC-BY-4.0, or the licence's name")),
        ]
        self.sources_model = ListTableModel(document, "data_sources", DataSource, sources_cols, self)
        self.sources = ListTableEditor(self.sources_model, N_("Data sources"), self)
        self.sources.view.setItemDelegateForColumn(2, ComboDelegate(lambda: list(SPDX_LICENCES), self.sources.view))
        self.sources.view.setItemDelegateForColumn(0, SpellingCellDelegate(self.sources.view))
        self.sources.view.setColumnWidth(1, 220)
        self.sources.view.setColumnWidth(2, 140)

        resource_cols = [Column("title", N_("Title")), Column("url", N_("URL"))]
        self.resources_model = ListTableModel(document, "resources", Resource, resource_cols, self)
        self.resources = ListTableEditor(self.resources_model, N_("Useful resources"), self)
        self.resources.view.setItemDelegateForColumn(0, SpellingCellDelegate(self.resources.view))
        self.resources.view.setColumnWidth(1, 260)

        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.sources)
        split.addWidget(self.resources)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(split, 1)
        self.poc_edit.textChanged.connect(self._validate)
        self.retranslateUi()

    def _validate(self) -> None:
        text = self.poc_edit.text()
        problem = url_problem(text)
        hint = poc_hint(text)
        if problem:
            self.poc_status_icon.setPixmap(icon("finding-error").pixmap(16, 16))
            self.poc_status.setText(_(problem))
        elif hint:
            self.poc_status_icon.setPixmap(icon("finding-warning").pixmap(16, 16))
            self.poc_status.setText(_(hint))
        elif text.strip():
            self.poc_status_icon.setPixmap(icon("status-ok").pixmap(16, 16))
            self.poc_status.setText(_("Valid repository address."))
        else:
            self.poc_status_icon.clear()
            self.poc_status.setText(_("Paste the address of your GitHub proof of concept."))
        self.poc_edit.setAccessibleDescription(self.poc_status.text())

    def retranslateUi(self) -> None:  # noqa: N802
        self.poc_label.setText(_("&POC repository:"))
        self.poc_edit.setPlaceholderText("https://github.com/…")
        self.poc_edit.setAccessibleName(_("POC repository URL"))
        self._validate()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)
