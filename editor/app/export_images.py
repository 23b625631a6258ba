"""Pictures a DOCX or PDF export embeds that only Qt can make: the charts
(painted by chart_render), SVG pictures turned into PNG (the builder's
architecture diagram and an attached SVG diagram: the copy the PDF shows and
Word shows where it cannot draw the SVG), and the fast PNG encoder.

Only a QGuiApplication is needed (no widgets), so the export's chart worker
calls these too."""

from __future__ import annotations

import struct
import zlib

DIAGRAM_WIDTH = 1600


def png_bytes(image, level: int = 2) -> bytes:
    """``image`` as PNG bytes, encoded fast (zlib ``level``; Qt's own writer is 3-4x slower).

    Charts are opaque, so they are written as 8-bit RGB (no filter, rows fed
    straight from Qt's buffer to zlib) with the image's resolution (pHYs),
    which word processors use for the natural size.
    """
    from PySide6.QtGui import QImage

    rgb = image.convertToFormat(QImage.Format.Format_RGB888)
    w, h, stride = rgb.width(), rgb.height(), rgb.bytesPerLine()
    bits = rgb.constBits()
    row = w * 3
    deflate = zlib.compressobj(level)
    chunks = []
    for y in range(h):
        start = y * stride
        chunks.append(deflate.compress(b"\x00"))  # filter type "none"
        chunks.append(deflate.compress(bits[start : start + row]))
    chunks.append(deflate.flush())

    def chunk(tag: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data))

    dpm = image.dotsPerMeterX() or 3780, image.dotsPerMeterY() or 3780
    return b"".join((
        b"\x89PNG\r\n\x1a\n",
        chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)),
        chunk(b"pHYs", struct.pack(">IIB", dpm[0], dpm[1], 1)),
        chunk(b"IDAT", b"".join(chunks)),
        chunk(b"IEND", b""),
    ))


def svg_image(svg: bytes, width: int):
    """``svg`` drawn on a white QImage ``width`` pixels wide, its aspect ratio kept (ValueError
    when it is not an SVG picture Qt can draw, or has no size)."""
    from PySide6.QtCore import QByteArray, QRectF
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    from editor.app.chart_render import ensure_gui_app

    ensure_gui_app()
    renderer = QSvgRenderer(QByteArray(svg))
    if not renderer.isValid():
        raise ValueError("not a valid SVG picture")
    size = renderer.viewBoxF().size()
    if size.width() <= 0 or size.height() <= 0:
        size = renderer.defaultSize().toSizeF()
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


def svg_png(svg: bytes, width: int = DIAGRAM_WIDTH) -> bytes:
    """``svg`` as PNG bytes ``width`` pixels wide (about 250 dpi over the 16 cm of an A4 page)."""
    return png_bytes(svg_image(svg, width))


def architecture_png(architecture, language: str, width: int = DIAGRAM_WIDTH) -> bytes | None:
    """The builder's diagram as PNG bytes (labels in ``language``), None when it has no component."""
    if not architecture.components:
        return None
    from editor.core.architecture.svg import diagram_svg

    return svg_png(diagram_svg(architecture, language), width)


def diagram_png(proposal, base_dir, width: int = DIAGRAM_WIDTH, image_policy=None) -> bytes | None:
    """The attached diagram as PNG bytes when it is an SVG file ``image_policy`` lets us read,
    else None (read through the exports' one door to picture files,
    :func:`editor.core.export.images.read_image`)."""
    from editor.core.export.images import ImageUnavailable, read_image

    src = proposal.diagram.path
    if not src or not src.lower().endswith(".svg"):
        return None
    try:
        return svg_png(read_image(src, base_dir, image_policy, proposal.media), width)
    except (ImageUnavailable, ValueError):
        return None


def document_images(proposal, language: str, base_dir, image_policy=None) -> dict[str, bytes]:
    """Charts, the builder's diagram and a rasterized SVG diagram, keyed as the writers expect."""
    from editor.app.chart_render import export_images

    images = export_images(proposal, language)
    diagram = diagram_png(proposal, base_dir, image_policy=image_policy)
    if diagram is not None:
        images["architecture"] = diagram
    return images
