"""PySide6's per-import source scan is answered without reading sources; ``__feature__`` still works.

Each case runs in a fresh interpreter: the scan is process-wide state, and this
test process has long imported PySide6 and everything else.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run(code: str, folder: Path) -> str:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=os.pathsep.join([str(folder), str(ROOT)]))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=ROOT, env=env)
    assert out.returncode == 0, out.stderr[-3000:]
    return out.stdout.strip()


def test_modules_imported_after_the_app_are_not_read_by_pyside(tmp_path):
    (tmp_path / "late_module.py").write_text("from PySide6.QtCore import QObject  # uses PySide6\nVALUE = 1\n")
    out = run(
        "import linecache, sys\n"
        "import editor.app.main\n"
        "from editor.app.pyside_imports import skip_source_scan\n"
        "assert skip_source_scan(), 'PySide6 has no source scan to answer: this module is not needed'\n"
        "linecache.clearcache()\n"
        "import late_module, xml.dom.minidom\n"  # a package of the standard library, and its modules
        "feature = sys.modules['shibokensupport.feature']\n"
        "print(sorted(linecache.cache), feature.pyside_feature_dict['late_module'], feature.pyside_feature_dict['xml'])\n",
        tmp_path,
    )
    assert out == "[] 0 0"  # nothing read, and each module gets PySide's default: no feature


def test_a_module_that_asks_for_a_feature_still_gets_it(tmp_path):
    (tmp_path / "snake.py").write_text(
        "from __feature__ import snake_case\n"
        "from PySide6.QtCore import QObject\n"
        "def name(obj):\n    return obj.object_name()\n"
    )
    (tmp_path / "plain.py").write_text(
        "from PySide6.QtCore import QObject\n"
        "def name(obj):\n    return obj.objectName()\n"
    )
    out = run(
        "import editor.app.main\n"
        "from PySide6.QtCore import QCoreApplication, QObject\n"
        "app = QCoreApplication([])\n"
        "import snake, plain\n"
        "obj = QObject()\n"
        "obj.setObjectName('x')\n"
        "print(snake.name(obj), plain.name(obj))\n",
        tmp_path,
    )
    assert out == "x x"


def test_without_pyside_nothing_is_changed():
    out = run(
        "import sys\n"
        "from editor.app.pyside_imports import skip_source_scan\n"
        "print(skip_source_scan(), 'PySide6.QtCore' in sys.modules)\n",
        ROOT,
    )
    assert out == "False False"
