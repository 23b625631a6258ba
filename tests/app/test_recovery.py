"""Never lose work, in the real window: recovery files, restore after a crash,
save failures, backups and File > Restore from backup, locks, changes on disk."""

from __future__ import annotations

import datetime as dt
import errno
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMessageBox

from editor.app import autosave as autosave_module
from editor.app import file_guard as guard_module
from editor.core import storage
from editor.core.formats.markdown import write_markdown
from editor.core.io import open_proposal, save_proposal
from editor.core.model import Proposal
from editor.core.recovery import (
    new_document_id,
    recovery_dir,
    scan_recovery,
    write_recovery,
)
from editor.core.storage import (
    LockInfo,
    list_backups,
    lock_path,
    make_backup,
    read_lock,
)
from tests.app.conftest import REFERENCE, type_text

FRENCH = REFERENCE / "etudiant_fr.md"
SHOTS = Path(os.environ.get("PROPOSAL_EDITOR_SHOTS", "")) if os.environ.get("PROPOSAL_EDITOR_SHOTS") else None


def recovery_files() -> list[Path]:
    folder = recovery_dir()
    return sorted(folder.glob("*.json")) if folder.is_dir() else []


def dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def leave_recovery(markdown: str, path=None, language="fr", saved_at="2026-03-14T15:09:26+01:00") -> str:
    """A recovery file as a crashed instance leaves it."""
    doc_id = new_document_id()
    file = write_recovery(doc_id, markdown, path, language)
    data = json.loads(file.read_text())
    data["pid"] = dead_pid()
    data["saved_at"] = saved_at
    file.write_text(json.dumps(data))
    return doc_id


@pytest.fixture
def docs(tmp_path):
    """The user's folder (the settings fixture writes in tmp_path itself)."""
    folder = tmp_path / "docs"
    folder.mkdir()
    return folder


@pytest.fixture
def messages(monkeypatch):
    """Record message boxes instead of showing them (they would block the test)."""
    seen = []

    def record(kind, answer=None):
        def box(parent, title, text, *args, **kwargs):
            seen.append((kind, title, text))
            return answer if answer is not None else QMessageBox.StandardButton.Ok
        return box

    monkeypatch.setattr(QMessageBox, "critical", record("critical"))
    monkeypatch.setattr(QMessageBox, "information", record("information"))
    monkeypatch.setattr(QMessageBox, "warning", record("warning", QMessageBox.StandardButton.Save))
    return seen


def when_shown(window, name, action, errors):
    """Once ``window.<name>`` (a dialog run with exec()) shows, run ``action(dialog)``;
    a failure closes the dialog and is kept in ``errors`` (it would hang the test otherwise)."""
    dialog = getattr(window.recovery, name, None) if window is not None else None
    if dialog is None or not dialog.isVisible():
        QTimer.singleShot(50, lambda: when_shown(window_ref[0] if window is None else window, name, action, errors))
        return
    try:
        action(dialog)
    except Exception as exc:  # noqa: BLE001
        errors.append(exc)
        dialog.reject()


window_ref: list = [None]


def started(qtbot, window):
    qtbot.waitUntil(lambda: window.recovery.offered, timeout=5000)
    return window.recovery


def french_file(docs, name="p.md") -> Path:
    """The French reference proposal, copied into the user's folder as ``name``."""
    path = docs / name
    shutil.copy(FRENCH, path)
    return path


def open_started(make_window, qtbot, path):
    """A window on ``path``, past its start-up (recovery offered, lock taken)."""
    window = make_window(file=path)
    started(qtbot, window)
    return window


# --- the recovery file -------------------------------------------------------------

def test_recovery_written_after_a_pause_never_on_a_keystroke(make_window, qtbot, monkeypatch):
    window = make_window(language="fr")
    ctl = started(qtbot, window)
    writes = []
    real = autosave_module.write_recovery
    monkeypatch.setattr(autosave_module, "write_recovery", lambda *a: (writes.append(time.monotonic()), real(*a))[1])
    editor = window.page("summary").editor
    window.show_section("summary")
    started_at = time.monotonic()
    type_text(editor, "Un texte jamais enregistré, é à ç.")
    typed = time.monotonic()
    assert writes == [] and ctl.autosave._timer.isActive()
    assert typed - started_at < 0.5  # typing is not slowed down
    qtbot.waitUntil(lambda: bool(writes), timeout=2000)
    ctl.autosave.flush()
    assert writes[0] - typed < 2.0
    (file,) = recovery_files()
    data = json.loads(file.read_text())
    assert "Un texte jamais enregistré, é à ç." in data["markdown"] and data["path"] is None


def test_non_stop_typing_still_writes(make_window, qtbot, monkeypatch):
    monkeypatch.setattr(autosave_module, "MAX_WAIT_MS", 300)
    monkeypatch.setattr(autosave_module, "DELAY_MS", 200)
    window = make_window()
    started(qtbot, window)
    editor = window.page("summary").editor
    end = time.monotonic() + 0.8
    while time.monotonic() < end and not recovery_files():
        type_text(editor, "a")
        qtbot.wait(50)  # a key every 50 ms: the 200 ms pause never comes
    window.recovery.autosave.flush()
    assert recovery_files()


def test_save_and_normal_close_remove_the_recovery_file(make_window, qtbot, docs, messages):
    window = make_window()
    ctl = started(qtbot, window)
    type_text(window.page("summary").editor, "draft")
    ctl.autosave.write_now()
    ctl.autosave.flush()
    assert len(recovery_files()) == 1
    assert window.files.save_to(docs / "p.md")
    ctl.autosave.flush()
    assert recovery_files() == []
    type_text(window.page("summary").editor, " more")
    ctl.autosave.write_now()
    ctl.autosave.flush()
    assert len(recovery_files()) == 1
    assert lock_path(docs / "p.md").exists()
    window.files.maybe_save = lambda: True  # the user answered Discard
    window.close()
    assert recovery_files() == []
    assert not lock_path(docs / "p.md").exists()
    assert sorted(p.name for p in docs.iterdir()) == ["p.md"]


def test_new_document_drops_the_previous_recovery_file(make_window, qtbot, monkeypatch):
    window = make_window()
    ctl = started(qtbot, window)
    type_text(window.page("summary").editor, "draft")
    ctl.autosave.write_now()
    ctl.autosave.flush()
    old = recovery_files()
    monkeypatch.setattr(window.files, "maybe_save", lambda: True)
    window.files.new()
    qtbot.wait(10)
    ctl.autosave.flush()
    assert recovery_files() == [] and old


# --- restoring after a crash ---------------------------------------------------------

def test_restore_an_unsaved_file_over_its_saved_version(make_window, qtbot, docs):
    path = french_file(docs, "proposition.md")
    saved = open_proposal(path).proposal
    unsaved = saved.model_copy(deep=True)
    unsaved.sections["conclusion"] += "\nAjout jamais enregistré."
    unsaved.metadata.title = "Titre modifié"
    old_id = leave_recovery(write_markdown(unsaved), path)

    QTimer.singleShot(300, lambda: _click_restore(window))
    window = make_window(language="fr")
    ctl = started(qtbot, window)
    doc = window.document
    assert doc.path == path and doc.is_dirty()
    assert doc.proposal.sections["conclusion"].endswith("Ajout jamais enregistré.")
    assert window.page("conclusion").editor.toPlainText() == doc.proposal.sections["conclusion"]
    assert doc.proposal.metadata.title == "Titre modifié"
    # One Undo goes back to the file on disk.
    doc.undo_stack.undo()
    assert doc.proposal.sections == saved.sections and not doc.is_dirty()
    doc.undo_stack.redo()
    ctl.autosave.flush()
    (file,) = recovery_files()
    assert file.stem == ctl.doc_id != old_id  # adopted under a new id
    assert lock_path(path).exists()


def _click_restore(window):
    dialog = window.recovery.recovery_dialog
    if dialog is None or not dialog.isVisible():
        QTimer.singleShot(50, lambda: _click_restore(window))
        return
    assert dialog.list.count() >= 1 and "proposition.md" in dialog.list.item(0).text() or dialog.list.count()
    assert dialog.preview.toPlainText()
    dialog.restore_button.click()


def test_restore_a_never_saved_document_and_discard_another(make_window, qtbot, monkeypatch):
    p = Proposal.new("en")
    p.sections["summary"] = "Never saved text."
    keep = leave_recovery(write_markdown(p), None, "en")
    p.sections["summary"] = "Throw me away."
    drop = leave_recovery(write_markdown(p), None, "en")
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)

    def act():
        dialog = window.recovery.recovery_dialog
        if dialog is None or not dialog.isVisible():
            QTimer.singleShot(50, act)
            return
        assert dialog.list.count() == 2
        shown = {}
        for row, entry in enumerate(dialog.entries):
            dialog.list.setCurrentRow(row)
            shown[entry.doc_id] = dialog.preview.toPlainText()
        # A never-saved document has nothing to compare with: its own text is shown.
        assert "Never saved text." in shown[keep] and "Throw me away." not in shown[keep]
        assert "Throw me away." in shown[drop]
        dialog.list.setCurrentRow(next(i for i, e in enumerate(dialog.entries) if e.doc_id == drop))
        dialog.discard_button.click()
        assert dialog.list.count() == 1 and dialog.selected().doc_id == keep
        dialog.restore_button.click()

    QTimer.singleShot(200, act)
    window = make_window()
    started(qtbot, window)
    assert window.document.proposal.sections["summary"] == "Never saved text."
    assert window.document.path is None and window.document.is_dirty()
    window.recovery.autosave.flush()
    assert [f.stem for f in recovery_files()] == [window.recovery.doc_id]


def test_later_keeps_the_files_for_the_next_start(make_window, qtbot):
    leave_recovery("# Title\n\nSomething.\n")

    def later():
        dialog = window.recovery.recovery_dialog
        if dialog is None or not dialog.isVisible():
            QTimer.singleShot(50, later)
            return
        dialog.later_button.click()

    QTimer.singleShot(200, later)
    window = make_window()
    started(qtbot, window)
    assert len(scan_recovery()[0]) == 1
    assert not window.document.is_dirty()


def test_screenshots_of_the_recovery_dialog(make_window, qtbot, docs):
    """Look at them: PROPOSAL_EDITOR_SHOTS=folder pytest ... saves EN and FR PNGs."""
    from editor.app.main import install_ui_language
    from editor.app.recovery_dialogs import RecoveryDialog
    from editor.core.recovery import scan_recovery as scan

    window = make_window()
    started(qtbot, window)
    path = french_file(docs, "proposition.md")
    unsaved = open_proposal(path).proposal
    unsaved.sections["summary"] = unsaved.sections["summary"].replace("MLOps", "MLOps robuste", 1) + "\nUne phrase ajoutée."
    leave_recovery(write_markdown(unsaved), path, saved_at="2026-03-14T16:40:02+01:00")
    p = Proposal.new("fr")
    p.sections["summary"] = "Brouillon jamais enregistré."
    leave_recovery(write_markdown(p))
    entries = scan()[0]
    for lang in ("en", "fr"):
        install_ui_language(lang)
        dialog = RecoveryDialog(entries, window.recovery, window)
        dialog.resize(960, 560)
        dialog.show()
        qtbot.wait(50)
        text = dialog.intro.text()
        assert ("2 documents" in text) if lang == "en" else ("2 documents" in text and "Restaurez" in text)
        assert dialog.selected().path == path  # the newest first
        assert dialog.preview.toPlainText().startswith("--- ")
        assert "+Une phrase ajoutée." in dialog.preview.toPlainText()
        dialog.list.setCurrentRow(1)
        assert dialog.preview.toPlainText().startswith("# ") or "Brouillon jamais enregistré." in dialog.preview.toPlainText()
        assert "+" not in dialog.preview.toPlainText()[:2]
        dialog.list.setCurrentRow(0)
        if SHOTS:
            SHOTS.mkdir(parents=True, exist_ok=True)
            dialog.grab().save(str(SHOTS / f"recovery_dialog_{lang}.png"))
        dialog.close()


# --- saving --------------------------------------------------------------------------

def test_failed_save_says_why_keeps_old_file_and_document_dirty(make_window, qtbot, docs, messages, monkeypatch):
    path = french_file(docs)
    before = path.read_bytes()
    window = open_started(make_window, qtbot, path)
    type_text(window.page("summary").editor, " plus")

    # Disk full (fsync is where it surfaces; a full disk cannot be made here).
    def full(_fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    with monkeypatch.context() as m:
        m.setattr(storage.os, "fsync", full)
        assert window.files.save() is False
    assert path.read_bytes() == before
    assert window.document.is_dirty() and window.isWindowModified()
    kind, _title, text = messages[-1]
    assert kind == "critical" and os.strerror(errno.ENOSPC) in text
    assert sorted(p.name for p in docs.iterdir() if not p.name.startswith(".~lock")) == ["p.md"]

    # A folder that is gone, and a folder in place of the file.
    assert window.files.save_to(docs / "gone" / "p.md") is False
    assert "gone" in messages[-1][2]
    (docs / "dir.md").mkdir()
    assert window.files.save_to(docs / "dir.md") is False
    assert "dir.md" in messages[-1][2] and (docs / "dir.md").is_dir()
    assert window.document.is_dirty() and window.document.path == path
    # Then a save that works.
    assert window.files.save() is True and not window.document.is_dirty()
    assert open_proposal(path).proposal.sections["summary"].endswith(" plus")


# --- backups ------------------------------------------------------------------------------

def test_each_save_keeps_the_previous_version_and_restore_is_undoable(make_window, qtbot, docs, messages, monkeypatch):
    path = french_file(docs)
    original = path.read_bytes()
    window = open_started(make_window, qtbot, path)
    editor = window.page("summary").editor
    type_text(editor, " v2")
    assert window.files.save()
    backups = list_backups(path)
    assert [b.file.read_bytes() for b in backups] == [original]
    type_text(editor, " v3")
    assert window.files.save()
    assert len(list_backups(path)) == 2
    assert sorted(p.name for p in docs.iterdir() if not p.name.startswith(".~lock")) == ["p.md"]
    assert window.act_restore_backup.isEnabled()

    from editor.app.recovery_dialogs import BackupDialog

    def choose_oldest(dialog):
        assert isinstance(dialog, BackupDialog) and dialog.list.count() == 2
        dialog.list.setCurrentRow(1)
        lines = dialog.preview.toPlainText().splitlines()
        assert lines[:2] == ["--- now", "+++ backup"]
        assert any(line.startswith("-") and line.endswith(" v2 v3") for line in lines)  # what restoring removes
        dialog.restore_button.click()

    errors = []
    QTimer.singleShot(100, lambda: when_shown(window, "backup_dialog", choose_oldest, errors))
    window.act_restore_backup.trigger()
    assert not errors, errors
    summary = window.document.proposal.sections["summary"]
    assert summary == open_proposal(FRENCH).proposal.sections["summary"]
    assert window.document.is_dirty()
    assert "Restore" in window.document.undo_stack.undoText()
    window.document.undo_stack.undo()
    assert window.document.proposal.sections["summary"].endswith(" v2 v3")
    assert not window.document.is_dirty()


def test_screenshots_of_the_backup_dialog(make_window, qtbot, docs):
    from editor.app.main import install_ui_language
    from editor.app.recovery_dialogs import BackupDialog

    path = french_file(docs, "proposition.md")
    make_backup(path)
    p = open_proposal(path).proposal
    p.sections["summary"] += "\nUne phrase de plus."
    save_proposal(p, path)
    make_backup(path)
    window = open_started(make_window, qtbot, path)
    for lang in ("en", "fr"):
        install_ui_language(lang)
        dialog = BackupDialog(window.document, list_backups(path), window)
        dialog.resize(960, 560)
        dialog.show()
        dialog.list.setCurrentRow(1)
        qtbot.wait(50)
        label = dialog.list.item(0).text()
        assert str(dt.date.today().year) in label
        if lang == "fr":
            assert "Ko" in label and dialog.windowTitle() == "Restaurer une sauvegarde"
        assert "-Une phrase de plus." in dialog.preview.toPlainText()
        if SHOTS:
            SHOTS.mkdir(parents=True, exist_ok=True)
            dialog.grab().save(str(SHOTS / f"backup_dialog_{lang}.png"))
        dialog.close()
    install_ui_language("en")


def test_restore_from_backup_disabled_for_untitled(make_window, qtbot, docs, messages):
    window = make_window()
    started(qtbot, window)
    assert not window.act_restore_backup.isEnabled()
    assert window.files.save_to(docs / "p.md")
    assert window.act_restore_backup.isEnabled()
    assert "backup" in window.act_restore_backup.text().lower()


# --- locks ------------------------------------------------------------------------------------

@pytest.fixture
def other_instance():
    proc = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    yield proc
    proc.kill()
    proc.wait()


def _lock_as(path, pid, user="alice"):
    info = LockInfo(storage.current_host(), pid, user, dt.datetime.now(dt.UTC).replace(microsecond=0), "theirs")
    lock_path(path).write_text(info.to_json())


def test_open_locked_file_read_only(make_window, qtbot, docs, monkeypatch, other_instance, messages):
    path = french_file(docs)
    _lock_as(path, other_instance.pid)
    asked = []
    monkeypatch.setattr(guard_module, "ask_locked", lambda w, name, holder: asked.append((name, holder.user)) or "readonly")
    window = open_started(make_window, qtbot, path)
    ctl = window.recovery
    assert asked == [("p.md", "alice")]
    assert ctl.guard.read_only and window.page("summary").editor.isReadOnly()
    assert not window.read_only_label.isHidden()
    assert window.files.save() is False
    assert messages[-1][0] == "information"
    assert read_lock(path).token == "theirs"  # their lock untouched
    window.close()
    assert read_lock(path).token == "theirs"


def test_open_locked_file_and_take_over(make_window, qtbot, docs, monkeypatch, other_instance, messages):
    path = french_file(docs)
    _lock_as(path, other_instance.pid)
    monkeypatch.setattr(guard_module, "ask_locked", lambda *a: "takeover")
    window = open_started(make_window, qtbot, path)
    ctl = window.recovery
    assert not ctl.guard.read_only and read_lock(path).token == ctl.guard.lock.token
    type_text(window.page("summary").editor, "x")
    assert window.files.save()


def test_stale_lock_is_taken_without_a_question(make_window, qtbot, docs, monkeypatch):
    path = french_file(docs)
    _lock_as(path, dead_pid())
    monkeypatch.setattr(guard_module, "ask_locked", lambda *a: pytest.fail("asked about a stale lock"))
    window = open_started(make_window, qtbot, path)
    ctl = window.recovery
    assert read_lock(path).token == ctl.guard.lock.token


def test_saving_over_a_file_open_elsewhere_asks(make_window, qtbot, docs, messages, other_instance, monkeypatch):
    target = french_file(docs, "theirs.md")
    _lock_as(target, other_instance.pid, "bob")
    window = make_window()
    started(qtbot, window)
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: QMessageBox.StandardButton.Cancel)
    assert window.files.save_to(target) is False
    assert target.read_bytes() == FRENCH.read_bytes()


# --- changes on disk ------------------------------------------------------------------------------

def _change_on_disk(path, text):
    p = open_proposal(path).proposal
    p.sections["summary"] = text
    save_proposal(p, path)  # atomic replace, as git or a sync client does


def test_file_changed_on_disk_reload_is_undoable(make_window, qtbot, docs, monkeypatch):
    path = french_file(docs)
    asked = []
    monkeypatch.setattr(guard_module, "ask_changed_on_disk", lambda w, name, dirty: asked.append(dirty) or "reload")
    window = open_started(make_window, qtbot, path)
    type_text(window.page("context").editor, " mine")
    _change_on_disk(path, "Changed by git pull.")
    qtbot.waitUntil(lambda: bool(asked), timeout=5000)
    assert asked == [True]
    doc = window.document
    assert doc.proposal.sections["summary"] == "Changed by git pull." and not doc.is_dirty()
    doc.undo_stack.undo()
    assert doc.proposal.sections["context"].endswith(" mine")  # my version is one Undo away


def test_file_changed_on_disk_keep_mine_then_save_keeps_theirs_as_backup(make_window, qtbot, docs, monkeypatch, messages):
    path = french_file(docs)
    asked = []
    monkeypatch.setattr(guard_module, "ask_changed_on_disk", lambda w, name, dirty: asked.append(dirty) or "keep")
    window = open_started(make_window, qtbot, path)
    _change_on_disk(path, "Theirs.")
    qtbot.waitUntil(lambda: bool(asked), timeout=5000)
    assert asked == [False] and window.document.is_dirty()  # mine differs from the disk now
    assert window.files.save()
    assert open_proposal(path).proposal.sections["summary"] != "Theirs."
    assert open_proposal(list_backups(path)[0].file).proposal.sections["summary"] == "Theirs."


def test_our_own_saves_are_not_taken_for_outside_changes(make_window, qtbot, docs, monkeypatch, messages):
    path = french_file(docs)
    monkeypatch.setattr(guard_module, "ask_changed_on_disk", lambda *a: pytest.fail("asked after our own save"))
    window = open_started(make_window, qtbot, path)
    for word in (" un", " deux"):
        type_text(window.page("summary").editor, word)
        assert window.files.save()
        qtbot.wait(guard_module.DISK_CHECK_DELAY_MS + 200)


def test_file_deleted_on_disk_marks_the_document_unsaved(make_window, qtbot, docs, monkeypatch):
    path = french_file(docs)
    window = open_started(make_window, qtbot, path)
    assert not window.document.is_dirty()
    path.unlink()
    qtbot.waitUntil(window.document.is_dirty, timeout=5000)
    assert "deleted" in window.statusBar().currentMessage()


# --- hostile files in the window ---------------------------------------------------------------------

HOSTILE = Path(__file__).resolve().parents[1] / "reference" / "hostile"


@pytest.mark.parametrize("name", sorted(p.name for p in HOSTILE.glob("*") if p.suffix in (".md", ".docx")))
def test_hostile_file_never_replaces_the_current_document(make_window, qtbot, docs, messages, name):
    window = make_window()
    started(qtbot, window)
    type_text(window.page("summary").editor, "Work in progress")
    ok = window.files.open_path(HOSTILE / name, ask=False)
    if not ok:
        assert messages and messages[-1][0] == "critical" and name in messages[-1][2]
        assert window.document.proposal.sections["summary"] == "Work in progress"
        assert window.document.is_dirty()
    else:
        assert window.document.path == HOSTILE / name


def test_lock_taken_over_by_another_instance_is_noticed_at_save(make_window, qtbot, docs, messages, monkeypatch, other_instance):
    path = french_file(docs)
    window = open_started(make_window, qtbot, path)
    ctl = window.recovery
    assert ctl.guard.lock.still_ours()
    _lock_as(path, other_instance.pid, "dave")  # another instance chose "Take over"
    type_text(window.page("summary").editor, " mine")
    answers = [QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Save]
    asked = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: (asked.append(text), answers.pop(0))[1])
    assert window.files.save() is False and "dave" in asked[0]
    assert path.read_bytes() == FRENCH.read_bytes()
    assert window.files.save() is True
    assert read_lock(path).token == ctl.guard.lock.token  # ours again
