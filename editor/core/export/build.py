"""Proposal -> export blocks, once per language: the only place that knows the guide's sections.

The document is a title page (kicker, title, authors, date, contents), the unmapped
prose, then the ten sections, each its prose (GFM, :mod:`prose`) followed by its
structured parts: objectives with their KPI targets, the diagram, the POC link and the
data-source and resource tables, the risk table and matrix, the KPI table and chart.
Every text is final here (translated, formatted, cleaned of what a document file
cannot hold); the writers only render.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from editor.core.export.blocks import (
    Block,
    Caption,
    Cell,
    Contents,
    Document,
    Figure,
    Heading,
    InlineImage,
    ListBlock,
    ListItem,
    PageBreak,
    Paragraph,
    Picture,
    Properties,
    Row,
    Run,
    Table,
    runs,
)
from editor.core.charts import CHART_TITLES
from editor.core.export.prose import FenceFigure, is_remote_url, is_safe_link, prose_blocks
from editor.core.model import SECTION_IDS, Proposal
from editor.i18n import N_

PAPER_SIZES_CM = {"a4": (21.0, 29.7), "letter": (21.59, 27.94)}
# Sections are ``##`` in Markdown and level 1 here: a section's ``###`` is the first level below
# it (Word's Heading 2, which the DOCX reader reads back as ``###``), ``####`` the next...; a
# ``#`` or ``##`` typed in the prose cannot rise to a section's level.
PROSE_HEADING_OFFSET = -1
# The title page's fixed lines (the DOCX reader compares them with what the page shows).
KICKER, CONTENTS = N_("MLOps project proposal"), N_("Contents")
# The label of section 6's line that links the repository ("GitHub POC: <url>").
POC_LABEL = N_("GitHub POC")
MARGIN_CM = 2.5
# What XML 1.0 cannot hold. Vertical tab and form feed are line breaks in Word's world.
_LINE_BREAK_CONTROLS = re.compile("[\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
_INVALID_XML = re.compile("[\x00-\x08\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def paper_for(proposal: Proposal, paper: str | None = None) -> str:
    """``a4`` unless asked otherwise, or ``letter`` for an ``en_US`` document locale."""
    if paper:
        return paper.lower() if paper.lower() in PAPER_SIZES_CM else "a4"
    extra = proposal.metadata.extra
    wanted = str(extra.get("paper", "")).lower()
    if wanted in PAPER_SIZES_CM:
        return wanted
    locale = str(extra.get("locale", "")).replace("-", "_").lower()
    return "letter" if locale == "en_us" else "a4"


def text_width_cm(paper: str) -> float:
    return PAPER_SIZES_CM[paper][0] - 2 * MARGIN_CM


def document_title(proposal: Proposal, language: str) -> str:
    """The title shown on the title page, in the header and the file's properties."""
    from editor.i18n import translator

    meta = proposal.metadata
    return meta.title or proposal.section("title").split("\n", 1)[0].strip("# *") or \
        translator(language)("Untitled proposal")


class _Cleaner:
    """Makes any text safe for a document file; remembers where something had to change."""

    def __init__(self) -> None:
        self.places: list[str] = []

    def __call__(self, text: str, where: str, markdown: bool = False) -> str:
        if not text:
            return text
        cleaned = _INVALID_XML.sub("", _LINE_BREAK_CONTROLS.sub("  \n" if markdown else "\n", text))
        if cleaned != text and where not in self.places:
            self.places.append(where)
        return cleaned


class _Builder:
    def __init__(self, proposal: Proposal, language: str, images: Mapping[str, bytes], base_dir,
                 paper: str, fence_figure: FenceFigure | None, image_policy=None) -> None:
        from editor.i18n import translator

        self.p = proposal
        self.lang = language
        self.tr = translator(language)
        self.images = images
        self.base_dir = base_dir
        self.paper = paper
        self.width_cm = text_width_cm(paper)
        self.fence_figure = fence_figure
        self.image_policy = image_policy  # which picture files may be read (editor.core.images)
        self.clean = _Cleaner()
        self.warnings: list[str] = []
        self.blocks: list[Block] = []

    # -- helpers ---------------------------------------------------------------
    def heading(self, sid: str) -> str:
        from editor.core.guide import section_title

        return section_title(sid, self.lang)

    def prose(self, text: str, where: str) -> list[Block]:
        blocks = prose_blocks(self.clean(text, where, markdown=True), PROSE_HEADING_OFFSET, self.fence_figure,
                              min_level=2)
        return _with_pictures(blocks, self._picture)

    def _picture(self, image: InlineImage) -> InlineImage:
        from editor.core.export.images import ImageUnavailable, read_image
        from editor.i18n import _

        try:
            data = read_image(image.src, self.base_dir, self.image_policy, self.p.media)
        except ImageUnavailable as exc:
            self.warnings.append(_("Image {path} could not be embedded: {error}").format(path=image.src, error=exc))
            return image
        return InlineImage(image.src, image.alt, image.title, data)

    def table(self, caption: str, headers: list[str], rows: list[list[str]], planned, where: str,
              fills: dict | None = None, centered=(), right=(), links=(), legend: str = "",
              keys: list[str] = (), key: str = "") -> Table:
        from editor.core.export.table_widths import CELL_PADDING_CM, TABLE_TEXT_PT, fit_widths

        headers = [self.clean(h, where) for h in headers]
        rows = [[self.clean(c, where) for c in row] for row in rows]
        widths = fit_widths(planned, headers, rows, self.width_cm, TABLE_TEXT_PT, CELL_PADDING_CM)
        fills = fills or {}
        out = [Row(tuple(Cell(runs(h)) for h in headers))]
        for r, row in enumerate(rows):
            cells = []
            for c, text in enumerate(row):
                if (r, c) in fills:
                    cells.append(Cell(runs(text), "center", fills[(r, c)]))
                    continue
                align = "center" if c in centered else "right" if c in right else ""
                if c in links and text and is_safe_link(text) and not text.startswith("#"):
                    cells.append(Cell(runs(text, link=text), align))
                else:
                    cells.append(Cell(runs(text), align))
            out.append(Row(tuple(cells), key=keys[r] if r < len(keys) else ""))
        return Table(tuple(out), header=1, widths=tuple(widths), caption=Caption(self.tr("Table"), caption),
                     legend=legend, data=True, key=key)

    def chart(self, name: str, caption: str, width_cm: float) -> None:
        if name in self.images:
            self.blocks.append(Figure(Picture(deferred=name), Caption(self.tr("Figure"), caption), width_cm, caption))

    # -- the document -------------------------------------------------------------
    def build(self) -> Document:
        from editor.i18n import format_date

        meta = self.p.metadata
        title = self.clean(document_title(self.p, self.lang), self.tr("Title"))
        add = self.blocks.append

        def page(text: str, style: str) -> None:
            add(Paragraph(runs(text), style, key=f"title-page:{style}"))

        page(self.tr(KICKER), "kicker")
        page(title, "title")
        authors = tuple(self.clean(a, self.tr("Authors")) for a in meta.authors)
        if authors:
            page(", ".join(authors), "subtitle")
        stamp = meta.updated or meta.created
        if stamp is not None:
            page(format_date(stamp, self.lang), "date")
        page(self.tr(CONTENTS), "contents-heading")
        add(Contents(tuple((sid, self.heading(sid)) for sid in SECTION_IDS)))
        add(PageBreak())
        if self.p.unmapped.strip():
            self.blocks += [_keyed(b, f"unmapped:{n}") for n, b in enumerate(self.prose(self.p.unmapped, "?"))]
        for sid in SECTION_IDS:
            self.section(sid)
        properties = Properties(
            title=title, authors=authors, subject=self.tr("MLOps project proposal"),
            keywords=("MLOps", self.tr("project proposal"), self.tr("risks"), "KPI"),
            category=self.tr("MLOps project proposal"), created=meta.created, modified=meta.updated,
        )
        from editor.core.spelling_prefs import spelling_language

        return Document(self.lang, tuple(self.blocks), properties, header=title, proofing=spelling_language(self.p),
                        footer=self.tr("Page {page} of {pages}"), paper=self.paper,
                        cleaned=tuple(self.clean.places), warnings=tuple(self.warnings))

    def section(self, sid: str) -> None:
        where = self.heading(sid)
        self.blocks.append(Heading(1, runs(where), anchor=sid, key=f"section:{sid}"))
        text = self.p.section(sid)
        if text.strip():
            self.blocks += [_keyed(b, f"{sid}:{n}") for n, b in enumerate(self.prose(text, where))]
        part = getattr(self, f"_{sid}", None)
        if part is not None:
            part(where)

    def _objectives(self, where: str) -> None:
        from editor.core.kpis import measured_by_line

        items = []
        for number, obj in enumerate(self.p.objectives, 1):
            blocks = self.prose(obj.text, where)
            first = blocks[0] if blocks and isinstance(blocks[0], Paragraph) else Paragraph(())
            rest = blocks[1:] if blocks and isinstance(blocks[0], Paragraph) else blocks
            content = first.content
            if obj.kpi_ids:
                content += (Run(f" (KPI: {', '.join(obj.kpi_ids)})", style="note"),)
            item: list[Block] = [Paragraph(content, key=f"objective:{number}"),
                                 *(_keyed(b, f"objective:{number}.{j}") for j, b in enumerate(rest, 1))]
            if obj.kpi_ids:
                measured = measured_by_line(self.p, obj.kpi_ids, self.lang)
                item.append(Paragraph(runs(self.clean(measured, where)), "objective-target",
                                      key=f"objective-target:{number}"))
            items.append(ListItem(tuple(item)))
        if items:
            self.blocks.append(ListBlock(tuple(items), ordered=True))

    def _architecture(self, where: str) -> None:
        from editor.core.export.images import ImageUnavailable, read_image
        from editor.i18n import _

        if self.p.architecture.components:
            # The builder's diagram: the SVG drawn here (vector), its PNG copy painted by Qt
            # (``architecture_builder``: the PDF shows it, Word falls back on it).
            from editor.core.architecture.svg import diagram_svg

            svg = diagram_svg(self.p.architecture, self.lang)
            caption = self.tr("MLOps architecture by lifecycle stage")
            png = "architecture_builder" if "architecture_builder" in self.images else ""
            self.blocks.append(Figure(Picture(svg=svg, deferred=png), Caption(self.tr("Figure"), caption),
                                      self.width_cm, caption))
        diagram = self.p.diagram
        if not diagram.path or is_remote_url(diagram.path):
            return
        png = self.images.get("architecture")
        svg = b""
        try:
            data = read_image(diagram.path, self.base_dir, self.image_policy, self.p.media)
        except ImageUnavailable as exc:
            if png is None:
                self.warnings.append(_("Image {path} could not be embedded: {error}").format(
                    path=diagram.path, error=exc))
                return
            data = b""
        if data.lstrip()[:5] in (b"<?xml", b"<svg ", b"<svg\n", b"<!DOC") or diagram.path.lower().endswith(".svg"):
            svg, data = data, png or b""
        elif png is not None:
            data = png
        caption = self.clean(diagram.caption, where) or self.tr("Architecture diagram")
        self.blocks.append(Figure(Picture(data, svg), Caption(self.tr("Figure"), caption), self.width_cm, caption,
                                  key="diagram"))

    def _resources(self, where: str) -> None:
        from editor.core.export.table_widths import DATA_SOURCE_WIDTHS, RESOURCE_WIDTHS
        from editor.core.export.tables import TABLE_CAPTIONS, data_source_table, resource_table

        if self.p.poc_url:
            url = self.clean(self.p.poc_url, where)
            link = url if is_safe_link(url) else None
            self.blocks.append(Paragraph((Run(self.tr(POC_LABEL) + ": ", bold=True), Run(url, link=link)),
                                         key="poc"))
        if self.p.data_sources:
            headers, rows = data_source_table(self.p, self.lang)
            self.blocks.append(self.table(self.tr(TABLE_CAPTIONS["data-sources"]), headers, rows, DATA_SOURCE_WIDTHS,
                                          where, links={1}, keys=[f"data-source:{n}" for n in range(1, len(rows) + 1)],
                                          key="data-sources"))
        if self.p.resources:
            headers, rows = resource_table(self.p, self.lang)
            self.blocks.append(self.table(self.tr(TABLE_CAPTIONS["resources"]), headers, rows, RESOURCE_WIDTHS,
                                          where, links={1}, keys=[f"resource:{n}" for n in range(1, len(rows) + 1)],
                                          key="resources"))

    def _risks(self, where: str) -> None:
        from editor.core.export.table_widths import RISK_WIDTHS
        from editor.core.export.tables import TABLE_CAPTIONS, risk_legend, risk_table
        from editor.core.risks import ZONE_COLORS, zone_for_score

        if self.p.risks:
            headers, rows = risk_table(self.p, self.lang)
            fills = {}
            for r, risk in enumerate(self.p.risks):
                zone = zone_for_score(risk.score)
                if zone:
                    fills[(r, 5)] = ZONE_COLORS[zone].lstrip("#").upper()
            self.blocks.append(self.table(self.tr(TABLE_CAPTIONS["risks"]), headers, rows, RISK_WIDTHS, where,
                                          fills=fills, centered={0, 3, 4, 5}, legend=risk_legend(self.lang),
                                          keys=[f"risk:{r.id}" for r in self.p.risks], key="risks"))
        self.chart("risk_matrix", self.tr(CHART_TITLES["risk_matrix"]), min(11.0, self.width_cm))

    def _kpis(self, where: str) -> None:
        from editor.core.export.table_widths import KPI_WIDTHS
        from editor.core.export.tables import TABLE_CAPTIONS, kpi_table

        if self.p.kpis:
            headers, rows = kpi_table(self.p, self.lang)
            self.blocks.append(self.table(self.tr(TABLE_CAPTIONS["kpis"]), headers, rows, KPI_WIDTHS, where,
                                          centered={0}, right={3, 4}, keys=[f"kpi:{k.id}" for k in self.p.kpis],
                                          key="kpis"))
        self.chart("kpi_chart", self.tr(CHART_TITLES["kpi_chart"]), self.width_cm)


def _keyed(block: Block, key: str) -> Block:
    """``block`` under ``key``, and the blocks of its lists and quotes under keys below it."""
    from dataclasses import replace

    from editor.core.export.blocks import Quote

    if isinstance(block, (Paragraph, Heading, Table, Figure)):
        return replace(block, key=key)
    if isinstance(block, ListBlock):
        return replace(block, items=tuple(
            ListItem(tuple(_keyed(b, f"{key}.{i}.{j}") for j, b in enumerate(item.blocks)), item.task)
            for i, item in enumerate(block.items)))
    if isinstance(block, Quote):
        return replace(block, blocks=tuple(_keyed(b, f"{key}.{j}") for j, b in enumerate(block.blocks)))
    return block


def _with_pictures(blocks: list[Block], load) -> list[Block]:
    """``blocks`` with each local picture's bytes read (through ``load``)."""
    from dataclasses import fields, replace

    def inline(content):
        if not any(isinstance(item, InlineImage) for item in content):
            return content
        return tuple(load(item) if isinstance(item, InlineImage) else item for item in content)

    def block(b):
        if isinstance(b, (Paragraph, Heading)):
            new = inline(b.content)
            return b if new is b.content else replace(b, content=new)
        if isinstance(b, Table):
            rows = tuple(row._replace(cells=tuple(c._replace(content=inline(c.content)) for c in row.cells))
                         for row in b.rows)
            return replace(b, rows=rows)
        if isinstance(b, ListBlock):
            return replace(b, items=tuple(ListItem(tuple(block(x) for x in item.blocks), item.task)
                                          for item in b.items))
        if any(f.name == "blocks" for f in fields(b)):
            return replace(b, blocks=tuple(block(x) for x in b.blocks))
        return b

    if not _has_picture(blocks):
        return blocks
    return [block(b) for b in blocks]


def _has_picture(blocks) -> bool:
    from editor.core.export.blocks import Quote

    for b in blocks:
        if isinstance(b, (Paragraph, Heading)) and any(isinstance(i, InlineImage) for i in b.content):
            return True
        if isinstance(b, Table) and any(isinstance(i, InlineImage) for row in b.rows for c in row.cells
                                        for i in c.content):
            return True
        if isinstance(b, ListBlock) and any(_has_picture(item.blocks) for item in b.items):
            return True
        if isinstance(b, Quote) and _has_picture(b.blocks):
            return True
    return False


def build_document(proposal: Proposal, language: str | None = None, images: Mapping[str, bytes] | None = None,
                   base_dir=None, paper: str | None = None, fence_figure: FenceFigure | None = None,
                   image_policy=None) -> Document:
    """The export blocks of ``proposal`` in ``language`` (default: the document's).

    ``images`` names the pictures a writer will be given: ``risk_matrix`` and
    ``kpi_chart`` (charts, referred to by name: they may still be painting) and
    ``architecture`` (a PNG of the diagram, e.g. an SVG diagram rasterized). The
    diagram file and the prose's pictures are read relative to ``base_dir``, as
    ``image_policy`` (:class:`editor.core.images.ImagePolicy`; by default: files inside
    ``base_dir``) allows; what it leaves out is recorded there and warned about.
    ``fence_figure`` turns a fenced code block into a figure (or None: stays code).
    """
    from editor.core.export.comments import place_comments

    lang = language or proposal.metadata.language
    builder = _Builder(proposal, lang, images if images is not None else {}, base_dir,
                       paper_for(proposal, paper), fence_figure, image_policy)
    return place_comments(builder.build(), proposal)
