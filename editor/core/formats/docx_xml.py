"""WordprocessingML with lxml: elements, child order, lengths and styles.

The DOCX writer builds its XML directly with lxml (python-docx's proxy
objects cost more than the document itself). The helpers here produce the
same XML python-docx would: children are inserted in schema order (before
the first existing successor), lengths are converted with the same rounding,
and styles are found by name and added the same way.
"""

from __future__ import annotations

from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NSMAP = {
    "w": W_NS,
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "pic": "http://schemas.openxmlformats.org/drawingml/2006/picture",
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcterms": "http://purl.org/dc/terms/",
    "xsi": "http://www.w3.org/2001/XMLSchema-instance",
}
W = "{%s}" % W_NS
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_QN: dict[str, str] = {}
W_DECL = f'xmlns:w="{W_NS}"'


def xml_escape(text: str, quote: bool = False) -> str:
    """``&``, ``<``, ``>`` (and ``"`` with ``quote``) as entities, as xml.sax.saxutils.escape.

    Not imported from xml.sax.saxutils: that module pulls in urllib.request (~50 ms).
    """
    text = text.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")
    return text.replace('"', "&quot;") if quote else text


def qn(tag: str) -> str:
    """``w:p`` -> ``{namespace}p``."""
    name = _QN.get(tag)
    if name is None:
        prefix, local = tag.split(":")
        name = _QN[tag] = "{%s}%s" % (NSMAP[prefix], local)
    return name


def el(tag: str, **attrs) -> etree._Element:
    """A detached element with its own namespace declaration (as python-docx's OxmlElement)."""
    prefix = tag.split(":")[0]
    element = etree.Element(qn(tag), nsmap={prefix: NSMAP[prefix]})
    for key, value in attrs.items():
        element.set(qn(f"w:{key}"), str(value))
    return element


# Children order (python-docx's sequences from the schema).
P_PR = ("w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr", "w:widowControl", "w:numPr",
        "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap",
        "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
        "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap",
        "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId",
        "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")
R_PR = ("w:rStyle", "w:rFonts", "w:b", "w:bCs", "w:i", "w:iCs", "w:caps", "w:smallCaps", "w:strike", "w:dstrike",
        "w:outline", "w:shadow", "w:emboss", "w:imprint", "w:noProof", "w:snapToGrid", "w:vanish", "w:webHidden",
        "w:color", "w:spacing", "w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u", "w:effect",
        "w:bdr", "w:shd", "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang", "w:eastAsianLayout",
        "w:specVanish", "w:oMath")
STYLE = ("w:name", "w:aliases", "w:basedOn", "w:next", "w:link", "w:autoRedefine", "w:hidden", "w:uiPriority",
         "w:semiHidden", "w:unhideWhenUsed", "w:qFormat", "w:locked", "w:personal", "w:personalCompose",
         "w:personalReply", "w:rsid", "w:pPr", "w:rPr", "w:tblPr", "w:trPr", "w:tcPr", "w:tblStylePr")
SECT_PR = ("w:footnotePr", "w:endnotePr", "w:type", "w:pgSz", "w:pgMar", "w:paperSrc", "w:pgBorders",
           "w:lnNumType", "w:pgNumType", "w:cols", "w:formProt", "w:vAlign", "w:noEndnote", "w:titlePg",
           "w:textDirection", "w:bidi", "w:rtlGutter", "w:docGrid", "w:printerSettings", "w:sectPrChange")
TC_PR = ("w:cnfStyle", "w:tcW", "w:gridSpan", "w:hMerge", "w:vMerge", "w:tcBorders", "w:shd", "w:noWrap", "w:tcMar",
         "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark", "w:headers", "w:cellIns", "w:cellDel",
         "w:cellMerge", "w:tcPrChange")
_SUCCESSORS: dict[tuple[str, tuple], tuple[str, ...]] = {}


def insert_before_first(parent, child, tags: tuple[str, ...]):
    """Insert ``child`` before the child of the first tag of ``tags`` that ``parent`` has (else append).

    As python-docx: the tags are tried in order, whatever the children's order.
    """
    if len(parent):
        first: dict[str, object] = {}
        for existing in parent:
            first.setdefault(existing.tag, existing)
        for tag in tags:
            found = first.get(qn(tag))
            if found is not None:
                found.addprevious(child)
                return child
    parent.append(child)
    return child


def insert_in_order(parent, child, tag: str, sequence: tuple[str, ...]):
    """Insert ``child`` (a ``tag``) before its first existing successor in the schema ``sequence``."""
    key = (tag, sequence)
    successors = _SUCCESSORS.get(key)
    if successors is None:
        successors = _SUCCESSORS[key] = sequence[sequence.index(tag) + 1:]
    return insert_before_first(parent, child, successors)


def get_or_add(parent, tag: str, sequence: tuple[str, ...]):
    """The ``tag`` child of ``parent``, added at its schema position when missing."""
    found = parent.find(qn(tag))
    if found is not None:
        return found
    return insert_in_order(parent, el(tag), tag, sequence)


def first_child(parent, tag: str):
    """``parent``'s first child (pPr of a paragraph, rPr of a run), added as first child when missing."""
    found = parent.find(qn(tag))
    if found is None:
        found = el(tag)
        parent.insert(0, found)
    return found


# -- lengths (python-docx's units and rounding) -----------------------------------

def pt(points: float) -> int:
    """EMU of ``points`` (truncated like python-docx's Pt)."""
    return int(points * 12700)


def cm(centimetres: float) -> int:
    return int(centimetres * 360000)


def twips(emu: float) -> int:
    return int(round(int(emu) / 635))


def half_points(emu: int) -> int:
    return int(emu / 12700 * 2)


# -- paragraphs and runs ------------------------------------------------------------

def set_p_style(p, style_id: str | None) -> None:
    ppr = first_child(p, "w:pPr")
    old = ppr.find(qn("w:pStyle"))
    if style_id is None:
        if old is not None:
            ppr.remove(old)
        return
    get_or_add(ppr, "w:pStyle", P_PR).set(qn("w:val"), style_id)


def set_alignment(p, value: str) -> None:
    get_or_add(first_child(p, "w:pPr"), "w:jc", P_PR).set(qn("w:val"), value)


def set_left_indent(p, emu: int | None) -> None:
    ind = get_or_add(first_child(p, "w:pPr"), "w:ind", P_PR)
    if emu is None:
        ind.attrib.pop(qn("w:left"), None)
    else:
        ind.set(qn("w:left"), str(twips(emu)))


def set_spacing(ppr, before: int | None = None, after: int | None = None) -> None:
    spacing = get_or_add(ppr, "w:spacing", P_PR)
    if before is not None:
        spacing.set(qn("w:before"), str(twips(before)))
    if after is not None:
        spacing.set(qn("w:after"), str(twips(after)))


def add_run(p, text: str = "", style_id: str | None = None, bold: bool = False):
    """A run appended to ``p`` holding ``text`` (tabs and line breaks become w:tab and w:br)."""
    r = etree.SubElement(p, qn("w:r"))
    if text:
        set_run_text(r, text)
    if style_id:
        get_or_add(first_child(r, "w:rPr"), "w:rStyle", R_PR).set(qn("w:val"), style_id)
    if bold:
        get_or_add(first_child(r, "w:rPr"), "w:b", R_PR)
    return r


def set_run_text(r, text: str) -> None:
    buffer: list[str] = []

    def flush() -> None:
        if buffer:
            chunk = "".join(buffer)
            t = etree.SubElement(r, qn("w:t"))
            t.text = chunk
            if len(chunk.strip()) < len(chunk):
                t.set(XML_SPACE, "preserve")
            buffer.clear()

    if "\t" not in text and "\n" not in text and "\r" not in text:
        buffer.append(text)
        flush()
        return
    for ch in text:
        if ch == "\t":
            flush()
            etree.SubElement(r, qn("w:tab"))
        elif ch in "\r\n":
            flush()
            etree.SubElement(r, qn("w:br"))
        else:
            buffer.append(ch)
    flush()


def set_paragraph_text(p, text: str) -> None:
    """Replace ``p``'s content (not its properties) by one run of ``text``."""
    for child in list(p):
        if child.tag != qn("w:pPr"):
            p.remove(child)
    add_run(p, text)


# -- styles ---------------------------------------------------------------------------

# Names python-docx translates between the UI and the file (``Heading 1`` is ``heading 1`` inside).
_UI_TO_INTERNAL = {"Caption": "caption", "Footer": "footer", "Header": "header",
                   **{f"Heading {n}": f"heading {n}" for n in range(1, 10)}}
_SPECIAL_IDS = {"caption": "Caption", **{f"heading {n}": f"Heading{n}" for n in range(1, 10)}}


class Styles:
    """The styles part: find a style by its UI name, add one like python-docx's ``add_style``."""

    def __init__(self, element) -> None:
        self.element = element
        self._by_name: dict[str, etree._Element] = {}
        for style in element.iterchildren(qn("w:style")):
            name = style.find(qn("w:name"))
            if name is not None:
                self._by_name.setdefault(name.get(qn("w:val")), style)

    def find(self, name: str):
        return self._by_name.get(_UI_TO_INTERNAL.get(name, name))

    def __getitem__(self, name: str):
        style = self.find(name)
        if style is None:
            raise KeyError(f"no style with name {name!r}")
        return style

    def style_id(self, name: str) -> str:
        return self[name].get(qn("w:styleId"))

    def get_or_add(self, name: str, kind: str = "paragraph", base: str | None = None):
        style = self.find(name)
        if style is not None:
            return style
        internal = _UI_TO_INTERNAL.get(name, name)
        style = etree.SubElement(self.element, qn("w:style"))
        style.set(qn("w:type"), kind)
        style.set(qn("w:customStyle"), "1")
        style.set(qn("w:styleId"), _SPECIAL_IDS.get(internal, internal.replace(" ", "")))
        get_or_add(style, "w:name", STYLE).set(qn("w:val"), internal)
        self._by_name[internal] = style
        if base:
            get_or_add(style, "w:basedOn", STYLE).set(qn("w:val"), self.style_id(base))
        return style


def style_ppr(style):
    return get_or_add(style, "w:pPr", STYLE)


def style_rpr(style):
    return get_or_add(style, "w:rPr", STYLE)


def set_on_off(props, tag: str, value: bool, sequence: tuple[str, ...] = R_PR) -> None:
    """An on/off property (``<w:b/>``, ``<w:b w:val="0"/>``) of run or paragraph properties."""
    element = get_or_add(props, tag, sequence)
    if value:
        element.attrib.pop(qn("w:val"), None)
    else:
        element.set(qn("w:val"), "0")


def set_color(rpr, rgb: str) -> None:
    old = rpr.find(qn("w:color"))
    if old is not None:
        rpr.remove(old)
    get_or_add(rpr, "w:color", R_PR).set(qn("w:val"), rgb)


def border(ppr, side: str, color: str, size: int = 6, space: int = 4) -> None:
    """A paragraph border line (``w:pBdr``) on ``side``."""
    borders = ppr.find(qn("w:pBdr"))
    if borders is None:
        borders = el("w:pBdr")
        ppr.append(borders)
    borders.append(el(f"w:{side}", val="single", sz=size, space=space, color=color))


def shade(parent, fill: str) -> None:
    parent.append(el("w:shd", val="clear", color="auto", fill=fill))
