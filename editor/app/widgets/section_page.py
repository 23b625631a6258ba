"""One guide section: heading, Markdown editor, live word count, tips beside it.

The page also hosts the section's structured editor (title/authors, objectives,
diagram, POC/data sources/resources, risks, KPIs) from
``section_extras.extra_widget_for``; it is created when the page is first
shown, so heavy widgets (pyqtgraph charts) never load at start-up.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from editor.app.document import ProposalDocument
from editor.app.icons import icon
from editor.app.widgets.editors import SectionTextEdit
from editor.app.widgets.tips_panel import TipsPanel
from editor.core.guide import load_guide, section_title
from editor.i18n import _, current_language, ngettext

# Word counts follow typing closely but not on every keystroke.
COUNT_DELAY_MS = 150


def count_text(section_id: str, words: int, language: str) -> str:
    """"163 / 150-200 words" when the guide sets a range, else "163 words" ("No words" for none)."""
    target = load_guide(language).section(section_id).words
    if target:
        return _("{count} / {low}-{high} words").format(count=words, low=target.min, high=target.max)
    if words == 0:
        return _("No words")
    return ngettext("{count} word", "{count} words", words).format(count=words)


def objectives_count_text(count: int) -> str:
    """"4 objectives (3-5 expected)", "No objectives yet (3-5 expected)"."""
    if count == 0:
        return _("No objectives yet (3-5 expected)")
    return ngettext("{count} objective (3-5 expected)", "{count} objectives (3-5 expected)", count).format(count=count)


class SectionPage(QWidget):
    """The editing page of one section."""

    tipsToggled = Signal(bool)

    def __init__(self, document: ProposalDocument, section_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.section_id = section_id
        self.extra: QWidget | None = None
        self._extra_built = False

        self.heading = QLabel(self)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.heading.setFont(font)
        self.heading.setWordWrap(True)
        self.heading.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.count_label = QLabel(self)
        self.count_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.count_label.setWordWrap(True)  # "17 words · 4 objectives (3-5 expected)" wraps in a narrow page
        self.tips_button = QToolButton(self)
        self.tips_button.setCheckable(True)
        self.tips_button.setChecked(True)
        self.tips_button.setIcon(icon("guide"))
        self.tips_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.tips_button.setAutoRaise(True)
        self.tips_button.toggled.connect(self._on_tips_toggled)

        head = QHBoxLayout()
        head.addWidget(self.heading, 1)
        head.addWidget(self.count_label)
        head.addWidget(self.tips_button)

        self.editor = SectionTextEdit(document, section_id, self)
        self.tips = TipsPanel(section_id, self)
        from editor.app.widgets.recognition_bar import OFFERING_SECTIONS, RecognitionBar

        # "2 objectives are written in the text…: [Move them to the objectives table]"
        self.recognition_bar = RecognitionBar(document, section_id, self) if section_id in OFFERING_SECTIONS else None

        # Editor and tips side by side; a structured editor (risks, KPIs, ...) below
        # them at full width, in a vertical splitter; a small one (title) above.
        self.hsplit = QSplitter(Qt.Orientation.Horizontal, self)
        self.hsplit.setChildrenCollapsible(False)
        self.hsplit.addWidget(self.editor)
        self.hsplit.addWidget(self.tips)
        self.hsplit.setStretchFactor(0, 3)
        self.hsplit.setStretchFactor(1, 2)
        self.hsplit.setSizes([620, 320])
        self.vsplit = QSplitter(Qt.Orientation.Vertical, self)
        self.vsplit.setChildrenCollapsible(False)
        self.vsplit.addWidget(self.hsplit)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.addLayout(head)
        if self.recognition_bar is not None:
            layout.addWidget(self.recognition_bar)
        layout.addWidget(self.vsplit, 1)
        self.page_layout = layout

        self._count_timer = QTimer(self)
        self._count_timer.setSingleShot(True)
        self._count_timer.setInterval(COUNT_DELAY_MS)
        self._count_timer.timeout.connect(self.update_count)
        self._count_stale = False
        document.changed.connect(self._on_document_changed)
        self.retranslateUi()

    # -- extras (lazy) ----------------------------------------------------------
    def ensure_extra(self) -> QWidget | None:
        """Build the section's structured editor once (on first show)."""
        if self._extra_built:
            return self.extra
        self._extra_built = True
        from editor.app.widgets.section_extras import extra_widget_for

        self.extra = extra_widget_for(self.section_id, self.document, self)
        if self.extra is not None:
            if getattr(self.extra, "placement", "bottom") == "top":
                self.page_layout.insertWidget(1, self.extra)
            else:
                self.vsplit.addWidget(self.extra)
                big = self.section_id in ("risks", "kpis", "architecture")
                self.vsplit.setStretchFactor(0, 2 if big else 3)
                self.vsplit.setStretchFactor(1, 5 if big else 3)
                total = max(400, self.vsplit.height())
                top = int(total * (0.3 if big else 0.45))
                self.vsplit.setSizes([top, total - top])
        return self.extra

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        self.ensure_extra()
        if self._count_stale:
            self.update_count()
        super().showEvent(event)

    # -- updates ----------------------------------------------------------------------
    def _on_document_changed(self, what: str) -> None:
        if what == "all":
            # A file was opened: the page in front shows its count at once; at start-up the
            # others count after the window's first paint.
            if self.isVisible():
                self.update_count()
            else:
                from editor.app.first_paint import after_first_paint

                self._count_stale = True
                after_first_paint(self, self._update_count_if_stale)
        elif what in (self.section_id, "objectives"):
            self._count_timer.start()

    def _update_count_if_stale(self) -> None:
        if self._count_stale:
            self.update_count()

    def update_count(self) -> None:
        from editor.core.checks import count_words

        self._count_stale = False
        words = count_words(self.document.proposal.section(self.section_id))
        text = count_text(self.section_id, words, current_language())
        if self.section_id == "objectives":
            text += " · " + objectives_count_text(len(self.document.proposal.objectives))
        self.count_label.setText(text)
        self.count_label.setAccessibleName(text)

    def _on_tips_toggled(self, shown: bool) -> None:
        self.tips.setVisible(shown)
        self.tipsToggled.emit(shown)

    def set_tips_visible(self, shown: bool) -> None:
        self.tips_button.setChecked(shown)

    def retranslateUi(self) -> None:  # noqa: N802 - Qt naming
        lang = current_language()
        self.heading.setText(section_title(self.section_id, lang))
        self.tips_button.setText(_("Tips"))
        self.tips_button.setToolTip(_("Show or hide the guide's tips for this section"))
        self.tips_button.setAccessibleName(_("Guide tips"))
        if self.section_id == "title":  # the title itself is the field above: one place for it
            self.editor.setPlaceholderText(_("The title goes in the field above. Here, if you wish: a subtitle, or one "
                                             "sentence on what the title means (shown under “1. Project Title”)."))
        else:
            self.editor.setPlaceholderText(load_guide(lang).section(self.section_id).placeholder)
        self.editor.setAccessibleName(_("Text of section {title}").format(title=section_title(self.section_id, lang)))
        self.update_count()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)
