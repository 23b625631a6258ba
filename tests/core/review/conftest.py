"""A class folder as an instructor receives it: good, weak, broken, empty and stray files."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import require_tool

REF = Path(__file__).resolve().parent.parent.parent / "reference" / "core"


def degraded(language: str):
    """The example proposal with a gap per rule the feedback anchors: a risk, a KPI, a data source, an objective."""
    from editor.core.example import example_proposal

    p = example_proposal(language)
    p.diagram.path = ""
    p.architecture = type(p.architecture)()
    p.risks[1].mitigation = ""
    p.kpis[1].deadline = None
    p.data_sources[0].licence = ""
    p.objectives[3].text = "Make every training run reproducible" if language == "en" else "Rendre l'entraînement reproductible"
    p.sections["summary"] = p.sections["summary"][:300]
    p.metadata.authors = ["=HYPERLINK(\"http://x\")", "Hélène <b>Dupont</b>"]
    return p


def build_class(root: Path) -> Path:
    from editor.core.formats.docx import write_docx
    from editor.core.formats.markdown import load_markdown

    folder = root / "class"
    (folder / "alice").mkdir(parents=True)
    (folder / "bob").mkdir()
    (folder / ".hidden").mkdir()
    write_docx(load_markdown(REF / "sound_en.md").proposal, folder / "alice" / "proposal.docx")
    write_docx(load_markdown(REF / "weak_fr.md").proposal, folder / "bob" / "proposal.docx")
    write_docx(degraded("en"), folder / "dave_en.docx")
    write_docx(degraded("fr"), folder / "dave_fr.docx")
    shutil.copy(REF / "sound_en.md", folder / "erin.md")
    (folder / "broken.docx").write_bytes(b"PK\x03\x04 not really a zip")
    (folder / "empty.md").write_bytes(b"")
    (folder / "notes.md").write_text("# Reading notes\n\nNothing about the guide here.\n", encoding="utf-8")
    (folder / "~$proposal.docx").write_bytes(b"lock")
    (folder / "alice" / "proposal.feedback.docx").write_bytes(b"an earlier feedback copy")
    (folder / ".hidden" / "secret.md").write_text("# x\n", encoding="utf-8")
    (folder / "readme.txt").write_text("not a submission", encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def class_folder(tmp_path_factory) -> Path:
    return build_class(tmp_path_factory.mktemp("review"))


@pytest.fixture(scope="session")
def reviewed(class_folder):
    """The class reviewed in English, in worker processes."""
    from editor.core.review.collect import collect_submissions
    from editor.core.review.engine import review_class

    return review_class(collect_submissions([class_folder]), "en")


def convert(folder: Path, paths, target: str, infilter: str | None = None) -> None:
    """LibreOffice headless conversion into ``folder`` (a missing LibreOffice fails the test)."""
    soffice = require_tool("soffice", "libreoffice", package="libreoffice-writer libreoffice-calc")
    profile = (folder / "lo-profile").as_uri()
    args = [soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore"]
    if infilter:
        args.append(f"--infilter={infilter}")
    subprocess.run([*args, "--convert-to", target, "--outdir", str(folder), *map(str, paths)],
                   check=True, capture_output=True, timeout=240, env={**os.environ, "HOME": str(folder)})
