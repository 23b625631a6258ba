"""Export images of the risk matrix and the KPI chart, drawn with QPainter.

The exports (DOCX, PDF, ``export --with-charts``) need pictures, not
interactive views: this module paints them directly onto a QImage (or an SVG
generator) with QtGui alone, so an export never imports pyqtgraph, numpy or
QtWidgets and needs only a QGuiApplication (offscreen when headless).

What a chart shows (data, ranges, ticks, labels, styles, notes) comes from its
description in :mod:`editor.core.charts`, which the on-screen pyqtgraph views of
:mod:`editor.app.charts` draw too; this module lays it out and paints it. Everything is laid
out in *logical* pixels (1 pt = 4/3 px, the views' 96 dpi) at ``MATRIX_SIZE``
/ ``KPI_SIZE`` and scaled to the requested image width, so text and lines
stay vector-sharp at print resolution.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Sequence
from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QImage,
    QPainter,
    QPainterPath,
    QPen,
)

from editor.app.export_images import png_bytes
from editor.app.pyside_imports import skip_source_scan

skip_source_scan()  # before the chart descriptions' modules (an export's first Qt import is here)

from editor.core.charts import (  # noqa: E402
    GOAL_COLOR,
    GRID_COLOR,
    KPI_SIZE,
    LEGEND_ROWS_INSIDE,
    MATRIX_SIZE,
    PALETTE,
    SUBTLE_COLOR,
    TEXT_COLOR,
    TODAY_COLOR,
    TODAY_TEXT_COLOR,
    WARNING_COLOR,
    KpiData,
    MatrixData,
    kpi_data,
    matrix_data,
)

# Outer margins of the views' layout (left, top, right, bottom).
MARGINS = (14, 18, 22, 10)
PX_PER_PT = 96 / 72
_PEN_STYLES = {"solid": Qt.PenStyle.SolidLine, "dash": Qt.PenStyle.DashLine, "dot": Qt.PenStyle.DotLine}
__all__ = ["GRID_COLOR", "KPI_SIZE", "MATRIX_SIZE", "PALETTE", "TEXT_COLOR", "KpiChart", "RiskMatrixChart",
           "ensure_gui_app", "export_images", "kpi_chart_image", "risk_matrix_image"]


def ensure_gui_app() -> QGuiApplication:
    """The running Qt application, or a new one, offscreen when headless.

    A QGuiApplication is enough to paint (and is all the CLI loads); a
    QApplication is made instead when QtWidgets is already loaded, since
    widgets may follow in the same process (the GUI, the tests).
    """
    app = QGuiApplication.instance()
    if app is None:
        headless = sys.platform.startswith("linux") and not (
            os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
        )
        if headless:
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        if "PySide6.QtWidgets" in sys.modules:
            # Widgets may come later in this process (the GUI, tests): they need a QApplication.
            from PySide6.QtWidgets import QApplication

            app = QApplication(sys.argv[:1] or ["proposal-editor"])
        else:
            app = QGuiApplication(sys.argv[:1] or ["proposal-editor"])
    elif not isinstance(app, QGuiApplication):
        raise RuntimeError("charts need a QGuiApplication, not a QCoreApplication")
    return app


@cache
def _family() -> str:
    return QGuiApplication.font().family()


def font(points: float, weight: int = 400) -> QFont:
    """The application font at ``points`` (as pixels at 96 dpi, whatever the device)."""
    f = QFont(_family())
    f.setPixelSize(max(1, round(points * PX_PER_PT)))
    f.setWeight(QFont.Weight(weight))
    return f


def text_width(f: QFont, text: str) -> float:
    """The advance width of ``text`` in font ``f`` (logical pixels)."""
    return QFontMetricsF(f).horizontalAdvance(text)


def _pen(color: str, width: float = 1.0, style: Qt.PenStyle = Qt.PenStyle.SolidLine) -> QPen:
    pen = QPen(QColor(color), width, style)
    pen.setCapStyle(Qt.PenCapStyle.FlatCap if style != Qt.PenStyle.SolidLine else Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    return pen


def _dash(color: str, width: float = 1.5) -> QPen:
    pen = QPen(QColor(color), width)
    pen.setDashPattern([4, 3])
    pen.setCapStyle(Qt.PenCapStyle.FlatCap)
    return pen


class _Text:
    """A few text helpers around one painter (measure, draw aligned, elide)."""

    def __init__(self, painter: QPainter, record: list[str] | None = None) -> None:
        self.p = painter
        self.record = record  # every text drawn, in order (the tests compare it with the screen's)

    @staticmethod
    def width(f: QFont, text: str) -> float:
        return QFontMetricsF(f).horizontalAdvance(text)

    @staticmethod
    def height(f: QFont) -> float:
        return QFontMetricsF(f).height()

    @staticmethod
    def elide(f: QFont, text: str, width: float) -> str:
        return QFontMetricsF(f).elidedText(text, Qt.TextElideMode.ElideRight, width)

    def draw(self, f: QFont, color: str, rect: QRectF, text: str, flags=Qt.AlignmentFlag.AlignCenter) -> None:
        if self.record is not None:
            self.record.append(text)
        self.p.setFont(f)
        self.p.setPen(QColor(color))
        self.p.drawText(rect, int(flags), text)

    def draw_at(self, f: QFont, color: str, x: float, y: float, text: str, ax: float = 0.0, ay: float = 0.0) -> QRectF:
        """Draw ``text`` with the point (ax, ay) of its box (fractions) at (x, y); returns the box."""
        m = QFontMetricsF(f)
        lines = text.split("\n")
        w = max(m.horizontalAdvance(line) for line in lines)
        h = m.height() * len(lines)
        rect = QRectF(x - ax * w, y - ay * h, w, h)
        self.draw(f, color, rect, text, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        return rect


def _render(paint, size: tuple[float, float], width: int) -> QImage:
    """An opaque white image ``width`` px wide of a chart laid out at logical ``size``."""
    ensure_gui_app()
    w, h = size
    scale = width / w
    image = QImage(width, round(h * scale), QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
    painter.scale(scale, scale)
    try:
        paint(painter)
    finally:
        painter.end()
    return image


def _svg(paint, size: tuple[float, float], title: str) -> str | None:
    """The chart as SVG text through Qt's SVG generator; None when QtSvg is missing."""
    try:
        from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize
        from PySide6.QtSvg import QSvgGenerator
    except ImportError:
        return None
    ensure_gui_app()
    w, h = size
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    generator.setSize(QSize(round(w), round(h)))
    generator.setViewBox(QRectF(0, 0, w, h))
    generator.setResolution(96)
    generator.setTitle(title)
    painter = QPainter(generator)
    painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
    painter.fillRect(QRectF(0, 0, w, h), QColor("white"))
    try:
        paint(painter)
    finally:
        painter.end()
        buffer.close()
    return bytes(data.data()).decode("utf-8")


# ==================================================================== risk matrix


class RiskMatrixChart:
    """The 5x5 likelihood x impact matrix: zone-coloured cells, risk ids in their cell, legend below."""

    def __init__(self, risks: Sequence = (), language: str = "en", size: tuple[float, float] = MATRIX_SIZE,
                 data: MatrixData | None = None) -> None:
        ensure_gui_app()
        self.data = data if data is not None else matrix_data(risks, language)
        self.size = size
        self.y_label, self.x_label = self.data.y_label, self.data.x_label
        self.title, self.left_ticks, self.bottom_ticks, self.legend, self.note = self.data.view(compact=False)
        self.cells = self.data.cells
        self._layout()

    def _layout(self) -> None:
        w, h = self.size
        left, top, right, bottom = MARGINS
        self.f_title, self.f_axis, self.f_tick = font(15, 600), font(11, 600), font(10)
        self.f_legend, self.f_ids = font(10.5), font(12, 700)
        tick_w = max(_Text.width(self.f_tick, t) for t in self.left_ticks)
        self.title_h = _Text.height(self.f_title) + 8
        legend_lines = 1 + (1 if self.note and not self._note_fits_inline() else 0)
        footer_h = _Text.height(self.f_legend) * legend_lines + 14
        axis_h = _Text.height(self.f_axis)
        x0 = left + axis_h + 10 + tick_w + 10
        y0 = top + self.title_h
        x1 = w - right
        y1 = h - bottom - footer_h - (_Text.height(self.f_tick) + 8) - (axis_h + 4)
        self.grid = QRectF(x0, y0, x1 - x0, y1 - y0)
        self.footer_top = h - bottom - footer_h + 8

    def _note_fits_inline(self) -> bool:
        return self._legend_width() + 40 + _Text.width(self.f_legend, self.note) <= self.size[0] - 40

    def _legend_width(self) -> float:
        sq = _Text.height(self.f_legend) * 0.8
        return sum(sq + 6 + _Text.width(self.f_legend, t) for _c, t in self.legend) + 30 * (len(self.legend) - 1)

    def cell_rect(self, likelihood: int, impact: int) -> QRectF:
        """The cell's rectangle in logical coordinates (impact left to right, likelihood bottom to top)."""
        cw, ch = self.grid.width() / 5, self.grid.height() / 5
        return QRectF(self.grid.left() + (impact - 1) * cw, self.grid.top() + (5 - likelihood) * ch, cw, ch)

    def paint(self, p: QPainter) -> None:
        self.texts: list[str] = []
        t = _Text(p, self.texts)
        g = self.grid
        t.draw(self.f_title, TEXT_COLOR, QRectF(g.left(), MARGINS[1] - 4, g.width(), self.title_h), self.title,
               Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        # Cells, separated by white lines.
        p.setPen(_pen("white", 1.5))
        for likelihood in range(1, 6):
            for impact in range(1, 6):
                p.setBrush(QColor(self.data.zone_colors[(likelihood, impact)]))
                p.drawRect(self.cell_rect(likelihood, impact))
        p.setBrush(Qt.BrushStyle.NoBrush)
        # Axes: light lines along the left and bottom edges, as in the view.
        p.setPen(_pen(GRID_COLOR, 1))
        p.drawLine(QPointF(g.left() - 1, g.top()), QPointF(g.left() - 1, g.bottom() + 1))
        p.drawLine(QPointF(g.left() - 1, g.bottom() + 1), QPointF(g.right(), g.bottom() + 1))
        tick_h = _Text.height(self.f_tick)
        for n in range(1, 6):
            cell = self.cell_rect(n, 1)
            t.draw(self.f_tick, TEXT_COLOR, QRectF(0, cell.top(), g.left() - 10, cell.height()),
                   self.left_ticks[n - 1], Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            cell = self.cell_rect(1, n)
            t.draw(self.f_tick, TEXT_COLOR, QRectF(cell.left(), g.bottom() + 6, cell.width(), tick_h),
                   self.bottom_ticks[n - 1], Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        axis_h = _Text.height(self.f_axis)
        t.draw(self.f_axis, TEXT_COLOR, QRectF(g.left(), g.bottom() + 8 + tick_h, g.width(), axis_h), self.x_label)
        p.save()
        p.translate(MARGINS[0], g.center().y())
        p.rotate(-90)
        t.draw(self.f_axis, TEXT_COLOR, QRectF(-g.height() / 2, 0, g.height(), axis_h), self.y_label)
        p.restore()
        for (likelihood, impact), ids in self.cells.items():
            self._paint_ids(t, self.cell_rect(likelihood, impact), ids, self.data.id_colors[(likelihood, impact)])
        self._paint_legend(t)

    def _paint_ids(self, t: _Text, cell: QRectF, ids: list[str], color: str) -> None:
        """Risk ids three to a line, centred; a smaller font (then "+N") when a cell is crowded."""
        room = cell.adjusted(6, 4, -6, -4)
        sep = "\u00a0\u00a0"
        for points in (12, 11, 10, 9, 8, 7):
            f = font(points, 700)
            rows = [sep.join(line) for line in self.data.cell_lines(ids)]
            fits_w = max(_Text.width(f, r) for r in rows) <= room.width()
            max_rows = max(1, int(room.height() // _Text.height(f)))
            if fits_w and len(rows) <= max_rows:
                break
        else:
            per_row = max(1, int(room.width() // _Text.width(f, f"{sep}{max(ids, key=len)}")))
            rows = [sep.join(ids[i : i + per_row]) for i in range(0, len(ids), per_row)]
            if len(rows) > max_rows:
                rows = rows[: max_rows]
                shown = sum(len(r.split(sep)) for r in rows[:-1]) + len(rows[-1].split(sep)) - 1
                rows[-1] = sep.join(rows[-1].split(sep)[:-1] + [f"+{len(ids) - shown}"])
        t.draw(f, color, cell, "\n".join(rows))

    def _paint_legend(self, t: _Text) -> None:
        w = self.size[0]
        f = self.f_legend
        line_h = _Text.height(f)
        sq = line_h * 0.8
        inline = bool(self.note) and self._note_fits_inline()
        total = self._legend_width() + ((40 + t.width(f, self.note)) if inline else 0)
        x, y = (w - total) / 2, self.footer_top
        for color, text in self.legend:
            t.p.fillRect(QRectF(x, y + (line_h - sq) / 2, sq, sq), QColor(color))
            x += sq + 6
            t.draw_at(f, TEXT_COLOR, x, y, text)
            x += t.width(f, text) + 30
        if self.note:
            if inline:
                t.draw_at(f, WARNING_COLOR, x + 10, y, self.note)
            else:
                note = t.elide(f, self.note, w - 40)
                t.draw_at(f, WARNING_COLOR, w / 2, y + line_h, note, ax=0.5)


# ==================================================================== KPI chart


class KpiChart:
    """KPI trajectories on a date axis: one KPI in its unit, or the overview of all KPIs as % of the way."""

    def __init__(self, kpis: Sequence = (), language: str = "en", kpi_id: str | None = None,
                 today: dt.date | None = None, size: tuple[float, float] = KPI_SIZE,
                 data: KpiData | None = None) -> None:
        ensure_gui_app()
        d = self.data = data if data is not None else kpi_data(kpis, language, kpi_id, today)
        self.f_title, self.f_sub, self.f_axis = font(15, 600), font(10.5), font(11, 600)
        self.f_tick, self.f_legend, self.f_point, self.f_small = font(10), font(10.5), font(9.5), font(10)
        self.title, self.subtitle, self.notes = d.title, d.subtitle, d.notes
        self.x_label, self.y_label = d.x_label, d.y_label
        self.legend, _cut = d.legend_entries()  # an export lists every KPI
        self.series = d.series
        self.x_min, self.x_max, self.y_min, self.y_max = d.x_min, d.x_max, d.y_min, d.y_max
        self.y_ticks = d.y_ticks
        self.legend_below = len(self.legend) > LEGEND_ROWS_INSIDE
        self.legend_columns = 1
        if self.legend_below:
            self.legend_columns = 2 if len(self.legend) <= 60 else 3
            self.f_legend = font(9)
        self.size = (size[0], size[1] + self._legend_below_height(size[0]))
        self._layout()

    # -- layout ----------------------------------------------------------------
    def _legend_below_height(self, width: float) -> float:
        if not self.legend_below:
            return 0.0
        rows = -(-len(self.legend) // self.legend_columns)
        return rows * (_Text.height(self.f_legend) + 3) + 20

    def _layout(self) -> None:
        w, h = self.size
        left, top, right, bottom = MARGINS
        self.title_h = _Text.height(self.f_title) + (_Text.height(self.f_sub) if self.subtitle else 0) + 8
        axis_h = _Text.height(self.f_axis)
        tick_w = max([_Text.width(self.f_tick, label) for _v, label in self.y_ticks] + [10])
        footer_h = (_Text.height(self.f_sub) * len(self.notes) + 10) if self.notes else 6
        x0 = left + axis_h + 10 + tick_w + 8
        x1 = w - right
        y0 = top + self.title_h
        below = self._legend_below_height(w)
        y1 = h - bottom - footer_h - below - (_Text.height(self.f_tick) + 6) - (axis_h + 6)
        self.plot = QRectF(x0, y0, x1 - x0, y1 - y0)
        self.footer_top = h - bottom - footer_h - below + 4
        self.legend_top = h - bottom - below + 8
        rows = 0 if self.legend_below else len(self.legend)
        room = 2 * QFontMetricsF(self.f_point).lineSpacing() + 16  # two lines of point label and a gap
        self.y_min, self.y_max = self.data.y_range(self.plot.height(), room, rows)
        self.y_ticks = self.data.value_ticks(self.y_min, self.y_max)

    def x_px(self, value: float) -> float:
        return self.plot.left() + (value - self.x_min) / (self.x_max - self.x_min) * self.plot.width()

    def y_px(self, value: float) -> float:
        return self.plot.bottom() - (value - self.y_min) / (self.y_max - self.y_min) * self.plot.height()

    def date_ticks(self) -> list[tuple[float, str]]:
        """The date axis's ticks, by the description's rule for this plot's width."""
        return self.data.x_ticks(self.plot.width(), _Text.width(self.f_tick, "Sept."))

    # -- painting --------------------------------------------------------------
    def paint(self, p: QPainter) -> None:
        self.texts: list[str] = []
        self.drawn_series: list[tuple[str, str, list[tuple[float, float]]]] = []
        self.drawn_x_ticks: list[tuple[float, str]] = []
        t = _Text(p, self.texts)
        w = self.size[0]
        plot = self.plot
        title_rect = QRectF(plot.left(), MARGINS[1] - 4, plot.width(), _Text.height(self.f_title))
        top_centre = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop
        t.draw(self.f_title, TEXT_COLOR, title_rect, self.title, top_centre)
        if self.subtitle:
            t.draw(self.f_sub, SUBTLE_COLOR, QRectF(plot.left(), title_rect.bottom(), plot.width(),
                                                    _Text.height(self.f_sub)), self.subtitle,
                   Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        x_ticks = self.date_ticks()
        grid = QColor(TEXT_COLOR)
        grid.setAlphaF(0.07)
        p.setPen(QPen(grid, 1))
        for value, _label in x_ticks:
            x = self.x_px(value)
            if plot.left() <= x <= plot.right():
                p.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()))
        for value, _label in self.y_ticks:
            y = self.y_px(value)
            p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
        p.setPen(_pen(GRID_COLOR, 1))
        p.drawLine(QPointF(plot.left(), plot.top()), QPointF(plot.left(), plot.bottom()))
        p.drawLine(QPointF(plot.left(), plot.bottom()), QPointF(plot.right(), plot.bottom()))
        tick_h = _Text.height(self.f_tick)
        last_right = -1e9
        for value, label in x_ticks:
            x = self.x_px(value)
            lw = t.width(self.f_tick, label)
            if x - lw / 2 < last_right + 4 or not plot.left() <= x <= plot.right():
                continue
            p.setPen(_pen(GRID_COLOR, 1))
            p.drawLine(QPointF(x, plot.bottom()), QPointF(x, plot.bottom() + 4))
            t.draw_at(self.f_tick, TEXT_COLOR, x, plot.bottom() + 6, label, ax=0.5)
            self.drawn_x_ticks.append((value, label))
            last_right = x + lw / 2
        for value, label in self.y_ticks:
            y = self.y_px(value)
            p.setPen(_pen(GRID_COLOR, 1))
            p.drawLine(QPointF(plot.left() - 4, y), QPointF(plot.left(), y))
            t.draw_at(self.f_tick, TEXT_COLOR, plot.left() - 7, y, label, ax=1.0, ay=0.5)
        axis_h = _Text.height(self.f_axis)
        t.draw(self.f_axis, TEXT_COLOR, QRectF(plot.left(), plot.bottom() + 10 + tick_h, plot.width(), axis_h),
               self.x_label)
        p.save()
        p.translate(MARGINS[0], plot.center().y())
        p.rotate(-90)
        t.draw(self.f_axis, TEXT_COLOR, QRectF(-plot.height() / 2, 0, plot.height(), axis_h), self.y_label)
        p.restore()

        p.save()
        p.setClipRect(plot)
        today_x = self.x_px(self.data.today)
        p.setPen(_dash(TODAY_COLOR))
        p.drawLine(QPointF(today_x, plot.top()), QPointF(today_x, plot.bottom()))
        if self.data.goal is not None:
            y = self.y_px(self.data.goal)
            p.setPen(_dash(GOAL_COLOR))
            p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            if self.data.target_label:  # mid-way, above the line: the trajectory is far from it there
                t.draw_at(self.f_small, GOAL_COLOR, plot.left() + 0.5 * plot.width(), y - 2,
                          self.data.target_label, ax=0.5, ay=1.0)
        for color, style, points in self.series:
            self._paint_series(p, color, style, points)
        # On top of the lines, on a light halo, so that crowded charts keep it readable.
        today = self.data.today_label
        position, below = self.data.today_position(self.y_min, self.y_max)
        label_h = _Text.height(self.f_small)
        box = QRectF(today_x + 3, plot.bottom() - position * plot.height() - (0 if below else label_h),
                     t.width(self.f_small, today) + 4, label_h)
        p.fillRect(box, QColor(255, 255, 255, 200))
        t.draw_at(self.f_small, TODAY_TEXT_COLOR, box.left() + 2, box.top(), today)
        p.restore()
        for x, y, text, (ax, ay) in self.data.point_labels:
            t.draw_at(self.f_point, TEXT_COLOR, self.x_px(x), self.y_px(y), text, ax=ax, ay=ay)
        if self.legend:
            self._paint_legend(t)
        for index, (text, warning) in enumerate(self.notes):
            note = t.elide(self.f_sub, text, w - 40)
            t.draw_at(self.f_sub, WARNING_COLOR if warning else SUBTLE_COLOR, w / 2,
                      self.footer_top + index * _Text.height(self.f_sub), note, ax=0.5)

    def _paint_series(self, p: QPainter, color: str, style: str, points) -> None:
        self.drawn_series.append((color, style, list(points)))
        path = QPainterPath()
        for i, (x, y) in enumerate(points):
            (path.lineTo if i else path.moveTo)(QPointF(self.x_px(x), self.y_px(y)))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.setPen(_pen(color, 3, _PEN_STYLES[style]))
        p.drawPath(path)
        self._markers(p, color, [(self.x_px(x), self.y_px(y)) for x, y in points], self.data.symbol)

    @staticmethod
    def _markers(p: QPainter, color: str, centres, size: float) -> None:
        p.setPen(_pen("white", 1.5 if size > 10 else 1.2))
        p.setBrush(QBrush(QColor(color)))
        r = size / 2
        for x, y in centres:
            p.drawEllipse(QPointF(x, y), r, r)

    def _legend_sample(self, p: QPainter, color: str, style: str, x: float, y: float) -> None:
        p.setPen(_pen(color, 2.5, _PEN_STYLES[style]))
        p.drawLine(QPointF(x, y), QPointF(x + 24, y))
        self._markers(p, color, [(x + 12, y)], 8)

    def _paint_legend(self, t: _Text) -> None:
        p, f = t.p, self.f_legend
        line_h = _Text.height(f) + 3
        if not self.legend_below:
            # Inside the plot's top-left corner, on a white box (as the view's legend).
            widths = [t.width(f, text) for _c, _s, text in self.legend]
            max_text = self.plot.width() - 12 - 46
            box = QRectF(self.plot.left() + 12, self.plot.top() + 34,
                         min(max(widths), max_text) + 46, line_h * len(self.legend) + 12)
            fill = QColor(255, 255, 255, 235)
            p.setPen(_pen(GRID_COLOR, 1))
            p.setBrush(fill)
            p.drawRect(box)
            for i, (color, style, text) in enumerate(self.legend):
                y = box.top() + 6 + i * line_h
                self._legend_sample(p, color, style, box.left() + 8, y + line_h / 2)
                t.draw_at(f, TEXT_COLOR, box.left() + 38, y + 1.5, t.elide(f, text, max_text))
            return
        # Many KPIs: in columns below the plot, the image grows to hold them.
        columns = self.legend_columns
        rows = -(-len(self.legend) // columns)
        width = self.size[0] - 2 * MARGINS[0]
        col_w = width / columns
        for i, (color, style, text) in enumerate(self.legend):
            col, row = divmod(i, rows)
            x = MARGINS[0] + col * col_w
            y = self.legend_top + row * line_h
            self._legend_sample(p, color, style, x + 4, y + line_h / 2)
            t.draw_at(f, TEXT_COLOR, x + 34, y + 1.5, t.elide(f, text, col_w - 44))


# ==================================================================== API


def risk_matrix_image(risks: Sequence, language: str, width: int = 1800, data: MatrixData | None = None) -> QImage:
    """The risk matrix of ``risks`` as an image ``width`` px wide, labelled in ``language``."""
    chart = RiskMatrixChart(risks, language, data=data)
    return _render(chart.paint, chart.size, width)


def kpi_chart_image(kpis: Sequence, language: str, kpi_id: str | None = None, width: int = 1800,
                    today: dt.date | None = None, data: KpiData | None = None) -> QImage:
    """One KPI's trajectory (``kpi_id``), or the overview of all KPIs, as an image ``width`` px wide."""
    chart = KpiChart(kpis, language, kpi_id, today, data=data)
    return _render(chart.paint, chart.size, width)


def risk_matrix_svg(risks: Sequence, language: str) -> str | None:
    chart = RiskMatrixChart(risks, language)
    return _svg(chart.paint, chart.size, chart.title)


def kpi_chart_svg(kpis: Sequence, language: str, kpi_id: str | None = None,
                  today: dt.date | None = None) -> str | None:
    chart = KpiChart(kpis, language, kpi_id, today)
    return _svg(chart.paint, chart.size, chart.title)


def export_images(proposal, language: str, width: int = 1800, diagram: bool = True) -> dict[str, bytes]:
    """The pictures a document export embeds, as PNG: ``risk_matrix``, ``kpi_chart`` and (with
    ``diagram``) ``architecture_builder``, the builder's diagram; each when there is something to draw."""
    images: dict[str, bytes] = {}
    if proposal.risks:
        images["risk_matrix"] = png_bytes(risk_matrix_image(proposal.risks, language, width))
    if proposal.kpis:
        images["kpi_chart"] = png_bytes(kpi_chart_image(proposal.kpis, language, None, width))
    if diagram and proposal.architecture.components:
        from editor.app.export_images import architecture_png

        images["architecture_builder"] = architecture_png(proposal.architecture, language)
    return images


def paint_export_images(charts: dict[str, MatrixData | KpiData | bytes], width: int = 1800) -> dict[str, bytes]:
    """PNG bytes of pictures whose contents were computed elsewhere: the charts' data
    (``risk_matrix``/``kpi_chart``) and SVG bytes (``architecture_builder``)."""
    from editor.app.export_images import svg_png

    images: dict[str, bytes] = {}
    for name, data in charts.items():
        if isinstance(data, bytes):
            images[name] = svg_png(data)
        elif isinstance(data, MatrixData):
            images[name] = png_bytes(risk_matrix_image((), "", width, data=data))
        else:
            images[name] = png_bytes(kpi_chart_image((), "", None, width, data=data))
    return images
