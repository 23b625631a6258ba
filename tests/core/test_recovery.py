"""Recovery files: written atomically, listed after a crash, read back exactly, cleaned up."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from editor.core.formats import FormatError
from editor.core.formats.markdown import write_markdown
from editor.core.io import save_proposal
from editor.core.model import Proposal
from editor.core.recovery import (
    RECOVERY_FORMAT,
    discard_recovery,
    load_recovery,
    new_document_id,
    recovered_proposal,
    recovery_diff,
    recovery_dir,
    scan_recovery,
    write_recovery,
)

# Every test keeps its data folder in its own tmp_path (fixture in conftest.py).
pytestmark = pytest.mark.usefixtures("data_dir")


def proposal(text="Un résumé — « œuvre » 🚀") -> Proposal:
    p = Proposal.new("fr")
    p.metadata.title = "Projet"
    p.sections["summary"] = text
    return p


def _as_if_written_by(file, pid):
    data = json.loads(file.read_text())
    data["pid"] = pid
    file.write_text(json.dumps(data))


def dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_round_trip_of_a_never_saved_document(data_dir):
    doc_id = new_document_id()
    p = proposal()
    file = write_recovery(doc_id, write_markdown(p), None, "fr")
    assert file.parent == data_dir / "recovery" == recovery_dir()
    assert [f.name for f in file.parent.iterdir()] == [f"{doc_id}.json"]  # no temp file left
    entry = load_recovery(file)
    assert entry.doc_id == doc_id and entry.path is None and entry.name == ""
    assert entry.saved_at.tzinfo is not None
    assert recovered_proposal(entry).proposal.sections["summary"] == p.sections["summary"]
    assert recovered_proposal(entry).proposal.metadata.title == "Projet"


def test_scan_offers_only_files_of_dead_instances(tmp_path):
    a, b, c = new_document_id(), new_document_id(), new_document_id()
    fa = write_recovery(a, "# A\n", tmp_path / "a.md")
    fb = write_recovery(b, "# B\n")
    write_recovery(c, "# C\n")
    _as_if_written_by(fa, dead_pid())
    _as_if_written_by(fb, dead_pid())
    live = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        _as_if_written_by(recovery_dir() / f"{c}.json", live.pid)
        entries, problems = scan_recovery()
        assert {e.doc_id for e in entries} == {a, b} and problems == []
        assert {e.doc_id for e in scan_recovery(include_live=True)[0]} == {a, b, c}
    finally:
        live.kill()
        live.wait()


def test_discard_removes_only_that_document(tmp_path):
    a, b = new_document_id(), new_document_id()
    write_recovery(a, "x")
    write_recovery(b, "y")
    discard_recovery(a)
    discard_recovery(a)  # twice is fine
    discard_recovery("../../etc/passwd")  # never a path outside the folder
    assert sorted(f.stem for f in recovery_dir().iterdir()) == [b]


def test_invalid_ids_are_refused():
    with pytest.raises(ValueError):
        write_recovery("../x", "x")


@pytest.mark.parametrize(
    "content",
    [b"", b"\x00\x01\x02", b"\xff\xfe not utf-8", b'{"format": "other"}', b"[]", b'{"format": "%s"' % RECOVERY_FORMAT.encode(),
     b"[" * 50000 + b"]" * 50000, json.dumps({"format": RECOVERY_FORMAT, "id": "ok", "markdown": 3}).encode()],
    ids=["empty", "binary", "latin1", "other-format", "list", "truncated", "deep", "bad-field"],
)
def test_damaged_files_are_set_aside_and_reported(content):
    recovery_dir().mkdir(parents=True)
    (recovery_dir() / "bad.json").write_bytes(content)
    good = write_recovery(new_document_id(), "# ok\n")
    _as_if_written_by(good, dead_pid())
    entries, problems = scan_recovery()
    assert len(entries) == 1 and len(problems) == 1 and "bad.json" in problems[0]
    assert (recovery_dir() / "broken" / "bad.json").read_bytes() == content  # kept, never deleted
    assert scan_recovery()[1] == []  # reported once


def test_load_errors_name_the_file(tmp_path):
    with pytest.raises(FormatError, match="nope.json"):
        load_recovery(tmp_path / "nope.json")
    (tmp_path / "dir.json").mkdir()
    with pytest.raises(FormatError, match="dir.json"):
        load_recovery(tmp_path / "dir.json")


def test_markdown_that_is_not_a_proposal_is_a_format_error():
    file = write_recovery(new_document_id(), "---\na: [\n---\n")
    with pytest.raises(FormatError, match=file.name):
        recovered_proposal(load_recovery(file))


def test_diff_shows_what_differs_from_the_file_on_disk(tmp_path):
    path = tmp_path / "p.md"
    save_proposal(proposal("Texte enregistré."), path)
    file = write_recovery(new_document_id(), write_markdown(proposal("Texte enregistré. Et la suite tapée.")), path, "fr")
    diff = recovery_diff(load_recovery(file))
    assert "-Texte enregistré." in diff and "+Texte enregistré. Et la suite tapée." in diff
    assert [l for l in diff.splitlines() if l.startswith(("+", "-")) and not l.startswith(("+++", "---"))] == [
        "-Texte enregistré.", "+Texte enregistré. Et la suite tapée."]  # only the changed line
    # Never saved: everything is new.
    untitled = recovery_diff(load_recovery(write_recovery(new_document_id(), "# T\n\nabc\n")))
    assert "+abc" in untitled


def test_write_failure_is_a_storage_error(tmp_path, monkeypatch):
    from editor.core.storage import StorageError

    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("PROPOSAL_EDITOR_DATA_DIR", str(blocker))
    with pytest.raises(StorageError):
        write_recovery(new_document_id(), "x")


def test_data_dir_defaults_to_the_platform_place(monkeypatch):
    from editor.paths import data_dir

    monkeypatch.delenv("PROPOSAL_EDITOR_DATA_DIR")
    assert "mlops-proposal-editor" in str(data_dir())
    assert os.path.isabs(data_dir())
