"""The styles of a DOCX, read once with lxml: names, inheritance, and the few
properties the reader needs (bold, italic, strikethrough, monospace font,
language, list numbering, outline level).

python-docx looks a style up by scanning every style; a document has few
styles and many runs, so each is resolved once here.
"""

from __future__ import annotations

from editor.core.formats.docx import W_NS

_W = "{%s}" % W_NS
MONO_FONTS = ("consolas", "courier", "mono", "menlo", "monaco", "source code", "fira code", "lucida console")
_OFF = ("0", "false", "off", "none")


def on_off(element) -> bool | None:
    """An on/off property (``<w:b/>``, ``<w:b w:val="0"/>``); None when absent."""
    if element is None:
        return None
    return (element.get(_W + "val") or "true").lower() not in _OFF


def run_props(rpr) -> dict:
    """The properties of a ``w:rPr`` the reader uses (only those present)."""
    props: dict = {}
    if rpr is None:
        return props
    for key, tags in (("b", ("b",)), ("i", ("i",)), ("s", ("strike", "dstrike"))):
        for tag in tags:
            value = on_off(rpr.find(_W + tag))
            if value is not None:
                props[key] = props.get(key, False) or value
    fonts = rpr.find(_W + "rFonts")
    if fonts is not None:
        name = fonts.get(_W + "ascii") or fonts.get(_W + "hAnsi")
        if name:
            props["font"] = name
    lang = rpr.find(_W + "lang")
    if lang is not None and lang.get(_W + "val"):
        props["lang"] = lang.get(_W + "val")
    underline = rpr.find(_W + "u")
    if underline is not None and (underline.get(_W + "val") or "single") != "none":
        props["u"] = True
    highlight = rpr.find(_W + "highlight")
    if highlight is not None and (highlight.get(_W + "val") or "none") != "none":
        props["mark"] = True
    color = rpr.find(_W + "color")
    if color is not None and (color.get(_W + "val") or "auto") not in ("auto", "000000"):
        props["mark"] = True
    vert = rpr.find(_W + "vertAlign")
    if vert is not None and vert.get(_W + "val") in ("superscript", "subscript"):
        props["script"] = True
    return props


def is_mono(font: str) -> bool:
    lowered = font.lower()
    return any(m in lowered for m in MONO_FONTS)


class StyleSheet:
    """Styles by id, with their inherited properties resolved on first use."""

    def __init__(self, element) -> None:
        self._styles: dict[str, object] = {}
        self._resolved: dict[str, dict] = {}
        self.default_paragraph: str | None = None
        self.default_lang = ""
        if element is None:
            return
        for style in element.iterchildren(_W + "style"):
            sid = style.get(_W + "styleId")
            if sid is None:
                continue
            self._styles.setdefault(sid, style)
            if style.get(_W + "type") == "paragraph" and style.get(_W + "default") in ("1", "true", "on"):
                self.default_paragraph = sid
        lang = element.find(f"{_W}docDefaults/{_W}rPrDefault/{_W}rPr/{_W}lang")
        if lang is not None:
            self.default_lang = lang.get(_W + "val") or ""

    def resolve(self, style_id: str | None) -> dict:
        """Name, kind, run properties, numbering and outline level of a style (inherited)."""
        if style_id is None:
            style_id = self.default_paragraph
        if style_id is None:
            return {}
        found = self._resolved.get(style_id)
        if found is not None:
            return found
        chain = []
        sid: str | None = style_id
        while sid is not None and sid in self._styles and len(chain) < 20 and sid not in chain:
            chain.append(sid)
            based = self._styles[sid].find(_W + "basedOn")
            sid = based.get(_W + "val") if based is not None else None
        props: dict = {}
        for sid in reversed(chain):  # the base first, each style overriding it
            style = self._styles[sid]
            props.update(run_props(style.find(_W + "rPr")))
            ppr = style.find(_W + "pPr")
            if ppr is not None:
                numpr = ppr.find(_W + "numPr")
                if numpr is not None:
                    props["numPr"] = numpr
                outline = ppr.find(_W + "outlineLvl")
                if outline is not None and (outline.get(_W + "val") or "").isdigit():
                    props["outline"] = int(outline.get(_W + "val"))
        style = self._styles.get(style_id)
        name = style.find(_W + "name") if style is not None else None
        props["name"] = (name.get(_W + "val") or "").strip() if name is not None else ""
        props["names"] = [self._name(s) for s in chain]
        self._resolved[style_id] = props
        return props

    def _name(self, sid: str) -> str:
        name = self._styles[sid].find(_W + "name")
        return ((name.get(_W + "val") or "") if name is not None else "").strip().lower()
