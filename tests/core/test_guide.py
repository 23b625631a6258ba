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


# -- the compiled guide (LANG.json beside LANG.yaml) ------------------------------------------
@pytest.fixture
def guide_folder(tmp_path, monkeypatch):
    """A copy of the shipped guide files in ``tmp_path``, read by the module in place of the real ones."""
    import shutil

    import editor.core.guide as guide

    for name in ("en.yaml", "en.json", "fr.yaml", "fr.json"):
        shutil.copy(guide.guide_dir() / name, tmp_path / name)
    monkeypatch.setattr(guide, "guide_dir", lambda: tmp_path)
    for cached in (guide._raw_guide, guide.load_guide, guide._titles):
        cached.cache_clear()
    yield tmp_path
    for cached in (guide._raw_guide, guide.load_guide, guide._titles):
        cached.cache_clear()


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_compiled_guide_is_up_to_date_with_its_yaml(language):
    from editor.core.guide import compiled_guide, guide_dir

    source = guide_dir() / f"{language}.yaml"
    shipped = source.with_suffix(".json").read_text(encoding="utf-8")
    assert shipped == compiled_guide(source, source.read_bytes()), \
        f"{source.name} changed: run python packaging/compile_guide.py"


def test_an_edited_yaml_is_read_though_its_compiled_file_is_older(guide_folder):
    from editor.core.guide import guide_tips_for, section_title

    yaml_file = guide_folder / "en.yaml"
    text = yaml_file.read_text(encoding="utf-8")
    assert "title: Risk Assessment and Mitigation Strategies" in text
    yaml_file.write_text(text.replace("title: Risk Assessment and Mitigation Strategies", "title: Risks, edited"),
                         encoding="utf-8")
    assert section_title("risks", "en") == "7. Risks, edited"
    assert guide_tips_for("risks", "en")  # the whole guide from the YAML too


@pytest.mark.parametrize("damage", ["", "{not json", '{"format": 1, "sha256": "0", "data": {}}', "[1, 2]",
                                    '{"format": 99, "sha256": "%s", "data": {}}'])
def test_a_damaged_compiled_guide_is_ignored(guide_folder, damage):
    import hashlib

    from editor.core.guide import load_guide, section_title

    digest = hashlib.sha256((guide_folder / "en.yaml").read_bytes()).hexdigest()
    (guide_folder / "en.json").write_text(damage.replace("%s", digest), encoding="utf-8")
    assert section_title("kpis", "en") == "8. Success Metrics"
    assert len(load_guide("en").sections) == 10


def test_the_compiled_guide_is_what_the_app_reads(guide_folder):
    import json

    from editor.core.guide import section_title

    compiled = json.loads((guide_folder / "en.json").read_text(encoding="utf-8"))
    compiled["data"]["sections"][6]["title"] = "Risks, as compiled"
    (guide_folder / "en.json").write_text(json.dumps(compiled), encoding="utf-8")
    assert section_title("risks", "en") == "7. Risks, as compiled"


def test_odd_title_data_is_left_to_the_validation_which_names_the_file(guide_folder):
    from editor.core.guide import section_title

    (guide_folder / "fr.json").unlink()
    yaml_file = guide_folder / "fr.yaml"
    text = yaml_file.read_text(encoding="utf-8")
    yaml_file.write_text(text.replace("number: 3\n", "number: trois\n", 1), encoding="utf-8")
    with pytest.raises(GuideError, match=re.escape(str(yaml_file))):
        section_title("context", "fr")


def test_section_titles_need_neither_yaml_nor_a_built_model():
    import subprocess
    import sys

    code = ("import sys\nfrom editor.core.guide import section_title\nfrom editor.core.model import Proposal\n"
            "print(section_title('risks', 'fr'))\n"
            "print('yaml' in sys.modules, Proposal.__pydantic_complete__)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.splitlines() == ["7. Évaluation des risques et stratégies de mitigation", "False False"]


def test_the_compile_script_reports_and_mends_an_out_of_date_file(guide_folder):
    import subprocess
    import sys

    script = [sys.executable, str(Path(__file__).resolve().parents[2] / "packaging" / "compile_guide.py"),
              "--folder", str(guide_folder)]
    assert subprocess.run([*script, "--check"], capture_output=True).returncode == 0
    yaml_file = guide_folder / "en.yaml"
    yaml_file.write_text(yaml_file.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    stale = subprocess.run([*script, "--check"], capture_output=True, text=True)
    assert stale.returncode == 1 and "en.json" in stale.stderr and "fr.json" not in stale.stderr
    assert subprocess.run(script, capture_output=True).returncode == 0
    assert subprocess.run([*script, "--check"], capture_output=True).returncode == 0
    yaml_file.write_text("language: en\nsections: []\n", encoding="utf-8")  # not a guide: not compiled
    before = (guide_folder / "en.json").read_bytes()
    refused = subprocess.run(script, capture_output=True, text=True)
    assert refused.returncode == 2 and str(yaml_file) in refused.stderr
    assert (guide_folder / "en.json").read_bytes() == before
