"""How the window starts recovery, and what it does when recovery cannot start: after the
first paint, with real folders; the file actions working on the objects given to them."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QMessageBox, QWidget

from editor.core.storage import lock_path
from tests.app.conftest import REFERENCE, type_text

FRENCH = REFERENCE / "etudiant_fr.md"


@pytest.fixture
def messages(monkeypatch):
    """Record the blocking message boxes instead of showing them."""
    seen = []

    def record(kind):
        def box(parent, title, text, *args, **kwargs):
            seen.append((kind, title, text))
            return QMessageBox.StandardButton.Ok
        return box

    for kind in ("critical", "information", "warning"):
        monkeypatch.setattr(QMessageBox, kind, record(kind))
    return seen


def _copy(tmp_path: Path, name: str = "p.md") -> Path:
    folder = tmp_path / "docs"
    folder.mkdir(exist_ok=True)
    path = folder / name
    shutil.copy(FRENCH, path)
    return path


def test_recovery_starts_after_the_first_paint_of_the_app_window(qtbot, app_settings, tmp_path):
    from editor.app.file_actions import NoSaveGuard
    from editor.app.main import create_window, ensure_application

    path = _copy(tmp_path)
    ensure_application()
    window = create_window(app_settings, file=str(path), language="en", defer_until_painted=True)
    try:
        window.resize(1280, 800)
        qtbot.wait(200)  # the event loop runs, but the window was never painted
        assert window.recovery is None and window.file_guard is None
        assert isinstance(window.files.save_guard, NoSaveGuard)
        assert not lock_path(path).exists()
        window.show()
        qtbot.waitUntil(lambda: window.recovery is not None and window.recovery.offered, timeout=5000)
        assert window.files.save_guard is window.file_guard is window.recovery.guard
        assert lock_path(path).exists()  # the file is locked once recovery runs
        assert window.act_restore_backup.isEnabled()
    finally:
        window.files.maybe_save = lambda: True
        window.close()
        window.deleteLater()
    assert not lock_path(path).exists()


@pytest.mark.parametrize("language, title", [("en", "No crash recovery"), ("fr", "Pas de récupération après plantage")])
def test_unwritable_data_folder_is_said_and_editing_and_saving_go_on(make_window, qtbot, tmp_path, monkeypatch,
                                                                   messages, caplog, language, title):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data folder should be")
    monkeypatch.setenv("PROPOSAL_EDITOR_DATA_DIR", str(blocker))
    path = _copy(tmp_path)
    with caplog.at_level(logging.WARNING, logger="editor.app.main_window"):
        window = make_window(file=path, language=language)
    box = window.recovery_problem_box
    assert box is not None and box.isVisible()
    assert box.windowTitle() == title and str(blocker) in box.text()
    assert any("crash recovery is off" in r.getMessage() and str(blocker) in r.getMessage() for r in caplog.records)
    assert window.recovery is None and not window.act_restore_backup.isEnabled()
    box.accept()

    qtbot.waitUntil(lambda: lock_path(path).exists(), timeout=3000)  # the lock does not need the data folder
    editor = window.page("summary").editor
    window.show_section("summary")
    type_text(editor, " Encore une phrase.")
    assert window.document.is_dirty()
    assert window.document.proposal.sections["summary"].endswith("Encore une phrase.")
    assert window.files.save()
    assert "Encore une phrase." in path.read_text(encoding="utf-8")
    assert not window.document.is_dirty() and not window.isWindowModified()
    assert blocker.read_text() == "a file where the data folder should be"
    window.close()
    assert not lock_path(path).exists()


def test_a_lock_that_cannot_be_written_is_said_and_saving_goes_on(make_window, qtbot, tmp_path, messages):
    path = _copy(tmp_path)
    lock_path(path).mkdir()  # a folder where the lock file should go: it cannot be written
    window = make_window(file=path, language="en")
    qtbot.waitUntil(lambda: window.recovery is not None and window.recovery.offered, timeout=5000)
    status = window.statusBar().currentMessage()
    assert "could not be locked" in status and "p.md" in status
    assert not window.recovery.guard.lock.held
    type_text(window.page("title").editor, "!")
    assert window.files.save()
    assert path.read_text(encoding="utf-8").count("!") >= 1 and not window.document.is_dirty()
    assert lock_path(path).is_dir()  # nothing of it was taken for a lock of ours
    assert not [m for m in messages if m[0] == "critical"]


class RecordingGuard:
    """A save guard that records what it is asked and can refuse."""

    def __init__(self, allow: bool = True) -> None:
        self.allow = allow
        self.calls: list[tuple[str, Path]] = []

    def before_save(self, path: Path) -> bool:
        self.calls.append(("before", Path(path)))
        return self.allow

    def after_save(self, path: Path) -> None:
        self.calls.append(("after", Path(path)))


def _file_actions(qtbot, app_settings, guard=None):
    from editor.app.document import ProposalDocument
    from editor.app.file_actions import FileActions

    parent = QWidget()
    qtbot.addWidget(parent)
    document = ProposalDocument(parent=parent)
    files = FileActions(document, app_settings, parent, guard)
    seen: dict[str, list] = {"replaced": [], "saved": [], "status": [], "check": []}
    files.documentReplaced.connect(lambda: seen["replaced"].append(document.path))
    files.saved.connect(seen["saved"].append)
    files.statusMessage.connect(lambda msg, ms, fields: seen["status"].append((msg, fields)))
    files.checkNeeded.connect(lambda: seen["check"].append(True))
    return files, document, seen


def test_file_actions_work_with_only_the_objects_given(qtbot, app_settings, tmp_path, messages):
    guard = RecordingGuard()
    files, document, seen = _file_actions(qtbot, app_settings, guard)
    source = _copy(tmp_path)
    assert files.open_path(source, ask=False)
    assert document.path == source and seen["replaced"] == [source]
    assert document.proposal.sections["summary"]
    assert seen["status"][-1] == ("Opened {name}", {"name": "p.md"})
    document.set_section_text("summary", "Texte remplacé.")
    target = tmp_path / "docs" / "copie.md"
    assert files.save_to(target)
    assert guard.calls == [("before", target), ("after", target)]
    assert seen["saved"] == [target] and document.path == target and not document.is_dirty()
    assert "Texte remplacé." in target.read_text(encoding="utf-8")
    assert app_settings.recent_files()[:2] == [str(target), str(source)]

    menu, clear = QMenu(), QAction("Clear")
    files.fill_recent_menu(menu, clear)
    names = [a.text() for a in menu.actions() if a.text()]
    assert names[:2] == ["&1 copie.md", "&2 p.md"] and menu.actions()[-1] is clear and clear.isEnabled()


def test_a_save_guard_that_refuses_leaves_the_file_and_the_document_as_they_were(qtbot, app_settings, tmp_path,
                                                                                 messages):
    guard = RecordingGuard(allow=False)
    files, document, seen = _file_actions(qtbot, app_settings, guard)
    document.set_section_text("summary", "Pas encore enregistré.")
    target = tmp_path / "refused.md"
    assert not files.save_to(target)
    assert not target.exists() and document.is_dirty() and document.path is None
    assert guard.calls == [("before", target)] and seen["saved"] == []
    files.set_save_guard(None)  # no guard: saves go ahead
    assert files.save_to(target) and target.exists() and seen["saved"] == [target]
