"""DOCX export and lossless re-import of our own documents."""

from __future__ import annotations

import io
import re
import zipfile

import docx
import pytest

from editor.core.formats import FormatError
from editor.core.formats.docx import build_docx, read_docx, write_docx
from editor.core.formats.docx_read import read_docx_bytes
from editor.core.model import SECTION_IDS, Proposal, Risk
from editor.core.storage import StorageError
from tests.core.formats.test_docx_sample import sample_proposal, tiny_png

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
IMAGES = {"risk_matrix": tiny_png(300, 300, (220, 80, 80)), "kpi_chart": tiny_png(600, 300)}


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "architecture.png").write_bytes(tiny_png(400, 200, (30, 60, 120)))
    return tmp_path


def _stored_copy_disowned(data: bytes) -> bytes:
    """The document with its stored proposal's fingerprint matching no body: the reader takes
    every section, table and list from the visible content, as for a copy edited in Word."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out, changed = io.BytesIO(), 0
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = source.read(info)
            if info.filename.startswith("customXml/item"):
                disowned = re.sub(rb'(<proposal [^>]*fingerprint=")[0-9a-f]+"', rb'\g<1>0"', entry)
                changed += disowned != entry
                entry = disowned
            target.writestr(info, entry)
    assert changed == 1, "no stored proposal with a fingerprint in the document"
    return out.getvalue()


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_round_trip_is_exact(folder, lang):
    p = sample_proposal(lang)
    path = folder / f"p_{lang}.docx"
    assert write_docx(p, path, images=IMAGES) == []
    result = read_docx(path)
    assert result.warnings == []
    # The diagram comes out of the document under its own name, so it travels with the file.
    assert result.proposal.media == {"architecture.png": (folder / "architecture.png").read_bytes()}
    assert result.proposal.model_copy(update={"media": {}}) == p
    # What Word shows holds the same proposal: read from the visible body alone, every section,
    # objective, table row and picture comes back, and nothing reads as edited.
    visible = read_docx_bytes(_stored_copy_disowned(path.read_bytes()))
    assert visible.warnings == [] and visible.proposal.import_notes == []
    assert visible.proposal.media == result.proposal.media
    assert visible.proposal.model_copy(update={"media": {}}) == p


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_document_without_its_stored_copy_gives_its_tables_and_title_page(folder, lang):
    """With the stored proposal gone (a converter dropped it), the document reads as one written
    by hand: the tables, the POC link, the diagram, title and authors still come back whole."""
    p = sample_proposal(lang)
    data, _warnings = build_docx(p, images=IMAGES, base_dir=folder)
    q = read_docx_bytes(_without_stored_proposal(data), lang).proposal
    assert [r.model_dump() for r in q.risks] == [r.model_dump() for r in p.risks]
    assert q.kpis == p.kpis and q.data_sources == p.data_sources and q.resources == p.resources
    assert q.poc_url == p.poc_url and q.diagram == p.diagram
    assert q.metadata.title == p.metadata.title and q.metadata.authors == p.metadata.authors
    assert q.metadata.language == lang and q.objectives[0] == p.objectives[0]
    for sid in ("summary", "catalog", "conclusion"):
        assert q.sections[sid] == p.sections[sid]


def test_round_trip_keeps_accents_emoji_and_control_characters(folder):
    p = sample_proposal("fr")
    p.sections["summary"] += "\n\nÉté à l'œuvre — naïve façade 🚀🤖 \u202eRTL\u202c."
    p.sections["conclusion"] = "Collé depuis Word\x0bnouvelle ligne\x01 fin\x0c."
    p.risks.append(Risk(id="R9", description="Tab\x0bverticale", mitigation="x\x07y"))
    path = folder / "ctrl.docx"
    warnings = write_docx(p, path)
    assert len(warnings) == 1 and "10. Conclusion" in warnings[0] and "7." in warnings[0]
    result = read_docx(path)
    assert result.proposal.model_copy(update={"media": {}}) == p  # the stored proposal keeps every character
    text = "\n".join(par.text for par in docx.Document(path).paragraphs)
    assert "Collé depuis Word\nnouvelle ligne fin\n." in text
    assert "🚀🤖" in text


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_edited_document_imports_visible_content(folder, lang):
    p = sample_proposal(lang)
    path = folder / "edited.docx"
    write_docx(p, path, images=IMAGES)
    d = docx.Document(path)
    target = next(par for par in d.paragraphs if par.text.startswith(p.sections["conclusion"][:20]))
    target.add_run(" Ajout dans Word.")
    for table in d.tables:
        for row in table.rows:
            if row.cells[0].text == "R2":
                row.cells[6].paragraphs[0].runs[0].text = "Nouvelle mitigation"
    d.save(path)
    result = read_docx(path)
    # One message (in the interface's language) says where the edits were taken, and only there.
    edited = [w for w in result.warnings if "edited outside the editor" in w]
    assert len(edited) == 1 and "10. Conclusion" in edited[0] and "7. Risk" in edited[0] and "2. " not in edited[0]
    assert result.proposal.import_notes == []
    q = result.proposal
    assert q.sections["conclusion"] == p.sections["conclusion"] + " Ajout dans Word."
    assert q.risks[1].mitigation == "Nouvelle mitigation"
    assert [r.model_dump() for r in q.risks[2:]] == [r.model_dump() for r in p.risks[2:]]
    assert q.kpis == p.kpis and q.objectives == p.objectives
    assert q.data_sources == p.data_sources and q.resources == p.resources
    assert q.poc_url == p.poc_url and q.diagram == p.diagram and q.metadata == p.metadata
    for sid in ("summary", "context", "catalog"):
        assert q.sections[sid] == p.sections[sid]


def _xml(data: bytes, name: str) -> str:
    return zipfile.ZipFile(io.BytesIO(data)).read(name).decode("utf-8")


def test_document_structure(folder):
    p = sample_proposal("fr")
    data, warnings = build_docx(p, images=IMAGES, base_dir=folder)
    assert warnings == []
    styles = _xml(data, "word/styles.xml")
    assert 'w:lang w:val="fr-FR"' in styles
    d = docx.Document(io.BytesIO(data))
    section = d.sections[0]
    assert round(section.page_width.cm, 1) == 21.0 and round(section.page_height.cm, 1) == 29.7
    assert all(round(getattr(section, f"{s}_margin").cm, 2) == 2.5 for s in ("left", "right", "top", "bottom"))
    assert section.header.paragraphs[0].text == p.metadata.title
    footer = _xml(data, "word/footer1.xml") + _xml(data, "word/footer2.xml") if "word/footer2.xml" in \
        zipfile.ZipFile(io.BytesIO(data)).namelist() else _xml(data, "word/footer1.xml")
    assert " PAGE " in footer and " NUMPAGES " in footer
    headings = [par.text for par in d.paragraphs if par.style.name == "Heading 1"]
    assert headings == [f"{i}. " + t for i, t in enumerate(
        ["Titre du projet", "Résumé", "Contexte et problématique MLOps", "Objectifs du projet MLOps",
         "Architecture technique MLOps", "POC GitHub, sources de données et ressources utiles",
         "Évaluation des risques et stratégies de mitigation", "Métriques de succès",
         "Potentiel d'intégration dans le catalogue de projets", "Conclusion"], start=1)]
    assert len(headings) == len(SECTION_IDS)
    assert any(par.style.name == "Heading 2" and par.text == "Problèmes actuels" for par in d.paragraphs)
    document = _xml(data, "word/document.xml")
    assert document.count("PAGEREF _Toc_mlops_") == 10
    assert document.count("<w:tblHeader/>") == 4  # data sources, resources, risks, KPIs
    assert 'w:fill="F4877F"' in document  # a high-zone risk score
    assert document.count("<pic:pic") == 3  # diagram, risk matrix, KPI chart
    assert "SEQ Figure" in document and "SEQ Table" in document
    rels = _xml(data, "word/_rels/document.xml.rels")
    assert 'Target="https://mlflow.org/docs/latest/index.html"' in rels and "customXml" in rels
    # Numbering restarts: the two ordered lists of section 5 use different list instances.
    numbered = [par._p.pPr.numPr.numId.val for par in d.paragraphs
                if par._p.pPr is not None and par._p.pPr.numPr is not None]
    assert len(set(numbered)) >= 5
    props = d.core_properties
    assert props.title == p.metadata.title and props.language == "fr-FR"
    assert props.author == "Chloé Lefèvre; Zoë O'Brien" and "MLOps" in props.keywords
    assert props.created.year == 2026


def test_letter_paper_for_us_locale():
    p = sample_proposal("en")
    p.metadata.extra["locale"] = "en_US"
    data, _ = build_docx(p)
    section = docx.Document(io.BytesIO(data)).sections[0]
    assert round(section.page_width.cm, 2) == 21.59
    assert 'w:lang w:val="en-US"' in _xml(data, "word/styles.xml")
    data, _ = build_docx(p, paper="a4")
    assert round(docx.Document(io.BytesIO(data)).sections[0].page_width.cm, 1) == 21.0


def test_missing_diagram_and_remote_images_are_reported(tmp_path):
    p = sample_proposal("en")
    p.sections["architecture"] += "\n\n![remote](https://example.org/x.png) ![local](missing.png)"
    warnings = write_docx(p, tmp_path / "x.docx")
    assert sum("could not be embedded" in w for w in warnings) == 2  # architecture.png and missing.png


def test_write_is_atomic(tmp_path):
    p = sample_proposal("en")
    with pytest.raises(StorageError):
        write_docx(p, tmp_path / "no" / "such" / "dir" / "x.docx")
    target = tmp_path / "keep.docx"
    target.write_bytes(b"old")
    write_docx(p, target)
    assert target.read_bytes().startswith(b"PK")
    assert [f.name for f in tmp_path.iterdir()] == ["keep.docx"]


def test_a_build_that_keeps_its_objects_writes_the_same_document(tmp_path):
    # The command line keeps what the build made for its exit (no freeing before the write).
    p = sample_proposal("fr")
    kept: list = []
    write_docx(p, tmp_path / "kept.docx", images=IMAGES, keep=kept)
    write_docx(p, tmp_path / "plain.docx", images=IMAGES)
    assert len(kept) == 1 and all(part is not None for part in kept[0])
    with zipfile.ZipFile(tmp_path / "kept.docx") as a, zipfile.ZipFile(tmp_path / "plain.docx") as b:
        assert a.namelist() == b.namelist()
        for name in a.namelist():
            if name != "docProps/core.xml":  # the time of each export
                assert a.read(name) == b.read(name), name
    assert read_docx(tmp_path / "kept.docx").proposal == p


def _zip_bytes(entries: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries.items():
            z.writestr(name, data)
    return buf.getvalue()


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"plain text, not a zip",
        bytes(range(256)) * 40,
        "truncated",
        _zip_bytes({"hello.txt": b"not a word document"}),
        _zip_bytes({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<broken"}),
        "bomb",
    ],
    ids=["empty", "text", "random", "truncated", "other-zip", "broken-xml", "zip-bomb"],
)
def test_bad_files_raise_format_error_naming_the_file(tmp_path, content):
    path = tmp_path / "bad.docx"
    if content == "truncated":
        data, _ = build_docx(sample_proposal("en"))
        content = data[: len(data) // 2]
    elif content == "bomb":
        content = _zip_bytes({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"\0" * (60 * 1024 * 1024)})
    path.write_bytes(content)
    with pytest.raises(FormatError) as info:
        read_docx(path)
    assert str(path) in str(info.value)


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(FormatError, match="no such file"):
        read_docx(tmp_path / "nope.docx")
    with pytest.raises(FormatError, match="folder"):
        read_docx(tmp_path)


def test_the_writer_writes_every_style_the_reader_knows_our_documents_by(folder):
    """The reader tells our title page, generated lines, figures and sections by these names."""
    from editor.core.formats.docx import (
        CONTENTS_ENTRY_STYLE,
        FIGURE_CAPTION_STYLE,
        FIGURE_STYLE,
        PARAGRAPH_STYLES,
        SECTION_BOOKMARK,
        TABLE_CAPTION_STYLE,
    )

    data, _warnings = build_docx(sample_proposal("en"), images=IMAGES, base_dir=folder)
    d = docx.Document(io.BytesIO(data))
    used = {par.style.name for par in d.paragraphs}
    wanted = {*PARAGRAPH_STYLES.values(), CONTENTS_ENTRY_STYLE, TABLE_CAPTION_STYLE, FIGURE_CAPTION_STYLE, FIGURE_STYLE}
    assert wanted <= used, wanted - used
    marks = [p.find(f"{W}bookmarkStart").get(f"{W}name") for p in d.element.body.iter(f"{W}p")
             if p.find(f"{W}bookmarkStart") is not None and p.find(f"{W}pPr/{W}pStyle").get(f"{W}val") == "Heading1"]
    assert marks == [SECTION_BOOKMARK + sid for sid in SECTION_IDS]


def _without_stored_proposal(data: bytes) -> bytes:
    """The document as a hand-written one: its visible content only."""
    d = docx.Document(io.BytesIO(data))
    for rid, rel in list(d.part.rels.items()):
        if rel.reltype.endswith("/customXml"):
            d.part.drop_rel(rid)
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def test_sub_headings_keep_their_level_both_ways(tmp_path):
    """A section is ``##``: its ``###`` is Word's Heading 2 (the first level under the section's
    Heading 1), ``####`` Heading 3... and the reader gives each its level back; ``#`` and ``##``
    typed in the prose never rise to a section's level."""
    p = Proposal.new("en")
    p.sections["context"] = "### Three\n\nText.\n\n#### Four\n\n##### Five\n\n###### Six\n\n## Two\n\n# One"
    data, _warnings = build_docx(p)
    d = docx.Document(io.BytesIO(data))
    levels = [(par.text, par.style.name) for par in d.paragraphs if par.style.name.startswith("Heading ")
              and not par.style.name.endswith(" 1")]
    assert levels == [("Three", "Heading 2"), ("Four", "Heading 3"), ("Five", "Heading 4"), ("Six", "Heading 5"),
                      ("Two", "Heading 2"), ("One", "Heading 2")]
    path = tmp_path / "by_hand.docx"
    path.write_bytes(_without_stored_proposal(data))
    read = read_docx(path).proposal.sections["context"]
    assert read == "### Three\n\nText.\n\n#### Four\n\n##### Five\n\n###### Six\n\n### Two\n\n### One"


def test_the_fingerprint_sees_what_the_plain_walk_sees(folder):
    """Our exports (comments on words included), the example, and documents written and edited
    with python-docx as Word writes them: the one pass gives what each paragraph walked on its
    own gives, so files exported before still open as unchanged."""
    from editor.core.example import example_proposal
    from editor.core.formats.docx import _seen
    from tests.core.formats import docx_edits
    from tests.core.formats.fingerprint_reference import seen

    def body(data: bytes):
        return docx.Document(io.BytesIO(data)).element.body

    commented = docx_edits.commented_export(folder)["path"].read_bytes()
    edited = docx_edits.edited_export(folder, "en")["path"].read_bytes()
    by_hand = docx_edits.english_by_hand(folder)["path"].read_bytes()
    exported = [build_docx(example_proposal(lang), images=IMAGES)[0] for lang in ("fr", "en")]
    for data in (commented, edited, by_hand, *exported):
        assert _seen(body(data)) == seen(body(data))
