"""Write findings into a copy of a student's DOCX as Word comments (python-docx >= 1.2).

Each comment is anchored where its finding points: on the heading paragraph of its
section, or on the first cell of the table row a ``Location`` names (risk ``R3``:
the risk table's row whose ID cell is ``R3``; KPI likewise; data source N: row N of
the data-source table), or on the N-th item of the objectives list. A feedback
summary is added at the end (styles :data:`FEEDBACK_STYLES`). When the document is
one of ours and unedited, its stored proposal's fingerprint is refreshed, so the copy
opens back in the editor as the student's exact proposal, comments besides.

Runs in a worker process (see :mod:`engine`); reads only the submission itself.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field

from editor.core.formats.docx import FEEDBACK_STYLES, PART_NAMESPACE, PART_VERSION, W_NS, fingerprint

_W = "{%s}" % W_NS
_HEADING_STYLE = re.compile(r"^(?:heading|titre|berschrift|titolo|t[ií]tulo|kop)\s*[1-3]$", re.IGNORECASE)
_NUMBERED = re.compile(r"^\s*\d{1,2}\s*[.)]\s+\S")
MAX_DOCX_BYTES = 100 * 1024 * 1024


@dataclass
class Comment:
    section: str
    kind: str  # Location kind, "" for the section itself
    item: str
    text: str
    section_title: str
    index: int = 0  # a risk's or KPI's 1-based place in its table, for a table without an ID column


@dataclass
class FeedbackContent:
    """What goes into one copy, already in the document's language."""

    author: str
    initials: str
    comments: list[Comment] = field(default_factory=list)
    heading: str = ""
    paragraphs: list[str] = field(default_factory=list)
    table: list[list[str]] = field(default_factory=list)  # header first
    findings_title: str = ""
    findings: list[str] = field(default_factory=list)


class _Anchors:
    """Where each section's heading, objective items and tables are in a document body."""

    def __init__(self, document):
        from docx.table import Table
        from docx.text.paragraph import Paragraph

        from editor.core.formats.mdlines import match_section_heading

        self.headings: dict[str, object] = {}
        self.items: dict[str, list] = {}
        self.tables: dict[str, list] = {}
        self.all_tables: list = []
        self.first = None
        current = None
        # Style names by id, read once: python-docx looks each one up through the whole styles part.
        names = {el.get(f"{_W}styleId"): (el.find(f"{_W}name").get(f"{_W}val") if el.find(f"{_W}name") is not None
                                           else "") for el in document.styles.element.iterchildren(f"{_W}style")}
        for child in document.element.body.iterchildren():
            if child.tag == f"{_W}tbl":
                table = Table(child, document._body)
                self.all_tables.append(table)
                if current:
                    self.tables.setdefault(current, []).append(table)
                continue
            if child.tag != f"{_W}p":
                continue
            para = Paragraph(child, document._body)
            text = para.text.strip()
            style = names.get(child.style, "") or ""
            if not text or style.lower().startswith("toc"):
                continue
            if self.first is None:
                self.first = para
            sid = match_section_heading(text) if len(text) < 150 else None
            if sid and _looks_like_heading(para, style, text):
                self.headings.setdefault(sid, para)
                current = sid
            elif current and _is_list_item(para, style):
                self.items.setdefault(current, []).append(para)

    def paragraph_for(self, c: Comment):
        """(paragraph, exact): the anchor for ``c``; exact is False for the document's start."""
        para = None
        if c.kind == "objective" and c.item.isdigit():
            items = self.items.get(c.section, [])
            n = int(c.item)
            para = items[n - 1] if 0 < n <= len(items) else None
        elif c.kind in ("risk", "kpi") and c.item:
            para = self._row_with_id(c.section, c.item)
            if para is None and c.index:  # a table written by hand, without IDs: the row in the same place
                para = self._nth_row(c.section, "risks" if c.kind == "risk" else "kpis", c.index)
        elif c.kind == "data_source" and c.item.isdigit():
            para = self._nth_row(c.section, "data-sources", int(c.item))
        if para is None:
            para = self.headings.get(c.section)
        if para is not None:
            return para, True
        return self.first, False

    def _tables(self, section: str) -> list:
        return self.tables.get(section, []) + [t for t in self.all_tables if t not in self.tables.get(section, [])]

    def _row_with_id(self, section: str, item: str):
        for table in self._tables(section):
            for row in table.rows[1:]:
                cells = row.cells
                if cells and cells[0].text.strip() == item:
                    return cells[0].paragraphs[0]
        return None

    def _nth_row(self, section: str, kind: str, n: int):
        from editor.core.formats.mdfields import table_kind

        for table in self._tables(section):
            rows = table.rows
            if not rows or table_kind([c.text.strip() for c in rows[0].cells]) != kind:
                continue
            return rows[n].cells[0].paragraphs[0] if 0 < n < len(rows) else None
        return None


def _looks_like_heading(para, style: str, text: str) -> bool:
    if _HEADING_STYLE.match(style) or style.lower() == "title" or _NUMBERED.match(text):
        return True
    ppr = para._p.pPr
    if ppr is not None and ppr.find(f"{_W}outlineLvl") is not None:
        return True
    runs = [r for r in para.runs if r.text.strip()]
    return bool(runs) and all(r.bold for r in runs)


def _is_list_item(para, style: str) -> bool:
    ppr = para._p.pPr
    if ppr is not None and ppr.numPr is not None:
        return True
    return "list" in style.lower() or "liste" in style.lower()


def _runs(para):
    runs = [r for r in para.runs if r.text]
    if runs:
        return runs
    for link in getattr(para, "hyperlinks", []):
        if link.runs:
            return [para.add_run("")]  # text only inside a link: a point comment after it
    return [para.add_run("")]


def feedback_docx_bytes(data: bytes, content: FeedbackContent) -> tuple[bytes, int]:
    """The commented copy of the DOCX ``data`` and the number of comments written."""
    import docx

    document = docx.Document(io.BytesIO(data))
    unedited = _stored_fingerprint_matches(document)
    anchors = _Anchors(document)
    written = 0
    for c in content.comments:
        para, exact = anchors.paragraph_for(c)
        if para is None:
            continue
        text = c.text if exact else f"{c.section_title} — {c.text}"
        document.add_comment(_runs(para), text=text, author=content.author, initials=content.initials)
        written += 1
    _summary(document, content)
    if unedited:
        _refresh_fingerprint(document)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue(), written


def _paragraph_style(document, name: str, base: str | None, bold: bool = False, size: float | None = None):
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import Pt

    styles = document.styles
    try:
        return styles[name]
    except KeyError:
        pass
    style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    try:
        style.base_style = styles[base] if base else None
    except KeyError:
        style.font.bold = bold or None
        if size:
            style.font.size = Pt(size)
    return style


def _summary(document, content: FeedbackContent) -> None:
    heading_style = _paragraph_style(document, FEEDBACK_STYLES[0], "Heading 1", bold=True, size=16)
    text_style = _paragraph_style(document, FEEDBACK_STYLES[1], "Normal")
    document.add_page_break()
    _add(document, content.heading, heading_style)
    for text in content.paragraphs:
        _add(document, text, text_style)
    if content.table:
        table = document.add_table(rows=0, cols=len(content.table[0]))
        try:
            table.style = document.styles["Table Grid"]
        except KeyError:
            pass
        for r, values in enumerate(content.table):
            cells = table.add_row().cells
            for cell, value in zip(cells, values):
                cell.text = value
                if r == 0:
                    for run in cell.paragraphs[0].runs:
                        run.bold = True
    if content.findings:
        from docx.shared import Pt

        title = _add(document, "", text_style)
        title.paragraph_format.space_before = Pt(12)
        title.paragraph_format.keep_with_next = True
        title.add_run(content.findings_title).bold = True
        for text in content.findings:
            _add(document, text, text_style)


def _add(document, text: str, style):
    """A paragraph of ``style`` at the end (its id set directly: python-docx's lookup by name is slow)."""
    para = document.add_paragraph(text)
    para._p.style = style.style_id
    return para


def _stored_root(blob: bytes):
    """Our stored proposal's XML root in a custom XML part's bytes, else None."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = etree.fromstring(blob, parser)
    except (etree.XMLSyntaxError, ValueError):
        return None
    return root if root.tag == f"{{{PART_NAMESPACE}}}proposal" else None


def _stored_parts(document):
    """(part, root) for our custom XML part(s) of ``document``."""
    for part in document.part.package.iter_parts():
        if re.fullmatch(r"/customXml/item\d+\.xml", str(part.partname)) and hasattr(part, "_blob"):
            root = _stored_root(part.blob)
            if root is not None:
                yield part, root


def _stored_fingerprint_matches(document) -> bool:
    """True when ``document`` is ours and its visible text unchanged since it was exported."""
    body = fingerprint(document.element.body)
    return any(root.get("version") == PART_VERSION and root.get("fingerprint") == body
               for _part, root in _stored_parts(document))


def _refresh_fingerprint(document) -> None:
    """Our stored part's fingerprint set to the body's visible text as it is now (comments and summary in)."""
    from lxml import etree

    body = fingerprint(document.element.body)
    for part, root in _stored_parts(document):
        root.set("fingerprint", body)
        # python-docx keeps a part it does not model as bytes, with no public setter.
        part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
