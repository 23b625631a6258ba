"""KPI direction, progress, trajectories and target text."""

import datetime as dt

import pytest

from editor.core import kpis as kp
from editor.core.model import Kpi, Milestone, Objective, Proposal

TODAY = dt.date(2026, 1, 15)


def deploy_kpi(**kw):
    values = dict(id="K1", name="Model deployment time", baseline=21, target=1, unit="days",
                  deadline=dt.date(2027, 6, 30))
    values.update(kw)
    return Kpi(**values)


def test_infer_direction():
    assert kp.infer_direction(21, 1) == "lower"
    assert kp.infer_direction(20, 80) == "higher"
    assert kp.infer_direction(5, 5) is None
    assert kp.infer_direction(None, 5) is None


def test_progress_percent():
    kpi = deploy_kpi()
    assert kp.progress_percent(kpi, 21) == 0
    assert kp.progress_percent(kpi, 11) == 50
    assert kp.progress_percent(kpi, 1) == 100
    assert kp.progress_percent(kpi, 25) == -20
    assert kp.progress_percent(deploy_kpi(baseline=None), 3) is None
    flat = deploy_kpi(baseline=1, target=1, direction="lower")
    assert kp.progress_percent(flat, 1) == 100 and kp.progress_percent(flat, 0.5) == 100
    assert kp.progress_percent(flat, 3) == 0


def test_trajectory_orders_baseline_milestones_target():
    kpi = deploy_kpi(milestones=[Milestone(date=dt.date(2026, 12, 1), value=5),
                                 Milestone(date=dt.date(2026, 6, 1), value=10)])
    assert kp.trajectory_points(kpi, TODAY) == [
        (TODAY, 21), (dt.date(2026, 6, 1), 10), (dt.date(2026, 12, 1), 5), (dt.date(2027, 6, 30), 1)]
    assert [round(p) for _d, p in kp.progress_trajectory(kpi, TODAY)] == [0, 55, 80, 100]


def test_trajectory_with_missing_parts():
    assert kp.trajectory_points(deploy_kpi(deadline=None), TODAY) == [(TODAY, 21)]
    assert kp.trajectory_points(deploy_kpi(baseline=None), TODAY) == [(dt.date(2027, 6, 30), 1)]
    assert kp.progress_trajectory(deploy_kpi(deadline=None), TODAY) == []
    # A milestone before today moves the baseline back so the line starts on it.
    early = deploy_kpi(milestones=[Milestone(date=dt.date(2025, 12, 1), value=18)])
    assert kp.trajectory_points(early, TODAY)[0] == (dt.date(2025, 12, 1), 21)


def test_date_range():
    first, last = kp.date_range([deploy_kpi()], TODAY)
    assert (first, last) == (TODAY, dt.date(2027, 6, 30))
    assert kp.date_range([], TODAY) == (TODAY, TODAY + dt.timedelta(days=365))


@pytest.mark.parametrize(
    ("value", "unit", "lang", "text"),
    [(21, "days", "en", "21 days"), (1, "days", "en", "1 day"), (1, "jours", "fr", "1 jour"),
     (0.5, "jours", "fr", "0,5 jour"), (2, "jours", "fr", "2 jours"), (95, "%", "en", "95%"),
     (95, "%", "fr", "95\u202f%"), (1500, "", "en", "1,500"), (3, "", "fr", "3"), (None, "days", "en", "")],
)
def test_format_value(value, unit, lang, text):
    assert kp.format_value(value, unit, lang) == text


def test_target_text_in_both_languages():
    assert kp.kpi_target_text(deploy_kpi(), "en") == "21 days -> 1 day by 30 June 2027"
    assert kp.kpi_target_text(deploy_kpi(unit="jours"), "fr") == "21 jours -> 1 jour d'ici le 30 juin 2027"
    assert kp.kpi_target_text(deploy_kpi(baseline=None), "en") == "1 day by 30 June 2027"
    assert kp.kpi_target_text(deploy_kpi(deadline=None), "en") == "21 days -> 1 day"
    assert kp.kpi_target_text(deploy_kpi(target=None), "en") == ""


def test_objective_target_text_and_measurable():
    proposal = Proposal.new("en")
    proposal.kpis = [deploy_kpi(), Kpi(id="K2", name="Automation", target=80, unit="%")]
    objective = Objective(text="Deploy faster", kpi_ids=["K1", "K2", "K9"])
    assert kp.objective_target_text(objective, proposal, "en") == "21 days -> 1 day by 30 June 2027; 80%"
    assert kp.objective_is_measurable(objective, proposal)
    assert not kp.objective_is_measurable(Objective(text="x", kpi_ids=["K2"]), proposal)
    assert kp.objective_target_text(Objective(text="x"), proposal, "en") == ""


def test_labels_and_parse():
    assert kp.direction_label("lower", "fr") == "Plus bas est meilleur"
    assert kp.category_label("reliability", "fr") == "Fiabilité"
    assert kp.parse_category("Fiabilité") == "reliability"
    assert kp.parse_number("0,5") == 0.5
    assert kp.parse_number("1 000") == 1000
    assert kp.parse_number("1,000.5") == 1000.5
    assert kp.parse_number("95 %") == 95
    assert kp.parse_number("") is None
    with pytest.raises(ValueError):
        kp.parse_number("abc")


def test_format_milestones():
    kpi = deploy_kpi(milestones=[Milestone(date=dt.date(2026, 9, 30), value=10)])
    assert kp.format_milestones(kpi, "en") == "30 Sept 2026: 10 days"


def test_clipboard_rows_read_back_exactly_in_either_language():
    from editor.core.kpis import kpis_to_tsv, parse_kpi_rows
    from editor.core.model import Milestone

    kpis = [
        Kpi(id="K1", name="Latence | p95", category="reliability", baseline=300.5, target=120, unit="ms",
            direction="lower", deadline=dt.date(2027, 3, 31), measurement="Prometheus\nquantile",
            milestones=[Milestone(date=dt.date(2026, 12, 31), value=200)]),
        Kpi(id="K2", name="Free text category", category="Sécurité", baseline=None, target=1e-7, unit="%"),
    ]
    for language in ("fr", "en"):
        for header in (True, False):
            text = kpis_to_tsv(kpis, language=language, header=header)
            fields, warnings = parse_kpi_rows(text)
            assert warnings == []
            assert [Kpi(id=k.id, **f) for k, f in zip(kpis, fields)] == kpis


def test_clipboard_rows_from_a_spreadsheet_and_what_does_not_fit():
    from editor.core.kpis import parse_kpi_rows

    text = "Indicateur\tÉchéance\tValeur de départ\tCible\tSens\n" \
           "Latence\t30/06/2027\t300 ms\t120\tPlus bas est meilleur\n" \
           "Coût\tbientôt\t1 000,5\tdix\t\n"
    fields, warnings = parse_kpi_rows(text, language="fr")
    assert fields[0] == {"name": "Latence", "deadline": dt.date(2027, 6, 30), "baseline": 300, "target": 120,
                         "direction": "lower"}
    assert fields[1]["baseline"] == 1000.5 and "deadline" not in fields[1] and "target" not in fields[1]
    assert warnings == ["Ligne 2 : « bientôt » ne convient pas à la colonne Échéance ; laissée vide.",
                        "Ligne 2 : « dix » ne convient pas à la colonne Cible ; laissée vide."]


def test_a_unit_is_made_singular_by_the_rules_of_its_own_language():
    # A French proposal read in the English interface: "1 jour", and "1.5 jour" as French says it.
    assert kp.format_value(1, "jours", "en") == "1 jour"
    assert kp.format_value(1.5, "jours", "en") == "1.5 jour"
    assert kp.format_value(1.5, "days", "fr") == "1,5 days"
    assert kp.format_value(1, "days", "fr") == "1 day"
    assert kp.format_value(2, "jours", "en") == "2 jours"
