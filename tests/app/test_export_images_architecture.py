"""The drawing as pixels: Qt reads the core's SVG, and the core's font table measures as Qt does."""

from PySide6.QtGui import QColor, QFont, QFontDatabase, QFontMetricsF, QImage

from editor.app.export_images import architecture_png, svg_image
from editor.core.architecture.layout import layout
from editor.core.architecture.metrics import text_width
from editor.core.architecture.svg import diagram_svg
from editor.core.example import example_architecture


def test_the_font_table_measures_labels_as_qt_does(qapp):
    assert "DejaVu Sans" in QFontDatabase.families()
    for bold in (False, True):
        font = QFont("DejaVu Sans")
        font.setPixelSize(13)
        font.setBold(bold)
        metrics = QFontMetricsF(font)
        for text in ("GitHub Actions", "Registre de modèles MLflow", "Entraînement et suivi", "Œuvre – “ok” …"):
            assert abs(text_width(text, 13, bold) - metrics.horizontalAdvance(text)) <= 0.02 * metrics.horizontalAdvance(text)


def test_the_png_is_sharp_and_every_box_has_its_text(qapp):
    arch = example_architecture("fr")
    data = architecture_png(arch, "fr", width=1600)
    image = QImage.fromData(data, "PNG")
    assert image.width() == 1600
    lay = layout(arch, "fr")
    scale = 1600 / lay.width
    assert abs(image.height() - lay.height * scale) <= 1
    for box in lay.nodes:  # dark text pixels inside each box's middle band
        y = round(box.cy * scale)
        dark = sum(1 for x in range(round(box.x * scale) + 8, round((box.x + box.w) * scale) - 8, 2)
                   for dy in range(-12, 13, 3) if QColor(image.pixel(x, y + dy)).lightness() < 90)
        assert dark > 5, box.id


def test_an_empty_diagram_makes_no_picture(qapp):
    from editor.core.architecture.graph import Architecture

    assert architecture_png(Architecture(), "en") is None
    assert svg_image(diagram_svg(example_architecture("en"), "en"), 400).width() == 400
