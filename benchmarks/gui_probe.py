"""Fresh-process probes of the GUI, shared by ``startup.py`` and ``memory.py``.

Each probe is a new interpreter (``python -c``) that builds either the bare
reference (a PySide6 ``QMainWindow`` with a ``QTabWidget``, 1280x800) or the
real app (``editor.app.main.run`` with a proposal file), and reports once the
window has been painted for the first time:

- ``ms``: wall-clock milliseconds from the parent's timestamp taken just before
  starting the process (``BENCH_T0`` in the environment, ``time.time()`` on both
  sides) to the end of the first paint of the main window;
- ``hwm_paint``: peak RSS (``VmHWM`` of ``/proc/self/status``, KiB) at that moment;
- ``hwm_settled`` (with ``settle_ms``): peak RSS after the event loop has run for
  ``settle_ms`` more milliseconds (deferred work done: check, tips, preview...);
- ``modules``: whether heavy modules had been imported at first paint.

The first paint is seen by an event filter on the main window alone, installed
the first time the program lets events run with its main window shown (its
``QApplication`` is the probe's subclass, whose ``exec`` and ``processEvents`` do
that; nothing can be painted before events run): it removes itself at the
window's first ``Paint`` event (a paint pass starts with the top-level widget); a
zero-delay timer set there fires once that paint pass is over, which is when the
figures are taken. Every variant
is probed the same way. An application-wide filter would tax each variant by its
number of events, every one a Python call (about 2,400 events before the app's
first paint, 120 for the bare window), and make PySide6 build the Python types of
every Qt class those events name.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("pyqtgraph", "numpy", "docx", "lxml", "markdown", "cmarkgfm", "editor.core.checks",
         "editor.core.export.html", "editor.app.charts")

# The first-paint probe, for either binding (``startup_peers.py`` gives it to PyQt6 programs):
# the code around it binds QEvent, QObject, QTimer, ``_painted`` and the binding's
# ``_Application`` and ``_MainWindow``.
FIRST_PAINT = r"""
class _FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            obj.removeEventFilter(self)
            QTimer.singleShot(0, _painted)
        return False

_filter = _FirstPaint()
_watched = []

def _watch_main_window(last_chance=False):
    # Called whenever the program lets events run: nothing can have been painted before.
    if _watched:
        return
    shown = [w for w in _Application.topLevelWidgets() if isinstance(w, _MainWindow) and w.isVisible()]
    if shown:
        _watched.append(shown[0])
        shown[0].installEventFilter(_filter)
    elif last_chance:
        raise SystemExit('probe: no main window shown when the event loop starts')

class _ProbedApplication(_Application):
    @staticmethod
    def processEvents(*args):
        _watch_main_window()
        return _Application.processEvents(*args)

    def exec(self):
        _watch_main_window(last_chance=True)
        return super().exec()
"""

# What a probe reports, for either binding: the code around it imports os, sys, time and
# json and binds QTimer; the binding's first-paint probe (FIRST_PAINT) calls ``_painted``.
REPORT = r"""
def _hwm():
    with open('/proc/self/status') as fh:
        for line in fh:
            if line.startswith('VmHWM:'):
                return int(line.split()[1])
    return 0

_report = {}
_SETTLE = int(os.environ.get('BENCH_SETTLE_MS', '0'))
_HEAVY = json.loads(os.environ['BENCH_HEAVY'])

def _done():
    _report['hwm_settled'] = _hwm()
    print('BENCH ' + json.dumps(_report), flush=True)
    os._exit(0)

def _painted():
    _report['ms'] = (time.time() - float(os.environ['BENCH_T0'])) * 1000
    _report['hwm_paint'] = _hwm()
    _report['modules'] = {m: m in sys.modules for m in _HEAVY}
    if _SETTLE:
        QTimer.singleShot(_SETTLE, _done)
    else:
        _done()
"""

_PRELUDE = r"""
import os, sys, time, json
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
""" + REPORT + r"""
_Application, _MainWindow = QApplication, QMainWindow
""" + FIRST_PAINT + r"""
app = _ProbedApplication(['bench'])
"""

BARE = _PRELUDE + r"""
from PySide6.QtWidgets import QTabWidget, QWidget
window = QMainWindow()
tabs = QTabWidget(window)
tabs.addTab(QWidget(), 'Tab')
window.setCentralWidget(tabs)
window.resize(1280, 800)
window.show()
sys.exit(app.exec())
"""

# The app starts as the ``proposal-editor`` script starts it: ``editor.cli`` first (it
# brings the core), then ``editor.app.main`` (PySide6) as ``cmd_gui`` imports it, then the
# probe's filter and QApplication (which ``run()`` reuses), then the command line.
_APP_START = r"""
from editor import cli
import editor.app.main
""" + _PRELUDE
APP = _APP_START + "sys.exit(cli.main([os.environ['BENCH_FILE'], '--lang', 'en']))\n"
APP_UNTITLED = _APP_START + "sys.exit(cli.main(['--lang', 'en']))\n"  # an empty, untitled proposal


def write_large_sample(folder: Path) -> Path:
    """The 20,000-word proposal of ``sample.py`` saved as Markdown in ``folder``."""
    sys.path.insert(0, str(ROOT))
    from benchmarks.sample import large_proposal
    from editor.core.formats.markdown import write_markdown

    path = folder / "large.md"
    path.write_text(write_markdown(large_proposal()), encoding="utf-8")
    return path


def probe_env(tmp: Path, installed: bool = True) -> dict[str, str]:
    """Environment of the probes: offscreen, own HOME; 'as installed' = bytecode cached."""
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env["HOME"] = env["XDG_CONFIG_HOME"] = str(tmp / "home")
    env["XDG_DATA_HOME"] = env["XDG_STATE_HOME"] = env["XDG_CACHE_HOME"] = str(tmp / "home")
    (tmp / "home").mkdir(exist_ok=True)
    env["BENCH_HEAVY"] = json.dumps(HEAVY)
    if installed:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(tmp / "pycache")
    return env


def probe(code: str, env: dict[str, str], file: Path | None = None, settle_ms: int = 0,
          python: Path | None = None) -> dict:
    """Run one fresh process (of ``python``, by default this interpreter); its report (see the module docstring)."""
    env = dict(env, BENCH_SETTLE_MS=str(settle_ms))
    if file is not None:
        env["BENCH_FILE"] = str(file)
    env["BENCH_T0"] = repr(time.time())
    out = subprocess.run([str(python or sys.executable), "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
                         timeout=120)
    for line in out.stdout.splitlines():
        if line.startswith("BENCH "):
            return json.loads(line[6:])
    raise SystemExit(f"probe failed (exit {out.returncode}):\n{out.stderr[-3000:]}")


def compile_catalogs() -> None:
    """The French catalog compiled as an installation has it (see export_docx.py)."""
    try:
        from benchmarks.export_docx import compile_catalogs as compile_
    except Exception:  # noqa: BLE001 - the benchmark still runs, only a little slower
        return
    compile_()


def new_tmp() -> tempfile.TemporaryDirectory:
    return tempfile.TemporaryDirectory(prefix="bench-gui-")
