"""The main window: section navigator and pages, review and preview docks,
menus, toolbar (with the FR | EN toggle), status bar (document language).

One window edits one ``ProposalDocument`` for its whole life; New/Open/Example
replace the proposal inside it (so objects attached to the document, such as
autosave, stay attached). The window builds what works on the document and
connects their signals: ``FileActions`` (``file_actions.py``), and, from
``start_recovery()`` (the app runs it after the first paint), the ``FileGuard``
(lock, changes on disk, backups), the ``Autosave`` (recovery file) and the
``Recovery`` that restores them. Actions, menus and toolbars are built by
``WindowMenus`` (``window_menus.py``).
"""

from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDockWidget,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
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
from editor.app.window_menus import WindowMenus
from editor.core.guide import section_title
from editor.core.model import SECTION_IDS
from editor.i18n import N_, _, current_language, translate_message

if TYPE_CHECKING:
    from editor.app.file_guard import FileGuard
    from editor.app.recovery import Recovery
    from PySide6.QtWidgets import QMessageBox

    from editor.app.widgets.review_panel import ReviewPanel
    from editor.app.widgets.section_page import SectionPage

CHECK_DELAY_MS = 400
STATUS_TEXT = {"empty": N_("Empty"), "progress": N_("In progress"), "ok": N_("Meets the guide")}

log = logging.getLogger(__name__)


class MainWindow(WindowMenus, QMainWindow):
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
        self._loading_path: Path | None = None  # the file opened right after the first paint
        self._checked_since_asked = False  # a check ran after the one waiting for the first paint was asked

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

        # Docks. The review panel (findings, comments, pillars) fills its dock after the first paint.
        self._review: ReviewPanel | None = None
        self.pillars = None
        self.review_dock = QDockWidget(self)
        self.review_dock.setObjectName("ReviewDock")
        self.review_dock.setWidget(QWidget(self.review_dock))
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.review_dock)
        after_first_paint(self, self._add_pillar_view)  # with the panel; its catalogue loads then
        self.preview = PreviewPanel(self.document, self)
        self.preview_dock = QDockWidget(self)
        self.preview_dock.setObjectName("PreviewDock")
        self.preview_dock.setWidget(self.preview)
        self.preview_dock.visibilityChanged.connect(self.preview.set_exposed)  # render only when seen
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.preview_dock)
        self.tabifyDockWidget(self.review_dock, self.preview_dock)
        self.review_dock.raise_()
        self.resizeDocks([self.review_dock], [300], Qt.Orientation.Horizontal)

        self.file_guard: FileGuard | None = None  # these two from start_recovery()
        self.recovery: Recovery | None = None
        self.recovery_problem_box: QMessageBox | None = None  # why recovery could not start, if it could not
        self.files = FileActions(self.document, settings, self)
        self.files.documentReplaced.connect(self._on_document_replaced)
        self.files.saved.connect(self.update_title)
        self.files.checkNeeded.connect(self.run_check)
        self.files.statusMessage.connect(self._show_status_message)
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
        self.document.pathChanged.connect(self._enable_restore_backup)
        self.document.languageChanged.connect(self._show_document_language)

        self.retranslateUi()
        self.restore_state()
        self.section_list.setCurrentRow(0)
        self.run_check()

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
        from editor.app.widgets.section_page import SectionPage

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
        if current:  # before the placeholder goes, or its neighbour would be shown meanwhile
            self.pages.setCurrentWidget(page)
        self.pages.removeWidget(placeholder)
        placeholder.deleteLater()
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
        if row < 0:
            return
        gate = gate_of(self)
        if gate is not None:  # the first paint shows the sections; the page in front follows
            self.pages.setCurrentIndex(row)
            gate.defer_once(self._show_current_page, first=True)
        else:
            self._show_page(row)

    def _show_current_page(self) -> None:
        self._show_page(self.pages.currentIndex())

    def _show_page(self, row: int) -> None:
        page = self.page(SECTION_IDS[row])
        self.pages.setCurrentIndex(row)
        page.ensure_extra()

    def _on_document_replaced(self) -> None:
        self.focus_first_section()
        self.run_check()

    def focus_first_section(self) -> None:
        self.section_list.setCurrentRow(0)
        gate = gate_of(self)
        if gate is not None:
            gate.defer_once(self.focus_first_section)
        else:
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

    def _show_status_message(self, message: str, timeout_ms: int, fields: dict) -> None:
        self.show_status(message, timeout_ms, **fields)

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
            if self._loading_path is not None:
                gate.flush(self._open_pending)
            gate.flush(self._check_waiting)

    # -- opening at start-up ---------------------------------------------------------------
    def open_after_first_paint(self, path: Path) -> None:
        """Open ``path`` once the window has been painted (at once if it has, or has no gate).

        Until then the title names the file, the status bar says it is being opened (its
        document and spelling languages, not known yet, are hidden) and the section texts
        are read-only, so nothing typed in that moment is replaced by the file's text."""
        gate = gate_of(self)
        if gate is None:
            self.files.open_path(path, ask=False)
            return
        self._loading_path = path
        self.set_editors_read_only(True)
        self.update_title()
        for widget in self.language_status_widgets:
            widget.hide()
        self.show_status(N_("Opening {name}…"), 30_000, name=path.name)
        gate.defer(self._open_pending, first=True)

    def _open_pending(self) -> None:
        path, self._loading_path = self._loading_path, None
        self.set_editors_read_only(False)
        self.statusBar().clearMessage()
        for widget in self.language_status_widgets:
            widget.show()
        if path is not None and not self.files.open_path(path, ask=False):
            self.update_title()  # it could not be read: the untitled document stays

    @property
    def review(self) -> ReviewPanel:
        """The review dock's panel, built when first asked for (after the first paint at start-up)."""
        if self._review is None:
            from editor.app.widgets.review_panel import ReviewPanel

            review = ReviewPanel(self)
            review.findingRequested.connect(self.show_finding)
            review.comments.anchorRequested.connect(self._show_comment_anchor)
            self._review = review
            placeholder = self.review_dock.widget()
            self.review_dock.setWidget(review)
            if placeholder is not None:
                placeholder.deleteLater()
        return self._review

    def _add_pillar_view(self) -> None:
        from editor.app.widgets.pillar_view import PillarCoverageView

        self.pillars = PillarCoverageView(self.document, self.review)
        self.pillars.sectionRequested.connect(self.show_section)
        self.review.layout().addWidget(self.pillars)

    def run_check(self) -> None:
        """Run the guide check (after the first paint when the window has not been painted yet)."""
        gate = gate_of(self)
        if gate is not None:
            self._checked_since_asked = False  # a check run after this one answers it
            gate.defer_once(self._check_waiting)
        else:
            self._check_now()

    def _check_waiting(self) -> None:
        """The check asked for before the first paint, unless one ran since (opening a file runs one)."""
        if not self._checked_since_asked:
            self._check_now()

    def _check_now(self) -> None:
        from editor.app.spell_service import spell_service
        from editor.core.checks import check, section_status

        self._checked_since_asked = True

        p = self.document.proposal
        # Spell checking off: no spelling findings (and no dictionary to load). On: the rule reads
        # the dictionaries loaded in the background, never loading one in this thread.
        spelling = spell_service().enabled
        if spelling:
            spell_service().core()
        try:
            self._findings = check(p, current_language(), spelling=spelling)
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
        title = self.document.title().strip()
        if len(title) > 60:
            title = title[:59] + "…"
        name = self._loading_path.name if self._loading_path is not None else self.document.display_name()
        shown = f"{name}[*] — {title}" if title else f"{name}[*]"
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
        if self.recovery is not None:
            self.recovery.cleanup()  # a normal close: the recovery file and the lock go
        elif self.file_guard is not None:
            self.file_guard.close()
        event.accept()

    # -- never lose work ------------------------------------------------------------------------
    def start_recovery(self) -> None:
        """Lock, watch and back up the document's file; keep its recovery file and offer what a
        crash left. Without a writable recovery folder the window says so and goes on without."""
        if self.file_guard is not None:
            return
        from editor.app.autosave import Autosave
        from editor.app.file_guard import FileGuard
        from editor.app.recovery import Recovery
        from editor.core.recovery import prepare_recovery_dir
        from editor.core.storage import StorageError

        guard = FileGuard(self.document, self)
        guard.readOnlyChanged.connect(self._show_read_only)
        guard.reloaded.connect(self.run_check)
        guard.statusMessage.connect(self._show_status_message)
        self.file_guard = guard
        self.files.set_save_guard(guard)
        try:
            prepare_recovery_dir()
        except StorageError as exc:
            log.warning("crash recovery is off: %s", exc)
            self._show_recovery_problem(str(exc))
            QTimer.singleShot(0, self, guard.start)
            return
        recovery = Recovery(self.document, self, Autosave(self.document, self), guard,
                            maybe_save=lambda: self.files.maybe_save())
        recovery.restored.connect(self._on_document_replaced)
        recovery.checkNeeded.connect(self.run_check)
        recovery.statusMessage.connect(self._show_status_message)
        self.recovery = recovery
        self._enable_restore_backup()
        QTimer.singleShot(0, self, recovery.start)  # its questions come once the window is up

    def _show_recovery_problem(self, error: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Warning, _("No crash recovery"), _(
            "Unsaved changes cannot be kept for recovery in this session: {error}").format(error=error),
            QMessageBox.StandardButton.Ok, self)
        box.setInformativeText(_("You can edit and save as usual; save often, a crash would lose what is "
                                 "not saved."))
        self.recovery_problem_box = box
        box.open()

    def _show_read_only(self, read_only: bool) -> None:
        self.set_editors_read_only(read_only)
        self.read_only_label.setVisible(read_only)

    def _enable_restore_backup(self, *_args) -> None:
        self.act_restore_backup.setEnabled(self.recovery is not None and self.document.path is not None)

    def _show_backups(self) -> None:
        if self.recovery is not None:
            self.recovery.show_backups()

    # -- translation -----------------------------------------------------------------------------
    def retranslateUi(self) -> None:  # noqa: N802
        self._retranslate_status()
        self.document.retranslate_history()  # the Edit menu's "Undo Typing in …" follows the switch
        self._retranslate_actions()
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
