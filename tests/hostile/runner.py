"""Running the hostile corpus: each case through each command in a fresh process, with a time limit.

A run has its own empty working folder and output folder; what it wrote, printed and took is kept
in a :class:`Run` for the tests (``test_corpus``) and the benchmark (``benchmarks/hostile.py``).
"""

from __future__ import annotations

import io
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import zipfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from tests.hostile.corpus import Case, Corpus

ROOT = Path(__file__).resolve().parents[2]
OUTPUTS = {"md": "out.md", "docx": "out.docx", "pdf": "out.pdf"}


@dataclass
class Run:
    case: str
    command: str
    rc: int | None  # None: still running at the time limit (killed)
    seconds: float
    stdout: str
    stderr: str
    outputs: dict[str, bytes]  # every file the run left in its output folder (DOCX members inflated)
    cwd_left: list[str]  # files left in its working folder (there should be none)


def command_line(case: Case, command: str, corpus: Corpus, extra: tuple[str, ...] = ()) -> list[str]:
    source = str(corpus.folder(case) / case.file)
    if command == "open":
        return [sys.executable, "-m", "tests.hostile.open_driver", source]
    if command == "check":
        return [sys.executable, "-m", "editor.cli", "check", source, "--lang", "en"]
    out = corpus.root / "out" / f"{case.name}-{command}{'-' + '-'.join(extra) if extra else ''}"
    return [sys.executable, "-m", "editor.cli", "export", source, "--to", command, "-o",
            str(out / OUTPUTS[command]), "--lang", "en", *extra]


def run_one(case: Case, command: str, corpus: Corpus, timeout: float, extra: tuple[str, ...] = ()) -> Run:
    """One command on one case in a fresh process (its whole process group killed past ``timeout``)."""
    tag = f"{case.name}-{command}{'-' + '-'.join(extra) if extra else ''}"
    out, cwd = corpus.root / "out" / tag, corpus.root / "cwd" / tag
    out.mkdir(parents=True, exist_ok=True)
    cwd.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen", "LANG": "C.UTF-8",
           "PROPOSAL_EDITOR_DATA_DIR": str(corpus.root / "data"), "PROPOSAL_EDITOR_CONFIG_DIR": str(corpus.root / "config")}
    env.pop("PROPOSAL_EDITOR_DEBUG", None)
    start = time.perf_counter()
    proc = subprocess.Popen(command_line(case, command, corpus, extra), cwd=cwd, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, start_new_session=True)
    try:
        stdout, stderr = proc.communicate(timeout=timeout)
        rc = proc.returncode
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)  # the export's chart worker too
        stdout, stderr = proc.communicate()
        rc = None
    seconds = time.perf_counter() - start
    return Run(case.name, command, rc, seconds, stdout.decode("utf-8", "replace")[-20000:],
               stderr.decode("utf-8", "replace")[-20000:], _outputs(out), sorted(p.name for p in cwd.iterdir()))


def _outputs(folder: Path) -> dict[str, bytes]:
    found: dict[str, bytes] = {}
    for path in sorted(folder.rglob("*")):
        if path.is_symlink() or not path.is_file():
            found[str(path.relative_to(folder))] = b""
            continue
        data = path.read_bytes()
        found[str(path.relative_to(folder))] = data
        if path.suffix == ".docx":
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                for name in archive.namelist():
                    found[f"{path.name}!{name}"] = archive.read(name)
    return found


def run_all(cases: list[Case], corpus: Corpus, timeout: float, workers: int | None = None) -> dict[tuple[str, str], Run]:
    """Every case through each of its commands, ``workers`` at a time (the machine's cores by default)."""
    jobs = [(case, command) for case in cases for command in case.commands()]
    # The slowest first, so the pool's last minutes are not one long run alone.
    jobs.sort(key=lambda job: (job[1] not in ("docx", "pdf"), job[0].name))
    with ThreadPoolExecutor(max_workers=workers or os.cpu_count() or 2) as pool:
        futures = {(case.name, command): pool.submit(run_one, case, command, corpus, timeout) for case, command in jobs}
    return {key: future.result() for key, future in futures.items()}


def snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    """Every entry below ``folder`` (links and pipes as they are) with its size and modification time."""
    entries = {}
    for path in sorted(folder.rglob("*")):
        info = path.lstat()
        entries[str(path.relative_to(folder))] = (info.st_size, info.st_mtime_ns)
    return entries


class ConnectionTrap:
    """A local server that counts the connections made to it (a hostile file's web addresses point here)."""

    def __init__(self) -> None:
        self.server = socket.socket()
        self.server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.server.bind(("127.0.0.1", 0))
        self.server.listen(16)
        self.port = self.server.getsockname()[1]
        self.connections = 0
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _address = self.server.accept()
            except OSError:
                return
            self.connections += 1
            conn.close()

    def close(self) -> None:
        self.server.close()
