"""Start-up cost of the charts: the app without pyqtgraph, and what pyqtgraph adds.

Each scenario runs in a fresh interpreter (``-X importtime`` free, wall clock
around the work) so module caches do not flatter later runs; the median of
``--runs`` runs is printed in milliseconds.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/startup_charts.py --runs 5

Scenarios
  window         QApplication + main window built (what the user waits for);
                 also reports whether pyqtgraph/numpy got imported (they must not).
  window+charts  the same, then the risk tab's matrix built (pyqtgraph + numpy loaded).
  import-pg      ``import pyqtgraph`` alone, on top of PySide6.
  matrix-png     one 1800 px risk-matrix PNG rendered offscreen (the CLI/export path).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_PRELUDE = """
import json, sys, time, tempfile
t0 = time.perf_counter()
from PySide6.QtWidgets import QApplication
app = QApplication.instance() or QApplication(['bench'])
"""

_WINDOW = """
from editor.app.main import create_window
from editor.app.settings import AppSettings
settings = AppSettings(tempfile.mkdtemp() + '/settings.ini')
window = create_window(settings, None, False, 'en')
app.processEvents()
"""

SCENARIOS = {
    "window": _PRELUDE + _WINDOW,
    "window+charts": _PRELUDE + _WINDOW + """
from editor.app.charts import RiskMatrixView
view = RiskMatrixView()
app.processEvents()
""",
    "import-pg": _PRELUDE + """
import pyqtgraph
""",
    "matrix-png": _PRELUDE + """
from editor.core.model import Proposal, Risk
from editor.app.charts import render_risk_matrix_png
p = Proposal.new('en'); p.risks = [Risk(id='R1', likelihood=4, impact=4)]
data = render_risk_matrix_png(p, 'en')
""",
}

_EPILOGUE = """
elapsed = (time.perf_counter() - t0) * 1000
print(json.dumps({'ms': elapsed, 'pyqtgraph': 'pyqtgraph' in sys.modules, 'numpy': 'numpy' in sys.modules}))
"""


def run_once(code: str) -> dict:
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    with tempfile.TemporaryDirectory() as home:
        env["HOME"] = home  # settings and autosave of the run stay out of the user's files
        env["XDG_CONFIG_HOME"] = home
        out = subprocess.run(
            [sys.executable, "-c", code + _EPILOGUE], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
        )
    if out.returncode != 0:
        raise SystemExit(f"scenario failed:\n{out.stderr[-2000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("scenarios", nargs="*", default=list(SCENARIOS))
    args = parser.parse_args(argv)
    print(f"{'scenario':<15}{'median ms':>10}{'min ms':>9}  pyqtgraph numpy")
    for name in args.scenarios:
        results = [run_once(SCENARIOS[name]) for _ in range(args.runs)]
        times = [r["ms"] for r in results]
        last = results[-1]
        print(
            f"{name:<15}{statistics.median(times):>10.0f}{min(times):>9.0f}  "
            f"{'loaded' if last['pyqtgraph'] else 'no':<9} {'loaded' if last['numpy'] else 'no'}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
