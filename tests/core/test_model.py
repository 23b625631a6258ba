import datetime as dt

import pytest
from pydantic import ValidationError

from editor.core.model import SECTION_IDS, Kpi, Objective, Proposal, Risk


def test_new_proposal_has_the_ten_sections_empty():
    p = Proposal.new("fr", now=dt.datetime(2026, 11, 26, 9, 30))
    assert list(p.sections) == list(SECTION_IDS)
    assert all(text == "" for text in p.sections.values())
    assert p.metadata.language == "fr"
    assert p.metadata.created == dt.datetime(2026, 11, 26, 9, 30)
    assert Proposal() == Proposal(sections={})


def test_the_model_languages_are_those_of_the_catalogs():
    import typing

    from editor import i18n
    from editor.core import model

    assert model.LANGUAGES == i18n.LANGUAGES == typing.get_args(model.Language) == ("fr", "en")
    for lang in model.LANGUAGES:
        assert Proposal.new(lang).metadata.language == lang


def test_validation_errors_name_the_field():
    with pytest.raises(ValidationError, match="likelihood"):
        Risk(id="R1", likelihood=6)
    with pytest.raises(ValidationError, match="language"):
        Proposal.model_validate({"metadata": {"language": "de"}})
    with pytest.raises(ValidationError, match="unknown section"):
        Proposal(sections={"budget": "x"})
    with pytest.raises(ValidationError, match="duplicate id 'R1'"):
        Proposal(risks=[Risk(id="R1"), Risk(id="R1")])
    with pytest.raises(ValidationError, match="target"):
        Kpi(id="K1", target=float("nan"))
    with pytest.raises(ValidationError, match="id"):
        Objective(kpi_ids=["not an id"])


def test_text_is_normalized_to_lf_and_sections_lose_surrounding_blank_lines():
    p = Proposal(sections={"summary": "\r\nline one\r\nline two\rline three\n\n"})
    assert p.sections["summary"] == "line one\nline two\nline three"
    p.metadata.title = "A\ntitle\u2028here "
    assert p.metadata.title == "A title here"


def test_risk_score_and_kpi_direction():
    assert Risk(id="R1", likelihood=4, impact=5).score == 20
    assert Risk(id="R1", likelihood=4).score is None
    k = Kpi(id="K1", name="Deployment time", baseline=21, target=1, unit="days", deadline=dt.date(2027, 6, 30))
    assert k.effective_direction == "lower" and k.is_complete
    assert Kpi(id="K2", baseline=10, target=90).effective_direction == "higher"
    assert Kpi(id="K3", baseline=10, target=90, direction="lower").effective_direction == "lower"
    assert not Kpi(id="K4", name="x", baseline=1, target=2, unit="").is_complete


def test_next_id_skips_used_ids():
    p = Proposal(risks=[Risk(id="R1"), Risk(id="R3")])
    assert p.next_id("risks") == "R4"
    assert p.next_id("kpis") == "K1"
