"""Inside a DOCX paragraph: its runs as inline pieces, for :mod:`docx_convert`.

:class:`RunReader` is the part of :class:`docx_convert.Converter` that reads
what a paragraph holds: runs with their formatting (:mod:`docx_inline` pieces),
hyperlinks, fields (a table of contents is skipped), comment marks (kept as
offsets in the text read so far), footnotes and equations (import notes), and
pictures, taken out of the file into ``media`` under one name per content.

The converter sets the attributes it uses (``part``, ``styles``, ``light``,
``ours``, ``section``, ``comments``, ``media`` and the private bookkeeping) in
its ``__init__``, and its ``note()`` records import notes.
"""

from __future__ import annotations

import hashlib
import re

from editor.core import import_report as notes
from editor.core.formats.docx import FIGURE_STYLE, SECTION_BOOKMARK, W_NS
from editor.core.formats.docx_inline import BOLD, CODE, ITALIC, STRIKE, Piece
from editor.core.formats.docx_pictures import read_drawing
from editor.core.formats.docx_stylesheet import is_mono, run_props

_W = "{%s}" % W_NS
_R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_MC_ALT = "{http://schemas.openxmlformats.org/markup-compatibility/2006}AlternateContent"
_M = "{http://schemas.openxmlformats.org/officeDocument/2006/math}"
_DRAWINGS = {_W + "drawing", _W + "pict", _W + "object", _MC_ALT}
_SECTION_BOOKMARK = re.compile(r"^%s([a-z]+)$" % re.escape(SECTION_BOOKMARK))
_FIGURE = FIGURE_STYLE.lower()
TEXT_SAMPLE = 60_000  # characters of text enough to tell the language


class RunReader:
    """Reads the runs of paragraphs into pieces; mixed into ``docx_convert.Converter``."""

    # -- the text read so far, and where comments start and end in it ----------------
    def _comment_start(self, cid: str | None) -> None:
        if cid is not None and cid not in self.comments and cid not in self._open and cid not in self._spans:
            self._open[cid] = self._pos
            self._pending.append(cid)

    def _comment_end(self, cid: str | None) -> None:
        if cid in self._open:
            self._spans[cid] = (self._open.pop(cid), self._pos)

    def _text(self, text: str) -> None:
        self._chars.append(text)
        self._pos += len(text)
        if self._sample_size < TEXT_SAMPLE:
            self._sample.append(text)
            self._sample_size += len(text)

    def _newline(self) -> None:
        self._chars.append("\n")
        self._pos += 1

    # -- runs -------------------------------------------------------------------
    def _collect(self, element, pieces: list[Piece], link: str | None, state: dict) -> None:
        for child in element.iterchildren():
            tag = child.tag
            if tag == _W + "r":
                self._run(child, pieces, link, state)
            elif tag == _W + "hyperlink":
                url = None
                rid = child.get(_R_ID)
                if rid:
                    rel = self.part.rels.get(rid)
                    url = rel.target_ref if rel is not None and rel.is_external else None
                elif child.get(_W + "anchor") and not child.get(_W + "anchor").startswith("_Toc"):
                    url = "#" + child.get(_W + "anchor")
                self._collect(child, pieces, url, state)
            elif tag in (_W + "ins", _W + "smartTag", _W + "fldSimple", _W + "customXml", _W + "moveTo", _W + "dir",
                         _W + "bdo"):
                self._collect(child, pieces, link, state)
            elif tag == _W + "sdt":
                content = child.find(_W + "sdtContent")
                if content is not None:
                    self._collect(content, pieces, link, state)
            elif tag == _W + "commentRangeStart":
                self._comment_start(child.get(_W + "id"))
            elif tag == _W + "commentRangeEnd":
                self._comment_end(child.get(_W + "id"))
            elif tag == _W + "bookmarkStart":
                m = _SECTION_BOOKMARK.match(child.get(_W + "name") or "")
                if m:
                    state["bookmark"] = m.group(1)
            elif tag in (_M + "oMath", _M + "oMathPara"):
                words = "".join(t.text or "" for t in child.iter(_M + "t"))
                self.note(notes.EQUATION, kind="text", text=notes.quote(words))

    def _run(self, r, pieces: list[Piece], link: str | None, state: dict) -> None:
        flags = None
        for node in r.iterchildren():
            tag = node.tag
            if tag == _W + "fldChar":
                kind = node.get(_W + "fldCharType")
                if kind == "begin":
                    self._fields.append(["", "code"])
                elif kind == "separate" and self._fields:
                    self._fields[-1][1] = "result"
                elif kind == "end" and self._fields:
                    self._fields.pop()
                continue
            if tag == _W + "instrText" and self._fields and self._fields[-1][1] == "code":
                self._fields[-1][0] += node.text or ""
                continue
            if self._fields and (self._fields[-1][1] == "code" or any(
                    f[0].strip().upper().startswith("TOC") for f in self._fields)):
                continue
            if tag == _W + "commentReference":
                cid = node.get(_W + "id")
                if cid not in self.comments and cid not in self._open and cid not in self._spans:
                    self._comment_start(cid)  # a comment on a point, without a range
                    self._comment_end(cid)
                continue
            field_link = link
            if self._fields:
                m = re.match(r'\s*HYPERLINK\s+"([^"]+)"', self._fields[-1][0])
                if m:
                    field_link = m.group(1)
            if tag in _DRAWINGS:
                self._drawing(node, pieces, field_link, state)
                continue
            if tag in (_W + "footnoteReference", _W + "endnoteReference"):
                self._footnote(node)
                continue
            if tag == _W + "t":
                text = node.text or ""
            elif tag in (_W + "tab", _W + "ptab"):
                text = " "
            elif tag in (_W + "br", _W + "cr"):
                if node.get(_W + "type") in ("page", "column"):
                    continue
                pieces.append(Piece("break"))
                self._text("\n")
                continue
            elif tag == _W + "noBreakHyphen":
                text = "-"
            elif tag == _W + "sym" and re.fullmatch(r"[0-9A-Fa-f]{2,5}", node.get(_W + "char") or ""):
                code = int(node.get(_W + "char"), 16)
                code = code - 0xF000 if 0xF020 <= code <= 0xF0FF else code  # a symbol font's private code
                text = "" if 0xD800 <= code <= 0xDFFF else chr(code)
            else:
                continue
            if not text:
                continue
            if flags is None:
                flags = frozenset() if self.light else self._run_flags(r, field_link, state)
            pieces.append(Piece("text", text, flags, field_link))
            self._text(text)

    def _run_flags(self, r, link: str | None, state: dict) -> frozenset:
        rpr = r.find(_W + "rPr")
        direct = run_props(rpr)
        style = rpr.find(_W + "rStyle") if rpr is not None else None
        styled = self.styles.resolve(style.get(_W + "val")) if style is not None else {}
        name = styled.get("name", "").lower()
        flags = set()
        for key, flag in (("b", BOLD), ("i", ITALIC), ("s", STRIKE)):
            by_name = (key == "b" and name == "strong") or (key == "i" and name == "emphasis")
            if direct.get(key, styled.get(key, by_name)):
                flags.add(flag)
        font = direct.get("font") or styled.get("font") or ""
        if is_mono(font) or any(w in name for w in ("code", "verbatim", "source text")):
            flags.add(CODE)
        text = "".join(t.text or "" for t in r.iter(_W + "t"))
        lang = direct.get("lang") or styled.get("lang") or state["lang"]
        if lang:
            self._lang_weights[lang] += len(text)
        if link is None and (direct.get("u") or direct.get("mark") or direct.get("script")) and text.strip():
            state.setdefault("lost", []).append(text)
        return frozenset(flags)

    def _footnote(self, node) -> None:
        kind = "footnotes" if node.tag == _W + "footnoteReference" else "endnotes"
        if kind not in self._notes_parts:
            from lxml import etree

            self._notes_parts[kind] = None
            for rel in self.part.rels.values():
                if rel.reltype.endswith("/" + kind) and not rel.is_external:
                    try:
                        self._notes_parts[kind] = etree.fromstring(rel.target_part.blob)
                    except (etree.XMLSyntaxError, ValueError):
                        pass
        text = ""
        element = self._notes_parts[kind]
        for item in element if element is not None else ():
            if item.get(_W + "id") == node.get(_W + "id"):
                text = " ".join("".join(t.text or "" for t in item.iter(_W + "t")).split())
        self.note(notes.FOOTNOTE, kind="text", text=notes.quote(text))

    # -- pictures -----------------------------------------------------------------
    def _drawing(self, node, pieces: list[Piece], link: str | None, state: dict) -> None:
        drawing = read_drawing(node, self.part)
        if drawing.kind != "picture":
            message = {"chart": notes.CHART, "smartart": notes.SMARTART, "textbox": notes.TEXTBOX,
                       "linked": notes.LINKED, "unreadable": notes.UNREADABLE}.get(drawing.kind, notes.SHAPE)
            self.note(message, kind="text", text=notes.quote(drawing.text or drawing.alt or drawing.name))
            return
        if state.get("cell"):
            self.note(notes.CELL_PICTURE, kind="text")
            return
        if self.ours and state["style"] == _FIGURE and self.section in ("risks", "kpis"):
            return  # the risk matrix or KPI chart: drawn again from the tables on export
        pieces.append(Piece("image", self._media_name(drawing.data, drawing.ext), link=link, alt=drawing.alt))

    def _media_name(self, data: bytes, ext: str, stem: str | None = None) -> str:
        digest = hashlib.sha1(data).hexdigest()
        known = self._digests.get(digest)
        if known is not None:
            return known
        n = len(self.media) + 1
        name = f"{stem}.{ext}" if stem else f"picture-{n}.{ext}"
        while name in self.media:
            n += 1
            name = f"{stem or 'picture'}-{n}.{ext}"
        self.media[name] = data
        self._digests[digest] = name
        return name
