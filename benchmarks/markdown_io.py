"""Markdown read and write of a 20,000-word proposal with 100 risks and 50 KPIs.

Budget: under 50 ms each. Prints the median of repeated runs.
Run: .venv/bin/python benchmarks/markdown_io.py
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.sample import large_proposal  # noqa: E402
from editor.core.checks import check, count_words  # noqa: E402
from editor.core.formats.markdown import read_markdown, write_markdown  # noqa: E402

BUDGET_MS = 50.0


def timed(fn, repeat: int = 15) -> float:
    fn()  # warm caches (guide data, catalogs)
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def main() -> int:
    p = large_proposal()
    text = write_markdown(p)
    words = sum(count_words(t) for t in p.sections.values())
    write_ms = timed(lambda: write_markdown(p))
    read_ms = timed(lambda: read_markdown(text))
    check_ms = timed(lambda: check(p))
    print(f"proposal: {words} words in sections, {len(p.risks)} risks, {len(p.kpis)} KPIs, {len(text) / 1e3:.0f} kB of Markdown")
    ok = True
    for name, ms in (("write", write_ms), ("read", read_ms)):
        verdict = "OK" if ms < BUDGET_MS else "OVER BUDGET"
        ok &= ms < BUDGET_MS
        print(f"markdown {name:5}: {ms:7.1f} ms median (budget {BUDGET_MS:.0f} ms, {ms / BUDGET_MS:.2f}x) {verdict}")
    print(f"guide check : {check_ms:7.1f} ms median")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
