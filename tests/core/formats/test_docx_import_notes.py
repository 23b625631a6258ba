"""What a DOCX holds that a proposal cannot take is named, section by section, in one
message and as ``import-dropped`` warnings of the check; pictures are counted once."""

from __future__ import annotations

import copy
import io

import docx
import pytest
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from editor.core import import_report
from editor.core.checks import check
from editor.core.formats import FormatError
from editor.core.formats.docx import read_docx, sniff, write_docx
from editor.core.formats.docx_read import read_docx_bytes
from editor.core.formats.markdown import load_markdown
from tests.core.formats.test_docx_sample import sample_proposal, tiny_png

NS = nsdecls("w", "wp", "a", "pic", "r") + ' xmlns:v="urn:schemas-microsoft-com:vml"' \
    ' xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"' \
    ' xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math"'
WPS = 'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'
CHART = (f'<w:r {NS}><w:drawing><wp:inline><wp:docPr id="9" name="Chart 1" descr="Sales chart"/><a:graphic>'
         '<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart"/></a:graphic></wp:inline>'
         "</w:drawing></w:r>")
TEXTBOX = (f'<w:r {NS}><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><wp:docPr id="3" '
           f'name="Text Box 3"/><a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/'
           f'wordprocessingShape"><wps:wsp {WPS}><wps:txbx><w:txbxContent><w:p><w:r><w:t>Note in a box</w:t></w:r>'
           "</w:p></w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing>"
           "</mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent><w:p><w:r><w:t>Note in a box</w:t>"
           "</w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>")
LINKED = (f'<w:r {NS}><w:drawing><wp:inline><wp:docPr id="5" name="Picture 5"/><a:graphic><a:graphicData '
          'uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic><pic:blipFill>'
          '<a:blip r:link="rId99"/></pic:blipFill></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>')
EQUATION = f'<m:oMath {NS}><m:r><m:t>E=mc2</m:t></m:r></m:oMath>'
UNDERLINED = f'<w:r {NS}><w:rPr><w:u w:val="single"/></w:rPr><w:t>underlined words</w:t></w:r>'


def _doc(build) -> bytes:
    d = docx.Document()
    build(d)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def _append(paragraph, xml: str) -> None:
    paragraph._p.append(parse_xml(xml))


def _footnote(d, text: str) -> str:
    xml = (f'<w:footnotes {NS}><w:footnote w:id="1"><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:footnote>'
           "</w:footnotes>").encode()
    part = Part(PackURI("/word/footnotes.xml"),
                "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml", xml, d.part.package)
    d.part.relate_to(part, "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes")
    return f'<w:r {NS}><w:footnoteReference w:id="1"/></w:r>'


def test_what_markdown_cannot_hold_is_named_by_section():
    def build(d):
        d.add_heading("Summary", 1)
        p = d.add_paragraph("Our sales ")
        _append(p, CHART)
        _append(p, UNDERLINED)
        d.add_heading("MLOps Context and Challenge", 1)
        p = d.add_paragraph("Context ")
        _append(p, TEXTBOX)
        _append(p, _footnote(d, "Source: internal report"))
        d.add_heading("MLOps Technical Architecture", 1)
        _append(d.add_paragraph("Energy "), EQUATION)
        _append(d.add_paragraph(), LINKED)
        table = d.add_table(rows=1, cols=2)
        table.cell(0, 0).paragraphs[0].add_run().add_picture(io.BytesIO(tiny_png()))

    result = read_docx_bytes(_doc(build))
    notes = result.proposal.import_notes
    said = [(n.section, import_report.describe(n, "en")) for n in notes]
    assert ("summary", "A chart was not taken (a proposal holds pictures, not charts): “Sales chart”.") in said
    assert ("context", "A text box was not taken: “Note in a box”.") in said  # once, not once per fallback
    assert ("context", "A footnote was not taken: “Source: internal report”.") in said
    assert ("architecture", "An equation was not taken: “E=mc2”.") in said
    assert ("architecture", "A picture linked from outside the document was not taken (the file does not hold "
                            "it).") in said
    assert ("architecture", "A picture in a table cell was not taken (a table cell holds text only).") in said
    assert ("summary", "Underline, colour, highlighting or superscript, which Markdown cannot hold, were not taken: "
                       "“underlined words”.") in said
    assert len(notes) == 7
    # One message names them all, by section; the check reports each one as a warning.
    message = [w for w in result.warnings if w.startswith("Some edits")]
    assert len(message) == 1 and message[0].count("\n• ") == 7
    assert message[0].index("2. Summary") < message[0].index("3. MLOps Context") < message[0].index("5. MLOps")
    findings = [f for f in check(result.proposal, "fr") if f.rule == "import-dropped"]
    assert len(findings) == 7 and all(f.severity == "warning" for f in findings)
    assert any(f.message == "Une équation n'a pas été reprise : « E=mc2 »." for f in findings)


def test_pictures_are_counted_once_and_taken_out():
    def build(d):
        d.add_heading("Summary", 1)
        run = d.add_paragraph("Two pictures: ").add_run()
        run.add_picture(io.BytesIO(tiny_png(10, 10)))
        run.add_picture(io.BytesIO(tiny_png(20, 10)))
        d.add_paragraph().add_run().add_picture(io.BytesIO(tiny_png(10, 10)))  # the same one again

    p = read_docx_bytes(_doc(build)).proposal
    assert p.sections["summary"] == "Two pictures: ![](picture-1.png)![](picture-2.png)\n\n![](picture-1.png)"
    assert sorted(p.media) == ["picture-1.png", "picture-2.png"] and p.import_notes == []


def test_our_title_page_and_headings_edited(tmp_path):
    p = sample_proposal("en")
    path = tmp_path / "p.docx"
    write_docx(p, path)
    d = docx.Document(path)
    for par in d.paragraphs:
        if par.style.name == "Kicker":
            par.runs[0].text = "My MLOps proposal"
        elif par.style.name == "Document Date":
            par.runs[0].text = "sometime next spring"
        elif par.style.name == "Heading 1" and par.text.startswith("9."):
            par.runs[0].text = "9. Catalogue fit"
    d.save(path)
    result = read_docx(path)
    said = [(n.section, import_report.describe(n, "en")) for n in result.proposal.import_notes]
    assert said == [
        ("title", "The date “sometime next spring” on the title page could not be read as a date; it was not taken."),
        ("title", "The line “My MLOps proposal” of the title page is written by the editor; the change was not taken."),
        ("catalog", "The section heading was changed to “9. Catalogue fit”; section headings follow the guide, so "
                    "the change was not taken."),
    ]
    q = result.proposal
    assert q.sections["catalog"] == p.sections["catalog"]  # found by its bookmark, not by its words
    assert q.metadata.updated == p.metadata.updated


def test_a_risk_score_typed_by_hand_is_named():
    def build(d):
        d.add_heading("Risks", 1)
        table = d.add_table(rows=3, cols=5)
        for r, values in enumerate((("Risk", "Likelihood", "Impact", "Score", "Mitigation"),
                                    ("Drift", "4", "3", "12", "Alerts"), ("Leak", "2", "5", "20", "Vault"))):
            for c, value in enumerate(values):
                table.cell(r, c).text = value

    p = read_docx_bytes(_doc(build)).proposal
    assert [(n.item, import_report.describe(n, "en")) for n in p.import_notes] == [
        ("R2", "Risk R2: the score 20 was not taken; the score is the likelihood × the impact (10).")]


@pytest.mark.parametrize("name, content, message", [
    ("notes.md", "docx", "This is a Word document (DOCX), not a text file: rename it to .docx to open it."),
    ("notes.txt", "docx", "This is a Word document (DOCX), not a text file: rename it to .docx to open it."),
    ("draft.docx", b"# My proposal\n\n## Summary\n\nText.\n", "this is a text (Markdown) file, not a Word document: "
                                                             "rename it to .md to open it."),
    ("old.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "this is an old Word document (.doc)"),
    ("scan.docx", b"%PDF-1.7\n%\xe2\xe3", "this is a PDF, not a Word document"),
    ("scan.md", b"%PDF-1.7\n%\xe2\xe3\x00", "This is a PDF, not a text file"),
])
def test_a_file_named_for_another_format_says_what_it_is(tmp_path, name, content, message):
    if content == "docx":
        write_docx(sample_proposal("en"), tmp_path / "real.docx")
        content = (tmp_path / "real.docx").read_bytes()
    path = tmp_path / name
    path.write_bytes(content)
    reader = load_markdown if name.endswith((".md", ".txt")) else read_docx
    with pytest.raises(FormatError) as info:
        reader(path)
    assert message in str(info.value) and str(path) in str(info.value)


def test_sniff():
    assert sniff(b"## Summary\n") == "text" and sniff(b"\x00\x01garbage") is None
    assert sniff(b"PK\x03\x04not really a zip") == "zip"


def test_thousands_of_comments_are_refused_and_open_ranges_cost_nothing():
    def build(d, comments):
        p = d.add_paragraph("Text ")
        for i in range(3000):  # ranges that never close
            p._p.append(parse_xml(f'<w:commentRangeStart {NS} w:id="{i}"/>'))
        for _ in range(200):
            p.add_run("many words of text " * 10)
        first = d.add_comment(p.runs[0], text="comment 0")._comment_elm
        for i in range(1, comments):  # copies in the comments part (python-docx adds them slowly)
            twin = copy.deepcopy(first)
            twin.set(qn("w:id"), str(5000 + i))
            first.getparent().append(twin)

    assert len(read_docx_bytes(_doc(lambda d: build(d, 3))).proposal.comments) == 3
    with pytest.raises(FormatError, match="more than 1000 comments"):
        read_docx_bytes(_doc(lambda d: build(d, 1001)))
