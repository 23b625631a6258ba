"""Every case of the hostile corpus through each command, one at a time, and how long it took.

Budget: 5 s a run, whole process (the CLI's start included). The corpus and the runner are the
test suite's (tests/hostile/); here the runs are sequential, so each has the machine to itself.
Cases the suite marks as known to be slow (xfail) are shown with the reason; a DOCX or PDF export
over budget whose Markdown export (the same reading, checking and writing, without the DOCX/PDF
writer) stayed within it is marked as the writer's.

Run: .venv/bin/python benchmarks/hostile.py [--only TEXT] [--timeout 60]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.hostile.corpus import Corpus, cases  # noqa: E402
from tests.hostile.runner import ConnectionTrap, run_one  # noqa: E402

BUDGET_S = 5.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default="", help="only the cases whose name contains this")
    parser.add_argument("--timeout", type=float, default=60.0, help="stop a run after this many seconds")
    args = parser.parse_args()
    chosen = [case for case in cases() if args.only in case.name]
    trap = ConnectionTrap()
    print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    with tempfile.TemporaryDirectory(prefix="hostile-") as folder:
        corpus = Corpus(Path(folder), trap.port)
        started = time.perf_counter()
        corpus.build(chosen)
        print(f"corpus: {len(chosen)} cases built in {time.perf_counter() - started:.1f} s\n")
        print(f"{'case':34} {'command':8} {'exit':>4} {'seconds':>8}")
        over, worst = [], 0.0
        for case in chosen:
            times: dict[str, float] = {}
            for command in case.commands():
                run = run_one(case, command, corpus, args.timeout)
                times[command] = run.seconds
                worst = max(worst, run.seconds)
                verdict = "" if run.seconds <= BUDGET_S else "  OVER BUDGET"
                known = f"  (known: {case.slow[command]})" if command in case.slow else ""
                if verdict and not known and command in ("docx", "pdf") and times.get("md", BUDGET_S) < BUDGET_S:
                    known = f"  (the {command.upper()} writer: the Markdown export took {times['md']:.2f} s)"
                if verdict:
                    over.append(f"{case.name} {command}")
                exit_code = "kill" if run.rc is None else run.rc
                print(f"{case.name:34} {command:8} {exit_code:>4} {run.seconds:8.2f}{verdict}{known}", flush=True)
    trap.close()
    print(f"\nslowest run {worst:.2f} s (budget {BUDGET_S:.0f} s); over budget: {len(over)}"
          + (f" ({', '.join(over)})" if over else ""))
    print(f"network connections: {trap.connections}")
    print(f"load average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0 if not over else 1


if __name__ == "__main__":
    sys.exit(main())
