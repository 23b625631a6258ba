"""Golden references: the DOCX body (``word/document.xml``, normalised) and the HTML of the
example proposal in French and English and of a prose-heavy proposal, compared with the
files in tests/reference/export/. Any change to what the exports write fails here.

After an intended change, write the references again and review their diff:

    UPDATE_REFERENCE=1 QT_QPA_PLATFORM=offscreen .venv/bin/python -m pytest tests/core/export/test_golden.py
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from editor.core.example import example_proposal
from editor.core.export.html import proposal_to_html
from editor.core.formats.docx import build_docx
from editor.core.formats.markdown import load_markdown
from tests.core.formats.test_docx_sample import tiny_png

REFERENCE = Path(__file__).resolve().parents[2] / "reference" / "export"
EXAMPLES = Path(__file__).resolve().parents[3] / "resources" / "examples"
UPDATE = os.environ.get("UPDATE_REFERENCE") == "1"
# Fixed pictures for the charts and the diagram's PNG copy (the app paints them with Qt).
IMAGES = {"risk_matrix": tiny_png(90, 76, (220, 80, 80)), "kpi_chart": tiny_png(100, 60, (40, 90, 160)),
          "architecture": tiny_png(160, 90, (30, 60, 120)), "architecture_builder": tiny_png(160, 120, (30, 90, 60))}
_DATA_URI = re.compile(r"data:([\w/+.-]+);base64,([A-Za-z0-9+/=]+)")


def _proposal(name: str):
    if name.startswith("example_"):
        return example_proposal(name.split("_")[1]), EXAMPLES, IMAGES
    return load_markdown(REFERENCE / f"{name}.md").proposal, REFERENCE, {}


def _document_xml(data: bytes) -> str:
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")
    return etree.tostring(etree.fromstring(xml), pretty_print=True, encoding="unicode")


def _html(text: str) -> str:
    def digest(match):
        raw = match.group(2).encode("ascii")
        return f"data:{match.group(1)};base64,[{len(raw)} chars sha1 {hashlib.sha1(raw).hexdigest()[:12]}]"

    return _DATA_URI.sub(digest, text).replace("><", ">\n<")


def _compare(path: Path, actual: str) -> None:
    if UPDATE:
        path.write_text(actual, encoding="utf-8")
    expected = path.read_text(encoding="utf-8")
    if actual != expected:
        import difflib

        diff = "".join(list(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True), str(path),
                                                 "now", n=2))[:80])
        pytest.fail(f"{path.name} changed (UPDATE_REFERENCE=1 writes it again after an intended change):\n{diff}")


@pytest.mark.parametrize("name", ["example_fr", "example_en", "prose_en"])
def test_docx_body_is_the_reference(name):
    proposal, folder, images = _proposal(name)
    data, warnings = build_docx(proposal, images=images, base_dir=folder)
    assert warnings == []
    _compare(REFERENCE / f"{name}.document.xml", _document_xml(data))


@pytest.mark.parametrize("name", ["example_fr", "example_en", "prose_en"])
def test_html_is_the_reference(name):
    proposal, folder, images = _proposal(name)
    _compare(REFERENCE / f"{name}.html", _html(proposal_to_html(proposal, images=images, base_dir=folder)))
