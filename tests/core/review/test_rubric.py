"""The rubric file: the shipped one, an instructor's own, and clear errors for a bad one."""

import pytest

from editor.core.formats import FormatError
from editor.core.review.rubric import default_rubric_path, load_rubric


def test_the_shipped_rubric_has_the_guides_four_criteria_and_every_measure():
    from editor.core.guide import load_guide
    from editor.core.review.score import MEASURE_IDS

    rubric = load_rubric()
    assert [m.id for m in rubric.measures] == list(MEASURE_IDS)
    assert len(rubric.criteria) == len(load_guide("en").evaluation.tips) == 4
    assert rubric.max_points == 100
    assert rubric.criteria[1].label.text("fr").startswith("Compréhension")
    assert all(max(lv.points for lv in c.levels) == c.weight for c in rubric.criteria)
    assert rubric.source == str(default_rubric_path())


def test_an_instructors_rubric_with_one_language_labels(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text("format: mlops-proposal-rubric/1\ntitle: Ma grille\nmeasures:\n  - {id: kpis, weight: 10}\n"
                    "criteria:\n  - id: oral\n    label: Soutenance\n    weight: 10\n    levels:\n"
                    "      - {points: 0, label: Non}\n      - {points: 10, label: Oui}\n", encoding="utf-8")
    rubric = load_rubric(path)
    assert rubric.weights == {"kpis": 10} and rubric.criteria[0].label.text("en") == "Soutenance"
    assert rubric.title.text("fr") == "Ma grille" and rubric.max_points == 20


@pytest.mark.parametrize(("text", "message"), [
    ("title: x\nmeasures:\n  - {id: charisma, weight: 3}\n", "unknown measure 'charisma'"),
    ("title: x\ncriteria:\n  - {id: a, label: A, weight: 5, levels: [{points: 0, label: n}, {points: 9, label: y}]}\n",
     "more points (9) than the weight (5)"),
    ("title: x\nmeasures:\n  - {id: kpis, weight: 3}\n  - {id: kpis, weight: 2}\n", "measure kpis appears twice"),
    ("title: x\n", "a rubric needs measures or criteria"),
    ("title: x\nmeasures: [{id: kpis, weight: -1}]\n", "measures → 0 → weight"),
    ("- just\n- a list\n", "is a YAML mapping"),
    ("title: [unclosed\n", "not valid YAML"),
    ("a: &x [1]\nb: *x\n", "aliases"),
    ("title: x\nformat: other/2\nmeasures: [{id: kpis, weight: 1}]\n", "format must be"),
    ("title: x\nmeasures: [{id: kpis, weight: 1}]\nbonus: 3\n", "bonus"),
])
def test_a_bad_rubric_is_refused_with_the_file_and_the_reason(tmp_path, text, message):
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(FormatError) as info:
        load_rubric(path)
    assert str(path) in str(info.value) and message in str(info.value)
    assert "\n" not in str(info.value)


def test_a_missing_or_binary_rubric(tmp_path):
    with pytest.raises(FormatError, match="no such file"):
        load_rubric(tmp_path / "none.yaml")
    (tmp_path / "bin.yaml").write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(FormatError, match="cannot be read"):
        load_rubric(tmp_path / "bin.yaml")
    with pytest.raises(FormatError, match="folder"):
        load_rubric(tmp_path)
