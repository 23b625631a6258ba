"""Find and replace in the model: every text of the proposal, in the guide's order."""

from __future__ import annotations

from editor.core import find
from editor.core.model import DataSource, Kpi, Objective, Proposal, Risk


def proposal() -> Proposal:
    p = Proposal.new("fr")
    p.metadata.title = "Churn en production"
    p.sections["summary"] = "Le churn est mesuré. CHURN mensuel, churned."
    p.sections["kpis"] = "Un indicateur de churn."
    p.objectives = [Objective(text="Réduire le churn de 10 %")]
    p.risks = [Risk(id="R1", description="Dérive", mitigation="Surveiller le churn"), Risk(id="R2", description="Churn")]
    p.kpis = [Kpi(id="K1", name="Taux de churn", unit="%")]
    p.data_sources = [DataSource(name="Telco churn", url="https://example.org/churn", licence="CC0-1.0")]
    return p


def places(matches):
    return [(m.section, m.location.kind, m.location.item, m.location.field, m.start, m.end) for m in matches]


def test_matches_come_in_the_guide_order_with_their_place():
    matches = find.find_all(proposal(), "churn")
    assert places(matches) == [
        ("title", "title", "", "title", 0, 5),
        ("summary", "text", "", "", 3, 8),
        ("summary", "text", "", "", 21, 26),
        ("summary", "text", "", "", 36, 41),
        ("objectives", "objective", "1", "text", 11, 16),
        ("resources", "data_source", "1", "name", 6, 11),
        ("resources", "data_source", "1", "url", 20, 25),
        ("risks", "risk", "R1", "mitigation", 14, 19),
        ("risks", "risk", "R2", "description", 0, 5),
        ("kpis", "text", "", "", 17, 22),
        ("kpis", "kpi", "K1", "name", 8, 13),
    ]


def test_case_and_whole_word_options():
    p = proposal()
    assert len(find.find_all(p, "CHURN", case_sensitive=True)) == 1
    summary = [m for m in find.find_all(p, "churn", whole_word=True) if m.section == "summary"]
    assert [m.start for m in summary] == [3, 21]  # not "churned"
    assert find.find_all(p, "") == []
    assert find.find_all(p, "(.*)") == []  # plain text, not a pattern


def test_replace_changes_exactly_the_matches_and_leaves_the_original_alone():
    p = proposal()
    matches = find.find_all(p, "churn", whole_word=True)
    out = find.replace(p, matches, "attrition")
    assert out.metadata.title == "attrition en production"
    assert out.sections["summary"] == "Le attrition est mesuré. attrition mensuel, churned."
    assert out.objectives[0].text == "Réduire le attrition de 10 %"
    assert out.risks[0].mitigation == "Surveiller le attrition" and out.risks[1].description == "attrition"
    assert out.kpis[0].name == "Taux de attrition"
    assert out.data_sources[0].url == "https://example.org/attrition"
    assert p.sections["summary"].startswith("Le churn")  # a copy was changed
    one = find.replace(p, matches[1:2], "X")
    assert one.sections["summary"] == "Le X est mesuré. CHURN mensuel, churned."
    assert find.find_all(out, "churn", whole_word=True) == []
