"""Risk matrix and KPI trajectory charts (pyqtgraph) on screen; their export images.

pyqtgraph and numpy are imported only when a view is first built, so the
app starts without them. The exported images (``render_*_png/_image/_svg``,
used by DOCX, PDF and the CLI) do not use these views: they are painted by
:mod:`editor.app.chart_render` with QtGui alone, in the same look (shared
sizes, colours, palette and labels), which is ~20x faster and needs neither
pyqtgraph nor a QApplication with widgets.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from functools import cache

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QImage, QPainter, QPen
from PySide6.QtWidgets import QApplication, QToolTip, QVBoxLayout, QWidget

# Sizes, colours, palette and labels are shared with the export renderer (one look on screen and on paper).
from editor.app import chart_data
from editor.app.chart_data import (  # noqa: F401 - KPI_SIZE, MATRIX_SIZE: re-exported
    GRID_COLOR,
    KPI_SIZE,
    MATRIX_SIZE,
    PALETTE,
    TEXT_COLOR,
)
from editor.core import kpis as kp
from editor.core import risks as rk
from editor.core.model import Kpi, Proposal, Risk
from editor.i18n import current_language, format_date, translator

# Below this width (logical px) a chart switches to short labels.
COMPACT_WIDTH = 620
# From this height on, the KPI overview spells its axis out and lists twice as many KPIs.
TALL_HEIGHT = 420


def ensure_app() -> QApplication:
    """The running QApplication, or a new one (offscreen when there is no display)."""
    from editor.app.chart_render import ensure_gui_app

    app = ensure_gui_app()  # QtWidgets is loaded here, so a new one is a QApplication
    if isinstance(app, QApplication):
        return app
    raise RuntimeError("charts need a QApplication, not a QCoreApplication")


@cache
def _pg():
    """Import and configure pyqtgraph once, on first use."""
    import pyqtgraph as pg

    pg.setConfigOptions(antialias=True, background="w", foreground=TEXT_COLOR)
    return pg


@cache
def _date_axis_class():
    pg = _pg()

    class LocalizedDateAxis(pg.DateAxisItem):
        """A date axis whose labels use Babel (month names in the chart's language)."""

        def __init__(self, language: str, **kw):
            super().__init__(orientation="bottom", utcOffset=0, **kw)
            self.language = language

        def tickStrings(self, values, scale, spacing):  # noqa: N802 - pyqtgraph API
            from babel.dates import format_date as babel_date
            from babel.dates import format_skeleton

            from editor.i18n import babel_locale

            loc = babel_locale(self.language)
            out = []
            for value in values:
                try:
                    when = dt.datetime.fromtimestamp(value, tz=dt.timezone.utc).date()
                    if spacing >= 300 * 86400:
                        out.append(babel_date(when, "y", locale=loc))
                    elif spacing >= 25 * 86400:
                        out.append(babel_date(when, "LLL", locale=loc))
                    else:
                        out.append(format_skeleton("MMMd", when, locale=loc))
                except Exception:  # noqa: BLE001 - a tick label must never break painting
                    out.append("")
            return out

    return LocalizedDateAxis


def _font(points: float, bold: bool = False) -> QFont:
    font = QFont(QApplication.font())
    font.setPointSizeF(points)
    font.setBold(bold)
    return font


def _epoch(day: dt.date) -> float:
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc).timestamp()


class _ChartBase(QWidget):
    """A QWidget holding one pyqtgraph GraphicsLayoutWidget (title, plot, legend)."""

    def __init__(self, parent: QWidget | None = None, language: str | None = None) -> None:
        super().__init__(parent)
        pg = _pg()
        self._language = language
        self.title_text = ""
        self._title_sub = ""
        self.canvas = pg.GraphicsLayoutWidget()
        self.canvas.setBackground("w")
        self.canvas.ci.layout.setContentsMargins(14, 18, 22, 10)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.canvas)
        self.plot = self.canvas.addPlot(row=0, col=0)
        self.plot.setMenuEnabled(False)
        self.plot.hideButtons()
        self.plot.setMouseEnabled(x=False, y=False)
        self.footer = self.canvas.addLabel("", row=1, col=0)
        for label in (self.plot.titleLabel, self.footer):
            _let_shrink(label)
        for name in ("left", "bottom"):
            axis = self.plot.getAxis(name)
            axis.setTickFont(_font(10))
            axis.setTextPen(TEXT_COLOR)
            axis.setPen(GRID_COLOR)

    @property
    def language(self) -> str:
        return self._language or current_language()

    def set_language(self, language: str | None) -> None:
        """Chart labels in ``language`` (None: follow the UI language)."""
        self._language = language
        self.refresh()

    def tr(self, message: str) -> str:  # noqa: D401 - gettext in the chart's language
        return translator(self.language)(message)

    def refresh(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    def _set_title(self, text: str, sub: str = "") -> None:
        self.title_text = text
        self._title_sub = sub
        # Narrow panes get a smaller title; exports (900-1000 logical px) get the full size.
        # A title wider than the pane is cut with an ellipsis: a title label wider than the
        # view would widen the whole plot past the pane's edge (the full text is in the table).
        size = 15 if self.width() >= 700 else 12
        room = max(80, self.width() - 40)
        text, sub = _fit(text, size, room, bold=True), _fit(sub, 10.5, room)
        html = f'<span style="font-size:{size}pt;font-weight:600;color:{TEXT_COLOR}">{_esc(text)}</span>'
        if sub:
            html += f'<br><span style="font-size:10.5pt;color:{chart_data.SUBTLE_COLOR}">{_esc(sub)}</span>'
        self.plot.setTitle(html)

    def _fit_scene(self) -> None:
        """Lay the plot out in the view again: content that shrank (a shorter title, a
        narrow legend) must not leave it as wide as it once had to be, past the pane's edge.
        An empty footer takes no room."""
        self.footer.setMaximumHeight(16777215 if self.footer.text else 0)
        self.canvas.ci.setGeometry(self.canvas.range)

    @property
    def compact(self) -> bool:
        """True in a narrow pane: shorter tick labels and legend (exports are never compact)."""
        return self.width() < COMPACT_WIDTH

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        old, new = event.oldSize().width(), event.size().width()
        if (old < COMPACT_WIDTH) != (new < COMPACT_WIDTH) or (old >= 700) != (new >= 700):
            self.refresh()
        elif old != new and getattr(self, "title_text", None) is not None:
            self._set_title(self.title_text, self._title_sub)  # cut again (or no longer) for the new width
            self._fit_scene()

    def _axis_label(self, name: str, text: str) -> None:
        self.plot.getAxis(name).setLabel(
            f'<span style="font-size:11pt;font-weight:600;color:{TEXT_COLOR}">{_esc(text)}</span>'
        )

    # -- export ------------------------------------------------------------
    def render_image(self, width: int, logical: tuple[int, int]) -> QImage:
        """Paint the chart at ``logical`` size scaled to ``width`` pixels, off screen."""
        w, h = logical
        self.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
        self.resize(w, h)
        self.show()
        QApplication.processEvents()
        self.canvas.resize(w, h)
        QApplication.processEvents()
        scale = width / w
        image = QImage(width, round(h * scale), QImage.Format.Format_ARGB32)
        image.fill(QColor("white"))
        painter = QPainter(image)
        painter.setRenderHints(
            QPainter.RenderHint.Antialiasing
            | QPainter.RenderHint.TextAntialiasing
            | QPainter.RenderHint.SmoothPixmapTransform
        )
        # The scene is vector: rendering it through a scaled painter keeps text sharp.
        self.canvas.scene().render(painter, QRectF(0, 0, image.width(), image.height()), QRectF(0, 0, w, h))
        painter.end()
        self.hide()
        return image

    def render_svg(self, logical: tuple[int, int]) -> str | None:
        """The chart as SVG text, None when no SVG backend works.

        pyqtgraph's SVGExporter fails on Qt 6 path data (0.14: "not enough
        values to unpack"), so it is tried first and Qt's QSvgGenerator, which
        paints the same scene as the PNG, is the fallback.
        """
        w, h = logical
        self.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
        self.resize(w, h)
        self.show()
        QApplication.processEvents()
        try:
            try:
                from pyqtgraph.exporters import SVGExporter

                data = SVGExporter(self.canvas.scene()).export(toBytes=True)
                return data.decode("utf-8") if isinstance(data, (bytes, bytearray)) else str(data)
            except Exception:  # noqa: BLE001 - any exporter failure falls back to Qt
                pass
            try:
                from PySide6.QtCore import QSize
                from PySide6.QtSvg import QSvgGenerator
            except ImportError:
                return None
            data = QByteArray()
            buffer = QBuffer(data)
            buffer.open(QIODevice.OpenModeFlag.WriteOnly)
            generator = QSvgGenerator()
            generator.setOutputDevice(buffer)
            generator.setSize(QSize(w, h))
            generator.setViewBox(QRectF(0, 0, w, h))
            generator.setTitle(self.title_text)
            painter = QPainter(generator)
            painter.fillRect(QRectF(0, 0, w, h), QColor("white"))
            self.canvas.scene().render(painter, QRectF(0, 0, w, h), QRectF(0, 0, w, h))
            painter.end()
            buffer.close()
            return bytes(data.data()).decode("utf-8")
        finally:
            self.hide()


def _let_shrink(label) -> None:
    """Stop a pyqtgraph LabelItem from forcing the layout wider than the widget.

    LabelItem sets its minimum width to its text width, so a long title in a
    narrow pane would push the plot out of view; the text is clipped instead.
    """

    def update_min() -> None:
        bounds = label.itemRect()
        label.setMinimumWidth(0)
        label.setMinimumHeight(bounds.height())
        label._sizeHint = {
            Qt.SizeHint.MinimumSize: (0, bounds.height()),
            Qt.SizeHint.PreferredSize: (bounds.width(), bounds.height()),
            Qt.SizeHint.MaximumSize: (-1, -1),
            Qt.SizeHint.MinimumDescent: (0, 0),
        }
        label.updateGeometry()

    label.updateMin = update_min


def _fit(text: str, points: float, width: int, bold: bool = False) -> str:
    """``text`` cut with an ellipsis to ``width`` px in the chart's font at ``points``."""
    if not text:
        return text
    font = QFont()
    font.setPointSizeF(points)
    font.setBold(bold)
    return QFontMetrics(font).elidedText(text, Qt.TextElideMode.ElideRight, width)


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _note(text: str, color: str) -> str:
    """A note of the footer (missing values, what is not shown) in ``color``."""
    return f'<span style="font-size:10.5pt;color:{color}">{_esc(text)}</span>'


# ==================================================================== risk matrix


class RiskMatrixView(_ChartBase):
    """5x5 likelihood x impact matrix: cells coloured by zone, risk ids in their cell.

    Hovering a cell shows its risks' descriptions; clicking emits
    ``riskClicked(id)`` (repeated clicks cycle through a crowded cell).
    """

    riskClicked = Signal(str)

    def __init__(self, parent: QWidget | None = None, language: str | None = None) -> None:
        super().__init__(parent, language)
        self._risks: list[Risk] = []
        self._selected: str | None = None
        self._labels: list = []
        self._cycle: dict[tuple[int, int], int] = {}
        self.plot.setXRange(0.5, 5.5, padding=0)
        self.plot.setYRange(0.5, 5.5, padding=0)
        self.plot.getViewBox().setAspectLocked(False)
        self.plot.getViewBox().setDefaultPadding(0)
        self._draw_cells()
        scene = self.canvas.scene()
        scene.sigMouseMoved.connect(self._on_mouse_moved)
        scene.sigMouseClicked.connect(self._on_mouse_clicked)
        self.setMinimumSize(240, 280)  # compact below 620 px: 1-5 ticks, short title and legend
        self.refresh()

    def _draw_cells(self) -> None:
        from PySide6.QtWidgets import QGraphicsRectItem

        for likelihood in range(1, 6):
            for impact in range(1, 6):
                zone = rk.zone_for_score(likelihood * impact)
                rect = QGraphicsRectItem(impact - 0.5, likelihood - 0.5, 1, 1)
                rect.setBrush(QColor(rk.ZONE_COLORS[zone]))
                pen = QPen(QColor("white"))
                pen.setCosmetic(True)
                pen.setWidthF(3)
                rect.setPen(pen)
                self.plot.addItem(rect)

    def set_risks(self, risks: Sequence[Risk], selected_id: str | None = None) -> None:
        """Show ``risks`` (copies of the document's list), highlighting ``selected_id``."""
        self._risks = list(risks)
        self._selected = selected_id
        self.refresh()

    def set_selected(self, risk_id: str | None) -> None:
        if risk_id != self._selected:
            self._selected = risk_id
            self._draw_labels()

    def cell_risks(self, likelihood: int, impact: int) -> list[Risk]:
        return [r for r in self._risks if r.likelihood == likelihood and r.impact == impact]

    def refresh(self) -> None:
        data = chart_data.matrix_data(self._risks, self.language)
        # A narrow pane gets the short title and legend (the long ones were cut at both ends).
        self._set_title(data.short_title if self.compact else data.title)
        self._axis_label("left", data.y_label)
        self._axis_label("bottom", data.x_label)
        if self.compact:
            left = [(n, str(n)) for n in range(1, 6)]
            bottom = [(n, str(n)) for n in range(1, 6)]
        else:
            left = list(enumerate(data.left_ticks, 1))
            bottom = list(enumerate(data.bottom_ticks, 1))
        self.plot.getAxis("left").setTicks([left, []])
        # A fixed axis width: pyqtgraph otherwise drops long labels until a second paint.
        metrics = QFontMetrics(_font(10))
        self.plot.getAxis("left").setWidth(max(metrics.horizontalAdvance(t) for _n, t in left) + 46)
        self.plot.getAxis("bottom").setTicks([bottom, []])
        legend, size = (data.short_legend, "9.5pt") if self.compact else (data.legend, "10.5pt")
        parts = [
            f'<span style="color:{color};font-size:14pt">■</span>'
            f'<span style="font-size:{size};color:{TEXT_COLOR}"> {_esc(text)}</span>'
            for color, text in legend
        ]
        html = ("&nbsp;&nbsp;" if self.compact else "&nbsp;&nbsp;&nbsp;&nbsp;").join(parts)
        if data.note:
            note, sep = (data.short_note, "<br>") if self.compact else (data.note, "&nbsp;&nbsp;&nbsp;&nbsp;")
            html += sep + _note(note, chart_data.WARNING_COLOR)
        self.footer.setText(html)
        self._draw_labels()
        self._fit_scene()

    def _draw_labels(self) -> None:
        pg = _pg()
        for item in self._labels:
            self.plot.removeItem(item)
        self._labels = []
        for (likelihood, impact), ids in rk.matrix_cells(self._risks).items():
            zone = rk.zone_for_score(likelihood * impact)
            rows = [ids[i : i + 3] for i in range(0, len(ids), 3)]
            lines = []
            for row in rows:
                cells = []
                for rid in row:
                    style = f"color:{TEXT_COLOR if rid != self._selected else '#000'};"
                    if rid == self._selected:
                        style += "text-decoration:underline;"
                    cells.append(f'<span style="{style}">{_esc(rid)}</span>')
                lines.append("&nbsp;&nbsp;".join(cells))
            html = (
                f'<div style="text-align:center;font-size:12pt;font-weight:700;'
                f'color:{rk.ZONE_TEXT_COLORS[zone]}">' + "<br>".join(lines) + "</div>"
            )
            label = pg.TextItem(html=html, anchor=(0.5, 0.5))
            label.setPos(impact, likelihood)
            self.plot.addItem(label)
            self._labels.append(label)

    # -- interaction ---------------------------------------------------------
    def _cell_at(self, scene_pos) -> tuple[int, int] | None:
        vb = self.plot.getViewBox()
        if not vb.sceneBoundingRect().contains(scene_pos):
            return None
        point = vb.mapSceneToView(scene_pos)
        impact, likelihood = round(point.x()), round(point.y())
        if 1 <= impact <= 5 and 1 <= likelihood <= 5:
            return likelihood, impact
        return None

    def tooltip_for(self, likelihood: int, impact: int) -> str:
        tr = self.tr
        score = likelihood * impact
        head = tr("Likelihood {likelihood} × impact {impact} = {score} ({zone})").format(
            likelihood=likelihood, impact=impact, score=score,
            zone=rk.zone_label(rk.zone_for_score(score), self.language),
        )
        lines = [f"<b>{_esc(head)}</b>"]
        for risk in self.cell_risks(likelihood, impact):
            text = risk.description.strip() or tr("(no description)")
            lines.append(f"<b>{_esc(risk.id)}</b>: {_esc(text)}".replace("\n", "<br>"))
        return "<br>".join(lines)

    def _on_mouse_moved(self, scene_pos) -> None:
        cell = self._cell_at(scene_pos)
        if cell is None:
            QToolTip.hideText()
            self.canvas.setToolTip("")
            return
        tip = self.tooltip_for(*cell)
        self.canvas.setToolTip(tip)
        global_pos = self.canvas.mapToGlobal(self.canvas.mapFromScene(scene_pos))
        QToolTip.showText(global_pos, tip, self.canvas)

    def _on_mouse_clicked(self, event) -> None:
        self.click_cell_at(event.scenePos())

    def click_cell_at(self, scene_pos: QPointF) -> str | None:
        """Select the next risk of the cell under ``scene_pos``; returns its id."""
        cell = self._cell_at(scene_pos)
        if cell is None:
            return None
        risks = self.cell_risks(*cell)
        if not risks:
            return None
        ids = [r.id for r in risks]
        if self._selected in ids:
            index = (ids.index(self._selected) + 1) % len(ids)
        else:
            index = 0
        self.riskClicked.emit(ids[index])
        return ids[index]

    def cell_scene_pos(self, likelihood: int, impact: int) -> QPointF:
        """Scene position of a cell's centre (for tests and keyboard access)."""
        return self.plot.getViewBox().mapViewToScene(QPointF(impact, likelihood))


# ==================================================================== KPI trajectories


class KpiTrajectoryView(_ChartBase):
    """Planned KPI trajectories on a date axis.

    Single mode: one KPI, baseline today -> milestones -> target at the
    deadline, in the KPI's unit. Overview mode: every KPI with baseline,
    target and deadline as % of the way to its target.
    """

    def __init__(self, parent: QWidget | None = None, language: str | None = None) -> None:
        pg = _pg()
        super().__init__(parent, language)
        self._kpis: list[Kpi] = []
        self._kpi_id: str | None = None
        self._overview = False
        self._single_values: list[float] = []
        self.today: dt.date | None = None
        # The room kept for point labels is in pixels: fit again whenever the plot's size changes.
        self.plot.vb.sigResized.connect(self._fit_values)
        axis = _date_axis_class()(self.language)
        axis.setTickFont(_font(10))
        axis.setTextPen(TEXT_COLOR)
        axis.setPen(GRID_COLOR)
        self.plot.setAxisItems({"bottom": axis})
        self.plot.showGrid(x=True, y=True, alpha=0.18)
        self._pg = pg
        # The legend sits below the plot (between it and the footer), never over the lines.
        self._legend = pg.LegendItem(labelTextSize="10.5pt", labelTextColor=TEXT_COLOR)
        self.canvas.ci.removeItem(self.footer)
        self.canvas.addItem(self._legend, row=1, col=0)
        self.canvas.addItem(self.footer, row=2, col=0)
        self.setMinimumSize(320, 220)
        self.refresh()

    def _overview_axis_label(self) -> None:
        # In a short pane the long label would run past the plot's height.
        self._axis_label("left", self.tr("% of the way to target") if self.height() >= TALL_HEIGHT else "%")

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        if self.is_overview() and self._kpis:
            self._overview_axis_label()
            if (event.oldSize().height() >= TALL_HEIGHT) != (event.size().height() >= TALL_HEIGHT):
                self.refresh()  # the legend's length follows the pane's height

    def _legend_max(self, count: int) -> int:
        """How many KPIs the on-screen legend lists: all ids when compact, else a few
        names (half as many in a short pane), so that the plot keeps its height."""
        if self.compact:
            return count
        return chart_data.SCREEN_LEGEND_MAX if self.height() >= TALL_HEIGHT else chart_data.SCREEN_LEGEND_MAX // 2

    def set_kpis(self, kpis: Sequence[Kpi], kpi_id: str | None = None, overview: bool | None = None) -> None:
        self._kpis = list(kpis)
        self._kpi_id = kpi_id
        if overview is not None:
            self._overview = overview
        self.refresh()

    def set_overview(self, overview: bool) -> None:
        self._overview = overview
        self.refresh()

    def is_overview(self) -> bool:
        return self._overview or self._kpi_id is None

    def refresh(self) -> None:
        self._single_values = []
        self.plot.getAxis("bottom").language = self.language
        self.plot.clear()
        self._legend.clear()
        self._legend.setVisible(False)
        self.plot.getAxis("left").setTicks(None)
        self.footer.setText("")
        today = self.today or dt.date.today()
        if self.is_overview():
            self._draw_overview(today)
        else:
            kpi = next((k for k in self._kpis if k.id == self._kpi_id), None)
            if kpi is None:
                self._draw_overview(today)
            else:
                self._draw_single(kpi, today)
        self.plot.getAxis("bottom").picture = None
        self.plot.getAxis("bottom").update()
        self._fit_scene()

    def _today_line(self, today: dt.date, position: float = 0.96, below: bool = True) -> None:
        """The dashed "Today" line, its label at ``position`` of its height, hanging below that
        point (or standing above it)."""
        pg = self._pg
        anchor = (-0.08, 0) if below else (-0.08, 1)  # a little right of the line: it clears the dashes
        line = pg.InfiniteLine(
            pos=_epoch(today), angle=90,
            pen=pg.mkPen(chart_data.TODAY_COLOR, width=1.5, style=Qt.PenStyle.DashLine),
            label=self.tr("Today"),
            labelOpts={"position": position, "color": chart_data.TODAY_TEXT_COLOR, "anchors": [anchor, anchor]},
        )
        self.plot.addItem(line)

    def _set_x_range(self, kpis: Sequence[Kpi], today: dt.date) -> None:
        first, last, margin = chart_data.date_span(kpis, today)
        self.plot.setXRange(_epoch(first) - margin * 86400, _epoch(last) + margin * 86400, padding=0)

    def _draw_single(self, kpi: Kpi, today: dt.date) -> None:
        pg = self._pg
        lang = self.language
        title = kpi.name.strip() or kpi.id
        self._set_title(title, kp.kpi_target_text(kpi, lang))
        self._axis_label("left", kpi.unit or self.tr("Value"))
        self._axis_label("bottom", self.tr("Date"))
        points = kp.trajectory_points(kpi, today)
        self._set_x_range([kpi], today)
        # The first point's label sits above a falling line (below a rising one): "Today" takes
        # the other end of its line.
        falling = bool(points) and (kp.infer_direction(points[0][1], points[-1][1]) or kpi.effective_direction) == "lower"
        self._today_line(today, position=0.04 if falling else 0.96, below=not falling)
        if not points or kpi.target is None or kpi.deadline is None:
            text = self.tr("Set a baseline, a target and a deadline to see the trajectory.")
            self.footer.setText(_note(text, chart_data.WARNING_COLOR))
        elif kpi.deadline < today:
            text = self.tr("The deadline, {date}, is already past: the trajectory runs back in time.").format(
                date=format_date(kpi.deadline, lang, "long"))
            self.footer.setText(_note(text, chart_data.WARNING_COLOR))
        if kpi.target is not None:
            target_line = pg.InfiniteLine(
                pos=kpi.target, angle=0,
                pen=pg.mkPen(chart_data.GOAL_COLOR, width=1.5, style=Qt.PenStyle.DashLine),
                label=self.tr("Target: {value}").format(value=kp.format_value(kpi.target, kpi.unit, lang)),
                # Mid-way, above the line: the trajectory is far from its target there.
                labelOpts={"position": 0.5, "color": chart_data.GOAL_COLOR, "anchors": [(0.5, 1), (0.5, 1)]},
            )
            self.plot.addItem(target_line)
        if points:
            xs = [_epoch(d) for d, _v in points]
            ys = [v for _d, v in points]
            self.plot.plot(
                xs, ys, pen=pg.mkPen(PALETTE[0], width=3), symbol="o", symbolSize=11,
                symbolBrush=PALETTE[0], symbolPen=pg.mkPen("white", width=1.5),
            )
            for day, value, text, anchor in chart_data.trajectory_labels(kpi, points, lang):
                label = pg.TextItem(text, color=TEXT_COLOR, anchor=anchor)
                label.setFont(_font(9.5))
                label.setPos(_epoch(day), value)
                self.plot.addItem(label)
            self._single_values = ys + ([kpi.target] if kpi.target is not None else [])
            self._fit_values()

    def _fit_values(self) -> None:
        """The value axis of the single-KPI chart, with room for two lines of point label
        above the highest point and below the lowest, whatever the pane's height."""
        values = self._single_values
        if not values or self.is_overview():
            return
        low, high = chart_data.value_range(values)
        height = self.plot.vb.height()
        room = 2 * QFontMetrics(_font(9.5)).lineSpacing() + 16  # px above and below: two lines and the gap
        if height > 2 * room + 30:
            bottom, top = min(values), max(values)
            span = (top - bottom) or max(abs(top), 1)
            per_px = span / (height - 2 * room)
            low, high = min(low, bottom - room * per_px), max(high, top + room * per_px)
        self.plot.setYRange(low, high, padding=0)

    def _draw_overview(self, today: dt.date) -> None:
        pg = self._pg
        lang = self.language
        self._set_title(self.tr("KPI trajectories towards their targets"))
        self._overview_axis_label()
        self._axis_label("bottom", self.tr("Date"))
        drawable = [k for k in self._kpis if kp.progress_trajectory(k, today)]
        self._set_x_range(drawable, today)
        # Its label hangs just under the dashed 100 % line (where the curves, which start at 0 %
        # today, are not yet), whatever the pane's height.
        low, high = chart_data.OVERVIEW_Y_RANGE
        self._today_line(today, position=(100 - low) / (high - low) - 0.015)
        goal = pg.InfiniteLine(
            pos=100, angle=0, pen=pg.mkPen(chart_data.GOAL_COLOR, width=1.5, style=Qt.PenStyle.DashLine)
        )
        self.plot.addItem(goal)
        self._legend.setVisible(bool(drawable))
        # Narrow pane: ids only, on one line (the table beside shows the names);
        # else one column, two when there are many KPIs. On screen the legend keeps
        # its first entries only, so that the plot keeps its height (exports list all).
        legend_max = self._legend_max(len(drawable))
        # Narrow: ids side by side, as many a line as fit (about 70 px each). Short (the KPI page in a
        # 1280 x 800 window): names only, two a line, so that the plot keeps some height (the figures
        # are in the table just above). Else one column with the figures, two when there are many.
        short = self.height() < TALL_HEIGHT
        if self.compact:
            columns = min(len(drawable), max(1, (self.width() - 60) // 70))
        else:
            columns = 2 if len(drawable) > 4 or (short and len(drawable) > 1) else 1
        self._legend.setColumnCount(max(1, columns))
        for index, kpi in enumerate(drawable):
            color = PALETTE[index % len(PALETTE)]
            points = kp.progress_trajectory(kpi, today)
            curve = self.plot.plot(
                [_epoch(d) for d, _p in points], [p for _d, p in points],
                pen=pg.mkPen(color, width=3), symbol="o", symbolSize=9, symbolBrush=color,
                symbolPen=pg.mkPen("white", width=1.2),
            )
            if index < legend_max:
                # Names only when there are many: each KPI's figures are in the table.
                label = (kpi.id if self.compact else chart_data.legend_text(kpi, lang) if len(drawable) <= 4 and not short
                         else chart_data.legend_name(kpi))
                self._legend.addItem(curve, _esc(label))
        self.plot.setYRange(*chart_data.OVERVIEW_Y_RANGE, padding=0)
        self.plot.getAxis("left").setTicks([chart_data.percent_ticks(lang), []])
        missing = [k.id for k in self._kpis if k not in drawable]
        if not drawable:
            text = self.tr("Add KPIs with a baseline, a target and a deadline to see their trajectories.")
            self.footer.setText(_note(text, chart_data.WARNING_COLOR))
            return
        notes = []
        if len(drawable) > legend_max:
            notes.append(self.tr("Legend: the first {shown} of {count} KPIs; choose one under Chart to see it alone.")
                         .format(shown=legend_max, count=len(drawable)))
        if missing:
            notes.append(self.tr("Not shown (baseline, target or deadline missing): {ids}").format(ids=", ".join(missing)))
        if notes:
            self.footer.setText("<br>".join(_note(text, chart_data.SUBTLE_COLOR) for text in notes))


# ==================================================================== export API
# The exported images are painted by :mod:`editor.app.chart_render` (QtGui only,
# no pyqtgraph/numpy, no widgets); they follow the look of the views above.


def render_risk_matrix_image(proposal: Proposal, language: str, width: int = 1800) -> QImage:
    """The risk matrix of ``proposal`` as an image ``width`` px wide, labelled in ``language``."""
    from editor.app import chart_render

    return chart_render.risk_matrix_image(proposal.risks, language, width)


def render_risk_matrix_png(proposal: Proposal, language: str, width: int = 1800) -> bytes:
    """The risk matrix of ``proposal`` as PNG bytes, labelled in ``language``."""
    from editor.app import chart_render

    return chart_render.png_bytes(render_risk_matrix_image(proposal, language, width))


def render_kpi_chart_image(
    proposal: Proposal, language: str, kpi_id: str | None = None, width: int = 1800,
    today: dt.date | None = None,
) -> QImage:
    """The KPI chart as an image: one KPI's trajectory, or the overview when ``kpi_id`` is None."""
    from editor.app import chart_render

    return chart_render.kpi_chart_image(proposal.kpis, language, kpi_id, width, today)


def render_kpi_chart_png(
    proposal: Proposal, language: str, kpi_id: str | None = None, width: int = 1800,
    today: dt.date | None = None,
) -> bytes:
    """The KPI chart as PNG bytes: one KPI's trajectory, or the overview when ``kpi_id`` is None."""
    from editor.app import chart_render

    return chart_render.png_bytes(render_kpi_chart_image(proposal, language, kpi_id, width, today))


def render_risk_matrix_svg(proposal: Proposal, language: str) -> str | None:
    """The risk matrix as SVG text, or None when Qt's SVG module is missing."""
    from editor.app import chart_render

    return chart_render.risk_matrix_svg(proposal.risks, language)


def render_kpi_chart_svg(
    proposal: Proposal, language: str, kpi_id: str | None = None, today: dt.date | None = None
) -> str | None:
    """The KPI chart as SVG text, or None when Qt's SVG module is missing."""
    from editor.app import chart_render

    return chart_render.kpi_chart_svg(proposal.kpis, language, kpi_id, today)
