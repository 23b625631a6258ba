"""Feedback copies: the findings as Word comments where they apply, in the document's language,
a summary at the end, the original untouched, and LibreOffice shows the comments."""

from __future__ import annotations

import hashlib

import pytest

from editor.core.review.feedback import write_feedback_copies
from editor.core.review.report import ClassReport
from editor.core.review.rubric import load_rubric

from .conftest import convert

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _digest(folder):
    return {p.relative_to(folder): hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def feedback(reviewed, class_folder, tmp_path_factory):
    before = _digest(class_folder)
    out = tmp_path_factory.mktemp("feedback") / "out"
    results = write_feedback_copies(ClassReport(reviewed, load_rubric(), "en"), out, author="Ada Lovelace")
    assert _digest(class_folder) == before  # not one byte of the class folder changed
    return out, {r.name: r for r in results}


def _anchored(path):
    """Comment text -> text of the paragraph it is anchored on."""
    import docx

    document = docx.Document(str(path))
    texts = {str(c.comment_id): c.text for c in document.comments}
    out = {}
    for start in document.element.body.iter(f"{W}commentRangeStart"):
        para = start.getparent()
        while para.tag != f"{W}p":
            para = para.getparent()
        out[texts[start.get(f"{W}id")]] = "".join(t.text or "" for t in para.iter(f"{W}t"))
    return document, out


def test_one_copy_per_readable_docx_the_rest_say_why(feedback):
    out, results = feedback
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*.docx")) == [
        "alice/proposal.feedback.docx", "bob/proposal.feedback.docx", "dave_en.feedback.docx", "dave_fr.feedback.docx"]
    assert results["erin.md"].note.startswith("not a Word document") and not results["erin.md"].written
    assert results["broken.docx"].note.startswith("unreadable") and results["alice/proposal.docx"].comments == 0


def test_comments_are_anchored_at_the_row_item_or_section_they_concern(feedback, reviewed):
    out, results = feedback
    document, anchored = _anchored(out / "dave_en.feedback.docx")
    row = next(r for r in reviewed if r.name == "dave_en.docx")
    assert results["dave_en.docx"].comments == len(row.findings) == len(anchored)
    by_rule = {text.rsplit("[", 1)[1].rstrip("]"): para for text, para in anchored.items()}
    assert by_rule["risk-missing-mitigation"] == "R2"
    assert by_rule["kpi-incomplete"] == "K2"
    assert by_rule["data-source-licence-missing"].startswith("Telco Customer Churn")
    assert by_rule["objective-not-measurable"] == "Make every training run reproducible"
    assert by_rule["summary-length"] == "2. Summary"
    assert by_rule["architecture-diagram-missing"] == "5. MLOps Technical Architecture"
    assert all(c.author == "Ada Lovelace" and c.initials == "AL" for c in document.comments)
    assert any(text.startswith("Must fix: Risk R2 has no mitigation") for text in anchored)
    body = [p.text for p in document.paragraphs]
    summary = body[body.index("Instructor feedback"):]
    assert any(t.startswith("Completeness: ") for t in summary) and "Findings of the guide check" in summary
    assert document.paragraphs[body.index("Instructor feedback")].style.name == "Feedback Heading"
    grid = document.tables[-1]
    assert grid.rows[0].cells[0].text == "Criterion" and grid.rows[-1].cells[0].text == "Total (/100)"


def test_a_french_document_gets_french_comments(feedback):
    out, _results = feedback
    document, anchored = _anchored(out / "dave_fr.feedback.docx")
    by_rule = {text.rsplit("[", 1)[1].rstrip("]"): (text, para) for text, para in anchored.items()}
    text, para = by_rule["risk-missing-mitigation"]
    assert para == "R2" and text.startswith("À corriger : Le risque R2")
    assert "Retour de l'enseignant" in [p.text for p in document.paragraphs]


def test_the_copy_opens_back_as_the_students_exact_proposal_with_the_findings_as_comments(feedback, class_folder):
    from editor.core.io import open_proposal
    from editor.core.model import CommentAnchor

    out, _results = feedback
    original = open_proposal(class_folder / "dave_en.docx").proposal
    copy = open_proposal(out / "dave_en.feedback.docx")
    assert copy.warnings == [] and copy.proposal.model_copy(update={"comments": []}) == original
    # The comments open with the proposal, each on what its finding names.
    document, _anchored_on = _anchored(out / "dave_en.feedback.docx")
    assert [c.text for c in copy.proposal.comments] == [c.text for c in document.comments]
    by_rule = {c.text.rsplit("[", 1)[1].rstrip("]"): c.anchor for c in copy.proposal.comments}
    assert by_rule["summary-length"] == CommentAnchor(section="summary")
    assert by_rule["architecture-diagram-missing"] == CommentAnchor(section="architecture")
    assert by_rule["objective-not-measurable"] == CommentAnchor(section="objectives", kind="objective", item="4",
                                                                field="text")
    assert (by_rule["risk-missing-mitigation"].kind, by_rule["risk-missing-mitigation"].item) == ("risk", "R2")
    assert (by_rule["kpi-incomplete"].kind, by_rule["kpi-incomplete"].item) == ("kpi", "K2")


def test_libreoffice_shows_the_comments(feedback, tmp_path):
    import zipfile

    from lxml import etree

    out, results = feedback
    convert(tmp_path, [out / "dave_en.feedback.docx", out / "dave_fr.feedback.docx"], "odt")
    for name, lang_word in (("dave_en", "Must fix"), ("dave_fr", "À corriger")):
        content = etree.fromstring(zipfile.ZipFile(tmp_path / f"{name}.feedback.odt").read("content.xml"))
        notes = content.findall(".//{urn:oasis:names:tc:opendocument:xmlns:office:1.0}annotation")
        assert len(notes) == results[f"{name}.docx"].comments
        assert any(lang_word in "".join(n.itertext()) for n in notes)


def test_a_document_written_by_hand_gets_its_comments_on_its_own_rows(tmp_path):
    import docx

    from editor.core.review.collect import collect_submissions
    from editor.core.review.engine import review_class

    d = docx.Document()
    d.add_paragraph("Suivi de dérive", style="Title")
    for title, body in (("1. Titre du projet", "Suivi de dérive"), ("2. Résumé", "Trop court.")):
        d.add_paragraph().add_run(title).bold = True  # a bold line, as many students write headings
        d.add_paragraph(body)
    d.add_paragraph().add_run("7. Évaluation des risques et stratégies de mitigation").bold = True
    rows = [["Risque", "Probabilité", "Impact", "Mitigation"], ["Résistance au changement", "3", "4", "Formation"],
            ["Dérive des données", "4", "5", ""]]
    table = d.add_table(rows=3, cols=4)
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            table.cell(r, c).text = value
    d.save(tmp_path / "main.docx")
    [row] = review_class(collect_submissions([tmp_path / "main.docx"]), "fr", jobs=0)
    [result] = write_feedback_copies(ClassReport([row], load_rubric(), "fr"), tmp_path / "out")
    _document, anchored = _anchored(tmp_path / "out" / "main.feedback.docx")
    by_rule = {text.rsplit("[", 1)[1].rstrip("]"): para for text, para in anchored.items()}
    assert by_rule["risk-missing-mitigation"] == "Dérive des données"  # the second row: no ID column
    assert by_rule["summary-length"] == "2. Résumé"
    assert result.comments == len(anchored) == len(row.findings)


def test_an_edited_copy_leaves_the_feedback_page_out_of_the_proposal(feedback, tmp_path):
    import docx

    from editor.core.io import open_proposal

    out, _results = feedback
    edited = docx.Document(out / "dave_en.feedback.docx")
    edited.paragraphs[-1].insert_paragraph_before("Thank you, I will add the licence.")  # the student answers
    feedback_lines = [p.text for p in edited.paragraphs if p.style.name.startswith("Feedback") and p.text.strip()]
    assert feedback_lines
    edited.save(tmp_path / "answered.docx")
    proposal = open_proposal(tmp_path / "answered.docx").proposal
    text = "\n".join([*proposal.sections.values(), proposal.unmapped])
    assert not [line for line in feedback_lines if line in text]
