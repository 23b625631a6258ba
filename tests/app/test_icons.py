"""The app's SVG icons: tinted to the palette, and their disabled and selected looks."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QGuiApplication, QIcon, QPalette


def _opaque(pixmap) -> set[str]:
    """The colours of the fully opaque pixels of ``pixmap``."""
    image = pixmap.toImage()
    return {image.pixelColor(x, y).name() for y in range(image.height()) for x in range(image.width())
            if image.pixelColor(x, y).alpha() == 255}


def _colour(group, role=QPalette.ColorRole.WindowText) -> str:
    return QGuiApplication.palette().color(group, role).name()


def test_a_monochrome_icon_is_drawn_in_the_text_colour_and_disabled_in_the_disabled_one(qapp):
    from editor.app.icons import icon

    normal, disabled = _colour(QPalette.ColorGroup.Normal), _colour(QPalette.ColorGroup.Disabled)
    assert normal != disabled
    bold = icon("format-bold")
    assert _opaque(bold.pixmap(64, QIcon.Mode.Normal)) == {normal}
    assert _opaque(bold.pixmap(64, QIcon.Mode.Disabled)) == {disabled}
    assert _opaque(bold.pixmap(64, QIcon.Mode.Active)) == {normal}


def test_a_disabled_coloured_icon_is_grey_and_faded(qapp):
    from editor.app.icons import icon

    image = icon("status-ok").pixmap(32, QIcon.Mode.Disabled).toImage()
    normal = icon("status-ok").pixmap(32, QIcon.Mode.Normal).toImage()
    centre = image.pixelColor(8, 16)  # on the green disc, off the tick
    assert centre.alpha() == pytest.approx(128, abs=2)
    assert max(centre.red(), centre.green(), centre.blue()) - min(centre.red(), centre.green(), centre.blue()) <= 1
    assert image.pixelColor(0, 0).alpha() == normal.pixelColor(0, 0).alpha() == 0  # the shape is kept


def test_a_selected_icon_takes_a_tint_of_the_highlight(qapp):
    from editor.app.icons import icon

    highlight = QGuiApplication.palette().color(QPalette.ColorGroup.Normal, QPalette.ColorRole.Highlight)
    normal = icon("status-ok").pixmap(32, QIcon.Mode.Normal).toImage().pixelColor(8, 16)
    selected = icon("status-ok").pixmap(32, QIcon.Mode.Selected).toImage().pixelColor(8, 16)
    for part in ("red", "green", "blue"):
        expected = 0.7 * getattr(normal, part)() + 0.3 * getattr(highlight, part)()
        assert getattr(selected, part)() == pytest.approx(expected, abs=2)
    assert selected.alpha() == 255


def test_each_size_and_look_is_rendered_once(qapp):
    from editor.app.icons import icon

    undo = icon("undo")
    first = undo.pixmap(24, QIcon.Mode.Disabled)
    assert undo.pixmap(24, QIcon.Mode.Disabled).cacheKey() == first.cacheKey()
    assert undo.pixmap(24, QIcon.Mode.Normal).cacheKey() != first.cacheKey()
