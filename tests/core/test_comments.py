"""Review comments: anchored in the proposal's terms, kept in the Markdown file as a table
GitHub shows, written back into a DOCX on what they are about."""

from __future__ import annotations

import datetime as dt

import cmarkgfm
import docx

from editor.core.comments import anchor_label, comment_anchors
from editor.core.formats.docx import read_docx, write_docx
from editor.core.formats.markdown import read_markdown, write_markdown
from editor.core.model import Comment, CommentAnchor, Proposal
from tests.core.formats.test_docx_sample import sample_proposal

A = CommentAnchor
STAMP = dt.datetime(2027, 1, 10, 9, 30, tzinfo=dt.timezone.utc)


def test_anchors_follow_the_proposal_as_it_is_now():
    p = sample_proposal("en")
    p.comments = [
        Comment(id="C1", text="gone", anchor=A(section="risks", kind="risk", item="R9", field="mitigation", quote="x")),
        Comment(id="C2", text="still there", anchor=A(section="risks", kind="risk", item="R2", field="owner")),
        Comment(id="C3", text="an answer", reply_to="C2", anchor=A(section="summary", kind="text", quote="y")),
        Comment(id="C4", text="objective 9", anchor=A(section="objectives", kind="objective", item="9")),
    ]
    anchors = [anchor for _c, anchor in comment_anchors(p)]
    assert anchors == [A(section="risks", quote="x"), A(section="risks", kind="risk", item="R2", field="owner"),
                       A(section="risks", kind="risk", item="R2", field="owner"), A(section="objectives")]
    assert anchor_label(anchors[1], "en") == "7. Risk Assessment and Mitigation Strategies › R2 › Owner"
    assert anchor_label(A(section="objectives", kind="objective", item="2", field="kpi_ids"), "fr") == \
        "4. Objectifs du projet MLOps › objectif 2 › KPI"
    assert anchor_label(A(), "fr") == "Document entier"


def test_markdown_keeps_comments_in_a_table_github_shows():
    p = Proposal.new("fr")
    p.sections["conclusion"] = "Fin."
    p.comments = [Comment(id="C1", author="Prof. Martin", initials="PM", date=STAMP, text="Trop vague | seuil ?\nDites-le.",
                          anchor=A(section="risks", kind="risk", item="R3", field="mitigation", quote="Surveillance")),
                  Comment(id="C2", author="Chloé", text="D'accord.", reply_to="C1", resolved=True,
                          anchor=A(section="risks", kind="risk", item="R3", field="mitigation"))]
    text = write_markdown(p)
    assert "## Commentaires de relecture\n\n| ID | Auteur | Initiales | Date | Section | Sur |" in text
    html = cmarkgfm.github_flavored_markdown_to_html(text)
    assert "<h2>Commentaires de relecture</h2>" in html and "<td>Trop vague | seuil ?" in html
    assert "<td>risk R3 mitigation</td>" in html and "<td>✓</td>" in html
    assert read_markdown(text).proposal.comments == p.comments
    assert write_markdown(read_markdown(text).proposal) == text


def test_a_comment_table_written_by_hand_is_read():
    text = ("## 10. Conclusion\n\nFin.\n\n<!-- proposal:comments -->\n\n"
            "| Comment | Author | Resolved | Date | Section |\n|---|---|---|---|---|\n"
            "| Citez une source. | Ada | oui | 2027-13-40 | 2 |\n| Bien. | Bob |  |  | 99 |\n")
    result = read_markdown(text)
    c1, c2 = result.proposal.comments
    assert (c1.id, c1.text, c1.author, c1.resolved, c1.date, c1.anchor.section) == (
        "C1", "Citez une source.", "Ada", True, None, "summary")
    assert (c2.id, c2.anchor.section) == ("C2", "")
    assert any("is not a date" in w for w in result.warnings)


def test_our_docx_carries_the_comments_on_their_anchors(tmp_path):
    p = sample_proposal("en")
    p.comments = [
        Comment(id="C1", author="PM", date=STAMP, text="heading", anchor=A(section="kpis")),
        Comment(id="C2", author="PM", date=STAMP, text="words", anchor=A(section="summary", kind="text",
                                                                          quote="reproducible, tested")),
        Comment(id="C3", author="PM", date=STAMP, text="row", anchor=A(section="risks", kind="risk", item="R4")),
        Comment(id="C4", author="PM", date=STAMP, text="cell", anchor=A(section="kpis", kind="kpi", item="K2",
                                                                         field="unit")),
        Comment(id="C5", author="PM", date=STAMP, text="resource", anchor=A(section="resources", kind="resource",
                                                                             item="2", field="url")),
        Comment(id="C6", author="PM", date=STAMP, text="poc", anchor=A(section="resources", kind="resource",
                                                                        field="poc_url")),
        Comment(id="C7", author="PM", date=STAMP, text="measured", anchor=A(section="objectives", kind="objective",
                                                                             item="3", field="kpi_ids")),
        Comment(id="C8", author="PM", date=STAMP, text="title page", anchor=A(section="title", quote="Zoë O'Brien")),
        Comment(id="C9", author="PM", date=STAMP, text="deleted row", anchor=A(section="risks", kind="risk", item="R9")),
    ]
    p.diagram.path = ""
    path = tmp_path / "c.docx"
    assert write_docx(p, path) == []
    q = read_docx(path).proposal
    assert [c.anchor for c in q.comments[:8]] == [c.anchor for c in p.comments[:8]]
    assert q.comments[8].anchor == A(section="risks")  # the row is gone: the section's heading
    # Word sees each comment where it belongs.
    d = docx.Document(path)
    assert [c.text for c in d.comments] == [c.text for c in p.comments]


def test_comments_on_words_anywhere_in_the_prose_come_back_on_those_words(tmp_path):
    """A list item, a quote, a table typed in the prose, a sub-heading, a link's words: each
    comment's range covers its words exactly (runs cut where they start and end)."""
    p = Proposal.new("en")
    p.sections["context"] = ("### Where we stand\n\nWe deploy by hand, see **the [runbook](https://example.org/run) "
                             "page** first.\n\n- versioned *data sets*\n- manual releases\n\n> Drift goes unseen.\n\n"
                             "| Step | Tool |\n|---|---|\n| train | MLflow tracking |")
    quotes = ["we stand", "the runbook", "runbook page", "data sets", "manual", "goes unseen", "MLflow",
              "hand, see the"]
    p.comments = [Comment(id=f"C{n}", author="PM", date=STAMP, text=f"on {q}",
                          anchor=A(section="context", kind="text", quote=q)) for n, q in enumerate(quotes, 1)]
    path = tmp_path / "words.docx"
    assert write_docx(p, path) == []
    q = read_docx(path).proposal
    assert q.sections == p.sections
    assert [c.anchor for c in q.comments] == [c.anchor for c in p.comments]


def test_threads_and_resolved_comments_in_words_extension(tmp_path):
    """Replies and resolved flags go in word/commentsExtended.xml (Word 2013+, LibreOffice), each
    comment paragraph with the w14:paraId it refers to; the parts are declared and related."""
    import zipfile

    from lxml import etree

    p = sample_proposal("en")
    p.comments = [Comment(id="C1", author="PM", text="Which threshold?\nSay it.",
                          anchor=A(section="risks", kind="risk", item="R2", field="mitigation")),
                  Comment(id="C2", author="CL", text="Done.", reply_to="C1", resolved=True,
                          anchor=A(section="risks", kind="risk", item="R2", field="mitigation"))]
    path = tmp_path / "thread.docx"
    write_docx(p, path)
    z = zipfile.ZipFile(path)
    w14, w15 = "http://schemas.microsoft.com/office/word/2010/wordml", "http://schemas.microsoft.com/office/word/2012/wordml"
    comments = etree.fromstring(z.read("word/comments.xml"))
    para_ids = [[para.get(f"{{{w14}}}paraId") for para in c] for c in comments]
    assert [len(ids) for ids in para_ids] == [2, 1] and len({i for ids in para_ids for i in ids}) == 3
    assert all(int(i, 16) < 0x80000000 for ids in para_ids for i in ids)
    extended = etree.fromstring(z.read("word/commentsExtended.xml"))
    ex = [(e.get(f"{{{w15}}}paraId"), e.get(f"{{{w15}}}paraIdParent"), e.get(f"{{{w15}}}done")) for e in extended]
    assert ex == [(para_ids[0][-1], None, "0"), (para_ids[1][-1], para_ids[0][-1], "1")]
    types = z.read("[Content_Types].xml").decode()
    assert 'PartName="/word/commentsExtended.xml" ContentType="application/vnd.openxmlformats-officedocument.' \
           'wordprocessingml.commentsExtended+xml"' in types
    rels = z.read("word/_rels/document.xml.rels").decode()
    assert 'Type="http://schemas.microsoft.com/office/2011/relationships/commentsExtended" ' \
           'Target="commentsExtended.xml"' in rels
    # Both comments stand on the cell; the reply opens as a reply, the thread's end as resolved.
    q = read_docx(path).proposal
    assert [(c.reply_to, c.resolved, c.anchor) for c in q.comments] == [(c.reply_to, c.resolved, c.anchor)
                                                                        for c in p.comments]
