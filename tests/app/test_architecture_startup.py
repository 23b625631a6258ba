"""Nothing of the architecture drawing loads before the window's first paint; it all loads after."""

import json
import os
import subprocess
import sys

SCRIPT = r"""
import json, sys, tempfile
from editor.app.main import ensure_application, create_window
from editor.app.settings import AppSettings
from PySide6.QtCore import QTimer
app = ensure_application()
window = create_window(AppSettings(tempfile.mkdtemp() + "/s.ini"), language="fr", defer_until_painted=True)
WATCHED = ("editor.core.architecture.catalogue", "editor.core.architecture.layout", "editor.core.architecture.svg",
           "editor.core.architecture.pillars", "editor.core.architecture.mermaid_read", "PySide6.QtSvg",
           "editor.app.widgets.architecture_builder", "editor.app.widgets.pillar_view")
before = [m for m in WATCHED if m in sys.modules]
window.show()
def done():
    after = [m for m in WATCHED if m in sys.modules]
    window.document.set_clean()
    print(json.dumps([before, after, window.pillars is not None]))
    app.quit()
QTimer.singleShot(1500, done)
app.exec()
"""


def test_the_builder_and_the_pillars_wait_for_the_first_paint():
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, env=env, timeout=120)
    assert out.returncode == 0, out.stderr
    before, after, pillar_view = json.loads(out.stdout.strip().splitlines()[-1])
    assert before == []
    assert "editor.app.widgets.pillar_view" in after and pillar_view  # the review panel's pillars, after the paint
    assert "editor.app.widgets.architecture_builder" not in after  # section 5 was never shown
