"""DOCX written by hand in a word processor, following the guide, imports into the right places."""

from __future__ import annotations

import datetime as dt
import io

import docx
import pytest
from docx.shared import Pt

from editor.core.formats.docx import read_docx
from editor.core.formats.docx_read import read_docx_bytes
from tests.core.formats.test_docx_sample import tiny_png


def _table(d, rows):
    table = d.add_table(rows=len(rows), cols=len(rows[0]))
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            table.cell(r, c).text = value
    return table


def _heading(d, text, variant):
    if variant == "styles":
        d.add_heading(text, level=1)
    else:  # a bold line, as many students do
        d.add_paragraph().add_run(text).bold = True


@pytest.mark.parametrize("variant", ["styles", "bold"])
def test_french_proposal_written_by_hand(tmp_path, variant):
    d = docx.Document()
    d.core_properties.author = "Chloé Lefèvre, Marc Dupont"
    d.add_paragraph("Suivi de dérive pour un modèle de churn", style="Title")
    d.add_paragraph("Brouillon rédigé dans Word.")
    _heading(d, "1. Titre du projet", variant)
    d.add_paragraph("Suivi de dérive pour un modèle de churn")
    _heading(d, "2 - RÉSUMÉ", variant)
    p = d.add_paragraph("Un résumé avec du ")
    p.add_run("gras").bold = True
    p.add_run(" et de l'")
    p.add_run("italique").italic = True
    p.add_run(".")
    _heading(d, "Contexte et problématique MLOps", variant)
    d.add_paragraph("Premier point", style="List Bullet")
    d.add_paragraph("Second point", style="List Bullet")
    _heading(d, "4. Objectifs du projet MLOps", variant)
    d.add_paragraph("Réduire le temps de déploiement à 1 jour", style="List Number")
    d.add_paragraph("Automatiser 90 % du pipeline", style="List Number")
    d.add_paragraph("Détecter une dérive en moins d'une heure", style="List Number")
    _heading(d, "6. POC GitHub, sources de données et ressources utiles", variant)
    _table(d, [["Nom", "URL", "Licence"], ["Telco Churn", "https://kaggle.com/x", "CC BY 4.0"]])
    _heading(d, "7. Évaluation des risques et stratégies de mitigation", variant)
    _table(d, [
        ["Risque", "Probabilité", "Impact", "Mitigation", "Responsable"],
        ["Résistance au changement", "Moyenne", "Élevé", "Formation des équipes", "Chef de projet"],
        ["Dérive des données", "4", "5", "Surveillance Evidently", "Data engineer"],
    ])
    _heading(d, "8. Métriques de succès", variant)
    _table(d, [
        ["Indicateur", "Valeur actuelle", "Cible", "Échéance"],
        ["Temps de déploiement", "21 jours", "1 jour", "30/06/2027"],
    ])
    _heading(d, "10. Conclusion", variant)
    d.add_paragraph("Un projet utile.")
    d.add_paragraph().add_run().add_picture(__import__("io").BytesIO(tiny_png()))
    path = tmp_path / "main.docx"
    d.save(path)

    result = read_docx(path)
    p = result.proposal
    assert p.metadata.language == "fr"
    assert p.metadata.title == "Suivi de dérive pour un modèle de churn"
    assert p.metadata.authors == ["Chloé Lefèvre", "Marc Dupont"]
    assert p.sections["title"] == "Suivi de dérive pour un modèle de churn"
    assert p.sections["summary"] == "Un résumé avec du **gras** et de l'*italique*."
    assert p.sections["context"] == "- Premier point\n- Second point"
    assert [o.text for o in p.objectives] == [
        "Réduire le temps de déploiement à 1 jour", "Automatiser 90 % du pipeline",
        "Détecter une dérive en moins d'une heure"]
    assert [(r.description, r.likelihood, r.impact, r.mitigation, r.owner) for r in p.risks] == [
        ("Résistance au changement", 3, 4, "Formation des équipes", "Chef de projet"),
        ("Dérive des données", 4, 5, "Surveillance Evidently", "Data engineer")]
    kpi = p.kpis[0]
    assert (kpi.name, kpi.baseline, kpi.target, kpi.deadline) == ("Temps de déploiement", 21, 1, dt.date(2027, 6, 30))
    assert kpi.unit.startswith("jour")
    assert [(s.name, s.url, s.licence) for s in p.data_sources] == [("Telco Churn", "https://kaggle.com/x", "CC BY 4.0")]
    # Nothing dropped: text before the first section is kept and reported; the picture is taken out.
    assert p.sections["conclusion"] == "Un projet utile.\n\n![](picture-1.png)"
    assert p.media == {"picture-1.png": tiny_png()}
    assert "Brouillon rédigé dans Word." in p.unmapped
    assert any("before the first section" in w for w in result.warnings)
    assert p.import_notes == []


def test_english_headings_without_numbers_and_code(tmp_path):
    d = docx.Document()
    d.add_heading("Summary", level=2)
    d.add_paragraph("A short summary.")
    d.add_heading("MLOps Technical Architecture", level=1)
    d.add_heading("Pipeline", level=2)
    code = d.add_paragraph()
    run = code.add_run("dvc repro")
    run.font.name = "Courier New"
    run.font.size = Pt(9)
    link_par = d.add_paragraph("See ")
    d.add_heading("Risks", level=1)
    _table(d, [["Risk", "Likelihood", "Impact", "Mitigation"], ["Data drift", "high", "4", "Monitoring"]])
    d.add_heading("Success Metrics", level=1)
    _table(d, [["KPI", "Baseline", "Target", "Deadline"], ["Deployment time", "21 days", "1 day", "2027-06-30"]])
    _table(d, [["Note", "Value"], ["free", "table"]])
    path = tmp_path / "en.docx"
    d.save(path)
    p = read_docx(path).proposal
    assert p.metadata.language == "en"
    assert p.sections["summary"] == "A short summary."
    # A Heading 2 under a Heading 1 section is one level under the section's "##".
    assert p.sections["architecture"].startswith("### Pipeline\n\n```\ndvc repro\n```")
    assert link_par.text.strip() in p.sections["architecture"]
    assert p.risks[0].likelihood == 4 and p.risks[0].mitigation == "Monitoring"
    assert p.kpis[0].deadline == dt.date(2027, 6, 30)
    assert "| Note | Value |" in p.sections["kpis"]  # a table that maps to nothing stays as text


def test_line_breaks_in_code_and_paragraphs():
    d = docx.Document()
    d.add_heading("Conclusion", 1)
    code = d.add_paragraph(style=None)
    run = code.add_run("steps:")
    run.font.name = "Courier New"
    run.add_break()
    run.add_text("  - run: dvc repro")
    p = d.add_paragraph("First line")
    p.add_run().add_break()
    p.add_run("second line")
    buf = io.BytesIO()
    d.save(buf)
    text = read_docx_bytes(buf.getvalue()).proposal.sections["conclusion"]
    assert text == "```\nsteps:\n  - run: dvc repro\n```\n\nFirst line  \nsecond line"
