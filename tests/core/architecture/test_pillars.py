"""Pillar coverage from the diagram and the text, and the pillar-not-covered rule."""

from editor.core.architecture.graph import Architecture, Component
from editor.core.architecture.pillars import find_terms, pillar_coverage
from editor.core.checks import check
from editor.core.example import example_proposal
from editor.core.model import Proposal


def _covered(proposal, language="en"):
    return {c.pillar for c in pillar_coverage(proposal, language) if c.covered}


def test_the_example_covers_all_six_pillars_and_says_how():
    for lang in ("fr", "en"):
        coverage = pillar_coverage(example_proposal(lang), lang)
        assert [c.pillar for c in coverage] == ["management", "automation", "containers", "monitoring",
                                                "reproducibility", "governance"]
        assert all(c.covered for c in coverage)
        monitoring = coverage[3]
        assert {"Evidently", "Prometheus", "Grafana"} <= {e.text for e in monitoring.components}
        assert coverage[0].title == ("Gestion du code et des modèles" if lang == "fr" else "Code and model management")


def test_components_cover_their_tools_pillars():
    p = Proposal.new("en")
    p.architecture = Architecture(components=[Component(id="vault", key="vault"), Component(id="docker", key="docker")])
    assert _covered(p) == {"governance", "containers", "reproducibility"}


def test_words_match_whole_in_french_without_accents_and_across_cases():
    p = Proposal.new("fr")
    p.sections["context"] = "La tracabilite des decisions et la SECURITE des acces ; les blogs ne comptent pas."
    coverage = {c.pillar: c for c in pillar_coverage(p, "fr")}
    assert coverage["governance"].terms() == ["tracabilite", "SECURITE"]
    assert not coverage["monitoring"].covered  # "blogs" is not "logs"
    word = coverage["governance"].words[0]
    assert (word.section, p.sections["context"][word.start:word.end]) == ("context", "tracabilite")


def test_words_of_one_term_do_not_match_across_punctuation():
    assert list(find_terms("GitHub, secrets")) == [(0, 6, frozenset({"management"})), (8, 15, frozenset({"governance"}))]
    assert [t[2] for t in find_terms("CI/CD and l'intégration continue")] == [frozenset({"automation"})] * 2


def test_objectives_risks_and_kpis_count_too():
    p = Proposal.new("en")
    from editor.core.model import Objective, Risk

    p.objectives = [Objective(text="Detect drift within 24 hours")]
    p.risks = [Risk(id="R1", description="Leaked keys", mitigation="Store them in Vault")]
    coverage = {c.pillar: c for c in pillar_coverage(p, "en")}
    assert coverage["monitoring"].words[0].field == "objective"
    assert coverage["governance"].words[0].item == "R1"


def test_the_rule_warns_once_per_uncovered_pillar_once_section_5_has_begun():
    p = Proposal.new("en")
    assert not [f for f in check(p) if f.rule == "pillar-not-covered"]  # nothing written yet: no noise
    p.sections["architecture"] = "We keep the code in Git and ship it with Docker."
    found = [f for f in check(p, "fr") if f.rule == "pillar-not-covered"]
    assert {f.location.item for f in found} == {"automation", "monitoring", "governance"}
    assert all(f.severity == "warning" and f.section == "architecture" and f.location.kind == "diagram" for f in found)
    assert not [f for f in check(example_proposal("en")) if f.rule == "pillar-not-covered"]
