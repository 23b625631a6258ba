"""The screen's pyqtgraph views and the exported pictures draw one description per chart
(editor.core.charts): the same series and line styles, ticks, labels and notes."""

from __future__ import annotations

import datetime as dt

import pytest

from editor.app import charts
from editor.app.chart_render import KpiChart, RiskMatrixChart, _render
from editor.core import charts as described
from editor.core.model import Kpi, Milestone, Risk

TODAY = dt.date(2026, 1, 15)


def kpis(count: int = 3) -> list[Kpi]:
    out = [Kpi(id="K1", name="Deployment time", baseline=21, target=1, unit="days", deadline=dt.date(2027, 6, 30),
               milestones=[Milestone(date=dt.date(2026, 9, 30), value=10)])]
    out += [Kpi(id=f"K{i}", name=f"Indicator {i}", baseline=20 + i, target=90, unit="%",
                deadline=dt.date(2026, 3 + i % 9, 1)) for i in range(2, count + 1)]
    return out + [Kpi(id="K99", name="No target yet", unit="hours")]


def screen_series(view) -> list[tuple[str, str, list[tuple[float, float]]]]:
    styles = {1: "solid", 2: "dash", 3: "dot"}
    out = []
    for item in view.plot.listDataItems():
        pen = item.opts["pen"]
        points = [(float(x), float(y)) for x, y in zip(item.xData, item.yData)]
        out.append((pen.color().name(), styles[pen.style().value], points))
    return out


def norm(series) -> list[tuple[str, str, list[tuple[float, float]]]]:
    return [(color.lower(), style, [(float(x), float(y)) for x, y in points]) for color, style, points in series]


def export_chart(data) -> KpiChart:
    chart = KpiChart(data=data)
    _render(chart.paint, chart.size, 800)
    return chart


def draw_both(qapp, data, language: str):
    """The screen view and the export renderer, each drawing ``data``, their plots equally wide."""
    view = charts.KpiTrajectoryView(language=language)
    view.show()
    chart = export_chart(data)
    match_plot_width(qapp, view, chart.plot.width())
    view.draw(data)
    qapp.processEvents()
    return view, chart


def match_plot_width(qapp, view, width: float) -> None:
    """Resize the view until its plot is ``width`` px wide (the export's), so both get the same ticks."""
    view.resize(1000, 600)
    for _ in range(3):
        qapp.processEvents()
        view.resize(view.width() + round(width - view.plot.vb.width()), 600)
    qapp.processEvents()


@pytest.mark.parametrize("count", [3, 11])
def test_kpi_overview_screen_and_export_draw_one_description(qapp, count):
    data = described.kpi_data(kpis(count), "en", None, TODAY)
    view, chart = draw_both(qapp, data, "en")
    # The same series, colours and line styles: past eight KPIs the colours repeat, dashed, on both.
    assert screen_series(view) == norm(chart.drawn_series) == norm(data.series)
    assert {style for _c, style, _p in chart.drawn_series} == ({"solid", "dash"} if count > 8 else {"solid"})
    # The same ticks, from the description's rule for the plot's width.
    label_px = charts.QFontMetrics(charts._font(10)).horizontalAdvance("Sept.")
    assert abs(view.plot.vb.width() - chart.plot.width()) <= 2
    assert [t for _x, t in view.x_ticks] == [t for _x, t in chart.date_ticks()]
    assert view.x_ticks == data.x_ticks(view.plot.vb.width(), label_px)
    assert view.y_ticks == chart.y_ticks == data.y_ticks
    # The same texts: title, axes, today, and the note on what is not drawn.
    for text in (data.title, data.x_label, data.today_label, *(note for note, _w in data.notes)):
        assert text in chart.texts
    assert data.title == view.title_text and "K99" in view.footer.text and any("K99" in t for t in chart.texts)
    screen_legend = [label.text for _sample, label in view._legend.items]
    entries, cut = data.legend_entries(*view._legend_room(len(data.legend)))
    assert screen_legend == [charts._esc(t) for _c, _s, t in entries]
    if count > 8:  # the screen lists the first entries and says so; the export lists them all
        assert cut and charts._esc(cut) in view.footer.text
        assert [t for _c, _s, t in data.legend] == [t for _c, _s, t in chart.legend]
    view.deleteLater()


def test_single_kpi_screen_and_export_draw_one_description(qapp):
    kpi = kpis()[0].model_copy(update={"deadline": dt.date(2025, 12, 1)})  # already past
    data = described.kpi_data([kpi], "fr", "K1", TODAY)
    assert data.notes and data.notes[0][1]  # the warning is in the description, for both
    view, chart = draw_both(qapp, data, "fr")
    assert screen_series(view) == norm(chart.drawn_series)
    note = data.notes[0][0]
    assert "déjà passée" in note and note in chart.texts and charts._esc(note) in view.footer.text
    room = 2 * charts.QFontMetrics(charts._font(9.5)).lineSpacing() + 16
    assert view.y_ticks == data.value_ticks(*data.y_range(view.plot.vb.height(), room))
    assert chart.y_ticks == data.value_ticks(chart.y_min, chart.y_max)
    screen_labels = sorted(i.toPlainText() for i in view.plot.items if isinstance(i, charts._pg().TextItem))
    assert screen_labels == sorted(text for _x, _y, text, _a in data.point_labels)
    assert all(text in chart.texts for _x, _y, text, _a in data.point_labels)
    assert data.target_label in chart.texts and data.subtitle in chart.texts and data.subtitle in view._title_sub
    view.deleteLater()


def test_risk_matrix_screen_and_export_draw_one_description(qapp):
    risks = [Risk(id=f"R{i}", likelihood=1 + i % 5, impact=1 + (i * 2) % 5) for i in range(1, 12)] + [Risk(id="R40")]
    data = described.matrix_data(risks, "fr")
    view = charts.RiskMatrixView(language="fr")
    view.resize(900, 760)
    view.show()
    view.set_risks(risks)
    qapp.processEvents()
    chart = RiskMatrixChart(data=data)
    _render(chart.paint, chart.size, 900)
    title, left, bottom, legend, note = data.view(compact=False)
    assert view.title_text == chart.title == title
    assert [t for _n, t in view.plot.getAxis("left")._tickLevels[0]] == left
    assert [t for _n, t in view.plot.getAxis("bottom")._tickLevels[0]] == bottom
    assert all(t in chart.texts for t in (*left, *bottom, *(text for _c, text in legend), note))
    assert all(text in view.footer.text for _c, text in legend) and "R40" in view.footer.text
    # Ids in their cell, in the zone's text colour, on both.
    for (likelihood, impact), ids in data.cells.items():
        lines = ["\u00a0\u00a0".join(line) for line in data.cell_lines(ids)]
        assert "\n".join(lines) in chart.texts
    screen_cells = {(round(label.pos().y()), round(label.pos().x())): label.textItem.toHtml() for label in view._labels}
    assert set(screen_cells) == set(data.cells)
    for cell, html in screen_cells.items():
        assert all(rid in html for rid in data.cells[cell])
        assert data.id_colors[cell].lower() in html.lower()
    view.deleteLater()
