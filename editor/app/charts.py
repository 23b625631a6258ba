"""Risk matrix and KPI trajectory charts (pyqtgraph) on screen; their export images.

pyqtgraph and numpy are imported only when a view is first built, so the
app starts without them. The exported images (``render_*_png/_image/_svg``,
used by DOCX, PDF and the CLI) do not use these views: they are painted by
:mod:`editor.app.chart_render` with QtGui alone, which is ~20x faster and needs
neither pyqtgraph nor a QApplication with widgets. Both draw from one description
per chart (:mod:`editor.core.charts`: data, ranges, ticks, labels, styles, notes).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from functools import cache

from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QImage, QPen
from PySide6.QtWidgets import QApplication, QToolTip, QVBoxLayout, QWidget

# Sizes, colours, palette and labels are shared with the export renderer (one look on screen and on paper).
from editor.core import charts as described
from editor.core.charts import (  # noqa: F401 - KPI_SIZE, MATRIX_SIZE: re-exported
    GRID_COLOR,
    KPI_SIZE,
    MATRIX_SIZE,
    PALETTE,
    TEXT_COLOR,
)
from editor.core import risks as rk
from editor.core.model import Kpi, Proposal, Risk
from editor.i18n import current_language, translator

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


def _font(points: float, bold: bool = False) -> QFont:
    font = QFont(QApplication.font())
    font.setPointSizeF(points)
    font.setBold(bold)
    return font


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
            html += f'<br><span style="font-size:10.5pt;color:{described.SUBTLE_COLOR}">{_esc(sub)}</span>'
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

        fills = described.matrix_data((), self.language).zone_colors
        for likelihood in range(1, 6):
            for impact in range(1, 6):
                rect = QGraphicsRectItem(impact - 0.5, likelihood - 0.5, 1, 1)
                rect.setBrush(QColor(fills[(likelihood, impact)]))
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
        data = self.data = described.matrix_data(self._risks, self.language)
        # A narrow pane gets the short title, ticks and legend (the long ones were cut at both ends).
        title, left_ticks, bottom_ticks, legend, note = data.view(self.compact)
        self._set_title(title)
        self._axis_label("left", data.y_label)
        self._axis_label("bottom", data.x_label)
        left = list(enumerate(left_ticks, 1))
        self.plot.getAxis("left").setTicks([left, []])
        # A fixed axis width: pyqtgraph otherwise drops long labels until a second paint.
        metrics = QFontMetrics(_font(10))
        self.plot.getAxis("left").setWidth(max(metrics.horizontalAdvance(t) for _n, t in left) + 46)
        self.plot.getAxis("bottom").setTicks([list(enumerate(bottom_ticks, 1)), []])
        size = "9.5pt" if self.compact else "10.5pt"
        parts = [
            f'<span style="color:{color};font-size:14pt">■</span>'
            f'<span style="font-size:{size};color:{TEXT_COLOR}"> {_esc(text)}</span>'
            for color, text in legend
        ]
        html = ("&nbsp;&nbsp;" if self.compact else "&nbsp;&nbsp;&nbsp;&nbsp;").join(parts)
        if note:
            html += ("<br>" if self.compact else "&nbsp;&nbsp;&nbsp;&nbsp;") + _note(note, described.WARNING_COLOR)
        self.footer.setText(html)
        self._draw_labels()
        self._fit_scene()

    def _draw_labels(self) -> None:
        pg = _pg()
        for item in self._labels:
            self.plot.removeItem(item)
        self._labels = []
        for (likelihood, impact), ids in self.data.cells.items():
            rows = self.data.cell_lines(ids)
            lines = []
            for row in rows:
                cells = []
                for rid in row:
                    style = "color:#000;" if rid == self._selected else ""
                    if rid == self._selected:
                        style += "text-decoration:underline;"
                    cells.append(f'<span style="{style}">{_esc(rid)}</span>')
                lines.append("&nbsp;&nbsp;".join(cells))
            html = (
                f'<div style="text-align:center;font-size:12pt;font-weight:700;'
                f'color:{self.data.id_colors[(likelihood, impact)]}">' + "<br>".join(lines) + "</div>"
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
    """Planned KPI trajectories on a date axis, drawn from the chart's description
    (:func:`editor.core.charts.kpi_data`), as the exports draw it.

    Single mode: one KPI, baseline today -> milestones -> target at the deadline, in
    the KPI's unit. Overview mode: every KPI with baseline, target and deadline as %
    of the way to its target. x values are day ordinals.
    """

    def __init__(self, parent: QWidget | None = None, language: str | None = None) -> None:
        pg = _pg()
        super().__init__(parent, language)
        self._kpis: list[Kpi] = []
        self._kpi_id: str | None = None
        self._overview = False
        self.data: described.KpiData | None = None
        self.today: dt.date | None = None
        # Ticks and the room kept for point labels are in pixels: fit again whenever the plot's size changes.
        self.plot.vb.sigResized.connect(self._fit)
        self.plot.showGrid(x=True, y=True, alpha=0.18)
        self._pg = pg
        # The legend sits below the plot (between it and the footer), never over the lines.
        self._legend = pg.LegendItem(labelTextSize="10.5pt", labelTextColor=TEXT_COLOR)
        self.canvas.ci.removeItem(self.footer)
        self.canvas.addItem(self._legend, row=1, col=0)
        self.canvas.addItem(self.footer, row=2, col=0)
        self._today: object | None = None
        self.setMinimumSize(320, 220)
        self.refresh()

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        if self.is_overview() and self.data is not None:
            self._axis_label("left", self._overview_y_label())
            if (event.oldSize().height() >= TALL_HEIGHT) != (event.size().height() >= TALL_HEIGHT):
                self.refresh()  # the legend's length follows the pane's height

    def _overview_y_label(self) -> str:
        # In a short pane the long label would run past the plot's height.
        return self.data.y_label if self.height() >= TALL_HEIGHT else self.data.y_label_short

    def _legend_room(self, count: int) -> tuple[int, str]:
        """How many KPIs the on-screen legend lists, and in which form: all ids when compact,
        else a few names (half as many in a short pane), so that the plot keeps its height."""
        if self.compact:
            return count, "ids"
        short = self.height() < TALL_HEIGHT
        room = described.SCREEN_LEGEND_MAX // 2 if short else described.SCREEN_LEGEND_MAX
        return room, "full" if count <= 4 and not short else "names"

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
        today = self.today or dt.date.today()
        kpi_id = None if self.is_overview() else self._kpi_id
        self.draw(described.kpi_data(self._kpis, self.language, kpi_id, today))

    def draw(self, data: described.KpiData) -> None:
        """Draw the chart ``data`` describes."""
        pg = self._pg
        self.data = data
        self.plot.clear()
        self._legend.clear()
        self._legend.setVisible(False)
        self._set_title(data.title, data.subtitle)
        self._axis_label("left", self._overview_y_label() if data.overview else data.y_label)
        self._axis_label("bottom", data.x_label)
        self.plot.setXRange(data.x_min, data.x_max, padding=0)
        self._today = pg.InfiniteLine(
            pos=data.today, angle=90, pen=_pen(pg, described.TODAY_COLOR, 1.5, "dash"), label=data.today_label,
            labelOpts={"color": described.TODAY_TEXT_COLOR})
        self.plot.addItem(self._today)
        if data.goal is not None:
            self.plot.addItem(pg.InfiniteLine(
                pos=data.goal, angle=0, pen=_pen(pg, described.GOAL_COLOR, 1.5, "dash"),
                label=data.target_label or None,
                # Mid-way, above the line: the trajectory is far from its target there.
                labelOpts={"position": 0.5, "color": described.GOAL_COLOR, "anchors": [(0.5, 1), (0.5, 1)]}))
        room, form = self._legend_room(len(data.legend))
        entries, cut = data.legend_entries(room, form)
        if data.overview:
            columns = (min(len(entries), max(1, (self.width() - 60) // 70)) if form == "ids"
                       else 2 if len(data.legend) > 4 or (form == "names" and len(entries) > 1) else 1)
            self._legend.setColumnCount(max(1, columns))
        for index, (color, style, points) in enumerate(data.series):
            curve = self.plot.plot(
                [x for x, _y in points], [y for _x, y in points], pen=_pen(pg, color, 3, style), symbol="o",
                symbolSize=data.symbol, symbolBrush=color, symbolPen=pg.mkPen("white", width=1.5 if data.symbol > 10 else 1.2))
            if data.overview and index < len(entries):
                self._legend.addItem(curve, _esc(entries[index][2]))
        self._legend.setVisible(bool(data.overview and entries))
        for x, y, text, anchor in data.point_labels:
            label = pg.TextItem(text, color=TEXT_COLOR, anchor=anchor)
            label.setFont(_font(9.5))
            label.setPos(x, y)
            self.plot.addItem(label)
        notes = [(cut, False)] if cut else []
        notes += data.notes
        self.footer.setText("<br>".join(_note(text, described.WARNING_COLOR if warning else described.SUBTLE_COLOR)
                                        for text, warning in notes))
        self._fit()
        self._fit_scene()

    def _fit(self) -> None:
        """Ranges and ticks for the plot's size in pixels, by the description's rules."""
        data = self.data
        if data is None:
            return
        room = 2 * QFontMetrics(_font(9.5)).lineSpacing() + 16  # px above and below: two lines and the gap
        y_min, y_max = data.y_range(self.plot.vb.height(), room)
        self.plot.setYRange(y_min, y_max, padding=0)
        self.y_ticks = data.value_ticks(y_min, y_max)
        self.plot.getAxis("left").setTicks([self.y_ticks, []])
        self.x_ticks = data.x_ticks(self.plot.vb.width(), QFontMetrics(_font(10)).horizontalAdvance("Sept."))
        self.plot.getAxis("bottom").setTicks([self.x_ticks, []])
        position, below = data.today_position(y_min, y_max)
        if self._today is not None and self._today.label is not None:
            anchor = (-0.08, 0) if below else (-0.08, 1)  # a little right of the line: it clears the dashes
            self._today.label.anchors = [anchor, anchor]
            self._today.label.setPosition(position)


def _pen(pg, color: str, width: float, style: str):
    """A pen in a line style of the description ("solid", "dash", "dot")."""
    styles = {"solid": Qt.PenStyle.SolidLine, "dash": Qt.PenStyle.DashLine, "dot": Qt.PenStyle.DotLine}
    return pg.mkPen(color, width=width, style=styles[style])


# ==================================================================== export API
# The exported images are painted by :mod:`editor.app.chart_render` (QtGui only,
# no pyqtgraph/numpy, no widgets); they follow the look of the views above.


def render_risk_matrix_image(proposal: Proposal, language: str, width: int = 1800) -> QImage:
    """The risk matrix of ``proposal`` as an image ``width`` px wide, labelled in ``language``."""
    from editor.app import chart_render

    return chart_render.risk_matrix_image(proposal.risks, language, width)


def render_risk_matrix_png(proposal: Proposal, language: str, width: int = 1800) -> bytes:
    """The risk matrix of ``proposal`` as PNG bytes, labelled in ``language``."""
    from editor.app.export_images import png_bytes

    return png_bytes(render_risk_matrix_image(proposal, language, width))


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
    from editor.app.export_images import png_bytes

    return png_bytes(render_kpi_chart_image(proposal, language, kpi_id, width, today))


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
