"""Packaging checks that run with the unit tests (the full build-install-freeze run is
packaging/ci-package.sh): the wheel carries the run-time data, the desktop files validate,
the icons are what the desktop files name, the scripts parse, the GUI smoke option works."""

from __future__ import annotations

import configparser
import os
import shutil
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import editor
from editor import cli
from tests.conftest import require_tool

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
APP_ID = "org.mlopscourse.ProposalEditor"
DESKTOP = PACKAGING / "linux" / f"{APP_ID}.desktop"
METAINFO = PACKAGING / "linux" / f"{APP_ID}.metainfo.xml"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
# What setup.py and pyproject.toml need to build the wheel from a clean copy.
BUILD_INPUTS = ("editor", "resources", "i18n", "pyproject.toml", "setup.py", "MANIFEST.in", "README.md", "babel.cfg")
NETWORK_ERRORS = ("Could not find a version", "No matching distribution", "Failed to establish", "Temporary failure")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> zipfile.ZipFile:
    """The app's wheel, built (with build isolation, as pip does) from a clean copy of the tree."""
    tmp = tmp_path_factory.mktemp("wheel")
    src = tmp / "src"
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.mo", "*.egg-info")
    for name in BUILD_INPUTS:
        path = ROOT / name
        if path.is_dir():
            shutil.copytree(path, src / name, ignore=ignore)
        elif path.exists():
            src.mkdir(exist_ok=True)
            shutil.copy2(path, src / name)
    out = tmp / "dist"
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "--wheel-dir", str(out), str(src)],
        capture_output=True, text=True, timeout=300,
    )
    if proc.returncode != 0 and any(msg in proc.stdout + proc.stderr for msg in NETWORK_ERRORS):
        pytest.skip("no package index to fetch the build requirements from")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    (path,) = out.glob("mlops_proposal_editor-*.whl")
    return zipfile.ZipFile(path)


def test_wheel_carries_every_resource(wheel):
    names = set(wheel.namelist())
    expected = {
        "editor/_resources/" + p.relative_to(ROOT / "resources").as_posix()
        for p in (ROOT / "resources").rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }
    assert expected, "resources/ is empty"
    assert expected <= names, sorted(expected - names)
    assert "editor/_resources/icons/app.svg" in names
    # The spelling dictionaries and the licences they come under.
    for name in ("fr.words", "en.words", "glossary.txt", "LICENSE-fr.txt", "LICENSE-en.txt"):
        assert f"editor/_resources/dictionaries/{name}" in names


def test_wheel_dictionaries_spell_check(wheel, tmp_path):
    """The word lists as the wheel carries them are read and accept French and English words."""
    from editor.core.spelling import SpellChecker
    from editor.core.spelling_store import WordStore

    for lang, right, wrong in (("fr", "l'équipe déploie", "modéle"), ("en", "the team deploys", "modle")):
        path = tmp_path / f"{lang}.words"
        path.write_bytes(wheel.read(f"editor/_resources/dictionaries/{lang}.words"))
        checker = SpellChecker(lang, WordStore.load(path))
        assert checker.misspelled(right) == [] and [w for _s, _e, w in checker.misspelled(wrong)] == [wrong]
    licence = wheel.read("editor/_resources/dictionaries/LICENSE-fr.txt").decode("utf-8")
    assert "Mozilla Public License" in licence


def test_wheel_carries_compiled_catalogs_only(wheel):
    names = set(wheel.namelist())
    languages = [p.parent.parent.name for p in (ROOT / "i18n").glob("*/LC_MESSAGES/messages.po")]
    assert "fr" in languages
    for lang in languages:
        mo = f"editor/_i18n/{lang}/LC_MESSAGES/messages.mo"
        assert mo in names
        data = wheel.read(mo)
        assert struct.unpack("<I", data[:4])[0] == 0x950412DE  # GNU .mo magic
    assert not [n for n in names if n.endswith((".po", ".pot", ".pyc"))]
    assert not [n for n in names if n.split("/")[0] in ("tests", "resources", "i18n", "benchmarks", "packaging")]


def test_wheel_catalog_translates(wheel, tmp_path):
    import gettext
    import io

    catalog = gettext.GNUTranslations(io.BytesIO(wheel.read("editor/_i18n/fr/LC_MESSAGES/messages.mo")))
    assert catalog.gettext("&File") == "&Fichier"


def test_wheel_metadata_version_and_entry_points(wheel):
    dist_info = next(n.split("/")[0] for n in wheel.namelist() if n.endswith(".dist-info/METADATA"))
    metadata = wheel.read(f"{dist_info}/METADATA").decode()
    assert f"\nVersion: {editor.__version__}\n" in metadata
    assert "Requires-Dist: PySide6-Essentials" in metadata
    entry_points = configparser.ConfigParser()
    entry_points.read_string(wheel.read(f"{dist_info}/entry_points.txt").decode())
    assert entry_points["console_scripts"]["proposal-editor"] == "editor.cli:run"
    assert entry_points["gui_scripts"]["proposal-editor-gui"] == "editor.cli:run"
    assert "editor/__main__.py" in wheel.namelist()


def test_version_lives_in_one_place():
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'dynamic = ["version"]' in pyproject
    assert 'version = {attr = "editor.__version__"}' in pyproject
    metainfo = METAINFO.read_text(encoding="utf-8")
    assert f'<release version="{editor.__version__}"' in metainfo, "add a <release> for the new version"


def test_desktop_file_validates():
    validate = require_tool("desktop-file-validate", package="desktop-file-utils")
    proc = subprocess.run([validate, str(DESKTOP)], capture_output=True, text=True)
    assert proc.returncode == 0 and "error" not in proc.stdout, proc.stdout + proc.stderr


def test_metainfo_validates():
    appstreamcli = require_tool("appstreamcli", package="appstream")
    proc = subprocess.run([appstreamcli, "validate", "--no-net", str(METAINFO)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_desktop_entry_names_our_command_icon_and_types():
    entry = configparser.ConfigParser(interpolation=None, strict=True)
    entry.optionxform = str  # keys are case-sensitive
    entry.read(DESKTOP, encoding="utf-8")
    group = entry["Desktop Entry"]
    assert group["Exec"].split()[0] == "proposal-editor"
    assert group["Icon"] == APP_ID
    assert "text/markdown" in group["MimeType"].split(";")
    assert group["Name[fr]"] and group["Comment[fr]"]
    metainfo = METAINFO.read_text(encoding="utf-8")
    assert f"<id>{APP_ID}</id>" in metainfo
    assert f'<launchable type="desktop-id">{DESKTOP.name}</launchable>' in metainfo
    install_desktop = (PACKAGING / "linux" / "install-desktop.sh").read_text(encoding="utf-8")
    assert "s|^Exec=proposal-editor |" in install_desktop  # it rewrites the Exec line above


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def test_icon_pngs_have_their_sizes():
    for size in PNG_SIZES:
        png = PACKAGING / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        assert _png_size(png.read_bytes()) == (size, size), png


def test_windows_and_macos_icons_hold_pngs():
    ico = (PACKAGING / "icons" / "proposal-editor.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", ico[:6])
    assert (reserved, kind) == (0, 1) and count >= 5
    sizes = set()
    for i in range(count):
        width, _h, _c, _r, _p, _b, length, offset = struct.unpack("<BBBBHHII", ico[6 + 16 * i : 22 + 16 * i])
        sizes.add(_png_size(ico[offset : offset + length])[0])
    assert {16, 32, 48, 256} <= sizes
    icns = (PACKAGING / "icons" / "proposal-editor.icns").read_bytes()
    assert icns[:4] == b"icns" and struct.unpack(">I", icns[4:8])[0] == len(icns)


@pytest.mark.parametrize("script", ["ci-package.sh", "wheelhouse.sh", "build-bundle.sh", "setup-dev.sh"])
def test_bash_scripts_parse(script):
    subprocess.run(["bash", "-n", str(PACKAGING / script)], check=True)


@pytest.mark.parametrize("script", ["lab/install.sh", "linux/install-desktop.sh"])
def test_posix_scripts_parse(script):
    subprocess.run(["sh", "-n", str(PACKAGING / script)], check=True)


def test_pyinstaller_spec_compiles():
    source = (PACKAGING / "pyinstaller" / "proposal-editor.spec").read_text(encoding="utf-8")
    compile(source, "proposal-editor.spec", "exec")
    for excluded in ("PySide6.QtQml", "PySide6.QtQuick", "PySide6.QtWebEngineCore", "PySide6.QtNetwork"):
        assert f'"{excluded.split(".")[1]}"' in source
    assert '"editor.core.spelling"' in source and "(str(ROOT / \"resources\"), \"resources\")" in source


def test_without_option_drops_the_option_and_its_value():
    assert cli._without_option(["--lang", "fr", "--quit-after", "300", "a.md"], "--quit-after") == ["--lang", "fr", "a.md"]
    assert cli._without_option(["--quit-after=300", "--example"], "--quit-after") == ["--example"]


def test_quit_after_starts_the_gui_in_french_and_exits(tmp_path):
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "HOME": str(tmp_path),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_STATE_HOME": str(tmp_path / "state"),
    }
    proc = subprocess.run(
        [sys.executable, "-m", "editor", "--lang", "fr", "--quit-after", "200"],
        capture_output=True, text=True, timeout=120, env=env, cwd=tmp_path,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "language fr" in proc.stdout and "Fichier" in proc.stdout, proc.stdout
