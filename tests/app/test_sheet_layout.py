"""The risk and KPI pages on a laptop screen: the chart moves under the table when the page is
narrow (and folds when it is low), the Risk / KPI column stays pinned while the table scrolls
sideways, and long texts are edited in the row's form under the table, as undoable steps."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from editor.app.widgets.kpi_planner import KpiPlanner
from editor.app.widgets.risk_table import RiskEditor
from editor.core.example import example_proposal
from tests.app.conftest import col, press, type_text


def _fill(editor, language):
    editor.document.replace_proposal(example_proposal(language))
    QApplication.processEvents()


def _top(widget, ancestor) -> int:
    return widget.mapTo(ancestor, widget.rect().topLeft()).y()


def _left(widget, ancestor) -> int:
    return widget.mapTo(ancestor, widget.rect().topLeft()).x()


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_matrix_sits_beside_a_wide_table_under_a_narrow_one_and_folds_when_low(make_sheet_editor, qtbot, language):
    editor = make_sheet_editor(RiskEditor, size=(1300, 640), language=language)
    _fill(editor, language)
    table = editor.view
    assert editor.chart_placement() == "beside" and editor.matrix.isVisible()
    assert _left(editor.matrix, editor) > _left(table, editor) + table.width() - 5

    editor.resize(740, 700)  # a page beside the section list and the review dock, on a tall screen
    qtbot.waitUntil(lambda: editor.chart_placement() == "under" and editor.matrix.isVisible())
    assert _top(editor.matrix, editor) > _top(table, editor) + table.height()
    assert editor.matrix.width() > 600  # under the table it has the page's width

    editor.resize(740, 430)  # 1280x800 with the review dock: the rows need the height
    qtbot.waitUntil(lambda: not editor.matrix.isVisible())
    assert editor.chart_button.isEnabled() and not editor.chart_button.isChecked()
    assert editor.detail.isVisible()
    editor.chart_button.click()  # shown on demand, under the table, in the row form's place
    assert editor.matrix.isVisible() and _top(editor.matrix, editor) > _top(table, editor)
    assert not editor.detail.isVisible() and table.height() > 60
    editor.resize(739, 431)
    QApplication.processEvents()
    assert editor.matrix.isVisible()  # the student's choice holds while the layout stays
    assert editor.chart_button.text() == ("Matrice" if language == "fr" else "Matrix")


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_risk_column_stays_in_view_while_the_mitigation_is_edited(make_sheet_editor, qtbot, language):
    editor = make_sheet_editor(RiskEditor, size=(740, 430), language=language)
    _fill(editor, language)
    view, model = editor.view, editor.model
    pinned = view.pinned
    mitigation = model.index(1, col(model, "mitigation"))
    view.setCurrentIndex(mitigation)
    view.setFocus()
    press(view, Qt.Key.Key_F2)
    cell = QApplication.focusWidget()
    assert cell is not None and cell.parentWidget() is view.viewport()  # edited in the table itself
    assert view.horizontalScrollBar().value() > 0  # the table scrolled sideways to the mitigation
    # The pinned Risk column covers the left of the table, beside the open editor, and shows the risk.
    assert pinned.isVisible() and not pinned.isColumnHidden(col(model, "description"))
    assert cell.mapTo(view, cell.rect().topLeft()).x() >= pinned.geometry().right() - 2
    risk = model.index(1, col(model, "description"))
    rect = pinned.visualRect(risk)
    assert rect.left() >= 0 and rect.right() <= pinned.viewport().width() and rect.height() > 10
    assert pinned.model().data(risk) == editor.document.proposal.risks[1].description
    type_text(cell, " X")
    press(cell, Qt.Key.Key_Return)
    assert editor.document.proposal.risks[1].mitigation.endswith(" X")


def test_a_pinned_cell_is_edited_in_place_and_tab_goes_on_to_the_next_column(make_sheet_editor, qtbot):
    editor = make_sheet_editor(RiskEditor, size=(740, 430))
    _fill(editor, "en")
    view, model, doc = editor.view, editor.model, editor.document
    view.horizontalScrollBar().setValue(view.horizontalScrollBar().maximum())
    view.setCurrentIndex(model.index(0, col(model, "description")))
    view.setFocus()
    steps = doc.undo_stack.count()
    type_text(view, "Z")  # typing over a cell replaces it, as in a spreadsheet
    cell = QApplication.focusWidget()
    assert cell.parentWidget() is view.pinned.viewport()  # the editor opens over the pinned column, in view
    press(cell, Qt.Key.Key_Tab)
    assert doc.proposal.risks[0].description == "Z" and doc.undo_stack.count() == steps + 1
    assert view.currentIndex() == model.index(0, col(model, "category"))
    # The next cell is being edited, in the table under the pinned columns (a category list).
    assert view.state() == view.State.EditingState
    assert QApplication.focusWidget().parentWidget() is view.viewport()


def test_long_texts_are_edited_in_the_row_form_as_one_undo_step(make_sheet_editor, qtbot):
    editor = make_sheet_editor(RiskEditor, size=(740, 430), language="fr")
    _fill(editor, "fr")
    doc, form = editor.document, editor.detail
    editor.view.setCurrentIndex(editor.model.index(2, 1))
    before = doc.proposal.risks[2].mitigation
    assert form.editors["mitigation"].toPlainText() == before
    assert form.heading.toolTip().startswith("R3 · ")
    field = form.editors["mitigation"]
    field.setFocus()
    field.moveCursor(field.textCursor().MoveOperation.End)
    steps = doc.undo_stack.count()
    type_text(field, " Revue trimestrielle des accès.")
    qtbot.waitUntil(lambda: doc.proposal.risks[2].mitigation.endswith("accès."))
    assert doc.undo_stack.count() == steps + 1
    shown = editor.model.data(editor.model.index(2, col(editor.model, "mitigation")))
    assert shown.endswith("Revue trimestrielle des accès.")
    press(field, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # the document's undo, from the form
    assert doc.proposal.risks[2].mitigation == before and field.toPlainText() == before
    # Undo at once after typing, before the form has handed the text on, takes the typing back too.
    owner, owner_before = form.editors["owner"], doc.proposal.risks[2].owner
    owner.setFocus()
    owner.end(False)
    type_text(owner, "!")
    press(owner, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.wait(400)  # longer than the form waits before handing text on
    assert doc.proposal.risks[2].owner == owner_before and owner.text() == owner_before
    editor.view.setCurrentIndex(editor.model.index(0, 1))
    assert form.editors["description"].toPlainText() == doc.proposal.risks[0].description


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_kpi_name_stays_pinned_and_the_chart_folds_on_a_laptop(make_sheet_editor, qtbot, language):
    editor = make_sheet_editor(KpiPlanner, size=(740, 430), language=language)
    _fill(editor, language)
    view, model = editor.view, editor.model
    assert editor.chart_placement() == "under" and not editor.chart.isVisible()
    view.setCurrentIndex(model.index(0, col(model, "measurement")))
    view.scrollTo(view.currentIndex())
    assert view.horizontalScrollBar().value() > 0
    assert view.pinned.isVisible() and view.pinned.width() >= view.columnWidth(col(model, "name"))
    assert editor.detail.editors["measurement"].toPlainText() == editor.document.proposal.kpis[0].measurement
    editor.chart_button.click()
    assert editor.chart.isVisible() and _top(editor.chart, editor) > _top(view, editor)


def test_a_count_kpi_without_unit_is_not_marked_missing(make_sheet_editor):
    import datetime as dt

    from editor.core.model import Kpi

    editor = make_sheet_editor(KpiPlanner, size=(1100, 500))
    doc = editor.document
    doc.set_kpis([Kpi(id="K1", name="Number of incidents per month", baseline=6, target=1, deadline=dt.date(2027, 6, 30)),
                  Kpi(id="K2", name="Deployment time", baseline=21, target=1, deadline=dt.date(2027, 6, 30))])
    unit = col(editor.model, "unit")
    assert editor.model.data(editor.model.index(0, unit), Qt.ItemDataRole.BackgroundRole) is None
    assert editor.model.data(editor.model.index(1, unit), Qt.ItemDataRole.BackgroundRole) is not None
    assert "no unit" in editor.model.data(editor.model.index(0, unit), Qt.ItemDataRole.ToolTipRole)


@pytest.mark.parametrize("size", [(1280, 800), (1366, 768)])
@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_risk_and_kpi_pages_fit_a_laptop_screen_with_the_review_dock_open(make_window, qtbot, size, language):
    window = make_window(example=True, language=language)
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    assert window.review_dock.isVisible()
    for sid, name in (("risks", "description"), ("kpis", "name")):
        window.show_section(sid)
        editor = window.page(sid).ensure_extra()
        qtbot.waitUntil(lambda e=editor: e.view.currentIndex().isValid())
        QApplication.processEvents()
        view, model = editor.view, editor.model
        assert (window.width(), window.height()) == size, sid
        assert editor.chart_placement() == "under" and not editor.chart.isVisible()
        # Every row is in view, the pinned name column is as wide as the table's, the form shows row 1.
        assert sum(view.rowHeight(r) for r in range(model.rowCount())) <= view.viewport().height(), sid
        assert view.pinned.isVisible() and view.pinned.columnWidth(col(model, name)) == view.columnWidth(col(model, name))
        assert editor.detail.isVisible() and editor.detail.heading.toolTip().startswith(model.item(0).id)
        assert editor.detail.geometry().bottom() <= editor.height()
