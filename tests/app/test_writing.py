"""The writing surface as a student uses it: colours, spelling, formatting, lists, find, jumps."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QKeySequence, QPalette, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QApplication, QMenu

from editor.core.model import Risk
from tests.app.conftest import press, type_text


@pytest.fixture
def window(make_window, qtbot):
    from editor.app.spell_service import spell_service

    assert spell_service().wait("fr") and spell_service().wait("en")
    w = make_window(example=True, language="fr")
    w.show()
    qtbot.waitExposed(w)
    return w


def editor_of(window, sid):
    window.show_section(sid)
    editor = window.page(sid).editor
    editor.setFocus()
    return editor


def set_text(editor, text, start=None, end=None):
    editor.selectAll()
    type_text(editor, text) if text else editor.textCursor().removeSelectedText()
    cursor = editor.textCursor()
    if start is not None:
        cursor.setPosition(start)
        cursor.setPosition(end if end is not None else start, QTextCursor.MoveMode.KeepAnchor)
        editor.setTextCursor(cursor)


def char_format(editor, position):
    block = editor.document().findBlock(position)
    ranges = block.layout().formats()
    for fmt_range in ranges:
        if fmt_range.start <= position - block.position() < fmt_range.start + fmt_range.length:
            return QTextCharFormat(fmt_range.format)
    return None


def test_markdown_is_coloured_and_misspellings_wavy_the_text_unchanged(window, qtbot):
    editor = editor_of(window, "context")
    text = "### Enjeux\n\nLe modéle est **déployé** avec `dvc repro`.\n<!-- à compléter -->"
    set_text(editor, text)
    qtbot.waitUntil(lambda: char_format(editor, text.index("Enjeux")) is not None, timeout=3000)
    assert editor.toPlainText() == text == window.document.proposal.sections["context"]
    line = editor.document().findBlock(text.index("modéle"))
    assert editor.spelling_errors(line) == [(3, 9, "modéle")]
    assert red_pixels(editor) > 10  # the wavy line is painted
    assert char_format(editor, text.index("Enjeux")).fontWeight() == QFont.Weight.Bold
    assert char_format(editor, text.index("déployé")).fontWeight() == QFont.Weight.Bold
    assert char_format(editor, text.index("dvc")).fontFamilies()
    dim = char_format(editor, text.index("<!--")).foreground().color()
    assert dim != editor.palette().color(QPalette.ColorRole.Text)
    assert [editor.spelling_errors(b) for b in _blocks(editor) if b != line] == [[]] * 3  # the rest is right
    set_text(editor, text.replace("modéle", "modèle"))
    assert red_pixels(editor) == 0


def _blocks(editor):
    block = editor.document().begin()
    while block.isValid():
        yield block
        block = block.next()


def red_pixels(editor) -> int:
    """Pixels of the spelling red in what the editor shows."""
    image = editor.viewport().grab().toImage()
    count = 0
    for y in range(0, image.height()):
        for x in range(0, image.width(), 1):
            c = image.pixelColor(x, y)
            if c.red() > 180 and c.green() < 120 and c.blue() < 120:
                count += 1
    return count


def test_colours_follow_a_dark_palette(window):
    editor = editor_of(window, "context")
    set_text(editor, "Voir <!-- note -->")
    QApplication.processEvents()  # a highlighter just attached colours the text in the next turn
    light = char_format(editor, 6).foreground().color().lightness()
    dark = QPalette(editor.palette())
    dark.setColor(QPalette.ColorRole.Base, QColor("#1e1e1e"))
    dark.setColor(QPalette.ColorRole.Text, QColor("#e6e6e6"))
    editor.setPalette(dark)
    QApplication.processEvents()
    dimmed = char_format(editor, 6).foreground().color().lightness()
    assert dimmed != light and 0x1E < dimmed < 0xE6  # between the dark base and the light text


def test_bold_toggles_and_is_one_named_undo_step(window):
    editor = editor_of(window, "conclusion")
    set_text(editor, "Un projet solide.", 3, 9)
    stack = window.document.undo_stack
    steps = stack.count()
    window.format.actions["bold"].trigger()
    assert editor.toPlainText() == "Un **projet** solide."
    assert editor.textCursor().selectedText() == "projet"
    assert stack.count() == steps + 1 and stack.undoText() == "Gras"
    assert window.format.actions["bold"].shortcut() == QKeySequence("Ctrl+B")
    window.format.actions["bold"].trigger()  # again: it unwraps
    assert window.document.proposal.sections["conclusion"] == "Un projet solide."
    stack.undo()
    assert window.document.proposal.sections["conclusion"] == "Un **projet** solide."
    for command in ("italic", "strike", "code", "bullet", "numbered", "quote", "heading"):
        assert window.format.actions[command].isEnabled()


def test_format_actions_need_a_text_box_with_the_focus(window, qtbot):
    window.section_list.setFocus()
    qtbot.waitUntil(lambda: not window.format.actions["bold"].isEnabled(), timeout=2000)
    editor_of(window, "summary")
    qtbot.waitUntil(lambda: window.format.actions["bold"].isEnabled(), timeout=2000)
    assert window.format.actions["bold"].text() == "&Gras"


def test_lists_continue_end_and_nest_with_enter_and_tab(window):
    editor = editor_of(window, "catalog")
    set_text(editor, "")
    type_text(editor, "Étapes :\n1. Données\nModèle\n")
    assert editor.toPlainText() == "Étapes :\n1. Données\n2. Modèle\n3. "
    press(editor, Qt.Key.Key_Return)  # on the empty item: the list ends
    assert editor.toPlainText() == "Étapes :\n1. Données\n2. Modèle\n"
    type_text(editor, "- [ ] tester\n")
    assert editor.toPlainText().endswith("- [ ] tester\n- [ ] ")
    type_text(editor, "publier")
    press(editor, Qt.Key.Key_Tab)
    assert editor.toPlainText().endswith("- [ ] tester\n  - [ ] publier")
    assert editor.hasFocus()
    press(editor, Qt.Key.Key_Backtab)
    assert editor.toPlainText().endswith("- [ ] tester\n- [ ] publier")


def test_link_dialog_inserts_a_safe_link(window, monkeypatch):
    from editor.app.link_dialog import LinkDialog

    editor = editor_of(window, "resources")
    set_text(editor, "Voir la doc.", 5, 11)

    def fill(dialog):
        assert dialog.text_edit.text() == "la doc"
        dialog.url_edit.setText("javascript:alert(1)")
        assert not dialog.buttons.button(dialog.buttons.StandardButton.Ok).isEnabled()
        dialog.url_edit.setText("https://dvc.org/doc")
        return LinkDialog.DialogCode.Accepted

    monkeypatch.setattr(LinkDialog, "exec", fill)
    window.format.actions["link"].trigger()
    assert window.document.proposal.sections["resources"] == "Voir [la doc](https://dvc.org/doc)."


def test_context_menu_suggests_adds_and_ignores(window, tmp_path):
    from editor.core import spelling

    editor = editor_of(window, "conclusion")
    set_text(editor, "Un modéle et un Zorglubix.")
    hit = editor.misspelled_at_cursor(_cursor_at(editor, 5))
    assert hit == (3, 9, "modéle")
    menu = QMenu(editor)
    editor._add_spelling_actions(menu, *hit)
    texts = [a.text() for a in menu.actions()]
    assert texts[0] == "modèle" and "Ajouter « modéle » au dictionnaire" in texts
    menu.actions()[0].trigger()
    assert window.document.proposal.sections["conclusion"] == "Un modèle et un Zorglubix."
    start = editor.toPlainText().index("Zorglubix")
    word = editor.misspelled_at_cursor(_cursor_at(editor, start + 2))
    assert word[2] == "Zorglubix"
    editor.add_to_dictionary("Zorglubix")
    assert "Zorglubix" in spelling.personal_words_path().read_text(encoding="utf-8")
    assert editor.misspelled_at_cursor(_cursor_at(editor, start + 2)) is None
    set_text(editor, "Un Benalix ici.")
    window.document.ignore_word("Benalix")
    assert window.document.proposal.metadata.extra["spellcheck_ignore"] == ["Benalix"]
    assert editor.misspelled_at_cursor(_cursor_at(editor, 5)) is None
    window.document.undo_stack.undo()
    assert editor.misspelled_at_cursor(_cursor_at(editor, 5)) is not None


def _cursor_at(editor, position):
    cursor = QTextCursor(editor.document())
    cursor.setPosition(position)
    return cursor


def test_spelling_language_is_a_document_setting(window):
    editor = editor_of(window, "conclusion")
    set_text(editor, "The model is deployed.")
    assert editor.misspelled_at_cursor(_cursor_at(editor, 5)) is not None  # English in a French proposal
    combo = window.format.spell_combo
    combo.setCurrentIndex(combo.findData("en"))
    combo.activated.emit(combo.currentIndex())
    assert window.document.proposal.metadata.extra["spellcheck_language"] == "en"
    assert window.format.act_spell_en.isChecked()
    assert editor.misspelled_at_cursor(_cursor_at(editor, 5)) is None
    window.format.act_spelling.setChecked(False)  # spelling off: no underline at all
    set_text(editor, "Le modéle.")
    assert editor.misspelled_at_cursor(_cursor_at(editor, 4)) is None
    window.format.act_spelling.setChecked(True)


def test_spell_checking_off_takes_the_spelling_findings_away_and_loads_no_dictionary(window, qtbot, monkeypatch):
    from editor.core import spelling

    editor = editor_of(window, "conclusion")
    set_text(editor, "Le modéle est déployé par l'équippe.")
    window.run_check()

    def spelling_words():
        return [f.message for f in window.review.findings() if f.rule == "spelling" and f.section == "conclusion"]

    assert spelling_words() and "équippe" in spelling_words()[0]
    monkeypatch.setattr(spelling, "_checkers", {})  # as if none were loaded: switching off must not load one
    window.format.act_spelling.setChecked(False)
    assert spelling_words() == [] and spelling._checkers == {}
    window.run_check()  # a later check too (typing runs one)
    assert spelling_words() == [] and spelling._checkers == {}
    window.format.act_spelling.setChecked(True)  # loaded in the background, then checked again
    qtbot.waitUntil(lambda: bool(spelling_words()), timeout=5000)
    assert "équippe" in spelling_words()[0]


def test_find_bar_counts_goes_through_sections_and_replaces_all_in_one_step(window, qtbot):
    doc = window.document
    doc.set_risks([*doc.proposal.risks, Risk(id="R9", description="Dérive", mitigation="Alerte MLflow")])
    window.show_section("title")
    window.act_replace.trigger()
    bar = window.find_bar
    assert bar.isVisible() and bar.replace_edit.isVisible()
    bar.find_edit.setText("MLflow")
    total = len(bar.matches)
    assert total >= 5 and bar.count_label.text() == f"1 sur {total}"
    first = bar.matches[0]
    assert window.current_section() == first.section
    if first.location.kind == "text":
        editor = window.page(first.section).editor
        assert editor.textCursor().selectedText() == "MLflow"
    sections = []
    for _ in range(total):
        bar.next()
        sections.append(window.current_section())
    assert "risks" in sections and bar.count_label.text() == f"1 sur {total}"
    risk_match = next(i for i, m in enumerate(bar.matches) if m.location.item == "R9")
    bar.current = risk_match - 1
    bar.next()
    view = window.page("risks").extra.view
    assert view.currentIndex().row() == view.model().row_of("R9")
    assert view.model().columns[view.currentIndex().column()] == "mitigation"
    steps = doc.undo_stack.count()
    bar.replace_edit.setText("Weights & Biases")
    assert bar.replace_all() == total
    assert doc.undo_stack.count() == steps + 1
    assert "MLflow" not in repr(doc.proposal.model_dump()).replace("mlflow", "")
    assert bar.count_label.text() == "Aucune occurrence"
    doc.undo_stack.undo()
    assert doc.proposal.risks[-1].mitigation == "Alerte MLflow"
    press(bar.find_edit, Qt.Key.Key_Escape)
    assert not bar.isVisible()


def test_a_click_on_a_finding_goes_to_its_row_or_words(window, qtbot):
    doc = window.document
    doc.set_risks([*doc.proposal.risks, Risk(id="R7", description="Panne")])
    doc.set_section_text("conclusion", "Une conclusion avec un mot mal écrit : projett.")
    window.run_check()
    review = window.review
    by_rule = {}
    for row in range(review.list.count()):
        item = review.list.item(row)
        finding = item.data(Qt.ItemDataRole.UserRole + 1)
        by_rule.setdefault((finding.rule, finding.section), item)
    review.list.itemClicked.emit(by_rule[("risk-missing-mitigation", "risks")])
    view = window.page("risks").extra.view
    assert window.current_section() == "risks"
    assert view.model().item(view.currentIndex().row()).id == "R7"
    assert view.model().columns[view.currentIndex().column()] == "mitigation"
    review.list.itemClicked.emit(by_rule[("spelling", "conclusion")])
    editor = window.page("conclusion").editor
    assert window.current_section() == "conclusion" and editor.textCursor().selectedText() == "projett"
    qtbot.waitUntil(editor.hasFocus, timeout=2000)


def test_table_cells_are_edited_with_spelling(window, qtbot):
    from editor.app.widgets.writing import WritingSurface

    window.show_section("risks")
    view = window.page("risks").extra.view
    model = view.model()
    index = model.index(0, model.columns.index("mitigation"))
    view.setCurrentIndex(index)
    view.edit(index)
    cell = view.indexWidget(index)
    assert isinstance(cell, WritingSurface) and cell.highlighter is not None
    qtbot.waitUntil(lambda: cell.spell is not None, timeout=3000)
    cell.setPlainText("Un plann de formation")
    assert cell.misspelled_at_cursor(_cursor_at(cell, 4))[2] == "plann"
    window.show_section("objectives")
    objectives = window.page("objectives").extra.table.view
    objectives.edit(objectives.model().index(0, 0))
    assert isinstance(objectives.indexWidget(objectives.model().index(0, 0)), WritingSurface)


STARTUP = r"""
import json, sys, tempfile, threading
from editor.app.main import ensure_application, create_window
from editor.app.settings import AppSettings
app = ensure_application()
window = create_window(AppSettings(tempfile.mkdtemp() + "/s.ini"), example=True, language="fr", defer_until_painted=True)
editor = window.page("title").editor
before = {"spelling": "editor.core.spelling" in sys.modules, "threads": [t.name for t in threading.enumerate()],
          "highlighter": editor.highlighter is not None}
window.show()
from PySide6.QtCore import QElapsedTimer
timer = QElapsedTimer(); timer.start()
while (editor.highlighter is None or editor.spell is None) and timer.elapsed() < 20000:
    app.processEvents()
after = {"loaded": editor.highlighter is not None and editor.spell is not None}
window.document.set_clean()
print(json.dumps({"before": before, "after": after}))
"""


def test_dictionaries_load_after_the_first_paint_in_the_background():
    import json
    import os
    import subprocess
    import sys

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run([sys.executable, "-c", STARTUP], capture_output=True, text=True, env=env, timeout=120)
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result["before"] == {"spelling": False, "threads": ["MainThread"], "highlighter": False}
    assert result["after"] == {"loaded": True}


def test_the_spell_service_loads_the_language_asked_for_only(qtbot, monkeypatch):
    from editor.app.spell_service import SpellService
    from editor.core import spelling

    monkeypatch.setattr(spelling, "_checkers", {})
    monkeypatch.setattr(spelling, "request_load", spelling.request_load)  # restored after: not the app's service
    service = SpellService()
    with qtbot.waitSignal(service.loaded, timeout=5000) as blocker:
        service.request("fr")
    assert blocker.args == ["fr"] and sorted(spelling._checkers) == ["fr"]
    service.request("fr")  # loaded already: nothing more
    assert not service._pending and sorted(spelling._checkers) == ["fr"]
