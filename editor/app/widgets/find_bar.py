"""The find bar under the section pages: find (Ctrl+F) and replace (Ctrl+H) in the whole proposal.

It searches the model (``core.find``: section texts, the title, objectives, table cells),
shows "3 of 12", and Next/Previous (Enter, Shift+Enter, F3) go through the matches in
the guide's order, showing each one's section and selecting it (``navigation.go_to``).
Replace and Replace all are one undo step each on the document's stack. The matches are
found again when the document changes while the bar is open (debounced).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QCheckBox, QGridLayout, QLabel, QLineEdit, QToolButton, QWidget

from editor.app.icons import icon
from editor.core.model import SECTION_IDS
from editor.i18n import N_, _, ngettext

REFRESH_MS = 250
_PARTS = ("objectives", "risks", "kpis", "data_sources", "resources", "diagram")


def apply_proposal(document, new, message: str, **fields) -> None:
    """Give ``document`` the texts and parts of ``new`` that differ, as one undo step."""
    old = document.proposal
    changed_sections = [sid for sid in SECTION_IDS if new.sections[sid] != old.sections[sid]]
    changed_parts = [name for name in _PARTS if getattr(new, name) != getattr(old, name)]
    title = new.metadata.title != old.metadata.title
    if not (changed_sections or changed_parts or title):
        return
    with document.named_group(message, **fields):
        for sid in changed_sections:
            document.set_section_text(sid, new.sections[sid])
        for name in changed_parts:
            document.set_part(name, getattr(new, name), message, **fields)
        if title:
            document.set_title(new.metadata.title)


class FindBar(QWidget):
    def __init__(self, window) -> None:
        super().__init__(window)
        self.setObjectName("FindBar")
        self.window_ = window
        self.document = window.document
        self.matches: list = []  # core.find.Match
        self.current = -1
        self.find_edit = QLineEdit(self)
        self.find_edit.setClearButtonEnabled(True)
        self.replace_edit = QLineEdit(self)
        self.count_label = QLabel(self)
        self.count_label.setMinimumWidth(90)
        self.prev_button = self._button("up", self.previous)
        self.next_button = self._button("down", self.next)
        self.case_box = QCheckBox(self)
        self.word_box = QCheckBox(self)
        self.replace_button = self._button(None, self.replace_current)
        self.replace_all_button = self._button(None, self.replace_all)
        self.close_button = self._button("remove", self.close_bar)
        grid = QGridLayout(self)
        grid.setContentsMargins(6, 4, 6, 4)
        grid.setHorizontalSpacing(6)
        self.find_icon = QLabel(self)
        self.find_icon.setPixmap(icon("find").pixmap(16, 16))
        for col, widget in enumerate((self.find_icon, self.find_edit, self.count_label, self.prev_button,
                                      self.next_button, self.case_box, self.word_box)):
            grid.addWidget(widget, 0, col)
        grid.addWidget(self.close_button, 0, 8)
        grid.addWidget(self.replace_edit, 1, 1)
        grid.addWidget(self.replace_button, 1, 2, 1, 2)
        grid.addWidget(self.replace_all_button, 1, 4, 1, 3)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(7, 1)
        self._refresh_timer = QTimer(self, singleShot=True, interval=REFRESH_MS, timeout=self.refresh)
        self.find_edit.textChanged.connect(lambda _t: self.search(jump=True))
        self.case_box.toggled.connect(lambda _c: self.search(jump=True))
        self.word_box.toggled.connect(lambda _c: self.search(jump=True))
        self.find_edit.returnPressed.connect(self.next)
        self.replace_edit.returnPressed.connect(self.replace_current)
        self.document.changed.connect(self._on_document_changed)
        self.hide()
        self.retranslateUi()

    def _button(self, icon_name: str | None, slot) -> QToolButton:
        button = QToolButton(self)
        if icon_name:
            button.setIcon(icon(icon_name))
            button.setAutoRaise(True)
        else:
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        button.clicked.connect(slot)
        return button

    # -- opening ----------------------------------------------------------------------------------
    def open_find(self, replace: bool = False) -> None:
        """Show the bar (with the replace row when ``replace``), the selected text as the query."""
        from editor.app.format_actions import focused_surface

        surface = focused_surface()
        if surface is not None:
            text, start, end = surface.selection()
            if 0 < end - start <= 200 and "\n" not in text[start:end]:
                self.find_edit.setText(text[start:end])
        for widget in (self.replace_edit, self.replace_button, self.replace_all_button):
            widget.setVisible(replace)
        self.show()
        self.find_edit.setFocus()
        self.find_edit.selectAll()
        self.search(jump=False)

    def close_bar(self) -> None:
        self.hide()
        self.window_.page(self.window_.current_section()).editor.setFocus()

    # -- searching ---------------------------------------------------------------------------------
    def _find_all(self) -> list:
        from editor.core.find import find_all

        return find_all(self.document.proposal, self.find_edit.text(), self.case_box.isChecked(), self.word_box.isChecked())

    def search(self, jump: bool = False) -> None:
        self.matches = self._find_all()
        order = {sid: i for i, sid in enumerate(SECTION_IDS)}
        here = order.get(self.window_.current_section(), 0)
        self.current = next((i for i, m in enumerate(self.matches) if order[m.section] >= here), 0 if self.matches else -1)
        self._show_count()
        if jump and self.current >= 0:
            self._go()

    def refresh(self) -> None:
        """Find again after an edit, staying near the match shown."""
        if not self.isVisible():
            return
        previous = self.matches[self.current] if 0 <= self.current < len(self.matches) else None
        self.matches = self._find_all()
        if previous is None:
            self.current = 0 if self.matches else -1
        else:
            key = _position(previous)
            self.current = next((i for i, m in enumerate(self.matches) if _position(m) >= key), 0 if self.matches else -1)
        self._show_count()

    def _on_document_changed(self, _what: str) -> None:
        if self.isVisible():
            self._refresh_timer.start()

    def _show_count(self) -> None:
        n = len(self.matches)
        if not self.find_edit.text():
            text = ""
        elif n == 0:
            text = _("No match")
        else:
            text = ngettext("{current} of {count}", "{current} of {count}", n).format(current=self.current + 1, count=n)
        self.count_label.setText(text)
        for widget in (self.prev_button, self.next_button, self.replace_button, self.replace_all_button):
            widget.setEnabled(n > 0)
        self.find_edit.setAccessibleDescription(text)

    def _go(self) -> None:
        from editor.app.navigation import go_to

        match = self.matches[self.current]
        go_to(self.window_, match.section, match.location, focus=False)

    def next(self) -> None:
        self._step(1)

    def previous(self) -> None:
        self._step(-1)

    def _step(self, delta: int) -> None:
        if self._refresh_timer.isActive():
            self._refresh_timer.stop()
            self.refresh()
        if not self.matches:
            return
        self.current = (self.current + delta) % len(self.matches)
        self._show_count()
        self._go()

    # -- replacing --------------------------------------------------------------------------------
    def replace_current(self) -> None:
        self.refresh()
        if not 0 <= self.current < len(self.matches):
            return
        match = self.matches[self.current]
        from editor.core.find import replace

        new = replace(self.document.proposal, [match], self.replace_edit.text())
        apply_proposal(self.document, new, N_("Replace “{text}”"), text=self.find_edit.text())
        self.refresh()
        if self.matches:
            self._go()

    def replace_all(self) -> int:
        self.refresh()
        count = len(self.matches)
        if count:
            from editor.core.find import replace

            new = replace(self.document.proposal, self.matches, self.replace_edit.text())
            apply_proposal(self.document, new, N_("Replace all “{text}”"), text=self.find_edit.text())
            self.window_.show_status(N_("Replacements made: {count}."), count=count)
        self.refresh()
        return count

    # -- keys, language ----------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_Escape:
            self.close_bar()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            self.previous()
            return
        super().keyPressEvent(event)

    def retranslateUi(self) -> None:  # noqa: N802
        self.find_edit.setPlaceholderText(_("Find in the whole proposal"))
        self.find_edit.setAccessibleName(_("Find"))
        self.replace_edit.setPlaceholderText(_("Replace with"))
        self.replace_edit.setAccessibleName(_("Replace with"))
        self.prev_button.setToolTip(_("Previous match (Shift+F3)"))
        self.next_button.setToolTip(_("Next match (F3, Enter)"))
        self.case_box.setText(_("Match &case"))
        self.word_box.setText(_("&Whole words"))
        self.replace_button.setText(_("&Replace"))
        self.replace_all_button.setText(_("Replace &all"))
        self.close_button.setToolTip(_("Close the find bar (Esc)"))
        self._show_count()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)


def _position(match) -> tuple:
    loc = match.location
    return (SECTION_IDS.index(match.section), loc.kind != "text", loc.kind, loc.item, loc.field, loc.start or 0)

