"""Edit > Find, Replace, Find next, Find previous, and the find bar they open under the pages.

``FindActions(window, layout)`` adds the four actions to the window (Ctrl+F, Ctrl+H, F3,
Shift+F3) and builds the ``FindBar`` in ``layout`` the first time one of them is used, so
start-up builds none of it.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence

from editor.app.icons import icon
from editor.i18n import _


class FindActions(QObject):
    def __init__(self, window, layout) -> None:
        super().__init__(window)
        self.window = window
        self._layout = layout
        self._bar = None
        SK = QKeySequence.StandardKey
        self.act_find = self._action("find", lambda: self.bar().open_find(False), QKeySequence.keyBindings(SK.Find))
        self.act_find.setIcon(icon("find"))
        self.act_replace = self._action("replace", lambda: self.bar().open_find(True), [QKeySequence("Ctrl+H")])
        self.act_next = self._action("find_next", lambda: self.bar().next(), QKeySequence.keyBindings(SK.FindNext))
        self.act_previous = self._action("find_previous", lambda: self.bar().previous(),
                                         QKeySequence.keyBindings(SK.FindPrevious))
        self.actions = [self.act_find, self.act_replace, self.act_next, self.act_previous]

    def _action(self, name: str, slot, shortcuts) -> QAction:
        act = QAction(self.window)
        act.setObjectName(name)
        act.setShortcuts(shortcuts)
        act.triggered.connect(slot)
        self.window.addAction(act)
        return act

    def bar(self):
        """The find bar (built when first asked for)."""
        if self._bar is None:
            from editor.app.widgets.find_bar import FindBar

            self._bar = FindBar(self.window)
            self._layout.addWidget(self._bar)
        return self._bar

    def retranslateUi(self) -> None:  # noqa: N802
        for act, text, tip in (
            (self.act_find, _("&Find…"), _("Find in the whole proposal: sections, objectives and tables")),
            (self.act_replace, _("R&eplace…"), _("Find and replace in the whole proposal")),
            (self.act_next, _("Find &next"), _("Go to the next match")),
            (self.act_previous, _("Find pre&vious"), _("Go to the previous match")),
        ):
            act.setText(text)
            act.setToolTip(tip)
            act.setStatusTip(tip)
