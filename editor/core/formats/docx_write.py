"""Proposal -> DOCX, built with lxml on python-docx's template (python-docx itself is not imported).

Layout: a title page (kicker, title, authors, date, table of contents), then
the ten guide sections under Word's real heading styles, numbered like the
guide. Section Markdown goes through the same parser as the preview
(:func:`editor.core.formats.html.markdown_to_html`) and the resulting HTML is
walked into Word paragraphs, runs, lists, tables and pictures. The structured
proposal is stored in a custom XML part with a fingerprint of the visible text.

The XML is the same python-docx produced when this writer drove it (see
:mod:`docx_package` and :mod:`docx_xml`); dropping python-docx's import and
proxy objects makes an export several times faster. lxml and the building
blocks load when a document is built, so :func:`paper_for` stays cheap.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

from editor.core.formats.docx import PART_NAMESPACE, PART_VERSION, fingerprint
from editor.core.formats.table_widths import (
    DATA_SOURCE_WIDTHS,
    KPI_WIDTHS,
    RESOURCE_WIDTHS,
    RISK_WIDTHS,
    fit_widths,
)
from editor.core.formats.html import (
    data_source_table,
    is_remote_url,
    kpi_table,
    markdown_to_html,
    objective_kpi_texts,
    resource_table,
    risk_legend,
    risk_table,
    risk_zone,
    zone_colour,
)
from editor.core.model import SECTION_IDS, Proposal
from editor.core.storage import atomic_write_bytes
from editor.i18n import _, translator

PAPER_SIZES_CM = {"a4": (21.0, 29.7), "letter": (21.59, 27.94)}
MARGIN_CM = 2.5

# Core properties python-docx refused past this length (it raised); longer values are cut.
_CORE_MAX = 255


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


class DocxBuilder:
    """Builds one document; ``warnings`` collects what the user should be told."""

    def __init__(self, proposal: Proposal, images: dict[str, bytes] | None, base_dir, paper: str | None):
        from editor.core.formats import docx_blocks as blocks
        from editor.core.formats import docx_package as pkg
        from editor.core.formats.docx_xml import Styles, qn

        self.blocks = blocks
        self.p = proposal
        self.lang = proposal.metadata.language
        self.tr = translator(self.lang)
        self.images = images if images is not None else {}
        # A lazy mapping (the charts painted by a worker process) is collected at the end of the
        # build: the chart figures get placeholders, filled in just before the package is saved.
        self._lazy = bool(getattr(self.images, "lazy", False))
        self._deferred: list[tuple[str, object, float]] = []
        self.base_dir = Path(base_dir) if base_dir is not None else Path(".")
        self.paper = paper_for(proposal, paper)
        self.package = pkg.Package()
        self.document_part = self.package.part_by_type(self.package.root, pkg.RT_OFFICE_DOCUMENT)
        self.body = self.document_part.element.find(qn("w:body"))
        self.sect_pr = self.body.find(qn("w:sectPr"))
        self.styles = Styles(self.package.part_by_type(self.document_part, pkg.RT_BASE + "styles").element)
        self.settings = self.package.part_by_type(self.document_part, pkg.RT_BASE + "settings").element
        self.numbering = self.package.part_by_type(self.document_part, pkg.RT_BASE + "numbering").element
        self._style_ids: dict[str, str | None] = {}
        self.clean = blocks.TextCleaner()
        self.warnings: list[str] = []
        self.figure_count = 0
        self.table_count = 0
        width_cm, _height = PAPER_SIZES_CM[self.paper]
        self.text_width_cm = width_cm - 2 * MARGIN_CM
        self.writer = blocks.BlockWriter(self)

    # -- paragraphs ----------------------------------------------------------
    def style_id(self, name: str) -> str:
        """The id of the style named ``name`` (looked up once)."""
        sid = self._style_ids.get(name)
        if sid is None:
            sid = self._style_ids[name] = self.styles.style_id(name)
        return sid

    def add_paragraph(self, style: str | None = None, text: str = ""):
        """A paragraph at the end of the body (as python-docx's ``Document.add_paragraph``)."""
        from editor.core.formats.docx_xml import add_run, set_p_style

        p = self.body.makeelement(self.blocks._Q_P, {})
        self.sect_pr.addprevious(p)
        if text:
            add_run(p, text)
        if style is not None:
            # The default paragraph style ("Normal") is implied, not written.
            default = self.styles.find(style).get(self.blocks.qn("w:default")) == "1"
            set_p_style(p, None if default else self.style_id(style))
        return p

    @property
    def block_width_emu(self) -> int:
        """Width between the margins in EMU, from the section's twips (as python-docx computes it)."""
        from editor.core.formats.docx_xml import qn

        page = int(self.sect_pr.find(qn("w:pgSz")).get(qn("w:w"))) * 635
        margins = self.sect_pr.find(qn("w:pgMar"))
        return page - (int(margins.get(qn("w:left"))) + int(margins.get(qn("w:right")))) * 635

    # -- whole document ----------------------------------------------------
    def build(self) -> bytes:
        from editor.core.formats.docx_styles import setup_styles

        setup_styles(self.styles, self.settings, self.lang, self.text_width_cm)
        self._page_setup()
        self._remove_template_leftovers()
        self._title_page()
        if self.p.unmapped.strip():
            self.writer.markdown(self.clean(self.p.unmapped, "?", markdown=True))
        for sid in SECTION_IDS:
            self._section(sid)
        from editor.core.formats.docx_comments import add_comments

        add_comments(self)  # review comments on their anchors (editor/core/comments.py)
        self._core_properties()
        self._store_proposal()  # pictures hold no text: the fingerprint does not wait for them
        self._fill_deferred_figures()
        data = self.package.save()
        if self.clean.places:
            self.warnings.insert(0, _(
                "Some characters a Word document cannot hold (such as vertical tabs pasted from Word) "
                "were replaced by line breaks or removed in: {places}."
            ).format(places=", ".join(sorted(self.clean.places))))
        return data

    def _page_setup(self) -> None:
        from editor.core.formats import docx_package as pkg
        from editor.core.formats.docx_xml import (
            SECT_PR,
            cm,
            get_or_add,
            insert_before_first,
            qn,
            set_alignment,
            set_p_style,
            set_paragraph_text,
            twips,
        )

        sect = self.sect_pr
        width, height = PAPER_SIZES_CM[self.paper]
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
            rid = self.document_part.relate_to(part, reltype)
            ref = self.blocks.el(f"w:{kind}Reference")
            ref.set(qn("w:type"), "default")
            ref.set(qn("r:id"), rid)
            insert_before_first(sect, ref, SECT_PR)
            paragraphs[kind] = part.element.find(qn("w:p"))
        header = paragraphs["header"]
        set_p_style(header, self.style_id("Header"))
        set_alignment(header, "right")
        set_paragraph_text(header, self.clean(self.title(), self.tr("Title")))
        footer = paragraphs["footer"]
        set_p_style(footer, self.style_id("Footer"))
        self.blocks.page_number_footer(footer, self.tr("Page {page} of {pages}"))

    def _remove_template_leftovers(self) -> None:
        from editor.core.formats.docx_package import RT_THUMBNAIL

        # python-docx's template ships a thumbnail of its own; a stale preview looks careless.
        rels = self.package.root.rels
        for rel_id, (kind, _target, _external) in list(rels.items()):
            if kind == RT_THUMBNAIL:
                del rels[rel_id]
        for child in list(self.body):
            if child.tag.endswith("}p"):
                self.body.remove(child)

    def title(self) -> str:
        meta = self.p.metadata
        return meta.title or self.p.section("title").split("\n", 1)[0].strip("# *") or self.tr("Untitled proposal")

    def _title_page(self) -> None:
        from editor.i18n import format_date

        meta = self.p.metadata
        self.add_paragraph("Kicker", self.tr("MLOps project proposal"))
        self.add_paragraph("Title", self.clean(self.title(), self.tr("Title")))
        if meta.authors:
            self.add_paragraph("Subtitle", self.clean(", ".join(meta.authors), self.tr("Authors")))
        stamp = meta.updated or meta.created
        if stamp is not None:
            self.add_paragraph("Document Date", format_date(stamp, self.lang))
        self.add_paragraph("TOC Heading", self.tr("Contents"))
        self.blocks.table_of_contents(self, [(sid, self.section_heading(sid)) for sid in SECTION_IDS])
        self.blocks.page_break(self.add_paragraph())

    def section_heading(self, sid: str) -> str:
        from editor.core.guide import section_title

        return section_title(sid, self.lang)

    # -- sections ----------------------------------------------------------
    def _section(self, sid: str) -> None:
        heading = self.add_paragraph("Heading 1")
        self.blocks.bookmark(heading, f"_Toc_mlops_{sid}", self.section_heading(sid), SECTION_IDS.index(sid))
        text = self.p.section(sid)
        where = self.section_heading(sid)
        if text.strip():
            self.writer.markdown(self.clean(text, where, markdown=True), where=where)
        if sid == "objectives":
            self._objectives()
        elif sid == "architecture":
            self._diagram()
        elif sid == "resources":
            self._resources()
        elif sid == "risks":
            self._risks()
        elif sid == "kpis":
            self._kpis()

    def _objectives(self) -> None:
        from editor.core.formats.docx_xml import add_run

        if not self.p.objectives:
            return
        where = self.section_heading("objectives")
        num_id = self.writer.lists.new_list(ordered=True)
        for obj in self.p.objectives:
            para = self.add_paragraph("List Paragraph")
            self.blocks.set_numbering(para, num_id, 0)
            html = markdown_to_html(self.clean(obj.text, where, markdown=True))
            self.writer.inline_html(para, html)
            if obj.kpi_ids:
                add_run(para, f" (KPI: {', '.join(obj.kpi_ids)})", style_id=self.style_id("Objective KPI"))
                detail = self.add_paragraph("Objective Target")
                texts = objective_kpi_texts(self.p, obj.kpi_ids, self.lang)
                add_run(detail, self.clean(self.tr("Measured by: {kpis}").format(kpis="; ".join(texts)), where))

    def _diagram(self) -> None:
        diagram = self.p.diagram
        if not diagram.path:
            return
        data = self.images.get("architecture")
        if data is None:
            data = self._read_local_image(diagram.path)
        if data is None:
            return
        caption = self.clean(diagram.caption, self.section_heading("architecture")) or self.tr("Architecture diagram")
        self.figure(data, caption, width_cm=self.text_width_cm)

    def _resources(self) -> None:
        from editor.core.formats.docx_xml import add_run

        where = self.section_heading("resources")
        if self.p.poc_url:
            para = self.add_paragraph()
            add_run(para, self.tr("GitHub POC") + ": ", bold=True)
            self.writer.hyperlink(para, self.clean(self.p.poc_url, where), self.clean(self.p.poc_url, where))
        if self.p.data_sources:
            headers, rows = data_source_table(self.p, self.lang)
            self.table(self.tr("Data sources"), headers, rows, DATA_SOURCE_WIDTHS, where, link_columns={1})
        if self.p.resources:
            headers, rows = resource_table(self.p, self.lang)
            self.table(self.tr("Useful resources"), headers, rows, RESOURCE_WIDTHS, where, link_columns={1})

    def _risks(self) -> None:
        where = self.section_heading("risks")
        if self.p.risks:
            headers, rows = risk_table(self.p, self.lang)
            fills = {}
            for r, risk in enumerate(self.p.risks):
                zone = risk_zone(risk.score)
                if zone:
                    fills[(r, 5)] = zone_colour(zone)
            self.table(self.tr("Risks and mitigations"), headers, rows, RISK_WIDTHS, where, fills=fills,
                       centered={0, 3, 4, 5}, legend=risk_legend(self.lang))
        self.chart_figure("risk_matrix", self.tr("Risk matrix (likelihood \u00d7 impact)"),
                          width_cm=min(11.0, self.text_width_cm))

    def _kpis(self) -> None:
        where = self.section_heading("kpis")
        if self.p.kpis:
            headers, rows = kpi_table(self.p, self.lang)
            self.table(self.tr("Success metrics (KPIs)"), headers, rows, KPI_WIDTHS, where,
                       centered={0}, right={3, 4})
        self.chart_figure("kpi_chart", self.tr("KPI trajectories towards their targets"),
                          width_cm=self.text_width_cm)

    # -- building blocks ---------------------------------------------------
    def table(self, caption: str, headers, rows, widths, where, fills=None, centered=(), right=(),
              link_columns=(), legend: str = "") -> None:
        self.table_count += 1
        self.blocks.caption(self, self.tr("Table"), "Table", self.table_count, caption, self.lang)
        headers = [self.clean(h, where) for h in headers]
        rows = [[self.clean(c, where) for c in row] for row in rows]
        # The planned proportions, widened where a word would be cut in two (a little slack kept).
        from editor.core.formats.docx_styles import TABLE_TEXT_PT

        padding_cm = 2 * self.blocks.CELL_MARGIN_TWIPS / 1440 * 2.54 + 0.08
        widths = fit_widths(widths, headers, rows, self.text_width_cm, TABLE_TEXT_PT, padding_cm)
        self.blocks.data_table(self, headers, rows, widths, fills or {}, set(centered), set(right), set(link_columns))
        self.add_paragraph("Table Legend", legend)

    def chart_figure(self, name: str, caption: str, width_cm: float) -> None:
        """The chart ``name`` of ``images`` as a figure; a placeholder when the images come later."""
        from editor.core.formats.docx_xml import set_alignment

        if not self._lazy:
            if self.images.get(name):
                self.figure(self.images[name], caption, width_cm)
            return
        if name not in self.images:
            return
        para = self.add_paragraph("Figure")
        set_alignment(para, "center")
        self._deferred.append((name, self.writer.reserve_picture(para, caption), width_cm))
        self.figure_count += 1
        self.blocks.caption(self, self.tr("Figure"), "Figure", self.figure_count, caption, self.lang)

    def _fill_deferred_figures(self) -> None:
        """Put the charts into their placeholders (waits for them); DeferredFailed if one is unusable."""
        if not self._deferred:
            return
        images = self.images.result()
        for name, slot, width_cm in self._deferred:
            data = images.get(name)
            if not data or not self.writer.fill_picture(slot, data, width_cm):
                raise DeferredFailed(name)

    def figure(self, data: bytes, caption: str, width_cm: float) -> bool:
        from editor.core.formats.docx_xml import set_alignment

        para = self.add_paragraph("Figure")
        set_alignment(para, "center")
        if not self.writer.picture(para, data, caption, width_cm):
            self.body.remove(para)
            return False
        self.figure_count += 1
        self.blocks.caption(self, self.tr("Figure"), "Figure", self.figure_count, caption, self.lang)
        return True

    def _read_local_image(self, src: str) -> bytes | None:
        from editor.core.media import picture_bytes

        carried = picture_bytes(self.p, src)  # a picture the proposal carries itself (taken out of a DOCX)
        if carried is not None:
            return carried
        if is_remote_url(src):
            return None
        path = Path(src)
        if not path.is_absolute():
            path = self.base_dir / path
        try:
            if path.stat().st_size > 50 * 1024 * 1024:
                raise OSError("larger than 50 MB")
            return path.read_bytes()
        except OSError as exc:
            self.warnings.append(_("Image {path} could not be embedded: {error}").format(
                path=src, error=getattr(exc, "strerror", None) or exc))
            return None

    # -- metadata and the stored proposal -----------------------------------
    def _core_properties(self) -> None:
        from editor.core.formats.docx_styles import LANG_TAGS
        from editor.core.formats.docx_xml import qn

        core = self.package.part_by_type(
            self.package.root, "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
        ).element

        def put(tag: str, value: str):
            element = core.find(qn(tag))
            if element is None:
                element = core.makeelement(qn(tag), {})
                core.append(element)
            element.text = value[:_CORE_MAX]
            return element

        meta = self.p.metadata
        author = self.clean("; ".join(meta.authors), self.tr("Authors"))
        put("dc:title", self.clean(self.title(), self.tr("Title")))
        put("dc:creator", author)
        put("cp:lastModifiedBy", author)
        put("dc:language", LANG_TAGS.get(self.lang, "en-US"))
        put("dc:subject", self.tr("MLOps project proposal"))
        put("cp:keywords", "; ".join(["MLOps", self.tr("project proposal"), self.tr("risks"), "KPI"]))
        put("cp:category", self.tr("MLOps project proposal"))
        put("dc:description", "")
        put("cp:revision", "1")
        now = dt.datetime.now(dt.timezone.utc)
        for tag, value in (("dcterms:created", meta.created), ("dcterms:modified", meta.updated)):
            stamp = _utc_naive(value) or _utc_naive(now)
            put(tag, stamp.strftime("%Y-%m-%dT%H:%M:%SZ")).set(qn("xsi:type"), "dcterms:W3CDTF")

    def _store_proposal(self) -> None:
        from editor.core.formats import docx_package as pkg
        from editor.core.formats.docx_xml import xml_escape

        data = self.p.model_dump_json()
        # JSON escapes C0 controls; also escape what XML 1.0 cannot hold (U+FFFE, U+FFFF, surrogates).
        data = re.sub("[\ufffe\uffff\ud800-\udfff]", lambda m: "\\u%04x" % ord(m.group()), data)
        print_ = fingerprint(self.body)
        xml = (
            "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
            f'<proposal xmlns="{PART_NAMESPACE}" version="{PART_VERSION}" fingerprint="{print_}">'
            f"<json>{xml_escape(data)}</json></proposal>"
        ).encode("utf-8")
        used = {part.name for part in self.package._reachable()}
        n = 1
        while f"/customXml/item{n}.xml" in used:
            n += 1
        item = self.package.add_part(f"/customXml/item{n}.xml", pkg.CT_XML, xml)
        props_xml = (
            "<?xml version='1.0' encoding='UTF-8' standalone='no'?>\n"
            '<ds:datastoreItem ds:itemID="{6D1F6E2C-4A7B-4C53-9E8E-5D0B7A1C2F31}" '
            'xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml">'
            f'<ds:schemaRefs><ds:schemaRef ds:uri="{PART_NAMESPACE}"/></ds:schemaRefs></ds:datastoreItem>'
        ).encode("utf-8")
        props = self.package.add_part(f"/customXml/itemProps{n}.xml", pkg.CT_CUSTOM_XML_PROPS, props_xml)
        item.relate_to(props, pkg.RT_CUSTOM_XML_PROPS)
        self.document_part.relate_to(item, pkg.RT_CUSTOM_XML)


def _utc_naive(value: dt.datetime | None) -> dt.datetime | None:
    if value is None:
        return None
    if value.tzinfo is not None:
        try:
            value = value.astimezone(dt.timezone.utc).replace(tzinfo=None)
        except OverflowError:  # 9999-12-31T23:59-23:59 has no UTC time: the stamp is left out
            return None
    return value.replace(microsecond=0)


class DeferredFailed(Exception):
    """A chart collected at the end of the build is missing or unreadable: build again without deferring."""


def build_docx(proposal: Proposal, images: dict[str, bytes] | None = None, base_dir=None,
               paper: str | None = None) -> tuple[bytes, list[str]]:
    """The DOCX bytes of ``proposal`` and the warnings for the user.

    ``images`` may be a dict, or a lazy mapping with ``lazy = True`` and a
    ``result()`` method returning the dict (charts still being painted): its
    figures are then filled in at the end, with the same result.
    """
    builder = DocxBuilder(proposal, images, base_dir, paper)
    try:
        data = builder.build()
    except DeferredFailed:
        # Rare (no Qt, a broken worker): the plain way, which skips or reports a missing chart.
        builder = DocxBuilder(proposal, dict(images.result()), base_dir, paper)
        data = builder.build()
    return data, builder.warnings


def write_docx(proposal: Proposal, path: str | os.PathLike, images: dict[str, bytes] | None = None,
               base_dir=None, paper: str | None = None) -> list[str]:
    """Build the DOCX in memory, then write it atomically (StorageError on failure)."""
    target = Path(path)
    data, warnings = build_docx(proposal, images, base_dir if base_dir is not None else target.parent, paper)
    atomic_write_bytes(target, data)
    return warnings


__all__ = ["build_docx", "paper_for", "write_docx"]
