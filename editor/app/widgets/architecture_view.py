"""The live drawing of the builder's diagram: the core's SVG, painted by QtSvg at the view's scale.

The screen shows exactly the picture the exports embed. Its texts are in the
document's language (what the exports will say); the view fits the diagram to
its width, at most 125 %, and scrolls when the diagram is taller than the room.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QByteArray, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QPainter
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QSizePolicy, QWidget

MAX_SCALE = 1.25


class _Canvas(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.renderer = QSvgRenderer(self)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt API
        painter = QPainter(self)
        painter.fillRect(self.rect(), Qt.GlobalColor.white)
        if self.renderer.isValid():
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
            self.renderer.render(painter, QRectF(self.rect()))
        painter.end()


class ArchitectureView(QScrollArea):
    """Shows an architecture; ``set_architecture`` redraws it (``last_draw_ms`` says how long that took)."""

    doubleClicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.canvas = _Canvas()
        self.setWidget(self.canvas)
        self.setWidgetResizable(False)
        self.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.empty = QLabel(self.viewport())
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.svg = b""
        self.size_px = QSize(0, 0)
        self.last_draw_ms = 0.0

    def set_architecture(self, architecture, language: str) -> None:
        from editor.core.architecture.layout import layout
        from editor.core.architecture.svg import layout_svg

        start = time.perf_counter()
        lay = layout(architecture, language)
        self.svg = layout_svg(lay).encode("utf-8")
        self.canvas.renderer.load(QByteArray(self.svg))
        self.size_px = QSize(round(lay.width), round(lay.height))
        has_boxes = bool(lay.nodes)
        self.canvas.setVisible(has_boxes)
        self.empty.setVisible(not has_boxes)
        self._fit()
        if self.canvas.isVisible():
            self.canvas.repaint()  # now, so last_draw_ms counts the paint too
        self.last_draw_ms = (time.perf_counter() - start) * 1000

    def set_empty_text(self, text: str) -> None:
        self.empty.setText(text)

    def _fit(self) -> None:
        room = self.viewport().width() - 2
        if self.size_px.width() <= 0:
            return
        scale = min(MAX_SCALE, max(0.3, room / self.size_px.width()))
        self.canvas.resize(round(self.size_px.width() * scale), round(self.size_px.height() * scale))
        self.empty.setGeometry(self.viewport().rect())

    def scale(self) -> float:
        return self.canvas.width() / self.size_px.width() if self.size_px.width() else 1.0

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self._fit()

    def mouseDoubleClickEvent(self, event) -> None:  # noqa: N802 - Qt API
        self.doubleClicked.emit()
        super().mouseDoubleClickEvent(event)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(520, 360)
