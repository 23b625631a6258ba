"""DOCX export of a 20,000-word proposal with 100 risks, 50 KPIs and both charts,
whole process from the CLI, against pandoc converting the same Markdown to DOCX.

Budget (issues 5 and 8): faster than pandoc. Each side is a fresh process, timed
wall-clock; the runs alternate (ours, pandoc, ours, ...) so that both see the same
machine load, and the medians are compared. pandoc comes from Debian
(``apt-get install pandoc``).

    .venv/bin/python benchmarks/export_docx.py            # as installed (default)
    .venv/bin/python benchmarks/export_docx.py --dev      # the source tree exactly as it is

"As installed" means what a user's installation has: the app's bytecode compiled
(pip does it at install; here into a temporary PYTHONPYCACHEPREFIX, the tree is not
touched) and the French catalog compiled to .mo (the wheel ships it; here it is
compiled next to the .po when missing or older, as setup.py does). ``--dev``
measures the checkout as it stands: with PYTHONDONTWRITEBYTECODE set, every run
compiles the app's modules and the .po again. One untimed warm-up run of each
command comes first (disk cache, bytecode). The CPU time (user + system, the chart
worker process included) is printed too.

Both commands run at a raised priority (``--nice -10``, when allowed): other jobs on
a shared machine then disturb the comparison less. They still do somewhat, and
they hurt ours more than pandoc's, since ours uses a second core for its charts;
the load average is printed before and after. ``--nice 0`` measures as is.
"""

from __future__ import annotations

import os
import sys

import argparse  # noqa: E402
import io  # noqa: E402
import resource  # noqa: E402
import shutil  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
import zipfile  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.sample import large_proposal  # noqa: E402
from editor.core.formats.markdown import write_markdown  # noqa: E402


def compile_catalogs() -> list[Path]:
    """Compile i18n/*/LC_MESSAGES/messages.po to .mo where the .mo is missing or older (as the build does)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    written = []
    for po in sorted((ROOT / "i18n").glob("*/LC_MESSAGES/messages.po")):
        mo = po.with_suffix(".mo")
        if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
            continue
        with po.open("rb") as fh:
            catalog = read_po(fh, locale=po.parent.parent.name)
        with mo.open("wb") as fh:
            write_mo(fh, catalog)
        written.append(mo)
    return written


def run(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall-clock and CPU seconds (user + system, waited-for descendants included) of one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, check=True, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def summary(label: str, samples: list[tuple[float, float]]) -> float:
    walls = [w for w, _c in samples]
    cpus = [c for _w, c in samples]
    median = statistics.median(walls)
    print(f"{label}: {median * 1000:6.0f} ms median, {min(walls) * 1000:6.0f} min, {max(walls) * 1000:6.0f} max"
          f" (CPU {statistics.median(cpus) * 1000:5.0f} ms)")
    return median


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="timed runs of each command (default 5)")
    parser.add_argument("--dev", action="store_true", help="measure the source tree as it is (see above)")
    parser.add_argument("--nice", type=int, default=-10,
                        help="priority of both measured commands (default -10 when allowed, so that other jobs on "
                             "the machine disturb the comparison less; 0 to measure as is)")
    args = parser.parse_args()
    niceness = "0 (as is)"
    if args.nice:
        try:
            os.nice(args.nice)  # inherited by both commands alike
            niceness = str(args.nice)
        except OSError:
            niceness = "0 (raising the priority is not allowed here)"
    pandoc = shutil.which("pandoc")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    with tempfile.TemporaryDirectory() as tmp:
        if not args.dev:
            compile_catalogs()
            env.pop("PYTHONDONTWRITEBYTECODE", None)
            env["PYTHONPYCACHEPREFIX"] = str(Path(tmp) / "pycache")
        src = Path(tmp) / "large.md"
        src.write_text(write_markdown(large_proposal()), encoding="utf-8")
        ours_out, pandoc_out = Path(tmp) / "ours.docx", Path(tmp) / "pandoc.docx"
        ours = [sys.executable, "-m", "editor.cli", "export", str(src), "--to", "docx", "-o", str(ours_out)]
        theirs = [pandoc, str(src), "-f", "gfm", "-o", str(pandoc_out)] if pandoc else None
        mode = "dev tree as is" if args.dev else "as installed: bytecode and catalogs compiled"
        print(f"sample: {len(src.read_text(encoding='utf-8').split()):,} words, 100 risks, 50 KPIs; {mode}")
        print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f} before the runs, niceness"
              f" {niceness} (ours paints its charts on a second core: other jobs cost us more than pandoc)")
        run(ours, env)  # warm-up: disk cache, bytecode
        if theirs:
            run(theirs, env)
        ours_samples, theirs_samples = [], []
        for _ in range(args.runs):
            ours_samples.append(run(ours, env))
            if theirs:
                theirs_samples.append(run(theirs, env))
        with zipfile.ZipFile(io.BytesIO(ours_out.read_bytes())) as z:
            charts = [n for n in z.namelist() if n.startswith("word/media/")]
        print(f"ours.docx: {ours_out.stat().st_size / 1e6:.2f} MB, {len(charts)} chart pictures")
        mine = summary("ours  ", ours_samples)
        if not theirs:
            print("pandoc: not installed (apt-get install pandoc); no comparison")
            return 2
        version = subprocess.run([pandoc, "--version"], capture_output=True, text=True).stdout.splitlines()[0]
        other = summary("pandoc", theirs_samples)
        print(f"        ({version})")
        print(f"load average {os.getloadavg()[0]:.2f} after the runs")
        ratio = mine / other
        print(f"ratio ours/pandoc: {ratio:.2f} -> {'OK (faster)' if ratio < 1 else 'SLOWER than pandoc'}")
        return 0 if ratio < 1 else 1


if __name__ == "__main__":
    sys.exit(main())
