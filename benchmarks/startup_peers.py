"""Start-up side by side: the app, the floor of its stack, and the desktop writing apps a
student would compare it with (novelWriter and ReText), each with a 20,000-word text open.

Every run is a fresh process timed from just before it starts to the end of its main
window's first paint, the same way for all (``gui_probe.py``: an event filter on the main
window alone, installed when the program first lets events run with that window shown,
sees its first Paint; a zero-delay timer after it takes the time). The peers are PyQt6
programs: a small wrapper gives them the same probe (their ``QApplication`` replaced by
the probe's subclass before their own code runs), then starts them as their command would.
novelWriter lets events run (``processEvents``) right after showing its window, before it
opens the project: its figure is that first paint, as the app's is.
They open the same text as the app (the large sample of ``sample.py``): ReText the
Markdown file, novelWriter its own sample project with that text as the document open in
the editor.
Runs alternate over the variants so that all see the same load; medians are compared.

Budgets (start-up): the app at most 1.25x the floor (bare window + pydantic + the ``Qt``
namespace, ``startup_floor.py``), and no slower than either peer.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/startup_peers.py [--runs 7]

The peers are installed once, from PyPI, into their own virtualenv (``--venv``, by
default in the user's cache folder), never into the app's.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import venv
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.gui_probe import (  # noqa: E402
    APP, BARE, FIRST_PAINT, REPORT, compile_catalogs, new_tmp, probe, probe_env, write_large_sample)
from benchmarks.startup_floor import FLOOR, VARIANTS  # noqa: E402

FLOOR_BUDGET = 1.25
PEERS = {"novelWriter": "novelwriter==26.2.2", "ReText": "retext==8.1.0"}

# The probe of gui_probe.py, for PyQt6: the filter is installed on the peer's own QApplication,
# and the same report (time to the first paint, peak RSS then and after settling) is printed.
_PEER_PRELUDE = r"""
import os, sys, time, json
from PyQt6 import QtWidgets
from PyQt6.QtCore import QEvent, QObject, QTimer
""" + REPORT + r"""
_Application, _MainWindow = QtWidgets.QApplication, QtWidgets.QMainWindow
""" + FIRST_PAINT + r"""
QtWidgets.QApplication = _ProbedApplication
"""

RETEXT = _PEER_PRELUDE + r"""
sys.argv = ['retext', os.environ['BENCH_FILE']]
from ReText.__main__ import main
sys.exit(main())
"""

NOVELWRITER = _PEER_PRELUDE + r"""
import novelwriter
home = os.environ['HOME']
# The lock the last probe left (it ended with os._exit): novelWriter would stop at its
# "project is locked" question instead of opening the project.
if os.path.exists(os.path.join(os.environ['BENCH_PROJECT'], 'nwProject.lock')):
    os.remove(os.path.join(os.environ['BENCH_PROJECT'], 'nwProject.lock'))
novelwriter.main(['--config=' + home + '/nw-config', '--data=' + home + '/nw-data', os.environ['BENCH_PROJECT']])
"""

# novelWriter's own sample project (shipped in its package), whose document left open in the
# editor is replaced by the sample text: a real project, opened at the document being written.
_MAKE_PROJECT = r"""
import sys, zipfile, xml.etree.ElementTree as ET
from pathlib import Path
import novelwriter
project, text = Path(sys.argv[1]), Path(sys.argv[2]).read_text(encoding='utf-8')
with zipfile.ZipFile(Path(novelwriter.__file__).parent / 'assets' / 'sample.zip') as archive:
    archive.extractall(project)
handle = ET.parse(project / 'nwProject.nwx').find('settings/lastHandle/entry[@key="editor"]').text
(project / 'content' / f'{handle}.md').write_text(text, encoding='utf-8')
"""


def peers_python(venv_dir: Path) -> Path:
    """The peers' virtualenv (created and filled from PyPI on first use)."""
    python = venv_dir / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    if not python.exists():
        print(f"installing {', '.join(PEERS.values())} into {venv_dir} ...", flush=True)
        venv.create(venv_dir, with_pip=True)
    missing = subprocess.run([str(python), "-c", "import novelwriter, ReText"], capture_output=True).returncode
    if missing:
        subprocess.run([str(python), "-m", "pip", "install", "-q", *PEERS.values()], check=True)
    return python


def _markdown_text(path: Path) -> str:
    # The body the student writes, without our front matter: what a peer's user would type.
    text = path.read_text(encoding="utf-8")
    return text.split("\n---\n", 1)[1] if text.startswith("---\n") else text


def peer_variants(tmp: Path, env: dict[str, str], sample: Path, python: Path) -> dict[str, tuple]:
    """The peers' probes, opening the text of ``sample`` from files made in ``tmp``:
    name -> (code, environment, file, interpreter), as ``probe`` takes them."""
    body = tmp / "large-body.md"
    body.write_text(_markdown_text(sample), encoding="utf-8")
    project = tmp / "nw-project"
    subprocess.run([str(python), "-c", _MAKE_PROJECT, str(project), str(body)],
                   env=env, check=True, capture_output=True, timeout=120)
    peer_env = dict(env, BENCH_PROJECT=str(project))
    return {"ReText": (RETEXT, peer_env, body, python), "novelWriter": (NOVELWRITER, peer_env, body, python)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--venv", type=Path, default=Path.home() / ".cache" / "mlops-proposal-editor" / "bench-peers")
    args = parser.parse_args(argv)
    python = peers_python(args.venv)
    with new_tmp() as tmp_name:
        tmp = Path(tmp_name)
        compile_catalogs()
        env = probe_env(tmp)
        sample = write_large_sample(tmp)
        peers = peer_variants(tmp, env, sample, python)
        variants = {
            "bare window": (BARE, env, sample, None),
            "the floor": (VARIANTS[FLOOR], env, sample, None),
            "the app": (APP, env, sample, None),
            **peers,
        }
        body = peers["ReText"][2]
        print(f"{len(body.read_text(encoding='utf-8').split()):,} words open in each; {os.cpu_count()} CPUs, "
              f"load {os.getloadavg()[0]:.2f}; peers: {', '.join(PEERS.values())}")
        for code, env_, file, interpreter in variants.values():
            probe(code, env_, file, python=interpreter)  # warm-up: bytecode, font caches
        times: dict[str, list[float]] = {name: [] for name in variants}
        for _ in range(args.runs):
            for name, (code, env_, file, interpreter) in variants.items():
                times[name].append(probe(code, env_, file, python=interpreter)["ms"])
        medians = {name: statistics.median(values) for name, values in times.items()}
        for name, values in times.items():
            print(f"{name:12s}: {medians[name]:6.0f} ms median (min {min(values):.0f}, max {max(values):.0f})")
        print(f"load average {os.getloadavg()[0]:.2f} after the runs")
        app = medians["the app"]
        verdicts = [("the floor", FLOOR_BUDGET), ("ReText", 1.0), ("novelWriter", 1.0)]
        ok = True
        for name, budget in verdicts:
            ratio = app / medians[name]
            ok &= ratio <= budget
            print(f"the app / {name}: {ratio:.2f} (budget {budget}) -> {'OK' if ratio <= budget else 'OVER BUDGET'}")
        return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
