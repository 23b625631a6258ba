"""File > Review a class folder…: progress while reviewing, a sortable table, export, feedback,
and a submission opened read-only that nothing can change or save."""

from __future__ import annotations

import hashlib

import pytest

from PySide6.QtCore import Qt

from editor.core.model import Risk
from tests.core.review.conftest import build_class


@pytest.fixture(scope="module")
def class_folder(tmp_path_factory):
    return build_class(tmp_path_factory.mktemp("app-review"))


@pytest.fixture
def review_window(make_window, qtbot, class_folder, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    window = make_window()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(class_folder))
    window.act_review_class.trigger()  # asks for the folder (answered above) and starts
    dialog = window.class_review
    qtbot.waitUntil(lambda: not dialog.is_running() and dialog.report is not None, timeout=60000)
    yield dialog
    dialog.close()


def _column(dialog, column_id):
    return dialog.model.column_ids().index(column_id)


def test_the_menu_reviews_the_folder_with_progress(review_window, class_folder):
    dialog = review_window
    assert dialog.proxy.rowCount() == 8  # one row per submission, unreadable ones included
    assert dialog.progress.maximum() == 8 and dialog.progress.value() == 8 and not dialog.progress.isVisible()
    assert "8 submission(s): 5 reviewed, 1 empty, 2 unreadable" == dialog.status_label.text()
    names = [dialog.row_at(r).name for r in range(8)]
    assert names == sorted(names, key=str.casefold)
    assert dialog.export_button.isEnabled() and dialog.feedback_button.isEnabled()


def test_sorting_by_score_puts_numbers_in_order_and_empty_cells_last(review_window):
    dialog = review_window
    dialog.table.sortByColumn(_column(dialog, "score"), Qt.SortOrder.DescendingOrder)
    scores = [dialog.report.score(dialog.row_at(r)) for r in range(dialog.proxy.rowCount())]
    known = [s for s in scores if s is not None]
    assert known == sorted(known, reverse=True) and scores[: len(known)] == known and known[0] == 100
    section = _column(dialog, "section:risks")
    dialog.table.sortByColumn(section, Qt.SortOrder.DescendingOrder)
    assert dialog.row_at(0).section_statuses["risks"] == "ok"
    index = dialog.proxy.index(0, section)
    assert index.data(Qt.ItemDataRole.DecorationRole) is not None and "Meets the guide" in index.data(
        Qt.ItemDataRole.ToolTipRole)


def test_the_table_and_the_details_switch_language_live(review_window):
    from editor.app.main import install_ui_language

    dialog = review_window
    dialog.table.selectRow(0)
    install_ui_language("fr")
    try:
        assert dialog.model.headerData(0, Qt.Orientation.Horizontal) == "Fichier"
        assert dialog.windowTitle() == "Examiner le dossier d'une classe"
        assert dialog.status_label.text().startswith("8 rendu(s)")
    finally:
        install_ui_language("en")
    assert dialog.model.headerData(0, Qt.Orientation.Horizontal) == "File"


def test_export_and_feedback_from_the_window(review_window, tmp_path, qtbot):
    dialog = review_window
    for kind, name in ((",", "r.csv"), (";", "r2.csv"), ("xlsx", "r.xlsx"), ("html", "r.html")):
        assert dialog.export_to(tmp_path / name, kind)
        assert (tmp_path / name).stat().st_size > 1000
    assert (tmp_path / "r2.csv").read_bytes()[3:].decode("utf-8").splitlines()[0].count(";") > 20
    dialog.write_feedback(tmp_path / "feedback", "Ada")
    assert dialog.is_running() or dialog.feedback_results
    qtbot.waitUntil(lambda: not dialog.is_running(), timeout=60000)
    assert sum(r.written for r in dialog.feedback_results) == 4
    assert (tmp_path / "feedback" / "dave_en.feedback.docx").is_file()


def test_a_submission_opens_read_only_and_cannot_be_changed_or_saved(review_window, class_folder, qtbot):
    dialog = review_window
    target = class_folder / "dave_en.docx"
    before = hashlib.sha256(target.read_bytes()).hexdigest()
    row = next(r for r in range(dialog.proxy.rowCount()) if dialog.row_at(r).name == "dave_en.docx")
    dialog.table.doubleClicked.emit(dialog.proxy.index(row, 0))
    window = dialog.opened[-1]
    qtbot.waitExposed(window)
    assert "(read-only)" in window.windowTitle()
    assert not window.act_save.isVisible() and not window.act_save_as.isVisible() and not window.act_open.isVisible()
    assert not window.act_restore_backup.isVisible()
    risks = list(window.document.proposal.risks)
    window.document.set_part("risks", [*risks, Risk(id="R9", description="Edited")])
    window.document.set_section_text("summary", "changed")
    assert window.document.proposal.risks == risks and window.document.proposal.sections["summary"] != "changed"
    assert not window.document.is_dirty()
    assert window.page("summary").editor.isReadOnly()
    assert window.files.save() is False and window.files.save_to(target) is False
    assert hashlib.sha256(target.read_bytes()).hexdigest() == before
    assert not list(class_folder.glob(".dave_en.docx.*"))  # no temporary file either
    window.close()


def test_an_unreadable_submission_says_why_when_opened(review_window, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    dialog = review_window
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: shown.append(text))
    broken = next(dialog.row_at(r) for r in range(dialog.proxy.rowCount()) if dialog.row_at(r).name == "broken.docx")
    assert dialog.open_row(broken) is None and "zip" in shown[0]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_screenshots_in_both_languages(make_window, qtbot, class_folder, lang, screenshot, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    window = make_window(language=lang)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(class_folder))
    window.show_class_review()
    dialog = window.class_review
    qtbot.waitUntil(lambda: not dialog.is_running() and dialog.report is not None, timeout=60000)
    dialog.table.selectRow(3)
    screenshot(dialog, f"{lang}-class-review.png")
    submission = dialog.open_row(dialog.row_at(3))
    screenshot(submission, f"{lang}-submission-read-only.png")
    assert ("lecture seule" if lang == "fr" else "read-only") in submission.windowTitle()
    submission.close()
    dialog.close()


def test_cancel_stops_the_review_and_keeps_the_window_usable(make_window, qtbot, tmp_path):
    from editor.app.class_review import ClassReviewWindow
    from tests.core.review.conftest import build_class

    big = tmp_path / "big"
    folder = build_class(tmp_path)
    for n in range(40):  # enough files that Cancel lands before the end
        (big / f"s{n:02d}").mkdir(parents=True)
        (big / f"s{n:02d}" / "p.md").write_bytes((folder / "erin.md").read_bytes())
    window = make_window()
    dialog = ClassReviewWindow(window.settings)
    qtbot.addWidget(dialog)
    dialog.start(big)
    assert dialog.is_running() and not dialog.cancel_button.isHidden() and not dialog.review_button.isEnabled()
    dialog.cancel()
    qtbot.waitUntil(lambda: not dialog.is_running(), timeout=60000)
    assert dialog.report is not None and len(dialog.report.rows) < 40
    assert dialog.progress.isHidden() and dialog.review_button.isEnabled()
    dialog.start(big)
    qtbot.waitUntil(lambda: not dialog.is_running(), timeout=60000)
    assert len(dialog.report.rows) == 40
