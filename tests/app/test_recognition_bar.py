"""A new student's file in the real window: lists written in the text move to the tables in one
click (one undo step), the title comes from section 1, counts read right in French."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.app.conftest import REFERENCE, type_text

STUDENT = REFERENCE / "debutant_fr.md"
TITLE = "Détection de fraude en continu : du notebook à un modèle déployé et surveillé"


def _bar(window, sid):
    window.show()
    page = window.page(sid)
    window.show_section(sid)
    page.recognition_bar.refresh()
    QApplication.processEvents()
    return page.recognition_bar


def test_objectives_written_as_a_list_move_to_the_table_in_one_undo_step(make_window, qtbot):
    window = make_window(file=STUDENT, language="fr")
    window.show()
    doc = window.document
    [finding] = [f for f in window.findings if f.rule == "objectives-count"]
    assert finding.message.startswith("2 objectifs sont écrits dans le texte")
    bar = _bar(window, "objectives")
    assert bar.isVisible()
    assert bar.message.text() == "2 objectifs sont écrits dans le texte, pas dans le tableau des objectifs ci-dessous."
    assert bar.button.text() == "Les déplacer dans le tableau des objectifs"
    steps = doc.undo_stack.count()

    qtbot.mouseClick(bar.button, Qt.MouseButton.LeftButton)
    assert [o.text for o in doc.proposal.objectives] == ["Réduire le temps de déploiement de 21 jours à 1 jour",
                                                         "Automatiser 90 % du pipeline de test et de déploiement"]
    assert doc.proposal.sections["objectives"] == "Nos objectifs MLOps sont les suivants :"
    page = window.page("objectives")
    assert page.editor.toPlainText() == "Nos objectifs MLOps sont les suivants :"
    assert page.extra.table.model.rowCount() == 2
    assert not bar.isVisible()
    assert doc.undo_stack.count() == steps + 1  # the text and the table changed in one step
    assert "objectifs" in window.act_undo.text()

    doc.undo_stack.undo()
    assert doc.proposal.objectives == [] and page.editor.toPlainText().endswith("de test et de déploiement.")
    bar.refresh()
    assert bar.isVisible()
    doc.undo_stack.redo()
    assert len(doc.proposal.objectives) == 2
    window.run_check()
    [finding] = [f for f in window.findings if f.rule == "objectives-count"]
    assert finding.message == "Il y a 2 objectifs ; le guide en demande 3 à 5."


def test_the_bar_follows_the_interface_language_live(make_window):
    from editor.app.main import install_ui_language

    window = make_window(file=STUDENT, language="fr")
    bar = _bar(window, "risks")
    assert bar.message.text().startswith("1 risque est écrit dans le texte")
    install_ui_language("en")
    QApplication.processEvents()
    assert bar.message.text() == "1 risk is written in the text, not in the risk table below."
    assert bar.button.text() == "Move it to the risk table"


@pytest.mark.parametrize(("sid", "part", "expected"), [
    ("risks", "risks", [("R1", "Résistance au changement de la part des équipes")]),
    ("kpis", "kpis", [("K1", "Temps de déploiement"), ("K2", "Mises à jour réussies par mois")]),
    ("resources", "data_sources", [(None, "Credit Card Fraud Detection")]),
])
def test_risks_kpis_and_data_sources_move_too(make_window, sid, part, expected):
    window = make_window(file=STUDENT, language="fr")
    doc = window.document
    _bar(window, sid).apply()
    items = getattr(doc.proposal, part)
    assert [(getattr(i, "id", None), getattr(i, "description", None) or i.name) for i in items] == expected
    window.run_check()
    assert not [f for f in window.findings if f.rule == "items-in-text" and f.section == sid]
    if sid == "kpis":
        # The count needs no unit; the deployment time has "jours"; nothing is incomplete.
        assert not [f for f in window.findings if f.rule in ("kpi-incomplete", "kpi-unit-missing")]
    if sid == "resources":
        assert doc.proposal.data_sources[0].licence == "ODbL"
        assert "https://github.com/exemple/fraude-mlops" in doc.proposal.sections["resources"]


def test_the_generic_heading_gives_way_to_section_one_s_title(make_window):
    window = make_window(file=STUDENT, language="fr")
    assert window.document.proposal.metadata.title == TITLE
    assert window.windowTitle().startswith("debutant_fr.md") and "Détection de fraude en continu" in window.windowTitle()
    window.show_section("title")
    fields = window.page("title").ensure_extra()
    assert fields.title_edit.text() == TITLE
    assert not _bar(window, "title").isVisible()  # nothing left to offer


def test_a_generic_title_is_offered_section_one_s_title_in_one_click(make_window):
    window = make_window(language="en")
    doc = window.document
    doc.set_title("MLOps Project Proposal")
    doc.set_section_text("title", "Churn model to production")
    bar = _bar(window, "title")
    assert bar.isVisible() and bar.button.text() == "Use “Churn model to production” as the title"
    bar.apply()
    assert doc.proposal.metadata.title == "Churn model to production"
    assert "Churn model to production" in window.windowTitle()
    assert not bar.isVisible()
    doc.undo_stack.undo()
    assert doc.proposal.metadata.title == "MLOps Project Proposal"


def test_typing_the_title_changes_section_one_s_title_line_with_it(make_window, qtbot):
    window = make_window(file=STUDENT, language="fr")
    window.show()
    doc = window.document
    window.show_section("title")
    fields = window.page("title").ensure_extra()
    assert fields.title_hint.isVisible() and "suit ce que vous saisissez" in fields.title_hint.text()
    field = fields.title_edit
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    field.end(False)
    steps = doc.undo_stack.count()
    type_text(field, " (v2)")
    assert doc.proposal.metadata.title == TITLE + " (v2)"
    assert doc.proposal.sections["title"] == TITLE + " (v2)"
    assert window.page("title").editor.toPlainText() == TITLE + " (v2)"
    assert doc.undo_stack.count() == steps + 1  # typed in one go: one step for both
    doc.undo_stack.undo()
    assert (doc.proposal.metadata.title, doc.proposal.sections["title"]) == (TITLE, TITLE)


def test_a_subtitle_in_section_one_stays_as_it_is_when_the_title_changes(make_window, qtbot):
    window = make_window(example=True, language="en")
    window.show()
    doc = window.document
    subtitle = doc.proposal.sections["title"]
    window.show_section("title")
    fields = window.page("title").ensure_extra()
    assert not fields.title_hint.isVisible()  # section 1 holds a subtitle: it does not follow the title
    field = fields.title_edit
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    field.selectAll()
    type_text(field, "ChurnOps")
    assert doc.proposal.metadata.title == "ChurnOps" and doc.proposal.sections["title"] == subtitle


def test_zero_reads_aucun_in_french(make_window):
    window = make_window(language="fr")
    window.show_section("objectives")
    page = window.page("objectives")
    page.update_count()
    assert "Aucun objectif pour l'instant (3-5 attendus)" in page.count_label.text()
    assert page.ensure_extra().hint.text().startswith("Aucun objectif pour l'instant ; le guide en attend 3 à 5.")
    window.show_section("conclusion")
    assert window.page("conclusion").count_label.text() == "Aucun mot"
    window.run_check()
    assert window.review.summary.text() == "Aucune des 10 sections n'est encore conforme au guide"


def test_only_the_sections_that_hold_tables_or_the_title_have_the_bar():
    from editor.app.widgets.recognition_bar import OFFERING_SECTIONS
    from editor.core.recognize import SECTION_PARTS

    assert set(OFFERING_SECTIONS) == {"title", *SECTION_PARTS}
