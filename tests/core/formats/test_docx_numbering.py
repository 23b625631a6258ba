"""Numbered lists come back numbered as Word and LibreOffice show them."""

from __future__ import annotations

import io

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from editor.core.formats.docx_numbering import Numbering
from editor.core.formats.docx_read import read_docx_bytes

W = nsdecls("w")


def numbering(nums: str, levels: str = "") -> Numbering:
    levels = levels or '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/></w:lvl>' \
                       '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/></w:lvl>'
    return Numbering(parse_xml(f'<w:numbering {W}><w:abstractNum w:abstractNumId="7">{levels}</w:abstractNum>'
                               f"{nums}</w:numbering>"))


def test_libreoffice_gives_each_item_its_own_list_and_shows_one_count():
    # As LibreOffice writes "1. 2. 3.": the first instance restarts, the next ones go on.
    n = numbering('<w:num w:numId="16"><w:abstractNumId w:val="7"/><w:lvlOverride w:ilvl="0">'
                  '<w:startOverride w:val="1"/></w:lvlOverride></w:num>'
                  '<w:num w:numId="17"><w:abstractNumId w:val="7"/></w:num>'
                  '<w:num w:numId="18"><w:abstractNumId w:val="7"/></w:num>'
                  '<w:num w:numId="19"><w:abstractNumId w:val="7"/><w:lvlOverride w:ilvl="0">'
                  '<w:startOverride w:val="1"/></w:lvlOverride></w:num>')
    assert [n.number(i, 0) for i in ("16", "17", "18")] == [1, 2, 3]
    assert n.restarts("19", 0) and n.number("19", 0) == 1  # a new list restarts
    assert n.list_key("16") == n.list_key("19") == "a7"


def test_levels_start_values_and_formats():
    n = numbering('<w:num w:numId="1"><w:abstractNumId w:val="7"/>'
                  '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>')
    assert n.format("1", 1) == "lowerLetter"
    assert [n.number("1", 0), n.number("1", 1), n.number("1", 1), n.number("1", 0), n.number("1", 1)] == [5, 1, 2, 6, 1]


def test_forged_numbering_is_bounded():
    n = numbering('<w:num w:numId="1"><w:abstractNumId w:val="7"/></w:num>',
                  '<w:lvl w:ilvl="0"><w:start w:val="99999999999999"/></w:lvl><w:lvl w:ilvl="x"/>'
                  '<w:lvl w:ilvl="40"><w:start w:val="3"/></w:lvl>')
    assert n.number("1", 0) == 999_999_999
    assert n.number("1", 40) == 1  # level 8 at most
    assert not n.known("2")


def _docx(paragraphs) -> bytes:
    d = docx.Document()
    for text, style in paragraphs:
        d.add_paragraph(text, style=style)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def test_style_numbering_in_a_section_is_a_markdown_list():
    data = _docx([("Conclusion", "Heading 1"), ("Steps:", None), ("One", "List Number"), ("Two", "List Number"),
                  ("Three", "List Number"), ("Done.", None), ("Alpha", "List Bullet"), ("Beta", "List Bullet")])
    text = read_docx_bytes(data).proposal.sections["conclusion"]
    assert text == "Steps:\n\n1. One\n2. Two\n3. Three\n\nDone.\n\n- Alpha\n- Beta"

