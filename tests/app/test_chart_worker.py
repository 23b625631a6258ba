"""The export charts painted in a forked worker: same images, no Qt in the parent, nothing left behind.

pytest-qt loads Qt in this process, where the worker rightly never forks, so
each forking case runs in a fresh interpreter, and asserts the worker did fork:
on a one-CPU machine the interpreter is told it has two (:func:`can_fork` declines
one CPU as not worth a fork; the fork itself is the same). Where the worker never
forks (not Linux) those cases are skipped; the in-process painting is tested here.
"""

import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FORKS = sys.platform.startswith("linux") and hasattr(os, "fork")
needs_fork = pytest.mark.skipif(not FORKS, reason="the chart worker forks on Linux only")

PROPOSAL = """
import datetime as dt, os, sys
if len(os.sched_getaffinity(0)) < 2:  # the worker forks where it has a second CPU
    os.sched_getaffinity = lambda pid: {0, 1}
from editor.core.model import Kpi, Milestone, Proposal, Risk
p = Proposal.new('fr')
p.risks = [Risk(id=f'R{i}', description='x', likelihood=1 + i % 5, impact=1 + (i * 3) % 5) for i in range(1, 30)]
p.kpis = [Kpi(id=f'K{i}', name=f'Indicateur {i}', baseline=20.0 + i, target=2.0, unit='jours',
              deadline=dt.date.today() + dt.timedelta(days=40 * i),
              milestones=[Milestone(date=dt.date.today() + dt.timedelta(days=20), value=15.0)]) for i in range(1, 12)]
"""


def run(code: str) -> str:
    env = {"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin", "HOME": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", PROPOSAL + code], capture_output=True, text=True, timeout=120,
                         cwd=ROOT, env=env)
    assert out.returncode == 0, out.stderr[-3000:]
    return out.stdout


def run_and_check_reaped(code: str) -> None:
    """Run ``code``, then check that it left no child process behind."""
    check = (
        "try:\n"
        "    os.waitpid(-1, os.WNOHANG)\n"
        "    print('child left behind')\n"
        "except ChildProcessError:\n"
        "    print('ok')\n"
    )
    assert run(code + check).strip() == "ok"


@needs_fork
def test_worker_paints_the_same_images_and_the_parent_never_loads_qt():
    run_and_check_reaped(
        "from editor.app.chart_worker import ChartWorker, can_fork\n"
        "assert can_fork()\n"
        "with ChartWorker() as worker:\n"
        "    assert worker.running\n"
        "    images = worker.images(p, 'fr').result()\n"
        "assert not [m for m in sys.modules if m.startswith('PySide6.Qt')], 'Qt loaded in the parent'\n"
        "from editor.app.chart_render import export_images\n"
        "here = export_images(p, 'fr', 1600)\n"
        "assert sorted(images) == ['kpi_chart', 'risk_matrix'], sorted(images)\n"
        "assert images == here, 'the worker painted other pixels'\n"
    )


@needs_fork
def test_a_failing_worker_falls_back_to_painting_here(tmp_path):
    marker = tmp_path / "child-ran"
    out = run(
        "from editor.app import chart_worker\n"
        "def broken(requests, replies):\n"
        f"    open({str(marker)!r}, 'w').close()\n"
        "    raise RuntimeError('boom')\n"
        "chart_worker._child = broken\n"
        "with chart_worker.ChartWorker() as worker:\n"
        "    assert worker.running, 'no worker forked'\n"
        "    images = worker.images(p, 'fr')\n"
        "    assert 'risk_matrix' in images and len(images) == 2\n"
        "    data = images['risk_matrix']\n"
        "assert data.startswith(b'\\x89PNG') and images.result().keys() == {'risk_matrix', 'kpi_chart'}\n"
        "from editor.app.chart_render import export_images\n"
        "assert images.result() == export_images(p, 'fr', 1600), 'not the charts painted here'\n"
        "print('ok')\n"
    )
    assert out.strip() == "ok"
    assert marker.exists(), "the failing child never ran"


@needs_fork
def test_an_unused_worker_is_stopped_and_reaped():
    run_and_check_reaped(
        "from editor.app.chart_worker import ChartWorker\n"
        "with ChartWorker() as worker:\n"
        "    assert worker.pid is not None, 'no worker forked'\n"
        "empty = Proposal.new('en')\n"
        "with ChartWorker() as worker:\n"
        "    assert worker.running, 'no worker forked'\n"
        "    assert dict(worker.images(empty, 'en')) == {}\n"
        "    assert not worker.running, 'the worker outlived a proposal without charts'\n"
    )


def test_beside_qt_the_charts_are_painted_in_this_process(qapp):
    """Qt's threads do not survive a fork: with Qt loaded (the app) no worker starts, and the
    charts are the ones painted here."""
    from editor.app.chart_render import export_images
    from editor.app.chart_worker import ChartWorker, can_fork
    from editor.core.example import example_proposal

    p = example_proposal("fr")
    assert not can_fork()
    with ChartWorker() as worker:
        assert not worker.running and worker.pid is None
        images = worker.images(p, "fr")
        assert sorted(images) == ["architecture_builder", "kpi_chart", "risk_matrix"]
        assert images.result() == export_images(p, "fr", 1600)
    assert all(data.startswith(b"\x89PNG") for data in images.result().values())


def test_the_command_line_and_the_worker_need_no_pydantic():
    """The export forks its chart worker before reading the file: the command's module does not
    load the model (so the fork comes early), and the worker's painting code does not need it
    (so the worker loads Qt while the parent loads pydantic, without loading pydantic too)."""
    code = (
        "import sys\n"
        "import editor.cli\n"
        "assert 'pydantic' not in sys.modules and 'editor.core.model' not in sys.modules, 'cli'\n"
        "import editor.app.chart_worker, editor.app.chart_render, editor.core.charts\n"
        "assert 'pydantic' not in sys.modules and 'editor.core.model' not in sys.modules, 'worker'\n"
        "print('ok')\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=ROOT,
                         env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin", "HOME": str(ROOT)})
    assert out.returncode == 0 and out.stdout.strip() == "ok", out.stderr[-2000:]


def test_cli_docx_export_with_the_worker_equals_the_plain_build(tmp_path):
    """The whole command (worker, deferred figures) writes the document the plain writer writes."""
    out = run(
        "from editor.core.formats.markdown import write_markdown\n"
        f"src = {str(tmp_path / 'p.md')!r}\n"
        "open(src, 'w', encoding='utf-8').write(write_markdown(p))\n"
        "import subprocess\n"
        f"out = {str(tmp_path / 'cli.docx')!r}\n"
        "subprocess.run([sys.executable, '-m', 'editor.cli', 'export', src, '--to', 'docx', '-o', out], check=True)\n"
        "from editor.core.formats.markdown import load_markdown\n"
        "from editor.app.chart_render import export_images\n"
        "from editor.core.formats.docx import build_docx\n"
        "q = load_markdown(src).proposal\n"
        "data, warnings = build_docx(q, export_images(q, 'fr', 1600), base_dir=os.path.dirname(src))\n"
        f"open({str(tmp_path / 'plain.docx')!r}, 'wb').write(data)\n"
        "print('ok')\n"
    )
    assert out.strip().endswith("ok")
    plain = io.BytesIO((tmp_path / "plain.docx").read_bytes())
    with zipfile.ZipFile(tmp_path / "cli.docx") as a, zipfile.ZipFile(plain) as b:
        assert sorted(a.namelist()) == sorted(b.namelist())
        assert len([n for n in a.namelist() if n.startswith("word/media/")]) == 2
        for name in a.namelist():
            if name != "docProps/core.xml":  # created/modified: the time of each export
                assert a.read(name) == b.read(name), name
