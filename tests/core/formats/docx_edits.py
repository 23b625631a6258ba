"""DOCX files edited as a student or an instructor would, built with python-docx.

Each builder writes a file into a folder and returns what the reader must make
of it; the LibreOffice tests re-save them all in one conversion.
"""

from __future__ import annotations

import datetime as dt
import io

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.oxml.parser import OxmlElement
from docx.shared import Pt

from editor.core.formats.docx import write_docx
from editor.core.model import Comment, CommentAnchor
from tests.core.formats.test_docx_sample import sample_proposal, tiny_png

CHARTS = {"risk_matrix": tiny_png(300, 300, (220, 80, 80)), "kpi_chart": tiny_png(600, 300)}
DIAGRAM = tiny_png(400, 200, (30, 60, 120))
PASTED = tiny_png(120, 80, (200, 30, 30))
STAMP = dt.datetime(2027, 1, 10, 9, 30, tzinfo=dt.timezone.utc)


def _paragraph(d, start: str):
    return next(p for p in d.paragraphs if p.text.startswith(start))


def _styled(d, style: str):
    return next(p for p in d.paragraphs if p.style.name == style and p.text.strip())


def add_hyperlink(paragraph, text: str, url: str) -> None:
    rid = paragraph.part.relate_to(url, RT.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rid)
    run = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = text
    run.append(t)
    link.append(run)
    paragraph._p.append(link)


def edited_export(folder, lang: str) -> dict:
    """Our export of the sample proposal, then edited in a word processor: formatting, the
    title page, generated lines, a pasted picture, comments, a numbered list, a Heading 2."""
    (folder / "architecture.png").write_bytes(DIAGRAM)
    p = sample_proposal(lang)
    path = folder / f"edited_{lang}.docx"
    write_docx(p, path, images=CHARTS)
    d = docx.Document(path)
    fr = lang == "fr"
    # Bold and italic on words of the summary's second paragraph.
    par = _paragraph(d, "Les résultats attendus" if fr else "Expected results")
    first, rest = par.runs[0].text.split(" ", 3)[:3], par.runs[0].text.split(" ", 3)[3]
    par.runs[0].text = " ".join(first) + " "
    par.add_run(rest.split(" ", 2)[0] + " " + rest.split(" ", 2)[1]).bold = True
    par.add_run(" " + rest.split(" ", 2)[2]).italic = True
    # Strikethrough, a code font and a link in the conclusion.
    conclusion = _paragraph(d, "Ce projet rend" if fr else "This project makes")
    conclusion.add_run(" ")
    conclusion.add_run("obsolète" if fr else "obsolete").font.strike = True
    conclusion.add_run(" ")
    code = conclusion.add_run("dvc repro")
    code.font.name = "Courier New"
    code.font.size = Pt(9)
    conclusion.add_run(" ")
    add_hyperlink(conclusion, "DVC", "https://dvc.org/doc")
    # The title page: title, authors and date edited.
    _styled(d, "Title").runs[0].text = "ChurnOps"
    _styled(d, "Subtitle").runs[0].text = "Chloé Lefèvre, Zoë O'Brien, Ada Lovelace"
    _styled(d, "Document Date").runs[0].text = "15 mars 2027" if fr else "15 March 2027"
    # Words added to generated lines.
    _paragraph(d, "Mesuré par" if fr else "Measured by").add_run(" et une enquête" if fr else " and a user survey")
    legend = _styled(d, "Table Legend")
    legend.add_run(" Au-delà de 15, le comité tranche." if fr else " Scores above 15 go to the board.")
    # A picture pasted into section 3, and a Heading 2 there.
    context = _paragraph(d, "L'entreprise met" if fr else "The company needs")
    context.insert_paragraph_before("").add_run().add_picture(io.BytesIO(PASTED))
    heading = "Où nous en sommes" if fr else "Where we stand"
    context.insert_paragraph_before(heading, style="Heading 2")
    # A numbered list added at the end (section 10).
    items = ["Premier pas", "Deuxième pas", "Troisième pas"] if fr else ["First step", "Second step", "Third step"]
    for item in items:
        d.add_paragraph(item, style="List Number")
    # Comments: on a risk's mitigation cell, on a section heading, on words.
    for table in d.tables:
        for row in table.rows:
            if row.cells[0].text == "R2":
                d.add_comment(row.cells[6].paragraphs[0].runs, text="Quel seuil ?" if fr else "Which threshold?",
                              author="Prof. Martin", initials="PM")
    kpi_heading = next(x for x in d.paragraphs if x.style.name == "Heading 1" and x.text.startswith("8."))
    d.add_comment(kpi_heading.runs, text="Un KPI de qualité ?" if fr else "A quality KPI?", author="Prof. Martin",
                  initials="PM")
    d.add_comment(conclusion.runs[0], text="Comment ?" if fr else "How?", author="Ada Lovelace", initials="AL")
    d.save(path)
    return {
        "path": path, "proposal": p, "heading": heading, "items": items,
        "strike": "obsolète" if fr else "obsolete",
        "measured": "et une enquête" if fr else "and a user survey",
        "legend": "Au-delà de 15, le comité tranche." if fr else "Scores above 15 go to the board.",
        "conclusion_words": conclusion.runs[0].text,
    }


def english_by_hand(folder) -> dict:
    """An English proposal written in Word with headings of its own ("Conclusion" among them),
    French language tags, a diagram with its caption, a numbered list, a comment on a row."""
    d = docx.Document()
    styles = d.styles.element
    lang = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    tag = OxmlElement("w:lang")
    tag.set(qn("w:val"), "fr-FR")
    lang.append(tag)  # typed on a French machine
    d.add_paragraph("Drift watch for a churn model", style="Title")
    d.add_heading("Project overview", 1)
    d.add_paragraph("We want to deploy the churn model in one day and to watch it for drift with alerts, "
                    "so that the team can trust every release that goes to production.")
    d.add_heading("Objectives", 1)
    for item in ("Deploy in one day", "Detect drift within an hour", "Automate 90% of the pipeline"):
        d.add_paragraph(item, style="List Number")
    d.add_heading("Architecture", 1)
    d.add_paragraph().add_run().add_picture(io.BytesIO(DIAGRAM))
    d.add_paragraph("Figure 1: Our pipeline", style="Caption")
    d.add_paragraph("The pipeline has these steps, which run on every push to the repository:")
    for item in ("Ingest with DVC", "Train with MLflow", "Deploy with GitHub Actions"):
        d.add_paragraph(item, style="List Number")
    d.add_heading("Risks", 1)
    table = d.add_table(rows=2, cols=4)
    for c, value in enumerate(("Risk", "Likelihood", "Impact", "Mitigation")):
        table.cell(0, c).text = value
    for c, value in enumerate(("Data drift", "4", "4", "Monitoring with alerts")):
        table.cell(1, c).text = value
    d.add_comment(table.cell(1, 3).paragraphs[0].runs, text="Which tool?", author="Prof. Martin", initials="PM")
    d.add_heading("Conclusion", 1)
    d.add_paragraph("This project makes the model reliable, and it will be used by the whole team.")
    path = folder / "english_by_hand.docx"
    d.save(path)
    return {"path": path}


def commented_export(folder) -> dict:
    """Our export of a proposal carrying review comments of every anchor kind (a reply, a resolved one)."""
    (folder / "architecture.png").write_bytes(DIAGRAM)
    p = sample_proposal("fr")
    A = CommentAnchor
    p.comments = [
        Comment(id="C1", author="Prof. Martin", initials="PM", date=STAMP, text="Quel seuil ?",
                anchor=A(section="risks", kind="risk", item="R2", field="mitigation")),
        Comment(id="C2", author="Chloé Lefèvre", initials="CL", date=STAMP, text="Je précise.", reply_to="C1",
                anchor=A(section="risks", kind="risk", item="R2", field="mitigation")),
        Comment(id="C3", author="Prof. Martin", initials="PM", date=STAMP, text="Bien vu.", resolved=True,
                anchor=A(section="summary", kind="text", quote="prédiction d'attrition")),
        Comment(id="C4", author="Prof. Martin", initials="PM", date=STAMP, text="Section courte.\nDeux lignes.",
                anchor=A(section="kpis")),
        Comment(id="C5", author="Prof. Martin", initials="PM", date=STAMP, text="Mesurable ?",
                anchor=A(section="objectives", kind="objective", item="2", field="text")),
        Comment(id="C6", author="Prof. Martin", initials="PM", date=STAMP, text="Lisible.",
                anchor=A(section="architecture", kind="diagram")),
        Comment(id="C7", author="Prof. Martin", initials="PM", date=STAMP, text="Licence ?",
                anchor=A(section="resources", kind="data_source", item="2", field="licence")),
        Comment(id="C8", author="Prof. Martin", initials="PM", date=STAMP, text="Cible ?",
                anchor=A(section="kpis", kind="kpi", item="K3", field="target")),
    ]
    path = folder / "commented.docx"
    assert write_docx(p, path, images=CHARTS) == []
    return {"path": path, "proposal": p}
