"""Pictures a DOCX or PDF export embeds that only Qt can make: the charts
(painted by chart_render) and an SVG architecture diagram turned into PNG
(Word and python-docx take raster images only). The SVG's bytes are read by
the core's image rules (:mod:`editor.core.images`), never by Qt from a path."""

from __future__ import annotations

DIAGRAM_WIDTH = 1600


def diagram_png(proposal, base_dir, width: int = DIAGRAM_WIDTH, image_policy=None) -> bytes | None:
    """The architecture diagram as PNG bytes when it is an SVG file (that ``image_policy``
    lets us read: by default one inside ``base_dir``), else None."""
    from editor.core.images import ImagePolicy, ImageRefused, read_image

    src = proposal.diagram.path
    if not src or not src.lower().endswith(".svg"):
        return None
    policy = image_policy if image_policy is not None else ImagePolicy([base_dir if base_dir is not None else "."])
    try:
        data = read_image(src, base_dir, policy)
    except ImageRefused:
        return None
    from PySide6.QtCore import QByteArray, QRectF
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    from editor.app.chart_render import ensure_gui_app, png_bytes

    ensure_gui_app()
    renderer = QSvgRenderer(QByteArray(data))
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


def document_images(proposal, language: str, base_dir, image_policy=None) -> dict[str, bytes]:
    """Charts and a rasterized SVG diagram, keyed as the DOCX and PDF writers expect."""
    from editor.app.chart_render import export_images

    images = export_images(proposal, language)
    diagram = diagram_png(proposal, base_dir, image_policy=image_policy)
    if diagram is not None:
        images["architecture"] = diagram
    return images
