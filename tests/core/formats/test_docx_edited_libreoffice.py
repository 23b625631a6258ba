"""DOCX files edited as students and instructors do, re-saved by LibreOffice, opened again:
every edit is taken or named, the diagram survives a trip through an empty folder, and
comments survive a round trip. The files come from tests/core/formats/docx_edits.py and
go through one LibreOffice conversion for the whole module. A missing LibreOffice fails
the tests (tests/conftest.py: require_tool)."""

from __future__ import annotations

import contextlib
import io
import json
import shutil
import subprocess

import pytest

from editor.core.checks import check
from editor.core.formats.docx import read_docx, write_docx
from editor.core.formats.markdown import load_markdown
from tests.core.formats import docx_edits



@pytest.fixture(scope="module")
def files(tmp_path_factory, soffice):
    folder = tmp_path_factory.mktemp("edited")
    built = {
        "fr": docx_edits.edited_export(folder, "fr"),
        "en": docx_edits.edited_export(folder, "en"),
        "by_hand": docx_edits.english_by_hand(folder),
        "commented": docx_edits.commented_export(folder),
    }
    out = folder / "libreoffice"
    profile = (folder / "lo-profile").as_uri()
    subprocess.run([soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore", "--convert-to", "docx",
                    "--outdir", str(out), *(str(b["path"]) for b in built.values())],
                   check=True, capture_output=True, timeout=300)
    for value in built.values():
        value["resaved"] = out / value["path"].name
        assert value["resaved"].is_file()
    return built


@pytest.fixture(params=["word", "libreoffice"])
def which(request):
    """The file as python-docx saved it, and as LibreOffice re-saved it."""
    return request.param


def _open(entry, which):
    return read_docx(entry["path"] if which == "word" else entry["resaved"])


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_edit_of_an_export_is_taken_or_named(files, which, lang):
    entry = files[lang]
    result = _open(entry, which)
    p, q = entry["proposal"], result.proposal
    # Taken: formatting, the title page, the pasted picture, the Heading 2, the numbered list.
    summary = q.sections["summary"].split("\n\n")[1]
    assert "**" in summary and summary.count("*") >= 6, summary
    conclusion = q.sections["conclusion"]
    assert f"~~{entry['strike']}~~" in conclusion and "`dvc repro`" in conclusion
    assert "[DVC](https://dvc.org/doc)" in conclusion
    assert conclusion.endswith("\n\n" + "\n".join(f"{n}. {item}" for n, item in enumerate(entry["items"], 1)))
    assert q.metadata.title == "ChurnOps"
    assert q.metadata.authors == ["Chloé Lefèvre", "Zoë O'Brien", "Ada Lovelace"]
    assert q.metadata.updated.date().isoformat() == "2027-03-15"
    context = q.sections["context"]
    assert context.startswith(f"![](picture-1.png)\n\n### {entry['heading']}\n\n")
    assert q.media["picture-1.png"] == docx_edits.PASTED
    assert q.diagram.path == "architecture.png" and q.media["architecture.png"] == docx_edits.DIAGRAM
    assert q.diagram.caption == p.diagram.caption
    # Untouched parts are exactly as stored (the student's own Markdown, a fence's language).
    for sid in ("objectives", "architecture", "resources", "risks", "kpis", "catalog"):
        assert q.sections[sid] == p.sections[sid], sid
    assert context.endswith(p.sections["context"])
    assert (q.objectives, q.risks, q.kpis, q.data_sources, q.resources, q.poc_url) == \
        (p.objectives, p.risks, p.kpis, p.data_sources, p.resources, p.poc_url)
    # Comments, where they were put.
    anchors = [(c.author, c.anchor.section, c.anchor.kind, c.anchor.item, c.anchor.field) for c in q.comments]
    assert anchors == [("Prof. Martin", "risks", "risk", "R2", "mitigation"), ("Prof. Martin", "kpis", "", "", ""),
                       ("Ada Lovelace", "conclusion", "text", "", "")]
    assert q.comments[2].anchor.quote == entry["conclusion_words"].strip()
    # Named: the words added to generated lines, in one message and in the check.
    dropped = [w for w in result.warnings if w.startswith("Some edits made outside the editor")]
    assert len(dropped) == 1
    assert entry["measured"] in dropped[0] and entry["legend"] in dropped[0]
    assert "4. " in dropped[0] and "7. " in dropped[0]
    findings = [f for f in check(q, "en") if f.rule == "import-dropped"]
    assert [(f.section, f.severity) for f in findings] == [("objectives", "warning"), ("risks", "warning")]
    assert findings[0].location.kind == "objective" and findings[0].location.item == "1"
    edited = next(w for w in result.warnings if w.startswith("The document was edited"))
    assert "the title page" in edited and "3. " in edited and "10. " in edited and "8. " not in edited


def _cli(*args: str, out=None) -> int:
    from editor.cli import main

    with contextlib.redirect_stdout(out or io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        return main(list(args))


def test_check_json_says_the_file_is_degraded(files):
    out = io.StringIO()
    assert _cli("check", "--json", str(files["en"]["resaved"]), str(files["commented"]["resaved"]), out=out) == 1
    report, clean = json.loads(out.getvalue())
    assert clean["degraded"] is False
    assert report["degraded"] is True
    assert sum(f["rule"] == "import-dropped" for f in report["findings"]) == 2


def test_the_diagram_survives_an_empty_folder_and_back_to_docx(files, tmp_path, which):
    """An instructor's machine: the DOCX alone, saved as Markdown, exported to DOCX again."""
    empty = tmp_path / "instructor"
    empty.mkdir()
    source = files["en"]["path" if which == "word" else "resaved"]
    shutil.copy(source, empty / "submission.docx")
    opened = read_docx(empty / "submission.docx").proposal
    target = empty / "notes" / "proposal.md"
    target.parent.mkdir()
    (target.parent / "picture-1.png").write_bytes(b"another picture, never replaced")
    assert _cli("export", str(empty / "submission.docx"), "--to", "md", "-o", str(target)) == 0
    assert (target.parent / "architecture.png").read_bytes() == docx_edits.DIAGRAM
    assert (target.parent / "picture-1.png").read_bytes() == b"another picture, never replaced"
    assert (target.parent / "picture-1-2.png").read_bytes() == docx_edits.PASTED
    text = target.read_text(encoding="utf-8")
    assert "![](picture-1-2.png)" in text and "(architecture.png)" in text and str(empty) not in text
    reread = load_markdown(target).proposal
    assert reread.diagram.path == "architecture.png"
    assert [f for f in check(reread) if f.rule == "architecture-diagram-missing"] == []
    again = empty / "again.docx"
    write_docx(reread, again, base_dir=target.parent)
    final = read_docx(again).proposal
    assert final.media["architecture.png"] == docx_edits.DIAGRAM
    assert docx_edits.PASTED in final.media.values()
    assert [c.text for c in final.comments] == [c.text for c in opened.comments]


def test_comments_survive_a_round_trip(files, which):
    p = files["commented"]["proposal"]
    q = _open(files["commented"], which).proposal
    assert q.comments == p.comments
    assert q.model_copy(update={"media": {}}) == p


def test_an_english_proposal_with_headings_of_its_own(files, which):
    result = _open(files["by_hand"], which)
    q = result.proposal
    assert q.metadata.language == "en"  # "Conclusion" is a title in both languages; the text is English
    assert [o.text for o in q.objectives] == ["Deploy in one day", "Detect drift within an hour",
                                              "Automate 90% of the pipeline"]
    assert q.diagram.caption == "Our pipeline" and q.media[q.diagram.path] == docx_edits.DIAGRAM
    # Both lists use the "List Number" style, one list for Word: the second goes on at 4., as on the page.
    assert "\n\n4. Ingest with DVC\n5. Train with MLflow\n6. Deploy with GitHub Actions" in q.sections["architecture"]
    assert q.risks[0].mitigation == "Monitoring with alerts"
    assert [(c.text, c.anchor.kind, c.anchor.item, c.anchor.field) for c in q.comments] == [
        ("Which tool?", "risk", "R1", "mitigation")]
    assert q.import_notes == []


def test_the_fingerprint_sees_in_libreoffice_files_what_the_plain_walk_sees(files):
    import docx

    from editor.core.formats.docx import _seen
    from tests.core.formats.fingerprint_reference import seen

    for entry in files.values():
        body = docx.Document(entry["resaved"]).element.body
        assert _seen(body) == seen(body)
