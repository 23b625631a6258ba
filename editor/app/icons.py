"""SVG icons from ``resources/icons``, tinted to the palette's text colour.

Monochrome icons use ``currentColor``; it is replaced by the current palette's
text colour when the icon is built, so icons stay visible in light and dark
palettes. Coloured icons (status, app) are used as they are. Icons render at
several sizes so they stay sharp on high-DPI screens.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QByteArray, QRectF, QSize, Qt
from PySide6.QtGui import QGuiApplication, QIcon, QImage, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer

_SIZES = (16, 20, 24, 32, 48, 64, 128, 256)


def _text_colour() -> str:
    app = QGuiApplication.instance()
    if app is None:
        return "#202020"
    return QGuiApplication.palette().color(QPalette.ColorRole.WindowText).name()


@cache
def _svg_source(name: str) -> bytes:
    from editor.paths import resources_dir

    path = resources_dir() / "icons" / f"{name}.svg"
    try:
        return path.read_bytes()
    except OSError:
        return b""


def _render(data: bytes, size: int) -> QPixmap:
    renderer = QSvgRenderer(QByteArray(data))
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return QPixmap.fromImage(image)


@cache
def _icon(name: str, colour: str) -> QIcon:
    data = _svg_source(name)
    icon = QIcon()
    if not data:
        return icon
    data = data.replace(b"currentColor", colour.encode("ascii"))
    for size in _SIZES:
        icon.addPixmap(_render(data, size))
    return icon


def icon(name: str) -> QIcon:
    """The icon ``resources/icons/<name>.svg`` (an empty icon if it is missing)."""
    return _icon(name, _text_colour())


def icon_size(px: int = 20) -> QSize:
    return QSize(px, px)
