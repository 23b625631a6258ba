"""Build hook (everything else is in pyproject.toml).

The wheel carries the data the app reads at run time as two data-only packages
that ``editor/paths.py`` looks for when there is no source tree next to it:

- ``resources/``            -> ``editor/_resources/`` (guide, icons, examples, presets)
- ``i18n/LANG/LC_MESSAGES/messages.po`` -> ``editor/_i18n/LANG/LC_MESSAGES/messages.mo``,
  compiled here with Babel; the ``.mo`` is never committed and the ``.po`` is
  not shipped.

Editable installs (``pip install -e .``) skip this: the app reads the source tree.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
DOMAIN = "messages"
_SKIP = shutil.ignore_patterns("__pycache__", "*.pyc", ".*", "*~")


def compile_catalogs(source: Path, target: Path) -> list[Path]:
    """Compile every ``LANG/LC_MESSAGES/messages.po`` under ``source`` into ``target``; returns the .mo paths."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    written = []
    for po in sorted(source.glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
        language = po.parent.parent.name
        with po.open("rb") as fh:
            catalog = read_po(fh, locale=language, abort_invalid=True)
        mo = target / language / "LC_MESSAGES" / f"{DOMAIN}.mo"
        mo.parent.mkdir(parents=True, exist_ok=True)
        with mo.open("wb") as fh:
            write_mo(fh, catalog)  # fuzzy entries are left out, as msgfmt does
        written.append(mo)
    if not written:
        raise SystemExit(f"build: no {DOMAIN}.po catalog found under {source}")
    return written


class BuildPyWithData(build_py):
    """``build_py`` that also lays out ``editor/_resources`` and ``editor/_i18n``."""

    def run(self) -> None:
        editable = getattr(self, "editable_mode", False)
        package = Path(self.build_lib) / "editor"
        if not editable:
            shutil.rmtree(package, ignore_errors=True)  # no stale module from an earlier build in build/lib
        super().run()
        if editable:
            return
        resources = package / "_resources"
        shutil.rmtree(resources, ignore_errors=True)
        shutil.copytree(ROOT / "resources", resources, ignore=_SKIP)
        catalogs = package / "_i18n"
        shutil.rmtree(catalogs, ignore_errors=True)
        for mo in compile_catalogs(ROOT / "i18n", catalogs):
            self.announce(f"compiled {mo.relative_to(package)}", level=2)


setup(cmdclass={"build_py": BuildPyWithData})
