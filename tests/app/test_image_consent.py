"""Images from outside the proposal's folder: one question before an export uses them, the answer
kept for the document, what was left out said; never asked for a proposal that came from a DOCX."""

from __future__ import annotations

import io
import os
import zipfile

import pytest
from PySide6.QtWidgets import QMessageBox

from editor.core.formats.markdown import write_markdown
from editor.core.model import Diagram, Proposal
from tests.hostile.files import png


@pytest.fixture
def received(tmp_path):
    """A proposal received from someone else, pointing at two pictures of the reader's disk."""
    inbox, private, out = tmp_path / "inbox", tmp_path / "private", tmp_path / "out"
    for folder in (inbox, private, out):
        folder.mkdir()
    (private / "photo.png").write_bytes(png(b"private photo"))
    (private / "scan.png").write_bytes(png(b"private scan"))
    (inbox / "mine.png").write_bytes(png(b"the proposal's own"))
    proposal = Proposal.new("en")
    proposal.sections["summary"] = f"Look ![scan]({private / 'scan.png'}) and ![own](mine.png)."
    proposal.diagram = Diagram(path="../private/photo.png", caption="Pipeline")
    (inbox / "p.md").write_text(write_markdown(proposal), encoding="utf-8")
    return inbox / "p.md", private, out


@pytest.fixture
def answers(monkeypatch):
    """Answers the outside-images question with the next label given; records what it named."""
    asked, replies, remarks = [], [], []

    def fake_exec(box):
        if box.windowTitle() != "Images from outside the proposal's folder":
            return 0
        asked.append(box.text() + "\n" + box.informativeText())
        label = replies.pop(0)
        next(b for b in box.buttons() if b.text() == label).click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    monkeypatch.setattr(QMessageBox, "information", lambda *args: remarks.append(args[2]))
    return asked, replies, remarks


def media(path) -> list[bytes]:
    with zipfile.ZipFile(io.BytesIO(path.read_bytes())) as docx:
        return [docx.read(n) for n in docx.namelist() if n.startswith("word/media/")]


def test_leave_them_out_is_asked_once_and_said(make_window, received, answers):
    source, private, out = received
    asked, replies, remarks = answers
    window = make_window(file=source, language="en")
    replies.append("Leave them out")
    assert window.files.save_to(out / "p.docx")
    assert len(asked) == 1 and str(private / "photo.png") in asked[0] and str(private / "scan.png") in asked[0]
    assert "2 images from outside its folder" in asked[0]
    pictures = media(out / "p.docx")
    assert pictures and all(b"private" not in p for p in pictures)  # the proposal's own picture only
    assert any(b"the proposal's own" in p for p in pictures)
    assert "images left out: 2" in window.statusBar().currentMessage()
    assert "photo.png" in remarks[0] and "scan.png" in remarks[0] and "outside the proposal's folder" in remarks[0]
    # The answer holds for this document: the next export does not ask again.
    assert window.files.save_to(out / "again.docx")
    assert len(asked) == 1 and all(b"private" not in p for p in media(out / "again.docx"))


def test_use_them_embeds_them(make_window, received, answers):
    source, _private, out = received
    asked, replies, remarks = answers
    window = make_window(file=source, language="en")
    replies.append("Use them")
    assert window.files.save_to(out / "p.docx")
    pictures = b"".join(media(out / "p.docx"))
    assert b"private photo" in pictures and b"private scan" in pictures
    assert len(asked) == 1 and remarks == []


def test_markdown_saved_elsewhere_asks_about_the_diagram_only(make_window, received, answers):
    source, private, out = received
    asked, replies, _remarks = answers
    window = make_window(file=source, language="en")
    replies.append("Leave them out")
    assert window.files.save_to(out / "p.md")
    assert len(asked) == 1 and str(private / "photo.png") in asked[0] and "scan.png" not in asked[0]
    assert not (out / "photo.png").exists()
    assert window.files.save_to(source.with_name("same-folder.md"))  # saved where it lives: nothing read
    assert len(asked) == 1


def test_pdf_export_asks_too_and_leaves_them_out(make_window, received, answers, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    source, _private, out = received
    asked, replies, remarks = answers
    window = make_window(file=source, language="en")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out / "p.pdf"), ""))
    replies.append("Leave them out")
    window.files.export_pdf()
    assert len(asked) == 1 and (out / "p.pdf").read_bytes().count(b"/Subtype /Image") == 1  # its own picture
    assert "images left out: 2" in window.statusBar().currentMessage() and "photo.png" in remarks[0]


def test_a_proposal_from_a_docx_is_never_asked_and_keeps_to_its_folder(make_window, received, answers, tmp_path):
    from editor.core.formats.docx import write_docx

    _source, private, out = received
    asked, _replies, remarks = answers
    proposal = Proposal.new("en")
    proposal.diagram = Diagram(path=str(private / "photo.png"), caption="Pipeline")
    proposal.sections["summary"] = f"![scan]({private / 'scan.png'})"
    (tmp_path / "docs").mkdir()
    write_docx(proposal, tmp_path / "docs" / "received.docx")
    window = make_window(file=tmp_path / "docs" / "received.docx", language="en")
    assert window.files.save_to(out / "feedback.docx")
    assert asked == [] and media(out / "feedback.docx") == []
    assert "Word document" in remarks[0] and "photo.png" in remarks[0]


def test_a_diagram_attached_in_this_session_is_the_users(make_window, received, answers, tmp_path):
    _source, private, out = received
    asked, _replies, remarks = answers
    window = make_window(file=None, language="en")
    window.files.save_to(tmp_path / "inbox" / "new.md")
    window.show_section("architecture")
    assert window.page("architecture").ensure_extra().image.attach(private / "photo.png")
    assert window.files.save_to(out / "p.docx")
    assert asked == [] and remarks == [] and b"private photo" in b"".join(media(out / "p.docx"))


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_pipe_as_diagram_or_picture_never_blocks_the_window(make_window, tmp_path, qtbot):
    os.mkfifo(tmp_path / "pipe.png")
    proposal = Proposal.new("en")
    proposal.diagram = Diagram(path="pipe.png")
    proposal.sections["summary"] = "![pipe](pipe.png) ![zero](/dev/zero)"
    (tmp_path / "p.md").write_text(write_markdown(proposal), encoding="utf-8")
    window = make_window(file=tmp_path / "p.md", language="en")
    window.show_section("architecture")
    panel = window.page("architecture").ensure_extra()
    assert "cannot be read" in panel.image.thumbnail.text()
    window.preview.browser.setHtml(window.preview.html())  # the preview asks for both pictures
    qtbot.wait(10)
