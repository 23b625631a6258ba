"""The architecture builder in the window: a student builds the example's diagram from scratch."""

import pytest
from PySide6.QtCore import Qt

from editor.core.architecture.catalogue import load_catalogue
from editor.core.example import _COMPONENTS, _LINKS, example_architecture


def _add(qtbot, builder, stage, search):
    builder.stage_combo.setCurrentIndex(builder.stage_combo.findData(stage))
    builder.search.setText(search)
    assert builder.catalogue_list.count() >= 1, search
    qtbot.mouseClick(builder.add_button, Qt.MouseButton.LeftButton)


def _rename(builder, component_id, label):
    builder._select(component_id)
    item = builder.chosen.currentItem()
    item.setText(0, label)  # what typing in the tree's editor commits


def _link(qtbot, builder, source, target, style, label):
    builder.from_combo.setCurrentIndex(builder.from_combo.findData(source))
    builder.to_combo.setCurrentIndex(builder.to_combo.findData(target))
    builder.style_combo.setCurrentIndex(builder.style_combo.findData(style))
    builder.link_label.setText(label)
    qtbot.mouseClick(builder.link_button, Qt.MouseButton.LeftButton)


SEARCHES = {"open_dataset": "open data", "object_storage": "s3", "training_job": "training pipeline",
            "mlflow": "mlflow", "mlflow_registry": "mlflow", "great_expectations": "great"}


@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_student_builds_the_examples_diagram_from_scratch_and_can_undo_it(make_window, qtbot, language):
    window = make_window(language=language)
    window.show()
    qtbot.waitExposed(window)
    window.document.set_language(language)
    window.show_section("architecture")
    builder = window.page("architecture").ensure_extra()
    for component_id, stage, key, en_label, fr_label in _COMPONENTS:
        name = load_catalogue().tool(key).name.get(language)
        _add(qtbot, builder, stage, SEARCHES.get(key, name))
        label = fr_label if language == "fr" else en_label
        if label:
            _rename(builder, component_id, label)
    for source, target, style, en_label, fr_label in _LINKS[:-1]:
        _link(qtbot, builder, source, target, style, fr_label if language == "fr" else en_label)
    assert builder.feedback_button.isEnabled()
    qtbot.mouseClick(builder.feedback_button, Qt.MouseButton.LeftButton)
    assert window.document.proposal.architecture == example_architecture(language)
    assert builder.status.text() == ""
    qtbot.waitUntil(lambda: builder.view.size_px.height() > 300)  # redrawn once the clicks are handled
    assert builder.view.canvas.isVisible() and not builder.view.empty.isVisible()

    # Every click was one undo step; all of them undone, the diagram is empty; redone, it is back.
    stack = window.document.undo_stack
    while stack.canUndo():
        stack.undo()
    assert window.document.proposal.architecture.is_empty()
    assert builder.chosen.topLevelItemCount() == 0
    qtbot.waitUntil(lambda: not builder.view.canvas.isVisible() and builder.view.empty.isVisible())
    while stack.canRedo():
        stack.redo()
    assert window.document.proposal.architecture == example_architecture(language)


def test_free_entries_mistakes_and_removal(make_window, qtbot):
    window = make_window(language="en")
    window.show()
    qtbot.waitExposed(window)
    window.show_section("architecture")
    builder = window.page("architecture").ensure_extra()
    builder.stage_combo.setCurrentIndex(builder.stage_combo.findData("serving"))
    builder.search.setText("Churn scoring API")
    assert builder.catalogue_list.count() == 0 and builder.free_button.isEnabled()
    qtbot.mouseClick(builder.free_button, Qt.MouseButton.LeftButton)
    builder.search.setText("vault")  # a tool's name typed as a free entry is that tool
    builder.catalogue_list.clear()
    builder.add_free()
    arch = window.document.proposal.architecture
    assert [(c.id, c.stage, c.key, c.label) for c in arch.components] == [
        ("churn_scoring_api", "serving", "", "Churn scoring API"), ("vault", "serving", "vault", "")]
    _link(qtbot, builder, "vault", "vault", "arrow", "")
    assert builder.status.text() == "A link joins two different components."
    _link(qtbot, builder, "churn_scoring_api", "vault", "arrow", "secrets")
    _link(qtbot, builder, "churn_scoring_api", "vault", "arrow", "")
    assert builder.status.text() == "These components are already linked."
    builder._select("vault")
    builder.move_combo.setCurrentIndex(builder.move_combo.findData("governance"))
    builder._move_to_stage(0)
    assert window.document.proposal.architecture.component("vault").stage == "governance"
    builder._select("churn_scoring_api")
    qtbot.mouseClick(builder.remove_button, Qt.MouseButton.LeftButton)
    arch = window.document.proposal.architecture
    assert [c.id for c in arch.components] == ["vault"] and arch.links == []
    assert window.document.undo_stack.undoText() == "Remove Churn scoring API from the diagram"


def test_the_diagram_speaks_the_documents_language_and_the_builder_the_interfaces(make_window, qtbot):
    from editor.app.main import install_ui_language

    window = make_window(example=True, language="en")
    window.show_section("architecture")
    builder = window.page("architecture").ensure_extra()
    qtbot.waitUntil(lambda: b"Object storage (S3)" in builder.view.svg)
    window.document.set_language("fr")
    qtbot.waitUntil(lambda: b"Stockage objet (S3)" in builder.view.svg)
    assert b"r\xc3\xa9entra\xc3\xaenement" in builder.view.svg  # the feedback loop's default label
    assert builder.tabs.tabText(0) == "Components"
    install_ui_language("fr")
    assert builder.tabs.tabText(0) == "Composants"
    assert builder.stage_combo.itemText(0) == "Toutes les étapes"
    assert window.document.undo_stack.undoText() == "Changer la langue du document"


def test_the_review_panel_shows_the_six_pillars(make_window, qtbot):
    window = make_window(language="en")
    qtbot.waitUntil(lambda: window.pillars is not None)
    pillars = window.pillars
    pillars.refresh()
    assert pillars.list.count() == 6 and not any(pillars.covered().values())
    window.document.set_section_text("architecture", "Code in Git; alerts go to the team.")
    qtbot.waitUntil(lambda: pillars.covered()["management"], timeout=3000)
    assert pillars.covered() == {"management": True, "automation": False, "containers": False, "monitoring": True,
                                 "reproducibility": False, "governance": False}
    assert pillars.list.item(0).text() == "Code and model management: Git"
    requested = []
    pillars.sectionRequested.connect(requested.append)
    pillars._on_item(pillars.list.item(5))
    assert requested == ["architecture"]
    window._check_now()
    warned = {f.location.item for f in window.review.findings() if f.rule == "pillar-not-covered"}
    assert warned == {"automation", "containers", "reproducibility", "governance"}


def test_the_mermaid_tab_shows_what_github_gets_and_a_double_click_shows_it_larger(make_window, qtbot):
    from editor.core.formats.markdown import write_markdown

    window = make_window(example=True, language="en")
    window.show_section("architecture")
    builder = window.page("architecture").ensure_extra()
    qtbot.waitUntil(lambda: builder.mermaid.toPlainText().startswith("```mermaid\nflowchart TB"))
    assert builder.mermaid.toPlainText() + "\n" in write_markdown(window.document.proposal)
    builder.view.doubleClicked.emit()
    assert builder._larger.isVisible() and builder._larger.view.svg == builder.view.svg
    builder._larger.close()


def test_a_flowchart_pasted_into_the_text_moves_into_the_builder_in_one_undo_step(make_window, qtbot):
    window = make_window(language="en")
    window.show_section("architecture")
    builder = window.page("architecture").ensure_extra()
    shown = builder._shown
    text = "Our stack:\n\n```mermaid\nflowchart LR\n  A[Git] --> B[GitHub Actions]\n```\n\nMore text."
    window.document.set_section_text("architecture", text)
    assert builder._shown is shown  # typing in the text does not redraw the diagram
    qtbot.waitUntil(lambda: not builder.import_button.isHidden())
    builder.import_button.click()
    p = window.document.proposal
    assert p.sections["architecture"] == "Our stack:\n\nMore text."
    assert [(c.id, c.key) for c in p.architecture.components] == [("A", "git"), ("B", "github_actions")]
    assert window.document.undo_stack.undoText() == "Move the Mermaid diagram into the builder"
    window.document.undo_stack.undo()
    assert p is window.document.proposal and window.document.proposal.sections["architecture"] == text
    assert window.document.proposal.architecture.is_empty()


def test_the_diagram_is_saved_as_an_svg_or_a_png_picture(make_window, tmp_path):
    from PySide6.QtGui import QImage

    window = make_window(example=True, language="fr")
    window.show_section("architecture")
    builder = window.page("architecture").ensure_extra()
    assert builder.save_picture(str(tmp_path / "a.svg")) and builder.save_picture(str(tmp_path / "a.png"))
    assert b"Stockage objet (S3)" in (tmp_path / "a.svg").read_bytes()
    assert QImage(str(tmp_path / "a.png")).width() == 1600
    assert builder.save_picture(str(tmp_path / "b")) and (tmp_path / "b.svg").is_file()
    assert not builder.save_picture(str(tmp_path / "missing" / "c.svg"))
    assert builder.status.text()  # why it failed, in words
