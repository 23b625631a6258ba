"""PDF export through Qt: the preview's HTML laid out by QTextDocument and
painted page by page on a QPdfWriter, with the title in the header,
"Page X of Y" in the footer and the sections' pages in the contents. No
external program; works headless (the offscreen platform) from the CLI as
well as from the GUI.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from editor.core.model import Proposal
from editor.core.storage import atomic_write_bytes

MARGIN_MM = 25.0
HEADER_MM = 8.0
FOOTER_MM = 10.0


def ensure_gui_application():
    """The running Qt application, or a new QApplication (offscreen when there is no display).

    A QApplication rather than a QGuiApplication, so the chart renderers
    (widgets) can run in the same process.
    """
    import sys

    from PySide6.QtCore import QCoreApplication

    from editor.app.pyside_imports import skip_source_scan

    skip_source_scan()  # the PDF's writers are imported after this (see that module)
    app = QCoreApplication.instance()
    if app is None:
        if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from PySide6.QtWidgets import QApplication

        app = QApplication(sys.argv[:1] or ["proposal-editor"])
    return app


def render_pdf(proposal: Proposal, language: str | None = None, images: dict[str, bytes] | None = None,
               base_dir=None, paper: str | None = None, fence_figure=None, image_policy=None) -> bytes:
    """The proposal as PDF bytes (A4, or Letter for an en_US document locale).

    Image files (the diagram, the pictures of the text) are read as ``image_policy``
    allows (:class:`editor.core.images.ImagePolicy`; by default those in ``base_dir``).
    """
    ensure_gui_application()
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, QSizeF, Qt
    from PySide6.QtGui import QColor, QFont, QPageLayout, QPageSize, QPainter, QPdfWriter, QPen

    from editor.core.export.build import paper_for
    from editor.i18n import translator

    from editor.core.export import no_gc_pauses
    from editor.core.export.build import build_document
    from editor.core.export.html import render_html

    lang = language or proposal.metadata.language
    tr = translator(lang)
    with no_gc_pauses():
        document = build_document(proposal, lang, images, base_dir, fence_figure=fence_figure,
                                  image_policy=image_policy)

    def html_of(pages=None, breaks=frozenset()) -> str:
        # The body font comes from the default font below, which has ligatures off:
        # Qt's PDF writer maps ligature glyphs ("ti", "fi") to no text, so copy and
        # search in the PDF would lose letters.
        return re.sub(r"(body \{[^}]*?)font-family:[^;]*;", r"\1", render_html(document, images, pages, breaks),
                      count=1)

    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    size = QPageSize.PageSizeId.Letter if paper_for(proposal, paper) == "letter" else QPageSize.PageSizeId.A4
    writer.setPageLayout(QPageLayout(QPageSize(size), QPageLayout.Orientation.Portrait,
                                     QMarginsF(MARGIN_MM, MARGIN_MM - HEADER_MM, MARGIN_MM, MARGIN_MM - FOOTER_MM),
                                     QPageLayout.Unit.Millimeter))
    writer.setResolution(300)
    title = proposal.metadata.title or tr("Untitled proposal")
    writer.setTitle(title)
    writer.setCreator("MLOps Proposal Editor")

    dots_per_mm = writer.resolution() / 25.4
    paint = writer.pageLayout().paintRectPixels(writer.resolution())
    header_h, footer_h = HEADER_MM * dots_per_mm, FOOTER_MM * dots_per_mm
    body = QRectF(0, header_h, paint.width(), paint.height() - header_h - footer_h)

    from editor.app.image_resources import EmbeddedOnlyTextDocument

    doc = EmbeddedOnlyTextDocument()  # the HTML embeds every picture: Qt reads no file itself
    doc.documentLayout().setPaintDevice(writer)
    font = QFont()
    font.setFamilies(["Calibri", "Carlito", "Segoe UI", "Helvetica Neue", "Arial", "DejaVu Sans"])
    font.setStyleHint(QFont.StyleHint.SansSerif)
    font.setPointSizeF(10.5)
    for feature in ("liga", "clig", "dlig"):
        font.setFeature(QFont.Tag(feature), 0)
    doc.setDefaultFont(font)
    doc.setDocumentMargin(0)
    doc.setPageSize(QSizeF(body.width(), body.height()))
    doc.setHtml(html_of())
    # A section heading that would end a page (or be cut by its end) starts the next one instead.
    breaks = headings_to_keep_with_next(doc, body.height())
    if breaks:
        doc.setHtml(html_of(breaks=breaks))
    # Laid out, the sections' pages are known: the contents gets them (its lines keep their height).
    doc.setHtml(html_of(anchor_pages(doc, body.height()), breaks))
    doc.setPageSize(QSizeF(body.width(), body.height()))
    pages = doc.pageCount()

    painter = QPainter(writer)
    small = QFont(font)
    small.setPointSizeF(8.5)
    grey = QColor("#595959")
    try:
        for page in range(pages):
            if page:
                writer.newPage()
            painter.save()
            painter.translate(0, body.top() - page * body.height())
            doc.drawContents(painter, QRectF(0, page * body.height(), body.width(), body.height()))
            painter.restore()
            painter.setFont(small)
            painter.setPen(QPen(grey))
            if page:
                painter.drawText(QRectF(0, 0, body.width(), header_h * 0.7),
                                 int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom), title)
                painter.setPen(QPen(QColor("#B4C6E7"), 2))
                painter.drawLine(0, int(header_h * 0.8), int(body.width()), int(header_h * 0.8))
                painter.setPen(QPen(grey))
            footer = tr("Page {page} of {pages}").format(page=page + 1, pages=pages)
            painter.drawText(QRectF(0, body.bottom() + footer_h * 0.3, body.width(), footer_h * 0.7),
                             int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter), footer)
    finally:
        painter.end()
    buffer.close()
    return bytes(data)


def _anchored_blocks(doc):
    """(block, its anchor names) for every block of a laid-out QTextDocument that holds an anchor."""
    block = doc.begin()
    while block.isValid():
        names = list(block.charFormat().anchorNames())
        fragments = block.begin()
        while not fragments.atEnd():
            names += fragments.fragment().charFormat().anchorNames()
            fragments += 1
        if names:
            yield block, names
        block = block.next()


def headings_to_keep_with_next(doc, page_height: float, room: float = 0.08) -> frozenset[str]:
    """Anchors of the headings that would stand in the last ``room`` of a page (their text
    cut off from what follows, or split by the page's end): they go to the next page."""
    layout = doc.documentLayout()
    moved = set()
    for block, names in _anchored_blocks(doc):
        rect = layout.blockBoundingRect(block)
        page = rect.top() // page_height
        if (rect.bottom() + room * page_height) // page_height > page and rect.top() % page_height > 0:
            moved.update(names)
    return frozenset(moved)


def anchor_pages(doc, page_height: float) -> dict[str, int]:
    """The page (from 1) on which each named anchor of a laid-out QTextDocument stands."""
    layout = doc.documentLayout()
    pages: dict[str, int] = {}
    for block, names in _anchored_blocks(doc):
        # A heading never splits across pages (headings_to_keep_with_next): its middle says where it is.
        page = int(layout.blockBoundingRect(block).center().y() // page_height) + 1
        for name in names:
            pages.setdefault(name, page)
    return pages


def export_pdf(proposal: Proposal, path: str | os.PathLike, language: str | None = None,
               images: dict[str, bytes] | None = None, base_dir=None, paper: str | None = None,
               fence_figure=None, image_policy=None) -> list[str]:
    """Write the proposal as a PDF at ``path`` atomically; return warnings (none so far).

    ``images`` may hold PNG bytes under ``risk_matrix`` and ``kpi_chart``; the
    diagram is read from ``proposal.diagram.path`` relative to ``base_dir``
    (default: the destination's folder), as ``image_policy`` allows. Raises
    StorageError when writing fails.
    """
    target = Path(path)
    data = render_pdf(proposal, language, images, base_dir if base_dir is not None else target.parent, paper,
                      fence_figure, image_policy)
    atomic_write_bytes(target, data)
    return []
