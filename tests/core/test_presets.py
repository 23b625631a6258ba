"""The risk and KPI presets load, validate, and match across languages."""

import pytest

from editor.core import presets as ps
from editor.core.model import Proposal, RISK_CATEGORIES

GUIDE_RISK = {"en": "Resistance to change from teams", "fr": "Résistance au changement de la part des équipes"}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_presets_load_with_the_guide_examples(lang):
    presets = ps.load_presets(lang)
    assert len(presets.risks) == 9
    first = presets.risk("resistance_to_change")
    assert first.description == GUIDE_RISK[lang]
    assert first.mitigation.startswith(("Training plan", "Plan de formation"))
    assert all(r.category in RISK_CATEGORIES and r.mitigation for r in presets.risks)
    assert [k.group for k in presets.kpis].count("guide") == 4
    assert [k.group for k in presets.kpis].count("dora") == 4
    assert all(k.unit and k.direction in ("lower", "higher") for k in presets.kpis)


def test_both_languages_share_keys_and_numbers():
    en, fr = ps.load_presets("en"), ps.load_presets("fr")
    assert [r.key for r in en.risks] == [r.key for r in fr.risks]
    assert [k.key for k in en.kpis] == [k.key for k in fr.kpis]
    for a, b in zip(en.risks, fr.risks):
        assert (a.category, a.likelihood, a.impact) == (b.category, b.likelihood, b.impact)
    for a, b in zip(en.kpis, fr.kpis):
        assert (a.group, a.category, a.direction) == (b.group, b.category, b.direction)
    assert ps.load_presets("de") is en


def test_from_preset_gives_fresh_ids():
    proposal = Proposal.new("en")
    presets = ps.load_presets("en")
    risk = ps.risk_from_preset(presets.risks[1], proposal)
    proposal.risks = [risk]
    assert risk.id == "R1" and risk.score == 16 and risk.status == "open"
    assert ps.risk_from_preset(presets.risks[2], proposal).id == "R2"
    kpi = ps.kpi_from_preset(presets.kpi("change_failure_rate"), proposal)
    assert kpi.id == "K1" and kpi.unit == "%" and kpi.direction == "lower" and kpi.baseline is None


def test_broken_file_names_the_file(tmp_path):
    bad = tmp_path / "xx.yaml"
    bad.write_text("risks:\n  - key: a\n    description: d\n    category: nope\n", encoding="utf-8")
    with pytest.raises(ps.PresetError, match="xx.yaml"):
        ps.load_presets_file(bad)
    with pytest.raises(ps.PresetError, match="missing.yaml"):
        ps.load_presets_file(tmp_path / "missing.yaml")
    bad.write_text("risks: [\n", encoding="utf-8")
    with pytest.raises(ps.PresetError, match="YAML"):
        ps.load_presets_file(bad)
