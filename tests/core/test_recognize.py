"""Objectives, risks, KPIs and data sources a student writes in the text instead of the tables."""

import datetime as dt
from pathlib import Path

import pytest

from editor.core.checks import check
from editor.core.formats.markdown import load_markdown, read_markdown, write_markdown
from editor.core.model import DataSource, Objective, Proposal, Risk
from editor.core.recognize import move_into_structure, recognize, recognize_all

ROOT = Path(__file__).resolve().parent.parent.parent
REF = ROOT / "tests" / "reference" / "core"
INLINE_OBJECTIVES = ("Nos objectifs MLOps sont les suivants : 1. Réduire le temps de déploiement de 21 jours à 1 jour. "
                     "2. Automatiser 90 % du pipeline de test et de déploiement.")


def _with(section: str, text: str, language: str = "fr") -> Proposal:
    p = Proposal.new(language)
    p.sections[section] = text
    return p


def _moved(p: Proposal, section: str):
    found = recognize(p, section)
    assert found is not None
    return found, *move_into_structure(p, found)


def test_an_inline_numbered_list_is_two_objectives_and_the_introduction_stays():
    p = _with("objectives", INLINE_OBJECTIVES)
    found, text, objectives = _moved(p, "objectives")
    assert [o.text for o in objectives] == ["Réduire le temps de déploiement de 21 jours à 1 jour",
                                            "Automatiser 90 % du pipeline de test et de déploiement"]
    assert text == "Nos objectifs MLOps sont les suivants :"
    assert INLINE_OBJECTIVES[found.start:found.end].startswith("1. Réduire")
    assert p.sections["objectives"] == INLINE_OBJECTIVES and p.objectives == []  # nothing changed in place


def test_the_check_counts_objectives_written_in_the_text_instead_of_zero():
    p = _with("objectives", INLINE_OBJECTIVES)
    [fr] = [f for f in check(p, "fr") if f.rule == "objectives-count"]
    [en] = [f for f in check(p, "en") if f.rule == "objectives-count"]
    assert fr.message.startswith("2 objectifs sont écrits dans le texte mais pas dans la liste des objectifs")
    assert "0 objectif" not in fr.message and "le guide en demande 3 à 5" in fr.message
    assert en.message.startswith("2 objectives are written in the text but not in the objectives list")
    assert fr.location.kind == "text" and INLINE_OBJECTIVES[fr.location.start:].startswith("1. Réduire")


def test_zero_objectives_is_said_with_aucun():
    p = _with("objectives", "Nous y travaillons.")
    [fr] = [f.message for f in check(p, "fr") if f.rule == "objectives-count"]
    [en] = [f.message for f in check(p, "en") if f.rule == "objectives-count"]
    assert fr == "Il n'y a aucun objectif ; le guide en demande 3 à 5."
    assert en == "There is no objective; the guide asks for 3-5."


@pytest.mark.parametrize("text", [
    "Objectifs :\n\n1. Réduire le temps de déploiement\n2. Automatiser 90 % des tests\n3) Détecter le drift",
    "Objectifs :\n- Réduire le temps de déploiement\n* Automatiser 90 % des tests\n+ Détecter le drift",
    "• Réduire le temps de déploiement\n• Automatiser 90 % des tests\n• Détecter le drift",
    "Objectif 1 : Réduire le temps de déploiement\nObjectif 2 : Automatiser 90 % des tests\n\n"
    "**Objectif 3** : Détecter le drift",
    "| Objectif |\n|---|\n| Réduire le temps de déploiement |\n| Automatiser 90 % des tests |\n| Détecter le drift |",
])
def test_lists_of_objectives_in_every_form(text):
    _found, rest, objectives = _moved(_with("objectives", text), "objectives")
    assert [o.text for o in objectives] == ["Réduire le temps de déploiement", "Automatiser 90 % des tests",
                                            "Détecter le drift"]
    assert "Réduire" not in rest


def test_the_other_columns_of_an_objectives_table_stay_with_their_objective():
    p = _with("objectives", "| Objectif | Indicateur | Cible |\n|---|---|---|\n| Réduire le temps de déploiement | Temps "
                            "| 1 jour |\n| Automatiser les tests | | 90 % |")
    _found, rest, objectives = _moved(p, "objectives")
    assert [o.text for o in objectives] == ["Réduire le temps de déploiement — Indicateur: Temps — Cible: 1 jour",
                                            "Automatiser les tests — Cible: 90 %"]
    assert rest == ""


def test_continuation_lines_and_kpi_links_stay_with_their_objective():
    text = ("1. Détecter le drift des données en moins de 24 heures\n   grâce à une alerte automatique (KPI: K3)\n"
            "2. Reproduire chaque entraînement\n\nLa suite du texte reste.")
    _found, rest, objectives = _moved(_with("objectives", text), "objectives")
    assert objectives[0] == Objective(text="Détecter le drift des données en moins de 24 heures grâce à une alerte "
                                           "automatique", kpi_ids=["K3"])
    assert rest == "La suite du texte reste."


def test_a_list_in_a_code_fence_or_a_comment_is_not_an_offer():
    text = "```\n1. pip install dvc\n2. dvc init\n```\n\n<!--\n- note pour plus tard\n- autre note\n-->"
    assert recognize(_with("objectives", text), "objectives") is None


def test_items_the_structured_part_already_holds_are_not_offered():
    p = _with("objectives", "1. Réduire le temps de déploiement\n2. Automatiser les tests")
    p.objectives = [Objective(text="réduire le temps de déploiement"), Objective(text="Automatiser les tests.")]
    assert recognize(p, "objectives") is None
    p.objectives = p.objectives[:1]
    found, text, objectives = _moved(p, "objectives")
    assert found.count == 1 and [o.text for o in objectives][-1] == "Automatiser les tests" and text == ""


def test_risks_as_the_guide_writes_them_and_as_one_line_pairs():
    text = ("Exemple :\n* Risque : Résistance au changement de la part des équipes\n"
            "* Mitigation : Plan de formation et démonstration des bénéfices à court terme\n\n"
            "Risque 2 : Drift des données / Atténuation : surveillance hebdomadaire / Probabilité : élevée / "
            "Impact : 4 / Responsable : Data scientist\n\n"
            "- Fuite de secrets → détection de secrets dans la CI")
    _found, rest, risks = _moved(_with("risks", text), "risks")
    assert [(r.id, r.description, r.mitigation) for r in risks] == [
        ("R1", "Résistance au changement de la part des équipes",
         "Plan de formation et démonstration des bénéfices à court terme"),
        ("R2", "Drift des données", "surveillance hebdomadaire"),
        ("R3", "Fuite de secrets", "détection de secrets dans la CI")]
    assert (risks[1].likelihood, risks[1].impact, risks[1].owner) == (4, 4, "Data scientist")
    assert rest == "Exemple :"


def test_a_risk_table_pasted_from_calc_or_written_in_pipes():
    calc = 'Risque\tProbabilité\tImpact\tAtténuation\nDrift\t4\t3\t"Surveillance\net réentraînement"\nQuota GPU\t2\t2\t\n'
    pipes = "| Risk | Mitigation |\n|---|---|\n| Vendor lock-in | Open formats |\n"
    p = _with("risks", "Voici nos risques.\n\n" + calc + "\n" + pipes)
    p.risks = [Risk(id="R1", description="Existing", mitigation="x")]
    _found, rest, risks = _moved(p, "risks")
    assert [(r.id, r.description, r.likelihood, r.mitigation) for r in risks] == [
        ("R1", "Existing", None, "x"), ("R2", "Drift", 4, "Surveillance\net réentraînement"), ("R3", "Quota GPU", 2, ""),
        ("R4", "Vendor lock-in", None, "Open formats")]
    assert rest == "Voici nos risques."


@pytest.mark.parametrize(("line", "expected"), [
    ("Temps de déploiement : 21 jours → 1 jour d'ici juin 2027", ("Temps de déploiement", 21, 1, "jours", dt.date(2027, 6, 30))),
    ("Taux d'automatisation : de 10 % à 90 % d'ici le 31/12/2026", ("Taux d'automatisation", 10, 90, "%", dt.date(2026, 12, 31))),
    ("Deployment time: from 21 days to 1 day by June 30, 2027", ("Deployment time", 21, 1, "days", dt.date(2027, 6, 30))),
    ("Time to detect drift: 720 hours -> 24 hours (Q3 2027)", ("Time to detect drift", 720, 24, "hours", dt.date(2027, 9, 30))),
    ("Mises à jour réussies par mois : 0 → 4 d'ici 2027-06-30", ("Mises à jour réussies par mois", 0, 4, "", dt.date(2027, 6, 30))),
    ("Couverture des tests : actuellement 40 %, cible 80 % fin 2027", ("Couverture des tests", 40, 80, "%", dt.date(2027, 12, 31))),
])
def test_kpi_lines_give_name_baseline_target_unit_and_deadline(line, expected):
    _found, rest, [kpi] = _moved(_with("kpis", "Nos indicateurs :\n\n" + line), "kpis")
    assert (kpi.name, kpi.baseline, kpi.target, kpi.unit, kpi.deadline) == expected
    assert kpi.id == "K1" and rest == "Nos indicateurs :"


def test_words_a_kpi_line_holds_beyond_its_figures_are_kept_in_the_measurement():
    _found, _rest, [kpi] = _moved(_with("kpis", "- Latence p95 : 800 ms → 200 ms, mesurée par Prometheus"), "kpis")
    assert (kpi.name, kpi.unit, kpi.measurement) == ("Latence p95", "ms", "mesurée par Prometheus")


def test_a_bulleted_list_of_kpi_names_and_a_pasted_kpi_table():
    text = ("- Temps de déploiement des modèles\n- Fréquence des mises à jour réussies\n\n"
            "Indicateur\tValeur actuelle\tCible\tÉchéance\nTaux d'automatisation\t10 %\t90 %\t30/06/2027")
    p = _with("kpis", text)
    p.objectives = [Objective(text="x", kpi_ids=["K1"])]  # K1 is taken by a link: new KPIs do not get it
    _found, rest, kpis = _moved(p, "kpis")
    assert [(k.id, k.name) for k in kpis] == [("K2", "Temps de déploiement des modèles"),
                                              ("K3", "Fréquence des mises à jour réussies"), ("K4", "Taux d'automatisation")]
    assert (kpis[2].baseline, kpis[2].target, kpis[2].unit, kpis[2].deadline) == (10, 90, "%", dt.date(2027, 6, 30))
    assert rest == ""


def test_data_sources_are_found_but_not_the_poc_nor_useful_resources():
    text = ("POC : https://github.com/exemple/fraude-mlops\n\nSources de données :\n"
            "- Credit Card Fraud Detection : https://www.kaggle.com/datasets/mlg-ulb/creditcardfraud (licence ODbL)\n"
            "- [Telco Customer Churn](https://github.com/IBM/telco-customer-churn-on-icp4d) – Apache-2.0\n\n"
            "Ressources utiles :\n- Documentation DVC : https://dvc.org/doc/start\n"
            "- Tutoriel MLflow : https://mlflow.org/docs/latest/index.html")
    p = _with("resources", text)
    _found, rest, sources = _moved(p, "resources")
    assert sources == [
        DataSource(name="Credit Card Fraud Detection", url="https://www.kaggle.com/datasets/mlg-ulb/creditcardfraud",
                   licence="ODbL"),
        DataSource(name="Telco Customer Churn", url="https://github.com/IBM/telco-customer-churn-on-icp4d", licence="Apache-2.0")]
    assert "https://github.com/exemple/fraude-mlops" in rest and "dvc.org" in rest and "kaggle" not in rest


def test_english_lists_too():
    p = _with("kpis", "Our KPIs:\n1. Number of incidents per month: 6 -> 1 by end of 2027\n2. Model deployment time: "
                      "21 days -> 1 day by 2027-06-30", "en")
    _found, _rest, kpis = _moved(p, "kpis")
    assert [(k.name, k.baseline, k.target, k.unit, k.deadline) for k in kpis] == [
        ("Number of incidents per month", 6, 1, "", dt.date(2027, 12, 31)),
        ("Model deployment time", 21, 1, "days", dt.date(2027, 6, 30))]
    assert kpis[0].is_complete  # a count needs no unit


def test_moved_items_round_trip_through_the_file():
    p = _with("kpis", "Temps de déploiement : 21 jours → 1 jour d'ici juin 2027")
    found = recognize(p, "kpis")
    p.sections["kpis"], p.kpis = move_into_structure(p, found)
    again = read_markdown(write_markdown(p)).proposal
    assert again.kpis == p.kpis and again.sections["kpis"] == "" and recognize(again, "kpis") is None


def test_the_example_proposals_and_reference_files_get_no_offer():
    for path in [*sorted((ROOT / "resources" / "examples").glob("*.md")), REF / "handwritten_fr.md",
                 REF / "handwritten_fr.expected.md", REF / "sound_en.md", REF / "weak_fr.md",
                 ROOT / "tests" / "reference" / "app" / "etudiant_fr.md"]:
        proposal = load_markdown(path).proposal
        assert recognize_all(proposal) == {}, path.name
        assert not [f for f in check(proposal) if f.rule == "items-in-text"], path.name


def test_the_guide_itself_offers_only_its_own_example_items():
    found = recognize_all(load_markdown(REF / "proposal-guide.md").proposal)
    risks = [c.item.description for c in found["risks"].candidates]
    assert risks == ["Résistance au changement de la part des équipes", "Resistance to change from teams"]
    kpis = [c.item.name for c in found["kpis"].candidates]
    assert "Temps de déploiement des modèles" in kpis and "Automation rate of the pipeline" in kpis and len(kpis) == 8


def test_kpis_risks_and_sources_written_in_the_text_are_warnings_pointing_at_the_words():
    p = Proposal.new("fr")
    p.sections["risks"] = "Risque : Drift / Mitigation : surveillance"
    p.sections["kpis"] = "Intro.\n\nTemps de déploiement : 21 jours → 1 jour d'ici juin 2027"
    p.sections["resources"] = "- Jeu de données : https://data.gouv.fr/datasets/x (Licence Ouverte)"
    findings = [f for f in check(p, "fr") if f.rule == "items-in-text"]
    assert {f.section for f in findings} == {"risks", "kpis", "resources"}
    assert all(f.severity == "warning" for f in findings)
    kpi = next(f for f in findings if f.section == "kpis")
    assert kpi.message.startswith("1 KPI écrit dans le texte n'est pas dans le tableau des KPI")
    assert p.sections["kpis"][kpi.location.start:kpi.location.end].startswith("Temps de déploiement")


def test_a_huge_list_is_read_up_to_the_item_limit():
    p = _with("risks", "\n".join(f"- Risque {i} : panne numéro {i}" for i in range(5000)))
    assert recognize(p, "risks").count == 200
