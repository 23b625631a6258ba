"""Section 1's fields: the proposal's one title (metadata.title) and its authors.

The title field is the one place the title is edited: the cover page, the window, the file's
properties and the Markdown ``#`` heading show it. Section 1's text, under it, holds what the
student adds (a subtitle, a sentence on the title); see ``editor.core.titles``. When section 1
starts with the title itself (as the guide's "1. Project Title" asks), typing in the title field
changes that line too, in the same undo step, so the two never disagree.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QFormLayout, QLabel, QWidget

from editor.app.document import MERGE_PAUSE_S, ProposalDocument
from editor.app.widgets.editors import DocLineEdit
from editor.core.model import Metadata
from editor.i18n import _

_TITLE_CMD_ID = 1019


class _TitleCommand(QUndoCommand):
    """The title and section 1's title line, edited together; typing merges as the title field's own edits do."""

    def __init__(self, doc: ProposalDocument, session: int, before: tuple[str, str], after: tuple[str, str]) -> None:
        super().__init__()
        self._doc, self.session, self.before, self.after = doc, session, before, after
        self.stamp = time.monotonic()
        self.retranslate()

    def retranslate(self) -> None:
        self.setText(_("Edit title"))

    def id(self) -> int:  # noqa: A003 - Qt API
        return _TITLE_CMD_ID

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt API
        if not isinstance(other, _TitleCommand) or other.session != self.session or other.stamp - self.stamp > MERGE_PAUSE_S:
            return False
        self.after, self.stamp = other.after, other.stamp
        return True

    def _apply(self, values: tuple[str, str]) -> None:
        title, section = values
        self._doc._apply_part("title", title)
        self._doc._apply_section("title", section)

    def redo(self) -> None:
        self._apply(self.after)

    def undo(self) -> None:
        self._apply(self.before)


class TitleField(DocLineEdit):
    """The proposal's title; mirrors itself into section 1's first line when that line is the title."""

    def __init__(self, document: ProposalDocument, parent: QWidget | None = None) -> None:
        super().__init__(document, lambda: document.proposal.metadata.title, self._set_title, ("title",), parent)
        self._session = 0
        self._mirror: tuple[str, int, int] | None = None  # section 1's text and the title's span in it
        self._started = False

    def focusInEvent(self, event) -> None:  # noqa: N802 - Qt API
        self._started = False  # a new visit: its first key decides again
        super().focusInEvent(event)

    def _set_title(self, text: str) -> None:
        from editor.core.titles import title_span
        from editor.core.vocab import fold

        doc = self._doc
        if not self._started:  # the first key of this visit decides whether section 1 follows
            self._started = True
            section = doc.proposal.sections.get("title", "")
            span = title_span(section)
            title = doc.proposal.metadata.title
            same = span is not None and title.strip() and fold(section[span[0]:span[1]]) == fold(title)
            self._mirror = (section, *span) if same else None
            self._session += 1
        if self._mirror is None:
            doc.set_title(text)
            return
        section, start, end = self._mirror
        new = Metadata(title=text).title  # validated as set_title would (one line)
        before = (doc.proposal.metadata.title, doc.proposal.sections["title"])
        after = (new, section[:start] + text.strip() + section[end:])
        if after != before:
            doc.undo_stack.push(_TitleCommand(doc, self._session, before, after))


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
        self.title_edit = TitleField(document, self)
        self.authors_edit = DocLineEdit(
            document,
            lambda: "; ".join(meta().authors),
            lambda text: document.set_authors(split_authors(text)),
            ("authors",),
            self,
        )
        font = self.title_edit.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.title_edit.setFont(font)  # it reads as the proposal's title, not as one field among others
        self.title_label = QLabel(self)
        self.authors_label = QLabel(self)
        self.title_label.setBuddy(self.title_edit)
        self.authors_label.setBuddy(self.authors_edit)
        self.title_hint = QLabel(self)  # says that section 1's first line follows the title
        self.title_hint.setMinimumWidth(40)  # one short line: it never widens the page
        self.title_hint.setStyleSheet("color: palette(placeholder-text); font-size: small;")
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 6)
        form.addRow(self.title_label, self.title_edit)
        form.addRow("", self.title_hint)
        form.addRow(self.authors_label, self.authors_edit)
        document.changed.connect(self._on_document_changed)
        self.retranslateUi()

    def _on_document_changed(self, what: str) -> None:
        if what in ("title", "all"):
            self._update_hint()

    def _update_hint(self) -> None:
        from editor.core.titles import title_span
        from editor.core.vocab import fold

        p = self.document.proposal
        span = title_span(p.sections.get("title", ""))
        follows = span is not None and bool(p.metadata.title.strip()) and \
            fold(p.sections["title"][span[0]:span[1]]) == fold(p.metadata.title)
        self.title_hint.setText(_("Section 1 below starts with this title: it changes with what you type here.")
                                if follows else "")
        self.title_hint.setVisible(follows)

    def retranslateUi(self) -> None:  # noqa: N802
        self.title_label.setText(_("&Title:"))
        self.authors_label.setText(_("&Authors:"))
        self.title_edit.setPlaceholderText(_("Choose a title that highlights the MLOps aspect of your project"))
        self.title_edit.setToolTip(_("The proposal's title: the cover page, the window and the file's properties show it"))
        self.authors_edit.setPlaceholderText(_("Names separated by semicolons"))
        self.title_edit.setAccessibleName(_("Proposal title"))
        self.authors_edit.setAccessibleName(_("Authors"))
        self._update_hint()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)
