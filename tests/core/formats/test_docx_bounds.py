"""What a DOCX may cost before it is read (editor/core/formats/docx_bounds.py): each limit refuses
with a message, and a real document passes every one of them."""

from __future__ import annotations

import io
import time
import zipfile

import pytest

from editor.core.formats import FormatError, docx_bounds
from editor.core.formats.docx_read import read_docx_bytes
from tests.hostile import files as f

MB = 1024 * 1024


def refused(data: bytes, match: str) -> None:
    started = time.perf_counter()
    with pytest.raises(FormatError, match=match):
        read_docx_bytes(data)
    assert time.perf_counter() - started < 5


def test_a_real_document_passes_and_is_repacked_from_its_own_bytes():
    data = f.real_docx()
    clean = docx_bounds.checked_archive(data)
    original, repacked = zipfile.ZipFile(io.BytesIO(data)), zipfile.ZipFile(io.BytesIO(clean))
    assert {i.filename: original.read(i) for i in original.infolist()} == \
        {i.filename: repacked.read(i) for i in repacked.infolist()}
    assert all(i.compress_type == zipfile.ZIP_STORED for i in repacked.infolist())
    assert read_docx_bytes(data).proposal.objectives


def test_members_that_inflate_far_more_than_deflate_can_honestly_are_refused():
    refused(f.zip_bytes({"[Content_Types].xml": f.CONTENT_TYPES, "word/media/zeros.bin": b"\0" * (8 * MB)}),
            "compressed .* times")


def test_a_header_that_lies_about_sizes_is_caught_by_the_bytes():
    data = f.zip_bytes({"[Content_Types].xml": f.CONTENT_TYPES, "word/document.xml": f.body(b" " * (8 * MB))})
    refused(f.lying_sizes(data, "word/document.xml", 4096), "damaged")


def test_compressions_word_never_writes_are_refused():
    refused(f.bzip2_member("word/document.xml", f.body(b"")), "compression Word never writes")


def test_xml_parts_and_all_of_them_have_a_size(monkeypatch):
    monkeypatch.setattr(docx_bounds, "MAX_XML_PART_BYTES", 100_000)
    refused(f.docx_with({"word/document.xml": f.body(f.paragraphs(5000))}), "word/document.xml would expand")
    monkeypatch.setattr(docx_bounds, "MAX_XML_PART_BYTES", 10 * MB)
    monkeypatch.setattr(docx_bounds, "MAX_XML_TOTAL_BYTES", 100_000)
    refused(f.docx_with({"word/extra.xml": f.body(f.paragraphs(5000))}), "expand to")


def test_too_many_members():
    refused(f.zip_bytes({f"word/f{i}.xml": b"" for i in range(docx_bounds.MAX_ENTRIES + 1)}), "holds")


@pytest.mark.parametrize("inner, match", [
    (f.paragraphs(docx_bounds.MAX_PARAGRAPHS + 1), "paragraphs"),
    (b"<w:p>" + b"<w:r><w:t>x</w:t></w:r>" * 1000 + b"</w:p>", "pieces"),  # 1,000 pieces and runs in one paragraph
    (b"<w:p><w:r>" + b"<w:t>x</w:t>" * (docx_bounds.MAX_PIECES_PER_RUN + 1) + b"</w:r></w:p>", "a run of more than"),
    (b"<w:p><w:r><w:t>" + b"x" * (docx_bounds.MAX_PARAGRAPH_CHARS + 1) + b"</w:t></w:r></w:p>", "characters"),
    (b'<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r></w:p>' * 21, "fields nested 21 deep"),
    (b'<w:p><w:r><w:instrText>' + b"x" * (docx_bounds.MAX_FIELD_CODE_CHARS + 1) + b"</w:instrText></w:r></w:p>",
     "field codes"),
    (b"<w:tbl><w:tr>" + b'<w:tc><w:tcPr><w:gridSpan w:val="63"/></w:tcPr><w:p/></w:tc>' * 500 + b"</w:tr></w:tbl>",
     "table cells"),
    (b"".join(b'<w:p><w:pPr><w:pStyle w:val="S%d"/></w:pPr></w:p>' % i for i in range(501)), "styles in use"),
    (b"".join(b'<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="%d"/></w:numPr></w:pPr></w:p>' % i
              for i in range(501)), "list levels in use"),
])
def test_a_body_the_reader_cannot_walk_in_moments_is_refused(monkeypatch, inner, match):
    monkeypatch.setattr(docx_bounds, "MAX_PIECES_PER_PARAGRAPH", 500)
    refused(f.docx_body(inner), match)


def test_styles_and_list_definitions_are_counted(monkeypatch):
    monkeypatch.setattr(docx_bounds, "MAX_STYLES", 5)
    refused(f.docx_body(f.paragraphs(3)), "more than 5 styles")
    monkeypatch.setattr(docx_bounds, "MAX_STYLES", 5000)
    monkeypatch.setattr(docx_bounds, "MAX_NUMBERINGS", 5)
    refused(f.docx_body(f.paragraphs(3)), "list definitions")


def test_a_body_at_the_limits_is_read_in_moments():
    started = time.perf_counter()
    result = read_docx_bytes(f.docx_body(f.paragraphs(docx_bounds.MAX_PARAGRAPHS - 100)))
    assert "text" in result.proposal.unmapped
    print(f"{docx_bounds.MAX_PARAGRAPHS - 100} paragraphs read in {time.perf_counter() - started:.2f} s")


@pytest.mark.parametrize("span, ok", [(b"400000000", True), (b"9" * 5000, False)])
def test_a_forged_span_is_cut_or_refused(span, ok):
    data = f.docx_body(b'<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="' + span
                       + b'"/></w:tcPr><w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc></w:tr></w:tbl>')
    if ok:
        assert "x" in read_docx_bytes(data).proposal.unmapped
    else:
        refused(data, "spanning 999999999999… columns")  # Python will not read a number of 5,000 digits
