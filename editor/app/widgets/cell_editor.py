"""The editor of a table cell's text, with the section editor's Markdown colours and spelling.

``cell_text_editor(parent, index)`` is what ``MultiLineDelegate`` (risk descriptions and
mitigations, KPI measurements) creates; ``SpellingCellDelegate`` brings it to the small
lists (objectives, data source names, resource titles). Enter commits the cell as before;
Shift+Enter starts a new line; formatting commands and the spelling menu work as in a
section. The cell follows its document's spell-check language.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QSize
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from editor.app.widgets.sheet import MultiLineDelegate
from editor.app.widgets.writing import WritingSurface


class CellTextEdit(WritingSurface, QPlainTextEdit):
    """A QPlainTextEdit for one cell; ``document`` gives it the spelling language and "Ignore"."""

    def __init__(self, document=None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self.setObjectName("CellTextEdit")
        self.setup_writing(document)

    def _writing_key(self, event) -> bool:
        return False  # Enter and Tab belong to the table (commit, next cell)


def cell_text_editor(parent: QWidget, index: QModelIndex | None = None) -> CellTextEdit:
    document = getattr(index.model(), "document", None) if index is not None and index.isValid() else None
    return CellTextEdit(document, parent)


class SpellingCellDelegate(MultiLineDelegate):
    """Multi-line, spell-checked editing for a text column of a small list table."""

    PADDING = 10  # as the list's other cells (list_table._PaddedDelegate)

    def sizeHint(self, option, index) -> QSize:  # noqa: N802 - Qt API
        size = super().sizeHint(option, index)
        return QSize(size.width(), size.height() + self.PADDING)
