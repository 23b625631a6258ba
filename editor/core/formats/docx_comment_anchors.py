"""Review comments written into a DOCX our writer builds, each on what it is anchored to.

Sections are found by the bookmarks of their headings (``_Toc_mlops_<id>``),
rows by their id cell (risks, KPIs) or position (data sources, resources),
fields by the column whose header names them, words by searching the quote in
the section's paragraphs (runs are split so the range covers those words
exactly). What is no longer there falls back to the section's heading.
The comments part and its extension (resolved, replies) are added to the package.
"""

from __future__ import annotations

import copy
import datetime as dt
import re

from lxml import etree

from editor.core.comments import comment_anchors
from editor.core.formats import mdfields as fields
from editor.core.formats.docx import W_NS
from editor.core.formats.docx_comments import (
    CT_COMMENTS,
    CT_COMMENTS_EXTENDED,
    RT_COMMENTS,
    RT_COMMENTS_EXTENDED,
    W14,
    W15,
)
from editor.core.model import SECTION_IDS

_W = "{%s}" % W_NS
_BOOKMARK = re.compile(r"^_Toc_mlops_([a-z]+)$")
_TABLE_KINDS = {"risk": "risks", "kpi": "kpis", "data_source": "data-sources", "resource": "resources"}


def _text_runs(p) -> list[tuple[object, str]]:
    """The runs of ``p`` holding text (also inside hyperlinks), with their text."""
    out = []
    for r in p.iter(_W + "r"):
        if any(a.tag == _W + "fldSimple" for a in r.iterancestors()):
            continue
        text = "".join(t.text or "" for t in r.iterchildren(_W + "t"))
        if text:
            out.append((r, text))
    return out


def _para_text(p) -> str:
    return "".join(text for _r, text in _text_runs(p))


def _style(p) -> str:
    style = p.find(f"{_W}pPr/{_W}pStyle")
    return style.get(_W + "val") if style is not None else ""


class _Layout:
    """The built body cut into the title page and the ten sections."""

    def __init__(self, body) -> None:
        self.sections: dict[str, list] = {}
        self.headings: dict[str, object] = {}
        self.title_page: list = []
        current: list = self.title_page
        for child in body.iterchildren(_W + "p", _W + "tbl"):
            sid = None
            for mark in child.iterchildren(_W + "bookmarkStart"):
                m = _BOOKMARK.match(mark.get(_W + "name") or "")
                if m and m.group(1) in SECTION_IDS:
                    sid = m.group(1)
            if sid is not None:
                self.headings[sid] = child
                current = self.sections.setdefault(sid, [])
                continue
            current.append(child)

    def paragraphs(self, sid: str) -> list:
        items = self.sections.get(sid, [])
        if sid == "title":
            items = self.title_page + items
        out = []
        for element in items:
            out += [element] if element.tag == _W + "p" else list(element.iter(_W + "p"))
        return out


def _find_words(paragraphs, quote: str):
    """(paragraph, start, end) of ``quote`` in one of ``paragraphs`` (white space folded), or None."""
    wanted = " ".join(quote.split())
    if not wanted:
        return None
    for p in paragraphs:
        raw = _para_text(p)
        folded, index = [], []
        for i, ch in enumerate(raw):
            if ch.isspace():
                if folded and folded[-1] == " ":
                    continue
                ch = " "
            folded.append(ch)
            index.append(i)
        at = "".join(folded).find(wanted)
        if at >= 0:
            return p, index[at], index[at + len(wanted) - 1] + 1
    return None


def _split(p, offset: int, before: bool):
    """The run that starts (``before``) or ends at ``offset`` of ``p``'s text, splitting one if needed."""
    pos = 0
    for r, text in _text_runs(p):
        end = pos + len(text)
        if before and offset < end or not before and offset <= end:
            cut = offset - pos
            texts = list(r.iterchildren(_W + "t"))
            if 0 < cut < len(text) and len(texts) == 1 and len(r) - (r.find(_W + "rPr") is not None) == 1:
                second = copy.deepcopy(r)
                r.addnext(second)
                first_t, second_t = texts[0], second.find(_W + "t")
                first_t.text, second_t.text = text[:cut], text[cut:]
                for t in (first_t, second_t):
                    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
                return second if before else r
            return r
        pos = end
    return None


def _row_cells(tr) -> list:
    return list(tr.iterchildren(_W + "tc"))


def _cell_text(tc) -> str:
    return "\n".join(_para_text(p) for p in tc.iter(_W + "p"))


def _table_target(layout: _Layout, proposal, anchor):
    kind = _TABLE_KINDS[anchor.kind]
    tables = [el for el in layout.sections.get(anchor.section, []) if el.tag == _W + "tbl"]
    for tbl in tables:
        rows = list(tbl.iterchildren(_W + "tr"))
        if not rows:
            continue
        headers = [_cell_text(tc) for tc in _row_cells(rows[0])]
        if fields.table_kind(headers) != kind:
            continue
        if not anchor.item:
            row = rows[0]
        elif kind in ("risks", "kpis"):
            row = next((tr for tr in rows[1:] if _row_cells(tr) and _cell_text(_row_cells(tr)[0]) == anchor.item), None)
        else:
            n = int(anchor.item) if anchor.item.isdigit() else 0
            row = rows[n] if 1 <= n < len(rows) else None
        if row is None:
            return None
        cells = _row_cells(row)
        column = next((j for j, h in enumerate(headers) if anchor.field and fields.field_for(kind, h) == anchor.field),
                      None)
        chosen = [cells[column]] if column is not None and column < len(cells) else cells
        paras = [p for tc in chosen for p in tc.iter(_W + "p")]
        return (paras[0], None), (paras[-1], None)
    return None


def _objective_target(layout: _Layout, proposal, anchor):
    count = len(proposal.objectives)
    items = []
    for p in reversed(layout.paragraphs("objectives")):
        if p.find(f"{_W}pPr/{_W}numPr") is not None:
            items.insert(0, p)
            if len(items) == count:
                break
    n = int(anchor.item) if anchor.item.isdigit() else 0
    if not 1 <= n <= len(items):
        return None
    p = items[n - 1]
    following = p.getnext()
    if anchor.field == "kpi_ids" and following is not None and following.tag == _W + "p" \
            and _style(following) == "ObjectiveTarget":
        p = following
    return (p, None), (p, None)


def _target(layout: _Layout, proposal, anchor):
    """((start paragraph, run or None), (end paragraph, run or None)) for ``anchor``."""
    sid = anchor.section
    heading = layout.headings.get(sid)
    found = None
    if anchor.kind == "resource" and anchor.field == "poc_url":
        p = next((p for p in layout.paragraphs(sid) if proposal.poc_url and proposal.poc_url in _para_text(p)), None)
        found = ((p, None), (p, None)) if p is not None else None
    elif anchor.kind in _TABLE_KINDS:
        found = _table_target(layout, proposal, anchor)
    elif anchor.kind == "objective":
        found = _objective_target(layout, proposal, anchor)
    elif anchor.kind == "diagram":
        p = next((p for p in layout.paragraphs(sid) if p.find(f".//{_W}drawing") is not None), None)
        found = ((p, None), (p, None)) if p is not None else None
    words = None
    if anchor.quote and (found is None or anchor.kind in ("text", "objective")):
        scope = [found[0][0]] if found is not None else layout.paragraphs(sid or "title")
        words = _find_words(scope, anchor.quote)
    if words is not None:
        p, start, end = words
        first, last = _split(p, start, True), None
        last = _split(p, end, False)
        if first is not None and last is not None:
            return (p, first), (p, last)
    if found is not None:
        return found
    if heading is None:
        title = next((p for p in layout.title_page if p.tag == _W + "p" and _para_text(p)), None)
        return ((title, None), (title, None)) if title is not None else None
    return (heading, None), (heading, None)


def _mark(target, word_id: str) -> None:
    (start_p, start_run), (end_p, end_run) = target
    start = etree.Element(_W + "commentRangeStart")
    start.set(_W + "id", word_id)
    end = etree.Element(_W + "commentRangeEnd")
    end.set(_W + "id", word_id)
    ref = etree.Element(_W + "r")
    etree.SubElement(ref, _W + "commentReference").set(_W + "id", word_id)
    if start_run is not None:
        start_run.addprevious(start)
    else:
        ppr = start_p.find(_W + "pPr")
        start_p.insert(1 if ppr is not None else 0, start)
    if end_run is not None:
        end_run.addnext(end)
        end.addnext(ref)
    else:
        end_p.append(end)
        end_p.append(ref)


def _stamp(value: dt.datetime | None) -> str | None:
    if value is None:
        return None
    if value.tzinfo is not None:
        value = value.astimezone(dt.timezone.utc).replace(tzinfo=None)
    return value.replace(microsecond=0).isoformat() + "Z"


def write_comments(builder) -> None:
    """Anchor every comment in ``builder``'s body and add the comments parts to its package."""
    proposal = builder.p
    layout = _Layout(builder.body)
    comments = etree.Element(_W + "comments", nsmap={"w": W_NS, "w14": W14})
    extended = etree.Element(f"{{{W15}}}commentsEx", nsmap={"w15": W15})
    para_ids: dict[str, str] = {}
    for index, (comment, anchor) in enumerate(comment_anchors(proposal)):
        word_id = str(index)
        target = _target(layout, proposal, anchor)
        if target is not None:
            _mark(target, word_id)
        element = etree.SubElement(comments, _W + "comment")
        element.set(_W + "id", word_id)
        element.set(_W + "author", builder.clean(comment.author, "comments"))
        if comment.initials:
            element.set(_W + "initials", builder.clean(comment.initials, "comments"))
        if _stamp(comment.date):
            element.set(_W + "date", _stamp(comment.date))
        lines = builder.clean(comment.text, "comments").split("\n") or [""]
        for line_no, line in enumerate(lines):
            p = etree.SubElement(element, _W + "p")
            para_id = f"{0x10000000 + index * 64 + min(line_no, 63):08X}"
            p.set(f"{{{W14}}}paraId", para_id)
            p.set(f"{{{W14}}}textId", "77777777")
            if line_no == 0:
                etree.SubElement(etree.SubElement(p, _W + "r"), _W + "annotationRef")
            run = etree.SubElement(p, _W + "r")
            t = etree.SubElement(run, _W + "t")
            t.text = line
            t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        para_ids[comment.id] = para_id
        ex = etree.SubElement(extended, f"{{{W15}}}commentEx")
        ex.set(f"{{{W15}}}paraId", para_id)
        if comment.reply_to in para_ids:
            ex.set(f"{{{W15}}}paraIdParent", para_ids[comment.reply_to])
        ex.set(f"{{{W15}}}done", "1" if comment.resolved else "0")
    package, document = builder.package, builder.document_part
    part = package.add_part("/word/comments.xml", CT_COMMENTS, element=comments)
    document.relate_to(part, RT_COMMENTS)
    part = package.add_part("/word/commentsExtended.xml", CT_COMMENTS_EXTENDED, element=extended)
    document.relate_to(part, RT_COMMENTS_EXTENDED)
