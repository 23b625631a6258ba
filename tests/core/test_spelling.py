"""Spell checking with the shipped dictionaries: what is a word, what is right, what is suggested."""

from __future__ import annotations

from pathlib import Path

import pytest

from editor.core import spelling
from editor.core.formats.mdread import read_markdown
from editor.core import spelling_store
from editor.core.spelling_store import WordStore, word_key, write_store

ROOT = Path(__file__).resolve().parents[2]
GUIDE = ROOT / "tests" / "reference" / "core" / "proposal-guide.md"


@pytest.fixture(scope="module")
def fr():
    return spelling.checker("fr")


@pytest.fixture(scope="module")
def en():
    return spelling.checker("en")


def wrong(checker, text):
    return [w for _s, _e, w in checker.misspelled(text)]


def test_store_file_round_trip_with_ligatures_and_case(tmp_path):
    path = tmp_path / "x.words"
    write_store(path, ["cœur", "Paris", "rôle", "role", "été", "a"], "fr", "test")
    store = WordStore.load(path)
    assert len(store) == 6 and store.language == "fr"
    assert "cœur" in store and "coeur" not in store
    assert store.variants("coeur") == ["cœur"]  # the ligature found from its spelled-out form
    assert sorted(store.variants("ROLE")) == ["role", "rôle"]
    assert store.variants("ete") == ["été"]
    assert word_key("Rôle") == "role"


def test_store_finds_every_word_across_block_edges(tmp_path, monkeypatch):
    # Blocks of four words of three letters: runs of one key (akv, AKV, Akv) cross block edges.
    monkeypatch.setattr(spelling_store, "BLOCK_BYTES", 12)
    words = [f"{a}{b}{c}" for a in "abcdefghij" for b in "klmnopqrst" for c in "uvwxyz"]
    words += [w.upper() for w in words[::7]] + [w.capitalize() for w in words[::3]]
    path = tmp_path / "many.words"
    write_store(path, words, "en", "test")
    for store in (WordStore.load(path), WordStore.from_words(words)):
        assert len(store) == len(set(words))
        assert all(w in store for w in words)
        assert sorted(store.variants("akv")) == sorted({"akv", "AKV", "Akv"} & set(words))
        assert len(store._groups[3].keys) > 100
        assert "akk" not in store and store.variants("zzz") == [] and store.has_key("qqq") == []


def test_a_store_keeps_its_words_when_its_file_is_rebuilt_and_the_next_load_sees_the_new_ones(tmp_path):
    # The blocks stay in the file (mapped): a rebuild must not pull them from under a running app.
    path = tmp_path / "x.words"
    write_store(path, ["alpha", "beta"], "en", "old")
    old = WordStore.load(path)
    write_store(path, ["gamma", "delta", "epsilon"], "en", "new")
    assert "alpha" in old and "beta" in old and "gamma" not in old and len(old) == 2
    new = WordStore.load(path)
    assert "gamma" in new and "epsilon" in new and "alpha" not in new and len(new) == 3
    assert [p.name for p in tmp_path.iterdir()] == ["x.words"]  # no part file left


def test_a_file_system_that_cannot_map_files_still_gives_its_words(tmp_path, monkeypatch):
    path = tmp_path / "x.words"
    write_store(path, ["cœur", "rôle", "été"], "fr", "test")

    def refuse(*_args, **_kwargs):
        raise OSError("mmap not supported")

    monkeypatch.setattr(spelling_store.mmap, "mmap", refuse)
    store = WordStore.load(path)
    assert store.variants("coeur") == ["cœur"] and "été" in store and "ete" not in store


def test_store_rejects_what_is_not_a_word_list(tmp_path):
    path = tmp_path / "x.words"
    damaged_rows = (b"1\t1\t3\n", b"1\t1\tx\ta\n", b"1\t1\t99999999999\ta\n", b"1\t1\t-3\ta\n")
    for data in (b"not a word list", b"", b"#words 2 fr 1 t\nindex 999\n1\t1\t3\ta\n",
                 *(b"#words 2 fr 1 t\nindex %d\n" % len(row) + row for row in damaged_rows)):
        path.write_bytes(data)
        with pytest.raises(ValueError):
            WordStore.load(path)
    write_store(path, ["abc", "abd"], "fr", "t")
    path.write_bytes(path.read_bytes()[:-2])  # truncated
    with pytest.raises(ValueError):
        WordStore.load(path)
    with pytest.raises(OSError):
        WordStore.load(tmp_path / "missing.words")


def test_french_words_elisions_hyphens_and_apostrophes(fr):
    text = ("L'équipe d’exploitation déploie qu'un modèle ; aujourd'hui, jusqu'à présent, "
            "peut-être en temps-réel. C'est-à-dire : les données sont versionnées.")
    assert wrong(fr, text) == []
    assert wrong(fr, "Le modéle est développé par l'équippe.") == ["modéle", "équippe"]  # the word after the elision


def test_english_words_both_spellings_and_possessives(en):
    assert wrong(en, "The team's behaviour and behavior: organisation, organization, it's deployed.") == []
    assert wrong(en, "The modle is deployd.") == ["modle", "deployd"]


def test_markdown_identifiers_numbers_and_names_are_not_checked(fr):
    text = """---
title: Xyzzyq
---
Voir `dvc reprozz` et [le dépôt](https://github.com/xqzk/abcz) ou https://exmpl.org/wxyz.
<!-- commentaire nonn vérifié --> K1, R3, v2.1, 24h, train.py, model_v2, e.g., a.b@exmpl.org.
MLflow, GitHub, KPI, RGPD, DVC, Kubernetes, Kubeflow, Airflow, Prometheus, Grafana, Evidently, drift.

```
codez ici sans vérification
```
"""
    assert wrong(fr, text) == []


def test_spans_point_at_the_words(fr):
    text = "Le **modéle** est ici."
    (start, end, word), = fr.misspelled(text)
    assert text[start:end] == word == "modéle"


def test_suggestions_fix_accents_doubles_and_swaps(fr, en):
    assert fr.suggest("developpement")[0] == "développement"
    assert "équipe" in fr.suggest("équippe")[:3]
    assert "données" in fr.suggest("donénes")[:5]
    assert fr.suggest("l'equipe")[0] == "l'équipe"
    assert fr.suggest("Modéle")[0] == "Modèle"
    assert "model" in en.suggest("modle")[:5]
    assert en.suggest("teh")[0] == "the"


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_guide_and_the_example_are_spelled_right(language):
    lines = GUIDE.read_text(encoding="utf-8").split("\n")
    english = next(i for i, line in enumerate(lines) if i > 5 and line.strip() == "## Introduction")
    half = "\n".join(lines[1:english] if language == "fr" else lines[english:])
    checker = spelling.checker(language)
    assert wrong(checker, half) == []
    proposal = read_markdown((ROOT / "resources" / "examples" / f"{language}.md").read_text(encoding="utf-8")).proposal
    from editor.core.checks import check

    assert [f.message for f in check(proposal) if f.rule == "spelling"] == []


@pytest.mark.parametrize(("language", "planted"), [
    ("fr", ["deploiement", "modele", "donnees", "equipe", "surveilance", "pipelline", "integartion", "automatiqement"]),
    ("en", ["deploiment", "modell", "continous", "integartion", "monitorign", "reproducible", "teamm", "relase"]),
])
def test_planted_misspellings_are_found(language, planted):
    checker = spelling.checker(language)
    found = [w for w in planted if not checker.is_correct(w)]
    if language == "en":
        planted.remove("reproducible")  # spelled right: must not be flagged
        assert checker.is_correct("reproducible")
    assert found == planted


def test_personal_words_are_written_atomically_and_accepted(tmp_path, monkeypatch, en):
    monkeypatch.setenv("PROPOSAL_EDITOR_DATA_DIR", str(tmp_path / "data"))
    assert not en.is_correct("Zorblax")
    spelling.add_personal_word("Zorblax")
    spelling.add_personal_word("Quuxify")
    assert (tmp_path / "data" / spelling.PERSONAL_FILE).read_text(encoding="utf-8") == "Quuxify\nZorblax\n"
    assert spelling.personal_words() == {"Zorblax", "Quuxify"}
    assert en.is_correct("Zorblax")
    assert not [p for p in (tmp_path / "data").iterdir() if p.name != spelling.PERSONAL_FILE]  # no temp file left


def test_spelling_preferences_live_in_the_front_matter():
    from editor.core.formats.markdown import write_markdown
    from editor.core.model import Proposal
    from editor.core.spelling_prefs import ignored_words, spelling_language, with_ignored, with_language

    p = Proposal.new("fr")
    assert spelling_language(p) == "fr"
    p.metadata.extra = with_ignored(with_language(p.metadata.extra, "en"), "Benali")
    text = write_markdown(p)
    assert "spellcheck_language: en" in text and "spellcheck_ignore: [Benali]" in text
    back = read_markdown(text).proposal
    assert spelling_language(back) == "en" and ignored_words(back) == {"Benali"}
    assert write_markdown(back) == text
    back.metadata.extra = with_language(back.metadata.extra, None)
    assert spelling_language(back) == "fr"
