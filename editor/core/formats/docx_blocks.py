"""Word building blocks for the DOCX writer: styles, fields, lists, tables,
pictures, and the walk from the preview's HTML to Word paragraphs and runs.

Everything here runs inside :mod:`docx_write`, after python-docx is imported.
"""

from __future__ import annotations

import io
import re
from xml.sax.saxutils import escape as xml_escape

from editor.core.formats.html import is_remote_url, is_safe_link, markdown_to_html

LANG_TAGS = {"fr": "fr-FR", "en": "en-US"}

BODY_FONT = "Calibri"
HEADING_FONT = "Calibri"
CODE_FONT = "Consolas"
DARK_BLUE = "1F3864"
BLUE = "2F5496"
GREY = "595959"
HEADER_FILL = "D9E2F3"
CODE_FILL = "F2F2F2"

_W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
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


def _el(tag: str, **attrs):
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    el = OxmlElement(tag)
    for key, value in attrs.items():
        el.set(qn(f"w:{key}"), str(value))
    return el


def _set_fonts(rpr, name: str) -> None:
    """Explicit fonts on a run/style property, dropping theme fonts that would override them."""
    from docx.oxml.ns import qn

    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = _el("w:rFonts")
        rpr.insert(0, fonts)
    for attr in list(fonts.attrib):
        if "Theme" in attr or "theme" in attr:
            del fonts.attrib[attr]
    for key in ("ascii", "hAnsi", "cs", "eastAsia"):
        fonts.set(qn(f"w:{key}"), name)


def _style(doc, name: str, kind: str = "paragraph", base: str | None = None):
    from docx.enum.style import WD_STYLE_TYPE

    styles = doc.styles
    try:
        return styles[name]
    except KeyError:
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH if kind == "paragraph" else WD_STYLE_TYPE.CHARACTER)
        if base:
            style.base_style = styles[base]
        return style


def _fmt(style, *, size=None, bold=None, italic=None, color=None, font=None, before=None, after=None,
         line=None, keep_next=None, indent=None, caps=None):
    from docx.shared import Cm, Pt, RGBColor

    f = style.font
    if size is not None:
        f.size = Pt(size)
    if bold is not None:
        f.bold = bold
    if italic is not None:
        f.italic = italic
    if color is not None:
        f.color.rgb = RGBColor.from_string(color)
    if caps is not None:
        f.all_caps = caps
    if font is not None:
        _set_fonts(style.element.get_or_add_rPr(), font)
    pf = getattr(style, "paragraph_format", None)
    if pf is None:
        return
    if before is not None:
        pf.space_before = Pt(before)
    if after is not None:
        pf.space_after = Pt(after)
    if line is not None:
        pf.line_spacing = line
    if keep_next is not None:
        pf.keep_with_next = keep_next
    if indent is not None:
        pf.left_indent = Cm(indent)


def _border(ppr, side: str, color: str, size: int = 6, space: int = 4) -> None:
    from docx.oxml.ns import qn

    borders = ppr.find(qn("w:pBdr"))
    if borders is None:
        borders = _el("w:pBdr")
        ppr.append(borders)
    borders.append(_el(f"w:{side}", val="single", sz=size, space=space, color=color))


def _shade(parent, fill: str) -> None:
    parent.append(_el("w:shd", val="clear", color="auto", fill=fill))


def setup_styles(doc, language: str, text_width_cm: float) -> None:
    """Fonts, sizes, colours and the document language (``w:lang`` in the style defaults)."""
    from docx.enum.text import WD_TAB_ALIGNMENT, WD_TAB_LEADER
    from docx.oxml.ns import qn
    from docx.shared import Cm

    tag = LANG_TAGS.get(language, "en-US")
    styles_el = doc.styles.element
    rpr_default = styles_el.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = rpr_default.find(qn("w:lang"))
    if lang is None:
        lang = _el("w:lang")
        rpr_default.append(lang)
    lang.set(qn("w:val"), tag)
    lang.set(qn("w:eastAsia"), tag)
    lang.set(qn("w:bidi"), "ar-SA")
    _set_fonts(rpr_default, BODY_FONT)
    settings = doc.settings.element
    theme_lang = settings.find(qn("w:themeFontLang"))
    if theme_lang is None:
        theme_lang = _el("w:themeFontLang")
        settings.append(theme_lang)
    theme_lang.set(qn("w:val"), tag)
    # Ask Word to refresh fields (the table of contents) when the file is opened.
    settings.append(_el("w:updateFields", val="true"))

    _fmt(doc.styles["Normal"], size=11, font=BODY_FONT, after=6, line=1.15)
    sizes = {1: 16, 2: 13, 3: 12, 4: 11, 5: 11, 6: 11}
    for level, size in sizes.items():
        style = doc.styles[f"Heading {level}"]
        _fmt(style, size=size, bold=True, italic=False, font=HEADING_FONT, color=DARK_BLUE if level == 1 else BLUE,
             before=18 if level == 1 else 12, after=6 if level == 1 else 4, keep_next=True)
    _border(doc.styles["Heading 1"].element.get_or_add_pPr(), "bottom", "B4C6E7", size=6, space=2)
    _fmt(doc.styles["Title"], size=26, bold=True, font=HEADING_FONT, color=DARK_BLUE, before=0, after=12)
    title_ppr = doc.styles["Title"].element.get_or_add_pPr()
    for old in title_ppr.findall(qn("w:pBdr")):
        title_ppr.remove(old)
    _fmt(_style(doc, "Kicker", base="Normal"), size=10, bold=True, color=BLUE, caps=True, before=96, after=6)
    _fmt(doc.styles["Subtitle"], size=13, italic=False, font=BODY_FONT, color="404040", after=4)
    _fmt(_style(doc, "Document Date", base="Normal"), size=11, color=GREY, after=36)
    _fmt(doc.styles["TOC Heading"], size=13, bold=True, font=HEADING_FONT, color=DARK_BLUE, before=12, after=6)
    toc1 = _style(doc, "toc 1", base="Normal")
    _fmt(toc1, size=11, after=3)
    toc1.paragraph_format.tab_stops.add_tab_stop(Cm(text_width_cm), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
    _fmt(doc.styles["Caption"], size=9, bold=False, italic=True, color="404040", before=2, after=10)
    _fmt(doc.styles["Quote"], size=11, italic=True, color="404040", indent=0.75, before=4, after=8)
    _border(doc.styles["Quote"].element.get_or_add_pPr(), "left", "8EAADB", size=18, space=8)
    code = _style(doc, "Source Code", base="Normal")
    _fmt(code, size=9, font=CODE_FONT, before=4, after=8, line=1.0, indent=0.25)
    _shade(code.element.get_or_add_pPr(), CODE_FILL)
    code.element.get_or_add_rPr().append(_el("w:noProof"))
    inline = _style(doc, "Inline Code", kind="character")
    _fmt(inline, size=10, font=CODE_FONT, color="C7254E")
    inline.element.get_or_add_rPr().append(_el("w:noProof"))
    link = _style(doc, "Hyperlink", kind="character")
    _fmt(link, color="0563C1")
    link.font.underline = True
    _fmt(_style(doc, "Table Text", base="Normal"), size=8.5, after=0, line=1.0)
    _fmt(_style(doc, "Table Legend", base="Normal"), size=8, color=GREY, before=3, after=10)
    for name in ("Header", "Footer"):
        _fmt(doc.styles[name], size=9, color=GREY, font=BODY_FONT)
    _border(doc.styles["Header"].element.get_or_add_pPr(), "bottom", "B4C6E7", size=4, space=4)
    _fmt(_style(doc, "Table Caption", base="Caption"), size=9, bold=True, italic=False, color=DARK_BLUE,
         before=10, after=3, keep_next=True)
    _fmt(_style(doc, "Figure", base="Normal"), before=8, after=2, keep_next=True)
    _fmt(_style(doc, "Objective Target", base="Normal"), size=9.5, italic=True, color=GREY, indent=1.27, after=6)
    _fmt(_style(doc, "Objective KPI", kind="character"), size=9.5, color=GREY)
    _fmt(doc.styles["List Paragraph"], after=3)
    doc.styles["List Paragraph"].paragraph_format.left_indent = None


# -- fields, bookmarks, breaks ------------------------------------------------

def _field_runs(paragraph, instruction: str, placeholder: str = "", rpr_xml: str = "") -> None:
    from docx.oxml import parse_xml

    xml = (
        f'<w:r {_W_NS}>{rpr_xml}<w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r {_W_NS}>{rpr_xml}<w:instrText xml:space="preserve"> {xml_escape(instruction)} </w:instrText></w:r>'
        f'<w:r {_W_NS}>{rpr_xml}<w:fldChar w:fldCharType="separate"/></w:r>'
        f'<w:r {_W_NS}>{rpr_xml}<w:t xml:space="preserve">{xml_escape(placeholder)}</w:t></w:r>'
        f'<w:r {_W_NS}>{rpr_xml}<w:fldChar w:fldCharType="end"/></w:r>'
    )
    for run in parse_xml(f"<w:wrap {_W_NS}>{xml}</w:wrap>"):
        paragraph._p.append(run)


def page_number_footer(paragraph, template: str) -> None:
    """``Page {page} of {pages}`` with PAGE and NUMPAGES fields, centred."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for piece in re.split(r"(\{page\}|\{pages\})", template):
        if piece == "{page}":
            _field_runs(paragraph, "PAGE", "1")
        elif piece == "{pages}":
            _field_runs(paragraph, "NUMPAGES", "1")
        elif piece:
            paragraph.add_run(piece)


def bookmark(paragraph, name: str, text: str, number: int) -> None:
    """Put ``text`` in ``paragraph`` inside a bookmark the table of contents links to."""
    bid = str(100 + number)
    paragraph._p.append(_el("w:bookmarkStart", id=bid, name=name))
    paragraph.add_run(text)
    paragraph._p.append(_el("w:bookmarkEnd", id=bid))


def table_of_contents(builder, entries: list[tuple[str, str]]) -> None:
    """The contents list: one linked entry per section with a PAGEREF page number.

    Not a TOC field: LibreOffice shows a TOC field's cached result without
    refreshing it, while it computes PAGEREF fields at layout; Word refreshes
    them on opening (``w:updateFields``). The ten entries are fixed by the guide.
    """
    from docx.oxml import parse_xml

    for i, (sid, title) in enumerate(entries):
        para = builder.doc.add_paragraph(style="toc 1")
        link = parse_xml(f'<w:hyperlink {_W_NS} w:anchor="_Toc_mlops_{sid}" w:history="1"/>')
        link.append(parse_xml(f'<w:r {_W_NS}><w:t xml:space="preserve">{xml_escape(title)}</w:t></w:r>'))
        link.append(parse_xml(f'<w:r {_W_NS}><w:tab/></w:r>'))
        para._p.append(link)
        holder = type(para)(parse_xml(f"<w:p {_W_NS}/>"), para._parent)
        _field_runs(holder, f"PAGEREF _Toc_mlops_{sid} \\h", str(2 + i // 3))
        for run in list(holder._p):
            link.append(run)


def page_break(paragraph) -> None:
    from docx.enum.text import WD_BREAK

    paragraph.add_run().add_break(WD_BREAK.PAGE)


def caption(doc, label: str, sequence: str, number: int, text: str, language: str) -> None:
    """``Figure 2: text`` / ``Tableau 1 : text`` with a SEQ field for the number."""
    style = "Table Caption" if sequence == "Table" else "Caption"
    para = doc.add_paragraph(style=style)
    para.add_run(f"{label} ")
    _field_runs(para, f"SEQ {sequence} \\* ARABIC", str(number))
    # French typography puts a (non-breaking) space before the colon.
    para.add_run(("\u00a0: " if language == "fr" else ": ") + text)


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
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml import parse_xml

    doc = builder.doc
    twips = [int(round(w / 2.54 * 1440)) for w in widths_cm]
    style_id = doc.styles["Table Grid"].style_id
    out = [
        f'<w:tbl {_W_NS} xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">',
        f'<w:tblPr><w:tblStyle w:val="{style_id}"/><w:tblW w:w="{sum(twips)}" w:type="dxa"/>'
        '<w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="8EAADB"/>'
        '<w:left w:val="single" w:sz="4" w:space="0" w:color="8EAADB"/>'
        '<w:bottom w:val="single" w:sz="4" w:space="0" w:color="8EAADB"/>'
        '<w:right w:val="single" w:sz="4" w:space="0" w:color="8EAADB"/>'
        '<w:insideH w:val="single" w:sz="4" w:space="0" w:color="8EAADB"/>'
        '<w:insideV w:val="single" w:sz="4" w:space="0" w:color="8EAADB"/></w:tblBorders>'
        '<w:tblLayout w:type="fixed"/>'
        '<w:tblCellMar><w:top w:w="40" w:type="dxa"/><w:left w:w="80" w:type="dxa"/>'
        '<w:bottom w:w="40" w:type="dxa"/><w:right w:w="80" w:type="dxa"/></w:tblCellMar>'
        '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" '
        'w:noHBand="0" w:noVBand="1"/></w:tblPr>',
        "<w:tblGrid>" + "".join(f'<w:gridCol w:w="{t}"/>' for t in twips) + "</w:tblGrid>",
        '<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>'
        + "".join(_cell_xml(h, twips[c], header=True, fill=HEADER_FILL) for c, h in enumerate(headers)) + "</w:tr>",
    ]
    for r, row in enumerate(rows):
        cells = []
        for c, text in enumerate(row):
            align = "center" if c in centered else "right" if c in right else None
            rid = None
            if c in link_columns and text and is_safe_link(text) and not text.startswith("#"):
                rid = doc.part.relate_to(text, RT.HYPERLINK, is_external=True)
            cells.append(_cell_xml(text, twips[c], fill=fills.get((r, c)),
                                   align="center" if (r, c) in fills else align, link_rid=rid))
        out.append("<w:tr><w:trPr><w:cantSplit/></w:trPr>" + "".join(cells) + "</w:tr>")
    out.append("</w:tbl>")
    table = parse_xml("".join(out))
    body = doc.element.body
    body.insert(len(body) - 1, table)  # before the final sectPr


def set_numbering(paragraph, num_id: int, level: int) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    numpr = _el("w:numPr")
    numpr.append(_el("w:ilvl", val=level))
    numpr.append(_el("w:numId", val=num_id))
    ppr.insert(1 if ppr.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}pStyle") is not None
               else 0, numpr)


class Lists:
    """Two multi-level list definitions (bullets, numbers); each list is a new instance so numbering restarts."""

    BULLETS = ("\u2022", "\u25e6", "\u25aa")
    FORMATS = (("decimal", "%{n}."), ("lowerLetter", "%{n}."), ("lowerRoman", "%{n}."))

    def __init__(self, doc):
        from docx.oxml import parse_xml
        from docx.oxml.ns import qn

        self.numbering = doc.part.numbering_part.element
        ids = [int(a.get(qn("w:abstractNumId"))) for a in self.numbering.findall(qn("w:abstractNum"))]
        self.bullet_abstract = max(ids + [0]) + 1
        self.ordered_abstract = self.bullet_abstract + 1
        first_num = self.numbering.find(qn("w:num"))
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
            el = parse_xml(f'<w:abstractNum {_W_NS} w:abstractNumId="{abstract_id}">'
                           f'<w:multiLevelType w:val="multilevel"/>{"".join(levels)}</w:abstractNum>')
            if first_num is not None:
                first_num.addprevious(el)
            else:
                self.numbering.append(el)
        nums = [int(n.get(qn("w:numId"))) for n in self.numbering.findall(qn("w:num"))]
        self.next_num = max(nums + [0]) + 1

    def new_list(self, ordered: bool, start: int = 1, level: int = 0) -> int:
        from docx.oxml import parse_xml

        num_id = self.next_num
        self.next_num += 1
        abstract = self.ordered_abstract if ordered else self.bullet_abstract
        override = ""
        if ordered:
            override = f'<w:lvlOverride w:ilvl="{level}"><w:startOverride w:val="{start}"/></w:lvlOverride>'
        self.numbering.append(parse_xml(
            f'<w:num {_W_NS} w:numId="{num_id}"><w:abstractNumId w:val="{abstract}"/>{override}</w:num>'))
        return num_id


# -- Markdown (as the preview's HTML) to Word ------------------------------------

_WQ = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_Q_P, _Q_PPR, _Q_PSTYLE, _Q_R, _Q_RPR, _Q_RSTYLE, _Q_B, _Q_I, _Q_T, _Q_VAL, _Q_SECTPR = (
    _WQ + x for x in ("p", "pPr", "pStyle", "r", "rPr", "rStyle", "b", "i", "t", "val", "sectPr"))
_Q_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_BLOCK_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "blockquote", "pre", "table", "hr", "div"}
_SPACES = re.compile(r"[ \t\n]+")


class BlockWriter:
    """Walks ``markdown_to_html`` output into the document."""

    def __init__(self, builder):
        self.b = builder
        self.doc = builder.doc
        self.lists = Lists(builder.doc)
        self._style_ids: dict[str, str] = {}

    def markdown(self, text: str, where: str = "") -> None:
        import lxml.html

        html = markdown_to_html(text, heading_offset=1)
        root = lxml.html.fragment_fromstring(html, create_parent="div")
        self.where = where
        self._blocks(root, quote_level=0)

    def inline_html(self, paragraph, html: str) -> None:
        import lxml.html

        root = lxml.html.fragment_fromstring(html or "<p></p>", create_parent="div")
        for child in root:
            if child.tag == "p":
                self._inline(paragraph, child, {})
            else:
                self._inline(paragraph, child, {}, include_tail=False)

    # block level
    def _blocks(self, parent, quote_level: int) -> None:
        for child in parent:
            tag = child.tag if isinstance(child.tag, str) else ""
            if tag == "p":
                self._paragraph(child, quote_level)
            elif re.fullmatch(r"h[1-6]", tag):
                level = max(2, min(6, int(tag[1])))
                para = self.new_paragraph(f"Heading {level}")
                self._inline(para, child, {})
            elif tag in ("ul", "ol"):
                self._list(child, 0, quote_level)
            elif tag == "blockquote":
                self._blocks(child, quote_level + 1)
            elif tag == "pre":
                self._code_block(child.text_content())
            elif tag == "table":
                self._md_table(child)
            elif tag == "hr":
                para = self.new_paragraph()
                _border(para._p.get_or_add_pPr(), "bottom", "A6A6A6")
            elif tag == "div":
                self._blocks(child, quote_level)

    def _paragraph(self, el, quote_level: int, style: str | None = None):
        if style is None:
            style = "Quote" if quote_level else None
        para = self.new_paragraph(style)
        if quote_level > 1:
            from docx.shared import Cm

            para.paragraph_format.left_indent = Cm(0.75 * quote_level)
        images = el.findall("img")
        if images and not (el.text or "").strip() and all(not (i.tail or "").strip() for i in images) \
                and len(el) == len(images):
            from docx.enum.text import WD_ALIGN_PARAGRAPH

            para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        self._inline(para, el, {})
        return para

    def _list(self, el, level: int, quote_level: int) -> None:
        ordered = el.tag == "ol"
        start = int(el.get("start", "1")) if (el.get("start") or "1").isdigit() else 1
        num_id = self.lists.new_list(ordered, start=start, level=min(level, 8))
        for li in el:
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
                        para = self.new_paragraph("List Paragraph")
                        from docx.shared import Cm

                        para.paragraph_format.left_indent = Cm((720 + 360 * min(level, 8)) / 567)
                        self._inline(para, child, {})
                elif child.tag == "pre":
                    self._code_block(child.text_content())
                elif child.tag in _BLOCK_TAGS:
                    self._blocks(child, quote_level)

    def _inline_until_block(self, para, li) -> None:
        if li.text:
            self._text(para, li.text, {})
        for child in li:
            if child.tag in _BLOCK_TAGS:
                break
            self._inline_element(para, child, {})
            if child.tail:
                self._text(para, child.tail.lstrip() if child.tag == "br" else child.tail, {})

    def _code_block(self, text: str) -> None:
        para = self.new_paragraph("Source Code")
        lines = text.rstrip("\n").split("\n")
        for i, line in enumerate(lines):
            run = para.add_run(line)
            if i < len(lines) - 1:
                run.add_break()

    def _md_table(self, el) -> None:
        from docx.shared import Cm

        rows = [tr for tr in el.iter("tr")]
        if not rows:
            return
        ncols = max(len([c for c in tr if c.tag in ("td", "th")]) for tr in rows)
        table = self.doc.add_table(rows=0, cols=ncols)
        table.style = self.doc.styles["Table Grid"]
        width = Cm(self.b.text_width_cm / max(1, ncols))
        for r, tr in enumerate(rows):
            row = table.add_row()
            cells = [c for c in tr if c.tag in ("td", "th")]
            for c in range(ncols):
                cell = row.cells[c]
                cell.width = width
                para = cell.paragraphs[0]
                para.style = self.doc.styles["Table Text"]
                if c < len(cells):
                    align = cells[c].get("align")
                    if align in ("center", "right"):
                        from docx.enum.text import WD_ALIGN_PARAGRAPH

                        para.alignment = WD_ALIGN_PARAGRAPH.CENTER if align == "center" else WD_ALIGN_PARAGRAPH.RIGHT
                    self._inline(para, cells[c], {"bold": True} if cells[c].tag == "th" else {})
                if cells and cells[0].tag == "th" and r == 0:
                    _shade(cell._tc.get_or_add_tcPr(), HEADER_FILL)
            if r == 0 and cells and cells[0].tag == "th":
                row._tr.get_or_add_trPr().append(_el("w:tblHeader"))
        self.new_paragraph().paragraph_format.space_after = 0

    # inline level
    def _inline(self, para, el, fmt: dict, include_tail: bool = False) -> None:
        if el.text:
            self._text(para, el.text, fmt)
        for child in el:
            self._inline_element(para, child, fmt)
            if child.tail:
                self._text(para, child.tail.lstrip() if child.tag == "br" else child.tail, fmt)

    def _inline_element(self, para, child, fmt: dict) -> None:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag in ("strong", "b"):
            self._inline(para, child, {**fmt, "bold": True})
        elif tag in ("em", "i"):
            self._inline(para, child, {**fmt, "italic": True})
        elif tag == "code":
            self._text(para, child.text_content(), {**fmt, "code": True}, keep_spaces=True)
        elif tag == "a":
            href = child.get("href", "")
            if href and is_safe_link(href):
                self.hyperlink(para, href, child.text_content(), fmt)
            else:
                self._inline(para, child, fmt)
        elif tag == "br":
            para.add_run().add_break()
        elif tag == "img":
            self._image(para, child)
        else:
            self._inline(para, child, fmt)

    def _text(self, para, text: str, fmt: dict, keep_spaces: bool = False) -> None:
        # Built with lxml directly: python-docx's run API costs ~10x more on long documents.
        from lxml import etree

        if not keep_spaces:
            text = _SPACES.sub(" ", text)
        if not text:
            return
        r = etree.SubElement(para._p, _Q_R)
        if fmt.get("bold") or fmt.get("italic") or fmt.get("code"):
            rpr = etree.SubElement(r, _Q_RPR)
            if fmt.get("code"):
                etree.SubElement(rpr, _Q_RSTYLE).set(_Q_VAL, self.style_id("Inline Code"))
            if fmt.get("bold"):
                etree.SubElement(rpr, _Q_B)
            if fmt.get("italic"):
                etree.SubElement(rpr, _Q_I)
        t = etree.SubElement(r, _Q_T)
        t.text = text
        if text[0].isspace() or text[-1].isspace():
            t.set(_Q_SPACE, "preserve")

    def style_id(self, name: str) -> str:
        sid = self._style_ids.get(name)
        if sid is None:
            sid = self._style_ids[name] = self.doc.styles[name].style_id
        return sid

    def new_paragraph(self, style: str | None = None):
        """A paragraph appended to the body (a faster ``Document.add_paragraph``)."""
        from docx.text.paragraph import Paragraph
        from lxml import etree

        body = self.doc.element.body
        p = body.makeelement(_Q_P, {})
        if style:
            ppr = etree.SubElement(p, _Q_PPR)
            etree.SubElement(ppr, _Q_PSTYLE).set(_Q_VAL, self.style_id(style))
        sect = body.find(_Q_SECTPR)
        if sect is not None:
            sect.addprevious(p)
        else:
            body.append(p)
        return Paragraph(p, self.doc._body)

    def hyperlink(self, para, url: str, text: str, fmt: dict | None = None) -> None:
        """A real clickable hyperlink (external, or to an anchor for ``#name``)."""
        from docx.opc.constants import RELATIONSHIP_TYPE as RT
        from docx.oxml import parse_xml

        fmt = fmt or {}
        text = _SPACES.sub(" ", text) or url
        if url.startswith("#"):
            link = parse_xml(f'<w:hyperlink {_W_NS} w:anchor="{xml_escape(url[1:], {chr(34): "&quot;"})}"/>')
        else:
            rid = para.part.relate_to(url, RT.HYPERLINK, is_external=True)
            link = parse_xml(f'<w:hyperlink {_W_NS} xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
                             f'relationships" r:id="{rid}" w:history="1"/>')
        props = '<w:rStyle w:val="Hyperlink"/>' + ("<w:b/>" if fmt.get("bold") else "") + (
            "<w:i/>" if fmt.get("italic") else "")
        link.append(parse_xml(f'<w:r {_W_NS}><w:rPr>{props}</w:rPr>'
                              f'<w:t xml:space="preserve">{xml_escape(text)}</w:t></w:r>'))
        para._p.append(link)

    def _image(self, para, img) -> None:
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
        if data is None or not self.picture(para, data, alt, self.b.text_width_cm):
            if alt:
                self._text(para, f"[{alt}]", {"italic": True})

    def picture(self, para, data: bytes, description: str, width_cm: float) -> bool:
        """Embed PNG/JPEG/GIF bytes, at most ``width_cm`` wide, never wider than the image at 96 dpi."""
        from docx.oxml.ns import qn
        from docx.shared import Cm, Emu

        try:
            run = para.add_run()
            shape = run.add_picture(io.BytesIO(data))
            natural = shape.width
            wanted = min(Cm(width_cm), natural) if natural else Cm(width_cm)
            ratio = wanted / natural if natural else 1
            shape.width, shape.height = Emu(int(wanted)), Emu(int(shape.height * ratio))
            doc_pr = run._r.find(".//" + qn("wp:docPr"))
            if doc_pr is not None and description:
                doc_pr.set("descr", description)
            return True
        except Exception as exc:  # python-docx raises several types for unreadable images
            para._p.remove(run._r)
            from editor.i18n import _

            self.b.warnings.append(_("An image could not be embedded ({error}).").format(error=type(exc).__name__))
            return False
