"""Start-up to the first painted window, the app with a real proposal open
against a bare PySide6 QMainWindow with a QTabWidget.

The budget is against the floor of the stack (at most 1.25x, see ``startup_peers.py``);
this script shows the app against the bare window. Each run is a fresh process,
timed from just before it starts to the end of the window's first paint (see
``gui_probe.py``); the runs alternate bare / app so both see the same load, and
medians are compared. It also lists which heavy modules were already imported
at the first paint (they must not be: pyqtgraph, numpy, python-docx, lxml,
Markdown, the check...).

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/startup.py           # 20,000-word sample
    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/startup.py --example # the shipped example
    .venv/bin/python benchmarks/startup.py --runs 9 --dev

"As installed" (default): bytecode cached in a temporary PYTHONPYCACHEPREFIX and
the French catalog compiled, as in an installation; ``--dev`` runs the tree as is.
One untimed warm-up run of each comes first.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.gui_probe import APP, BARE, ROOT, compile_catalogs, new_tmp, probe, probe_env, write_large_sample  # noqa: E402



def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--example", action="store_true", help="open the shipped example instead of the large sample")
    parser.add_argument("--dev", action="store_true", help="the source tree as it is (no bytecode cache)")
    args = parser.parse_args(argv)
    with new_tmp() as tmp_name:
        tmp = Path(tmp_name)
        if not args.dev:
            compile_catalogs()
        env = probe_env(tmp, installed=not args.dev)
        file = ROOT / "resources" / "examples" / "en.md" if args.example else write_large_sample(tmp)
        print(f"proposal: {file.name} ({len(file.read_text(encoding='utf-8').split()):,} words); "
              f"{'dev tree' if args.dev else 'as installed'}; {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.2f}")
        probe(BARE, env)
        probe(APP, env, file)  # warm-up
        bare, ours = [], []
        last = {}
        for _ in range(args.runs):
            bare.append(probe(BARE, env)["ms"])
            last = probe(APP, env, file)
            ours.append(last["ms"])
        b, o = statistics.median(bare), statistics.median(ours)
        print(f"bare window : {b:6.0f} ms median (min {min(bare):.0f}, max {max(bare):.0f})")
        print(f"app + file  : {o:6.0f} ms median (min {min(ours):.0f}, max {max(ours):.0f})")
        loaded = [m for m, yes in last["modules"].items() if yes]
        print(f"heavy modules loaded before the first paint: {', '.join(loaded) or 'none'}")
        print(f"load average {os.getloadavg()[0]:.2f} after the runs")
        ratio = o / b
        print(f"ratio app/bare: {ratio:.2f} (the budget is against the floor: startup_floor.py, startup_peers.py)")
        return 0


if __name__ == "__main__":
    sys.exit(main())
