"""The architecture drawing as pixels: the core's SVG rendered with QtSvg.

``diagram_png(architecture, language)`` is what the PDF, the preview and the
DOCX fallback embed; ``svg_png(svg, width)`` rasterises any SVG bytes. Both
need only a QGuiApplication (no widgets), so the export's chart worker can
call them. The SVG itself (:func:`editor.core.architecture.svg.diagram_svg`)
is the vector picture for formats that take one.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF
from PySide6.QtGui import QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

# Print quality at the 16 cm a diagram takes on an A4 page (about 250 dpi).
EXPORT_WIDTH = 1600


def svg_image(svg: bytes, width: int) -> QImage:
    """``svg`` drawn on a white image ``width`` pixels wide (its aspect ratio kept)."""
    renderer = QSvgRenderer(QByteArray(svg))
    if not renderer.isValid():
        raise ValueError("not a valid SVG picture")
    size = renderer.viewBoxF().size()
    if size.width() <= 0 or size.height() <= 0:
        raise ValueError("the SVG picture has no size")
    height = max(1, round(width * size.height() / size.width()))
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(0xFFFFFF)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    renderer.render(painter, QRectF(0, 0, width, height))
    painter.end()
    return image


def svg_png(svg: bytes, width: int = EXPORT_WIDTH) -> bytes:
    """``svg`` as PNG bytes ``width`` pixels wide."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    svg_image(svg, width).save(buffer, "PNG")
    return bytes(buffer.data())


def diagram_png(architecture, language: str, width: int = EXPORT_WIDTH) -> bytes | None:
    """The builder's diagram as PNG bytes (labels in ``language``), None when it has no component."""
    if not architecture.components:
        return None
    from editor.core.architecture.svg import diagram_svg

    return svg_png(diagram_svg(architecture, language), width)
