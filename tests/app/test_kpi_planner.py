"""The KPI planner: presets, typed values, direction, deadlines, milestones, chart, undo, round trip."""

import datetime as dt

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDateEdit, QStyleOptionViewItem

from editor.app.widgets.kpi_planner import DateDelegate, KpiPlanner
from editor.core.kpis import objective_is_measurable, objective_target_text
from editor.core.model import Milestone, Objective
from tests.app.conftest import col


@pytest.fixture
def planner(make_sheet_editor):
    return make_sheet_editor(KpiPlanner, size=(1200, 700))


def fill(planner, row, baseline, target, deadline):
    m = planner.model
    assert m.setData(m.index(row, col(m, "baseline")), baseline)
    assert m.setData(m.index(row, col(m, "target")), target)
    assert m.setData(m.index(row, col(m, "deadline")), QDate(*deadline))


def test_four_kpis_with_deadlines_drive_the_chart(planner):
    doc, m = planner.document, planner.model
    for key in ("deployment_time", "pipeline_automation_rate", "deployment_frequency", "time_to_restore"):
        planner.add_preset(key)
    assert [k.id for k in doc.proposal.kpis] == ["K1", "K2", "K3", "K4"]
    assert doc.proposal.kpis[0].unit == "days" and doc.proposal.kpis[0].direction == "lower"
    fill(planner, 0, "21", "1", (2027, 6, 30))
    fill(planner, 1, "20", "90", (2027, 3, 1))
    fill(planner, 2, "0,5", "5", (2026, 12, 1))  # a French decimal comma is understood
    fill(planner, 3, "1 000", "2", (2027, 1, 15))
    assert doc.proposal.kpis[2].baseline == 0.5 and doc.proposal.kpis[3].baseline == 1000
    assert all(k.is_complete for k in doc.proposal.kpis)
    assert m.data(m.index(0, col(m, "deadline"))) == "30 Jun 2027"

    planner.view.setCurrentIndex(m.index(0, 1))
    assert planner.chart.title_text == "Model deployment time"
    planner.view.setCurrentIndex(m.index(1, 1))
    assert planner.chart.title_text == "Pipeline automation rate"
    planner.mode.setCurrentIndex(1)
    assert planner.chart.is_overview() and len(planner.chart._legend.items) == 4

    # Milestones are one undo step and appear in the table and the chart.
    assert m.set_milestones(0, [Milestone(date=dt.date(2026, 12, 31), value=7)])
    assert "7 days" in m.data(m.index(0, col(m, "milestones")))
    doc.undo_stack.undo()
    assert doc.proposal.kpis[0].milestones == []


def test_direction_is_inferred_and_can_be_overridden(planner):
    doc, m = planner.document, planner.model
    planner.add_blank_row()
    m.setData(m.index(0, col(m, "name")), "Latency")
    fill(planner, 0, "300", "120", (2027, 1, 1))
    assert doc.proposal.kpis[0].direction is None
    assert m.data(m.index(0, col(m, "direction"))) == "Lower is better (auto)"
    assert m.setData(m.index(0, col(m, "direction")), "higher")
    assert m.data(m.index(0, col(m, "direction"))) == "Higher is better"
    doc.undo_stack.undo()
    assert doc.proposal.kpis[0].effective_direction == "lower"


def test_bad_number_is_refused_with_a_message(planner):
    m = planner.model
    planner.add_blank_row()
    messages = []
    m.message.connect(messages.append)
    assert not m.setData(m.index(0, col(m, "baseline")), "soon")
    assert planner.document.proposal.kpis[0].baseline is None and messages


def test_date_picker_delegate(planner):
    m = planner.model
    planner.add_blank_row()
    fill(planner, 0, "1", "2", (2027, 6, 30))
    delegate = planner.view.itemDelegateForColumn(col(m, "deadline"))
    assert isinstance(delegate, DateDelegate)
    index = m.index(0, col(m, "deadline"))
    editor = delegate.createEditor(planner.view.viewport(), QStyleOptionViewItem(), index)
    assert isinstance(editor, QDateEdit) and editor.calendarPopup()
    delegate.setEditorData(editor, index)
    assert editor.date() == QDate(2027, 6, 30)
    editor.setDate(QDate(2027, 9, 1))
    delegate.setModelData(editor, m, index)
    assert planner.document.proposal.kpis[0].deadline == dt.date(2027, 9, 1)


def test_dates_follow_the_ui_locale(make_sheet_editor):
    widget = make_sheet_editor(KpiPlanner, language="fr")
    widget.add_preset("deployment_time")
    m = widget.model
    fill(widget, 0, "21", "1", (2027, 6, 30))
    assert m.data(m.index(0, col(m, "deadline"))) == "30 juin 2027"
    assert widget.document.proposal.kpis[0].name == "Temps de déploiement des modèles"
    assert widget.add_button.text() == "Ajouter un indicateur"


def test_objective_links_show_the_target(planner):
    doc = planner.document
    planner.add_preset("deployment_time")
    fill(planner, 0, "21", "1", (2027, 6, 30))
    doc.set_objectives([Objective(text="Deploy faster", kpi_ids=["K1"])])
    objective = doc.proposal.objectives[0]
    assert objective_target_text(objective, doc.proposal, "en") == "21 days -> 1 day by 30 June 2027"
    assert objective_is_measurable(objective, doc.proposal)


def test_paste_cells_from_a_spreadsheet(planner):
    m = planner.model
    m.paste_text("Latency\tReliability\t300\t120\tms\n", -1, 0)
    kpi = planner.document.proposal.kpis[0]
    assert (kpi.name, kpi.category, kpi.baseline, kpi.target, kpi.unit) == ("Latency", "reliability", 300, 120, "ms")


def test_markdown_round_trip_keeps_every_value(planner, tmp_path):
    from editor.core.formats import markdown
    for key in ("deployment_time", "change_failure_rate"):
        planner.add_preset(key)
    fill(planner, 0, "21", "1", (2027, 6, 30))
    fill(planner, 1, "15.5", "5", (2027, 1, 31))
    planner.model.set_milestones(0, [Milestone(date=dt.date(2026, 12, 31), value=7)])
    path = tmp_path / "p.md"
    markdown.save_markdown(planner.document.proposal, path)
    again = markdown.load_markdown(path).proposal
    assert [k.model_dump() for k in again.kpis] == [k.model_dump() for k in planner.document.proposal.kpis]


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("kind", ["kpis", "risks"])
def test_no_column_starts_narrower_than_its_header(make_sheet_editor, language, kind):
    from editor.app.widgets.risk_table import RiskEditor

    widget = make_sheet_editor(KpiPlanner if kind == "kpis" else RiskEditor, size=(900, 500), language=language)
    header = widget.view.horizontalHeader()
    cut = [widget.model.headerData(c, Qt.Orientation.Horizontal) for c in range(widget.model.columnCount())
           if widget.view.columnWidth(c) < header.sectionSizeHint(c)]
    assert not cut


def example_kpis(planner):
    from editor.app.file_actions import example_proposal

    planner.document.set_kpis(example_proposal("fr").kpis)
    return planner.document.proposal.kpis


@pytest.mark.parametrize("language", ["fr", "en"])
def test_copied_kpi_rows_paste_back_as_exact_copies(make_sheet_editor, language):
    planner = make_sheet_editor(KpiPlanner, size=(1200, 700), language=language)
    before = example_kpis(planner)
    m, view = planner.model, planner.view
    view.selectAll()
    text = view.copy_selection()
    assert "2027-03-31" in text  # dates travel as ISO, numbers plainly: any spreadsheet reads them
    view.clearSelection()
    view.setCurrentIndex(m.index(len(before) - 1, 1))
    view.selectRow(len(before) - 1)
    planner.paste(text)
    after = planner.document.proposal.kpis
    assert len(after) == 2 * len(before)
    assert [k.id for k in after[len(before):]] == ["K4", "K5", "K6"]
    for original, copy in zip(before, after[len(before):]):
        assert copy.model_dump(exclude={"id"}) == original.model_dump(exclude={"id"})
    planner.document.undo_stack.undo()  # one step
    assert planner.document.proposal.kpis == before


def test_cells_copied_without_the_id_fill_a_blank_row(planner):
    from PySide6.QtCore import QItemSelection, QItemSelectionModel

    before = example_kpis(planner)
    m, view = planner.model, planner.view
    view.setCurrentIndex(m.index(0, 1))
    view.selectionModel().select(QItemSelection(m.index(0, 1), m.index(0, m.columnCount() - 1)),
                                 QItemSelectionModel.SelectionFlag.ClearAndSelect)
    text = view.copy_selection()
    planner.add_blank_row()  # under K1: K4, blank
    blank_row = planner.view.currentIndex().row()
    view.clearSelection()
    view.setCurrentIndex(m.index(blank_row, 1))
    planner.paste(text)
    kpis = planner.document.proposal.kpis
    assert len(kpis) == len(before) + 1
    assert kpis[blank_row].id == "K4"
    assert kpis[blank_row].model_dump(exclude={"id"}) == before[0].model_dump(exclude={"id"})


def test_an_id_an_objective_links_to_is_never_given_again(planner):
    from editor.core.checks import check

    example_kpis(planner)
    doc = planner.document
    doc.set_objectives([Objective(text="Detect drift within 24 hours", kpi_ids=["K3"])])
    planner.view.setCurrentIndex(planner.model.index(2, 1))
    planner.remove_selected()
    planner.add_blank_row()
    assert [k.id for k in doc.proposal.kpis] == ["K1", "K2", "K4"]
    rules = {f.rule: f.message for f in check(doc.proposal, "en")}
    assert "K3" in rules["objective-unknown-kpi"]


def test_a_bad_date_is_named_as_a_date(planner):
    m = planner.model
    planner.add_blank_row()
    messages = []
    m.message.connect(messages.append)
    assert not m.setData(m.index(0, col(m, "deadline")), "2027-02-30")
    assert messages == ["2027-02-30 is not a date (use 2027-06-30 or 30/06/2027)."]
    assert m.setData(m.index(0, col(m, "deadline")), "30/06/2027")
    assert planner.document.proposal.kpis[0].deadline == dt.date(2027, 6, 30)
