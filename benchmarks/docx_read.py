"""Reading a DOCX: the large proposal (20,000 words, 100 risks, 50 KPIs) as exported, then
edited in a word processor (one word made bold, one paragraph added, a comment), and a
hand-written document of the same size. Medians of ``--runs`` reads in this process (the
imports are paid once, before the first run).

    .venv/bin/python benchmarks/docx_read.py [--runs 5]
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.sample import large_proposal  # noqa: E402


def _median_ms(read, data: bytes, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        read(data)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    import docx

    from editor.core.formats.docx import build_docx
    from editor.core.formats.docx_read import read_docx_bytes

    proposal = large_proposal()
    exported, _warnings = build_docx(proposal)
    d = docx.Document(io.BytesIO(exported))
    paragraph = next(p for p in d.paragraphs if len(p.text) > 200)
    paragraph.runs[0].bold = True
    paragraph.insert_paragraph_before("A paragraph added in Word.")
    d.add_comment(paragraph.runs[0], text="Cite a source.", author="Prof. Martin")
    buf = io.BytesIO()
    d.save(buf)
    edited = buf.getvalue()
    by_hand = docx.Document()
    for sid, text in proposal.sections.items():
        by_hand.add_heading(sid.capitalize(), 1)
        for para in text.split("\n\n"):
            by_hand.add_paragraph(para)
    buf = io.BytesIO()
    by_hand.save(buf)
    written = buf.getvalue()
    read_docx_bytes(exported)  # imports and caches, once
    with tempfile.TemporaryDirectory():
        for label, data in (("our export, unchanged", exported), ("our export, edited in Word", edited),
                            ("written by hand in Word", written)):
            print(f"{label:30} {len(data) / 1e6:5.2f} MB  read {_median_ms(read_docx_bytes, data, runs):7.0f} ms "
                  f"(median of {runs})")


if __name__ == "__main__":
    main()
