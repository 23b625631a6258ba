"""The main window: section navigator and pages, review and preview docks,
menus, toolbar (with the FR | EN toggle), status bar (document language).

One window edits one ``ProposalDocument`` for its whole life; New/Open/Example
replace the proposal inside it (so objects attached to the document, such as
autosave, stay attached). File actions live in ``file_actions.py``.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDockWidget,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from editor.app.document import ProposalDocument
from editor.app.file_actions import FileActions
from editor.app.find_actions import FindActions
from editor.app.first_paint import FirstPaintGate, after_first_paint, gate_of
from editor.app.format_actions import FormatActions
from editor.app.icons import icon
from editor.app.settings import AppSettings
from editor.app.widgets.preview import PreviewPanel
from editor.app.widgets.review_panel import ReviewPanel
from editor.app.widgets.section_page import SectionPage
from editor.core.guide import section_title
from editor.core.model import SECTION_IDS
from editor.i18n import N_, _, current_language, translate_message

CHECK_DELAY_MS = 400
STATUS_TEXT = {"empty": N_("Empty"), "progress": N_("In progress"), "ok": N_("Meets the guide")}


class MainWindow(QMainWindow):
    """The editor window."""

    uiLanguageRequested = Signal(str)

    def __init__(self, settings: AppSettings, document: ProposalDocument | None = None, parent: QWidget | None = None,
                 defer_until_painted: bool = False):
        super().__init__(parent)
        # The app's window (run()) paints first, then checks, renders tips and preview.
        self.first_paint_gate = FirstPaintGate(self) if defer_until_painted else None
        self.settings = settings
        self.document = document or ProposalDocument(parent=self)
        if self.document.parent() is None:
            self.document.setParent(self)
        self.setWindowIcon(icon("app"))
        self.setObjectName("MainWindow")
        self.setDocumentMode(True)
        self._statuses: dict[str, str] = {sid: "empty" for sid in SECTION_IDS}
        self._status_shown: tuple | None = None  # the status message shown (show_status): to retranslate
        self._findings = []

        # Section navigator (the "tabs") and pages.
        self.section_list = QListWidget(self)
        self.section_list.setObjectName("SectionList")
        self.section_list.setWordWrap(True)
        self.section_list.setResizeMode(QListWidget.ResizeMode.Adjust)  # titles re-wrap when it narrows
        self.section_list.setIconSize(QSize(16, 16))
        self.section_list.setSpacing(2)
        self.section_list.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        # Pages are built when first shown or asked for (``page()``); until then an empty
        # placeholder holds their place in the stack (start-up time and memory).
        self.pages = QStackedWidget(self)
        self._built_pages: dict[str, SectionPage] = {}
        self._page_split_state = None
        self._editors_read_only = False
        for sid in SECTION_IDS:
            self.pages.addWidget(QWidget(self.pages))
            item = QListWidgetItem(icon("status-empty"), "")
            item.setData(Qt.ItemDataRole.UserRole, sid)
            self.section_list.addItem(item)
        self.section_list.currentRowChanged.connect(self._on_section_row)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("MainSplitter")
        self.splitter.addWidget(self.section_list)
        right = QWidget(self.splitter)
        self._right_layout = QVBoxLayout(right)
        self._right_layout.setContentsMargins(0, 0, 0, 0)
        self._right_layout.setSpacing(0)
        self._right_layout.addWidget(self.pages, 1)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setCollapsible(1, False)
        self.splitter.setSizes([215, 900])
        self.section_list.setMinimumWidth(170)
        self.setCentralWidget(self.splitter)

        # Docks.
        self.review = ReviewPanel(self)
        self.review.findingRequested.connect(self.show_finding)
        self.pillars = None
        after_first_paint(self, self._add_pillar_view)  # its catalogue loads after the first paint
        self.review.comments.anchorRequested.connect(self._show_comment_anchor)
        self.review_dock = QDockWidget(self)
        self.review_dock.setObjectName("ReviewDock")
        self.review_dock.setWidget(self.review)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.review_dock)
        self.preview = PreviewPanel(self.document, self)
        self.preview_dock = QDockWidget(self)
        self.preview_dock.setObjectName("PreviewDock")
        self.preview_dock.setWidget(self.preview)
        self.preview_dock.visibilityChanged.connect(self.preview.set_exposed)  # render only when seen
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.preview_dock)
        self.tabifyDockWidget(self.review_dock, self.preview_dock)
        self.review_dock.raise_()
        self.resizeDocks([self.review_dock], [300], Qt.Orientation.Horizontal)

        self.files = FileActions(self)
        self.format = FormatActions(self)
        self.find = FindActions(self, self._right_layout)  # the find bar goes under the pages
        self.act_find, self.act_replace, self.act_find_next, self.act_find_prev = self.find.actions
        self._create_actions()
        self._create_menus()
        self._create_toolbar()
        self._create_statusbar()

        self._check_timer = QTimer(self)
        self._check_timer.setSingleShot(True)
        self._check_timer.setInterval(CHECK_DELAY_MS)
        self._check_timer.timeout.connect(self.run_check)
        self.document.changed.connect(self._on_document_changed)
        self.document.dirtyChanged.connect(self.update_title)
        self.document.pathChanged.connect(self.update_title)
        self.document.languageChanged.connect(self._show_document_language)

        self.retranslateUi()
        self.restore_state()
        self.section_list.setCurrentRow(0)
        self.run_check()

    # -- actions, menus, toolbar ----------------------------------------------------
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
        self.menu_recent.aboutToShow.connect(self.files.fill_recent_menu)
        m = self.menu_file
        m.clear()
        m.addActions([self.act_new, self.act_open])
        m.addMenu(self.menu_recent)
        m.addSeparator()
        m.addActions([self.act_save, self.act_save_as])
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
        sb.addPermanentWidget(self.doc_lang_label)
        sb.addPermanentWidget(self.doc_lang_combo)
        for widget in self.format.make_status_widgets(sb):
            sb.addPermanentWidget(widget)
        self._show_document_language()

    # -- sections --------------------------------------------------------------------------
    def page(self, section_id: str) -> SectionPage:
        """The page of ``section_id``, built now if it has not been shown yet."""
        page = self._built_pages.get(section_id)
        if page is None:
            page = self._build_page(section_id)
        return page

    def built_pages(self) -> list[SectionPage]:
        """The pages built so far (the others follow the window's state when built)."""
        return list(self._built_pages.values())

    def _build_page(self, section_id: str) -> SectionPage:
        index = SECTION_IDS.index(section_id)
        page = SectionPage(self.document, section_id, self.pages)
        self._built_pages[section_id] = page
        page.set_tips_visible(self.act_tips.isChecked())
        page.tipsToggled.connect(self._on_tips_toggled)
        if self._page_split_state is not None:
            page.hsplit.restoreState(self._page_split_state)
        page.editor.setReadOnly(self._editors_read_only)
        placeholder = self.pages.widget(index)
        current = self.pages.currentIndex() == index
        self.pages.insertWidget(index, page)
        self.pages.removeWidget(placeholder)
        placeholder.deleteLater()
        if current:
            self.pages.setCurrentIndex(index)
        return page

    def set_editors_read_only(self, read_only: bool) -> None:
        """Section texts read-only (the file is open elsewhere) or editable again."""
        self._editors_read_only = read_only
        for page in self.built_pages():
            page.editor.setReadOnly(read_only)

    def current_section(self) -> str:
        return SECTION_IDS[max(0, self.pages.currentIndex())]

    def show_section(self, section_id: str) -> None:
        if section_id in SECTION_IDS:
            self.section_list.setCurrentRow(SECTION_IDS.index(section_id))
            self.page(section_id).editor.setFocus()

    @property
    def find_bar(self):
        """The find bar under the pages (``widgets.find_bar.FindBar``, built when first asked for)."""
        return self.find.bar()

    def show_finding(self, finding) -> None:
        """Show the place of a check finding: its section, and the row, cell or words it names."""
        from editor.app.navigation import go_to

        if finding is not None and finding.section in SECTION_IDS:
            go_to(self, finding.section, finding.location)

    def _show_comment_anchor(self, anchor) -> None:
        from editor.app.widgets.comments_view import show_anchor

        show_anchor(self, anchor)

    def step_section(self, delta: int) -> None:
        row = (self.section_list.currentRow() + delta) % len(SECTION_IDS)
        self.section_list.setCurrentRow(row)
        self.page(self.current_section()).editor.setFocus()

    def _on_section_row(self, row: int) -> None:
        if row >= 0:
            page = self.page(SECTION_IDS[row])
            self.pages.setCurrentIndex(row)
            page.ensure_extra()

    def focus_first_section(self) -> None:
        self.section_list.setCurrentRow(0)
        self.page(SECTION_IDS[0]).editor.setFocus()

    def _on_tips_toggled(self, shown: bool) -> None:
        if self.act_tips.isChecked() != shown:
            self.act_tips.setChecked(shown)
        self._set_tips_visible(shown)

    def _set_tips_visible(self, shown: bool) -> None:
        for page in self.built_pages():
            page.set_tips_visible(shown)

    # -- status bar ------------------------------------------------------------------------
    def show_status(self, message: str, timeout_ms: int = 5000, **fields) -> None:
        """Show ``message`` (an ``N_``-marked msgid, formatted with ``fields``) in the status
        bar in the UI language; switching the language while it is shown translates it too
        (a callable field is asked each time, for a value that is itself translated)."""
        text = translate_message(message, fields)
        self._status_shown = (message, fields, time.monotonic() + timeout_ms / 1000, text)
        self.statusBar().showMessage(text, timeout_ms)

    def _retranslate_status(self) -> None:
        if self._status_shown is None:
            return
        message, fields, until, text = self._status_shown
        remaining = until - time.monotonic()
        if remaining > 0.1 and self.statusBar().currentMessage() == text:
            self.show_status(message, int(remaining * 1000), **fields)

    # -- check (debounced, off the keystroke path) ---------------------------------------
    def _on_document_changed(self, what: str) -> None:
        self._check_timer.start()
        if what in ("all", "language"):
            self._show_document_language()
        if what in ("all", "title"):
            self.update_title()

    @property
    def statuses(self) -> dict[str, str]:
        """Section id -> "empty"|"progress"|"ok" (a check waiting for the first paint runs now)."""
        self._flush_check()
        return self._statuses

    @property
    def findings(self) -> list:
        self._flush_check()
        return self._findings

    def _flush_check(self) -> None:
        gate = gate_of(self)
        if gate is not None:
            gate.flush(self._check_now)

    def _add_pillar_view(self) -> None:
        from editor.app.widgets.pillar_view import PillarCoverageView

        self.pillars = PillarCoverageView(self.document, self.review)
        self.pillars.sectionRequested.connect(self.show_section)
        self.review.layout().addWidget(self.pillars)

    def run_check(self) -> None:
        """Run the guide check (after the first paint when the window has not been painted yet)."""
        gate = gate_of(self)
        if gate is not None:
            gate.defer_once(self._check_now)
        else:
            self._check_now()

    def _check_now(self) -> None:
        from editor.core.checks import check, section_status

        p = self.document.proposal
        try:
            self._findings = check(p, current_language())
        except Exception as exc:  # a checker bug must not take the editor down
            self.show_status(N_("The guide check failed: {error}"), 8000, error=exc)
            return
        self._statuses = {sid: section_status(p, sid, self._findings) for sid in SECTION_IDS}
        self.review.set_findings(self._findings, sum(s == "ok" for s in self._statuses.values()))
        self.review.comments.set_proposal(p)
        self._update_section_items()

    def _update_section_items(self) -> None:
        lang = current_language()
        for row, sid in enumerate(SECTION_IDS):
            item = self.section_list.item(row)
            status = self._statuses.get(sid, "empty")
            item.setIcon(icon(f"status-{status}"))
            title = section_title(sid, lang)
            item.setText(title)
            status_text = _(STATUS_TEXT[status])
            item.setToolTip(f"{title} — {status_text}")
            item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{title}, {status_text}")
        self.section_list.doItemsLayout()  # texts changed length: recompute wrapped heights

    # -- languages ----------------------------------------------------------------------------
    def toggle_ui_language(self) -> None:
        self.uiLanguageRequested.emit("en" if current_language() == "fr" else "fr")

    def set_document_language(self, language: str) -> None:
        if language and language != self.document.language:
            self.document.set_language(language)
        self._show_document_language()

    def _show_document_language(self, *_args) -> None:
        lang = self.document.language
        index = self.doc_lang_combo.findData(lang)
        if index >= 0:
            self.doc_lang_combo.setCurrentIndex(index)
        (self.act_doc_fr if lang == "fr" else self.act_doc_en).setChecked(True)

    # -- title, dialogs ----------------------------------------------------------------------
    def update_title(self, *_args) -> None:
        app_name = _("MLOps Proposal Editor")
        title = self.document.proposal.metadata.title.strip()
        if len(title) > 60:
            title = title[:59] + "…"
        shown = f"{self.document.display_name()}[*] — {title}" if title else f"{self.document.display_name()}[*]"
        self.setWindowTitle(f"{shown} — {app_name}")
        self.setWindowModified(self.document.is_dirty())
        self.act_save.setEnabled(True)

    def show_guide(self) -> None:
        from editor.app.dialogs import GuideDialog

        dialog = GuideDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        self.guide_dialog = dialog

    def show_class_review(self) -> None:
        from editor.app.class_review import ClassReviewWindow

        if getattr(self, "class_review", None) is None:
            self.class_review = ClassReviewWindow(self.settings)
        self.class_review.show()
        self.class_review.raise_()
        if self.class_review.folder is None:
            self.class_review.choose_folder()

    def show_about(self) -> None:
        from editor.app.dialogs import AboutDialog

        dialog = AboutDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.exec()

    # -- state ------------------------------------------------------------------------------------
    def restore_state(self) -> None:
        geometry = self.settings.bytes_value("window/geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1280, 800)
        state = self.settings.bytes_value("window/state")
        if state is not None:
            self.restoreState(state)
        splitter = self.settings.bytes_value("window/splitter")
        if splitter is not None:
            self.splitter.restoreState(splitter)
        page_split = self.settings.bytes_value("window/page_splitter")
        if page_split is not None:
            self._page_split_state = page_split
            for page in self.built_pages():
                page.hsplit.restoreState(page_split)
        tips = self.settings.bool_value("window/tips", True)
        self.act_tips.setChecked(tips)
        self._set_tips_visible(tips)

    def save_state(self) -> None:
        s = self.settings
        s.set_bytes_value("window/geometry", self.saveGeometry())
        s.set_bytes_value("window/state", self.saveState())
        s.set_bytes_value("window/splitter", self.splitter.saveState())
        s.set_bytes_value("window/page_splitter", self.page(self.current_section()).hsplit.saveState())
        s.set_value("window/tips", self.act_tips.isChecked())
        s.sync()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if not self.files.maybe_save():
            event.ignore()
            return
        self.save_state()
        if getattr(self, "recovery", None) is not None:
            self.recovery.cleanup()  # normal close: recovery file and lock go (issue 6)
        event.accept()

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

    # -- translation -----------------------------------------------------------------------------
    def retranslateUi(self) -> None:  # noqa: N802
        self._retranslate_status()
        self.document.retranslate_history()  # the Edit menu's "Undo Typing in …" follows the switch
        texts = {
            self.act_new: (_("&New"), _("Start a new proposal")),
            self.act_open: (_("&Open…"), _("Open a proposal (Markdown or Word)")),
            self.act_save: (_("&Save"), _("Save the proposal")),
            self.act_save_as: (_("Save &As…"), _("Save under another name, as Markdown (.md) or Word (.docx)")),
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
        self.review_dock.setWindowTitle(_("Review"))
        self.preview_dock.setWindowTitle(_("Preview"))
        self.act_review.setToolTip(_("Show the guide check's findings"))
        self.act_preview.setToolTip(_("Show the proposal as it will be exported"))
        self.toolbar.setWindowTitle(_("Main toolbar"))
        self.lang_label.setText(_("Interface:") + " ")
        self.doc_lang_label.setText(_("Document language:"))
        self.doc_lang_combo.setToolTip(_("The language of the proposal itself: headings of exported files"))
        self.doc_lang_combo.setAccessibleName(_("Document language"))
        self.section_list.setAccessibleName(_("Sections of the proposal"))
        self.pages.setAccessibleName(_("Section editor"))
        self._update_section_items()
        self.update_title()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
            # Check messages are in the UI language.
            self.run_check()
        super().changeEvent(event)
