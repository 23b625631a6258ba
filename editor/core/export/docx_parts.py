"""WordprocessingML pieces for the DOCX writer, as XML text: fields, bookmarks, the contents,
captions, tables, list numbering, pictures (SVG with its PNG fallback, as Office writes it)
and review comments.

The writer joins the pieces of the whole body and lxml parses them once: building the
text is several times faster than creating the elements one by one (a table of 100,000
rows is 2,000,000 elements).
"""

from __future__ import annotations

import re
import struct

from editor.core.formats.docx_package import parse
from editor.core.formats.docx_xml import W_DECL, qn, xml_escape
from editor.core.export.docx_styles import BODY_FONT

# Left and right padding of table cells (twips); the builder counts it in each column.
CELL_MARGIN_TWIPS = 80
# What XML 1.0 cannot hold (the builder already removed it from the proposal's texts).
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
NAMESPACES = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"'
)
# The drawing namespaces pictures use, which the template's document element does not declare.
DRAWING_NAMESPACES = ('xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
                      'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"')
TABLE_BORDER = "8EAADB"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def text_xml(text: str) -> str:
    """A ``w:t`` holding ``text`` (spaces kept at its ends; a tab is a ``w:tab``)."""
    if "\t" in text:
        return "<w:tab/>".join(text_xml(piece) if piece else "" for piece in text.split("\t"))
    text = xml_escape(text)
    if _INVALID_XML.search(text):
        text = _INVALID_XML.sub("", text)
    if text[:1].isspace() or text[-1:].isspace():
        return f'<w:t xml:space="preserve">{text}</w:t>'
    return f"<w:t>{text}</w:t>"


def attr(value: str) -> str:
    return xml_escape(_INVALID_XML.sub("", value), quote=True)


# -- fields, bookmarks, breaks ------------------------------------------------

def field_xml(instruction: str, placeholder: str = "", rpr: str = "") -> str:
    """A complex field: Word and LibreOffice compute its result; ``placeholder`` until then."""
    result = f"<w:r>{rpr}{text_xml(placeholder)}</w:r>" if placeholder else ""
    return (f'<w:r>{rpr}<w:fldChar w:fldCharType="begin"/></w:r>'
            f'<w:r>{rpr}<w:instrText xml:space="preserve"> {xml_escape(instruction)} </w:instrText></w:r>'
            f'<w:r>{rpr}<w:fldChar w:fldCharType="separate"/></w:r>{result}'
            f'<w:r>{rpr}<w:fldChar w:fldCharType="end"/></w:r>')


def page_number_footer(p, template: str) -> None:
    """``Page {page} of {pages}`` with PAGE and NUMPAGES fields, centred (into the footer's ``w:p``)."""
    from editor.core.formats.docx_xml import set_alignment

    set_alignment(p, "center")
    xml = []
    for piece in re.split(r"(\{page\}|\{pages\})", template):
        if piece == "{page}":
            xml.append(field_xml("PAGE", "1"))
        elif piece == "{pages}":
            xml.append(field_xml("NUMPAGES", "1"))
        elif piece:
            xml.append(f"<w:r>{text_xml(piece)}</w:r>")
    for run in parse(f"<w:wrap {W_DECL}>{''.join(xml)}</w:wrap>"):
        p.append(run)


def bookmark_name(anchor: str) -> str:
    from editor.core.formats.docx import SECTION_BOOKMARK

    return SECTION_BOOKMARK + anchor


def contents_xml(entries, style_id: str) -> str:
    """The contents: one linked entry per section and its page number as a PAGEREF field.

    Not a TOC field: LibreOffice shows a TOC field's stored result without refreshing
    it, while it computes PAGEREF fields when it lays the pages out; Word refreshes
    them on opening (``w:updateFields``). No page number is stored: one guessed before
    the pages exist would be wrong as often as right.
    """
    out = []
    for anchor, title in entries:
        page = field_xml("PAGEREF " + bookmark_name(anchor) + " \\h")
        out.append(f'<w:p><w:pPr><w:pStyle w:val="{style_id}"/></w:pPr>'
                   f'<w:hyperlink w:anchor="{attr(bookmark_name(anchor))}" w:history="1">'
                   f"<w:r>{text_xml(title)}</w:r><w:r><w:tab/></w:r>"
                   f"{page}</w:hyperlink></w:p>")
    return "".join(out)


def caption_runs(label: str, sequence: str, number: int, separator: str, text: str) -> str:
    """``Figure 2: text`` with a SEQ field for the number."""
    seq = field_xml("SEQ " + sequence + " \\* ARABIC", str(number))
    return f"<w:r>{text_xml(label + ' ')}</w:r>{seq}<w:r>{text_xml(separator + text)}</w:r>"


# -- tables --------------------------------------------------------------------

def data_table_start(style_id: str, widths_twips: list[int]) -> str:
    """A structured table: "Table Grid", blue borders, fixed column widths."""
    borders = "".join(f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="{TABLE_BORDER}"/>'
                      for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    return (f'<w:tbl><w:tblPr><w:tblStyle w:val="{style_id}"/><w:tblW w:w="{sum(widths_twips)}" w:type="dxa"/>'
            f"<w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type=\"fixed\"/>"
            f'<w:tblCellMar><w:top w:w="40" w:type="dxa"/><w:left w:w="{CELL_MARGIN_TWIPS}" w:type="dxa"/>'
            f'<w:bottom w:w="40" w:type="dxa"/><w:right w:w="{CELL_MARGIN_TWIPS}" w:type="dxa"/></w:tblCellMar>'
            '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" '
            'w:noHBand="0" w:noVBand="1"/></w:tblPr>'
            "<w:tblGrid>" + "".join(f'<w:gridCol w:w="{t}"/>' for t in widths_twips) + "</w:tblGrid>")


def prose_table_start(style_id: str, columns: int, grid_twips: int) -> str:
    """A table typed in the prose: "Table Grid", as wide as its content."""
    return (f'<w:tbl><w:tblPr><w:tblStyle w:val="{style_id}"/><w:tblW w:type="auto" w:w="0"/>'
            '<w:tblLook w:firstColumn="1" w:firstRow="1" w:lastColumn="0" w:lastRow="0" w:noHBand="0" '
            'w:noVBand="1" w:val="04A0"/></w:tblPr>'
            "<w:tblGrid>" + f'<w:gridCol w:w="{grid_twips}"/>' * columns + "</w:tblGrid>")


def cell_xml(content: str, width_twips: int, style_id: str, *, header: bool = False, fill: str = "",
             align: str = "", data: bool = True) -> str:
    # A structured table fixes each cell's width; a prose table's come from its grid.
    tcpr = f'<w:tcW w:w="{width_twips}" w:type="dxa"/>' if data else ""
    if fill:
        tcpr += f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>'
    if data:
        tcpr += '<w:vAlign w:val="bottom"/>' if header else '<w:vAlign w:val="top"/>'
    tcpr = f"<w:tcPr>{tcpr}</w:tcPr>" if tcpr else ""
    jc = f'<w:jc w:val="{align}"/>' if align in ("center", "right") else ""
    return f'<w:tc>{tcpr}<w:p><w:pPr><w:pStyle w:val="{style_id}"/>{jc}</w:pPr>{content}</w:p></w:tc>'


# -- list numbering -----------------------------------------------------------------

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
            element = parse(f'<w:abstractNum {W_DECL} w:abstractNumId="{abstract_id}">'
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
            f'<w:num {W_DECL} w:numId="{num_id}"><w:abstractNumId w:val="{abstract}"/>{override}</w:num>'))
        return num_id


# -- pictures --------------------------------------------------------------------

# Office's extension for an SVG drawn in place of the PNG (Word 2016+, LibreOffice 7.x).
SVG_BLIP_EXT = "{96DAC541-7B7A-43D3-8B79-37D633B846F1}"
SVG_NS = "http://schemas.microsoft.com/office/drawing/2016/SVG/main"


def picture_xml(shape_id: int, rid: str, cx: int, cy: int, name: str, description: str = "",
                svg_rid: str = "") -> str:
    """A ``w:drawing`` run: an inline picture ``cx`` x ``cy`` EMU (with an SVG drawn over its PNG)."""
    descr = f' descr="{attr(description)}"' if description else ""
    ext = (f'<a:extLst><a:ext uri="{SVG_BLIP_EXT}"><asvg:svgBlip xmlns:asvg="{SVG_NS}" r:embed="{svg_rid}"/>'
           "</a:ext></a:extLst>") if svg_rid else ""
    return (f'<w:r><w:drawing><wp:inline><wp:extent cx="{cx}" cy="{cy}"/>'
            f'<wp:docPr id="{shape_id}" name="Picture {shape_id}"{descr}/>'
            '<wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr>'
            '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
            f'<pic:pic><pic:nvPicPr><pic:cNvPr id="0" name="{attr(name)}"/><pic:cNvPicPr/></pic:nvPicPr>'
            f'<pic:blipFill><a:blip r:embed="{rid}">{ext}</a:blip><a:stretch><a:fillRect/></a:stretch></pic:blipFill>'
            f'<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
            '<a:prstGeom prst="rect"/></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>')


def picture_size(info, width_cm: float) -> tuple[int, int]:
    """EMU extents: at most ``width_cm`` wide, never wider than the picture at its resolution."""
    px_w, px_h, dpi_x, dpi_y = info[:4]
    natural_w, natural_h = int(px_w / dpi_x * 914400), int(px_h / dpi_y * 914400)
    wanted = min(int(width_cm * 360000), natural_w) if natural_w else int(width_cm * 360000)
    ratio = wanted / natural_w if natural_w else 1
    return int(wanted), int(natural_h * ratio)


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


# -- review comments -------------------------------------------------------------------

def comment_para_ids(comment, number: int) -> list[str]:
    """The ``w14:paraId`` of each paragraph of a comment: unique in the document (the body's
    paragraphs carry none) and below 0x80000000, as Word requires."""
    lines = max(1, len(comment.text.split("\n")))
    return [f"{0x10000000 + number * 64 + min(line, 63):08X}" for line in range(lines)]


def comments_part_xml(comments, ids: dict[str, int], style_ids: tuple[str, str]) -> bytes:
    """``word/comments.xml``: each comment's author, initials, date and paragraphs."""
    from editor.core.formats.docx import W14_NS

    text_style, reference_style = style_ids
    out = [f"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n<w:comments {NAMESPACES} "
           f'xmlns:w14="{W14_NS}" xmlns:mc="{MC_NS}" mc:Ignorable="w14">']
    for comment in comments:
        if comment.id not in ids:
            continue
        number = ids[comment.id]
        date = f' w:date="{comment.date.strftime("%Y-%m-%dT%H:%M:%SZ")}"' if comment.date else ""
        initials = f' w:initials="{attr(comment.initials)}"' if comment.initials else ""
        paragraphs = comment.text.split("\n") or [""]
        body = []
        for i, (line, para_id) in enumerate(zip(paragraphs, comment_para_ids(comment, number))):
            ref = (f'<w:r><w:rPr><w:rStyle w:val="{reference_style}"/></w:rPr><w:annotationRef/></w:r>'
                   if i == 0 else "")
            run = f"<w:r>{text_xml(line)}</w:r>" if line else ""
            body.append(f'<w:p w14:paraId="{para_id}" w14:textId="77777777"><w:pPr><w:pStyle w:val="{text_style}"/>'
                        f"</w:pPr>{ref}{run}</w:p>")
        out.append(f'<w:comment w:id="{number}" w:author="{attr(comment.author)}"{date}{initials}>'
                   f"{''.join(body)}</w:comment>")
    out.append("</w:comments>")
    return "".join(out).encode("utf-8")


def comments_extended_xml(comments, ids: dict[str, int]) -> bytes:
    """``word/commentsExtended.xml``: for each comment (by its last paragraph's id), the comment
    it answers and whether it is resolved."""
    from editor.core.formats.docx import W15_NS

    last = {c.id: comment_para_ids(c, ids[c.id])[-1] for c in comments if c.id in ids}
    out = [f"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
           f'<w15:commentsEx xmlns:w15="{W15_NS}" xmlns:mc="{MC_NS}" mc:Ignorable="w15">']
    for comment in comments:
        if comment.id not in last:
            continue
        parent = f' w15:paraIdParent="{last[comment.parent]}"' if comment.parent in last else ""
        out.append(f'<w15:commentEx w15:paraId="{last[comment.id]}"{parent} w15:done="{int(comment.resolved)}"/>')
    out.append("</w15:commentsEx>")
    return "".join(out).encode("utf-8")


def comment_start(number: int) -> str:
    return f'<w:commentRangeStart w:id="{number}"/>'


def comment_end(number: int, reference_style: str) -> str:
    return (f'<w:commentRangeEnd w:id="{number}"/><w:r><w:rPr><w:rStyle w:val="{reference_style}"/></w:rPr>'
            f'<w:commentReference w:id="{number}"/></w:r>')
