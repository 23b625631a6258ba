from pathlib import Path

import pytest

from editor.core.checks import check, count_words, section_status, sections_meeting_guide
from editor.core.formats.markdown import load_markdown
from editor.core.model import DataSource, Kpi, Objective, Proposal, Risk

REF = Path(__file__).resolve().parent.parent / "reference" / "core"


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("L'équipe déploie le modèle.", 4),
        ("l’équipe d'exploitation", 2),
        ("Un pipeline temps-réel — sans interruption", 5),
        ("Le **modèle** est [documenté](https://example.org) ici.", 5),
        ("- premier point\n- second point\n1. troisième", 5),
        ("## Titre\n\nTexte 3,5 % <!-- consigne cachée -->", 3),
        ("The model's drift, detected in 24 h.", 7),
        ("   \n\t  ", 0),
        ("CI/CD e-mail MLOps", 3),
    ],
)
def test_words_are_counted_as_a_word_processor_does(text, words):
    assert count_words(text) == words


def _rules(findings):
    return {(f.rule, f.section) for f in findings}


def test_sound_proposal_meets_the_guide():
    p = load_markdown(REF / "sound_en.md").proposal
    findings = check(p)
    assert [f for f in findings if f.severity == "error"] == []
    assert sections_meeting_guide(p, findings) == 10


def test_weak_proposal_gets_every_planted_flaw():
    p = load_markdown(REF / "weak_fr.md").proposal
    findings = check(p, "fr")
    rules = _rules(findings)
    assert ("section-empty", "catalog") in rules
    assert ("summary-length", "summary") in rules
    assert ("objectives-count", "objectives") in rules
    assert ("objective-not-measurable", "objectives") in rules
    assert ("risk-missing-mitigation", "risks") in rules
    assert ("kpi-incomplete", "kpis") in rules
    assert ("poc-link-missing", "resources") in rules
    assert ("data-source-licence-missing", "resources") in rules
    assert ("architecture-diagram-missing", "architecture") in rules
    summary = next(f for f in findings if f.rule == "summary-length")
    assert summary.message.startswith("Le résumé compte") and summary.severity == "error"
    assert section_status(p, "catalog", findings) == "empty"
    assert section_status(p, "risks", findings) == "progress"
    assert section_status(p, "conclusion", findings) == "ok"
    # In the guide's order, errors first within a section.
    from editor.core.model import SECTION_IDS

    keys = [(SECTION_IDS.index(f.section), f.severity != "error") for f in findings]
    assert keys == sorted(keys)


def test_messages_follow_the_requested_language():
    p = Proposal()
    fr = {f.rule: f.message for f in check(p, "fr")}
    en = {f.rule: f.message for f in check(p, "en")}
    assert fr.keys() == en.keys()
    assert "est vide" in next(m for r, m in fr.items() if r == "section-empty")
    assert "is empty" in next(m for r, m in en.items() if r == "section-empty")


def test_prompt_comments_count_as_empty():
    p = Proposal(sections={"summary": "<!-- Présentez brièvement le contexte -->"})
    assert ("section-empty", "summary") in _rules(check(p))


def test_objective_with_a_complete_linked_kpi_is_measurable():
    import datetime as dt

    kpi = Kpi(id="K1", name="Deployment time", baseline=21, target=1, unit="days", deadline=dt.date(2027, 6, 30))
    p = Proposal(objectives=[Objective(text="Deploy faster", kpi_ids=["K1"]), Objective(text="Deploy better")], kpis=[kpi])
    flagged = [f for f in check(p) if f.rule == "objective-not-measurable"]
    assert len(flagged) == 1 and "2" in flagged[0].message


def test_structured_parts_fill_their_section():
    p = Proposal(risks=[Risk(id="R1", description="x", mitigation="y")],
                 data_sources=[DataSource(name="d", url="u", licence="CC0-1.0")], poc_url="https://github.com/a/b")
    rules = _rules(check(p))
    assert ("section-empty", "risks") not in rules
    assert ("section-empty", "resources") not in rules
    assert ("poc-link-missing", "resources") not in rules


def test_one_word_summary_is_said_in_the_singular():
    proposal = Proposal.new("fr")
    proposal.sections["summary"] = "Résumé"
    [fr] = [f.message for f in check(proposal, "fr") if f.rule == "summary-length"]
    [en] = [f.message for f in check(proposal, "en") if f.rule == "summary-length"]
    assert fr == "Le résumé compte 1 mot ; le guide en demande 150 à 200."
    assert en == "The summary has 1 word; the guide asks for 150-200."


def test_objective_linked_to_a_missing_kpi_is_flagged():
    from editor.core.model import Kpi, Objective

    proposal = Proposal.new("en")
    proposal.kpis = [Kpi(id="K1", name="Latency")]
    proposal.objectives = [Objective(text="Cut latency by 50 %", kpi_ids=["K1", "K7", "K9"])]
    [finding] = [f for f in check(proposal) if f.rule == "objective-unknown-kpi"]
    assert finding.severity == "warning" and finding.section == "objectives"
    assert finding.message == "Objective 1 is linked to K7, K9, which are not in section 8's KPI table."


def test_findings_say_where_they_point():
    # The review panel jumps there and review comments are anchored there.
    p = Proposal.new("en")
    p.objectives = [Objective(text="Automate the pipeline", kpi_ids=["K9"])]
    p.risks = [Risk(id="R1", description="Drift", likelihood=2, impact=3)]
    p.kpis = [Kpi(id="K1", name="Deployment time", baseline=21, target=1)]
    p.data_sources = [DataSource(name="Open data"), DataSource(name="Logs", licence="CC-BY")]
    where = {f.rule: f.location.as_dict() for f in check(p) if f.location is not None}
    assert where["risk-missing-mitigation"] == {"kind": "risk", "item": "R1", "field": "mitigation"}
    assert where["kpi-incomplete"] == {"kind": "kpi", "item": "K1", "field": "deadline"}
    assert where["kpi-unit-missing"] == {"kind": "kpi", "item": "K1", "field": "unit"}
    assert where["objective-not-measurable"] == {"kind": "objective", "item": "1", "field": "text"}
    assert where["objective-unknown-kpi"] == {"kind": "objective", "item": "1", "field": "kpi_ids"}
    assert where["data-source-licence-missing"] == {"kind": "data_source", "item": "1", "field": "licence"}
    assert where["architecture-diagram-missing"] == {"kind": "diagram"}
    finding = next(f for f in check(p) if f.rule == "risk-missing-mitigation")
    assert finding.as_dict()["location"] == {"kind": "risk", "item": "R1", "field": "mitigation"}
    assert "location" not in next(f for f in check(p) if f.rule == "section-empty").as_dict()


def test_a_count_kpi_needs_no_unit_and_a_missing_unit_elsewhere_is_a_warning_that_explains():
    import datetime as dt

    from editor.core.kpis import kpi_target_text

    june = dt.date(2027, 6, 30)
    count = Kpi(id="K1", name="Mises à jour réussies par mois", baseline=0, target=4, deadline=june)
    time = Kpi(id="K2", name="Temps de déploiement", baseline=21, target=1, deadline=june)
    p = Proposal.new("fr")
    p.kpis = [count, time]
    p.objectives = [Objective(text="Livrer plus souvent", kpi_ids=["K1"]), Objective(text="Déployer vite", kpi_ids=["K2"])]
    findings = check(p, "fr")
    assert [f for f in findings if f.rule == "kpi-incomplete"] == []
    [unit] = [f for f in findings if f.rule == "kpi-unit-missing"]
    assert unit.severity == "warning" and unit.location.item == "K2"
    assert unit.message.startswith("Le KPI K2 (Temps de déploiement) n'a pas d'unité")
    assert "« Nombre de déploiements par mois »" in unit.message
    # Objective 1's KPI is complete (a count); objective 2's lacks its unit.
    assert [f.location.item for f in findings if f.rule == "objective-not-measurable"] == ["2"]
    assert count.is_complete and not time.is_complete
    assert kpi_target_text(count, "fr") == "0 -> 4 d'ici le 30 juin 2027"


def test_the_summary_without_a_word_is_said_so():
    proposal = Proposal.new("fr")
    proposal.sections["summary"] = "— …"
    [fr] = [f.message for f in check(proposal, "fr") if f.rule == "summary-length"]
    assert fr == "Le résumé ne compte aucun mot ; le guide en demande 150 à 200."
