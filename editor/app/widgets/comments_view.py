"""The proposal's review comments in the review panel: author, date, text, where
they stand; a click goes to the section, the row or the words they are anchored to.

Comments come from a DOCX (Word or LibreOffice comments, an instructor's
feedback) or the Markdown file; the list only shows them (they are edited in
a word processor and written back on export).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QTextCursor, QTextDocument
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from editor.app.icons import icon
from editor.core.comments import anchor_label, comment_anchors
from editor.core.model import Comment, CommentAnchor, Proposal
from editor.i18n import _, current_language, format_datetime, ngettext

_ANCHOR_ROLE = Qt.ItemDataRole.UserRole + 1


class CommentsList(QWidget):
    """A heading and the list of comments (hidden while the proposal has none)."""

    anchorRequested = Signal(object)  # a CommentAnchor

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._items: list[tuple[Comment, CommentAnchor]] = []
        self._comments: list[Comment] = []
        self.heading = QLabel(self)
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.list = QListWidget(self)
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.itemActivated.connect(self._on_item)
        self.list.itemClicked.connect(self._on_item)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.list, 1)
        self.setVisible(False)
        self.retranslateUi()

    def set_proposal(self, proposal: Proposal) -> None:
        """Show ``proposal``'s comments (rebuilt only when they changed)."""
        if proposal.comments == self._comments:
            return
        self._comments = [c.model_copy() for c in proposal.comments]
        self._items = comment_anchors(proposal)
        self._fill()

    def comments(self) -> list[Comment]:
        return list(self._comments)

    def _fill(self) -> None:
        lang = current_language()
        self.list.clear()
        for comment, anchor in self._items:
            who = comment.author or _("Unknown author")
            when = format_datetime(comment.date, lang, "short") if comment.date else ""
            head = f"{who} · {when}" if when else who
            if comment.resolved:
                head += " · " + _("resolved")
            prefix = "↳ " if comment.reply_to else ""
            where = anchor_label(anchor, lang) + (" · " + _("“{words}”").format(words=anchor.quote) if anchor.quote else "")
            item = QListWidgetItem(icon("review"), f"{prefix}{head}\n{comment.text}\n{where}")
            item.setData(_ANCHOR_ROLE, anchor)
            item.setToolTip(_("Click to go to what the comment is about"))
            if comment.resolved:
                item.setForeground(self.palette().placeholderText())
            self.list.addItem(item)
        self.heading.setText(ngettext("{n} comment", "{n} comments", len(self._items)).format(n=len(self._items)))
        self.setVisible(bool(self._items))

    def _on_item(self, item: QListWidgetItem) -> None:
        anchor = item.data(_ANCHOR_ROLE)
        if anchor is not None:
            self.anchorRequested.emit(anchor)

    def retranslateUi(self) -> None:  # noqa: N802
        self.list.setAccessibleName(_("Review comments"))
        self._fill()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)


def show_anchor(window, anchor: CommentAnchor) -> None:
    """Show what ``anchor`` points at in ``window``: its section, then the row or the words."""
    from editor.core.model import SECTION_IDS

    section = anchor.section if anchor.section in SECTION_IDS else SECTION_IDS[0]
    window.show_section(section)
    page = window.page(section)
    if anchor.kind in ("risk", "kpi") and anchor.item and _select_row(page, anchor):
        return
    if anchor.quote:
        editor = page.editor
        cursor = editor.document().find(anchor.quote, 0, QTextDocument.FindFlag(0))
        if cursor.isNull():  # the words carry Markdown marks in the text: their first word, then
            cursor = editor.document().find(anchor.quote.split()[0], 0) if anchor.quote.split() else cursor
        if not cursor.isNull():
            editor.setTextCursor(cursor)
            editor.ensureCursorVisible()
            return
    page.editor.moveCursor(QTextCursor.MoveOperation.Start)


def _select_row(page, anchor: CommentAnchor) -> bool:
    from PySide6.QtWidgets import QAbstractItemView

    extra = page.ensure_extra()
    if extra is None:
        return False
    for view in extra.findChildren(QAbstractItemView):
        model = view.model()
        if not hasattr(model, "row_of"):
            continue
        row = model.row_of(anchor.item)
        if row < 0:
            continue
        columns = list(getattr(model, "columns", ()))
        column = columns.index(anchor.field) if anchor.field in columns else 0
        index = model.index(row, column)
        view.setCurrentIndex(index)
        view.scrollTo(index)
        view.setFocus()
        return True
    return False
