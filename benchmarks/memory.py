"""Peak memory of the GUI with the 20,000-word proposal open, against a bare
PySide6 QMainWindow with a QTabWidget.

Budget: at most 1.5x the bare window's peak. Each side is a fresh
process (see ``gui_probe.py``); its peak resident set size (``VmHWM`` in
``/proc/self/status``) is read once the window has been painted and the event
loop has then run ``--settle`` milliseconds more (default 3000: the work that
waits for the first paint, the guide check, the tips, recovery, is done by then).
The app is the real ``run()`` with the large sample (``sample.py``: 20,000 words,
100 risks, 50 KPIs) open. Medians of ``--runs`` runs.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/memory.py [--runs 3] [--settle 3000]
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.gui_probe import APP, BARE, compile_catalogs, new_tmp, probe, probe_env, write_large_sample  # noqa: E402

BUDGET = 1.5


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--settle", type=int, default=3000, help="ms of event loop after the first paint")
    args = parser.parse_args(argv)
    with new_tmp() as tmp_name:
        tmp = Path(tmp_name)
        compile_catalogs()
        env = probe_env(tmp)
        file = write_large_sample(tmp)
        probe(APP, env, file)  # warm-up: bytecode
        bare = [probe(BARE, env, settle_ms=args.settle) for _ in range(args.runs)]
        ours = [probe(APP, env, file, settle_ms=args.settle) for _ in range(args.runs)]

        def mib(rows: list[dict], key: str) -> float:
            return statistics.median(r[key] for r in rows) / 1024

        print(f"proposal: {file.name} ({len(file.read_text(encoding='utf-8').split()):,} words, 100 risks, 50 KPIs)")
        print(f"bare window : peak {mib(bare, 'hwm_settled'):6.1f} MiB (at first paint {mib(bare, 'hwm_paint'):.1f})")
        print(f"app + file  : peak {mib(ours, 'hwm_settled'):6.1f} MiB (at first paint {mib(ours, 'hwm_paint'):.1f})")
        ratio = mib(ours, "hwm_settled") / mib(bare, "hwm_settled")
        print(f"ratio app/bare: {ratio:.2f} (budget {BUDGET}) -> {'OK' if ratio <= BUDGET else 'OVER BUDGET'}")
        return 0 if ratio <= BUDGET else 1


if __name__ == "__main__":
    sys.exit(main())
