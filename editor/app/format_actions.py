"""The Format menu and toolbar, and the spelling switches of the Tools menu and status bar.

``FormatActions(window)`` builds the formatting actions (bold Ctrl+B, italic Ctrl+I,
strikethrough, inline code, link Ctrl+K, lists, quote, sub-heading); they act on the
Markdown text box that has the focus (a section, a table cell being edited) and are
disabled when none has. The spelling part: Tools > Check spelling, the spell-check
language of the document (the document's own language, or French or English), and the
same choice in the status bar; it is stored in the document.
"""

from __future__ import annotations

import sys

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSize, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QApplication, QComboBox, QLabel, QToolBar, QWidget

from editor.app.icons import icon
from editor.i18n import N_, _

if TYPE_CHECKING:
    from editor.app.widgets.writing import WritingSurface

# (command, icon, shortcut, menu text msgid, tooltip msgid)
COMMANDS = (
    ("bold", "format-bold", "Ctrl+B", N_("&Bold"), N_("Bold: **text**")),
    ("italic", "format-italic", "Ctrl+I", N_("&Italic"), N_("Italic: *text*")),
    ("strike", "format-strike", "Ctrl+Shift+X", N_("&Strikethrough"), N_("Strikethrough: ~~text~~")),
    ("code", "format-code", "Ctrl+Shift+C", N_("Inline &code"), N_("Code or command: `text`")),
    ("link", "format-link", "Ctrl+K", N_("&Link…"), N_("Insert a link: [text](https://…)")),
    ("bullet", "format-bullets", "Ctrl+Shift+8", N_("B&ulleted list"), N_("Bulleted list: - item")),
    ("numbered", "format-numbers", "Ctrl+Shift+7", N_("&Numbered list"), N_("Numbered list: 1. item")),
    ("quote", "format-quote", "Ctrl+Shift+9", N_("&Quote"), N_("Quote: > text")),
    ("heading", "format-heading", "Ctrl+Alt+3", N_("Sub-&heading"), N_("Sub-heading: ### title")),
)


def focused_surface() -> WritingSurface | None:
    widget = QApplication.focusWidget()
    writing = sys.modules.get("editor.app.widgets.writing")
    if widget is None or writing is None:  # at start-up no editor exists yet: its module can wait
        return None
    return widget if isinstance(widget, writing.WritingSurface) else None


class FormatActions(QObject):
    """Formatting and spelling actions of ``window`` (a ``MainWindow``)."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.actions: dict[str, QAction] = {}
        for command, icon_name, shortcut, _text, _tip in COMMANDS:
            act = QAction(icon(icon_name), "", window)
            act.setObjectName(f"format_{command}")
            act.setShortcut(QKeySequence(shortcut))
            act.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            act.triggered.connect(lambda _c=False, c=command: self.run(c))
            window.addAction(act)
            self.actions[command] = act
        self.act_spelling = QAction(icon("spelling"), "", window)
        self.act_spelling.setObjectName("check_spelling")
        self.act_spelling.setCheckable(True)
        self.act_spelling.setShortcut(QKeySequence("F7"))
        self.act_spelling.toggled.connect(self._set_spelling)
        window.addAction(self.act_spelling)
        self.spell_group = QActionGroup(window)
        self.act_spell_doc = QAction(window, checkable=True)
        self.act_spell_fr = QAction(window, checkable=True)
        self.act_spell_en = QAction(window, checkable=True)
        for act, lang in ((self.act_spell_doc, None), (self.act_spell_fr, "fr"), (self.act_spell_en, "en")):
            self.spell_group.addAction(act)
            act.triggered.connect(lambda _c=False, lang=lang: self.set_spell_language(lang))
        QApplication.instance().focusChanged.connect(self._update_enabled)
        window.document.changed.connect(self._on_document_changed)
        self._update_enabled()
        from editor.app.spell_service import spell_service

        spell = spell_service()
        spell.loaded.connect(window.run_check)  # spelling findings once a dictionary is there
        spell.enabledChanged.connect(window.run_check)  # and none while spell checking is off
        spell.wordsChanged.connect(window.run_check)
        self.act_spelling.setChecked(window.settings.bool_value("spelling/enabled", True))
        spell.set_enabled(self.act_spelling.isChecked())

    # -- building -----------------------------------------------------------------------------
    def fill_menu(self, menu) -> None:
        menu.addActions([self.actions[c] for c in ("bold", "italic", "strike", "code")])
        menu.addSeparator()
        menu.addAction(self.actions["link"])
        menu.addSeparator()
        menu.addActions([self.actions[c] for c in ("bullet", "numbered", "quote", "heading")])

    def fill_tools_menu(self, menu) -> None:
        menu.addAction(self.act_spelling)
        self.menu_spell_language = menu.addMenu("")
        self.menu_spell_language.addActions([self.act_spell_doc, self.act_spell_fr, self.act_spell_en])

    def make_toolbar(self) -> QToolBar:
        tb = QToolBar(self.window)
        tb.setObjectName("FormatToolbar")
        tb.setMovable(False)
        tb.setIconSize(QSize(18, 18))
        for command, *_rest in COMMANDS:
            tb.addAction(self.actions[command])
            if command in ("code", "link"):
                tb.addSeparator()
        tb.addSeparator()
        tb.addAction(self.act_spelling)
        self.toolbar = tb
        return tb

    def make_status_widgets(self, parent: QWidget) -> tuple[QLabel, QComboBox]:
        self.spell_label = QLabel(parent)
        self.spell_combo = QComboBox(parent)
        self.spell_combo.setObjectName("SpellLanguageCombo")
        for data in ("", "fr", "en"):
            self.spell_combo.addItem("", data)
        self.spell_combo.activated.connect(lambda i: self.set_spell_language(self.spell_combo.itemData(i) or None))
        self.spell_label.setBuddy(self.spell_combo)
        return self.spell_label, self.spell_combo

    # -- behaviour ------------------------------------------------------------------------------
    def run(self, command: str) -> bool:
        surface = focused_surface()
        if surface is None:
            return False
        if command == "link":
            return self.insert_link(surface)
        return surface.format_text(command)

    def insert_link(self, surface: WritingSurface) -> bool:
        from editor.app.link_dialog import LinkDialog

        text, start, end = surface.selection()
        selected = text[start:end]
        is_url = selected.startswith(("http://", "https://", "mailto:"))
        dialog = LinkDialog("" if is_url else selected, selected if is_url else "", self.window)
        if dialog.exec() != LinkDialog.DialogCode.Accepted:
            return False
        label, url = dialog.values()
        surface.setFocus()
        return surface.insert_link(label, url)

    def _update_enabled(self, *_args) -> None:
        surface = focused_surface()
        editable = surface is not None and not surface.isReadOnly()
        for act in self.actions.values():
            act.setEnabled(editable)

    def _set_spelling(self, on: bool) -> None:
        from editor.app.spell_service import spell_service

        spell_service().set_enabled(on)
        self.window.settings.set_value("spelling/enabled", on)

    def set_spell_language(self, language: str | None) -> None:
        doc = self.window.document
        current = doc.proposal.metadata.extra.get("spellcheck_language")
        if (language or None) != (current or None):
            doc.set_spell_language(language)
        self.show_spell_language()

    def _on_document_changed(self, what: str) -> None:
        if what in ("language", "all"):
            self.retranslateUi()  # "Document language (French)" names the new language
        elif what == "extra":
            self.show_spell_language()

    def show_spell_language(self) -> None:
        chosen = self.window.document.spell_language_choice()
        {"": self.act_spell_doc, "fr": self.act_spell_fr, "en": self.act_spell_en}[chosen].setChecked(True)
        if hasattr(self, "spell_combo"):
            self.spell_combo.setCurrentIndex(max(0, self.spell_combo.findData(chosen)))

    def retranslateUi(self) -> None:  # noqa: N802
        for command, _icon, shortcut, text, tip in COMMANDS:
            act = self.actions[command]
            act.setText(_(text))
            shown = QKeySequence(shortcut).toString(QKeySequence.SequenceFormat.NativeText)
            act.setToolTip(f"{_(tip)} ({shown})")
            act.setStatusTip(_(tip))
        self.act_spelling.setText(_("Check &spelling"))
        self.act_spelling.setToolTip(_("Underline words the dictionary does not know (F7)"))
        doc_lang = _("French") if self.window.document.language == "fr" else _("English")
        self.act_spell_doc.setText(_("Document language ({language})").format(language=doc_lang))
        self.act_spell_fr.setText(_("French"))
        self.act_spell_en.setText(_("English"))
        if hasattr(self, "menu_spell_language"):
            self.menu_spell_language.setTitle(_("Spelling &language"))
        if hasattr(self, "toolbar"):
            self.toolbar.setWindowTitle(_("Format toolbar"))
        if hasattr(self, "spell_combo"):
            self.spell_label.setText(_("Spelling:"))
            for index, text in enumerate((_("As the document ({language})").format(language=doc_lang), "Français", "English")):
                self.spell_combo.setItemText(index, text)
            self.spell_combo.setToolTip(_("The language the spelling is checked in, stored in the document"))
            self.spell_combo.setAccessibleName(_("Spelling language"))
        self.show_spell_language()
