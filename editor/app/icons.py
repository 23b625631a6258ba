"""SVG icons from ``resources/icons``, tinted to the palette's text colour.

Monochrome icons use ``currentColor``; it is replaced by the current palette's
text colour when the icon is built, so icons stay visible in light and dark
palettes. Coloured icons (status, app) are used as they are. Each icon renders
at the size it is drawn at, when it is first drawn (``_SvgIconEngine``), so it
stays sharp on high-DPI screens and start-up renders no unused size.

The disabled and selected looks are made here (``_for_mode``) rather than by the
style's ``generatedIconPixmap``: reaching the style from Python makes PySide6
build its side of ``QStyle`` (27 enums, ~600 members), about 9 ms of the first
paint, for two small image operations. A disabled monochrome icon is drawn in the
palette's disabled text colour; a disabled coloured one in grey at half opacity;
a selected one gets the highlight colour over it at 30 %, as Qt's common style
does; an active one stays as it is.
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


def _for_mode(template: bytes, pm: QPixmap, mode: QIcon.Mode) -> QPixmap:
    """``pm`` (the normal look of the icon of SVG ``template``) as shown in ``mode``."""
    if mode == QIcon.Mode.Disabled:
        if b"currentColor" in template:
            colour = QGuiApplication.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText)
            return _render(template.replace(b"currentColor", colour.name().encode("ascii")), pm.width())
        grey = pm.toImage().convertToFormat(QImage.Format.Format_Grayscale8)
        image = QImage(pm.size(), QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setOpacity(0.5)
        painter.drawImage(0, 0, grey)
        painter.setOpacity(1.0)
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_DestinationIn)
        painter.drawPixmap(0, 0, pm)  # the icon's own shape (alpha) back
        painter.end()
        return QPixmap.fromImage(image)
    if mode == QIcon.Mode.Selected:
        image = pm.toImage().convertToFormat(QImage.Format.Format_ARGB32_Premultiplied)
        colour = QGuiApplication.palette().color(QPalette.ColorGroup.Normal, QPalette.ColorRole.Highlight)
        colour.setAlphaF(0.3)
        painter = QPainter(image)
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceAtop)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)  # fillRect's overloads would make PySide6 build QGradient's enums
        painter.drawRect(image.rect())
        painter.end()
        return QPixmap.fromImage(image)
    return pm


class _SvgIconEngine(QIconEngine):
    """An SVG icon rendered on demand, once per size and mode.

    ``template`` is the SVG as shipped (``currentColor`` in monochrome icons), ``data`` the
    one drawn in the normal look (tinted)."""

    def __init__(self, template: bytes, data: bytes) -> None:
        super().__init__()
        self._template = template
        self._data = data
        self._pixmaps: dict[tuple[int, int], QPixmap] = {}

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        side = max(1, min(size.width(), size.height()))
        key = (side, int(mode.value) if hasattr(mode, "value") else int(mode))
        pm = self._pixmaps.get(key)
        if pm is None:
            normal = self._pixmaps.get((side, 0))
            if normal is None:
                normal = self._pixmaps[(side, 0)] = _render(self._data, side)
            pm = self._pixmaps[key] = _for_mode(self._template, normal, mode)
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
        copy = _SvgIconEngine(self._template, self._data)
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
    engine = _SvgIconEngine(data, data.replace(b"currentColor", colour.encode("ascii")))
    _engines.append(engine)
    return QIcon(engine)


def icon(name: str) -> QIcon:
    """The icon ``resources/icons/<name>.svg`` (an empty icon if it is missing)."""
    return _icon(name, _text_colour())


def icon_size(px: int = 20) -> QSize:
    return QSize(px, px)
