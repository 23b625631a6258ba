"""Open every window and dialog in both languages and save screenshots.

The PNGs are made in a fresh folder and checked (the ``screenshot`` fixture); with
``$SCREENSHOT_DIR`` set they are copied there too, to look at them.
"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from tests.app.conftest import REFERENCE

SECTIONS = ("title", "summary", "context", "objectives", "architecture", "resources", "risks", "kpis")


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_every_window_and_dialog(make_window, qtbot, screenshot, lang):
    from editor.app.dialogs import AboutDialog, GuideDialog
    from editor.app.link_dialog import LinkDialog

    window = make_window(example=True, language=lang)
    for sid in SECTIONS:
        window.show_section(sid)
        screenshot(window, f"{lang}-main-{sid}.png")
    window.show_section("context")
    window.find_bar.open_find(replace=True)
    window.find_bar.find_edit.setText("MLflow")
    screenshot(window, f"{lang}-main-find-replace.png")
    assert window.find_bar.count_label.text().endswith(str(len(window.find_bar.matches)))
    window.find_bar.close_bar()
    window.preview_dock.raise_()
    window.preview.refresh()
    screenshot(window, f"{lang}-main-preview.png")
    assert window.preview.browser.toPlainText().strip()

    opened = make_window(file=REFERENCE / "etudiant_fr.md", language=lang)
    opened.show_section("summary")
    screenshot(opened, f"{lang}-opened-french-file.png")

    for name, dialog in (("guide", GuideDialog(window)), ("about", AboutDialog(window)),
                         ("link", LinkDialog("MLflow", "", window))):
        screenshot(dialog, f"{lang}-dialog-{name}.png")
        assert dialog.windowTitle()
        dialog.close()

    window.document.set_title("x")
    box_holder = {}

    def fake_exec(box):
        screenshot(box, f"{lang}-dialog-unsaved.png")
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
    screenshot(error, f"{lang}-dialog-error.png")
    error.close()

    dialog = QFileDialog(window, "Open", str(REFERENCE))
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    screenshot(dialog, f"{lang}-dialog-open.png")
    dialog.close()
    names = [*(f"main-{sid}" for sid in SECTIONS), "main-find-replace", "main-preview", "opened-french-file",
             "dialog-guide", "dialog-about", "dialog-link", "dialog-unsaved", "dialog-error", "dialog-open"]
    assert sorted(p.name for p in screenshot.folder.iterdir()) == sorted(f"{lang}-{n}.png" for n in names)
