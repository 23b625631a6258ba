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


def test_pictures_the_proposal_carries_reach_the_pdf(tmp_path, pdfimages):
    """An SVG diagram and a picture of the text taken out of a DOCX, exported where no file of
    theirs exists: the diagram is drawn to PNG from the carried SVG, both show in the PDF."""
    import subprocess

    from editor.app.export_images import document_images
    from editor.app.pdf import export_pdf
    from editor.core.model import Diagram, Proposal
    from tests.core.formats.test_docx_sample import tiny_png

    p = Proposal(diagram=Diagram(path="architecture.svg", caption="Pipeline"),
                 media={"architecture.svg": (EXAMPLES / "architecture.svg").read_bytes(),
                        "picture-1.png": tiny_png(120, 80, (200, 30, 30))})
    p.sections["context"] = "Before ![A shot](picture-1.png) after."
    images = document_images(p, "en", tmp_path)
    assert images["architecture"].startswith(b"\x89PNG")
    out = tmp_path / "carried.pdf"
    assert export_pdf(p, out, "en", images=images, base_dir=tmp_path) == []
    listed = subprocess.run([pdfimages, "-list", str(out)], capture_output=True, text=True, check=True).stdout
    sizes = {tuple(line.split()[3:5]) for line in listed.splitlines()[2:]}
    assert ("120", "80") in sizes and ("1600", _png_height(images["architecture"])) in sizes


def _png_height(png: bytes) -> str:
    import struct

    return str(struct.unpack(">I", png[20:24])[0])
