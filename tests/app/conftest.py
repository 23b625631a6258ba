"""Fixtures for the desktop app tests: a real main window with settings in a temp folder."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

REFERENCE = Path(__file__).resolve().parent.parent / "reference" / "app"


@pytest.fixture
def app_settings(tmp_path):
    from editor.app.settings import AppSettings

    return AppSettings(tmp_path / "settings.ini")


@pytest.fixture
def make_window(qtbot, app_settings):
    """Build a main window (``make_window(file=..., language=...)``); closed without questions at the end."""
    from editor import i18n
    from editor.app.main import create_window, ensure_application, install_ui_language

    ensure_application()
    windows = []

    def make(file=None, example=False, language="en"):
        window = create_window(app_settings, file=file, example=example, language=language)
        # Not qtbot.addWidget: pytest-qt would close it before we can skip the Save question.
        window.resize(1280, 800)
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.files.maybe_save = lambda: True  # an open cell editor may commit on close
        window.close()
        window.deleteLater()
    install_ui_language("en")
    assert i18n.current_language() == "en"


@pytest.fixture
def make_sheet_editor(qtbot):
    """Build a sheet editor over a new proposal: ``make_sheet_editor(RiskEditor, size=(1300, 600))``.

    With ``size`` it is shown at that size; with ``language`` the UI speaks that
    language (and the proposal is written in it) until the test ends.
    """
    from editor.app.document import ProposalDocument
    from editor.core.model import Proposal
    from editor.i18n import set_language

    def make(editor_class, size: tuple[int, int] | None = None, language: str = "en"):
        set_language(language)
        widget = editor_class(ProposalDocument(Proposal.new(language)))
        qtbot.addWidget(widget)
        if size is not None:
            widget.resize(*size)
            widget.show()
            qtbot.waitExposed(widget)
        return widget

    yield make
    set_language("en")


@pytest.fixture
def screenshot(qtbot, tmp_path):
    """``screenshot(widget, "en-main.png")`` shows ``widget``, saves its picture in a fresh folder
    (``screenshot.folder``) and checks the file: new, a PNG that loads, the widget's size, not
    one flat colour. Returns the QImage read back. With ``SCREENSHOT_DIR`` set the pictures are
    copied there too (``SCREENSHOT_DIR=packaging/screenshots`` for the README's)."""
    from PySide6.QtGui import QImageReader

    folder = tmp_path / "screenshots"
    folder.mkdir()
    copies = os.environ.get("SCREENSHOT_DIR")

    def take(widget, name: str):
        widget.show()
        qtbot.waitExposed(widget)
        qtbot.wait(150)
        path = folder / name
        assert not path.exists(), f"{name} is taken twice"
        pixmap = widget.grab()
        assert pixmap.save(str(path), "PNG"), f"{name} could not be saved"
        reader = QImageReader(str(path))
        reader.setDecideFormatFromContent(True)
        assert reader.format().data() == b"png", f"{name} is not a PNG"
        image = reader.read()
        assert not image.isNull(), f"{name}: {reader.errorString()}"
        ratio = pixmap.devicePixelRatio()
        expected = (round(widget.width() * ratio), round(widget.height() * ratio))
        assert (image.width(), image.height()) == expected, name
        step_x, step_y = max(1, image.width() // 160), max(1, image.height() // 120)
        colours = {image.pixel(x, y) for x in range(0, image.width(), step_x) for y in range(0, image.height(), step_y)}
        assert len(colours) > 2, f"{name} is blank"
        if copies:
            Path(copies).mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, Path(copies) / name)
        return image

    take.folder = folder
    return take


def col(model, name: str) -> int:
    """The column of ``name`` in a sheet model (risk table, KPI planner)."""
    return model.columns.index(name)


def type_text(widget, text: str) -> None:
    """Type ``text`` into ``widget`` through QKeyEvents (qtbot.keyClicks aborts on non-ASCII with Qt 6.12)."""
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    for ch in text:
        if ch == "\n":
            key, t = Qt.Key.Key_Return, "\r"
        else:
            key, t = 0, ch
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, t))


def press(widget, key, modifiers=None) -> None:
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    mods = modifiers if modifiers is not None else Qt.KeyboardModifier.NoModifier
    QApplication.sendEvent(widget, QKeyEvent(QEvent.Type.KeyPress, key, mods))
    QApplication.sendEvent(widget, QKeyEvent(QEvent.Type.KeyRelease, key, mods))
