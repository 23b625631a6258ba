"""Live FR/EN switch: every visible string changes at once, without restart."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from editor.core.guide import section_title
from editor.core.model import SECTION_IDS
from tests.app.conftest import REFERENCE, type_text


def visible_strings(window) -> dict[str, str]:
    out = {f"section:{i}": window.section_list.item(i).text() for i in range(window.section_list.count())}
    out.update({f"menu:{a.text()}": a.text() for a in window.menuBar().actions()})
    out["save"] = window.act_save.text()
    out["review"] = window.review_dock.windowTitle()
    out["preview"] = window.preview_dock.windowTitle()
    out["review_summary"] = window.review.summary.text()
    out["tips"] = window.page("context").tips.text()
    out["tips_heading"] = window.page("context").tips.heading.text()
    out["count"] = window.page("summary").count_label.text()
    out["doc_lang_label"] = window.doc_lang_label.text()
    out["heading"] = window.page("kpis").heading.text()
    out["finding"] = window.review.list.item(0).text()
    out["status"] = window.statusBar().currentMessage()  # "Opened …", still shown
    out["undo"] = window.act_undo.text()  # "&Undo Typing in 3. MLOps Context…": the step's name too
    return out


def test_toggle_changes_every_visible_string(make_window, qtbot):
    window = make_window(file=REFERENCE / "etudiant_fr.md", language="en")
    for sid in ("title", "objectives", "architecture", "resources"):
        window.show_section(sid)  # build the structured editors too
    type_text(window.page("context").editor, "x")
    english = visible_strings(window)
    assert english["section:0"] == section_title("title", "en")
    assert english["status"] == "Opened etudiant_fr.md"
    assert english["undo"] == "&Undo Typing in " + section_title("context", "en")
    assert "&File" in [a.text() for a in window.menuBar().actions()]

    window.act_lang_fr.trigger()
    french = visible_strings(window)
    for key in ("section:0", "save", "review", "preview", "review_summary", "tips", "tips_heading", "count",
                "doc_lang_label", "heading", "finding", "status", "undo"):
        assert french[key] != english[key], key
    assert [window.section_list.item(i).text() for i in range(10)] == [section_title(s, "fr") for s in SECTION_IDS]
    assert "&Fichier" in [a.text() for a in window.menuBar().actions()]
    assert window.page("resources").extra.sources.title.text() == "Sources de données"
    assert window.page("objectives").extra.model.headerData(0, Qt.Orientation.Horizontal) == "Objectif"
    assert window.act_lang_fr.isChecked()
    # The document language is a document property: the UI switch leaves it alone.
    assert window.document.language == "fr"

    window.act_toggle_lang.trigger()
    assert visible_strings(window) == english


def test_qt_dialog_buttons_are_translated(make_window, qtbot):
    window = make_window(language="fr")
    box = QMessageBox(QMessageBox.Icon.Warning, "t", "x",
                      QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                      window)
    assert box.button(QMessageBox.StandardButton.Cancel).text().replace("&", "") == "Annuler"
    assert box.button(QMessageBox.StandardButton.Save).text().replace("&", "") == "Enregistrer"
    window.act_lang_en.trigger()
    box2 = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    assert box2.button(QDialogButtonBox.StandardButton.Cancel).text().replace("&", "") == "Cancel"


def test_document_language_is_shown_and_changeable(make_window, qtbot):
    window = make_window(language="en")
    assert window.document.language == "en"  # a new document takes the UI language
    window.doc_lang_combo.setCurrentIndex(window.doc_lang_combo.findData("fr"))
    window.doc_lang_combo.activated.emit(window.doc_lang_combo.currentIndex())
    assert window.document.language == "fr" and window.act_doc_fr.isChecked()
    window.act_undo.trigger()
    assert window.document.language == "en"
    assert window.doc_lang_combo.currentData() == "en"
