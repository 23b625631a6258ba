"""Chart images: size, not blank, zone colours in the right cells, labels in the document language."""

import datetime as dt
import subprocess
import sys

import pytest
from PySide6.QtGui import QColor, QImage

from editor.app import charts
from editor.core import charts as chart_data
from editor.core import risks as rk
from editor.core.model import Kpi, Milestone, Proposal, Risk

TODAY = dt.date(2026, 1, 15)


def close(color: QColor, hex_color: str, tolerance: int = 18) -> bool:
    want = QColor(hex_color)
    return all(abs(a - b) <= tolerance for a, b in
               ((color.red(), want.red()), (color.green(), want.green()), (color.blue(), want.blue())))


def sample_proposal(language="en") -> Proposal:
    proposal = Proposal.new(language)
    proposal.risks = [
        Risk(id="R1", description="Data drift", category="data", likelihood=4, impact=4, mitigation="Monitor"),
        Risk(id="R2", description="Resistance to change", likelihood=3, impact=3),
        Risk(id="R3", description="Secret leak", likelihood=2, impact=5),
        Risk(id="R4", description="Not scored yet"),
    ]
    proposal.kpis = [
        Kpi(id="K1", name="Model deployment time", baseline=21, target=1, unit="days",
            deadline=dt.date(2027, 6, 30), milestones=[Milestone(date=dt.date(2026, 9, 30), value=10)]),
        Kpi(id="K2", name="Pipeline automation rate", baseline=20, target=90, unit="%", deadline=dt.date(2027, 3, 1)),
        Kpi(id="K3", name="Change failure rate", baseline=30, target=10, unit="%", deadline=dt.date(2026, 12, 1)),
        Kpi(id="K4", name="No target yet", unit="hours"),
    ]
    return proposal


def non_white_ratio(image: QImage, step: int = 9) -> float:
    total = dark = 0
    for y in range(0, image.height(), step):
        for x in range(0, image.width(), step):
            total += 1
            if image.pixelColor(x, y).lightness() < 245:
                dark += 1
    return dark / total


def has_color(image: QImage, hex_color: str, step: int = 3, tolerance: int = 30) -> bool:
    for y in range(0, image.height(), step):
        for x in range(0, image.width(), step):
            if close(image.pixelColor(x, y), hex_color, tolerance):
                return True
    return False


@pytest.fixture
def matrix_geometry(qapp):
    """Cell centres (in 1800 px image coordinates) of the exported matrix (the renderer's own layout)."""
    from editor.app.chart_render import RiskMatrixChart

    chart = RiskMatrixChart(sample_proposal().risks, "en")
    scale = 1800 / chart.size[0]

    def point(likelihood, impact, dx=0.0, dy=0.0):
        # dx/dy in cell units, as in view coordinates (y grows upwards).
        cell = chart.cell_rect(likelihood, impact)
        x = cell.center().x() + dx * cell.width()
        y = cell.center().y() - dy * cell.height()
        return round(x * scale), round(y * scale)

    yield point


def test_risk_matrix_png_size_colours_and_cells(qapp, matrix_geometry):
    data = charts.render_risk_matrix_png(sample_proposal(), "en", width=1800)
    image = QImage.fromData(data, "PNG")
    assert image.width() == 1800 and image.height() >= 1200
    assert non_white_ratio(image) > 0.4
    # Every cell carries its zone's colour (sampled off-centre, away from the id labels).
    for likelihood in range(1, 6):
        for impact in range(1, 6):
            zone = rk.zone_for_score(likelihood * impact)
            x, y = matrix_geometry(likelihood, impact, dx=-0.35, dy=0.35)
            assert close(image.pixelColor(x, y), rk.ZONE_COLORS[zone]), (likelihood, impact, zone)
    # The corners are what the zones promise.
    assert close(image.pixelColor(*matrix_geometry(1, 1, -0.35, 0.35)), rk.ZONE_COLORS["low"])
    assert close(image.pixelColor(*matrix_geometry(5, 5, -0.35, 0.35)), rk.ZONE_COLORS["high"])
    # A risk's id is drawn in its cell: the centre of R1's cell has dark text pixels, an empty cell does not.
    def dark_pixels(likelihood, impact):
        cx, cy = matrix_geometry(likelihood, impact)
        return sum(image.pixelColor(cx + dx, cy + dy).lightness() < 100
                   for dx in range(-40, 41, 2) for dy in range(-14, 15, 2))
    assert dark_pixels(4, 4) > 20
    assert dark_pixels(1, 5) == 0


def test_risk_matrix_labels_follow_the_document_language(qapp):
    view = charts.RiskMatrixView(language="fr")
    view.set_risks(sample_proposal().risks)
    assert view.title_text == "Matrice des risques (probabilité × impact)"
    assert "Probabilité" in view.plot.getAxis("left").labelText
    assert "R4" in view.footer.text and "manquant" in view.footer.text
    view.set_language("en")
    assert view.title_text.startswith("Risk matrix")
    en = charts.render_risk_matrix_png(sample_proposal(), "en", width=1600)
    fr = charts.render_risk_matrix_png(sample_proposal(), "fr", width=1600)
    assert QImage.fromData(fr, "PNG").width() == 1600
    assert en != fr


def test_matrix_hover_and_click(qtbot):
    view = charts.RiskMatrixView(language="en")
    qtbot.addWidget(view)
    view.resize(600, 520)
    view.show()
    qtbot.waitExposed(view)
    risks = sample_proposal().risks + [Risk(id="R5", description="Another high one", likelihood=4, impact=4)]
    view.set_risks(risks)
    tip = view.tooltip_for(4, 4)
    assert "Data drift" in tip and "Another high one" in tip and "= 16" in tip
    clicked = []
    view.riskClicked.connect(clicked.append)
    pos = view.cell_scene_pos(4, 4)
    assert view.click_cell_at(pos) == "R1"
    view.set_selected("R1")
    assert view.click_cell_at(pos) == "R5"  # a crowded cell cycles
    assert view.click_cell_at(view.cell_scene_pos(1, 1)) is None
    assert clicked == ["R1", "R5"]


def test_kpi_single_chart(qapp):
    data = charts.render_kpi_chart_png(sample_proposal(), "en", kpi_id="K1", width=1800, today=TODAY)
    image = QImage.fromData(data, "PNG")
    assert image.width() == 1800 and image.height() >= 900
    assert 0.005 < non_white_ratio(image, step=5)
    assert has_color(image, charts.PALETTE[0])


def test_risk_matrix_in_a_narrow_pane_keeps_its_title_and_legend_whole(qapp):
    view = charts.RiskMatrixView(language="fr")
    view.resize(330, 420)
    view.show()
    view.set_risks(sample_proposal().risks)
    qapp.processEvents()
    assert view.compact and view.title_text == "Matrice des risques"
    assert "Faible 1–4" in view.footer.text and "R4" in view.footer.text  # the note, on its own line
    legend_width = view.footer.item.boundingRect().width()
    assert 0 < legend_width <= view.width(), legend_width
    view.resize(900, 600)
    qapp.processEvents()
    assert not view.compact and view.title_text == "Matrice des risques (probabilité × impact)"
    view.deleteLater()


def test_kpi_overview_chart_shows_every_complete_kpi(qapp):
    proposal = sample_proposal()
    image = charts.render_kpi_chart_image(proposal, "fr", width=1600, today=TODAY)
    assert image.width() == 1600
    for color in charts.PALETTE[:3]:
        assert has_color(image, color), color
    view = charts.KpiTrajectoryView(language="fr")
    view.today = TODAY
    view.set_kpis(proposal.kpis)
    assert view.title_text == "Trajectoires des indicateurs vers leurs cibles"
    assert len(view._legend.items) == 3
    assert "K4" not in "".join(label.text for _s, label in view._legend.items)
    assert "K4" in view.footer.text and "manquant" in view.footer.text  # not drawn, said so
    view.set_kpis(proposal.kpis, "K1", overview=False)
    assert view.title_text == "Model deployment time"
    view.deleteLater()


def test_kpi_overview_on_screen_keeps_a_short_legend_and_draws_every_kpi(qapp):
    k1 = sample_proposal().kpis[0]
    kpis = [k1.model_copy(update={"id": f"K{i}", "name": f"Indicateur {i}"}) for i in range(1, 21)]
    view = charts.KpiTrajectoryView(language="fr")
    view.today = TODAY
    view.resize(900, 500)
    view.show()
    view.set_kpis(kpis)
    assert len(view._legend.items) == chart_data.SCREEN_LEGEND_MAX == 8
    assert [label.text for _s, label in view._legend.items][:2] == ["K1 Indicateur 1", "K2 Indicateur 2"]
    assert len(view.plot.listDataItems()) == 20  # every trajectory is drawn
    assert "8 premiers des 20 KPI" in view.footer.text
    view.resize(900, 300)  # a short pane: half the legend
    qapp.processEvents()
    assert len(view._legend.items) == 4 and "4 premiers des 20 KPI" in view.footer.text
    image = charts.render_kpi_chart_image(Proposal(kpis=kpis), "fr", width=1600, today=TODAY)
    assert image.height() > 900  # the export lists all 20 below the plot instead
    view.deleteLater()


def test_kpi_overview_today_label_stays_clear_of_the_100_percent_line(qapp):
    import pyqtgraph as pg
    from PySide6.QtCore import QPointF

    view = charts.KpiTrajectoryView(language="fr")
    view.today = TODAY
    view.show()
    for height in (260, 320, 500, 800):
        view.resize(900, height)
        view.set_kpis(sample_proposal().kpis)
        qapp.processEvents()
        lines = [i for i in view.plot.items if isinstance(i, pg.InfiniteLine)]
        [today] = [line for line in lines if line.angle == 90]
        label = today.label.sceneBoundingRect()
        goal_y = view.plot.vb.mapViewToScene(QPointF(0, 100)).y()
        assert today.label.toPlainText() == "Aujourd'hui"
        assert label.top() > goal_y, height  # under the dashed line, not struck through
        if height >= 500:  # room enough: it stays in the upper half, where the curves have not risen yet
            assert label.bottom() < view.plot.vb.mapViewToScene(QPointF(0, 50)).y(), height
    view.deleteLater()


def test_kpi_chart_empty_proposal_is_not_an_error(qapp):
    image = charts.render_kpi_chart_image(Proposal.new("en"), "en", width=1600, today=TODAY)
    assert image.width() == 1600 and non_white_ratio(image) > 0.0


def test_svg_export(qapp):
    svg = charts.render_risk_matrix_svg(sample_proposal(), "en")
    assert svg is not None and "<svg" in svg and "R1" in svg
    svg = charts.render_kpi_chart_svg(sample_proposal(), "en", today=TODAY)
    assert svg is not None and "<svg" in svg


def test_renders_from_a_plain_script_without_a_window(tmp_path):
    script = (
        "import sys\n"
        "from editor.core.model import Proposal, Risk\n"
        "from editor.app.charts import render_risk_matrix_png\n"
        "p = Proposal.new('fr'); p.risks = [Risk(id='R1', likelihood=5, impact=5)]\n"
        f"open({str(tmp_path / 'm.png')!r}, 'wb').write(render_risk_matrix_png(p, 'fr'))\n"
    )
    env = {"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"}
    subprocess.run([sys.executable, "-c", script], check=True, env=env, timeout=120)
    image = QImage(str(tmp_path / "m.png"))
    assert image.width() == 1800


def test_export_rendering_needs_neither_pyqtgraph_nor_numpy(tmp_path):
    """The exports paint with QtGui alone: no pyqtgraph or numpy; the renderer itself needs no QtWidgets."""
    script = (
        "import sys, datetime as dt\n"
        "from editor.core.model import Proposal, Risk, Kpi\n"
        "from editor.app import chart_render\n"
        "p = Proposal.new('en'); p.risks = [Risk(id='R1', likelihood=5, impact=5)]\n"
        "p.kpis = [Kpi(id='K1', name='Lead time', baseline=10, target=1, unit='days', deadline=dt.date(2027, 1, 1))]\n"
        "from editor.app.export_images import png_bytes\n"
        "assert png_bytes(chart_render.risk_matrix_image(p.risks, 'fr')).startswith(b'\\x89PNG')\n"
        "print('widgets' if 'PySide6.QtWidgets' in sys.modules else 'gui-only')\n"
        "from editor.app.charts import render_risk_matrix_png, render_kpi_chart_png\n"
        "assert render_risk_matrix_png(p, 'fr').startswith(b'\\x89PNG')\n"
        "assert render_kpi_chart_png(p, 'fr').startswith(b'\\x89PNG')\n"
        "assert render_kpi_chart_png(p, 'fr', 'K1').startswith(b'\\x89PNG')\n"
        "print(','.join(sorted(m for m in ('pyqtgraph', 'numpy') if m in sys.modules)) or 'none')\n"
    )
    env = {"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"}
    out = subprocess.run([sys.executable, "-c", script], check=True, env=env, timeout=120,
                         capture_output=True, text=True)
    assert out.stdout.split() == ["gui-only", "none"]


def test_crowded_matrix_and_many_kpis_stay_readable(qapp):
    """Many risks in one cell shrink to fit; many KPIs put the legend below the plot and grow the image."""
    from editor.app.chart_render import KpiChart

    proposal = sample_proposal()
    proposal.risks = [Risk(id=f"R{i}", likelihood=5, impact=5) for i in range(1, 41)]
    image = QImage.fromData(charts.render_risk_matrix_png(proposal, "en", width=1600), "PNG")
    assert image.width() == 1600 and non_white_ratio(image) > 0.4
    proposal.kpis = [Kpi(id=f"K{i}", name=f"KPI {i}", baseline=10, target=1, unit="days",
                         deadline=dt.date(2027, 1 + i % 12, 1)) for i in range(1, 31)]
    chart = KpiChart(proposal.kpis, "en", today=TODAY)
    assert chart.legend_below and len(chart.legend) == 30
    image = charts.render_kpi_chart_image(proposal, "en", width=1600, today=TODAY)
    assert image.height() > 960  # taller than the standard 1000 x 600 chart to hold the legend
    for color in charts.PALETTE:
        assert has_color(image, color, step=4), color


@pytest.mark.parametrize("kpi_id", ["K1", "K2", "K3"])
def test_single_kpi_point_labels_stay_inside_the_plot(qapp, kpi_id):
    import pyqtgraph as pg

    from editor.app.file_actions import example_proposal

    kpis = example_proposal("fr").kpis
    view = charts.KpiTrajectoryView(language="fr")
    view.today = dt.date(2026, 11, 26)
    view.resize(730, 300)  # the KPI page's chart in a 1280 x 800 window
    view.show()
    view.set_kpis(kpis, kpi_id, overview=False)
    qapp.processEvents()
    box = view.plot.vb.sceneBoundingRect()
    labels = [i for i in view.plot.items if isinstance(i, pg.TextItem)]
    assert len(labels) == 3
    for label in labels:
        rect = label.sceneBoundingRect()
        assert box.contains(rect), (label.toPlainText(), rect, box)
    [today] = [i for i in view.plot.items if isinstance(i, pg.InfiniteLine) and i.angle == 90]
    for label in labels:
        assert not today.label.sceneBoundingRect().intersects(label.sceneBoundingRect()), label.toPlainText()
    view.deleteLater()


def test_a_past_deadline_is_said_under_the_chart(qapp):
    k1 = sample_proposal().kpis[0].model_copy(update={"deadline": dt.date(2025, 6, 30)})
    view = charts.KpiTrajectoryView(language="en")
    view.today = TODAY
    view.set_kpis([k1], k1.id, overview=False)
    assert "already past" in view.footer.text and "30 June 2025" in view.footer.text
    view.deleteLater()


def test_kpi_overview_in_a_short_pane_keeps_its_plot_tall_enough(qapp):
    from editor.app.file_actions import example_proposal

    kpis = example_proposal("fr").kpis
    view = charts.KpiTrajectoryView(language="fr")
    view.today = dt.date(2026, 11, 26)
    view.resize(730, 306)  # the KPI page's chart in a 1280 x 800 window
    view.show()
    view.set_kpis(kpis)
    qapp.processEvents()
    labels = [label.text for _sample, label in view._legend.items]
    assert labels == ["K1 Temps de déploiement du modèle", "K2 Taux d'automatisation du pipeline",
                      "K3 Temps moyen de détection du drift"]  # names only: the figures are in the table
    assert view._legend.columnCount == 2
    assert view.footer.text == "" and view.footer.boundingRect().height() == 0
    assert view.plot.vb.height() > 110  # was 78 px with the long legend and an empty footer line
    view.resize(730, 600)
    qapp.processEvents()
    assert "-&gt;" in view._legend.items[0][1].text  # a tall pane shows the figures again
    view.deleteLater()
