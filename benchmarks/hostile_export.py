"""Exports of hostile prose: each case must render to DOCX and to HTML (preview, PDF) in at
most 5 s, linear in its size, with nothing lost.

Cases (``--scale 1`` is the full size; the default 0.2 keeps a run short): a one-line
paragraph of 10 MB full of emphasis and link marks, 100,000 nested ``[`` and ``>``,
lists nested 2,000 levels deep, 400,000 web addresses after an open bracket, a 5 MB www
link closed by 100,000 parentheses, a GFM table of 199,000 rows in the prose.

    .venv/bin/python benchmarks/hostile_export.py            # a fifth of the sizes
    .venv/bin/python benchmarks/hostile_export.py --scale 1  # the full sizes
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

BUDGET_S = 5.0


def cases(scale: float) -> dict[str, str]:
    n = lambda count: max(1, int(count * scale))  # noqa: E731
    return {
        "10 MB paragraph of marks": "*a_ **[ ![ ~~x` <b & " * n(10_000_000 // 20),
        "100,000 nested [": "[" * n(100_000),
        "100,000 nested >": ">" * n(100_000) + " deep",
        "quotes 1..2,000 deep": "\n".join(">" * i + " deep" for i in range(1, n(2_000))),
        "lists nested 2,000 deep": "".join("  " * i + "- x\n" for i in range(n(2_000))),
        "URLs in an open bracket": "[ " + "http://a.bc/x" * n(400_000),
        "one 5 MB www link": "(www.a" * n(800_000) + ")" * n(100_000),
        "table of 199,000 rows": "| id | text |\n|---|---|\n" + "".join(f"| {i} | row {i} |\n" for i in range(n(199_000))),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=0.2, help="fraction of the full sizes (default 0.2)")
    args = parser.parse_args()
    from editor.core.export.html import proposal_to_html
    from editor.core.formats.docx_write import build_docx
    from editor.core.model import Proposal

    import os

    print(f"scale {args.scale}; load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs "
          "(wall-clock seconds, and CPU seconds, which other jobs disturb less)")
    worst = 0.0
    for name, text in cases(args.scale).items():
        proposal = Proposal.new("en")
        proposal.sections["context"] = text
        wall, cpu = time.perf_counter(), time.process_time()
        data, _warnings = build_docx(proposal)
        docx_s, docx_cpu = time.perf_counter() - wall, time.process_time() - cpu
        wall, cpu = time.perf_counter(), time.process_time()
        proposal_to_html(proposal)
        html_s, html_cpu = time.perf_counter() - wall, time.process_time() - cpu
        worst = max(worst, docx_s, html_s)
        print(f"{name:28s} {len(text) / 1e6:6.2f} MB  DOCX {docx_s:5.2f} s (CPU {docx_cpu:5.2f}, {len(data) / 1e6:4.1f} MB)"
              f"  HTML {html_s:5.2f} s (CPU {html_cpu:5.2f})  {'OK' if max(docx_s, html_s) <= BUDGET_S else 'OVER BUDGET'}")
    print(f"worst {worst:.2f} s (budget {BUDGET_S:.0f} s per case); load average {os.getloadavg()[0]:.2f} after")
    return 0 if worst <= BUDGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
