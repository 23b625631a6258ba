"""The main window driven as a student would: open a French proposal, type, undo, save, reopen."""

from __future__ import annotations

import shutil

import pytest

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from editor.core.io import open_proposal
from editor.core.model import SECTION_IDS
from tests.app.conftest import REFERENCE, press, type_text

FRENCH = REFERENCE / "etudiant_fr.md"


def test_opens_french_proposal_with_every_section(make_window, qtbot):
    window = make_window(file=FRENCH, language="fr")
    expected = open_proposal(FRENCH).proposal
    for sid in SECTION_IDS:
        page = window.page(sid)
        assert page.editor.toPlainText() == expected.sections[sid]
        assert page.tips.text().strip(), sid
    assert window.document.language == "fr"
    assert window.windowTitle().startswith("etudiant_fr.md")
    # Counts with the guide's target, review panel filled, status icons computed.
    assert window.page("summary").count_label.text().endswith("/ 150-200 mots")
    assert window.review.findings()
    assert window.statuses["conclusion"] == "ok"
    assert window.statuses["summary"] == "progress"  # too short for the guide
    assert "sur 10" in window.review.summary.text()
    # Focus is in the first section's editor.
    assert window.section_list.currentRow() == 0
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    window.focus_first_section()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.page("title").editor, timeout=2000)


def test_type_undo_save_reopen_gives_back_what_was_typed(make_window, qtbot, tmp_path):
    path = tmp_path / "proposition.md"
    shutil.copy(FRENCH, path)
    window = make_window(file=path, language="fr")
    window.show_section("conclusion")
    editor = window.page("conclusion").editor
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    typed = "\nÇa marche déjà : élèves, fenêtres, «guillemets», cœur — œuvre !"
    type_text(editor, typed)
    original = open_proposal(FRENCH).proposal.sections["conclusion"]
    assert window.document.proposal.sections["conclusion"] == original + typed
    assert window.document.is_dirty() and window.isWindowModified()

    # Undo the last word (merged typing), then redo it.
    window.act_undo.trigger()
    assert window.document.proposal.sections["conclusion"] == original + typed[: typed.rindex(" ") + 1]
    assert editor.toPlainText() == window.document.proposal.sections["conclusion"]
    press(editor, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)  # Ctrl+Y routed to the document's stack
    if window.document.proposal.sections["conclusion"] != original + typed:
        window.act_redo.trigger()
    assert editor.toPlainText() == original + typed

    # Undo with Ctrl+Z from inside the editor goes through the document.
    press(editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert editor.toPlainText() != original + typed
    window.act_redo.trigger()

    assert window.files.save()
    assert not window.document.is_dirty() and not window.isWindowModified()
    reopened = open_proposal(path).proposal
    assert reopened.sections["conclusion"] == original + typed

    # Reopening in a fresh window shows exactly the typed text.
    window.document.set_clean()
    window2 = make_window(file=path, language="fr")
    assert window2.page("conclusion").editor.toPlainText() == original + typed


def test_title_field_and_objectives_editor(make_window, qtbot, tmp_path):
    window = make_window(language="fr")
    window.show_section("title")
    page = window.page("title")
    fields = page.ensure_extra()
    fields.title_edit.setFocus()
    type_text(fields.title_edit, "Détection de fraude")
    assert window.document.proposal.metadata.title == "Détection de fraude"
    window.show_section("objectives")
    objectives = window.page("objectives").ensure_extra()
    for _ in range(3):
        objectives.table.add()
    model = objectives.model
    model.setData(model.index(0, 0), "Réduire le déploiement de 21 à 1 jour")
    model.setData(model.index(0, 1), "K1, K2")
    assert [o.kpi_ids for o in window.document.proposal.objectives][0] == ["K1", "K2"]
    objectives.table.view.setCurrentIndex(model.index(0, 0))
    objectives.table.down()
    assert window.document.proposal.objectives[1].text.startswith("Réduire")
    window.act_undo.trigger()
    assert window.document.proposal.objectives[0].text.startswith("Réduire")
    qtbot.waitUntil(lambda: "3 objectifs" in window.page("objectives").count_label.text(), timeout=2000)
    path = tmp_path / "t.md"
    assert window.files.save_to(path)
    reread = open_proposal(path).proposal
    assert reread.metadata.title == "Détection de fraude"
    assert len(reread.objectives) == 3


def test_objective_rows_grow_to_show_long_text_whole(make_window, qtbot):
    window = make_window(language="en")
    window.show()
    window.show_section("objectives")
    objectives = window.page("objectives").ensure_extra()
    objectives.table.add()
    objectives.table.add()
    model, view = objectives.model, objectives.table.view
    model.setData(model.index(0, 0), "Cut deployment time")
    long_text = " ".join(["Detect data drift within 24 hours with an automatic alert to the team on call"] * 3)
    model.setData(model.index(1, 0), long_text)
    qtbot.waitUntil(lambda: view.rowHeight(1) > view.rowHeight(0))
    one_line = view.rowHeight(0)
    assert one_line >= view.fontMetrics().height() + 14  # a short row keeps its padding
    # The long row is as tall as its text wrapped at the column's width, padding included.
    width = view.columnWidth(0) - 8
    wrapped = view.fontMetrics().boundingRect(0, 0, width, 10_000, Qt.TextFlag.TextWordWrap, long_text).height()
    assert view.rowHeight(1) >= wrapped + 8
    model.setData(model.index(1, 0), "Short again")
    qtbot.waitUntil(lambda: view.rowHeight(1) == one_line)


def test_resources_and_diagram(make_window, qtbot, tmp_path):
    window = make_window(language="en")
    window.show_section("resources")
    res = window.page("resources").ensure_extra()
    res.poc_edit.setFocus()
    type_text(res.poc_edit, "not a url")
    assert "Not a web address" in res.poc_status.text()
    res.poc_edit.clear()
    type_text(res.poc_edit, "https://github.com/me/poc")
    assert window.document.proposal.poc_url == "https://github.com/me/poc"
    assert res.poc_status.text() == "Valid repository address."
    res.sources.add()
    m = res.sources_model
    m.setData(m.index(0, 0), "Iris")
    m.setData(m.index(0, 2), "CC0-1.0")
    assert window.document.proposal.data_sources[0].licence == "CC0-1.0"

    window.show_section("architecture")
    diagram = window.page("architecture").ensure_extra().image
    bad = tmp_path / "bad.png"
    bad.write_bytes(b"not an image")
    assert not diagram.attach(bad)
    from editor.paths import resources_dir

    assert diagram.attach(resources_dir() / "examples" / "architecture.svg")
    assert diagram.thumbnail.pixmap() is not None and not diagram.thumbnail.pixmap().isNull()


def test_save_as_elsewhere_keeps_the_diagram(make_window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from editor.paths import resources_dir

    remarks = []
    monkeypatch.setattr(QMessageBox, "information", lambda *args: remarks.append(args[2]))
    first, second, third = (tmp_path / name for name in ("first", "second", "third"))
    for folder in (first, second, third):
        folder.mkdir()
    shutil.copy(resources_dir() / "examples" / "architecture.svg", first / "arch.svg")
    window = make_window(language="en")
    window.show_section("architecture")
    panel = window.page("architecture").ensure_extra().image
    assert panel.attach(first / "arch.svg")
    assert window.files.save_to(first / "p.md")
    assert "](arch.svg)" in (first / "p.md").read_text(encoding="utf-8")  # relative: the folder travels whole
    assert panel.path_label.full_text() == "arch.svg"

    # Reopened, then saved as Markdown in another folder: the picture is copied next to it.
    window2 = make_window(file=first / "p.md", language="en")
    assert window2.files.save_to(second / "p.md")
    assert "](arch.svg)" in (second / "p.md").read_text(encoding="utf-8")
    assert (second / "arch.svg").read_bytes() == (first / "arch.svg").read_bytes()
    assert window2.document.proposal.diagram.path == (second / "arch.svg").as_posix()
    # As DOCX in a third folder: the diagram is embedded, no remark about a missing picture.
    assert window2.files.save_to(third / "p.docx")
    assert remarks == []
    from docx import Document

    assert len(Document(str(third / "p.docx")).inline_shapes) == 1  # the diagram (no risks or KPIs: no charts)
    assert sorted(f.name for f in third.iterdir() if not f.name.startswith(".")) == ["p.docx"]  # no copy: embedded
    assert not window2.document.is_dirty()


def test_review_click_jumps_and_ctrl_pgdown_moves(make_window, qtbot):
    window = make_window(file=FRENCH, language="en")
    item = next(window.review.list.item(i) for i in range(window.review.list.count())
                if window.review.list.item(i).data(Qt.ItemDataRole.UserRole) == "summary")
    window.review.list.itemClicked.emit(item)
    assert window.current_section() == "summary"
    window.show()
    qtbot.waitExposed(window)
    editor = window.page("summary").editor
    editor.setFocus()
    window.act_next.trigger()
    assert window.current_section() == "context"
    window.act_prev.trigger()
    window.act_prev.trigger()
    assert window.current_section() == "title"


def test_status_icon_updates_after_typing(make_window, qtbot):
    window = make_window(language="en")
    assert window.statuses["conclusion"] == "empty"
    window.show_section("conclusion")
    type_text(window.page("conclusion").editor, "MLOps matters.")
    qtbot.waitUntil(lambda: window.statuses["conclusion"] == "ok", timeout=3000)
    qtbot.waitUntil(lambda: window.page("conclusion").count_label.text() == "2 words", timeout=2000)


def test_bad_file_shows_message_and_keeps_document(make_window, qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *a, **k: shown.append(a[2]))
    window = make_window(file=FRENCH, language="en")
    bad = tmp_path / "broken.docx"
    bad.write_bytes(b"\x00\x01 not a zip")
    assert not window.files.open_path(bad, ask=False)
    assert shown and "broken.docx" in shown[0]
    assert window.document.path == FRENCH


def test_unsaved_changes_question_cancel_keeps_window(make_window, qtbot, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    window = make_window(language="en")
    type_text(window.page("title").editor, "x")
    monkeypatch.setattr(QMessageBox, "exec", lambda self: QMessageBox.StandardButton.Cancel)
    assert not window.files.maybe_save()
    monkeypatch.setattr(QMessageBox, "exec", lambda self: QMessageBox.StandardButton.Discard)
    assert window.files.maybe_save()


def test_example_opens_untitled_and_meets_the_guide(make_window, qtbot):
    window = make_window(example=True, language="fr")
    assert window.document.path is None
    assert window.document.language == "fr"
    assert sum(s == "ok" for s in window.statuses.values()) == 10
    assert not [f for f in window.findings if f.severity == "error"]


def test_settings_persist_language_and_recent(make_window, qtbot, app_settings, tmp_path):
    path = tmp_path / "p.md"
    shutil.copy(FRENCH, path)
    window = make_window(file=path, language="en")
    window.act_lang_fr.trigger()
    assert app_settings.ui_language() == "fr"
    assert str(path.resolve()) in app_settings.recent_files()
    window.save_state()
    assert app_settings.bytes_value("window/geometry") is not None


def test_run_opens_the_example_and_returns_exit_code(qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QApplication

    from editor.app import main

    seen = {}

    def fake_exec():
        window = next(w for w in QApplication.topLevelWidgets() if w.objectName() == "MainWindow" and w.isVisible())
        seen["title"] = window.windowTitle()
        seen["ok"] = sum(s == "ok" for s in window.statuses.values())
        window.close()
        return 0

    monkeypatch.setattr(QApplication, "exec", staticmethod(fake_exec))
    assert main.run(["proposal-editor", "--example", "--lang", "fr", "--settings", str(tmp_path / "s.ini")]) == 0
    assert seen["ok"] == 10 and seen["title"].startswith("Sans titre")
    main.install_ui_language("en")


@pytest.mark.parametrize("language", ["fr", "en"])
def test_moving_between_sections_keeps_the_window_layout(make_window, qtbot, language):
    # A page wider than its room used to squeeze the section list and the docks (KPI page in French).
    window = make_window(example=True, language=language)
    window.show()
    qtbot.waitExposed(window)
    list_width, dock_width = window.section_list.width(), window.review_dock.width()
    for sid in SECTION_IDS:
        window.show_section(sid)
        QApplication.processEvents()
        assert (window.section_list.width(), window.review_dock.width()) == (list_width, dock_width), sid


@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_small_window_stays_its_size_on_every_page(make_window, qtbot, language):
    # The risk and KPI toolbars in French made a 900 px window grow to 921 and 1045 px.
    window = make_window(example=True, language=language)
    window.resize(900, 600)
    window.show()
    qtbot.waitExposed(window)
    list_width = window.section_list.width()
    for sid in SECTION_IDS:
        window.show_section(sid)
        QApplication.processEvents()
        assert (window.width(), window.height()) == (900, 600), sid
        assert window.section_list.width() == list_width, sid  # the risk matrix squeezed it to 171 px
    kpis = window.page("kpis").ensure_extra()
    # The toolbar wrapped instead: its buttons are all inside the page, "Chart:" beside its list.
    for button in (kpis.add_button, kpis.remove_button, kpis.suggest_button, kpis.milestones_button, kpis.mode):
        right = button.mapTo(kpis, button.rect().topRight()).x()
        assert right <= kpis.width(), button
    assert kpis.mode_label.mapTo(kpis, kpis.mode_label.rect().center()).y() == \
        kpis.mode.mapTo(kpis, kpis.mode.rect().center()).y()
    # The chart is laid out in its pane, not past its right edge.
    chart = kpis.chart
    assert chart.canvas.ci.boundingRect().width() <= chart.canvas.width()
