"""Open every window and dialog in both languages and save screenshots.

The PNGs go to ``$SCREENSHOT_DIR`` when set (to look at them), else to a temp folder.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from tests.app.conftest import REFERENCE


@pytest.fixture
def shots(tmp_path) -> Path:
    folder = Path(os.environ.get("SCREENSHOT_DIR") or tmp_path / "screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def grab(widget, qtbot, path: Path) -> None:
    widget.show()
    qtbot.waitExposed(widget)
    qtbot.wait(150)
    assert widget.grab().save(str(path))
    assert path.stat().st_size > 2000


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_every_window_and_dialog(make_window, qtbot, shots, lang):
    from editor.app.dialogs import AboutDialog, GuideDialog
    from editor.app.link_dialog import LinkDialog

    window = make_window(example=True, language=lang)
    for sid in ("title", "summary", "context", "objectives", "architecture", "resources", "risks", "kpis"):
        window.show_section(sid)
        grab(window, qtbot, shots / f"{lang}-main-{sid}.png")
    window.show_section("context")
    window.find_bar.open_find(replace=True)
    window.find_bar.find_edit.setText("MLflow")
    grab(window, qtbot, shots / f"{lang}-main-find-replace.png")
    assert window.find_bar.count_label.text().endswith(str(len(window.find_bar.matches)))
    window.find_bar.close_bar()
    window.preview_dock.raise_()
    window.preview.refresh()
    grab(window, qtbot, shots / f"{lang}-main-preview.png")
    assert window.preview.browser.toPlainText().strip()

    opened = make_window(file=REFERENCE / "etudiant_fr.md", language=lang)
    opened.show_section("summary")
    grab(opened, qtbot, shots / f"{lang}-opened-french-file.png")

    for name, dialog in (("guide", GuideDialog(window)), ("about", AboutDialog(window)),
                         ("link", LinkDialog("MLflow", "", window))):
        grab(dialog, qtbot, shots / f"{lang}-dialog-{name}.png")
        assert dialog.windowTitle()
        dialog.close()

    window.document.set_title("x")
    window.files.maybe_save.__func__  # the real method
    box_holder = {}

    def fake_exec(box):
        grab(box, qtbot, shots / f"{lang}-dialog-unsaved.png")
        box_holder["buttons"] = [b.text() for b in box.buttons()]
        return QMessageBox.StandardButton.Cancel

    original = QMessageBox.exec
    QMessageBox.exec = fake_exec
    try:
        assert not window.files.maybe_save()
    finally:
        QMessageBox.exec = original
    cancel = "Annuler" if lang == "fr" else "Cancel"
    assert any(t.replace("&", "") == cancel for t in box_holder["buttons"])

    error = QMessageBox(QMessageBox.Icon.Critical, "", "", QMessageBox.StandardButton.Ok, window)
    error.setWindowTitle("Cannot open the file" if lang == "en" else "Impossible d'ouvrir le fichier")
    error.setText("broken.docx: not a Word document (the file is not a valid zip archive).")
    grab(error, qtbot, shots / f"{lang}-dialog-error.png")
    error.close()

    dialog = QFileDialog(window, "Open", str(REFERENCE))
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    grab(dialog, qtbot, shots / f"{lang}-dialog-open.png")
    dialog.close()
    assert len(list(shots.glob(f"{lang}-*.png"))) >= 16
