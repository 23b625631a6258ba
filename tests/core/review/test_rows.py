"""One row per submission, unreadable ones with their reason; the score and how it is computed."""

import pytest

from editor.core.review.collect import collect_submissions, is_submission_name
from editor.core.review.report import ClassReport
from editor.core.review.rubric import load_rubric
from editor.core.review.score import MEASURE_IDS


def _by_name(rows):
    return {r.name: r for r in rows}


def test_collect_takes_submissions_and_leaves_locks_hidden_and_feedback_files(class_folder):
    names = [s.name for s in collect_submissions([class_folder])]
    assert names == ["alice/proposal.docx", "bob/proposal.docx", "broken.docx", "dave_en.docx", "dave_fr.docx",
                     "empty.md", "erin.md", "notes.md"]
    assert [s.name for s in collect_submissions([class_folder], recursive=False)][:2] == ["broken.docx", "dave_en.docx"]
    assert collect_submissions([class_folder], skip=[class_folder / "alice"])[0].name == "bob/proposal.docx"
    for name in ("~$x.docx", ".~lock.x.docx#", "x.feedback.docx", "x.docx~", ".x.md", "x.pdf"):
        assert not is_submission_name(name), name
    explicit = collect_submissions([class_folder / "readme.txt", class_folder / "erin.md", class_folder / "erin.md"])
    assert [s.name for s in explicit] == [str(class_folder / "readme.txt"), str(class_folder / "erin.md")]


def test_collect_refuses_a_missing_path(tmp_path):
    from editor.core.formats import FormatError

    with pytest.raises(FormatError, match="no such file or folder"):
        collect_submissions([tmp_path / "nope"])


def test_every_file_is_one_row_with_its_facts(reviewed):
    rows = _by_name(reviewed)
    assert len(reviewed) == 8
    assert rows["broken.docx"].status == "unreadable" and "zip" in rows["broken.docx"].reason
    assert rows["empty.md"].status == "unreadable" and rows["empty.md"].reason
    assert rows["notes.md"].status == "empty" and "is this the proposal" in rows["notes.md"].reason
    sound = rows["alice/proposal.docx"]
    assert sound.status == "reviewed" and sound.errors == 0 and sound.sections_met == 10
    assert sound.title.startswith("Churn model to production")
    assert sound.counts == {"objectives": 3, "risks": 2, "risks_mitigated": 2, "kpis": 3, "kpis_complete": 3,
                            "data_sources": 1, "data_sources_licensed": 1, "resources": 0}
    dave = rows["dave_en.docx"]
    assert dave.language == "en" and dave.authors[1] == "Hélène <b>Dupont</b>"
    assert dave.counts["risks_mitigated"] == dave.counts["risks"] - 1
    assert dave.rule_count("risk-missing-mitigation") == 1 and dave.rule_count("kpi-incomplete") == 1
    assert dave.section_statuses["risks"] == "progress" and dave.section_statuses["title"] == "ok"
    assert rows["dave_fr.docx"].language == "fr"
    assert rows["broken.docx"].rule_count("summary-length") is None


def test_completeness_follows_the_documented_formula(reviewed):
    report = ClassReport(reviewed, load_rubric(), "en")
    rows = _by_name(reviewed)
    assert report.score(rows["alice/proposal.docx"]) == 100
    dave = report.completeness(rows["dave_en.docx"])
    weights = load_rubric().weights
    assert [r.measure.id for r in dave.results] == list(MEASURE_IDS)
    shares = {r.measure.id: (r.met, r.out_of) for r in dave.results}
    assert shares["risks"] == (3, 4) and shares["kpis"] == (2, 3) and shares["architecture"] == (0, 1)
    assert shares["data-sources"] == (0, 1) and shares["summary"] == (0, 1)
    expected = sum(weights[k] * met / out for k, (met, out) in shares.items() if out)
    assert dave.points == pytest.approx(expected)
    assert report.score(rows["dave_en.docx"]) == round(100 * expected / sum(weights.values()))
    explain = report.explain(rows["dave_en.docx"])
    assert "Risks with a mitigation 3/4 × 4" in explain and explain.endswith(f"→ {report.score(rows['dave_en.docx'])} %")
    assert report.score(rows["broken.docx"]) is None and report.explain(rows["broken.docx"]) == ""


def test_columns_are_specs_a_new_one_is_one_line(reviewed, monkeypatch):
    from editor.core.review import report as report_module

    report = ClassReport(reviewed, load_rubric(), "fr")
    headers = report.headers()
    assert headers[:3] == ["Fichier", "Statut", "Raison"] and "4. Objectifs du projet MLOps" in headers
    assert "Règle risks-missing" in headers and headers[-1] == "Total (/100)"
    extra = report_module.Column("pillars", lambda lang: "Pillars", lambda row, rep: len(row.name))
    monkeypatch.setattr(report_module, "BASE_COLUMNS", [*report_module.BASE_COLUMNS, extra])
    assert report.headers()[len(report_module.BASE_COLUMNS) - 1] == "Pillars"
    overview = report.sections_overview()
    assert overview["title"]["ok"] == 6 and sum(overview["risks"].values()) == 6


def test_the_report_says_which_mlops_pillars_a_submission_covers(tmp_path):
    from editor.core.example import example_proposal
    from editor.core.formats.markdown import write_markdown
    from editor.core.review.report import ClassReport
    from editor.core.review.rows import review_file
    from editor.core.review.rubric import load_rubric

    path = tmp_path / "student.md"
    proposal = example_proposal("fr")
    proposal.architecture = type(proposal.architecture)()
    proposal.sections["architecture"] = "Le code est suivi avec Git."
    for sid in ("context", "catalog", "conclusion", "summary", "objectives", "risks", "kpis", "resources"):
        proposal.sections[sid] = ""
    proposal.risks, proposal.kpis, proposal.objectives = [], [], []
    path.write_text(write_markdown(proposal), encoding="utf-8")
    row = review_file(str(path), path.name, "fr")
    covered = {c.pillar for c in row.pillars("fr") if c.covered}
    assert "management" in covered and len(covered) < 6
    report = ClassReport([row], load_rubric(), "fr")
    cells = dict(zip([c.id for c in report.columns()], report.values(row)))
    assert cells["pillars"] == len(covered)
    assert len(cells["pillars_missing"].split("; ")) == 6 - len(covered)
