"""The class review of 30 and 200 mixed submissions: our DOCX and Markdown (variations
of the example proposal, FR and EN, some degraded), broken files (not a zip, a zip
without a document, empty, binary, truncated), as an instructor's folder holds them.

Budgets: 30 files reviewed in <= 5 s, 200 in <= 30 s, whole
``proposal-editor review FOLDER -o report.csv`` process (start-up, imports, worker
processes, report written). Also printed: the review alone in this process (default
workers and one process without workers), and ``--feedback`` for the class's DOCX.

    .venv/bin/python benchmarks/review.py             # 30 and 200, 3 runs each
    .venv/bin/python benchmarks/review.py --runs 5 --sizes 30
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _variant(language: str, n: int):
    from editor.core.example import example_proposal

    p = example_proposal(language)
    rnd = random.Random(n)
    p.metadata.title = f"{p.metadata.title} #{n}"
    p.metadata.authors = [f"Student {n}", f"Partner {n}"]
    p.diagram.path = ""
    if rnd.random() < 0.4:
        p.risks[rnd.randrange(len(p.risks))].mitigation = ""
    if rnd.random() < 0.3:
        p.kpis = []
    if rnd.random() < 0.3:
        p.sections["summary"] = p.sections["summary"][:400]
    if rnd.random() < 0.2:
        p.data_sources[0].licence = ""
    return p


def build_class(folder: Path, size: int) -> dict[str, int]:
    """``size`` submissions in ``folder``: 60 % DOCX, 30 % Markdown, 10 % broken (one folder per student)."""
    from editor.core.formats.docx import write_docx
    from editor.core.formats.markdown import write_markdown

    kinds = {"docx": 0, "md": 0, "broken": 0}
    broken = [b"PK\x03\x04 truncated", b"", b"\x00\x01\x02\x03" * 100, b"PK\x05\x06" + b"\x00" * 18]
    for n in range(size):
        student = folder / f"student-{n:03d}"
        student.mkdir(parents=True)
        language = "fr" if n % 2 else "en"
        if n % 10 == 9:
            data = broken[n % len(broken)]
            (student / ("proposal.docx" if n % 20 == 9 else "proposal.md")).write_bytes(data)
            kinds["broken"] += 1
        elif n % 10 in (6, 7, 8):
            (student / "proposal.md").write_text(write_markdown(_variant(language, n)), encoding="utf-8")
            kinds["md"] += 1
        else:
            write_docx(_variant(language, n), student / "proposal.docx")
            kinds["docx"] += 1
    return kinds


def _cli(folder: Path, out: Path, *extra: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "editor.cli", "review", str(folder), "-o", str(out), *extra],
                   check=True, capture_output=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sizes", type=int, nargs="+", default=[30, 200])
    ns = parser.parse_args()
    from editor.core.review.collect import collect_submissions
    from editor.core.review.engine import default_jobs, review_class

    print(f"load before: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} {os.getloadavg()[2]:.2f}, "
          f"{os.cpu_count()} cores")
    budgets = {30: 5.0, 200: 30.0}
    with tempfile.TemporaryDirectory() as tmp:
        for size in ns.sizes:
            folder = Path(tmp) / f"class-{size}"
            kinds = build_class(folder, size)
            _cli(folder, Path(tmp) / "warm.csv")  # disk cache, bytecode
            cli = [_cli(folder, Path(tmp) / f"r{size}.csv") for _ in range(ns.runs)]
            subs = collect_submissions([folder])
            pooled, serial = [], []
            for _ in range(ns.runs):
                t = time.perf_counter()
                review_class(subs, "en")
                pooled.append(time.perf_counter() - t)
                t = time.perf_counter()
                review_class(subs, "en", jobs=0)
                serial.append(time.perf_counter() - t)
            fb = Path(tmp) / f"fb{size}"
            feedback = []
            for _ in range(max(1, ns.runs // 2)):
                shutil.rmtree(fb, ignore_errors=True)
                feedback.append(_cli(folder, Path(tmp) / f"f{size}.csv", "--feedback", str(fb)))
            budget = budgets.get(size)
            median = statistics.median(cli)
            verdict = "" if budget is None else f" (budget <= {budget:g} s: {'OK' if median <= budget else 'OVER'})"
            print(f"{size} files ({kinds['docx']} DOCX, {kinds['md']} MD, {kinds['broken']} broken):")
            print(f"  review CLI, whole process: median {median:.2f} s, runs "
                  + ", ".join(f"{x:.2f}" for x in cli) + verdict)
            print(f"  review in process, {default_jobs(size)} workers: median {statistics.median(pooled):.2f} s; "
                  f"no workers: {statistics.median(serial):.2f} s")
            print(f"  review + --feedback CLI: median {statistics.median(feedback):.2f} s")
    print(f"load after: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} {os.getloadavg()[2]:.2f}")


if __name__ == "__main__":
    main()
