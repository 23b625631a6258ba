"""Proposal -> DOCX with python-docx (imported lazily).

Layout: a title page (kicker, title, authors, date, table of contents), then
the ten guide sections under Word's real heading styles, numbered like the
guide. Section Markdown goes through the same parser as the preview
(:func:`editor.core.formats.html.markdown_to_html`) and the resulting HTML is
walked into Word paragraphs, runs, lists, tables and pictures. The structured
proposal is stored in a custom XML part with a fingerprint of the visible text.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape

from editor.core.formats import docx_blocks as blocks
from editor.core.formats.docx import PART_NAMESPACE, PART_VERSION, fingerprint
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

# Column widths (cm, before scaling to the text width) of the structured tables.
RISK_WIDTHS = [0.8, 3.3, 2.3, 0.75, 0.75, 0.95, 3.55, 1.85, 1.75]
KPI_WIDTHS = [0.75, 2.9, 1.75, 1.45, 1.15, 1.3, 1.35, 1.75, 1.9, 1.7]
DATA_SOURCE_WIDTHS = [4.5, 8.0, 3.5]
RESOURCE_WIDTHS = [6.0, 10.0]
EXTRA_WIDTH = 2.0


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
        import docx

        self.p = proposal
        self.lang = proposal.metadata.language
        self.tr = translator(self.lang)
        self.images = images or {}
        self.base_dir = Path(base_dir) if base_dir is not None else Path(".")
        self.paper = paper_for(proposal, paper)
        self.doc = docx.Document()
        self.clean = blocks.TextCleaner()
        self.warnings: list[str] = []
        self.figure_count = 0
        self.table_count = 0
        width_cm, _height = PAPER_SIZES_CM[self.paper]
        self.text_width_cm = width_cm - 2 * MARGIN_CM
        self.writer = blocks.BlockWriter(self)

    # -- whole document ----------------------------------------------------
    def build(self) -> bytes:
        blocks.setup_styles(self.doc, self.lang, self.text_width_cm)
        self._page_setup()
        self._remove_template_leftovers()
        self._title_page()
        if self.p.unmapped.strip():
            self.writer.markdown(self.clean(self.p.unmapped, "?", markdown=True))
        for sid in SECTION_IDS:
            self._section(sid)
        self._core_properties()
        self._store_proposal()
        buf = io.BytesIO()
        self.doc.save(buf)
        if self.clean.places:
            self.warnings.insert(0, _(
                "Some characters a Word document cannot hold (such as vertical tabs pasted from Word) "
                "were replaced by line breaks or removed in: {places}."
            ).format(places=", ".join(sorted(self.clean.places))))
        return buf.getvalue()

    def _page_setup(self) -> None:
        from docx.shared import Cm

        section = self.doc.sections[0]
        width, height = PAPER_SIZES_CM[self.paper]
        section.page_width, section.page_height = Cm(width), Cm(height)
        for side in ("left", "right", "top", "bottom"):
            setattr(section, f"{side}_margin", Cm(MARGIN_CM))
        section.header_distance = section.footer_distance = Cm(1.25)
        # The title page carries no running header or page number.
        section.different_first_page_header_footer = True
        header = section.header.paragraphs[0]
        header.style = self.doc.styles["Header"]
        header.alignment = 2  # right
        header.text = self.clean(self.title(), self.tr("Title"))
        footer = section.footer.paragraphs[0]
        footer.style = self.doc.styles["Footer"]
        blocks.page_number_footer(footer, self.tr("Page {page} of {pages}"))

    def _remove_template_leftovers(self) -> None:
        # python-docx's template ships a thumbnail of its own; a stale preview looks careless.
        package = self.doc.part.package
        for rel_id, rel in list(package.rels.items()):
            if rel.reltype.endswith("/thumbnail"):
                del package.rels[rel_id]
        body = self.doc.element.body
        for child in list(body):
            if child.tag.endswith("}p"):
                body.remove(child)

    def title(self) -> str:
        meta = self.p.metadata
        return meta.title or self.p.section("title").split("\n", 1)[0].strip("# *") or self.tr("Untitled proposal")

    def _title_page(self) -> None:
        from editor.i18n import format_date

        doc, meta = self.doc, self.p.metadata
        doc.add_paragraph(self.tr("MLOps project proposal"), style="Kicker")
        doc.add_paragraph(self.clean(self.title(), self.tr("Title")), style="Title")
        if meta.authors:
            doc.add_paragraph(self.clean(", ".join(meta.authors), self.tr("Authors")), style="Subtitle")
        stamp = meta.updated or meta.created
        if stamp is not None:
            doc.add_paragraph(format_date(stamp, self.lang), style="Document Date")
        doc.add_paragraph(self.tr("Contents"), style="TOC Heading")
        blocks.table_of_contents(self, [(sid, self.section_heading(sid)) for sid in SECTION_IDS])
        blocks.page_break(doc.add_paragraph())

    def section_heading(self, sid: str) -> str:
        from editor.core.guide import section_title

        return section_title(sid, self.lang)

    # -- sections ----------------------------------------------------------
    def _section(self, sid: str) -> None:
        heading = self.doc.add_paragraph(style="Heading 1")
        blocks.bookmark(heading, f"_Toc_mlops_{sid}", self.section_heading(sid), SECTION_IDS.index(sid))
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
        if not self.p.objectives:
            return
        where = self.section_heading("objectives")
        num_id = self.writer.lists.new_list(ordered=True)
        for obj in self.p.objectives:
            para = self.doc.add_paragraph(style="List Paragraph")
            blocks.set_numbering(para, num_id, 0)
            html = markdown_to_html(self.clean(obj.text, where, markdown=True))
            self.writer.inline_html(para, html)
            if obj.kpi_ids:
                run = para.add_run(f" (KPI: {', '.join(obj.kpi_ids)})")
                run.style = self.doc.styles["Objective KPI"]
                detail = self.doc.add_paragraph(style="Objective Target")
                texts = objective_kpi_texts(self.p, obj.kpi_ids, self.lang)
                detail.add_run(self.clean(self.tr("Measured by: {kpis}").format(kpis="; ".join(texts)), where))

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
        where = self.section_heading("resources")
        if self.p.poc_url:
            para = self.doc.add_paragraph()
            para.add_run(self.tr("GitHub POC") + ": ").bold = True
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
        if self.images.get("risk_matrix"):
            self.figure(self.images["risk_matrix"], self.tr("Risk matrix (likelihood \u00d7 impact)"),
                        width_cm=min(11.0, self.text_width_cm))

    def _kpis(self) -> None:
        where = self.section_heading("kpis")
        if self.p.kpis:
            headers, rows = kpi_table(self.p, self.lang)
            self.table(self.tr("Success metrics (KPIs)"), headers, rows, KPI_WIDTHS, where,
                       centered={0}, right={3, 4})
        if self.images.get("kpi_chart"):
            self.figure(self.images["kpi_chart"], self.tr("KPI trajectories towards their targets"),
                        width_cm=self.text_width_cm)

    # -- building blocks ---------------------------------------------------
    def table(self, caption: str, headers, rows, widths, where, fills=None, centered=(), right=(),
              link_columns=(), legend: str = "") -> None:
        self.table_count += 1
        blocks.caption(self.doc, self.tr("Table"), "Table", self.table_count, caption, self.lang)
        widths = list(widths[: len(headers)]) + [EXTRA_WIDTH] * max(0, len(headers) - len(widths))
        scale = self.text_width_cm / sum(widths)
        widths = [w * scale for w in widths]
        headers = [self.clean(h, where) for h in headers]
        rows = [[self.clean(c, where) for c in row] for row in rows]
        blocks.data_table(self, headers, rows, widths, fills or {}, set(centered), set(right), set(link_columns))
        if legend:
            self.doc.add_paragraph(legend, style="Table Legend")
        else:
            self.doc.add_paragraph(style="Table Legend")

    def figure(self, data: bytes, caption: str, width_cm: float) -> bool:
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        para = self.doc.add_paragraph(style="Figure")
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if not self.writer.picture(para, data, caption, width_cm):
            self.doc.element.body.remove(para._p)
            return False
        self.figure_count += 1
        blocks.caption(self.doc, self.tr("Figure"), "Figure", self.figure_count, caption, self.lang)
        return True

    def _read_local_image(self, src: str) -> bytes | None:
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
        meta = self.p.metadata
        props = self.doc.core_properties
        props.title = self.clean(self.title(), self.tr("Title"))
        props.author = self.clean("; ".join(meta.authors), self.tr("Authors"))
        props.last_modified_by = props.author
        props.language = blocks.LANG_TAGS.get(self.lang, "en-US")
        props.subject = self.tr("MLOps project proposal")
        props.keywords = "; ".join(["MLOps", self.tr("project proposal"), self.tr("risks"), "KPI"])
        props.category = self.tr("MLOps project proposal")
        props.comments = ""
        props.revision = 1
        now = dt.datetime.now(dt.timezone.utc)
        props.created = _utc_naive(meta.created) or _utc_naive(now)
        props.modified = _utc_naive(meta.updated) or _utc_naive(now)

    def _store_proposal(self) -> None:
        from docx.opc.constants import RELATIONSHIP_TYPE as RT
        from docx.opc.packuri import PackURI
        from docx.opc.part import Part

        data = self.p.model_dump_json()
        # JSON escapes C0 controls; also escape what XML 1.0 cannot hold (U+FFFE, U+FFFF, surrogates).
        data = re.sub("[\ufffe\uffff\ud800-\udfff]", lambda m: "\\u%04x" % ord(m.group()), data)
        print_ = fingerprint(self.doc.element.body)
        xml = (
            "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
            f'<proposal xmlns="{PART_NAMESPACE}" version="{PART_VERSION}" fingerprint="{print_}">'
            f"<json>{xml_escape(data)}</json></proposal>"
        ).encode("utf-8")
        package = self.doc.part.package
        used = {str(p.partname) for p in package.iter_parts()}
        n = 1
        while f"/customXml/item{n}.xml" in used:
            n += 1
        item = Part(PackURI(f"/customXml/item{n}.xml"), "application/xml", xml, package)
        props_xml = (
            "<?xml version='1.0' encoding='UTF-8' standalone='no'?>\n"
            '<ds:datastoreItem ds:itemID="{6D1F6E2C-4A7B-4C53-9E8E-5D0B7A1C2F31}" '
            'xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml">'
            f'<ds:schemaRefs><ds:schemaRef ds:uri="{PART_NAMESPACE}"/></ds:schemaRefs></ds:datastoreItem>'
        ).encode("utf-8")
        props = Part(PackURI(f"/customXml/itemProps{n}.xml"),
                     "application/vnd.openxmlformats-officedocument.customXmlProperties+xml", props_xml, package)
        item.relate_to(props, RT.CUSTOM_XML_PROPS)
        self.doc.part.relate_to(item, RT.CUSTOM_XML)


def _utc_naive(value: dt.datetime | None) -> dt.datetime | None:
    if value is None:
        return None
    if value.tzinfo is not None:
        value = value.astimezone(dt.timezone.utc).replace(tzinfo=None)
    return value.replace(microsecond=0)


def build_docx(proposal: Proposal, images: dict[str, bytes] | None = None, base_dir=None,
               paper: str | None = None) -> tuple[bytes, list[str]]:
    """The DOCX bytes of ``proposal`` and the warnings for the user."""
    builder = DocxBuilder(proposal, images, base_dir, paper)
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
