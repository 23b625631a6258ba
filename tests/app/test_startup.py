"""Start-up stays light: building the main window imports no pyqtgraph, numpy, docx or lxml."""

from __future__ import annotations

import json
import os
import subprocess
import sys

SCRIPT = r"""
import json, sys, tempfile
from editor.app.main import ensure_application, create_window
from editor.app.settings import AppSettings
app = ensure_application()
window = create_window(AppSettings(tempfile.mkdtemp() + "/s.ini"), language="fr")
heavy = sorted(m for m in ("pyqtgraph", "numpy", "docx", "lxml") if m in sys.modules)
window.document.set_clean()
print(json.dumps(heavy))
"""


def test_main_window_does_not_import_heavy_modules():
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, env=env, timeout=120)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout.strip().splitlines()[-1]) == []
