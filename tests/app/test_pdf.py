"""PDF export through Qt (offscreen): A4, content, page numbers, atomic write."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from editor.app.pdf import export_pdf, render_pdf
from editor.core.storage import StorageError
from tests.core.formats.test_docx_sample import sample_proposal, tiny_png

REFERENCE_EXAMPLES = Path(__file__).resolve().parents[2] / "resources" / "examples"


@pytest.fixture(scope="module")
def app():
    from editor.app.pdf import ensure_gui_application

    return ensure_gui_application()


def _text(pdftotext: str, path) -> str:
    return subprocess.run([pdftotext, "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_export_pdf(app, tmp_path, lang, pdftotext):
    (tmp_path / "architecture.png").write_bytes(tiny_png(400, 200))
    p = sample_proposal(lang)
    path = tmp_path / f"p_{lang}.pdf"
    assert export_pdf(p, path, images={"risk_matrix": tiny_png(300, 300), "kpi_chart": tiny_png(600, 300)}) == []
    data = path.read_bytes()
    assert data.startswith(b"%PDF") and re.search(rb"/MediaBox \[0 0 595(\.0+)? 842(\.0+)?\]", data)  # A4 in points
    text = _text(pdftotext, path)
    pages = len(re.findall(r"Page \d+ (?:of|sur) \d+", text))
    assert pages >= 3
    if lang == "fr":
        assert "7. Évaluation des risques et stratégies de mitigation" in text
        assert f"Page 1 sur {pages}" in text and "Résistance au" in text and "30/06/2027" in text
    else:
        assert "7. Risk Assessment and Mitigation Strategies" in text
        assert f"Page {pages} of {pages}" in text and "Customer data" in text


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_table_words_are_not_cut_in_two(app, tmp_path, lang, pdftotext):
    # Columns sized as in the DOCX: no header or cell word wraps mid-word ("Baselin|e", "Automatio|n").
    from editor.core.example import example_proposal
    from editor.core.export.tables import kpi_table, risk_table

    p = example_proposal(lang)
    path = tmp_path / "example.pdf"
    assert export_pdf(p, path) == []
    words = set(re.findall(r"[^\W\d_]+", _text(pdftotext, path)))
    for table in (risk_table, kpi_table):
        headers, rows = table(p, lang)
        cells = [*headers, *(cell for row in rows for cell in row if not cell.startswith("http"))]
        cut = sorted({w for cell in cells for w in re.findall(r"[^\W\d_]{4,}", cell) if w not in words})
        assert not cut, (table.__name__, cut)


def test_letter_for_us_locale(app):
    p = sample_proposal("en")
    p.metadata.extra["locale"] = "en_US"
    assert re.search(rb"/MediaBox \[0 0 612(\.0+)? 792(\.0+)?\]", render_pdf(p))


def test_export_pdf_is_atomic(app, tmp_path):
    with pytest.raises(StorageError):
        export_pdf(sample_proposal("en"), tmp_path / "missing" / "x.pdf")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_contents_gives_the_page_of_each_section(app, tmp_path, lang, pdftotext):
    from editor.core.example import example_proposal
    from editor.core.guide import section_title
    from editor.core.model import SECTION_IDS

    path = tmp_path / "example.pdf"
    assert export_pdf(example_proposal(lang), path, base_dir=REFERENCE_EXAMPLES) == []
    pages = _text(pdftotext, path).split("\f")
    for sid in SECTION_IDS:
        title = section_title(sid, lang)
        listed = re.search(re.escape(title) + r"\s+(\d+)\s*$", pages[0], re.M)
        start = title[:30]  # a long heading wraps in the body
        where = [n for n, page in enumerate(pages, 1) if n > 1 and re.search("^" + re.escape(start), page, re.M)]
        assert listed and where and int(listed.group(1)) == where[0], (title, listed and listed.group(1), where)
