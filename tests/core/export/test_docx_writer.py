"""The DOCX writer renders any document of blocks: review comments in the margin, an SVG
drawn over its PNG copy (as Office writes it), a contents list that never shows a
page number it guessed, task items, and the KPI texts the app itself shows."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

import docx

from editor.core.export.blocks import (
    Caption,
    Cell,
    Comment,
    Contents,
    Document,
    Figure,
    Heading,
    ListBlock,
    ListItem,
    Paragraph,
    Picture,
    Row,
    Table,
    runs,
)
from editor.core.export.docx_writer import render_docx
from editor.core.formats.docx import build_docx
from tests.core.formats.test_docx_sample import sample_proposal, tiny_png

SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20" fill="#36c"/></svg>'
STAMP = dt.datetime(2026, 12, 1, 9, 30, tzinfo=dt.timezone.utc)


def reviewed_document() -> Document:
    table = Table((Row((Cell(runs("Risk")), Cell(runs("Owner")))),
                   Row((Cell(runs("Data drift")), Cell(runs("Data team"))), comments=("c3",))), header=1)
    return Document("en", (
        Heading(1, runs("1. Introduction"), anchor="intro", comments=("c1",)),
        Paragraph(runs("The model drifts."), comments=("c2", "c1")),
        table,
    ), comments=(
        Comment("c1", "Prof. Ada Byron", "Say which model.", "AB", STAMP),
        Comment("c2", "Prof. Ada Byron", "A figure would help.\nSee section 8.", "AB", STAMP),
        Comment("c3", "Grace Hopper", "Who owns it?", "GH"),
    ))


def test_review_comments_are_in_the_margin_where_they_point(tmp_path):
    data, warnings = render_docx(reviewed_document())
    assert warnings == []
    d = docx.Document(io.BytesIO(data))
    comments = {c.comment_id: c for c in d.comments}
    assert [(c.author, c.initials, c.text) for c in comments.values()] == [
        ("Prof. Ada Byron", "AB", "Say which model."),
        ("Prof. Ada Byron", "AB", "A figure would help.\nSee section 8."),
        ("Grace Hopper", "GH", "Who owns it?"),
    ]
    assert comments[0].timestamp == dt.datetime(2026, 12, 1, 9, 30, tzinfo=dt.timezone.utc)
    body = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    for number in (0, 1, 2):
        assert body.count(f'<w:commentRangeStart w:id="{number}"/>') == 1
        assert body.count(f'<w:commentReference w:id="{number}"/>') == 1
    # c1 spans the heading and the paragraph, c2 the paragraph, c3 the row's cells.
    heading, paragraph = d.paragraphs[0], d.paragraphs[1]
    assert heading.text == "1. Introduction" and paragraph.text == "The model drifts."
    assert 'commentRangeStart w:id="0"' in heading._p.xml and 'commentRangeEnd w:id="0"' not in heading._p.xml
    assert 'commentRangeEnd w:id="0"' in paragraph._p.xml and 'commentRangeStart w:id="1"' in paragraph._p.xml
    row = d.tables[0].rows[1]._tr.xml
    assert 'commentRangeStart w:id="2"' in row and 'commentRangeEnd w:id="2"' in row


def test_svg_figure_is_drawn_over_its_png_copy():
    document = Document("en", (Figure(Picture(tiny_png(40, 20), SVG), Caption("Figure", "Vector"), 8.0),))
    data, warnings = render_docx(document)
    assert warnings == []
    z = zipfile.ZipFile(io.BytesIO(data))
    body = z.read("word/document.xml").decode()
    assert "{96DAC541-7B7A-43D3-8B79-37D633B846F1}" in body and "asvg:svgBlip" in body
    media = sorted(n for n in z.namelist() if n.startswith("word/media/"))
    assert [n.rsplit(".", 1)[1] for n in media] == ["png", "svg"] and z.read(media[1]) == SVG
    assert 'ContentType="image/svg+xml"' in z.read("[Content_Types].xml").decode()
    # Without a PNG copy Word could not show it: left out, and the user is told.
    _data, warnings = render_docx(Document("en", (Figure(Picture(svg=SVG)),)))
    assert len(warnings) == 1 and "SVG" in warnings[0]


def test_contents_stores_no_guessed_page_number():
    data, _warnings = render_docx(Document("en", (Contents((("intro", "1. Introduction"),)),
                                                   Heading(1, runs("1. Introduction"), anchor="intro"))))
    body = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    page_field = body[body.index("PAGEREF _Toc_mlops_intro"):body.index('fldCharType="end"')]
    assert "<w:t" not in page_field  # Word and LibreOffice fill it in; nothing stale meanwhile
    assert '<w:bookmarkStart w:id="101" w:name="_Toc_mlops_intro"/>' in body


def test_task_items_show_their_box():
    items = (ListItem((Paragraph(runs("done")),), task=True), ListItem((Paragraph(runs("to do")),), task=False))
    data, _warnings = render_docx(Document("en", (ListBlock(items),)))
    texts = [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]
    assert texts == ["\u2612\tdone", "\u2610\tto do"]  # the box in place of the bullet


def test_objective_targets_are_the_apps_own_words():
    """The DOCX says "21 jours -> 1 jour", as the KPI planner does (never "1 jours")."""
    from editor.core.kpis import kpi_target_text

    for lang in ("fr", "en"):
        p = sample_proposal(lang)
        data, _warnings = build_docx(p)
        text = "\n".join(par.text for par in docx.Document(io.BytesIO(data)).paragraphs)
        assert kpi_target_text(p.kpis[0], lang) in text
        assert not re.search(r"\b1 (jours|days)\b", text)


def test_comments_placed_by_key_on_a_built_proposal():
    """How review comments of the model reach the document: by the keys the builder gives its blocks."""
    from editor.core.export.blocks import with_comments
    from editor.core.export.build import build_document
    from editor.core.export.docx_writer import render_docx

    p = sample_proposal("en")
    document = build_document(p)
    comments = (Comment("a", "Reviewer", "Which notebook?"), Comment("b", "Reviewer", "Who owns R2?"),
                Comment("c", "Reviewer", "Good objective."))
    document = with_comments(document, comments, {"summary:0": ("a",), "risk:R2": ("b",), "objective:1": ("c",),
                                                  "section:kpis": ("c",)})
    data, _warnings = render_docx(document)
    d = docx.Document(io.BytesIO(data))
    assert [c.text for c in d.comments] == ["Which notebook?", "Who owns R2?", "Good objective."]
    summary = next(par for par in d.paragraphs if par.text.startswith("This project industrialises"))
    assert 'commentRangeStart w:id="0"' in summary._p.xml and 'commentRangeEnd w:id="0"' in summary._p.xml
    risk_row = next(row for table in d.tables for row in table.rows if row.cells[0].text == "R2")
    assert 'commentRangeStart w:id="1"' in risk_row._tr.xml
    body = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    # "c" spans from the first objective to the heading of section 8.
    assert body.index('commentRangeStart w:id="2"') < body.rindex("8. Success Metrics") < body.index(
        'commentRangeEnd w:id="2"')


def test_word_checks_the_spelling_in_the_proposals_spelling_language():
    def proofing(proposal) -> str:
        data, _warnings = build_docx(proposal)
        styles = zipfile.ZipFile(io.BytesIO(data)).read("word/styles.xml").decode("utf-8")
        return re.search(r'<w:rPrDefault>.*?<w:lang w:val="([^"]+)"', styles, re.S).group(1)

    proposal = sample_proposal("fr")
    assert proofing(proposal) == "fr-FR"
    proposal.metadata.extra["spellcheck_language"] = "en"  # a French proposal whose writer checks it in English
    assert proofing(proposal) == "en-US"
