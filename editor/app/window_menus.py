"""The main window's actions, menus, toolbar and status bar widgets, and their texts.

:class:`WindowMenus` is mixed into :class:`editor.app.main_window.MainWindow`: it
builds every ``act_*`` action, the menus and toolbars that hold them, and names
them in the UI language (``_retranslate_actions``). What the actions do lives in
the window, ``FileActions``, ``FormatActions`` and ``FindActions``.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QComboBox, QLabel, QSizePolicy, QToolBar, QWidget

from editor.app.icons import icon
from editor.i18n import _, current_language


class WindowMenus:
    """Actions, menus, toolbars and status bar widgets of the main window (a mixin)."""

    def _action(self, name: str, slot=None, shortcut=None, icon_name: str | None = None, checkable=False) -> QAction:
        act = QAction(self)
        act.setObjectName(name)
        if icon_name:
            act.setIcon(icon(icon_name))
        if shortcut is not None:
            if isinstance(shortcut, (list, tuple)):
                act.setShortcuts(list(shortcut))
            else:
                act.setShortcut(shortcut)
        act.setCheckable(checkable)
        if slot is not None:
            act.triggered.connect(slot)
        self.addAction(act)
        return act

    def _create_actions(self) -> None:
        SK = QKeySequence.StandardKey
        f = self.files
        self.act_new = self._action("new", f.new, SK.New, "new")
        self.act_open = self._action("open", f.open_dialog, SK.Open, "open")
        self.act_save = self._action("save", f.save, SK.Save, "save")
        self.act_save_as = self._action("save_as", f.save_as, SK.SaveAs)
        self.act_export_pdf = self._action("export_pdf", f.export_pdf, QKeySequence("Ctrl+E"), "export-pdf")
        self.act_review_class = self._action("review_class", self.show_class_review)
        self.act_quit = self._action("quit", self.close, SK.Quit)
        self.act_quit.setMenuRole(QAction.MenuRole.QuitRole)
        self.act_clear_recent = self._action("clear_recent", f.clear_recent)
        self.act_restore_backup = self._action("restore_backup", self._show_backups)
        self.act_restore_backup.setEnabled(False)  # a saved file, once recovery has started

        stack = self.document.undo_stack
        self.act_undo = self._action("undo", stack.undo, QKeySequence.keyBindings(SK.Undo), "undo")
        self.act_redo = self._action("redo", stack.redo, QKeySequence.keyBindings(SK.Redo), "redo")
        self.act_undo.setEnabled(stack.canUndo())
        self.act_redo.setEnabled(stack.canRedo())
        stack.canUndoChanged.connect(self.act_undo.setEnabled)
        stack.canRedoChanged.connect(self.act_redo.setEnabled)
        stack.indexChanged.connect(self._update_undo_texts)

        self.act_next = self._action("next_section", lambda: self.step_section(1),
                                     [QKeySequence("Ctrl+PgDown"), *QKeySequence.keyBindings(SK.NextChild)])
        self.act_prev = self._action("prev_section", lambda: self.step_section(-1),
                                     [QKeySequence("Ctrl+PgUp"), *QKeySequence.keyBindings(SK.PreviousChild)])
        for act in (self.act_next, self.act_prev):
            act.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.act_review = self.review_dock.toggleViewAction()
        self.act_review.setIcon(icon("review"))
        self.act_preview = self.preview_dock.toggleViewAction()
        self.act_preview.setIcon(icon("preview"))
        self.act_tips = self._action("tips", self._set_tips_visible, QKeySequence("Ctrl+Shift+T"), "guide", checkable=True)
        self.act_tips.setChecked(True)

        self.language_group = QActionGroup(self)
        self.language_group.setExclusive(True)
        self.act_lang_fr = self._action("ui_fr", lambda: self.uiLanguageRequested.emit("fr"), checkable=True)
        self.act_lang_en = self._action("ui_en", lambda: self.uiLanguageRequested.emit("en"), checkable=True)
        self.act_lang_fr.setText("FR")
        self.act_lang_en.setText("EN")
        for act in (self.act_lang_fr, self.act_lang_en):
            self.language_group.addAction(act)
        self.act_toggle_lang = self._action("toggle_language", self.toggle_ui_language, QKeySequence("Ctrl+Shift+L"))

        self.act_guide = self._action("guide", self.show_guide, SK.HelpContents, "guide")
        self.act_example = self._action("example", f.open_example)
        self.act_about = self._action("about", self.show_about)
        self.act_about.setMenuRole(QAction.MenuRole.AboutRole)

    def _create_menus(self) -> None:
        bar = self.menuBar()
        self.menu_file = bar.addMenu("")
        self.menu_recent = self.menu_file.addMenu("")
        self.menu_recent.aboutToShow.connect(lambda: self.files.fill_recent_menu(self.menu_recent,
                                                                                 self.act_clear_recent))
        m = self.menu_file
        m.clear()
        m.addActions([self.act_new, self.act_open])
        m.addMenu(self.menu_recent)
        m.addSeparator()
        m.addActions([self.act_save, self.act_save_as, self.act_restore_backup])
        m.addSeparator()
        m.addAction(self.act_export_pdf)
        m.addSeparator()
        m.addAction(self.act_review_class)
        m.addSeparator()
        m.addAction(self.act_quit)

        self.menu_edit = bar.addMenu("")
        self.menu_edit.addActions([self.act_undo, self.act_redo])
        self.menu_edit.addSeparator()
        self.menu_edit.addActions(self.find.actions)
        self.menu_format = bar.addMenu("")
        self.format.fill_menu(self.menu_format)

        self.menu_view = bar.addMenu("")
        self.menu_view.addActions([self.act_prev, self.act_next])
        self.menu_view.addSeparator()
        self.menu_view.addActions([self.act_tips, self.act_review, self.act_preview])

        self.menu_tools = bar.addMenu("")
        self.format.fill_tools_menu(self.menu_tools)

        self.menu_language = bar.addMenu("")
        self.menu_language.addActions([self.act_lang_fr, self.act_lang_en])
        self.menu_language.addSeparator()
        self.menu_language.addAction(self.act_toggle_lang)
        self.menu_doc_language = self.menu_language.addMenu("")
        self.doc_language_group = QActionGroup(self)
        self.act_doc_fr = self._action("doc_fr", lambda: self.set_document_language("fr"), checkable=True)
        self.act_doc_en = self._action("doc_en", lambda: self.set_document_language("en"), checkable=True)
        for act in (self.act_doc_fr, self.act_doc_en):
            self.doc_language_group.addAction(act)
            self.menu_doc_language.addAction(act)

        self.menu_help = bar.addMenu("")
        self.menu_help.addActions([self.act_guide, self.act_example])
        self.menu_help.addSeparator()
        self.menu_help.addAction(self.act_about)

    def _create_toolbar(self) -> None:
        tb = QToolBar(self)
        tb.setObjectName("MainToolbar")
        tb.setMovable(False)
        tb.setIconSize(QSize(20, 20))
        tb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        tb.addActions([self.act_new, self.act_open, self.act_save])
        tb.addSeparator()
        tb.addActions([self.act_undo, self.act_redo])
        tb.addSeparator()
        tb.addAction(self.act_export_pdf)
        spacer = QWidget(tb)
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        tb.addWidget(spacer)
        tb.addActions([self.act_review, self.act_preview])
        tb.addSeparator()
        self.lang_label = QLabel(tb)
        tb.addWidget(self.lang_label)
        tb.addAction(self.act_lang_fr)
        tb.addAction(self.act_lang_en)
        for act in (self.act_lang_fr, self.act_lang_en):
            tb.widgetForAction(act).setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.toolbar = tb
        self.addToolBar(tb)
        self.addToolBarBreak()
        self.addToolBar(self.format.make_toolbar())

    def _create_statusbar(self) -> None:
        sb = self.statusBar()
        self.doc_lang_label = QLabel(sb)
        self.doc_lang_combo = QComboBox(sb)
        self.doc_lang_combo.addItem("Français", "fr")
        self.doc_lang_combo.addItem("English", "en")
        self.doc_lang_combo.activated.connect(lambda i: self.set_document_language(self.doc_lang_combo.itemData(i)))
        self.doc_lang_label.setBuddy(self.doc_lang_combo)
        self.read_only_label = QLabel(sb)  # the file is open elsewhere
        self.read_only_label.hide()
        sb.addPermanentWidget(self.read_only_label)
        sb.addPermanentWidget(self.doc_lang_label)
        sb.addPermanentWidget(self.doc_lang_combo)
        spelling_widgets = self.format.make_status_widgets(sb)
        for widget in spelling_widgets:
            sb.addPermanentWidget(widget)
        self.language_status_widgets = (self.doc_lang_label, self.doc_lang_combo, *spelling_widgets)
        self._show_document_language()

    def _update_undo_texts(self, *_args) -> None:
        stack = self.document.undo_stack
        undo, redo = stack.undoText(), stack.redoText()
        key = (undo, redo, current_language())
        if key == getattr(self, "_undo_texts_key", None):
            return  # typing on in the same section: same texts (keystroke path)
        self._undo_texts_key = key
        self.act_undo.setText(_("&Undo {action}").format(action=undo).strip() if undo else _("&Undo"))
        self.act_redo.setText(_("&Redo {action}").format(action=redo).strip() if redo else _("&Redo"))
        self.act_undo.setToolTip(_("Undo the last change"))
        self.act_redo.setToolTip(_("Redo the change undone"))

    def _retranslate_actions(self) -> None:
        texts = {
            self.act_new: (_("&New"), _("Start a new proposal")),
            self.act_open: (_("&Open…"), _("Open a proposal (Markdown or Word)")),
            self.act_save: (_("&Save"), _("Save the proposal")),
            self.act_save_as: (_("Save &As…"), _("Save under another name, as Markdown (.md) or Word (.docx)")),
            self.act_restore_backup: (_("Restore from &backup…"),
                                      _("Put back a previous version of this file (one is kept at each save)")),
            self.act_export_pdf: (_("&Export PDF…"), _("Export the proposal as a PDF file")),
            self.act_review_class: (_("Re&view a class folder…"),
                                    _("Review every submission of a class: report, rubric, feedback comments")),
            self.act_quit: (_("&Quit"), _("Quit the editor")),
            self.act_clear_recent: (_("&Clear list"), _("Forget the recent files")),
            self.act_next: (_("&Next section"), _("Go to the next section")),
            self.act_prev: (_("&Previous section"), _("Go to the previous section")),
            self.act_tips: (_("Guide &tips"), _("Show the guide's tips beside the editor")),
            self.act_toggle_lang: (_("&Switch FR/EN"), _("Switch the interface between French and English")),
            self.act_doc_fr: (_("French"), _("Headings of exports in French")),
            self.act_doc_en: (_("English"), _("Headings of exports in English")),
            self.act_guide: (_("Proposal &guide"), _("Read the whole proposal guide")),
            self.act_example: (_("&Example proposal"), _("Open a complete example proposal as a new document")),
            self.act_about: (_("&About"), _("Version and licences")),
        }
        for act, (text, tip) in texts.items():
            act.setText(text)
            act.setToolTip(tip)
            act.setStatusTip(tip)
        self.act_lang_fr.setToolTip(_("Interface in French"))
        self.act_lang_en.setToolTip(_("Interface in English"))
        (self.act_lang_fr if current_language() == "fr" else self.act_lang_en).setChecked(True)
        self._update_undo_texts()
        self.menu_file.setTitle(_("&File"))
        self.menu_recent.setTitle(_("Open &Recent"))
        self.menu_edit.setTitle(_("&Edit"))
        self.menu_format.setTitle(_("F&ormat"))
        self.menu_tools.setTitle(_("&Tools"))
        self.format.retranslateUi()
        self.find.retranslateUi()
        self.menu_view.setTitle(_("&View"))
        self.menu_language.setTitle(_("&Language"))
        self.menu_doc_language.setTitle(_("&Document language"))
        self.menu_help.setTitle(_("&Help"))
        self.read_only_label.setText(_("Read-only"))
        self.read_only_label.setToolTip(_("This file is open elsewhere; use File > Save As to keep your version."))
