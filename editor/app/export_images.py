"""Pictures a DOCX or PDF export embeds that only Qt can make: the charts
(painted by chart_render) and an SVG architecture diagram turned into PNG
(Word and python-docx take raster images only)."""

from __future__ import annotations

from pathlib import Path

DIAGRAM_WIDTH = 1600


def diagram_png(proposal, base_dir, width: int = DIAGRAM_WIDTH) -> bytes | None:
    """The architecture diagram as PNG bytes when it is an SVG file, else None."""
    src = proposal.diagram.path
    if not src or not src.lower().endswith(".svg"):
        return None
    path = Path(src)
    if not path.is_absolute() and base_dir is not None:
        path = Path(base_dir) / path
    if not path.is_file():
        return None
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    from editor.app.chart_render import ensure_gui_app, png_bytes

    ensure_gui_app()
    renderer = QSvgRenderer(str(path))
    if not renderer.isValid():
        return None
    size = renderer.defaultSize()
    if size.width() <= 0 or size.height() <= 0:
        return None
    height = max(1, round(width * size.height() / size.width()))
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(0xFFFFFF)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, width, height))
    painter.end()
    return png_bytes(image)


def document_images(proposal, language: str, base_dir) -> dict[str, bytes]:
    """Charts and a rasterized SVG diagram, keyed as the DOCX and PDF writers expect."""
    from editor.app.chart_render import export_images

    from editor.core.media import picture_bytes

    images = export_images(proposal, language)
    diagram = picture_bytes(proposal, proposal.diagram.path) or diagram_png(proposal, base_dir)
    if diagram is not None:
        images["architecture"] = diagram
    return images
