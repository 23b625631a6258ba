"""DOCX -> Proposal.

A document written by this app carries the proposal in a custom XML part with
a fingerprint of its visible text: while the text is unchanged, that proposal
is returned exactly. Otherwise (edited elsewhere, or written by hand in Word or
LibreOffice) the visible content is turned into Markdown that follows the
guide's structure and read by the Markdown reader, which recognises the
section titles (FR/EN), the objectives list and the risk/KPI/data-source tables.

Untrusted input: the zip is measured and repacked before anything is parsed, and
the body's size before it is walked (:mod:`docx_bounds`); XML is parsed without
entity expansion.
"""

from __future__ import annotations

import io
import os
import re
import unicodedata
import zipfile

from editor.core.formats import FormatError, ReadResult, read_file_bytes, read_with_path
from editor.core.formats.docx import PART_NAMESPACE, PART_VERSION, W_NS, fingerprint
from editor.core.formats.docx_bounds import check_body, checked_archive
from editor.core.formats.mdlines import match_section_heading
from editor.core.formats.mdread import check_counts, read_markdown
from editor.core.model import LANGUAGES, Proposal
from editor.i18n import _, translator

MAX_FILE_BYTES = 100 * 1024 * 1024

_W = "{%s}" % W_NS
_R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_MONO_FONTS = ("consolas", "courier", "mono", "menlo", "monaco", "source code", "fira code", "lucida console")
_HEADING_STYLE = re.compile(r"^(?:heading|titre|berschrift|titolo|t[ií]tulo|kop)\s*([1-9])$", re.IGNORECASE)
_CAPTION_PREFIX = re.compile(r"^(?:figure|table|tableau|fig\.?)\s*\d+\s*[:.\-–—]\s*", re.IGNORECASE)
_POC_LINE = re.compile(r"^\*\*(?:GitHub POC|POC GitHub)\s*:?\*\*\s*:?\s*(?:\[[^\]]*\]\(<?([^)>\s]+)>?\)|(\S+))\s*$")
# Styles this app writes that hold layout, not content.
_SKIP_STYLES = {"table caption", "table legend", "objective target", "kicker", "document date", "toc heading"}
_OWN_METADATA_STYLES = {"subtitle", "title"}

MAX_GRID_SPAN = 63


def read_docx(path: str | os.PathLike, default_language: str = "en") -> ReadResult:
    """Read a proposal from ``path``; FormatError names the file and the problem."""
    data = read_file_bytes(path, MAX_FILE_BYTES)
    return read_with_path(path, read_docx_bytes, data, default_language)


def _safe_parser():
    from lxml import etree

    return etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False)


def _stored_part(archive: zipfile.ZipFile) -> tuple[str, str, str] | None:
    """(version, fingerprint, json) of our custom XML part, if the document has one."""
    from lxml import etree

    for name in archive.namelist():
        if not re.fullmatch(r"customXml/item\d+\.xml", name):
            continue
        try:
            root = etree.fromstring(archive.read(name), _safe_parser())
        except (etree.XMLSyntaxError, zipfile.BadZipFile, OSError, ValueError):
            continue
        if root.tag != f"{{{PART_NAMESPACE}}}proposal":
            continue
        node = root.find(f"{{{PART_NAMESPACE}}}json")
        return root.get("version", ""), root.get("fingerprint", ""), (node.text or "") if node is not None else ""
    return None


def read_docx_bytes(data: bytes, default_language: str = "en") -> ReadResult:
    """Read a proposal from DOCX bytes (see :func:`read_docx`)."""
    data = checked_archive(data)  # measured and repacked: python-docx reads only what was counted
    archive = zipfile.ZipFile(io.BytesIO(data))
    stored = _stored_part(archive)
    try:
        import docx

        document = docx.Document(io.BytesIO(data))
        body = document.element.body
    except Exception as exc:  # python-docx/lxml raise many types for broken packages
        raise FormatError(_("not a readable Word document: {error}").format(
            error=str(exc).splitlines()[0] if str(exc) else type(exc).__name__)) from exc
    warnings: list[str] = []
    stored_proposal = None
    if stored is not None:
        version, print_, payload = stored
        try:
            stored_proposal = Proposal.model_validate_json(payload)
        except ValueError:
            warnings.append(_("The proposal data stored in the document is damaged; the visible text was imported."))
        if stored_proposal is not None:
            check_counts(stored_proposal)  # the stored data obeys the limits the Markdown reader has
        if stored_proposal is not None and version == PART_VERSION and print_ == fingerprint(body):
            return ReadResult(stored_proposal, [])
        if stored_proposal is not None:
            warnings.append(_(
                "The document's text was changed outside the editor since it was exported; "
                "the visible content was imported (check the tables and lists)."
            ))
    check_body(document)  # what the walk below may cost
    converter = _Converter(document, stored_proposal)
    text = converter.markdown()
    language = stored_proposal.metadata.language if stored_proposal else (converter.language or default_language)
    result = read_markdown(text, default_language=language)
    proposal = _complete(result.proposal, converter, stored_proposal)
    return ReadResult(proposal, warnings + result.warnings + converter.warnings)


def _complete(proposal: Proposal, converter: "_Converter", stored: Proposal | None) -> Proposal:
    """What the Markdown reader does not take from hand-written text: POC link, resources, metadata."""
    from editor.core.formats import mdfields as fields
    from editor.core.formats.mdtables import find_tables, parse_table

    sections = dict(proposal.sections)
    lines = sections["resources"].split("\n")
    kept = []
    poc = proposal.poc_url
    for line in lines:
        m = _POC_LINE.match(line.strip())
        if m and not poc:
            poc = (m.group(1) or m.group(2)).strip("<>")
        else:
            kept.append(line)
    resources = list(proposal.resources)
    used: set[int] = set()
    for start, end in find_tables(kept):
        headers, rows = parse_table(kept[start:end])
        if fields.table_kind(headers) == "resources":
            resources += fields.read_rows("resources", headers, rows, resources, [])
            used.update(range(start, end))
    sections["resources"] = re.sub(r"\n{3,}", "\n\n", "\n".join(l for i, l in enumerate(kept) if i not in used))
    update = {"sections": sections, "poc_url": poc, "resources": resources}
    meta = proposal.metadata
    if stored is not None:
        meta = stored.metadata.model_copy(update={"title": converter.title or stored.metadata.title})
        update["diagram"] = stored.diagram
    else:
        changes = {}
        if not meta.authors and converter.authors:
            changes["authors"] = converter.authors
        if not meta.title and converter.title:
            changes["title"] = converter.title
        if meta.created is None and converter.created is not None:
            changes["created"] = converter.created
        if meta.updated is None and converter.modified is not None:
            changes["updated"] = converter.modified
        meta = meta.model_copy(update=changes)
    update["metadata"] = meta
    return Proposal.model_validate(proposal.model_copy(update=update).model_dump())


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).casefold().split())


def _escape_inline(text: str) -> str:
    return re.sub(r"([\\`*_])", r"\\\1", text)


def _escape_line_start(line: str) -> str:
    m = re.match(r"^(\s*)(#|>|[-+]\s|\d+[.)]\s|```|~~~)", line)
    if not m:
        return line
    indent, marker = m.group(1), m.group(2)
    if marker[0].isdigit():
        digits = re.match(r"\d+", marker).group()
        return indent + digits + "\\" + line[len(indent) + len(digits):]
    return indent + "\\" + line[len(indent):]


class _Converter:
    """Visible content of a document as guide-shaped Markdown."""

    def __init__(self, document, stored: Proposal | None):
        self.doc = document
        self.stored = stored
        self.ours = stored is not None
        self.warnings: list[str] = []
        self.title = ""
        self.images_skipped = 0
        self.fields: list[list] = []  # open complex fields: [instruction, state, link_text]
        self._styles: dict = {}
        self.numbering = self._numbering_formats()
        self.counters: dict[tuple[str, int], int] = {}
        self.last_list: str | None = None
        props = document.core_properties
        self.authors = [a.strip() for a in re.split(r"[;,]", props.author or "") if a.strip()]
        self.created, self.modified = props.created, props.modified
        self.core_title = (props.title or "").strip()
        self.language = self._document_language()
        self.known_captions = self._known_captions()

    # -- document facts -----------------------------------------------------
    def _document_language(self) -> str | None:
        lang = None
        try:
            styles = self.doc.styles.element
            node = styles.find(f"{_W}docDefaults/{_W}rPrDefault/{_W}rPr/{_W}lang")
            if node is not None:
                lang = node.get(f"{_W}val")
        except (KeyError, AttributeError):
            pass
        lang = (self.doc.core_properties.language or lang or "")[:2].lower()
        return lang if lang in LANGUAGES else None

    def _known_captions(self) -> set[str]:
        captions = set()
        for lang in LANGUAGES:
            tr = translator(lang)
            for msg in ("Risk matrix (likelihood \u00d7 impact)", "KPI trajectories towards their targets",
                        "Architecture diagram"):
                captions.add(_fold(tr(msg)))
        if self.stored is not None and self.stored.diagram.caption:
            captions.add(_fold(self.stored.diagram.caption))
        return captions

    def _numbering_formats(self) -> dict[tuple[str, int], str]:
        formats: dict[tuple[str, int], str] = {}
        try:
            numbering = self.doc.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return formats
        abstract = {}
        for a in numbering.findall(f"{_W}abstractNum"):
            abstract[a.get(f"{_W}abstractNumId")] = {
                lvl.get(f"{_W}ilvl"): (lvl.find(f"{_W}numFmt").get(f"{_W}val") if lvl.find(f"{_W}numFmt") is not None
                                       else "decimal")
                for lvl in a.findall(f"{_W}lvl")
            }
        for num in numbering.findall(f"{_W}num"):
            ref = num.find(f"{_W}abstractNumId")
            levels = dict(abstract.get(ref.get(f"{_W}val"), {})) if ref is not None else {}
            for override in num.findall(f"{_W}lvlOverride"):
                lvl = override.find(f"{_W}lvl")
                if lvl is not None and lvl.find(f"{_W}numFmt") is not None:
                    levels[override.get(f"{_W}ilvl")] = lvl.find(f"{_W}numFmt").get(f"{_W}val")
            for ilvl, fmt in levels.items():
                if (ilvl or "0").isdigit():  # a hand-made file may say anything here
                    formats[(num.get(f"{_W}numId"), int(ilvl or 0))] = fmt
        return formats

    # -- paragraph properties -------------------------------------------------
    def _paragraph_style(self, paragraph):
        # python-docx looks a style up by scanning every style; a document has few
        # distinct styles and many paragraphs, so look each one up once.
        style_id = paragraph._p.style
        if style_id not in self._styles:
            self._styles[style_id] = paragraph.style
        return self._styles[style_id]

    def _style_chain(self, paragraph):
        style = self._paragraph_style(paragraph)
        seen = 0
        while style is not None and seen < 20:
            yield style
            style = style.base_style
            seen += 1

    def _style_name(self, paragraph) -> str:
        try:
            return (self._paragraph_style(paragraph).name or "").strip()
        except (KeyError, AttributeError, ValueError):
            return ""

    def _heading_level(self, paragraph, name: str) -> int | None:
        m = _HEADING_STYLE.match(name)
        if m:
            return int(m.group(1))
        for holder in [paragraph._p.pPr] + [s.element.pPr for s in self._style_chain(paragraph)]:
            if holder is not None:
                node = holder.find(f"{_W}outlineLvl")
                if node is not None and (node.get(f"{_W}val") or "9").isdigit() and int(node.get(f"{_W}val")) < 9:
                    return int(node.get(f"{_W}val")) + 1
        return None

    def _list_info(self, paragraph) -> tuple[str, int] | None:
        """(format, level) when the paragraph is a list item (direct or style numbering)."""
        for holder in [paragraph._p.pPr] + [s.element.pPr for s in self._style_chain(paragraph)]:
            if holder is None:
                continue
            numpr = holder.find(f"{_W}numPr")
            if numpr is None:
                continue
            num = numpr.find(f"{_W}numId")
            lvl = numpr.find(f"{_W}ilvl")
            num_id = num.get(f"{_W}val") if num is not None else None
            if num_id in (None, "0"):
                return None
            level = int(lvl.get(f"{_W}val")) if lvl is not None and (lvl.get(f"{_W}val") or "").isdigit() else 0
            return self.numbering.get((num_id, level), "decimal") + ":" + num_id, level
        return None

    def _bold_paragraph_style(self, paragraph) -> bool:
        for s in self._style_chain(paragraph):
            if s.font.bold is not None:
                return bool(s.font.bold)
        return False

    # -- the walk -------------------------------------------------------------
    def markdown(self) -> str:
        out: list[str] = []
        self._walk(self.doc.element.body, out)
        if self.images_skipped:
            self.warnings.append(_("{count} picture(s) in the document were not imported; "
                                   "add diagrams again from their image files.").format(count=self.images_skipped))
        lines = []
        if self.title:
            lines += ["# " + self.title.replace("\n", " "), ""]
        text = "\n".join(lines + out)
        return re.sub(r"\n{3,}", "\n\n", text).strip("\n") + "\n"

    def _walk(self, parent, out: list[str]) -> None:
        from docx.table import Table
        from docx.text.paragraph import Paragraph

        for child in parent.iterchildren():
            tag = child.tag
            if tag == f"{_W}p":
                self._paragraph(Paragraph(child, self.doc._body), out)
            elif tag == f"{_W}tbl":
                self._end_list(out)
                self._table(Table(child, self.doc._body), out)
            elif tag == f"{_W}sdt":
                gallery = child.find(f"{_W}sdtPr/{_W}docPartObj/{_W}docPartGallery")
                if gallery is not None and "content" in (gallery.get(f"{_W}val") or "").lower():
                    continue  # a Word table of contents
                content = child.find(f"{_W}sdtContent")
                if content is not None:
                    self._walk(content, out)

    def _end_list(self, out: list[str]) -> None:
        if self.last_list is not None:
            out.append("")
            self.last_list = None

    def _paragraph(self, paragraph, out: list[str]) -> None:
        in_toc = any(f[0].upper().startswith("TOC") for f in self.fields)
        text, plain, all_bold, mono = self._runs(paragraph)
        if in_toc or any(f[0].upper().startswith("TOC") for f in self.fields):
            return
        name = self._style_name(paragraph)
        lname = name.lower()
        if lname.startswith("toc") or lname in _SKIP_STYLES:
            return
        if self.ours and lname in _OWN_METADATA_STYLES:
            if lname == "title":
                self.title = plain.strip()
            return
        if not plain.strip():
            if paragraph._p.find(f".//{_W}drawing") is not None or paragraph._p.find(f".//{_W}pict") is not None:
                if not (self.ours and lname == "figure"):
                    self.images_skipped += 1
            return
        if lname == "title" and not self.title and not any(line.startswith("## ") for line in out):
            self.title = plain.strip()
            return
        if lname == "caption":
            stripped = _fold(_CAPTION_PREFIX.sub("", plain.strip()))
            if stripped in self.known_captions:
                return
            self._end_list(out)
            out += [f"*{text.strip()}*", ""]
            return
        level = self._heading_level(paragraph, name)
        sid = match_section_heading(plain.strip()) if len(plain) < 150 else None
        numbered_title = bool(re.match(r"^\s*\d{1,2}\s*[.)]\s+\S", plain))
        if sid and (level is not None or all_bold or self._bold_paragraph_style(paragraph) or numbered_title
                    or lname == "title"):
            self._end_list(out)
            out += ["## " + plain.strip(), ""]
            return
        if level is not None:
            self._end_list(out)
            # Section titles are level 1, so Word's level N is Markdown's N-1 inside a section.
            out += ["#" * min(6, max(1, level - 1)) + " " + plain.strip(), ""]
            return
        info = self._list_info(paragraph)
        if info is not None:
            self._list_item(info, text, out)
            return
        self._end_list(out)
        if "quote" in lname or "citation" in lname or lname == "block text":
            out += ["> " + line for line in text.split("\n")] + [""]
        elif lname in ("source code", "html preformatted", "code", "macro text", "plain text") or mono:
            if len(out) >= 2 and out[-2] == "```" and out[-1] == "":
                out.pop()
                out.pop()
                out += plain.split("\n") + ["```", ""]
            else:
                out += ["```"] + plain.split("\n") + ["```", ""]
        else:
            out += [_escape_line_start(line) for line in text.split("\n")] + [""]

    def _list_item(self, info: tuple[str, int], text: str, out: list[str]) -> None:
        fmt_key, level = info
        fmt, num_id = fmt_key.split(":", 1)
        if level == 0:
            if self.last_list is not None and self.last_list != num_id:
                out.append("")  # another list: Markdown restarts its numbering after a break
            self.last_list = num_id
        elif self.last_list is None:
            self.last_list = num_id
        counter_key = (num_id, level)
        for key in [k for k in self.counters if k[0] == num_id and k[1] > level]:
            del self.counters[key]
        self.counters[counter_key] = self.counters.get(counter_key, 0) + 1
        marker = "-" if fmt in ("bullet", "none") else f"{self.counters[counter_key]}."
        indent = "    " * level
        lines = text.split("\n")
        out.append(f"{indent}{marker} {lines[0]}")
        out += [indent + "    " + line for line in lines[1:]]

    def _runs(self, paragraph) -> tuple[str, str, bool, bool]:
        """(Markdown text, plain text, every visible run bold, every visible run monospace)."""
        pieces: list[tuple[str, bool, bool, bool, str | None]] = []
        self._collect(paragraph._p, paragraph, pieces, None)
        plain = "".join(p[0] for p in pieces)
        visible = [p for p in pieces if p[0].strip()]
        all_bold = bool(visible) and all(p[1] for p in visible)
        mono = bool(visible) and all(p[3] for p in visible)
        return self._to_markdown(pieces), plain, all_bold, mono

    def _collect(self, element, paragraph, pieces, link: str | None) -> None:
        for child in element.iterchildren():
            tag = child.tag
            if tag == f"{_W}r":
                self._run(child, paragraph, pieces, link)
            elif tag == f"{_W}hyperlink":
                url = None
                rid = child.get(_R_ID)
                if rid:
                    rel = paragraph.part.rels.get(rid)
                    url = rel.target_ref if rel is not None and rel.is_external else None
                elif child.get(f"{_W}anchor") and not child.get(f"{_W}anchor").startswith("_Toc"):
                    url = "#" + child.get(f"{_W}anchor")
                self._collect(child, paragraph, pieces, url)
            elif tag in (f"{_W}ins", f"{_W}smartTag", f"{_W}fldSimple", f"{_W}customXml"):
                self._collect(child, paragraph, pieces, link)
            elif tag == f"{_W}sdt":
                content = child.find(f"{_W}sdtContent")
                if content is not None:
                    self._collect(content, paragraph, pieces, link)

    def _run(self, r, paragraph, pieces, link) -> None:
        from docx.text.run import Run

        for node in r.iterchildren():
            tag = node.tag
            if tag == f"{_W}fldChar":
                kind = node.get(f"{_W}fldCharType")
                if kind == "begin":
                    self.fields.append(["", "code", None])
                elif kind == "separate" and self.fields:
                    self.fields[-1][1] = "result"
                elif kind == "end" and self.fields:
                    self.fields.pop()
                continue
            if tag == f"{_W}instrText" and self.fields and self.fields[-1][1] == "code":
                self.fields[-1][0] += node.text or ""
                continue
            if self.fields and (self.fields[-1][1] == "code" or self.fields[-1][0].strip().upper().startswith("TOC")):
                continue
            field_link = link
            if self.fields:
                m = re.match(r'\s*HYPERLINK\s+"([^"]+)"', self.fields[-1][0])
                if m:
                    field_link = m.group(1)
            if tag == f"{_W}t":
                text = node.text or ""
            elif tag == f"{_W}tab":
                text = " "
            elif tag in (f"{_W}br", f"{_W}cr"):
                if node.get(f"{_W}type") in ("page", "column"):
                    continue
                text = "\n"
            elif tag in (f"{_W}drawing", f"{_W}pict"):
                if not (self.ours and self._style_name(paragraph).lower() == "figure"):
                    self.images_skipped += 1
                continue
            elif tag == f"{_W}noBreakHyphen":
                text = "-"
            else:
                continue
            run = Run(r, paragraph)
            bold, italic, mono = self._run_format(run)
            pieces.append((text, bold, italic, mono, field_link))

    def _run_format(self, run) -> tuple[bool, bool, bool]:
        bold, italic = run.bold, run.italic
        font = run.font.name or ""
        style_id = run._r.style
        if ("r", style_id) not in self._styles:
            try:
                self._styles[("r", style_id)] = run.style
            except (KeyError, ValueError, AttributeError):
                self._styles[("r", style_id)] = None
        style = self._styles[("r", style_id)]
        if style is not None:
            name = (style.name or "").lower()
            if bold is None and (style.font.bold or name == "strong"):
                bold = True
            if italic is None and (style.font.italic or name == "emphasis"):
                italic = True
            font = font or style.font.name or ""
            if "code" in name or "verbatim" in name:
                font = font or "mono"
                return bool(bold), bool(italic), True
        return bool(bold), bool(italic), any(m in font.lower() for m in _MONO_FONTS)

    @staticmethod
    def _to_markdown(pieces) -> str:
        out: list[str] = []
        groups: list[list] = []
        for text, bold, italic, mono, link in pieces:
            key = (bold, italic, mono, link)
            if groups and groups[-1][0] == key:
                groups[-1][1] += text
            else:
                groups.append([key, text])
        for (bold, italic, mono, link), text in groups:
            if mono and "\n" not in text and text.strip():
                fence = "``" if "`" in text else "`"
                body = f"{fence}{text}{fence}"
            else:
                body = _escape_inline(text)
            lead = body[: len(body) - len(body.lstrip())]
            trail = body[len(body.rstrip()):]
            core = body.strip()
            if core and not mono:
                marker = "***" if bold and italic else "**" if bold else "*" if italic else ""
                core = f"{marker}{core}{marker}"
            if core and link:
                core = f"[{core}]({link})" if _fold(text.strip()) != _fold(link) else f"<{link}>"
            out.append(lead + core + trail)
        return "".join(out)

    def _table(self, table, out: list[str]) -> None:
        from editor.core.formats.mdtables import encode_cell

        rows: list[list[str]] = []
        for tr in table._tbl.iterchildren(f"{_W}tr"):
            cells = []
            for tc in tr.iterchildren(f"{_W}tc"):
                paras = []
                for p in tc.iter(f"{_W}p"):
                    state: list[str] = []
                    from editor.core.formats.docx import _paragraph_text

                    paras.append(_paragraph_text(p, state).replace("\t", " "))
                span = tc.find(f"{_W}tcPr/{_W}gridSpan")
                merged = tc.find(f"{_W}tcPr/{_W}vMerge")
                text = "\n".join(paras).strip("\n")
                if merged is not None and merged.get(f"{_W}val") in (None, "continue"):
                    text = ""
                cells.append(text)
                if span is not None and (span.get(f"{_W}val") or "1").isdigit():
                    # Word allows 63 columns; a larger span is a forged file, not a wider table.
                    cells += [""] * (min(int(span.get(f"{_W}val")), MAX_GRID_SPAN) - 1)
            if cells:
                rows.append(cells)
        rows = [r for r in rows if any(c.strip() for c in r)]
        if not rows:
            return
        width = max(len(r) for r in rows)
        if width == 1:  # a one-column table is a framed paragraph, not data
            for r in rows:
                out += [_escape_line_start(line) for line in r[0].split("\n")] + [""]
            return
        rows = [r + [""] * (width - len(r)) for r in rows]
        out.append("| " + " | ".join(encode_cell(c.strip()) or " " for c in rows[0]) + " |")
        out.append("|" + "---|" * width)
        for r in rows[1:]:
            out.append("| " + " | ".join(encode_cell(c.strip()) for c in r) + " |")
        out.append("")
