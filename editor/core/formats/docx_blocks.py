"""Word building blocks for the DOCX writer: fields, lists, tables, pictures,
and the walk from the preview's HTML to Word paragraphs and runs.

Everything is built with lxml on the package of :mod:`docx_package`;
imported only when a document is written (through :mod:`docx_write`).
"""

from __future__ import annotations

import re
import struct

from lxml import etree

from editor.core.formats.docx_package import RT_HYPERLINK, RT_IMAGE, parse
from editor.core.formats.docx_styles import BODY_FONT, HEADER_FILL
from editor.core.formats.docx_xml import (
    P_PR,
    W_DECL,
    XML_SPACE,
    W,
    add_run,
    border,
    cm,
    el,
    first_child,
    get_or_add,
    qn,
    set_alignment,
    set_left_indent,
    set_p_style,
    shade,
    twips,
    xml_escape,
)
from editor.core.formats.html import is_remote_url, is_safe_link, markdown_to_html

_W_NS = W_DECL
# Left and right padding of table cells (twips); table_widths counts it in each column.
CELL_MARGIN_TWIPS = 80
# What XML 1.0 cannot hold. Vertical tab and form feed are line breaks in Word's world.
_LINE_BREAK_CONTROLS = re.compile("[\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
_INVALID_XML = re.compile("[\x00-\x08\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


class TextCleaner:
    """Makes any text XML-safe; remembers where something had to change."""

    def __init__(self) -> None:
        self.places: set[str] = set()

    def __call__(self, text: str, where: str = "", markdown: bool = False) -> str:
        """``text`` without what XML cannot hold; in Markdown a break becomes a hard line break."""
        if not text:
            return text
        cleaned = _INVALID_XML.sub("", _LINE_BREAK_CONTROLS.sub("  \n" if markdown else "\n", text))
        if cleaned != text:
            self.places.add(where or "?")
        return cleaned


# -- fields, bookmarks, breaks ------------------------------------------------

def _field_runs(p, instruction: str, placeholder: str = "", rpr_xml: str = "") -> None:
    xml = (
        f'<w:r {_W_NS}>{rpr_xml}<w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r {_W_NS}>{rpr_xml}<w:instrText xml:space="preserve"> {xml_escape(instruction)} </w:instrText></w:r>'
        f'<w:r {_W_NS}>{rpr_xml}<w:fldChar w:fldCharType="separate"/></w:r>'
        f'<w:r {_W_NS}>{rpr_xml}<w:t xml:space="preserve">{xml_escape(placeholder)}</w:t></w:r>'
        f'<w:r {_W_NS}>{rpr_xml}<w:fldChar w:fldCharType="end"/></w:r>'
    )
    for run in parse(f"<w:wrap {_W_NS}>{xml}</w:wrap>"):
        p.append(run)


def page_number_footer(p, template: str) -> None:
    """``Page {page} of {pages}`` with PAGE and NUMPAGES fields, centred."""
    set_alignment(p, "center")
    for piece in re.split(r"(\{page\}|\{pages\})", template):
        if piece == "{page}":
            _field_runs(p, "PAGE", "1")
        elif piece == "{pages}":
            _field_runs(p, "NUMPAGES", "1")
        elif piece:
            add_run(p, piece)


def bookmark(p, name: str, text: str, number: int) -> None:
    """Put ``text`` in paragraph ``p`` inside a bookmark the table of contents links to."""
    bid = str(100 + number)
    p.append(el("w:bookmarkStart", id=bid, name=name))
    add_run(p, text)
    p.append(el("w:bookmarkEnd", id=bid))


def table_of_contents(builder, entries: list[tuple[str, str]]) -> None:
    """The contents list: one linked entry per section with a PAGEREF page number.

    Not a TOC field: LibreOffice shows a TOC field's cached result without
    refreshing it, while it computes PAGEREF fields at layout; Word refreshes
    them on opening (``w:updateFields``). The ten entries are fixed by the guide.
    """
    for i, (sid, title) in enumerate(entries):
        p = builder.add_paragraph("toc 1")
        link = parse(f'<w:hyperlink {_W_NS} w:anchor="_Toc_mlops_{sid}" w:history="1"/>')
        link.append(parse(f'<w:r {_W_NS}><w:t xml:space="preserve">{xml_escape(title)}</w:t></w:r>'))
        link.append(parse(f'<w:r {_W_NS}><w:tab/></w:r>'))
        p.append(link)
        holder = parse(f"<w:p {_W_NS}/>")
        _field_runs(holder, f"PAGEREF _Toc_mlops_{sid} \\h", str(2 + i // 3))
        for run in list(holder):
            link.append(run)


def page_break(p) -> None:
    etree.SubElement(add_run(p), qn("w:br")).set(qn("w:type"), "page")


def caption(builder, label: str, sequence: str, number: int, text: str, language: str) -> None:
    """``Figure 2: text`` / ``Tableau 1 : text`` with a SEQ field for the number."""
    p = builder.add_paragraph("Table Caption" if sequence == "Table" else "Caption")
    add_run(p, f"{label} ")
    _field_runs(p, f"SEQ {sequence} \\* ARABIC", str(number))
    # French typography puts a (non-breaking) space before the colon.
    add_run(p, ("\u00a0: " if language == "fr" else ": ") + text)


# -- tables --------------------------------------------------------------------

def _cell_xml(text: str, width_twips: int, *, header=False, fill=None, align=None, link_rid=None) -> str:
    tcpr = f'<w:tcW w:w="{width_twips}" w:type="dxa"/>'
    if fill:
        tcpr += f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>'
    tcpr += '<w:vAlign w:val="top"/>' if not header else '<w:vAlign w:val="bottom"/>'
    ppr = '<w:pStyle w:val="TableText"/>' + (f'<w:jc w:val="{align}"/>' if align else "")
    rpr = "<w:rPr><w:b/></w:rPr>" if header else ""
    runs = []
    for i, line in enumerate(text.split("\n")):
        if i:
            runs.append(f"<w:r>{rpr}<w:br/></w:r>")
        if line:
            runs.append(f'<w:r>{rpr}<w:t xml:space="preserve">{xml_escape(line)}</w:t></w:r>')
    content = "".join(runs)
    if link_rid and content:
        content = (f'<w:hyperlink r:id="{link_rid}" w:history="1">'
                   + content.replace("<w:r>", '<w:r><w:rPr><w:rStyle w:val="Hyperlink"/></w:rPr>') + "</w:hyperlink>")
    return f"<w:tc><w:tcPr>{tcpr}</w:tcPr><w:p><w:pPr>{ppr}</w:pPr>{content}</w:p></w:tc>"


def data_table(builder, headers, rows, widths_cm, fills, centered, right, link_columns) -> None:
    """A real Word table: built-in "Table Grid" style, repeating shaded header row, fixed widths."""
    twips_ = [int(round(w / 2.54 * 1440)) for w in widths_cm]
    style_id = builder.styles.style_id("Table Grid")
    out = [
        f'<w:tbl {_W_NS} xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">',
        f'<w:tblPr><w:tblStyle w:val="{style_id}"/><w:tblW w:w="{sum(twips_)}" w:type="dxa"/>'
        '<w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="8EAADB"/>'
        '<w:left w:val="single" w:sz="4" w:space="0" w:color="8EAADB"/>'
        '<w:bottom w:val="single" w:sz="4" w:space="0" w:color="8EAADB"/>'
        '<w:right w:val="single" w:sz="4" w:space="0" w:color="8EAADB"/>'
        '<w:insideH w:val="single" w:sz="4" w:space="0" w:color="8EAADB"/>'
        '<w:insideV w:val="single" w:sz="4" w:space="0" w:color="8EAADB"/></w:tblBorders>'
        '<w:tblLayout w:type="fixed"/>'
        f'<w:tblCellMar><w:top w:w="40" w:type="dxa"/><w:left w:w="{CELL_MARGIN_TWIPS}" w:type="dxa"/>'
        f'<w:bottom w:w="40" w:type="dxa"/><w:right w:w="{CELL_MARGIN_TWIPS}" w:type="dxa"/></w:tblCellMar>'
        '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" '
        'w:noHBand="0" w:noVBand="1"/></w:tblPr>',
        "<w:tblGrid>" + "".join(f'<w:gridCol w:w="{t}"/>' for t in twips_) + "</w:tblGrid>",
        '<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>'
        + "".join(_cell_xml(h, twips_[c], header=True, fill=HEADER_FILL) for c, h in enumerate(headers)) + "</w:tr>",
    ]
    for r, row in enumerate(rows):
        cells = []
        for c, text in enumerate(row):
            align = "center" if c in centered else "right" if c in right else None
            rid = None
            if c in link_columns and text and is_safe_link(text) and not text.startswith("#"):
                rid = builder.document_part.relate_external(text, RT_HYPERLINK)
            cells.append(_cell_xml(text, twips_[c], fill=fills.get((r, c)),
                                   align="center" if (r, c) in fills else align, link_rid=rid))
        out.append("<w:tr><w:trPr><w:cantSplit/></w:trPr>" + "".join(cells) + "</w:tr>")
    out.append("</w:tbl>")
    builder.sect_pr.addprevious(parse("".join(out)))


def set_numbering(p, num_id: int, level: int) -> None:
    ppr = first_child(p, "w:pPr")
    numpr = el("w:numPr")
    numpr.append(el("w:ilvl", val=level))
    numpr.append(el("w:numId", val=num_id))
    ppr.insert(1 if ppr.find(qn("w:pStyle")) is not None else 0, numpr)


class Lists:
    """Two multi-level list definitions (bullets, numbers); each list is a new instance so numbering restarts."""

    BULLETS = ("\u2022", "\u25e6", "\u25aa")
    FORMATS = (("decimal", "%{n}."), ("lowerLetter", "%{n}."), ("lowerRoman", "%{n}."))

    def __init__(self, numbering):
        self.numbering = numbering
        ids = [int(a.get(qn("w:abstractNumId"))) for a in numbering.findall(qn("w:abstractNum"))]
        self.bullet_abstract = max(ids + [0]) + 1
        self.ordered_abstract = self.bullet_abstract + 1
        first_num = numbering.find(qn("w:num"))
        for abstract_id, ordered in ((self.bullet_abstract, False), (self.ordered_abstract, True)):
            levels = []
            for lvl in range(9):
                left = 720 + 360 * lvl
                if ordered:
                    fmt, text = self.FORMATS[lvl % 3]
                    text = text.format(n=lvl + 1)
                    rpr = ""
                else:
                    fmt, text = "bullet", self.BULLETS[lvl % 3]
                    rpr = f'<w:rPr><w:rFonts w:ascii="{BODY_FONT}" w:hAnsi="{BODY_FONT}"/></w:rPr>'
                levels.append(
                    f'<w:lvl w:ilvl="{lvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
                    f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
                    f'<w:pPr><w:ind w:left="{left}" w:hanging="360"/></w:pPr>{rpr}</w:lvl>'
                )
            element = parse(f'<w:abstractNum {_W_NS} w:abstractNumId="{abstract_id}">'
                            f'<w:multiLevelType w:val="multilevel"/>{"".join(levels)}</w:abstractNum>')
            if first_num is not None:
                first_num.addprevious(element)
            else:
                numbering.append(element)
        nums = [int(n.get(qn("w:numId"))) for n in numbering.findall(qn("w:num"))]
        self.next_num = max(nums + [0]) + 1

    def new_list(self, ordered: bool, start: int = 1, level: int = 0) -> int:
        num_id = self.next_num
        self.next_num += 1
        abstract = self.ordered_abstract if ordered else self.bullet_abstract
        override = ""
        if ordered:
            override = f'<w:lvlOverride w:ilvl="{level}"><w:startOverride w:val="{start}"/></w:lvlOverride>'
        self.numbering.append(parse(
            f'<w:num {_W_NS} w:numId="{num_id}"><w:abstractNumId w:val="{abstract}"/>{override}</w:num>'))
        return num_id


# -- pictures --------------------------------------------------------------------

_INLINE_XML = (
    '<wp:inline xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<wp:extent cx="{cx}" cy="{cy}"/><wp:docPr id="{id}" name="Picture {id}"/>'
    '<wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr>'
    '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"/></a:graphic>'
    "</wp:inline>"
)
_PIC_XML = (
    '<pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<pic:nvPicPr><pic:cNvPr id="0" name="{name}"/><pic:cNvPicPr/></pic:nvPicPr>'
    '<pic:blipFill><a:blip r:embed="{rid}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>'
    '<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
    '<a:prstGeom prst="rect"/></pic:spPr></pic:pic>'
)


def image_info(data: bytes) -> tuple[int, int, int, int, str, str]:
    """Pixel size, dpi, extension and content type of PNG/GIF data; python-docx's parser for the rest."""
    try:
        if data[:8] == b"\x89PNG\r\n\x1a\n":
            width, height = struct.unpack(">II", data[16:24])
            dpi_x = dpi_y = 72
            pos = 8
            while pos + 8 <= len(data):
                length, kind = struct.unpack(">I4s", data[pos : pos + 8])
                if kind == b"pHYs":
                    ppu_x, ppu_y, unit = struct.unpack(">IIB", data[pos + 8 : pos + 17])
                    if unit == 1:
                        dpi_x = int(round(ppu_x * 0.0254)) if ppu_x else 72
                        dpi_y = int(round(ppu_y * 0.0254)) if ppu_y else 72
                    break
                if kind in (b"IDAT", b"IEND"):
                    break
                pos += 12 + length
            if width and height:
                return width, height, dpi_x, dpi_y, "png", "image/png"
        elif data[:6] in (b"GIF87a", b"GIF89a"):
            width, height = struct.unpack("<HH", data[6:10])
            return width, height, 72, 72, "gif", "image/gif"
    except struct.error:
        pass
    from docx.image.image import Image  # other formats (and odd files): python-docx's own parser

    image = Image.from_blob(data)
    ext = image.filename.rsplit(".", 1)[-1]
    return image.px_width, image.px_height, image.horz_dpi, image.vert_dpi, ext, image.content_type


# -- Markdown (as the preview's HTML) to Word ------------------------------------

_Q_P, _Q_PPR, _Q_PSTYLE, _Q_R, _Q_RPR, _Q_RSTYLE, _Q_B, _Q_I, _Q_T, _Q_VAL, _Q_BR = (
    W + x for x in ("p", "pPr", "pStyle", "r", "rPr", "rStyle", "b", "i", "t", "val", "br"))
_BLOCK_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "blockquote", "pre", "table", "hr", "div"}
_HEADING = re.compile(r"h[1-6]")
_SPACES = re.compile(r"[ \t\n]+")


class BlockWriter:
    """Walks ``markdown_to_html`` output into the document."""

    def __init__(self, builder):
        self.b = builder
        self.lists = Lists(builder.numbering)
        self.where = ""
        self._shape_id = 0

    def markdown(self, text: str, where: str = "") -> None:
        import lxml.html

        html = markdown_to_html(text, heading_offset=1)
        root = lxml.html.fragment_fromstring(html, create_parent="div")
        self.where = where
        self._blocks(root, quote_level=0)

    def inline_html(self, p, html: str) -> None:
        import lxml.html

        root = lxml.html.fragment_fromstring(html or "<p></p>", create_parent="div")
        for child in root:
            if child.tag == "p":
                self._inline(p, child, {})
            else:
                self._inline(p, child, {}, include_tail=False)

    # block level
    def _blocks(self, parent, quote_level: int) -> None:
        for child in parent:
            tag = child.tag if isinstance(child.tag, str) else ""
            if tag == "p":
                self._paragraph(child, quote_level)
            elif _HEADING.fullmatch(tag):
                level = max(2, min(6, int(tag[1])))
                self._inline(self.new_paragraph(f"Heading {level}"), child, {})
            elif tag in ("ul", "ol"):
                self._list(child, 0, quote_level)
            elif tag == "blockquote":
                self._blocks(child, quote_level + 1)
            elif tag == "pre":
                self._code_block(child.text_content())
            elif tag == "table":
                self._md_table(child)
            elif tag == "hr":
                border(first_child(self.new_paragraph(), "w:pPr"), "bottom", "A6A6A6")
            elif tag == "div":
                self._blocks(child, quote_level)

    def _paragraph(self, element, quote_level: int, style: str | None = None):
        if style is None:
            style = "Quote" if quote_level else None
        p = self.new_paragraph(style)
        if quote_level > 1:
            set_left_indent(p, cm(0.75 * quote_level))
        images = element.findall("img")
        if images and not (element.text or "").strip() and all(not (i.tail or "").strip() for i in images) \
                and len(element) == len(images):
            set_alignment(p, "center")
        self._inline(p, element, {})
        return p

    def _list(self, element, level: int, quote_level: int) -> None:
        ordered = element.tag == "ol"
        start = int(element.get("start", "1")) if (element.get("start") or "1").isdigit() else 1
        num_id = self.lists.new_list(ordered, start=start, level=min(level, 8))
        for li in element:
            if li.tag != "li":
                continue
            first = True
            pending = self.new_paragraph("List Paragraph")
            set_numbering(pending, num_id, min(level, 8))
            # Tight items hold inline content directly; loose ones hold <p> blocks.
            if (li.text or "").strip() or any(c.tag not in _BLOCK_TAGS for c in li):
                self._inline_until_block(pending, li)
                first = False
            for child in li:
                if child.tag in ("ul", "ol"):
                    self._list(child, level + 1, quote_level)
                elif child.tag == "p":
                    if first:
                        self._inline(pending, child, {})
                        first = False
                    else:
                        p = self.new_paragraph("List Paragraph")
                        set_left_indent(p, cm((720 + 360 * min(level, 8)) / 567))
                        self._inline(p, child, {})
                elif child.tag == "pre":
                    self._code_block(child.text_content())
                elif child.tag in _BLOCK_TAGS:
                    self._blocks(child, quote_level)

    def _inline_until_block(self, p, li) -> None:
        if li.text:
            self._text(p, li.text, {})
        for child in li:
            if child.tag in _BLOCK_TAGS:
                break
            self._inline_element(p, child, {})
            if child.tail:
                self._text(p, child.tail.lstrip() if child.tag == "br" else child.tail, {})

    def _code_block(self, text: str) -> None:
        p = self.new_paragraph("Source Code")
        lines = text.rstrip("\n").split("\n")
        for i, line in enumerate(lines):
            r = add_run(p, line)
            if i < len(lines) - 1:
                etree.SubElement(r, _Q_BR)

    def _md_table(self, element) -> None:
        rows = [tr for tr in element.iter("tr")]
        if not rows:
            return
        ncols = max(len([c for c in tr if c.tag in ("td", "th")]) for tr in rows)
        # As python-docx's Document.add_table(rows=0, cols=ncols) with the "Table Grid" style.
        grid_w = twips(self.b.block_width_emu // ncols) if ncols else 0
        tbl = parse(
            f'<w:tbl {_W_NS}><w:tblPr><w:tblStyle w:val="{self.b.styles.style_id("Table Grid")}"/>'
            '<w:tblW w:type="auto" w:w="0"/><w:tblLook w:firstColumn="1" w:firstRow="1" w:lastColumn="0" '
            'w:lastRow="0" w:noHBand="0" w:noVBand="1" w:val="04A0"/></w:tblPr>'
            "<w:tblGrid>" + f'<w:gridCol w:w="{grid_w}"/>' * ncols + "</w:tblGrid></w:tbl>"
        )
        self.b.sect_pr.addprevious(tbl)
        width = str(twips(cm(self.b.text_width_cm / max(1, ncols))))
        table_text = self.b.styles.style_id("Table Text")
        for r, tr in enumerate(rows):
            row = etree.SubElement(tbl, qn("w:tr"))
            cells = [c for c in tr if c.tag in ("td", "th")]
            header = bool(cells) and cells[0].tag == "th" and r == 0
            for c in range(ncols):
                tc = etree.SubElement(row, qn("w:tc"))
                tcpr = etree.SubElement(tc, qn("w:tcPr"))
                tcw = etree.SubElement(tcpr, qn("w:tcW"))
                tcw.set(qn("w:type"), "dxa")
                tcw.set(qn("w:w"), width)
                p = etree.SubElement(tc, _Q_P)
                set_p_style(p, table_text)
                if c < len(cells):
                    align = cells[c].get("align")
                    if align in ("center", "right"):
                        set_alignment(p, align)
                    self._inline(p, cells[c], {"bold": True} if cells[c].tag == "th" else {})
                if header:
                    shade(tcpr, HEADER_FILL)
            if r == 0 and cells and cells[0].tag == "th":
                trpr = el("w:trPr")
                row.insert(0, trpr)
                trpr.append(el("w:tblHeader"))
        p = self.new_paragraph()
        get_or_add(first_child(p, "w:pPr"), "w:spacing", P_PR).set(qn("w:after"), "0")

    # inline level
    def _inline(self, p, element, fmt: dict, include_tail: bool = False) -> None:
        if element.text:
            self._text(p, element.text, fmt)
        for child in element:
            self._inline_element(p, child, fmt)
            if child.tail:
                self._text(p, child.tail.lstrip() if child.tag == "br" else child.tail, fmt)

    def _inline_element(self, p, child, fmt: dict) -> None:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag in ("strong", "b"):
            self._inline(p, child, {**fmt, "bold": True})
        elif tag in ("em", "i"):
            self._inline(p, child, {**fmt, "italic": True})
        elif tag == "code":
            self._text(p, child.text_content(), {**fmt, "code": True}, keep_spaces=True)
        elif tag == "a":
            href = child.get("href", "")
            if href and is_safe_link(href):
                self.hyperlink(p, href, child.text_content(), fmt)
            else:
                self._inline(p, child, fmt)
        elif tag == "br":
            etree.SubElement(etree.SubElement(p, _Q_R), _Q_BR)
        elif tag == "img":
            self._image(p, child)
        else:
            self._inline(p, child, fmt)

    def _text(self, p, text: str, fmt: dict, keep_spaces: bool = False) -> None:
        if not keep_spaces:
            text = _SPACES.sub(" ", text)
        if not text:
            return
        r = etree.SubElement(p, _Q_R)
        if fmt:
            code, bold, italic = fmt.get("code"), fmt.get("bold"), fmt.get("italic")
            if bold or italic or code:
                rpr = etree.SubElement(r, _Q_RPR)
                if code:
                    etree.SubElement(rpr, _Q_RSTYLE).set(_Q_VAL, self.b.style_id("Inline Code"))
                if bold:
                    etree.SubElement(rpr, _Q_B)
                if italic:
                    etree.SubElement(rpr, _Q_I)
        t = etree.SubElement(r, _Q_T)
        t.text = text
        if text[0].isspace() or text[-1].isspace():
            t.set(XML_SPACE, "preserve")

    def new_paragraph(self, style: str | None = None):
        """A paragraph appended to the body, in ``style`` (a UI style name)."""
        p = self.b.body.makeelement(_Q_P, {})
        if style:
            etree.SubElement(etree.SubElement(p, _Q_PPR), _Q_PSTYLE).set(_Q_VAL, self.b.style_id(style))
        self.b.sect_pr.addprevious(p)
        return p

    def hyperlink(self, p, url: str, text: str, fmt: dict | None = None) -> None:
        """A real clickable hyperlink (external, or to an anchor for ``#name``)."""
        fmt = fmt or {}
        text = _SPACES.sub(" ", text) or url
        if url.startswith("#"):
            link = parse(f'<w:hyperlink {_W_NS} w:anchor="{xml_escape(url[1:], quote=True)}"/>')
        else:
            rid = self.b.document_part.relate_external(url, RT_HYPERLINK)
            link = parse(f'<w:hyperlink {_W_NS} xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
                         f'relationships" r:id="{rid}" w:history="1"/>')
        props = '<w:rStyle w:val="Hyperlink"/>' + ("<w:b/>" if fmt.get("bold") else "") + (
            "<w:i/>" if fmt.get("italic") else "")
        link.append(parse(f'<w:r {_W_NS}><w:rPr>{props}</w:rPr>'
                          f'<w:t xml:space="preserve">{xml_escape(text)}</w:t></w:r>'))
        p.append(link)

    def _image(self, p, img) -> None:
        src, alt = img.get("src", ""), img.get("alt", "")
        data = None
        if src.startswith("data:image/"):
            import base64

            try:
                data = base64.b64decode(src.split(",", 1)[1], validate=False)
            except (ValueError, IndexError):
                data = None
        elif not is_remote_url(src):
            data = self.b._read_local_image(src)
        if data is None or not self.picture(p, data, alt, self.b.text_width_cm):
            if alt:
                self._text(p, f"[{alt}]", {"italic": True})

    def reserve_picture(self, p, description: str):
        """A picture run in ``p`` whose PNG comes later (:meth:`fill_picture`).

        Its relationship, part name and shape id are taken now, in document
        order, so the file is the one :meth:`picture` would have written.
        """
        r = add_run(p)
        part = self.b.package.reserve_image_part("png", "image/png")
        rid = self.b.document_part.relate_to(part, RT_IMAGE)
        self._shape_id += 1
        inline = parse(_INLINE_XML.format(cx=0, cy=0, id=self._shape_id))
        pic = parse(_PIC_XML.format(name="image.png", rid=rid, cx=0, cy=0))
        inline.find(qn("a:graphic")).find(qn("a:graphicData")).append(pic)
        if description:
            inline.find(qn("wp:docPr")).set("descr", description)
        etree.SubElement(r, qn("w:drawing")).append(inline)
        return part, inline

    def fill_picture(self, slot, data: bytes, width_cm: float) -> bool:
        """Put PNG ``data`` into a reserved picture; False when it is not a usable PNG."""
        part, inline = slot
        try:
            px_w, px_h, dpi_x, dpi_y, ext, _content_type = image_info(data)
        except Exception:  # noqa: BLE001 - the caller falls back to the plain build
            return False
        if ext != "png" or not self.b.package.fill_image_part(part, data):
            return False
        natural_w, natural_h = int(px_w / dpi_x * 914400), int(px_h / dpi_y * 914400)
        wanted = min(cm(width_cm), natural_w) if natural_w else cm(width_cm)
        ratio = wanted / natural_w if natural_w else 1
        cx, cy = str(int(wanted)), str(int(natural_h * ratio))
        for ext_el in (inline.find(qn("wp:extent")), inline.find(".//" + qn("a:ext"))):
            ext_el.set("cx", cx)
            ext_el.set("cy", cy)
        return True

    def picture(self, p, data: bytes, description: str, width_cm: float) -> bool:
        """Embed PNG/JPEG/GIF bytes, at most ``width_cm`` wide, never wider than the image at 96 dpi."""
        r = add_run(p)
        try:
            px_w, px_h, dpi_x, dpi_y, ext, content_type = image_info(data)
            natural_w, natural_h = int(px_w / dpi_x * 914400), int(px_h / dpi_y * 914400)
            part = self.b.package.image_part(data, ext, content_type)
            rid = self.b.document_part.relate_to(part, RT_IMAGE)
            wanted = min(cm(width_cm), natural_w) if natural_w else cm(width_cm)
            ratio = wanted / natural_w if natural_w else 1
            cx, cy = int(wanted), int(natural_h * ratio)
            self._shape_id += 1
            inline = parse(_INLINE_XML.format(cx=cx, cy=cy, id=self._shape_id))
            pic = parse(_PIC_XML.format(name=f"image.{ext}", rid=rid, cx=cx, cy=cy))
            inline.find(qn("a:graphic")).find(qn("a:graphicData")).append(pic)
            if description:
                inline.find(qn("wp:docPr")).set("descr", description)
            etree.SubElement(r, qn("w:drawing")).append(inline)
            return True
        except Exception as exc:  # unreadable images raise several types
            p.remove(r)
            from editor.i18n import _

            self.b.warnings.append(_("An image could not be embedded ({error}).").format(error=type(exc).__name__))
            return False


__all__ = ["BlockWriter", "Lists", "TextCleaner", "bookmark", "caption", "data_table", "image_info", "page_break",
           "page_number_footer", "set_numbering", "table_of_contents"]
