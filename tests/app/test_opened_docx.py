"""A DOCX edited in a word processor, opened in the app: one message names what was not taken,
the comments are in the review panel (a click goes to the row or the words), and saving as
Markdown writes the document's pictures next to the file."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QApplication, QMessageBox

from tests.core.formats import docx_edits


def _box():
    return next(w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible())


def test_open_an_edited_docx_then_save_it_as_markdown(make_window, qtbot, tmp_path):
    entry = docx_edits.edited_export(tmp_path, "en")
    (tmp_path / "architecture.png").unlink()  # opened where the image file is not
    window = make_window(language="fr")
    assert window.files.open_path(entry["path"], ask=False)
    box = _box()
    text = box.informativeText()
    assert text.count("Des modifications faites hors de l'éditeur n'ont pas pu être reprises") == 1
    assert "and a user survey" in text and "Scores above 15 go to the board." in text
    box.close()
    assert sum(f.rule == "import-dropped" for f in window.findings) == 2

    comments = window.review.comments
    assert comments.isVisibleTo(window.review) and comments.heading.text() == "3 commentaires"
    assert "Prof. Martin" in comments.list.item(0).text() and "R2" in comments.list.item(0).text()
    comments._on_item(comments.list.item(0))
    assert window.current_section() == "risks"
    page = window.page("risks")
    table = next(v for v in page.extra.findChildren(QAbstractItemView) if hasattr(v.model(), "row_of"))
    index = table.currentIndex()
    assert table.model().item(index.row()).id == "R2" and table.model().columns[index.column()] == "mitigation"
    comments._on_item(comments.list.item(2))
    assert window.current_section() == "conclusion"
    assert window.page("conclusion").editor.textCursor().selectedText() == entry["conclusion_words"].strip()

    target = tmp_path / "saved" / "proposal.md"
    target.parent.mkdir()
    assert window.files.save_to(target)
    assert (target.parent / "architecture.png").read_bytes() == docx_edits.DIAGRAM
    assert (target.parent / "picture-1.png").read_bytes() == docx_edits.PASTED
    p = window.document.proposal
    assert p.media == {} and p.import_notes == [] and p.diagram.path == (target.parent / "architecture.png").as_posix()
    assert not [f for f in window.findings if f.rule == "import-dropped"]
    assert "## Review comments" in target.read_text(encoding="utf-8")  # in the document's language
