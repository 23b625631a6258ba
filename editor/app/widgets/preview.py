"""The whole proposal rendered to HTML (editor.core.export.html), refreshed
after the user pauses typing, and only while visible. The browser loads
nothing itself: every picture is embedded as ``data:`` by the export, which
reads picture files through its one door (editor.core.export.images)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QTimer, QUrl
from PySide6.QtGui import QColor, QDesktopServices, QPalette
from PySide6.QtWidgets import QTextBrowser, QVBoxLayout, QWidget

from editor.app.document import ProposalDocument
from editor.i18n import _

PREVIEW_DELAY_MS = 700


class SafeTextBrowser(QTextBrowser):
    """A QTextBrowser that loads embedded ``data:`` resources only; links open in the system browser."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.anchorClicked.connect(self._open_link)
        self.refused: list[str] = []

    def loadResource(self, kind: int, url: QUrl):  # noqa: N802 - Qt API
        from editor.app.image_resources import embedded_resource

        if url.scheme().lower() != "data":
            self.refused.append(url.toString())
        return embedded_resource(kind, url, lambda: super(SafeTextBrowser, self).loadResource(kind, url))

    def _open_link(self, url: QUrl) -> None:
        if url.scheme() in ("http", "https", "mailto"):
            QDesktopServices.openUrl(url)
        elif url.hasFragment() and not url.scheme():
            self.scrollToAnchor(url.fragment())


class PreviewPanel(QWidget):
    """The preview; its browser is built when first needed (seen or asked for), not at start-up."""

    def __init__(self, document: ProposalDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self._browser: SafeTextBrowser | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self._stale = True
        self._exposed: bool | None = None  # in a dock: is its tab in front (None: not known)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PREVIEW_DELAY_MS)
        self._timer.timeout.connect(self._refresh_if_shown)
        document.changed.connect(self._on_changed)
        document.pathChanged.connect(self._on_changed)

    @property
    def browser(self) -> SafeTextBrowser:
        if self._browser is None:
            browser = SafeTextBrowser(self)
            browser.document().setDocumentMargin(16)
            # The preview is a printed page: paper colours in light and dark palettes alike.
            palette = browser.palette()
            palette.setColor(QPalette.ColorRole.Base, QColor("#ffffff"))
            palette.setColor(QPalette.ColorRole.Text, QColor("#1a1a1a"))
            browser.setPalette(palette)
            self.layout().addWidget(browser)
            self._browser = browser
            self.retranslateUi()
        return self._browser

    def _shown(self) -> bool:
        # A dock tabbed behind another one counts as visible to Qt, but nobody sees it.
        return self.isVisible() and self._exposed is not False

    def set_exposed(self, exposed: bool) -> None:
        """The dock holding the preview came to the front (True) or went behind/hidden (False)."""
        self._exposed = exposed
        if exposed:
            self.browser.show()  # built now: the page appears with the dock, filled just after
        if exposed and self._stale:
            from editor.app.first_paint import after_first_paint

            after_first_paint(self, self._start_soon)

    def _on_changed(self, *_args) -> None:
        self._stale = True
        if self._shown():
            self._timer.start()

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        if self._stale:
            from editor.app.first_paint import after_first_paint

            # Not before the window's first paint; then only if still shown.
            after_first_paint(self, self._start_soon)

    def _start_soon(self) -> None:
        if self._stale and self._shown():
            self._timer.start(50)

    def html(self) -> str:
        from editor.core.export.html import proposal_to_html
        from editor.core.images import ImagePolicy

        doc = self.document
        base = doc.path.parent if doc.path else None
        # On the screen of the one who opened the file, any picture it names may show (nothing is
        # sent anywhere); the rules against devices, pipes and huge files still hold.
        return proposal_to_html(doc.proposal, doc.language, base_dir=base, image_policy=ImagePolicy.untitled())

    def _refresh_if_shown(self) -> None:
        if self._shown():
            self.refresh()

    def refresh(self) -> None:
        try:
            html = self.html()
        except Exception as exc:  # a preview failure must never cost the user their work
            html = "<p>" + _("The preview cannot be shown: {error}").format(error=str(exc)).replace("<", "&lt;") + "</p>"
        bar = self.browser.verticalScrollBar()
        pos = bar.value()
        self.browser.setHtml(html)
        bar.setValue(pos)
        self._stale = False

    def scroll_to_section(self, section_id: str) -> None:
        self.browser.scrollToAnchor(section_id)

    def retranslateUi(self) -> None:  # noqa: N802
        if self._browser is not None:
            self._browser.setAccessibleName(_("Preview of the proposal"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)
