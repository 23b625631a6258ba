"""Export blocks -> DOCX, with lxml on python-docx's template (python-docx itself is not imported).

Layout: A4 or Letter with 2.5 cm margins, the running header (the title) and "Page X of
Y" from the second page on, Word's real heading styles, numbered lists that restart,
tables with repeated header rows, figures and tables with numbered captions (SEQ
fields), the contents with PAGEREF page numbers, review comments in the margin. The
body is written as XML text and parsed once (see :mod:`docx_parts`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from lxml import etree

from editor.core.export import docx_parts as parts
from editor.core.export.blocks import (
    Block,
    Break,
    CodeBlock,
    Contents,
    Document,
    Figure,
    Heading,
    Inline,
    InlineImage,
    ListBlock,
    PageBreak,
    Paragraph,
    Quote,
    RangeEnd,
    RangeStart,
    Run,
    Table,
    ThematicBreak,
    as_mark,
    caption_separator,
    ranged,
)
from editor.core.export.build import MARGIN_CM, PAPER_SIZES_CM
from editor.core.export.docx_parts import attr, text_xml
from editor.core.export.docx_styles import HEADER_FILL
from editor.core.formats import docx as names
from editor.core.formats import docx_package as pkg
from editor.core.formats.docx_xml import Styles, qn

# Our own XML, escaped, without entities: no limit on a text node's length (a 10 MB paragraph).
_BODY_PARSER = etree.XMLParser(remove_blank_text=True, resolve_entities=False, huge_tree=True)
# Core properties python-docx refused past this length (it raised); longer values are cut.
_CORE_MAX = 255
_PARAGRAPH_STYLES = {"": None, **names.PARAGRAPH_STYLES}
_RUN_STYLES = {"note": "Objective KPI"}
_TASK_BOXES = {False: "\u2610\t", True: "\u2612\t"}


class DeferredFailed(Exception):
    """A picture collected at the end of the build is missing or unusable: build again without deferring."""


class DocxWriter:
    """Writes one document into a package; ``warnings`` collects what the user should be told.

    ``images`` resolves the pictures the blocks name; a lazy mapping (``lazy = True``,
    with ``result()``: charts painted meanwhile) is waited for only at the very end.
    """

    def __init__(self, document: Document, images: Mapping[str, bytes] | None = None) -> None:
        self.doc = document
        self.images = images if images is not None else {}
        self.lazy = bool(getattr(self.images, "lazy", False))
        self.package = pkg.Package()
        self.part = self.package.part_by_type(self.package.root, pkg.RT_OFFICE_DOCUMENT)
        self.body = self.part.element.find(qn("w:body"))
        self.sect_pr = self.body.find(qn("w:sectPr"))
        self.styles = Styles(self.package.part_by_type(self.part, pkg.RT_BASE + "styles").element)
        self.settings = self.package.part_by_type(self.part, pkg.RT_BASE + "settings").element
        numbering = self.package.part_by_type(self.part, pkg.RT_BASE + "numbering").element
        self.lists = parts.Lists(numbering)
        self.warnings: list[str] = []
        self.width_cm = PAPER_SIZES_CM[document.paper][0] - 2 * MARGIN_CM
        self._ids: dict[str, str | None] = {}
        self._counts: dict[str, int] = {}
        self._shape = 0
        self._bookmark = 100
        self._deferred: list[tuple[str, int, float, object]] = []
        self._comments = {c.id: n for n, c in enumerate(document.comments)}
        self._started: set[int] = set()
        self.xml: list[str] = []

    def sid(self, name: str) -> str:
        """The style id of the style named ``name`` (looked up once)."""
        sid = self._ids.get(name)
        if sid is None:
            sid = self._ids[name] = self.styles.style_id(name)
        return sid

    # -- whole document -----------------------------------------------------------
    def write(self) -> pkg.Package:
        """Lay the document out in the package (pictures named by the blocks still to fill in)."""
        from editor.core.export.docx_styles import setup_styles

        # Word checks the spelling in the proposal's spelling language (its own language unless chosen).
        setup_styles(self.styles, self.settings, self.doc.proofing or self.doc.language, self.width_cm,
                     bool(self.doc.comments))
        self._page_setup()
        self._remove_template_leftovers()
        for block in self.doc.blocks:
            self.block(block, 0, 0)
        self._parse_body()
        self._core_properties()
        if self.doc.comments:
            self._comments_part()
        return self.package

    def fill_deferred(self) -> None:
        """Put the pictures that came late into their places (waits for them)."""
        if not self._deferred:
            return
        images = self.images.result() if self.lazy else self.images
        inlines = {int(d.get("id")): d.getparent() for d in self.body.iter(qn("wp:docPr"))}
        for name, shape_id, width_cm, part in self._deferred:
            data = images.get(name)
            try:
                info = parts.image_info(data) if data else None
            except Exception:  # noqa: BLE001 - the caller builds again the plain way
                info = None
            if info is None or info[4] != "png" or not self.package.fill_image_part(part, data):
                raise DeferredFailed(name)
            cx, cy = (str(v) for v in parts.picture_size(info, width_cm))
            inline = inlines[shape_id]
            for ext in (inline.find(qn("wp:extent")), inline.find(".//" + qn("a:ext"))):
                ext.set("cx", cx)
                ext.set("cy", cy)

    def _parse_body(self) -> None:
        """The document part parsed once with the body's XML text in place (moving thousands of
        parsed elements into the template's tree costs more than parsing them)."""
        xml = pkg.serialize(self.part.element)
        at = xml.rindex(b"<w:sectPr")
        root_end = xml.index(b">", xml.index(b"<w:document"))
        body = "".join(self.xml)
        if self._started:
            body = self._close_comments(body)
        xml = b"".join((xml[:root_end], b" ", parts.DRAWING_NAMESPACES.encode(), xml[root_end:at],
                        body.encode("utf-8"), xml[at:]))
        self.xml = []
        self.part.element = etree.fromstring(xml, _BODY_PARSER)
        self.body = self.part.element.find(qn("w:body"))
        self.sect_pr = self.body.find(qn("w:sectPr"))

    def _close_comments(self, body: str) -> str:
        """Each comment's range ends at its last mark, where its reference goes."""
        reference = self.sid("annotation reference")
        for number in sorted(self._started):
            mark = _comment_mark(number)
            last = body.rfind(mark)
            body = body[:last].replace(mark, "") + parts.comment_end(number, reference) + body[last + len(mark):]
        return body

    def _page_setup(self) -> None:
        from editor.core.formats.docx_xml import (
            SECT_PR,
            cm,
            el,
            get_or_add,
            insert_before_first,
            set_alignment,
            set_p_style,
            set_paragraph_text,
            twips,
        )

        sect = self.sect_pr
        width, height = PAPER_SIZES_CM[self.doc.paper]
        size = get_or_add(sect, "w:pgSz", SECT_PR)
        size.set(qn("w:w"), str(twips(cm(width))))
        size.set(qn("w:h"), str(twips(cm(height))))
        margins = get_or_add(sect, "w:pgMar", SECT_PR)
        for side in ("left", "right", "top", "bottom"):
            margins.set(qn(f"w:{side}"), str(twips(cm(MARGIN_CM))))
        margins.set(qn("w:header"), str(twips(cm(1.25))))
        margins.set(qn("w:footer"), str(twips(cm(1.25))))
        # The title page carries no running header or page number.
        get_or_add(sect, "w:titlePg", SECT_PR)
        paragraphs = {}
        for kind, template, reltype in (("header", "default-header.xml", pkg.RT_HEADER),
                                        ("footer", "default-footer.xml", pkg.RT_FOOTER)):
            part = self.package.add_part(self.package.next_partname(f"/word/{kind}%d.xml"),
                                         pkg.CT_HEADER if kind == "header" else pkg.CT_FOOTER,
                                         element=pkg.template_xml(template))
            rid = self.part.relate_to(part, reltype)
            ref = el(f"w:{kind}Reference")
            ref.set(qn("w:type"), "default")
            ref.set(qn("r:id"), rid)
            insert_before_first(sect, ref, SECT_PR)
            paragraphs[kind] = part.element.find(qn("w:p"))
        header = paragraphs["header"]
        set_p_style(header, self.sid("Header"))
        set_alignment(header, "right")
        set_paragraph_text(header, self.doc.header)
        footer = paragraphs["footer"]
        set_p_style(footer, self.sid("Footer"))
        parts.page_number_footer(footer, self.doc.footer)

    def _remove_template_leftovers(self) -> None:
        # python-docx's template ships a thumbnail of its own; a stale preview looks careless.
        rels = self.package.root.rels
        for rel_id, (kind, _target, _external) in list(rels.items()):
            if kind == pkg.RT_THUMBNAIL:
                del rels[rel_id]
        for child in list(self.body):
            if child.tag.endswith("}p"):
                self.body.remove(child)

    # -- blocks ---------------------------------------------------------------------
    def paragraph_xml(self, content: str, style: str | None = None, *, numbering: tuple[int, int] | None = None,
                      indent_twips: int | None = None, align: str = "", extra_ppr: str = "") -> str:
        ppr = f'<w:pStyle w:val="{self.sid(style)}"/>' if style else ""
        if numbering is not None:
            ppr += f'<w:numPr><w:ilvl w:val="{numbering[1]}"/><w:numId w:val="{numbering[0]}"/></w:numPr>'
        ppr += extra_ppr
        if indent_twips is not None:
            ppr += f'<w:ind w:left="{indent_twips}"/>'
        if align:
            ppr += f'<w:jc w:val="{align}"/>'
        return f"<w:p><w:pPr>{ppr}</w:pPr>{content}</w:p>" if ppr else f"<w:p>{content}</w:p>"

    def block(self, block: Block, quote: int, level: int) -> None:
        add = self.xml.append
        if isinstance(block, Paragraph):
            style = "Quote" if quote and not block.style else _PARAGRAPH_STYLES.get(block.style)
            only_pictures = bool(block.content) and all(isinstance(i, InlineImage) for i in block.content)
            add(self.paragraph_xml(self.marked(block.content, block.comments), style,
                                   indent_twips=int(0.75 * quote * 567) if quote > 1 else None,
                                   align=block.align or ("center" if only_pictures else "")))
        elif isinstance(block, Heading):
            around = ("", "")
            if block.anchor:
                self._bookmark += 1
                around = (f'<w:bookmarkStart w:id="{self._bookmark}" w:name="{attr(parts.bookmark_name(block.anchor))}"/>',
                          f'<w:bookmarkEnd w:id="{self._bookmark}"/>')
            add(self.paragraph_xml(self.marked(block.content, block.comments, around=around),
                                   f"Heading {max(1, min(6, block.level))}"))
        elif isinstance(block, ListBlock):
            self.list(block, quote, level)
        elif isinstance(block, Quote):
            for child in block.blocks:
                self.block(child, quote + 1, level)
        elif isinstance(block, CodeBlock):
            lines = block.text.split("\n")
            runs = "<w:r><w:br/></w:r>".join(f"<w:r>{text_xml(line)}</w:r>" if line else "" for line in lines)
            add(self.paragraph_xml(runs, "Source Code"))
        elif isinstance(block, ThematicBreak):
            add('<w:p><w:pPr><w:pBdr><w:bottom w:val="single" w:sz="6" w:space="4" w:color="A6A6A6"/>'
                "</w:pBdr></w:pPr></w:p>")
        elif isinstance(block, PageBreak):
            add('<w:p><w:r><w:br w:type="page"/></w:r></w:p>')
        elif isinstance(block, Table):
            self.table(block)
        elif isinstance(block, Figure):
            self.figure(block)
        elif isinstance(block, Contents):
            add(parts.contents_xml(block.entries, self.sid(names.CONTENTS_ENTRY_STYLE)))

    def list(self, block: ListBlock, quote: int, level: int) -> None:
        level = min(level, 8)
        num_id = self.lists.new_list(block.ordered, start=block.start, level=level)
        # A list in a quote moves right with the quote's text.
        left = 720 + 360 * level + (425 * quote if quote else 0)
        indent = f'<w:ind w:left="{left}" w:hanging="360"/>'
        for item in block.items:
            children = list(item.blocks)
            first = children.pop(0) if children and isinstance(children[0], Paragraph) else Paragraph(())
            content = self.marked(first.content, first.comments)
            if item.task is None:
                self.xml.append(self.paragraph_xml(content, "List Paragraph", numbering=(num_id, level),
                                                   extra_ppr=indent if quote else ""))
            else:  # a task item: its box in place of the bullet, as GitHub shows it
                box = f"<w:r>{text_xml(_TASK_BOXES[item.task])}</w:r>"
                self.xml.append(self.paragraph_xml(box + content, "List Paragraph", extra_ppr=indent))
            for child in children:
                if isinstance(child, Paragraph):
                    style = _PARAGRAPH_STYLES.get(child.style)
                    indent = None if style else 720 + 360 * level
                    self.xml.append(self.paragraph_xml(self.marked(child.content, child.comments),
                                                       style or "List Paragraph", indent_twips=indent))
                elif isinstance(child, ListBlock):
                    self.list(child, quote, level + 1)
                else:
                    self.block(child, quote, level + 1)

    def caption(self, caption, style: str, sequence: str) -> str:
        number = self._counts[sequence] = self._counts.get(sequence, 0) + 1
        runs = parts.caption_runs(caption.label, sequence, number, caption_separator(self.doc.language), caption.text)
        return self.paragraph_xml(runs, style)

    def table(self, table: Table) -> None:
        add = self.xml.append
        columns = max((len(row.cells) for row in table.rows), default=0)
        if not columns:
            return
        if table.caption is not None:
            add(self.caption(table.caption, names.TABLE_CAPTION_STYLE, "Table"))
        text_style = self.sid("Table Text")
        if table.data and len(table.widths) == columns:
            widths = [int(round(w / 2.54 * 1440)) for w in table.widths]
            add(parts.data_table_start(self.sid("Table Grid"), widths))
        else:
            width = int(self.width_cm / columns * 360000 / 635)
            grid = (PAPER_SIZES_CM[self.doc.paper][0] - 2 * MARGIN_CM) * 360000 // columns
            widths = [width] * columns
            add(parts.prose_table_start(self.sid("Table Grid"), columns, int(round(int(grid) / 635))))
        data = table.data
        # A prose table's body cell with one plain run and no alignment, written at once (most cells
        # of a long table); its width comes from the table's grid.
        plain_cell = f'<w:tc><w:p><w:pPr><w:pStyle w:val="{text_style}"/></w:pPr><w:r>'
        for r, row in enumerate(table.rows):
            header = r < table.header
            cells = []
            marks = [as_mark(m) for m in row.comments]
            whole = tuple(m.id for m in marks if m.cell is None)
            for c in range(columns):
                cell = row.cells[c] if c < len(row.cells) else None
                if not (data or header or marks) and cell is not None and not cell.align and not cell.fill \
                        and len(cell.content) == 1 and type(run := cell.content[0]) is Run and _plain(run):
                    cells.append(f"{plain_cell}{text_xml(run.text)}</w:r></w:p></w:tc>")
                    continue
                in_cell = [m for m in marks if m.cell == c]
                content = self.marked(cell.content, in_cell, bold=header) if cell is not None else ""
                fill = cell.fill if cell is not None and cell.fill else (HEADER_FILL if header else "")
                cells.append(parts.cell_xml(content, widths[c], text_style, header=header, fill=fill,
                                            align=cell.align if cell is not None else "", data=data))
            cells_xml = "".join(cells)
            if whole and cells:
                cells_xml = self._row_comments(cells_xml, whole)
            trpr = ("<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>" if data else "<w:trPr><w:tblHeader/></w:trPr>") \
                if header else ("<w:trPr><w:cantSplit/></w:trPr>" if data else "")
            add(f"<w:tr>{trpr}{cells_xml}</w:tr>")
        add("</w:tbl>")
        if table.data:
            add(self.paragraph_xml(f"<w:r>{text_xml(table.legend)}</w:r>" if table.legend else "", "Table Legend"))
        else:
            add(self.paragraph_xml("", None, extra_ppr='<w:spacing w:after="0"/>'))

    def _row_comments(self, cells_xml: str, ids: tuple[str, ...]) -> str:
        """A row's comments: their range from its first cell's text to its last cell's."""
        head, sep, rest = cells_xml.partition("</w:pPr>")
        marked = self.commented("\x02", ids)
        start, _content, end = marked.partition("\x02")
        cells_xml = head + sep + start + rest
        last = cells_xml.rfind("</w:p>")
        return cells_xml[:last] + end + cells_xml[last:]

    def figure(self, figure: Figure) -> None:
        picture = figure.picture
        description = figure.description or (figure.caption.text if figure.caption else "")
        if picture.deferred:
            if picture.deferred not in self.images:
                return
            if self.lazy:
                run = self._reserve(picture.deferred, figure.width_cm, description, picture.svg)
            else:
                data = self.images.get(picture.deferred)
                run = self.picture(data, description, figure.width_cm, picture.svg) if data else ""
        else:
            run = self.picture(picture.data, description, figure.width_cm, picture.svg) if picture.data else ""
            if not run and picture.svg:
                from editor.i18n import _

                self.warnings.append(_("An SVG picture without a PNG copy was left out (Word needs the PNG)."))
        if not run:
            return
        run = self.commented(run, tuple(as_mark(m).id for m in figure.comments))
        self.xml.append(self.paragraph_xml(run, names.FIGURE_STYLE, align="center"))
        if figure.caption is not None:
            self.xml.append(self.caption(figure.caption, names.FIGURE_CAPTION_STYLE, "Figure"))

    # -- inline -----------------------------------------------------------------------
    def marked(self, content: tuple[Inline, ...], comments, bold: bool = False, around: tuple[str, str] = ("", "")) -> str:
        """``content``'s runs with its comments: those on the whole block around everything
        (``around`` too: a heading's bookmark), those on words from their first to their last."""
        marks = [as_mark(m) for m in comments]
        words = [m for m in marks if not m.whole]
        xml = self.inline(tuple(ranged(content, words)) if words else content, bold)
        return self.commented(around[0] + xml + around[1], tuple(m.id for m in marks if m.whole))

    def commented(self, content: str, ids: tuple[str, ...]) -> str:
        """``content`` inside the ranges of comments ``ids``: a comment on several blocks spans
        from the first to the last (its end is placed when the body is complete)."""
        numbers = [self._comments[i] for i in ids if i in self._comments]
        if not numbers:
            return content
        return "".join(self._range_start(n) for n in numbers) + content + "".join(_comment_mark(n) for n in numbers)

    def _range_start(self, number: int) -> str:
        if number in self._started:
            return ""
        self._started.add(number)
        return parts.comment_start(number)

    def inline(self, content: tuple[Inline, ...], bold: bool = False) -> str:
        if len(content) == 1 and type(content[0]) is Run:  # most table cells: one plain run
            run = content[0]
            if _plain(run):
                return f"<w:r><w:rPr><w:b/></w:rPr>{text_xml(run.text)}</w:r>" if bold else \
                    f"<w:r>{text_xml(run.text)}</w:r>"
        out: list[str] = []
        link: str | None = None
        buffer: list[str] = []
        for item in content:
            kind = type(item)
            if kind is RangeStart or kind is RangeEnd:  # inside the link it falls in: a link stays one
                number = self._comments.get(item.id)
                if number is not None:
                    xml = self._range_start(number) if kind is RangeStart else _comment_mark(number)
                    (buffer if link is not None else out).append(xml)
                continue
            target = item.link if kind is Run else None
            if target != link:
                if link is not None:
                    out.append(self.hyperlink(link, "".join(buffer)))
                    buffer = []
                link = target
            xml = self.run(item, bold) if kind is not InlineImage else self.inline_image(item)
            (buffer if link is not None else out).append(xml)
        if link is not None:
            out.append(self.hyperlink(link, "".join(buffer)))
        return "".join(out)

    def run(self, item, bold: bool = False) -> str:
        if isinstance(item, Break):
            return "<w:r><w:br/></w:r>"
        props = []
        style = "Hyperlink" if item.link is not None else _RUN_STYLES.get(item.style)
        if item.code:
            style = "Inline Code"
        if style:
            props.append(f'<w:rStyle w:val="{self.sid(style)}"/>')
        if item.bold or bold:
            props.append("<w:b/>")
        if item.italic:
            props.append("<w:i/>")
        if item.strike:
            props.append("<w:strike/>")
        rpr = f"<w:rPr>{''.join(props)}</w:rPr>" if props else ""
        text = item.text if item.code else item.text.replace("\n", " ")
        return f"<w:r>{rpr}{text_xml(text)}</w:r>" if text else ""

    def hyperlink(self, url: str, runs: str) -> str:
        """A real clickable hyperlink (external, or to an anchor for ``#name``)."""
        if url.startswith("#"):
            return f'<w:hyperlink w:anchor="{attr(url[1:])}" w:history="1">{runs}</w:hyperlink>'
        rid = self.part.relate_external(url, pkg.RT_HYPERLINK)
        return f'<w:hyperlink r:id="{rid}" w:history="1">{runs}</w:hyperlink>'

    def inline_image(self, image: InlineImage) -> str:
        run = self.picture(image.data, image.alt, self.width_cm) if image.data else ""
        if not run and image.alt:
            return self.run(Run(f"[{image.alt}]", italic=True))
        return run

    def picture(self, data: bytes, description: str, width_cm: float, svg: bytes = b"") -> str:
        """Embed PNG/JPEG/GIF bytes (with an SVG drawn instead where the reader can), at most
        ``width_cm`` wide; "" when the picture cannot be read (the user is told)."""
        try:
            info = parts.image_info(data)
            part = self.package.image_part(data, info[4], info[5])
        except Exception as exc:  # unreadable images raise several types
            from editor.i18n import _

            self.warnings.append(_("An image could not be embedded ({error}).").format(error=type(exc).__name__))
            return ""
        rid = self.part.relate_to(part, pkg.RT_IMAGE)
        svg_rid = ""
        if svg:
            svg_rid = self.part.relate_to(self.package.image_part(svg, "svg", "image/svg+xml"), pkg.RT_IMAGE)
        cx, cy = parts.picture_size(info, width_cm)
        self._shape += 1
        return parts.picture_xml(self._shape, rid, cx, cy, f"image.{info[4]}", description, svg_rid)

    def _reserve(self, name: str, width_cm: float, description: str, svg: bytes = b"") -> str:
        """A picture whose PNG comes later (with its SVG now, if it has one): its parts,
        relationships and shape id are taken now, in document order, so the file is the one
        an immediate picture would give."""
        part = self.package.reserve_image_part("png", "image/png")
        rid = self.part.relate_to(part, pkg.RT_IMAGE)
        svg_rid = ""
        if svg:
            svg_rid = self.part.relate_to(self.package.image_part(svg, "svg", "image/svg+xml"), pkg.RT_IMAGE)
        self._shape += 1
        self._deferred.append((name, self._shape, width_cm, part))
        return parts.picture_xml(self._shape, rid, 0, 0, "image.png", description, svg_rid)

    # -- parts around the body -------------------------------------------------------------
    def _core_properties(self) -> None:
        from editor.core.export.docx_styles import LANG_TAGS

        core = self.package.part_by_type(
            self.package.root, "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
        ).element

        def put(tag: str, value: str):
            element = core.find(qn(tag))
            if element is None:
                element = core.makeelement(qn(tag), {})
                core.append(element)
            element.text = _clean(value)[:_CORE_MAX]
            return element

        props = self.doc.properties
        author = "; ".join(props.authors)
        put("dc:title", props.title)
        put("dc:creator", author)
        put("cp:lastModifiedBy", author)
        put("dc:language", LANG_TAGS.get(self.doc.language, "en-US"))
        put("dc:subject", props.subject)
        put("cp:keywords", "; ".join(props.keywords))
        put("cp:category", props.category)
        put("dc:description", "")
        put("cp:revision", "1")
        now = dt.datetime.now(dt.timezone.utc)
        for tag, value in (("dcterms:created", props.created), ("dcterms:modified", props.modified)):
            stamp = _utc_naive(value) or _utc_naive(now)
            put(tag, stamp.strftime("%Y-%m-%dT%H:%M:%SZ")).set(qn("xsi:type"), "dcterms:W3CDTF")

    def _comments_part(self) -> None:
        """The comments the body refers to, and their threads and resolved flags (Word 2013+, LibreOffice)."""
        written = {cid: n for cid, n in self._comments.items() if n in self._started}
        if not written:
            return
        xml = parts.comments_part_xml(self.doc.comments, written,
                                      (self.sid("annotation text"), self.sid("annotation reference")))
        part = self.package.add_part("/word/comments.xml", names.CT_COMMENTS, element=pkg.parse(xml))
        self.part.relate_to(part, names.RT_COMMENTS)
        xml = parts.comments_extended_xml(self.doc.comments, written)
        part = self.package.add_part("/word/commentsExtended.xml", names.CT_COMMENTS_EXTENDED, element=pkg.parse(xml))
        self.part.relate_to(part, names.RT_COMMENTS_EXTENDED)


def _plain(run: Run) -> bool:
    return run.link is None and not (run.bold or run.italic or run.strike or run.code or run.style or "\n" in run.text)


def _comment_mark(number: int) -> str:
    # A control character no text holds (the texts are cleaned of them): replaced before parsing.
    return f"\x01c{number}\x01"


def _clean(text: str) -> str:
    return parts._INVALID_XML.sub("", text)


def _utc_naive(value: dt.datetime | None) -> dt.datetime | None:
    if value is None:
        return None
    if value.tzinfo is not None:
        try:
            value = value.astimezone(dt.timezone.utc).replace(tzinfo=None)
        except OverflowError:  # 9999-12-31T23:59-23:59 has no UTC time: the stamp is left out
            return None
    return value.replace(microsecond=0)


def render_docx(document: Document, images: Mapping[str, bytes] | None = None) -> tuple[bytes, list[str]]:
    """The DOCX bytes of ``document`` and the warnings for the user."""
    writer = DocxWriter(document, images)
    package = writer.write()
    writer.fill_deferred()
    return package.save(), writer.warnings
