"""The DOCX writer's styles: fonts, sizes, colours, spacing and the document language.

Applied to the template's styles part with lxml (see :mod:`docx_xml`), with
the same values and XML python-docx's style API wrote before.
"""

from __future__ import annotations

from editor.core.export.table_widths import TABLE_TEXT_PT
from editor.core.formats.docx import (
    CONTENTS_ENTRY_STYLE,
    FIGURE_CAPTION_STYLE,
    FIGURE_STYLE,
    PARAGRAPH_STYLES,
    TABLE_CAPTION_STYLE,
)
from editor.core.formats.docx_xml import (
    P_PR,
    R_PR,
    Styles,
    border,
    cm,
    el,
    get_or_add,
    half_points,
    pt,
    qn,
    set_color,
    set_on_off,
    shade,
    style_ppr,
    style_rpr,
    twips,
)

LANG_TAGS = {"fr": "fr-FR", "en": "en-US"}
BODY_FONT = "Calibri"
HEADING_FONT = "Calibri"
CODE_FONT = "Consolas"
DARK_BLUE = "1F3864"
BLUE = "2F5496"
GREY = "595959"
HEADER_FILL = "D9E2F3"
CODE_FILL = "F2F2F2"


def set_fonts(rpr, name: str) -> None:
    """Explicit fonts on a run/style property, dropping theme fonts that would override them."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = el("w:rFonts")
        rpr.insert(0, fonts)
    for attr in list(fonts.attrib):
        if "Theme" in attr or "theme" in attr:
            del fonts.attrib[attr]
    for key in ("ascii", "hAnsi", "cs", "eastAsia"):
        fonts.set(qn(f"w:{key}"), name)


def fmt(style, *, size=None, bold=None, italic=None, color=None, font=None, before=None, after=None,
        line=None, keep_next=None, indent=None, caps=None) -> None:
    """Set font and paragraph properties of a style (sizes in points, indent in cm)."""
    if size is not None:
        get_or_add(style_rpr(style), "w:sz", R_PR).set(qn("w:val"), str(half_points(pt(size))))
    if bold is not None:
        set_on_off(style_rpr(style), "w:b", bold)
    if italic is not None:
        set_on_off(style_rpr(style), "w:i", italic)
    if color is not None:
        set_color(style_rpr(style), color)
    if caps is not None:
        set_on_off(style_rpr(style), "w:caps", caps)
    if font is not None:
        set_fonts(style_rpr(style), font)
    if style.get(qn("w:type")) != "paragraph":
        return
    if before is not None:
        get_or_add(style_ppr(style), "w:spacing", P_PR).set(qn("w:before"), str(twips(pt(before))))
    if after is not None:
        get_or_add(style_ppr(style), "w:spacing", P_PR).set(qn("w:after"), str(twips(pt(after))))
    if line is not None:
        spacing = get_or_add(style_ppr(style), "w:spacing", P_PR)
        spacing.set(qn("w:line"), str(twips(int(line * 240 * 635))))
        spacing.set(qn("w:lineRule"), "auto")
    if keep_next is not None:
        set_on_off(style_ppr(style), "w:keepNext", keep_next, P_PR)
    if indent is not None:
        get_or_add(style_ppr(style), "w:ind", P_PR).set(qn("w:left"), str(twips(cm(indent))))


def setup_styles(styles: Styles, settings, language: str, text_width_cm: float, comments: bool = False) -> None:
    """Fonts, sizes, colours and the document language (``w:lang`` in the style defaults);
    with ``comments``, Word's styles of review comments."""
    tag = LANG_TAGS.get(language, "en-US")
    rpr_default = styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = rpr_default.find(qn("w:lang"))
    if lang is None:
        lang = el("w:lang")
        rpr_default.append(lang)
    lang.set(qn("w:val"), tag)
    lang.set(qn("w:eastAsia"), tag)
    lang.set(qn("w:bidi"), "ar-SA")
    set_fonts(rpr_default, BODY_FONT)
    theme_lang = settings.find(qn("w:themeFontLang"))
    if theme_lang is None:
        theme_lang = el("w:themeFontLang")
        settings.append(theme_lang)
    theme_lang.set(qn("w:val"), tag)
    # Ask Word to refresh fields (the table of contents) when the file is opened.
    settings.append(el("w:updateFields", val="true"))

    fmt(styles["Normal"], size=11, font=BODY_FONT, after=6, line=1.15)
    sizes = {1: 16, 2: 13, 3: 12, 4: 11, 5: 11, 6: 11}
    for level, size in sizes.items():
        fmt(styles[f"Heading {level}"], size=size, bold=True, italic=False, font=HEADING_FONT,
            color=DARK_BLUE if level == 1 else BLUE, before=18 if level == 1 else 12,
            after=6 if level == 1 else 4, keep_next=True)
    border(style_ppr(styles["Heading 1"]), "bottom", "B4C6E7", size=6, space=2)
    fmt(styles[PARAGRAPH_STYLES["title"]], size=26, bold=True, font=HEADING_FONT, color=DARK_BLUE, before=0, after=12)
    title_ppr = style_ppr(styles[PARAGRAPH_STYLES["title"]])
    for old in title_ppr.findall(qn("w:pBdr")):
        title_ppr.remove(old)
    fmt(styles.get_or_add(PARAGRAPH_STYLES["kicker"], base="Normal"), size=10, bold=True, color=BLUE, caps=True, before=96, after=6)
    fmt(styles[PARAGRAPH_STYLES["subtitle"]], size=13, italic=False, font=BODY_FONT, color="404040", after=4)
    fmt(styles.get_or_add(PARAGRAPH_STYLES["date"], base="Normal"), size=11, color=GREY, after=36)
    fmt(styles[PARAGRAPH_STYLES["contents-heading"]], size=13, bold=True, font=HEADING_FONT, color=DARK_BLUE, before=12, after=6)
    toc1 = styles.get_or_add(CONTENTS_ENTRY_STYLE, base="Normal")
    fmt(toc1, size=11, after=3)
    _add_tab_stop(style_ppr(toc1), twips(cm(text_width_cm)), "right", "dot")
    fmt(styles[FIGURE_CAPTION_STYLE], size=9, bold=False, italic=True, color="404040", before=2, after=10)
    fmt(styles["Quote"], size=11, italic=True, color="404040", indent=0.75, before=4, after=8)
    border(style_ppr(styles["Quote"]), "left", "8EAADB", size=18, space=8)
    code = styles.get_or_add("Source Code", base="Normal")
    fmt(code, size=9, font=CODE_FONT, before=4, after=8, line=1.0, indent=0.25)
    shade(style_ppr(code), CODE_FILL)
    style_rpr(code).append(el("w:noProof"))
    inline = styles.get_or_add("Inline Code", kind="character")
    fmt(inline, size=10, font=CODE_FONT, color="C7254E")
    style_rpr(inline).append(el("w:noProof"))
    link = styles.get_or_add("Hyperlink", kind="character")
    fmt(link, color="0563C1")
    get_or_add(style_rpr(link), "w:u", R_PR).set(qn("w:val"), "single")
    fmt(styles.get_or_add("Table Text", base="Normal"), size=TABLE_TEXT_PT, after=0, line=1.0)
    fmt(styles.get_or_add(PARAGRAPH_STYLES["legend"], base="Normal"), size=8, color=GREY, before=3, after=10)
    for name in ("Header", "Footer"):
        fmt(styles[name], size=9, color=GREY, font=BODY_FONT)
    border(style_ppr(styles["Header"]), "bottom", "B4C6E7", size=4, space=4)
    fmt(styles.get_or_add(TABLE_CAPTION_STYLE, base=FIGURE_CAPTION_STYLE), size=9, bold=True, italic=False, color=DARK_BLUE,
        before=10, after=3, keep_next=True)
    fmt(styles.get_or_add(FIGURE_STYLE, base="Normal"), before=8, after=2, keep_next=True)
    fmt(styles.get_or_add(PARAGRAPH_STYLES["objective-target"], base="Normal"), size=9.5, italic=True, color=GREY, indent=1.27, after=6)
    fmt(styles.get_or_add("Objective KPI", kind="character"), size=9.5, color=GREY)
    fmt(styles["List Paragraph"], after=3)
    indent = style_ppr(styles["List Paragraph"]).find(qn("w:ind"))
    if indent is not None:
        indent.attrib.pop(qn("w:left"), None)
    if comments:
        fmt(styles.get_or_add("annotation text", base="Normal"), size=10, after=0, line=1.0)
        fmt(styles.get_or_add("annotation reference", kind="character"), size=8)


def _add_tab_stop(ppr, position: int, align: str, leader: str) -> None:
    tabs = get_or_add(ppr, "w:tabs", P_PR)
    tab = el("w:tab")
    tab.set(qn("w:pos"), str(position))
    tab.set(qn("w:val"), align)
    tab.set(qn("w:leader"), leader)
    for existing in tabs.iterchildren(qn("w:tab")):
        if position < int(existing.get(qn("w:pos"))):
            existing.addprevious(tab)
            return
    tabs.append(tab)
