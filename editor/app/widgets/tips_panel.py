"""The guide's advice for one section, shown beside its editor.

Built from ``editor.core.guide`` in the UI language: the section's intro,
its bullets (with sub-items), its examples and, where the section lists them,
the MLOps pillars with their points. Read-only, selectable, never takes focus
from typing; rebuilt on a language change.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QFrame, QLabel, QTextBrowser, QVBoxLayout, QWidget

from editor.core.guide import load_guide
from editor.i18n import _, current_language


def tips_html(section_id: str, language: str) -> str:
    """The tips of ``section_id`` as simple HTML (no colours: the palette decides)."""
    guide = load_guide(language)
    section = guide.section(section_id)
    parts: list[str] = []
    tips = list(section.tips)
    intro = section.intro.strip()
    # Several sections repeat their intro as their only tip; show it once.
    if intro and not (len(tips) == 1 and tips[0].text.strip() == intro and not tips[0].items):
        parts.append(f"<p>{escape(intro)}</p>")
    parts.append("<ul>")
    for tip in tips:
        parts.append(f"<li>{escape(tip.text)}")
        if tip.items:
            parts.append("<ul>" + "".join(f"<li>{escape(i)}</li>" for i in tip.items) + "</ul>")
        parts.append("</li>")
    parts.append("</ul>")
    if section.words:
        parts.append(
            "<p>"
            + escape(_("Length: {low}-{high} words.").format(low=section.words.min, high=section.words.max))
            + "</p>"
        )
    if section.count:
        parts.append(
            "<p>"
            + escape(_("Expected: {low}-{high} items.").format(low=section.count.min, high=section.count.max))
            + "</p>"
        )
    if section.examples:
        parts.append("<h4>" + escape(_("Examples")) + "</h4>")
        for example in section.examples:
            parts.append(f"<p style='margin-left:10px'><i>{escape(example)}</i></p>")
    pillars = guide.pillars_for(section_id)
    if pillars:
        parts.append(f"<h4>{escape(guide.mlops.title)}</h4>")
        for pillar in pillars:
            points = "".join(f"<li>{escape(p)}</li>" for p in pillar.points)
            parts.append(f"<p><b>{escape(pillar.title)}</b></p><ul>{points}</ul>")
    return "".join(parts)


class TipsPanel(QFrame):
    """Collapsible (by its owner) panel of guide tips for one section."""

    def __init__(self, section_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.section_id = section_id
        self.setFrameShape(QFrame.Shape.NoFrame)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.heading = QLabel(self)
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.browser = QTextBrowser(self)
        self.browser.setOpenLinks(False)
        self.browser.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.browser.document().setDocumentMargin(8)
        layout.addWidget(self.heading)
        layout.addWidget(self.browser, 1)
        self._rendered_language: str | None = None
        self.retranslateUi()

    def retranslateUi(self) -> None:  # noqa: N802 - Qt naming
        self.heading.setText(_("Guide tips"))
        self.browser.setAccessibleName(_("Guide tips"))
        if self.isVisible():
            self.render()
        # Hidden (another section's page): rendered when shown or asked for (start-up time).

    def render(self) -> None:
        """Fill the panel with the tips in the UI language (once per language)."""
        language = current_language()
        if self._rendered_language != language:
            self._rendered_language = language
            self.browser.setHtml(tips_html(self.section_id, language))

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        if self._rendered_language != current_language():
            from editor.app.first_paint import after_first_paint

            after_first_paint(self, self.render)

    def text(self) -> str:
        self.render()
        return self.browser.toPlainText()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)
