"""Word comments read from a DOCX into the proposal's review comments.

Reading takes ``word/comments.xml`` (author, initials, date, text) and
``word/commentsExtended.xml`` (resolved, replies: Word 2013+ and LibreOffice);
where each comment is anchored is found by the body walk
(:mod:`docx_convert`) in the proposal's terms. The export writes them back
through the export blocks (:mod:`editor.core.export.comments`).
"""

from __future__ import annotations

import datetime as dt

from editor.core.formats.docx import RT_COMMENTS, RT_COMMENTS_EXTENDED, W_NS
from editor.core.formats.docx import W14_NS as W14
from editor.core.formats.docx import W15_NS as W15
from editor.core.model import Comment, CommentAnchor

_W = "{%s}" % W_NS


def _part_xml(document, reltype: str):
    from lxml import etree

    for rel in document.part.rels.values():
        if rel.reltype == reltype and not rel.is_external:
            part = rel.target_part
            element = getattr(part, "element", None)
            if element is not None:
                return element
            try:
                return etree.fromstring(part.blob, etree.XMLParser(resolve_entities=False, no_network=True))
            except (etree.XMLSyntaxError, ValueError):
                return None
    return None


def _date(value: str | None) -> dt.datetime | None:
    if not value:
        return None
    try:
        return dt.datetime.fromisoformat(value.strip())
    except ValueError:
        return None


def _same(a: Comment, b: Comment, dated: bool) -> bool:
    return a.author == b.author and a.text.strip() == b.text.strip() and (not dated or a.date == b.date)


def _with_stored(read: list[Comment], stored: list[Comment]) -> list[Comment]:
    """The comments read, with the ids, order and threads of those the export stored.

    Word and LibreOffice renumber comments, LibreOffice reorders them by position and
    may drop a reply's link: a comment that was exported is found again by its author,
    text and date; the comments added since follow, numbered after the others.
    """
    matched: dict[int, Comment] = {}
    left = list(range(len(read)))
    for dated in (True, False):
        for old in stored:
            if old in matched.values():
                continue
            i = next((i for i in left if _same(read[i], old, dated)), None)
            if i is not None:
                left.remove(i)
                matched[i] = old
    rename = {read[i].id: old.id for i, old in matched.items()}
    used = set(rename.values())
    n = 1
    for i in left:
        while f"C{n}" in used:
            n += 1
        used.add(f"C{n}")
        rename[read[i].id] = f"C{n}"
    order = {old.id: k for k, old in enumerate(stored)}
    out = []
    for i, comment in enumerate(read):
        old = matched.get(i)
        reply = rename.get(comment.reply_to, "") if comment.reply_to else (old.reply_to if old else "")
        out.append(comment.model_copy(update={"id": rename[comment.id], "reply_to": reply}))
    out.sort(key=lambda c: order.get(c.id, len(order) + read.index(next(r for r in read if rename[r.id] == c.id))))
    kept = {c.id for c in out}
    return [c if not c.reply_to or c.reply_to in kept else c.model_copy(update={"reply_to": ""}) for c in out]


def read_comments(document, anchors: dict[str, dict], stored: list[Comment] | None = None) -> list[Comment]:
    """The document's comments (``anchors``: Word id -> anchor fields), ids ``C1``, ``C2``...
    in document order, or those of the ``stored`` comments of our export they match."""
    root = _part_xml(document, RT_COMMENTS)
    if root is None:
        return []
    extended = _part_xml(document, RT_COMMENTS_EXTENDED)
    done: dict[str, bool] = {}
    parents: dict[str, str] = {}
    if extended is not None:
        for ex in extended.iter(f"{{{W15}}}commentEx"):
            para = ex.get(f"{{{W15}}}paraId")
            done[para] = ex.get(f"{{{W15}}}done") in ("1", "true")
            if ex.get(f"{{{W15}}}paraIdParent"):
                parents[para] = ex.get(f"{{{W15}}}paraIdParent")
    out: list[Comment] = []
    by_para: dict[str, str] = {}
    word_ids: dict[str, str] = {}
    pending_parent: list[tuple[int, str]] = []
    for element in root.iterchildren(_W + "comment"):
        cid = f"C{len(out) + 1}"
        word_id = element.get(_W + "id") or ""
        lines = []
        last_para = ""
        for p in element.iter(_W + "p"):
            lines.append("".join(t.text or "" for t in p.iter(_W + "t")))
            last_para = p.get(f"{{{W14}}}paraId") or last_para
        fields = anchors.get(word_id, {})
        try:
            anchor = CommentAnchor(**fields)
        except ValueError:
            anchor = CommentAnchor(quote=fields.get("quote", ""))
        comment = Comment(id=cid, author=element.get(_W + "author") or "", initials=element.get(_W + "initials") or "",
                          date=_date(element.get(_W + "date")), text="\n".join(lines).strip("\n"),
                          resolved=done.get(last_para, False), anchor=anchor)
        if last_para:
            by_para[last_para] = cid
            if last_para in parents:
                pending_parent.append((len(out), parents[last_para]))
        word_ids[word_id] = cid
        out.append(comment)
    for index, parent_para in pending_parent:
        parent = by_para.get(parent_para)
        if parent and parent != out[index].id:
            out[index] = out[index].model_copy(update={"reply_to": parent})
    return _with_stored(out, stored) if stored else out


__all__ = ["read_comments"]
