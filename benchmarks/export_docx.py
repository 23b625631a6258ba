"""DOCX export of a 20,000-word proposal with 100 risks, 50 KPIs and both charts,
whole process from the CLI, against pandoc converting the same Markdown to DOCX.

Budget (issues 5 and 8): faster than pandoc. Each side is a fresh process, timed
wall-clock, median of 5 runs. pandoc comes from Debian (`apt-get install pandoc`).
Run: .venv/bin/python benchmarks/export_docx.py
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.sample import large_proposal  # noqa: E402
from editor.core.formats.markdown import write_markdown  # noqa: E402

RUNS = 5


def wall(cmd: list[str], env: dict[str, str]) -> float:
    samples = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> int:
    pandoc = shutil.which("pandoc")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "large.md"
        src.write_text(write_markdown(large_proposal()), encoding="utf-8")
        ours = wall([sys.executable, "-m", "editor.cli", "export", str(src), "--to", "docx", "-o", str(Path(tmp) / "ours.docx")], env)
        size = (Path(tmp) / "ours.docx").stat().st_size
        print(f"ours  : {ours * 1000:7.0f} ms median of {RUNS} (whole process, charts included), {size / 1e6:.2f} MB")
        if not pandoc:
            print("pandoc: not installed (apt-get install pandoc); no comparison")
            return 2
        theirs = wall([pandoc, str(src), "-f", "gfm", "-o", str(Path(tmp) / "pandoc.docx")], env)
        print(f"pandoc: {theirs * 1000:7.0f} ms median of {RUNS} ({subprocess.run([pandoc, '--version'], capture_output=True, text=True).stdout.splitlines()[0]})")
        ratio = ours / theirs
        print(f"ratio ours/pandoc: {ratio:.2f} -> {'OK (faster)' if ratio < 1 else 'SLOWER than pandoc'}")
        return 0 if ratio < 1 else 1


if __name__ == "__main__":
    sys.exit(main())
