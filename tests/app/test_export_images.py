import zipfile
from pathlib import Path

from editor.cli import main

EXAMPLES = Path(__file__).resolve().parents[2] / "resources" / "examples"


def test_svg_diagram_and_charts_are_embedded_in_the_docx(tmp_path, capsys):
    out = tmp_path / "exemple.docx"
    assert main(["export", str(EXAMPLES / "fr.md"), "--to", "docx", "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "could not be embedded" not in err and "UnrecognizedImage" not in err
    with zipfile.ZipFile(out) as docx:
        pictures = [n for n in docx.namelist() if n.startswith("word/media/") and n.endswith(".png")]
    assert len(pictures) == 3  # architecture diagram, risk matrix, KPI chart


def test_diagram_png_is_a_real_picture(tmp_path):
    from PySide6.QtGui import QImage

    from editor.app.export_images import diagram_png
    from editor.core.formats.markdown import load_markdown

    proposal = load_markdown(EXAMPLES / "en.md").proposal
    proposal.diagram.path = "architecture.svg"  # an SVG drawn elsewhere, attached
    png = diagram_png(proposal, EXAMPLES)
    image = QImage.fromData(png)
    assert image.width() == 1600 and image.height() > 200
    colours = {image.pixel(x, y) for x in range(0, 1600, 40) for y in range(0, image.height(), 20)}
    assert len(colours) > 3  # boxes and text, not a blank page
    proposal.diagram.path = "missing.svg"
    assert diagram_png(proposal, EXAMPLES) is None
