"""Start-up order: the app's window paints first; check, tips, counts, preview, recovery follow."""

from __future__ import annotations

from editor.core.model import SECTION_IDS
from tests.app.conftest import REFERENCE

FRENCH = REFERENCE / "etudiant_fr.md"


def _window(qtbot, app_settings):
    from editor.app.main import create_window, ensure_application

    ensure_application()
    window = create_window(app_settings, file=FRENCH, language="en", defer_until_painted=True)
    window.resize(1280, 800)
    return window


def _close(window):
    window.files.maybe_save = lambda: True
    window.close()
    window.deleteLater()


def test_deferred_work_waits_for_the_first_paint(qtbot, app_settings):
    window = _window(qtbot, app_settings)
    try:
        gate = window.first_paint_gate
        assert gate is not None and not gate.is_open
        assert window._findings == [] and window.recovery is None
        assert not window.page("summary").tips._rendered_language
        window.show()
        qtbot.waitUntil(lambda: gate.is_open, timeout=5000)
        qtbot.waitUntil(lambda: bool(window._findings) and window.recovery is not None, timeout=5000)
        assert window.statuses["conclusion"] == "ok"
        assert window.page(SECTION_IDS[0]).tips._rendered_language == "en"  # the page in front
        assert window.page("summary").tips._rendered_language is None  # rendered when shown
        assert window.page("summary").tips.text().strip()  # ... or when asked for
        from editor.core.checks import count_words

        words = count_words(window.document.proposal.sections["summary"])
        assert words > 0
        qtbot.waitUntil(lambda: window.page("summary").count_label.text().startswith(f"{words} /"), timeout=3000)
        # The preview is tabbed behind the review: not rendered until its tab comes to the front.
        assert window.preview._stale
        window.preview_dock.raise_()
        qtbot.waitUntil(lambda: not window.preview._stale, timeout=5000)
        assert window.preview.browser.toPlainText().strip()
    finally:
        _close(window)


def test_results_asked_for_before_the_paint_are_computed(qtbot, app_settings):
    window = _window(qtbot, app_settings)
    try:
        assert window.statuses["conclusion"] == "ok"  # flushes the waiting check
        assert window.findings
    finally:
        _close(window)


def test_pages_are_built_when_first_shown_and_follow_the_window(make_window, qtbot):
    window = make_window(file=FRENCH)
    window.show()
    qtbot.waitExposed(window)
    assert [p.section_id for p in window.built_pages()] == ["title"]  # only the page in front
    window.act_tips.trigger()  # tips hidden, and the texts read-only (the file open elsewhere)
    window.set_editors_read_only(True)
    window.show_section("risks")
    risks = window.page("risks")
    assert window.pages.currentWidget() is risks and risks.isVisible()
    assert risks.extra is not None and not risks.tips.isVisible() and risks.editor.isReadOnly()
    assert risks.editor.toPlainText() == window.document.proposal.section("risks")
    assert risks.editor.textCursor().atEnd()  # as after opening: ready to go on writing
    window.set_editors_read_only(False)
    assert not risks.editor.isReadOnly() and not window.page("title").editor.isReadOnly()
    assert [window.pages.indexOf(window.page(sid)) for sid in SECTION_IDS] == list(range(len(SECTION_IDS)))
    assert window.pages.count() == len(SECTION_IDS)


def test_the_file_opens_after_the_first_paint_and_its_name_shows_meanwhile(qtbot, app_settings):
    window = _window(qtbot, app_settings)
    try:
        assert window.document.path is None  # not read yet
        assert window.windowTitle().startswith("etudiant_fr.md")
        assert window.statusBar().currentMessage() == "Opening etudiant_fr.md…"
        # The document and spelling languages are the file's, not known yet: not shown.
        assert all(w.isHidden() for w in window.language_status_widgets)
        assert window.page("summary").editor.isReadOnly()  # nothing typed now is lost to the file's text
        window.show()
        qtbot.waitUntil(lambda: window.document.path == FRENCH, timeout=5000)
        assert not any(w.isHidden() for w in window.language_status_widgets)
        assert window.doc_lang_combo.currentData() == "fr"
        assert window.statusBar().currentMessage() == "Opened etudiant_fr.md"
        assert not window.page("summary").editor.isReadOnly()
        assert window.page("summary").editor.toPlainText() == window.document.proposal.section("summary")
    finally:
        _close(window)


def test_a_file_that_cannot_be_read_leaves_an_untitled_window(qtbot, app_settings, tmp_path, monkeypatch):
    from editor.app.main import create_window, ensure_application

    broken = tmp_path / "broken.md"
    broken.write_bytes(b"\xff\xfe not text")
    shown = []
    monkeypatch.setattr("editor.app.file_actions.FileActions._error", lambda self, title, text: shown.append(text))
    ensure_application()
    window = create_window(app_settings, file=str(broken), language="en", defer_until_painted=True)
    try:
        assert window.windowTitle().startswith("broken.md")
        window.show()
        qtbot.waitUntil(lambda: bool(shown), timeout=5000)
        assert "broken.md" in shown[0]
        assert window.document.path is None and not window.windowTitle().startswith("broken.md")
        assert not any(w.isHidden() for w in window.language_status_widgets)
        assert not window.page("title").editor.isReadOnly()
    finally:
        _close(window)
