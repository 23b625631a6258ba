"""SVG icons from ``resources/icons``, tinted to the palette's text colour.

Monochrome icons use ``currentColor``; it is replaced by the current palette's
text colour when the icon is built, so icons stay visible in light and dark
palettes. Coloured icons (status, app) are used as they are. Each icon renders
at the size it is drawn at, when it is first drawn (``_SvgIconEngine``), so it
stays sharp on high-DPI screens and start-up renders no unused size.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QByteArray, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QGuiApplication, QIcon, QIconEngine, QImage, QPainter, QPalette, QPixmap

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
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(QByteArray(data))
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return QPixmap.fromImage(image)


class _SvgIconEngine(QIconEngine):
    """An SVG icon rendered on demand, once per size and mode."""

    def __init__(self, data: bytes) -> None:
        super().__init__()
        self._data = data
        self._pixmaps: dict[tuple[int, int, int], QPixmap] = {}

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        side = max(1, min(size.width(), size.height()))
        key = (side, side, int(mode.value) if hasattr(mode, "value") else int(mode))
        pm = self._pixmaps.get(key)
        if pm is None:
            pm = _render(self._data, side)
            if mode != QIcon.Mode.Normal:
                from PySide6.QtWidgets import QApplication, QStyleOption

                app = QApplication.instance()
                if isinstance(app, QApplication):
                    pm = app.style().generatedIconPixmap(mode, pm, QStyleOption())
            self._pixmaps[key] = pm
        return pm

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        ratio = painter.device().devicePixelRatioF() if painter.device() is not None else 1.0
        side = round(min(rect.width(), rect.height()) * ratio)
        pm = self.pixmap(QSize(side, side), mode, state)
        painter.drawPixmap(rect, pm)

    def actualSize(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QSize:  # noqa: N802 - Qt API
        side = min(size.width(), size.height())
        return QSize(side, side)

    def availableSizes(self, mode: QIcon.Mode = QIcon.Mode.Normal, state: QIcon.State = QIcon.State.Off):  # noqa: N802
        return [QSize(s, s) for s in _SIZES]

    def clone(self) -> "QIconEngine":
        copy = _SvgIconEngine(self._data)
        _engines.append(copy)  # Qt owns the copy; keep its Python side alive too
        return copy

    def isNull(self) -> bool:  # noqa: N802 - Qt API
        return not self._data


_engines: list[_SvgIconEngine] = []  # keep the Python side of each engine alive


@cache
def _icon(name: str, colour: str) -> QIcon:
    data = _svg_source(name)
    if not data:
        return QIcon()
    engine = _SvgIconEngine(data.replace(b"currentColor", colour.encode("ascii")))
    _engines.append(engine)
    return QIcon(engine)


def icon(name: str) -> QIcon:
    """The icon ``resources/icons/<name>.svg`` (an empty icon if it is missing)."""
    return _icon(name, _text_colour())


def icon_size(px: int = 20) -> QSize:
    return QSize(px, px)
