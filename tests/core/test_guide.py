import re
from pathlib import Path

import pytest

from editor.core.guide import GuideError, load_guide, load_guide_file, section_title
from editor.core.model import SECTION_IDS

REFERENCE = Path(__file__).resolve().parent.parent / "reference" / "core" / "proposal-guide.md"


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_section_has_title_tips_and_examples(lang):
    guide = load_guide(lang)
    assert [s.id for s in guide.sections] == list(SECTION_IDS)
    for number, s in enumerate(guide.sections, 1):
        assert s.number == number
        assert s.title.strip() and s.placeholder.strip()
        assert s.tips and all(t.text.strip() for t in s.tips)
        assert s.examples and all(e.strip() for e in s.examples)
    assert len(guide.mlops.pillars) == 6
    assert len(guide.evaluation.tips) == 4
    assert guide.section("summary").words.min == 150 and guide.section("summary").words.max == 200
    assert guide.section("objectives").count.min == 3 and guide.section("objectives").count.max == 5


def _guide_half(lang: str) -> str:
    text = REFERENCE.read_text(encoding="utf-8")
    parts = re.split(r"<summary>(FR|EN)</summary>", text)
    return parts[parts.index(lang.upper()) + 1]


def _all_strings(obj) -> list[str]:
    if isinstance(obj, str):
        return [obj]
    if isinstance(obj, dict):
        return [s for v in obj.values() for s in _all_strings(v)]
    if isinstance(obj, (list, tuple)):
        return [s for v in obj for s in _all_strings(v)]
    return []


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_nothing_of_the_guide_is_left_out(lang):
    """Every heading, bullet and sentence of the course guide is in the data."""
    data = " ".join(" ".join(_all_strings(load_guide(lang).model_dump())).split())
    missing = []
    for line in _guide_half(lang).splitlines():
        text = re.sub(r"^\s*(?:#+|\*|\d+\.)\s*", "", line).strip()
        if not text or text.startswith("<") or text in ("Exemple :", "Example:", "Exemples :", "Examples:"):
            continue
        text = re.sub(r"^(\d+\.\s*)", "", text)
        if " ".join(text.split()) not in data:
            missing.append(text)
    assert not missing, missing


def test_section_titles_in_both_languages():
    assert section_title("objectives", "en") == "4. MLOps Project Objectives"
    assert section_title("risks", "fr") == "7. Évaluation des risques et stratégies de mitigation"
    assert section_title("summary", "fr", numbered=False) == "Résumé"


def test_malformed_guide_fails_loudly_with_its_path(tmp_path):
    bad = tmp_path / "en.yaml"
    bad.write_text("language: en\ntitle: x\nsections: []\n", encoding="utf-8")
    with pytest.raises(GuideError, match=re.escape(str(bad))):
        load_guide_file(bad)
    bad.write_text("language: [unclosed\n", encoding="utf-8")
    with pytest.raises(GuideError, match=re.escape(str(bad))):
        load_guide_file(bad)


def test_sections_in_the_wrong_order_are_refused(tmp_path):
    import yaml

    from editor.core.guide import guide_dir

    data = yaml.safe_load((guide_dir() / "en.yaml").read_text(encoding="utf-8"))
    data["sections"][0], data["sections"][1] = data["sections"][1], data["sections"][0]
    path = tmp_path / "en.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    with pytest.raises(GuideError, match="in that order"):
        load_guide_file(path)
