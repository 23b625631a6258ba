"""Crash recovery end to end: start the real app, type, kill -9, start again, get the text back.

The app runs as a subprocess (``python -m editor``) with its data and settings
folders in a temporary folder (PROPOSAL_EDITOR_DATA_DIR / PROPOSAL_EDITOR_CONFIG_DIR).
PROPOSAL_EDITOR_TEST_DRIVE makes it type through key events into the summary
editor, and, on the second start, click Restore in the recovery dialog.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

TEXT = "Résumé tapé puis perdu ? Non : l'élève retrouve « tout » — œuvre, cœur, 100 %."


def start(tmp_path: Path, drive: dict, log: str) -> subprocess.Popen:
    env = dict(os.environ)
    env.update(
        QT_QPA_PLATFORM="offscreen",
        PROPOSAL_EDITOR_DATA_DIR=str(tmp_path / "data"),
        PROPOSAL_EDITOR_CONFIG_DIR=str(tmp_path / "config"),
        PROPOSAL_EDITOR_TEST_DRIVE=json.dumps(drive),
    )
    env.pop("PROPOSAL_EDITOR_SETTINGS", None)
    work = tmp_path / "cwd"
    work.mkdir(exist_ok=True)
    out = open(tmp_path / log, "wb")  # noqa: SIM115 - closed with the process
    return subprocess.Popen([sys.executable, "-m", "editor", "--lang", "fr"], cwd=work, env=env, stdout=out, stderr=subprocess.STDOUT)


def wait_for(predicate, timeout: float, proc: subprocess.Popen, log: Path):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        value = predicate()
        if value:
            return value
        if proc.poll() is not None:
            pytest.fail(f"the app exited with {proc.returncode}:\n{log.read_text(errors='replace')}")
        time.sleep(0.02)
    pytest.fail(f"timed out; app output:\n{log.read_text(errors='replace')}")


def recovery_with_text(folder: Path):
    for file in folder.glob("*.json") if folder.is_dir() else []:
        try:
            data = json.loads(file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue  # never happens with atomic writes, but a poll must not fail on it
        if TEXT in data.get("markdown", ""):
            return data
    return None


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX; Windows uses TerminateProcess (same effect)")
def test_typed_text_survives_kill_9(tmp_path):
    recovery = tmp_path / "data" / "recovery"
    typed = tmp_path / "typed.json"
    first = start(tmp_path, {"type": {"section": "summary", "text": TEXT, "interval_ms": 8}, "dump": str(typed)}, "first.log")
    try:
        state = json.loads(wait_for(lambda: typed.exists() and typed.read_text(encoding="utf-8"), 60, first, tmp_path / "first.log"))
        paused_at = time.monotonic()
        assert state["sections"]["summary"] == TEXT and state["dirty"]
        data = wait_for(lambda: recovery_with_text(recovery), 5, first, tmp_path / "first.log")
        latency = time.monotonic() - paused_at
        # Written within 2 s after the pause (1 s debounce + writing).
        print(f"recovery file written {latency:.2f} s after the last keystroke")
        assert latency < 2.0, latency
        assert data["path"] is None and data["pid"] == first.pid
        os.kill(first.pid, signal.SIGKILL)
        first.wait(10)
    finally:
        if first.poll() is None:
            first.kill()
            first.wait()
    assert first.returncode == -signal.SIGKILL
    # The text existed only in memory and in the recovery file: nothing next to the user.
    assert list((tmp_path / "cwd").iterdir()) == []

    restored = tmp_path / "restored.json"
    second = start(tmp_path, {"accept_recovery": True, "dump": str(restored), "quit": True}, "second.log")
    try:
        second.wait(60)
    finally:
        if second.poll() is None:
            second.kill()
            second.wait()
    log = (tmp_path / "second.log").read_text(errors="replace")
    assert second.returncode == 0, log
    state = json.loads(restored.read_text(encoding="utf-8"))
    assert state["sections"]["summary"] == TEXT
    assert state["dirty"] and state["path"] is None
    # Still protected: the restored document has its own recovery file, the old one is gone.
    files = list(recovery.glob("*.json"))
    assert [f.stem for f in files] == [state["doc_id"]]
    assert TEXT in json.loads(files[0].read_text(encoding="utf-8"))["markdown"]
    assert "Traceback" not in log


def test_restore_in_a_new_window_starts_an_instance_that_restores_one_file(tmp_path, monkeypatch):
    """What "Restore in a new window" starts: ``python -m editor`` with PROPOSAL_EDITOR_RESTORE=<id>."""
    monkeypatch.setenv("PROPOSAL_EDITOR_DATA_DIR", str(tmp_path / "data"))
    from editor.core.formats.markdown import write_markdown
    from editor.core.model import Proposal
    from editor.core.recovery import new_document_id, write_recovery

    ids = []
    for text in (TEXT, "Another crashed document."):
        p = Proposal.new("fr")
        p.sections["summary"] = text
        doc_id = new_document_id()
        file = write_recovery(doc_id, write_markdown(p), None, "fr")
        data = json.loads(file.read_text(encoding="utf-8"))
        data["pid"] = 999_999_999  # a process that does not exist
        file.write_text(json.dumps(data), encoding="utf-8")
        ids.append(doc_id)
    dump = tmp_path / "state.json"
    drive = {"dump": str(dump), "quit": True}
    monkeypatch.setenv("PROPOSAL_EDITOR_RESTORE", ids[0])
    proc = start(tmp_path, drive, "restore.log")
    try:
        proc.wait(60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 0, (tmp_path / "restore.log").read_text(errors="replace")
    state = json.loads(dump.read_text(encoding="utf-8"))
    assert state["sections"]["summary"] == TEXT and state["dirty"]
    # No dialog for the other one in that instance; its file is still there for later.
    left = {f.stem for f in (tmp_path / "data" / "recovery").glob("*.json")}
    assert ids[1] in left and ids[0] not in left
