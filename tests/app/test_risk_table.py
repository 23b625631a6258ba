"""The risk table as a student uses it: presets, typing, pasting from a spreadsheet, undo, sort, matrix."""

import pytest
from PySide6.QtCore import QEvent, QModelIndex, Qt
from PySide6.QtGui import QGuiApplication, QKeyEvent

from editor.app.document import ProposalDocument
from editor.app.widgets.risk_table import RiskEditor, RiskTableModel
from editor.core.model import Proposal, Risk
from tests.app.conftest import col

CALC_ROWS = (
    'Model too slow in production\tTechnical\t2\t3\t"Profile and\nquantise the model"\tAnna\tOpen\r\n'
    "GPU quota refused\tCost\t4\t2\tAsk for quota early\tBob\tOpen\r\n"
    "Labels are wrong\tData\t3\t4\t\t\t\r\n"
)


@pytest.fixture
def editor(make_sheet_editor):
    return make_sheet_editor(RiskEditor, size=(1300, 600))


def type_text(widget, text):
    for ch in text:
        QGuiApplication.sendEvent(widget, QKeyEvent(QEvent.Type.KeyPress, 0, Qt.KeyboardModifier.NoModifier, ch))


def test_fill_from_presets_by_hand_paste_undo_sort_and_matrix(editor, qtbot):
    doc, model, view = editor.document, editor.model, editor.view
    for key in ("resistance_to_change", "data_drift", "secret_leak", "vendor_lock_in"):
        editor.add_preset(key)
    assert [r.id for r in doc.proposal.risks] == ["R1", "R2", "R3", "R4"]
    assert doc.proposal.risks[0].description == "Resistance to change from teams"
    assert doc.proposal.risks[0].mitigation.startswith("Training plan")

    # By hand: add a row, type a description with an accent, set likelihood/impact.
    editor.add_blank_row()
    row = model.rowCount() - 1
    view.setCurrentIndex(model.index(row, col(model, "description")))
    view.setFocus()
    type_text(view.focusWidget() or view, "D")
    editor_widget = QGuiApplication.focusObject()
    type_text(editor_widget, "épendance à Kafka")
    qtbot.keyClick(editor_widget, Qt.Key.Key_Tab)
    assert doc.proposal.risks[row].description == "Dépendance à Kafka"
    assert model.setData(model.index(row, col(model, "likelihood")), 4)
    assert model.setData(model.index(row, col(model, "impact")), "5")
    assert doc.proposal.risks[row].score == 20
    assert model.data(model.index(row, col(model, "mitigation"))).startswith("⚠")

    # Paste three rows copied from LibreOffice Calc (CRLF, a quoted multi-line cell).
    steps = doc.undo_stack.count()
    view.setCurrentIndex(model.index(row, 0))
    view.selectRow(row)
    QGuiApplication.clipboard().setText(CALC_ROWS)
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert model.rowCount() == 8
    assert doc.undo_stack.count() == steps + 1  # one paste, one undo step
    pasted = doc.proposal.risks[5:]
    assert [r.description for r in pasted] == ["Model too slow in production", "GPU quota refused", "Labels are wrong"]
    assert pasted[0].mitigation == "Profile and\nquantise the model"
    assert (pasted[1].category, pasted[1].likelihood, pasted[1].impact, pasted[1].owner) == ("cost", 4, 2, "Bob")
    assert [r.id for r in pasted] == ["R6", "R7", "R8"]
    assert editor.matrix.cell_risks(4, 2)[0].id == "R7"

    # Undo removes the pasted rows, redo brings them back; the matrix follows.
    doc.undo_stack.undo()
    assert model.rowCount() == 5 and editor.matrix.cell_risks(4, 2) == []
    doc.undo_stack.redo()
    assert model.rowCount() == 8

    # Sort by score (header click), descending on the second click; undo restores the order.
    before = [r.id for r in doc.proposal.risks]
    view.horizontalHeader().sectionClicked.emit(col(model, "score"))
    view.horizontalHeader().sectionClicked.emit(col(model, "score"))
    scores = [r.score for r in doc.proposal.risks]
    assert scores == sorted(scores, reverse=True)
    assert doc.proposal.risks[0].id == "R5"
    doc.undo_stack.undo()
    doc.undo_stack.undo()
    assert [r.id for r in doc.proposal.risks] == before
    assert "without mitigation" in editor.summary.text()


def test_enter_moves_down_and_adds_a_row_on_the_last_one(editor, qtbot):
    model, view = editor.model, editor.view
    editor.add_blank_row()
    view.setCurrentIndex(model.index(0, col(model, "owner")))
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert model.rowCount() == 2
    assert view.currentIndex().row() == 1
    # Typing in a one-line cell then Enter commits and goes down (adding a row again).
    view.setCurrentIndex(model.index(1, col(model, "owner")))
    type_text(view, "Z")  # the first key opens the cell editor, as in a spreadsheet
    type_text(QGuiApplication.focusObject(), "oé")
    qtbot.keyClick(QGuiApplication.focusObject(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: editor.document.proposal.risks[1].owner == "Zoé")  # Qt commits queued
    assert model.rowCount() == 3 and view.currentIndex().row() == 2


def test_multiline_cell_shift_enter_is_a_new_line(editor, qtbot):
    model, view = editor.model, editor.view
    editor.add_blank_row()
    index = model.index(0, col(model, "mitigation"))
    view.setCurrentIndex(index)
    view.edit(index)
    box = QGuiApplication.focusObject()
    type_text(box, "Train")
    qtbot.keyClick(box, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    type_text(box, "Demo")
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert editor.document.proposal.risks[0].mitigation == "Train\nDemo"


def test_delete_clears_copy_gives_tsv_and_bad_level_is_refused(editor, qtbot):
    doc, model, view = editor.document, editor.model, editor.view
    editor.add_preset("data_drift")
    view.setCurrentIndex(model.index(0, col(model, "description")))
    view.selectRow(0)
    qtbot.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    copied = QGuiApplication.clipboard().text()
    assert copied.startswith("R1\tData drift") and "\tData\t4\t4\t16\t" in copied
    view.clearSelection()
    view.setCurrentIndex(model.index(0, col(model, "mitigation")))
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert doc.proposal.risks[0].mitigation == ""
    assert doc.proposal.risks[0].description.startswith("Data drift")
    messages = []
    model.message.connect(messages.append)
    assert not model.setData(model.index(0, col(model, "likelihood")), "7")
    assert doc.proposal.risks[0].likelihood == 4 and messages
    doc.undo_stack.undo()
    assert doc.proposal.risks[0].mitigation.startswith("Monitor")


def test_drag_reorder_is_one_undo_step(editor):
    doc, model = editor.document, editor.model
    for key in ("resistance_to_change", "data_drift", "secret_leak"):
        editor.add_preset(key)
    data = model.mimeData([model.index(2, 1)])
    # The model moves the rows itself and returns False so the view removes nothing.
    assert model.dropMimeData(data, Qt.DropAction.MoveAction, 0, 0, QModelIndex()) is False
    assert [r.id for r in doc.proposal.risks] == ["R3", "R1", "R2"]
    doc.undo_stack.undo()
    assert [r.id for r in doc.proposal.risks] == ["R1", "R2", "R3"]


def test_matrix_click_selects_the_row(editor):
    for key in ("resistance_to_change", "data_drift"):
        editor.add_preset(key)
    editor.matrix.riskClicked.emit("R2")
    assert editor.view.currentIndex().row() == 1
    editor.view.setCurrentIndex(editor.model.index(0, 1))
    assert editor.matrix._selected == "R1"


def test_model_follows_external_changes(qtbot):
    doc = ProposalDocument(Proposal.new("en"))
    model = RiskTableModel(doc)
    doc.set_risks([Risk(id="R1", description="a", likelihood=5, impact=5)])
    assert model.rowCount() == 1
    assert model.data(model.index(0, 5)) == "25"
    doc.replace_proposal(Proposal.new("en"))
    assert model.rowCount() == 0


def test_french_labels(make_sheet_editor):
    widget = make_sheet_editor(RiskEditor, language="fr")
    widget.add_preset("data_drift")
    assert widget.model.headerData(3, Qt.Orientation.Horizontal) == "Probabilité"
    assert widget.model.data(widget.model.index(0, 2)) == "Données"
    assert widget.document.proposal.risks[0].description.startswith("Dérive des données")
    assert widget.suggest_button.text() == "Suggérer des risques"
    assert widget.matrix.title_text.startswith("Matrice des risques")


def test_markdown_round_trip_keeps_every_value(editor, tmp_path):
    from editor.core.formats import markdown
    for key in ("resistance_to_change", "data_drift"):
        editor.add_preset(key)
    editor.model.paste_text(CALC_ROWS, -1, 0)
    path = tmp_path / "p.md"
    markdown.save_markdown(editor.document.proposal, path)
    again = markdown.load_markdown(path).proposal
    assert [r.model_dump() for r in again.risks] == [r.model_dump() for r in editor.document.proposal.risks]
