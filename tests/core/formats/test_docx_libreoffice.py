"""A real word processor opens our DOCX: LibreOffice converts it to text and PDF
and every sentence and table cell of the sample proposal is there, in both
languages. A missing LibreOffice or pdftotext fails the tests (tests/conftest.py: require_tool)."""

from __future__ import annotations

import re
import subprocess

import pytest

from editor.core.formats.docx import write_docx
from editor.core.export.html import markdown_to_html
from editor.core.export.tables import data_source_table, kpi_table, resource_table, risk_table
from tests.core.formats.test_docx_sample import sample_proposal, tiny_png

def _norm(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())


def _convert(soffice: str, tmp_path, paths, target: str) -> None:
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run(
        [soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore", "--convert-to", target,
         "--outdir", str(tmp_path), *map(str, paths)],
        check=True, capture_output=True, timeout=240,
    )


def _sentences(markdown_text: str) -> list[str]:
    import lxml.html

    html = markdown_to_html(markdown_text)
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    chunks = []
    for block in root.iter("p", "li", "h1", "h2", "h3", "pre", "td", "th"):
        own = block.text_content() if block.tag != "li" else (block.text or "")
        for piece in re.split(r"(?<=[.!?:])\s+|\n", own):
            if piece.strip():
                chunks.append(_norm(piece))
    return chunks


@pytest.fixture(scope="module")
def converted(tmp_path_factory, soffice):
    tmp_path = tmp_path_factory.mktemp("lo")
    (tmp_path / "architecture.png").write_bytes(tiny_png(400, 200))
    images = {"risk_matrix": tiny_png(300, 300), "kpi_chart": tiny_png(600, 300)}
    paths = []
    for lang in ("fr", "en"):
        path = tmp_path / f"sample_{lang}.docx"
        assert write_docx(sample_proposal(lang), path, images=images) == []
        paths.append(path)
    _convert(soffice, tmp_path, paths, "txt:Text (encoded):UTF8")
    _convert(soffice, tmp_path, paths, "pdf")
    return tmp_path


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_sentence_and_cell_is_in_libreoffice_text(converted, lang):
    p = sample_proposal(lang)
    text = _norm((converted / f"sample_{lang}.txt").read_text(encoding="utf-8-sig"))
    expected = [p.metadata.title, *p.metadata.authors, p.poc_url, p.diagram.caption]
    for sid, body in p.sections.items():
        expected += _sentences(body)
    for obj in p.objectives:
        expected += _sentences(obj.text)
    for table in (risk_table, kpi_table, data_source_table, resource_table):
        headers, rows = table(p, lang)
        expected += [_norm(h) for h in headers]
        expected += [_norm(line) for row in rows for cell in row for line in cell.split("\n") if line.strip()]
    missing = [s for s in expected if s and s not in text]
    assert not missing, f"missing from LibreOffice's text of the {lang} document: {missing}"


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_libreoffice_renders_pdf_with_headings_and_page_numbers(converted, lang, pdftotext):
    pdf = converted / f"sample_{lang}.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    text = subprocess.run([pdftotext, "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    from editor.core.guide import section_title

    heading = section_title("risks", lang)
    # The heading appears twice: in the contents list (with a computed page number) and in the body.
    assert text.count(heading) == 2
    pages = text.count("\f")
    footer = "Page 2 sur" if lang == "fr" else "Page 2 of"
    assert pages >= 4 and footer in text
    contents = re.search(re.escape(heading) + r"[ .\u2026]*(\d+)", text)
    assert contents and 2 <= int(contents.group(1)) <= pages


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_table_headers_are_never_cut_inside_a_word(converted, lang, pdftotext):
    pdf = converted / f"sample_{lang}.pdf"
    text = subprocess.run([pdftotext, "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    words = set(re.findall(r"[^\W\d_]+", text))
    p = sample_proposal(lang)
    for table in (risk_table, kpi_table):
        headers, _rows = table(p, lang)
        for header in headers:
            for word in re.findall(r"[^\W\d_]{4,}", header):
                assert word in words, f"{word!r} of the header {header!r} is cut in the {lang} PDF"
