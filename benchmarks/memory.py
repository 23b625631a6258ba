"""Peak memory of the GUI with the 20,000-word proposal open, against a bare
PySide6 QMainWindow with a QTabWidget, with what the stack alone costs beside it.

Budget: at most 1.5x the bare window's peak. Each variant is a fresh process (see
``gui_probe.py``); its peak resident set size (``VmHWM`` in ``/proc/self/status``) is
read once the window has been painted and the event loop has then run ``--settle``
milliseconds more (default 3000: the work that waits for the first paint, the
guide check, the tips, recovery, is done by then). Medians of ``--runs`` runs, the
variants alternating.

Beside the bare window and the app (the real ``run()`` with the large sample of
``sample.py`` open: 20,000 words, 100 risks, 50 KPIs), the same probe measures:

- ``the floor``: the bare window with pydantic and the ``Qt`` namespace (as
  ``startup_floor.py`` defines it), what any window of this stack pays;
- ``the app, untitled``: the app started with no file (an empty proposal: its
  first page, guide tips, check, review and recovery, and no text);
- with ``--peers``: ReText and novelWriter with the same text open, from the
  virtualenv of ``startup_peers.py`` (installed from PyPI on first use).

Only the ratio to the bare window has a budget; the others are printed to show
where the memory goes.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/memory.py [--runs 3] [--settle 3000] [--peers]
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.gui_probe import (  # noqa: E402
    APP, APP_UNTITLED, BARE, compile_catalogs, new_tmp, probe, probe_env, write_large_sample)
from benchmarks.startup_floor import FLOOR, VARIANTS  # noqa: E402

BUDGET = 1.5
APP_NAME = "the app + file"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--settle", type=int, default=3000, help="ms of event loop after the first paint")
    parser.add_argument("--peers", action="store_true", help="also ReText and novelWriter with the same text open")
    parser.add_argument("--venv", type=Path, default=Path.home() / ".cache" / "mlops-proposal-editor" / "bench-peers",
                        help="the peers' virtualenv (with --peers)")
    args = parser.parse_args(argv)
    with new_tmp() as tmp_name:
        tmp = Path(tmp_name)
        compile_catalogs()
        env = probe_env(tmp)
        file = write_large_sample(tmp)
        variants = {
            "bare window": (BARE, env, None, None),
            "the floor": (VARIANTS[FLOOR], env, None, None),
            "the app, untitled": (APP_UNTITLED, env, None, None),
            APP_NAME: (APP, env, file, None),
        }
        if args.peers:
            from benchmarks.startup_peers import peer_variants, peers_python

            peers = peer_variants(tmp, env, file, peers_python(args.venv))
            variants.update({f"{name} + file": spec for name, spec in peers.items()})
        for code, env_, file_, python in variants.values():
            probe(code, env_, file_, python=python)  # warm-up: bytecode, font caches
        rows: dict[str, list[dict]] = {name: [] for name in variants}
        for _ in range(args.runs):
            for name, (code, env_, file_, python) in variants.items():
                rows[name].append(probe(code, env_, file_, settle_ms=args.settle, python=python))

        def mib(name: str, key: str = "hwm_settled") -> float:
            return statistics.median(r[key] for r in rows[name]) / 1024

        print(f"proposal: {file.name} ({len(file.read_text(encoding='utf-8').split()):,} words, 100 risks, 50 KPIs); "
              f"peak RSS after {args.settle} ms of settling, median of {args.runs}")
        bare = mib("bare window")
        for name in variants:
            print(f"{name:20s}: peak {mib(name):6.1f} MiB (at first paint {mib(name, 'hwm_paint'):5.1f})"
                  f"  = {mib(name) / bare:.2f}x bare")
        app = mib(APP_NAME)
        others = [n for n in variants if n not in ("bare window", APP_NAME)]
        print("the app + file against: " + ", ".join(f"{n} {app / mib(n):.2f}x" for n in others) + " (no budget)")
        ratio = app / bare
        print(f"ratio app/bare: {ratio:.2f} (budget {BUDGET}) -> {'OK' if ratio <= BUDGET else 'OVER BUDGET'}")
        return 0 if ratio <= BUDGET else 1


if __name__ == "__main__":
    sys.exit(main())
