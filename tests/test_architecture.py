"""The shape the project promises: a Qt-free core, light imports."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORE_MODULES = sorted(
    "editor.core." + ".".join(p.relative_to(ROOT / "editor" / "core").with_suffix("").parts)
    for p in (ROOT / "editor" / "core").rglob("*.py")
    if p.name != "__init__.py"
)


ALL_MODULES = sorted(
    ".".join(p.relative_to(ROOT).with_suffix("").parts)
    for p in (ROOT / "editor").rglob("*.py")
    if p.name not in ("__init__.py", "__main__.py")
)


def _modules_after(code: str) -> set[str]:
    out = subprocess.run([sys.executable, "-c", code + "\nimport sys\nprint('\\n'.join(sys.modules))"],
                         capture_output=True, text=True, check=True, cwd=ROOT)
    return set(out.stdout.split())


def test_the_core_never_imports_qt():
    loaded = _modules_after("\n".join(f"import {m}" for m in CORE_MODULES))
    assert not {m for m in loaded if m.startswith(("PySide6", "shiboken6", "pyqtgraph"))}


def test_the_core_works_with_the_cli_without_heavy_imports():
    loaded = _modules_after("from editor.cli import main\nmain(['check', 'tests/reference/core/sound_en.md'])")
    heavy = {"PySide6", "pyqtgraph", "numpy", "docx", "lxml"}
    assert not heavy & {m.split(".")[0] for m in loaded}


def test_no_translation_at_import_time():
    """Importing every module with the catalog in French leaves no French text
    frozen in module constants: `_()` is only ever called at display time."""
    code = (
        "from editor import i18n\n"
        "calls = []\n"
        "real = i18n._\n"
        "i18n._ = lambda m: calls.append(m) or real(m)\n"
        + "\n".join(f"import {m}" for m in ALL_MODULES)
        + "\nassert not calls, calls\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT, env=env)
