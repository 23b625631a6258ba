"""What the fixed stack alone costs at start-up, before any of the app's own work.

The start-up budget compares the app with the floor of its stack, not a bare window. This
script measures that bare window again with, one at a time, the two things any
window of this project pays and the bare one does not:

- ``Qt namespace``: the window touches ``PySide6.QtCore.Qt`` (an alignment, an item
  role, a dock area...). PySide6 then builds a Python enum class for every enum of
  the namespace at once (93 of them), which the bare window never does;
- ``pydantic model``: pydantic (fixed by the design card for the document model)
  imported and one one-field model defined and validated before the window.

``both`` is the floor: the bare window plus those two, and nothing of the app (no
file read, no guide, no section list, no menus). ``our core`` adds the app's real
core as ``editor/app/main.py`` imports it (model, guide, Markdown reader, check) to
the bare window; ``the app`` is ``startup.py``'s app run (the large sample open),
compared with the floor as well as with the bare window. Each run is a fresh process timed as in ``startup.py``
(``gui_probe.py``); runs alternate over the variants, medians are compared.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/startup_floor.py [--runs 9] [--dev]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.gui_probe import APP, BARE, compile_catalogs, new_tmp, probe, probe_env, write_large_sample  # noqa: E402

_PYDANTIC = """
import pydantic
class _Model(pydantic.BaseModel):
    x: int = 0
_Model.model_validate({'x': 1})
"""
_QT_NAMESPACE = "from PySide6.QtCore import Qt\nQt.AlignmentFlag\nwindow = QMainWindow()"
_CORE = """
import editor.core.formats.markdown
import editor.core.checks
"""

VARIANTS = {
    "bare window": BARE,
    "+ Qt namespace": BARE.replace("window = QMainWindow()", _QT_NAMESPACE),
    "+ pydantic model": _PYDANTIC + BARE,
    "+ both (the floor)": _PYDANTIC + BARE.replace("window = QMainWindow()", _QT_NAMESPACE),
    "+ our core": _CORE + BARE,
    "the app": APP,
}
FLOOR = "+ both (the floor)"
BUDGET = 1.25  # the app against the floor


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--dev", action="store_true", help="the source tree as it is (no bytecode cache)")
    args = parser.parse_args(argv)
    with new_tmp() as tmp_name:
        if not args.dev:
            compile_catalogs()
        env = probe_env(Path(tmp_name), installed=not args.dev)
        sample = write_large_sample(Path(tmp_name))
        print(f"{'dev tree' if args.dev else 'as installed'}; {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.2f}")
        for code in VARIANTS.values():
            probe(code, env, sample)  # warm-up
        times: dict[str, list[float]] = {name: [] for name in VARIANTS}
        for _ in range(args.runs):
            for name, code in VARIANTS.items():
                times[name].append(probe(code, env, sample)["ms"])
        bare = statistics.median(times["bare window"])
        for name, values in times.items():
            median = statistics.median(values)
            print(f"{name:20s}: {median:6.0f} ms median (min {min(values):.0f}, max {max(values):.0f})"
                  f"  = {median / bare:.2f}x bare")
        floor = statistics.median(times[FLOOR])
        app = statistics.median(times["the app"])
        print(f"load average {os.getloadavg()[0]:.2f} after the runs")
        print(f"budget {BUDGET}x the floor = {BUDGET * floor:.0f} ms; the floor alone is {floor / bare:.2f}x bare, "
              f"leaving {BUDGET * floor - floor:.0f} ms for reading the file and building the real window")
        print(f"the app: {app / bare:.2f}x bare, {app / floor:.2f}x the floor "
              f"-> {'OK' if app <= BUDGET * floor else 'OVER BUDGET'}")
        return 0


if __name__ == "__main__":
    sys.exit(main())
