"""Going to a place of the proposal: a section and, by a ``checks.Location``, the row, cell or words.

``go_to(window, section, location, focus=True)`` shows the section (its page is built if
need be) and selects what the location names: words of the section text (``start``/
``end``), the title, an objective, a risk's mitigation, a KPI's unit, a data source's
licence, the POC address, the diagram. The review panel (a click on a finding) and the
find bar (next/previous match) both come here.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QAbstractItemView, QLineEdit, QWidget


def _select_text(editor, start: int | None, end: int | None) -> None:
    length = len(editor.toPlainText())
    cursor = editor.textCursor()
    if start is not None:
        cursor.setPosition(max(0, min(start, length)))
        cursor.setPosition(max(0, min(end if end is not None else start, length)), QTextCursor.MoveMode.KeepAnchor)
        editor.setTextCursor(cursor)
    editor.centerCursor() if hasattr(editor, "centerCursor") else editor.ensureCursorVisible()


def _select_line_edit(edit: QLineEdit, start: int | None, end: int | None) -> None:
    if start is not None:
        edit.setSelection(start, max(0, (end or start) - start))


def _table_for(extra: QWidget, kind: str) -> tuple[QAbstractItemView, object] | None:
    """The view and model showing rows of ``kind`` in a section's structured editor."""
    names = {"objective": ("table",), "data_source": ("sources",), "resource": ("resources",),
             "risk": (), "kpi": ()}.get(kind)
    if names is None:
        return None
    holder = extra
    for name in names:
        holder = getattr(holder, name, None)
        if holder is None:
            return None
    view = getattr(holder, "view", None)
    return (view, view.model()) if view is not None else None


def _column(model, field: str) -> int:
    columns = getattr(model, "columns", ())
    for index, column in enumerate(columns):
        if (getattr(column, "field", column)) == field:
            return index
    return 0


def _row(model, kind: str, item: str) -> int:
    if kind in ("risk", "kpi"):
        return model.row_of(item)
    return int(item) - 1 if item.isdigit() else -1


def go_to(window, section: str, location=None, focus: bool = True) -> bool:
    """Show ``section`` and select what ``location`` names; False when that place is gone."""
    window.show_section(section)
    page = window.page(section)
    kind = getattr(location, "kind", "text")
    if kind == "text" or location is None:
        editor = page.editor
        if location is not None:
            _select_text(editor, location.start, location.end)
        if focus:
            editor.setFocus()
        return True
    extra = page.ensure_extra()
    if extra is None:
        return False
    if kind == "title":
        edit = getattr(extra, "title_edit", None)
        if edit is None:
            return False
        _select_line_edit(edit, location.start, location.end)
        if focus:
            edit.setFocus()
        return True
    if kind == "resource" and location.field == "poc_url":
        edit = getattr(extra, "poc_edit", None)
        if edit is not None and focus:
            edit.setFocus()
            edit.selectAll()
        return edit is not None
    if kind == "diagram":
        caption = getattr(extra, "caption_edit", None)
        if caption is not None and location.field == "caption":
            _select_line_edit(caption, location.start, location.end)
        target = caption if caption is not None and location.field == "caption" else getattr(extra, "attach_button", extra)
        if focus:
            target.setFocus()
        return True
    found = _table_for(extra, kind)
    if found is None:
        return False
    view, model = found
    row = _row(model, kind, location.item) if location.item else 0
    if not 0 <= row < model.rowCount():
        if focus:
            view.setFocus()
        return False
    index = model.index(row, _column(model, location.field) if location.field else 0)
    view.setCurrentIndex(index)
    view.selectionModel().select(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
    view.scrollTo(index)
    if focus:
        view.setFocus()
    return True
