"""The rules the guide implies: a mitigated risk, a complete KPI, a licensed data source."""

import datetime as dt
from pathlib import Path

import pytest

from editor.core.checks import check, section_status
from editor.core.formats.markdown import load_markdown
from editor.core.model import DataSource, Kpi, Risk

REF = Path(__file__).resolve().parent.parent / "reference" / "core"


@pytest.fixture
def sound():
    return load_markdown(REF / "sound_en.md").proposal


def _implied(findings):
    return {f.rule: f for f in findings if f.rule in ("risks-missing", "kpis-missing", "data-sources-missing")}


def test_a_sound_proposal_passes_them(sound):
    assert _implied(check(sound)) == {}


def test_prose_instead_of_tables_no_longer_meets_the_guide(sound):
    sound.risks, sound.kpis, sound.data_sources = [], [], []
    sound.sections["risks"] = "Risk: teams resist change. Mitigation: training."
    sound.sections["kpis"] = "We will measure deployment time."
    found = _implied(check(sound, "en"))
    assert set(found) == {"risks-missing", "kpis-missing", "data-sources-missing"}
    assert found["risks-missing"].section == "risks" and found["risks-missing"].location.kind == "risk"
    assert found["kpis-missing"].location.kind == "kpi" and found["data-sources-missing"].section == "resources"
    assert "lists no risk" in found["risks-missing"].message
    assert section_status(sound, "risks") == "progress" and section_status(sound, "kpis") == "progress"
    fr = _implied(check(sound, "fr"))
    assert "aucun risque" in fr["risks-missing"].message and "aucun KPI" in fr["kpis-missing"].message


def test_rows_that_lack_something_get_the_per_row_findings_only(sound):
    sound.risks = [Risk(id="R1", description="Drift")]
    sound.kpis = [Kpi(id="K1", name="Deployment time", baseline=21, target=1, unit="days")]
    sound.data_sources = [DataSource(name="Telco churn")]
    findings = check(sound, "en")
    assert _implied(findings) == {}
    rules = {f.rule for f in findings}
    assert {"risk-missing-mitigation", "kpi-incomplete", "data-source-licence-missing"} <= rules
    # A KPI with every value but no name: no per-row rule sees it, so the section says it.
    sound.kpis = [Kpi(id="K1", baseline=21, target=1, unit="days", deadline=dt.date(2027, 6, 30))]
    found = _implied(check(sound, "en"))
    assert set(found) == {"kpis-missing"} and "No KPI of section 8 is complete" in found["kpis-missing"].message
    sound.kpis.append(Kpi(id="K2", name="Lead time", baseline=3, target=1, unit="h", deadline=dt.date(2027, 6, 30)))
    assert _implied(check(sound)) == {}


def test_an_empty_section_gets_only_section_empty(sound):
    sound.risks, sound.sections["risks"] = [], ""
    rules = [f.rule for f in check(sound) if f.section == "risks"]
    assert rules == ["section-empty"]
