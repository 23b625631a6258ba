"""One title: a hand-written file's generic heading gives way to the title section 1 holds."""

import re
import zipfile

import pytest

from editor.core.checks import check
from editor.core.formats.docx import write_docx
from editor.core.formats.markdown import read_markdown, write_markdown
from editor.core.model import Proposal
from editor.core.titles import is_generic_title, title_from_section, title_like_line

HAND_WRITTEN = """# {heading}

## 1. Titre du projet

**Industrialisation d'un modèle de détection de fraude : du notebook au déploiement continu**

## 2. Résumé

Un résumé.
"""
REAL = "Industrialisation d'un modèle de détection de fraude : du notebook au déploiement continu"


@pytest.mark.parametrize("heading", ["Proposition de projet MLOps", "MLOps Project Proposal", "Project proposition guide",
                                     "Proposition de projet", "PROPOSITION DE PROJET MLOPS", "Proposition de Projet — MLOps",
                                     "Guide de proposition de projet", "Projet MLOps"])
def test_generic_headings_are_recognised_in_any_case_and_accents(heading):
    assert is_generic_title(heading)


@pytest.mark.parametrize("title", ["Plateforme MLOps pour la détection de fraude", "ChurnOps", "Churn model to production"])
def test_real_titles_are_not_generic(title):
    assert not is_generic_title(title)


@pytest.mark.parametrize("heading", ["Proposition de projet MLOps", "MLOps Project Proposal", "Project proposition guide"])
def test_a_file_with_the_generic_heading_takes_section_one_s_title(heading, tmp_path):
    result = read_markdown(HAND_WRITTEN.format(heading=heading))
    p = result.proposal
    assert p.metadata.title == REAL
    assert any(heading in w and "section 1" in w for w in result.warnings)
    # Section 1 keeps what the student wrote; the file written back is coherent and stable.
    assert p.sections["title"].startswith("**Industrialisation")
    text = write_markdown(p)
    assert f"\n# {REAL}\n" in text and f"title: '{REAL.replace(chr(39), chr(39) * 2)}'" in text
    again = read_markdown(text).proposal
    assert again == p and write_markdown(again) == text
    # The DOCX's properties name it too (the title page reads the same title).
    out = tmp_path / "p.docx"
    write_docx(p, out)
    with zipfile.ZipFile(out) as z:
        core = z.read("docProps/core.xml").decode()
        body = z.read("word/document.xml").decode()
    assert re.search(r"<dc:title>([^<]*)</dc:title>", core).group(1) == REAL
    assert "du notebook au déploiement continu" in body.split("<w:tbl>")[0]


def test_a_real_heading_is_kept_even_when_section_one_differs():
    p = read_markdown(HAND_WRITTEN.format(heading="Plateforme MLOps pour la fraude")).proposal
    assert p.metadata.title == "Plateforme MLOps pour la fraude"


def test_a_saved_proposal_keeps_the_title_it_was_given():
    p = Proposal.new("fr")
    p.metadata.title = "Proposition de projet MLOps"
    p.sections["title"] = "Un vrai titre"
    assert read_markdown(write_markdown(p)).proposal.metadata.title == "Proposition de projet MLOps"
    assert title_from_section(p) == "Un vrai titre"  # the editor offers it; the check says so
    [finding] = [f for f in check(p, "fr") if f.rule == "title-generic"]
    assert finding.severity == "warning" and "« Un vrai titre »" in finding.message


@pytest.mark.parametrize(("text", "title"), [
    ("# Titre : ChurnOps.", "ChurnOps"),
    ("<!-- Choisissez un titre -->\n\n_Pipeline MLOps pour la vision_", "Pipeline MLOps pour la vision"),
    ("Nos objectifs :", None),
    ("Choisissez un titre qui met en avant l'aspect MLOps de votre projet.", None),
    ("mot " * 40, None),
    ("", None),
])
def test_title_like_lines(text, title):
    assert title_like_line(text) == title
