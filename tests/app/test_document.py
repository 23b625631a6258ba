"""ProposalDocument: undo commands, merging of typing, validation, signals."""

from __future__ import annotations

import pytest

from editor.app.document import ProposalDocument, _inserted_text
from editor.i18n import _
from editor.core.model import Diagram, Objective, Proposal, Risk


@pytest.fixture
def doc(qapp):
    return ProposalDocument(Proposal.new("fr"))


def type_into(doc, section, text, start=""):
    current = start
    for ch in text:
        current += ch
        doc.set_section_text(section, current)


def test_inserted_text():
    assert _inserted_text("abc", "abXc") == "X"
    assert _inserted_text("abc", "ac") == ""
    assert _inserted_text("aaa", "aaaa") == "a"


def test_typing_merges_per_word_and_undoes_word_by_word(doc):
    type_into(doc, "summary", "Élève très motivé")
    assert doc.proposal.sections["summary"] == "Élève très motivé"
    assert doc.undo_stack.count() == 3
    doc.undo_stack.undo()
    assert doc.proposal.sections["summary"] == "Élève très "
    doc.undo_stack.undo()
    doc.undo_stack.undo()
    assert doc.proposal.sections["summary"] == ""
    doc.undo_stack.redo()
    assert doc.proposal.sections["summary"] == "Élève "


def test_sections_do_not_merge_across_sections(doc):
    type_into(doc, "summary", "ab")
    type_into(doc, "context", "cd")
    assert doc.undo_stack.count() == 2


def test_pause_starts_new_step(doc, monkeypatch):
    import editor.app.document as module

    type_into(doc, "summary", "ab")
    monkeypatch.setattr(module, "MERGE_PAUSE_S", -1.0)
    type_into(doc, "summary", "c", start="ab")
    assert doc.undo_stack.count() == 2


def test_dirty_follows_clean_state(doc, qtbot):
    seen = []
    doc.dirtyChanged.connect(seen.append)
    type_into(doc, "summary", "x")
    assert doc.is_dirty() and seen == [True]
    doc.set_clean()
    assert not doc.is_dirty()
    doc.undo_stack.undo()
    assert doc.is_dirty()
    doc.undo_stack.redo()
    assert not doc.is_dirty()


def test_parts_are_copied_and_undoable(doc):
    objectives = [Objective(text="Réduire de 21 à 1 jour")]
    changed = []
    doc.changed.connect(changed.append)
    doc.set_objectives(objectives)
    objectives[0].text = "mutated by the caller"
    assert doc.proposal.objectives[0].text == "Réduire de 21 à 1 jour"
    doc.undo_stack.undo()
    assert doc.proposal.objectives == []
    assert changed == ["objectives", "objectives"]


def test_invalid_part_is_refused_and_nothing_changes(doc):
    doc.set_risks([Risk(id="R1")])
    with pytest.raises(ValueError):
        doc.set_part("risks", [Risk(id="R1"), Risk(id="R1")])
    assert [r.id for r in doc.proposal.risks] == ["R1"]
    assert doc.undo_stack.count() == 1


def test_title_typing_merges_and_language_signal(doc):
    langs = []
    doc.languageChanged.connect(langs.append)
    for text in ("M", "ML", "MLOps"):
        doc.set_title(text)
    assert doc.undo_stack.count() == 1
    doc.set_language("en")
    assert langs == ["en"] and doc.language == "en"
    doc.undo_stack.undo()
    assert langs == ["en", "fr"]
    with pytest.raises(ValueError):
        doc.set_language("de")


def test_replace_proposal_clears_history(doc):
    doc.set_diagram(Diagram(path="a.png"))
    seen = []
    doc.changed.connect(seen.append)
    doc.replace_proposal(Proposal.new("en"), "/tmp/x.md")
    assert seen == ["all"] and not doc.is_dirty() and doc.undo_stack.count() == 0
    assert doc.display_name() == "x.md"


def test_undo_step_names_follow_a_language_switch(doc):
    from editor.i18n import N_, set_language

    doc.set_section_text("summary", "Hello ")
    doc.set_title("ChurnOps")
    doc.set_part("resources", [], N_("Edit {what}"), what=lambda: _("Useful resources").lower())
    other = doc.snapshot()
    other.sections["conclusion"] = "The end."
    doc.apply_proposal_undoably(other, N_("Restore backup of {time}"), time="10:00")
    stack = doc.undo_stack
    english = [stack.command(i).text() for i in range(stack.count())]
    assert english[0] == "Typing in 2. Summary" and english[1] == "Edit title"
    assert english[-1] == "Restore backup of 10:00"
    try:
        set_language("fr")
        doc.retranslate_history()
        french = [stack.command(i).text() for i in range(stack.count())]
        assert french[0].endswith("2. Résumé") and french[1] != "Edit title"
        assert french[-1].startswith("Restaurer la sauvegarde") and "10:00" in french[-1]
        assert all(f != e for f, e in zip(french, english))
    finally:
        set_language("en")
        doc.retranslate_history()
    assert [stack.command(i).text() for i in range(stack.count())] == english
