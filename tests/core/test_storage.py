"""Atomic writes, backups and lock files, on real files in a temporary folder."""

from __future__ import annotations

import datetime as dt
import errno
import json
import os
import subprocess
import sys

import pytest

from editor.core import storage
from editor.core.storage import (
    MAX_BACKUPS,
    DocumentLock,
    LockInfo,
    StorageError,
    atomic_write_bytes,
    atomic_write_text,
    backup_folder,
    list_backups,
    lock_path,
    make_backup,
    read_lock,
)

# Every test keeps its data folder in its own tmp_path (fixture in conftest.py).
pytestmark = pytest.mark.usefixtures("data_dir")


def leftovers(folder):
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


# --- atomic writes -------------------------------------------------------------

def test_atomic_write_replaces_and_keeps_mode(tmp_path):
    target = tmp_path / "p.md"
    target.write_text("old")
    target.chmod(0o640)
    atomic_write_text(target, "new é\n")
    assert target.read_bytes() == "new é\n".encode()
    assert target.stat().st_mode & 0o777 == 0o640
    assert leftovers(tmp_path) == []


def test_atomic_write_through_a_symlink_keeps_the_link(tmp_path):
    real = tmp_path / "real.md"
    real.write_text("old")
    link = tmp_path / "link.md"
    link.symlink_to(real)
    atomic_write_text(link, "new")
    assert link.is_symlink() and real.read_text() == "new"


def test_write_under_missing_folder_fails_cleanly(tmp_path):
    with pytest.raises(StorageError) as info:
        atomic_write_text(tmp_path / "gone" / "p.md", "x")
    assert "gone" in str(info.value)


def test_write_onto_a_folder_fails_and_leaves_it(tmp_path):
    folder = tmp_path / "p.md"
    folder.mkdir()
    with pytest.raises(StorageError, match="folder"):
        atomic_write_text(folder, "x")
    assert folder.is_dir()


def test_disk_full_at_fsync_keeps_old_file_and_no_temp(tmp_path, monkeypatch):
    target = tmp_path / "p.md"
    target.write_text("precious")

    def full(_fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    # A full disk cannot be made here; fsync is where a full disk (or a quota) surfaces.
    monkeypatch.setattr(storage.os, "fsync", full)
    with pytest.raises(StorageError, match=os.strerror(errno.ENOSPC)):
        atomic_write_bytes(target, b"new")
    assert target.read_text() == "precious"
    assert leftovers(tmp_path) == []


def test_replace_is_retried_on_windows(tmp_path, monkeypatch):
    target = tmp_path / "p.md"
    calls = []
    real_replace = os.replace

    def flaky(src, dst):
        calls.append(1)
        if len(calls) < 3:
            raise PermissionError(13, "in use")
        real_replace(src, dst)

    monkeypatch.setattr(storage.os, "replace", flaky)
    monkeypatch.setattr(storage, "_WINDOWS", True)
    monkeypatch.setattr(storage.time, "sleep", lambda s: None)
    monkeypatch.setattr(storage, "_fsync_dir", lambda folder: None)
    atomic_write_text(target, "ok")
    assert target.read_text() == "ok" and len(calls) == 3


# --- backups -------------------------------------------------------------------

def test_backup_keeps_previous_version_out_of_the_users_folder(tmp_path, data_dir):
    doc = tmp_path / "work" / "proposal.md"
    doc.parent.mkdir()
    assert make_backup(doc) is None  # nothing to back up yet
    doc.write_text("version 1")
    b1 = make_backup(doc)
    assert b1.file.read_text() == "version 1"
    assert b1.file.is_relative_to(data_dir / "backups") and b1.file.suffix == ".md"
    assert sorted(p.name for p in doc.parent.iterdir()) == ["proposal.md"]
    # Same content: no new backup.
    assert make_backup(doc) == b1
    doc.write_text("version 2")
    b2 = make_backup(doc)
    assert [b.file for b in list_backups(doc)] == [b2.file, b1.file]
    assert b2.created > b1.created
    assert abs(b2.created - dt.datetime.now(dt.UTC)) < dt.timedelta(minutes=1)


def test_backups_keep_the_last_twenty(tmp_path):
    doc = tmp_path / "p.docx"
    for i in range(MAX_BACKUPS + 5):
        doc.write_bytes(b"v%d" % i)
        make_backup(doc)
    kept = list_backups(doc)
    assert len(kept) == MAX_BACKUPS
    assert kept[0].file.read_bytes() == b"v24" and kept[-1].file.read_bytes() == b"v5"


def test_backups_are_per_document(tmp_path):
    a, b = tmp_path / "a" / "p.md", tmp_path / "b" / "p.md"
    for p in (a, b):
        p.parent.mkdir()
        p.write_text(str(p))
        make_backup(p)
    assert backup_folder(a) != backup_folder(b)
    assert list_backups(a)[0].file.read_text() == str(a)


def test_backup_failure_is_a_storage_error(tmp_path, monkeypatch):
    doc = tmp_path / "p.md"
    doc.write_text("x")
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where the data folder should be")
    monkeypatch.setenv("PROPOSAL_EDITOR_DATA_DIR", str(blocker))
    with pytest.raises(StorageError):
        make_backup(doc)


def test_odd_files_in_the_backups_folder_are_ignored(tmp_path):
    doc = tmp_path / "p.md"
    doc.write_text("x")
    make_backup(doc)
    folder = backup_folder(doc)
    (folder / "notes.txt").write_text("hi")
    (folder / "20261301T000000000000Z.md").write_text("bad month")
    (folder / "20260101T000000000000Z.md").mkdir()
    assert len(list_backups(doc)) == 1


# --- locks -------------------------------------------------------------------------

def test_lock_is_a_small_hidden_file_next_to_the_document(tmp_path):
    doc = tmp_path / "p.md"
    doc.write_text("x")
    lock = DocumentLock(doc)
    assert lock.acquire() is None and lock.held
    assert lock_path(doc).parent == tmp_path and lock_path(doc).name.startswith(".~lock.p.md")
    data = json.loads(lock_path(doc).read_text())
    assert {"host", "pid", "user", "time"} <= set(data) and data["pid"] == os.getpid()
    info = read_lock(doc)
    assert info.host == storage.current_host() and info.token == lock.token
    lock.release()
    assert not lock_path(doc).exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.md"]
    lock.acquire()
    again = DocumentLock(doc)
    assert again.acquire() is None  # this process's own lock is never in its way
    again.release()


def _live_process():
    return subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])


def test_lock_of_a_live_instance_is_reported_then_taken_over(tmp_path):
    doc = tmp_path / "p.md"
    other = _live_process()
    try:
        info = LockInfo(storage.current_host(), other.pid, "alice", dt.datetime.now(dt.UTC), "t1")
        lock_path(doc).write_text(info.to_json())
        mine = DocumentLock(doc)
        holder = mine.acquire()
        assert holder is not None and holder.user == "alice" and not mine.held
        assert read_lock(doc).token == "t1"  # untouched
        assert mine.acquire(force=True) is None and mine.held
        assert read_lock(doc).token == mine.token
    finally:
        other.kill()
        other.wait()


def test_lock_of_a_dead_process_is_stale(tmp_path):
    doc = tmp_path / "p.md"
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    info = LockInfo(storage.current_host(), dead.pid, "bob", dt.datetime.now(dt.UTC), "t2")
    lock_path(doc).write_text(info.to_json())
    assert read_lock(doc).is_stale()
    mine = DocumentLock(doc)
    assert mine.acquire() is None and mine.held


def test_lock_from_another_host_is_stale_only_when_old(tmp_path):
    now = dt.datetime.now(dt.UTC)
    fresh = LockInfo("other-machine", 1, "carol", now - dt.timedelta(hours=1))
    old = LockInfo("other-machine", 1, "carol", now - dt.timedelta(hours=storage.LOCK_STALE_HOURS + 1))
    assert not fresh.is_stale() and old.is_stale()
    assert LockInfo("other-machine", 1, "carol", None).is_stale()


@pytest.mark.parametrize("content", [b"", b"\x00\xff garbage", b"[1, 2]", b'{"pid": "x"}', b"{" * 100000])
def test_unreadable_lock_never_blocks(tmp_path, content):
    doc = tmp_path / "p.md"
    lock_path(doc).write_bytes(content)
    assert read_lock(doc).is_stale()
    assert DocumentLock(doc).acquire() is None


def test_lost_lock_is_noticed_and_not_removed(tmp_path):
    doc = tmp_path / "p.md"
    first, second = DocumentLock(doc), DocumentLock(doc)
    first.acquire()
    assert second.acquire(force=True) is None
    assert not first.still_ours()
    first.release()  # must not remove the other instance's lock
    assert read_lock(doc).token == second.token


def test_lock_in_a_read_only_place_is_silently_skipped(tmp_path):
    doc = tmp_path / "missing-folder" / "p.md"
    lock = DocumentLock(doc)
    assert lock.acquire() is None and not lock.held
    lock.refresh()
    lock.release()


def test_pid_alive():
    assert storage.pid_alive(os.getpid())
    assert not storage.pid_alive(0) and not storage.pid_alive(-5)
