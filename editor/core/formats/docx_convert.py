"""The visible content of a DOCX as guide-shaped Markdown, and what it holds besides.

:class:`Converter` walks the body once, in order: section headings (the guide's
titles, or our own bookmarks), sub-headings one level under their section
(Word's Heading 2 under a Heading 1 section is ``###``), paragraphs with their
formatting (:mod:`docx_inline`, read by :mod:`docx_runs`), lists numbered as the reader sees them
(:mod:`docx_numbering`), tables, and pictures, which are taken out of the file
(the architecture diagram of section 5 apart). On the way it notes where each
comment is anchored, the language of the text, the lines our own writer
generates (title page, "Measured by", legends, captions) and every piece of
content Markdown cannot hold, as import notes naming the section.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter

from editor.core import import_report as notes
from editor.core.formats.docx import (
    FEEDBACK_STYLES,
    FIGURE_CAPTION_STYLE,
    FIGURE_STYLE,
    PARAGRAPH_STYLES,
    TABLE_CAPTION_STYLE,
    W_NS,
)
from editor.core.formats.docx_inline import BOLD, CODE, Piece, escape_line_start, pieces_to_markdown
from editor.core.formats.docx_lang import document_language
from editor.core.formats.docx_numbering import Numbering
from editor.core.formats.docx_runs import RunReader
from editor.core.formats.docx_stylesheet import StyleSheet
from editor.core.formats.mdlines import match_section_heading
from editor.core.model import LANGUAGES, SECTION_IDS, Proposal
from editor.i18n import translator

_W = "{%s}" % W_NS
_HEADING_STYLE = re.compile(r"^(?:heading|titre|berschrift|titolo|t[ií]tulo|kop)\s*([1-9])$", re.IGNORECASE)
CAPTION_PREFIX = re.compile(r"^(?:figure|table|tableau|fig\.?)\s*\d+\s*[:.\-–—]\s*", re.IGNORECASE)
# Our writer's styles as the reader compares them (names lower-cased), by the export blocks' names.
OUR_STYLES = {key: name.lower() for key, name in PARAGRAPH_STYLES.items()} | {
    "table-caption": TABLE_CAPTION_STYLE.lower(), "caption": FIGURE_CAPTION_STYLE.lower(),
    "figure": FIGURE_STYLE.lower()}
_TARGET, _LEGEND, _TITLE = OUR_STYLES["objective-target"], OUR_STYLES["legend"], OUR_STYLES["title"]
_CONTENTS_HEADING, _CAPTION, _FIGURE = OUR_STYLES["contents-heading"], OUR_STYLES["caption"], OUR_STYLES["figure"]
# Styles our writer gives to lines it generates; compared with what it wrote, never read as prose.
GENERATED_STYLES = {OUR_STYLES["table-caption"], _LEGEND, _TARGET}
TITLE_PAGE_STYLES = {OUR_STYLES[s] for s in ("kicker", "title", "subtitle", "date", "contents-heading")}
_CODE_STYLES = ("source code", "html preformatted", "code", "macro text", "plain text")
_FEEDBACK_STYLES = {name.lower() for name in FEEDBACK_STYLES}
MAX_GRID_SPAN = 63
MAX_QUOTE = 2000  # characters of the words a comment covers, kept


@functools.cache
def poc_labels() -> str:
    """The POC line's label in every language, as a regular expression's alternatives."""
    from editor.core.export.build import POC_LABEL

    return "|".join(sorted(re.escape(translator(lang)(POC_LABEL)) for lang in LANGUAGES))


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).casefold().split())


def media_stem(path: str, default: str) -> str:
    """A plain file stem for a picture taken from ``path`` (``/x/My arch.svg`` -> ``My-arch``)."""
    stem = re.sub(r"\.[A-Za-z0-9]{1,5}$", "", re.split(r"[\\/]", path)[-1])
    stem = re.sub(r"[^A-Za-z0-9_-]+", "-", stem).strip("-_")[:60]
    return stem or default


class Converter(RunReader):
    """One walk over a document's body; :meth:`markdown` runs it once (runs: :class:`RunReader`)."""

    def __init__(self, document, stored: Proposal | None, light: bool = False):
        # ``light``: the stored proposal stands (an unchanged export); only pictures, comments
        # and the title page are wanted, not the Markdown.
        self.light = light
        self.doc = document
        self.part = document.part
        self.stored = stored
        self.ours = stored is not None
        self.styles = StyleSheet(self._element(lambda: document.styles.element))
        self.numbering = Numbering(self._element(lambda: document.part.numbering_part.element))
        self.notes: list = []
        self.title = ""
        self.title_page: dict[str, str] = {}
        self.generated: list[dict] = []
        self.media: dict[str, bytes] = {}
        self._digests: dict[str, str] = {}
        self.diagram: tuple[str, str, str] | None = None  # media name, alt, caption
        self.pictures: dict[str, list[tuple[str, str]]] = {}  # section -> (name, alt) of prose pictures
        self.comments: dict[str, dict] = {}  # comment id -> anchor fields and covered text
        # Comments are found by where they start and end in the text read so far (offsets), so
        # that thousands of open ranges cost no more than one.
        self._chars: list[str] = []
        self._pos = 0
        self._open: dict[str, int] = {}
        self._spans: dict[str, tuple[int, int]] = {}
        self._pending: list[str] = []
        self.section: str | None = None
        self.section_level = 1
        self.objective_count = 0
        self.used_ids: dict[str, set[str]] = {}
        self._after_diagram = False
        self._fields: list[list] = []
        self._list: str | None = None
        self._lang_weights: Counter = Counter()
        self._sample: list[str] = []
        self._sample_size = 0
        self._formatting: dict[str, list[str]] = {}
        self._notes_parts: dict[str, object] = {}
        self.out: list[str] = []
        props = document.core_properties
        self.authors = [a.strip() for a in re.split(r"[;,]", props.author or "") if a.strip()]
        self.created, self.modified = props.created, props.modified
        self._core_language = props.language or ""
        self.language: str | None = None
        self.known_captions = self._known_captions()
        self._has_comments = any(rel.reltype.endswith("/comments") for rel in self.part.rels.values())

    @staticmethod
    def _element(get):
        try:
            return get()
        except (KeyError, NotImplementedError, AttributeError):
            return None

    def _known_captions(self) -> set[str]:
        from editor.core.charts import CHART_TITLES

        return {fold(translator(lang)(msg)) for lang in LANGUAGES for msg in CHART_TITLES.values()}

    def note(self, message: str, **values) -> None:
        self.notes.append(notes.note(self.section, message, **values))

    # -- the walk -------------------------------------------------------------
    def markdown(self) -> str:
        self._walk(self.doc.element.body)
        full = "".join(self._chars)
        for cid in self._open:
            self._spans.setdefault(cid, (self._open[cid], self._pos))  # never closed: to the end
        for cid, fields in self.comments.items():
            start, end = self._spans.get(cid, (0, 0))
            fields["quote"] = " ".join(full[start: min(end, start + MAX_QUOTE)].split())
            # Words covering the whole heading, row or item they are anchored to say nothing more.
            whole, row = fields.pop("whole", None), fields.pop("row", None)
            if row is not None and fields["quote"] == " ".join(row.split()):
                fields["quote"] = fields["field"] = ""  # a whole row, not its first cell
            elif fields["kind"] != "text" and whole is not None and fields["quote"] == " ".join(whole.split()):
                fields["quote"] = ""
        for sid, quotes in self._formatting.items():
            self.notes.append(notes.note(sid, notes.FORMATTING, kind="text", text="”, “".join(quotes[:3])))
        if not self.ours:  # our exports say their language
            self.language = document_language(" ".join(self._sample), dict(self._lang_weights), self._core_language)
        head = ["# " + self.title.replace("\n", " "), ""] if self.title else []
        text = "\n".join(head + self.out)
        return re.sub(r"\n{3,}", "\n\n", text).strip("\n") + "\n"

    def _walk(self, parent) -> None:
        for child in parent.iterchildren():
            tag = child.tag
            if tag == _W + "p":
                self._paragraph(child)
            elif tag == _W + "tbl":
                self._end_list()
                if not self.light or self._has_comments:  # a table holds no picture, only comments matter
                    self._table(child)
            elif tag == _W + "sdt":
                gallery = child.find(f"{_W}sdtPr/{_W}docPartObj/{_W}docPartGallery")
                if gallery is not None and "content" in (gallery.get(_W + "val") or "").lower():
                    continue  # a Word table of contents
                content = child.find(_W + "sdtContent")
                if content is not None:
                    self._walk(content)
            elif tag == _W + "customXml":
                self._walk(child)
            elif tag == _W + "commentRangeStart":
                self._comment_start(child.get(_W + "id"))
            elif tag == _W + "commentRangeEnd":
                self._comment_end(child.get(_W + "id"))

    def anchor(self, cid: str, section: str | None, kind: str = "", item: str = "", field: str = "",
               whole: str | None = None, row: str | None = None) -> None:
        """Where comment ``cid`` is anchored, in the proposal's terms (``whole``: the text of what
        it names; ``row``: of the table row it starts in); its words are taken at the end."""
        self.comments[cid] = {"section": section or "", "kind": kind, "item": str(item), "field": field, "quote": "",
                              "whole": whole, "row": row}

    def _anchor_pending(self, section: str | None, kind: str = "", item: str = "", field: str = "",
                        whole: str | None = None) -> None:
        for cid in self._pending:
            self.anchor(cid, section, kind, item, field, whole)
        self._pending.clear()

    # -- paragraph properties -------------------------------------------------
    def _paragraph_props(self, p) -> tuple[dict, object]:
        ppr = p.find(_W + "pPr")
        style = ppr.find(_W + "pStyle") if ppr is not None else None
        return self.styles.resolve(style.get(_W + "val") if style is not None else None), ppr

    @staticmethod
    def _heading_level(props: dict, ppr) -> int | None:
        m = _HEADING_STYLE.match(props.get("name", ""))
        if m:
            return int(m.group(1))
        outline = ppr.find(_W + "outlineLvl") if ppr is not None else None
        value = outline.get(_W + "val") if outline is not None else props.get("outline")
        if value is not None and str(value).isdigit() and int(value) < 9:
            return int(value) + 1
        return None

    def _list_info(self, props: dict, ppr) -> tuple[str, int] | None:
        """(list instance id, level) when the paragraph is a list item (direct or style numbering)."""
        numpr = ppr.find(_W + "numPr") if ppr is not None else None
        if numpr is None or numpr.find(_W + "numId") is None:
            numpr = props.get("numPr", numpr)
        if numpr is None:
            return None
        num = numpr.find(_W + "numId")
        lvl = numpr.find(_W + "ilvl")
        num_id = num.get(_W + "val") if num is not None else None
        if num_id in (None, "0") or not self.numbering.known(num_id):
            return None
        raw = lvl.get(_W + "val") if lvl is not None else "0"
        return num_id, int(raw) if (raw or "").isdigit() else 0

    def _take_diagram(self, pieces: list[Piece], style: str) -> bool:
        """The first picture standing alone in section 5 is the architecture diagram (in our
        exports, the one in a Figure paragraph: pictures of the text come before it)."""
        images = [p for p in pieces if p.kind == "image"]
        if self.section != "architecture" or self.diagram is not None or len(images) != 1 \
                or any(p.kind == "text" and p.text.strip() for p in pieces) or (self.ours and style != _FIGURE):
            return False
        image = images[0]
        stored_path = self.stored.diagram.path if self.stored is not None else ""
        stem = media_stem(stored_path, "architecture") if stored_path else "architecture"
        data = self.media.pop(image.text)
        self._digests = {d: n for d, n in self._digests.items() if n != image.text}
        name = self._media_name(data, image.text.rsplit(".", 1)[-1], stem)
        self.diagram = (name, image.alt, "")
        self._after_diagram = True
        return True

    # -- paragraphs ---------------------------------------------------------------
    def _end_list(self) -> None:
        if self._list is not None:
            self.out.append("")
            self._list = None

    def _paragraph(self, p) -> None:
        props, ppr = self._paragraph_props(p)
        lname = props.get("name", "").lower()
        state = {"style": lname, "lang": props.get("lang") or self.styles.default_lang}
        in_toc = any(f[0].strip().upper().startswith("TOC") for f in self._fields)
        pieces: list[Piece] = []
        self._collect(p, pieces, None, state)
        self._newline()
        if state.get("lost"):
            self._formatting.setdefault(self.section or "title", []).append(notes.quote(" ".join(state["lost"]), 40))
        plain = "".join(piece.text if piece.kind == "text" else "\n" if piece.kind == "break" else ""
                        for piece in pieces)
        after_diagram, self._after_diagram = self._after_diagram, False
        if in_toc or any(f[0].strip().upper().startswith("TOC") for f in self._fields) \
                or (lname.startswith("toc") and lname != _CONTENTS_HEADING):
            return self._anchor_pending(self.section)
        if lname in _FEEDBACK_STYLES:  # an instructor's feedback page on a copy: not the student's text
            return self._anchor_pending(self.section)
        if self.ours and self.section is None and lname in TITLE_PAGE_STYLES:
            self.title_page.setdefault(lname, plain.strip())
            return self._anchor_pending("title")
        if self.ours and lname in GENERATED_STYLES:
            self.generated.append({"section": self.section, "style": lname, "text": plain.strip(),
                                   "objective": self.objective_count})
            item = str(self.objective_count) if lname == _TARGET else ""
            kind = {_TARGET: "objective", _LEGEND: "risk"}.get(lname, "")
            return self._anchor_pending(self.section, kind, item, "kpi_ids" if item else "", whole=plain)
        if not plain.strip() and not any(piece.kind == "image" for piece in pieces):
            return self._anchor_pending(self.section)
        if self._take_diagram(pieces, lname):
            return self._anchor_pending(self.section, "diagram", whole=plain)
        images = [(piece.text, piece.alt) for piece in pieces if piece.kind == "image"]
        if images:
            self.pictures.setdefault(self.section or "", []).extend(images)
        text = "" if self.light else pieces_to_markdown(pieces)
        if lname == _TITLE and not self.title and self.section is None:
            self.title = plain.strip()
            return self._anchor_pending("title")
        if lname == _CAPTION:
            return self._caption(plain, text, after_diagram)
        level = self._heading_level(props, ppr)
        sid = state.get("bookmark") if self.ours else None
        if sid in SECTION_IDS:
            return self._section_heading(sid, plain, level)
        sid = match_section_heading(plain.strip()) if len(plain) < 150 else None
        visible = [piece for piece in pieces if piece.kind == "text" and piece.text.strip()]
        all_bold = bool(visible) and all(BOLD in piece.flags for piece in visible)
        numbered_title = bool(re.match(r"^\s*\d{1,2}\s*[.)]\s+\S", plain))
        if sid and (level is not None or all_bold or props.get("b") or numbered_title or lname == _TITLE):
            return self._section_heading(sid, plain, level)
        if level is not None:
            self._end_list()
            depth = max(3, min(6, level - self.section_level + 2))
            self.out += ["#" * depth + " " + escape_line_start(" ".join(plain.split())), ""]
            return self._anchor_pending(self.section, "text")
        info = self._list_info(props, ppr)
        if info is not None:
            return self._list_item(info, text, plain)
        self._end_list()
        if self.section == "resources" and re.match(r"^\s*(?:%s)\s*:" % poc_labels(), plain, re.IGNORECASE):
            self._anchor_pending(self.section, "resource", "", "poc_url", whole=plain)
        self._anchor_pending(self.section, "text")
        if "quote" in lname or "citation" in lname or lname == "block text":
            self.out += ["> " + line for line in text.split("\n")] + [""]
        elif lname in _CODE_STYLES or (visible and all(CODE in piece.flags for piece in visible)):
            lines = plain.replace("\t", " ").split("\n")
            if len(self.out) >= 2 and self.out[-2] == "```" and self.out[-1] == "":
                self.out[-2:] = lines + ["```", ""]
            else:
                self.out += ["```"] + lines + ["```", ""]
        else:
            self.out += text.split("\n") + [""]

    def _section_heading(self, sid: str, plain: str, level: int | None) -> None:
        self._end_list()
        self.section = sid
        self.section_level = level or 1
        self._anchor_pending(sid, whole=plain)
        if self.ours:
            from editor.core.guide import section_title

            lang = self.stored.metadata.language
            if fold(plain) not in (fold(section_title(sid, lang)), fold(section_title(sid, lang, numbered=False))):
                self.note(notes.HEADING, text=notes.quote(plain))
            plain = section_title(sid, lang)
        self.out += ["## " + " ".join(plain.split()), ""]

    def _caption(self, plain: str, text: str, after_diagram: bool) -> None:
        stripped = CAPTION_PREFIX.sub("", plain.strip())
        if after_diagram and self.diagram is not None:
            self.diagram = (self.diagram[0], self.diagram[1], stripped.strip())
            return self._anchor_pending(self.section, "diagram", whole=plain)
        if fold(stripped) in self.known_captions:
            return self._anchor_pending(self.section, whole=plain)
        self._end_list()
        self._anchor_pending(self.section, "text")
        self.out += [f"*{text.strip()}*", ""]

    def _list_item(self, info: tuple[str, int], text: str, plain: str) -> None:
        num_id, level = info
        fmt = self.numbering.format(num_id, level)
        restarts = self.numbering.restarts(num_id, level)
        number = self.numbering.number(num_id, level)
        key = self.numbering.list_key(num_id)
        if level == 0:
            if self._list is not None and (self._list != key or restarts):
                self.out.append("")  # another list
            self._list = key
            if self.section == "objectives":
                self.objective_count += 1
        elif self._list is None:
            self._list = key
        if self.section == "objectives" and level == 0:
            self._anchor_pending(self.section, "objective", str(self.objective_count), "text", whole=plain)
        else:
            self._anchor_pending(self.section, "text")
        marker = "-" if fmt in ("bullet", "none") else f"{number}."
        indent = "    " * level
        lines = text.split("\n")
        self.out.append(f"{indent}{marker} {lines[0]}")
        self.out += [indent + "    " + line for line in lines[1:]]

    # -- tables -------------------------------------------------------------------
    def _table(self, tbl) -> None:
        from editor.core.formats.docx_tables import table_markdown

        rows: list[list[str]] = []
        anchors: list[tuple[str, int, int, str]] = []
        for tr in tbl.iterchildren(_W + "tr"):
            cells = []
            for tc in tr.iterchildren(_W + "tc"):
                paras = []
                for p in tc.iter(_W + "p"):
                    pieces: list[Piece] = []
                    self._collect(p, pieces, None, {"style": "", "lang": self.styles.default_lang, "cell": True})
                    paras.append("".join(piece.text if piece.kind == "text" else "\n" if piece.kind == "break"
                                         else "" for piece in pieces))
                    self._newline()
                for cid in self._pending:
                    anchors.append((cid, len(rows), len(cells), "\n".join(paras)))
                self._pending.clear()
                span = tc.find(f"{_W}tcPr/{_W}gridSpan")
                merged = tc.find(f"{_W}tcPr/{_W}vMerge")
                text = "\n".join(paras).strip("\n")
                if merged is not None and merged.get(_W + "val") in (None, "continue"):
                    text = ""
                cells.append(text)
                if span is not None and (span.get(_W + "val") or "1").isdigit():
                    # Word allows 63 columns; a larger span is a forged file, not a wider table.
                    cells += [""] * (min(int(span.get(_W + "val")), MAX_GRID_SPAN) - 1)
            rows.append(cells)
        self.out += table_markdown(self, rows, anchors, lines=not self.light)
