"""Markdown and whole proposals to safe HTML, for the GUI preview and the PDF.

The HTML targets Qt's ``QTextDocument`` (a subset of HTML 4 and CSS 2), so the
styling stays simple: tables use ``border``/``cellpadding`` attributes, colours
are plain ``background-color``. User text is never trusted: raw HTML is shown
as text, ``javascript:``-style links lose their target, and remote images are
turned into links so that rendering never fetches anything from the network.

The DOCX writer walks the HTML produced by :func:`markdown_to_html`, so the
preview, the PDF and the DOCX share one Markdown parser and one set of rules.
"""

from __future__ import annotations

import base64
import html
import re
import threading
from collections.abc import Callable
from xml.etree import ElementTree as etree

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from editor.core.formats.table_widths import (
    DATA_SOURCE_WIDTHS,
    KPI_WIDTHS,
    RESOURCE_WIDTHS,
    RISK_WIDTHS,
    fit_widths,
)
from editor.core.formats.urls import url_scheme
from editor.core.model import SECTION_IDS, Kpi, Proposal

# Link targets a reader may follow; anything else with a scheme is dropped.
_LINK_SCHEMES = frozenset({"http", "https", "mailto"})
# Image sources rendered in place: local (relative or absolute) paths and inline PNG/JPEG/GIF.
_INLINE_IMAGE_RE = re.compile(r"^data:image/(png|jpeg|jpg|gif);base64,", re.IGNORECASE)


def is_safe_link(url: str) -> bool:
    """True for http(s), mailto, anchors and relative links; False for javascript:, data:, file:..."""
    scheme = url_scheme(url)
    return scheme == "" or scheme in _LINK_SCHEMES


def is_remote_url(url: str) -> bool:
    return url_scheme(url) in ("http", "https", "ftp", "ftps")


class _Sanitizer(Treeprocessor):
    """Neutralises links and images after every inline pattern has run."""

    def __init__(self, md, heading_offset: int = 0):
        super().__init__(md)
        self.heading_offset = heading_offset

    def run(self, root: etree.Element) -> None:
        for parent in list(root.iter()):
            for index, child in enumerate(list(parent)):
                if child.tag == "a":
                    self._fix_link(child)
                elif child.tag == "img":
                    replacement = self._fix_image(child)
                    if replacement is not None:
                        replacement.tail = child.tail
                        parent.remove(child)
                        parent.insert(index, replacement)
                elif self.heading_offset and re.fullmatch(r"h[1-6]", child.tag):
                    child.tag = f"h{min(6, int(child.tag[1]) + self.heading_offset)}"

    @staticmethod
    def _fix_link(link: etree.Element) -> None:
        href = link.get("href", "")
        if not is_safe_link(href):
            # Keep the words, drop the target: the element becomes plain text.
            link.tag = "span"
            link.attrib.clear()
        for attr in list(link.attrib):
            if attr not in ("href", "title"):
                del link.attrib[attr]

    @staticmethod
    def _fix_image(img: etree.Element) -> etree.Element | None:
        src = img.get("src", "")
        alt = img.get("alt", "")
        scheme = url_scheme(src)
        if (scheme == "" and src.strip()) or (scheme == "data" and _INLINE_IMAGE_RE.match(src)):
            return None
        if is_remote_url(src) or scheme in ("http", "https"):
            link = etree.Element("a", {"href": src, "class": "remote-image"})
            link.text = alt or src
            return link
        span = etree.Element("span")
        span.text = alt
        return span


class SafeMarkdownExtension(Extension):
    """Python-Markdown without raw HTML, with safe links and no remote images."""

    def __init__(self, heading_offset: int = 0, **kwargs):
        self.heading_offset = heading_offset
        super().__init__(**kwargs)

    def extendMarkdown(self, md) -> None:  # noqa: N802 (Python-Markdown API)
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        # After "unescape" (priority 0), so escaped characters cannot hide a scheme.
        md.treeprocessors.register(_Sanitizer(md, self.heading_offset), "mlops_sanitize", -10)


_local = threading.local()


def _markdown(heading_offset: int) -> markdown.Markdown:
    # One parser per thread and offset: building one costs more than a short conversion.
    cache = getattr(_local, "parsers", None)
    if cache is None:
        cache = _local.parsers = {}
    md = cache.get(heading_offset)
    if md is None:
        md = markdown.Markdown(
            extensions=[
                "tables",
                "fenced_code",
                "sane_lists",
                SafeMarkdownExtension(heading_offset=heading_offset),
            ],
            extension_configs={"tables": {"use_align_attribute": True}},
            output_format="html",
        )
        cache[heading_offset] = md
    md.reset()
    return md


def markdown_to_html(text: str, heading_offset: int = 0) -> str:
    """Convert user Markdown to an HTML fragment that is safe to render.

    Tables, fenced code and "sane" lists are supported. Raw HTML is escaped and
    shown as text, links with schemes other than http(s)/mailto become plain
    text, and images with a remote URL become links (nothing is fetched).
    ``heading_offset`` pushes ``#`` headings down (1: ``#`` becomes ``<h2>``).
    """
    safe, plain = _set_aside(text or "")
    out = _markdown(heading_offset).convert(defuse(safe))
    for token, paragraph in plain.items():
        out = out.replace(token, html.escape(paragraph).replace("\n", "<br />\n"))
    return out


# Python-Markdown re-formats the whole paragraph for every inline match it makes, so a
# paragraph of 80,000 "![" or "*a" takes a minute. A paragraph with more marks than any
# text has is set aside before the conversion and put back as plain text.
_MAX_INLINE_MARKS = 2000
_INLINE_MARKS = re.compile(r"[\\`*_\[\]!<>&~]")


def _set_aside(text: str) -> tuple[str, dict[str, str]]:
    if len(text) < _MAX_INLINE_MARKS:
        return text, {}
    plain: dict[str, str] = {}
    paragraphs = text.split("\n\n")
    for index, paragraph in enumerate(paragraphs):
        if len(_INLINE_MARKS.findall(paragraph)) > _MAX_INLINE_MARKS:
            token = f"PROPOSALEDITORPLAINTEXT{len(plain)}X"
            plain[token] = paragraph
            paragraphs[index] = token
    return "\n\n".join(paragraphs), plain


# Python-Markdown's link and quote handling grows quadratically or recurses on
# hostile input ("[" * 20000 takes minutes); no real text comes near these.
_MAX_BRACKETS_PER_PARAGRAPH = 200
_MAX_QUOTE_DEPTH = 20
_QUOTE_PREFIX = re.compile(r"^( {0,3})((?:> ?){%d,})" % (_MAX_QUOTE_DEPTH + 1))
_MAX_INDENT = 64
_DEEP_INDENT = re.compile(r"^[ \t]{%d,}" % (_MAX_INDENT + 1), re.MULTILINE)


def defuse(text: str) -> str:
    """Make input that would take Python-Markdown minutes render as plain text.

    A paragraph with more than 200 ``[`` shows its brackets literally (no links);
    a quote nested more than 20 levels shows its ``>`` marks as text; lines
    indented more than 64 columns (lists nested 30 levels deep) stop there.
    """
    text = _DEEP_INDENT.sub(" " * _MAX_INDENT, text)
    if text.count("[") > _MAX_BRACKETS_PER_PARAGRAPH:
        paragraphs = text.split("\n\n")
        text = "\n\n".join(p.replace("[", "\\[") if p.count("[") > _MAX_BRACKETS_PER_PARAGRAPH else p
                             for p in paragraphs)
    if text.count(">") > _MAX_QUOTE_DEPTH:
        text = "\n".join(_QUOTE_PREFIX.sub(lambda m: m.group(1) + "\\" + m.group(2), line) for line in text.split("\n"))
    return text


# ---------------------------------------------------------------- proposal tables
# Columns and value labels come from the Markdown format (mdfields, vocab), so
# every export shows the same headers and the DOCX reader can map them back.


def risk_zone(score: int | None) -> str | None:
    """``low`` (1-4), ``medium`` (5-9) or ``high`` (10-25) for a likelihood x impact score."""
    from editor.core.risks import zone_for_score

    return zone_for_score(score)


def zone_colour(zone: str) -> str:
    """The fill colour of a risk zone as ``RRGGBB`` (the risk matrix's colours)."""
    from editor.core.risks import ZONE_COLORS

    return ZONE_COLORS[zone].lstrip("#").upper()


def _headers(columns, tr: Callable[[str], str], extra: list[str]) -> list[str]:
    return [tr(msgid) for _field, msgid in columns] + extra


def risk_table(proposal: Proposal, language: str) -> tuple[list[str], list[list[str]]]:
    """Localized headers and cell texts of the risk table (extra columns appended).

    Likelihood, impact and score get short headers (L, I, L×I; P, I, P×I in
    French) explained by :func:`risk_legend`, so that nine columns fit a page.
    """
    from editor.core.formats.mdfields import RISK_COLUMNS
    from editor.core.vocab import RISK_CATEGORY_LABELS, RISK_STATUS_LABELS, label
    from editor.i18n import translator

    tr = translator(language)
    extra = _extra_keys(proposal.risks)
    rows = []
    for r in proposal.risks:
        rows.append(
            [
                r.id, r.description, label(RISK_CATEGORY_LABELS, r.category, language),
                _int(r.likelihood), _int(r.impact), _int(r.score), r.mitigation, r.owner,
                label(RISK_STATUS_LABELS, r.status, language),
            ]
            + [r.extra.get(k, "") for k in extra]
        )
    headers = _headers(RISK_COLUMNS, tr, extra)
    headers[3:6] = [tr("L"), tr("I"), tr("L\u00d7I")]
    return headers, rows


def risk_legend(language: str) -> str:
    """The note under the risk table explaining the short headers and the colours."""
    from editor.i18n import N_, translator

    return translator(language)(N_(
        "L: likelihood (1-5), I: impact (1-5), L\u00d7I: score, shaded by zone "
        "(low 1-4, medium 5-9, high 10-25)."
    ))


def kpi_table(proposal: Proposal, language: str) -> tuple[list[str], list[list[str]]]:
    """Localized headers and cell texts of the KPI table (extra columns appended).

    Dates use the locale's short numeric form (30/06/2027) so that a table
    edited in a word processor still reads back.
    """
    from editor.core.formats.mdfields import KPI_COLUMNS
    from editor.core.vocab import KPI_CATEGORY_LABELS, label
    from editor.i18n import translator

    extra = _extra_keys(proposal.kpis)
    rows = []
    for k in proposal.kpis:
        milestones = "; ".join(f"{_date(m.date, language)}: {_num(m.value, language)}" for m in k.milestones)
        rows.append(
            [
                k.id, k.name, label(KPI_CATEGORY_LABELS, k.category, language), _num(k.baseline, language), _num(k.target, language), k.unit,
                direction_text(k.direction, language),
                _date(k.deadline, language), k.measurement, milestones,
            ]
            + [k.extra.get(key, "") for key in extra]
        )
    return _headers(KPI_COLUMNS, translator(language), extra), rows


def direction_text(direction: str | None, language: str) -> str:
    """``↓ lower`` / ``↑ higher`` (``↓ plus bas`` / ``↑ plus haut``): short enough for a table cell."""
    from editor.i18n import translator

    tr = translator(language)
    if direction == "lower":
        return "\u2193 " + tr("lower")
    if direction == "higher":
        return "\u2191 " + tr("higher")
    return direction or ""


def data_source_table(proposal: Proposal, language: str) -> tuple[list[str], list[list[str]]]:
    """Localized headers and cell texts of the data-source table."""
    from editor.core.formats.mdfields import DATA_SOURCE_COLUMNS
    from editor.i18n import translator

    rows = [[d.name, d.url, d.licence] for d in proposal.data_sources]
    return _headers(DATA_SOURCE_COLUMNS, translator(language), []), rows


def resource_table(proposal: Proposal, language: str) -> tuple[list[str], list[list[str]]]:
    """Localized headers and cell texts of the useful-resources table."""
    from editor.core.formats.mdfields import RESOURCE_COLUMNS
    from editor.i18n import translator

    rows = [[r.title, r.url] for r in proposal.resources]
    return _headers(RESOURCE_COLUMNS, translator(language), []), rows


def kpi_target_text(kpi: Kpi, language: str) -> str:
    """``21 days -> 1 day by 30 June 2027`` style summary of a KPI's goal."""
    from editor.i18n import translator

    tr = translator(language)
    unit = f" {kpi.unit}" if kpi.unit else ""
    parts = []
    if kpi.baseline is not None and kpi.target is not None:
        parts.append(f"{_num(kpi.baseline, language)}{unit} \u2192 {_num(kpi.target, language)}{unit}")
    elif kpi.target is not None:
        parts.append(f"{_num(kpi.target, language)}{unit}")
    if kpi.deadline is not None:
        parts.append(tr("by {date}").format(date=_date(kpi.deadline, language, "long")))
    return " ".join(parts)


def objective_kpi_texts(proposal: Proposal, kpi_ids: list[str], language: str) -> list[str]:
    """For each linked KPI id: ``K1 Deployment time: 21 days -> 1 day by ...``."""
    texts = []
    for kid in kpi_ids:
        kpi = proposal.kpi(kid)
        if kpi is None:
            texts.append(kid)
            continue
        target = kpi_target_text(kpi, language)
        name = f"{kpi.id} {kpi.name}".strip()
        texts.append(f"{name}: {target}" if target else name)
    return texts


def _extra_keys(items) -> list[str]:
    keys: list[str] = []
    for item in items:
        for key in item.extra:
            if key not in keys:
                keys.append(key)
    return keys


def _int(value: int | None) -> str:
    return "" if value is None else str(value)


def _num(value: float | None, language: str) -> str:
    from editor.i18n import format_number

    return "" if value is None else format_number(value, language)


def _date(value, language: str, format: str = "short") -> str:
    from editor.i18n import format_date

    return "" if value is None else format_date(value, language, format)


# ---------------------------------------------------------------- whole document

# What QTextDocument understands: font sizes, weights, colours, margins, borders on tables.
_CSS = """
body { font-family: 'Calibri', 'Carlito', 'Segoe UI', 'Helvetica Neue', 'Arial', sans-serif; font-size: 10.5pt; color: #1a1a1a; }
h1 { font-size: 16pt; font-weight: bold; color: #1f3864; margin-top: 18px; margin-bottom: 6px; }
h2 { font-size: 13pt; font-weight: bold; color: #2f5496; margin-top: 12px; margin-bottom: 4px; }
h3 { font-size: 12pt; font-weight: bold; color: #2f5496; margin-top: 10px; margin-bottom: 4px; }
h4, h5, h6 { font-size: 11pt; font-weight: bold; color: #2f5496; margin-top: 8px; margin-bottom: 2px; }
p { margin-top: 0px; margin-bottom: 6px; }
p.doc-title { font-size: 24pt; font-weight: bold; color: #1f3864; margin-top: 0px; margin-bottom: 8px; }
p.doc-authors { font-size: 13pt; color: #404040; margin-bottom: 2px; }
p.doc-date { font-size: 11pt; color: #595959; margin-bottom: 18px; }
p.caption { font-size: 9pt; font-style: italic; color: #404040; margin-top: 2px; margin-bottom: 10px; }
p.table-caption { font-size: 9pt; font-weight: bold; color: #1f3864; margin-top: 8px; margin-bottom: 2px; }
p.legend { font-size: 8pt; color: #595959; margin-top: 0px; margin-bottom: 10px; }
p.figure { margin-top: 6px; margin-bottom: 0px; }
pre { font-family: 'DejaVu Sans Mono', 'Courier New', monospace; font-size: 9pt; background-color: #f2f2f2; }
code { font-family: 'DejaVu Sans Mono', 'Courier New', monospace; font-size: 10pt; background-color: #f2f2f2; }
blockquote { margin-left: 18px; color: #404040; font-style: italic; }
table { border-color: #8ea9db; border-style: solid; margin-top: 4px; margin-bottom: 10px; }
th { background-color: #d9e2f3; font-weight: bold; font-size: 8.5pt; }
td { font-size: 8.5pt; }
td.kpi-links { color: #404040; }
a { color: #0563c1; }
"""


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def _cell_html(text: str) -> str:
    return "<br>".join(_esc(line) for line in text.split("\n"))


# The PDF's page: A4 less two 2.5 cm margins, table text at 8.5 pt as in the DOCX (see _CSS).
_PAGE_TEXT_CM = 16.0
_TABLE_PT = 8.5


def _table_html(headers: list[str], rows: list[list[str]], widths: list[float], shade: dict[int, str] | None = None,
                zones: list[str | None] | None = None, links: set[int] = frozenset()) -> str:
    # Column shares as in the DOCX: no word cut in two when the page has room for it.
    fitted = fit_widths(widths, headers, rows, _PAGE_TEXT_CM, _TABLE_PT, padding_cm=0.3)
    shares = [100 * w / sum(fitted) for w in fitted]
    out = ['<table width="100%" border="1" cellspacing="0" cellpadding="4" style="border-collapse: collapse;">']
    out.append("<thead><tr>" + "".join(f'<th align="left" width="{share:.1f}%">{_esc(h)}</th>'
                                       for h, share in zip(headers, shares)) + "</tr></thead>")
    for r, row in enumerate(rows):
        cells = []
        for c, value in enumerate(row):
            style = ""
            if shade and c in shade and zones and zones[r]:
                style = f' bgcolor="#{zone_colour(zones[r])}" align="center"'
            content = _link_html(value) if c in links and value else _cell_html(value)
            cells.append(f"<td{style}>{content}</td>")
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</table>")
    return "\n".join(out)


def _caption_html(text: str) -> str:
    return f'<p class="table-caption">{_esc(text)}</p>'


def _image_html(data: bytes, caption: str, width: int = 600) -> str:
    uri = "data:image/png;base64," + base64.b64encode(data).decode("ascii")
    out = f'<p class="figure" align="center"><img src="{uri}" width="{width}"></p>'
    if caption:
        out += f'<p class="caption" align="center">{_esc(caption)}</p>'
    return out


def _section_body(proposal: Proposal, section_id: str, language: str, images: dict[str, bytes],
                  tr: Callable[[str], str]) -> str:
    parts = []
    text = proposal.section(section_id)
    if text.strip():
        parts.append(markdown_to_html(text, heading_offset=1))
    if section_id == "objectives" and proposal.objectives:
        items = []
        for obj in proposal.objectives:
            item = markdown_to_html(obj.text).strip()
            item = re.sub(r"^<p>(.*)</p>$", r"\1", item, flags=re.S)
            links = objective_kpi_texts(proposal, obj.kpi_ids, language)
            if links:
                item += "<br><i>" + _esc(tr("Measured by: {kpis}").format(kpis="; ".join(links))) + "</i>"
            items.append(f"<li>{item}</li>")
        parts.append("<ol>" + "".join(items) + "</ol>")
    elif section_id == "architecture":
        data = images.get("architecture")
        if data:
            parts.append(_image_html(data, proposal.diagram.caption))
    elif section_id == "resources":
        if proposal.poc_url:
            link = _link_html(proposal.poc_url)
            parts.append(f"<p><b>{_esc(tr('GitHub POC'))}:</b> {link}</p>")
        if proposal.data_sources:
            parts.append(_caption_html(tr("Data sources")))
            parts.append(_table_html(*data_source_table(proposal, language), DATA_SOURCE_WIDTHS, links={1}))
        if proposal.resources:
            parts.append(_caption_html(tr("Useful resources")))
            parts.append(_table_html(*resource_table(proposal, language), RESOURCE_WIDTHS, links={1}))
    elif section_id == "risks":
        if proposal.risks:
            headers, rows = risk_table(proposal, language)
            zones = [risk_zone(r.score) for r in proposal.risks]
            parts.append(_caption_html(tr("Risks and mitigations")))
            parts.append(_table_html(headers, rows, RISK_WIDTHS, shade={5: "score"}, zones=zones))
            parts.append(f'<p class="legend">{_esc(risk_legend(language))}</p>')
        if images.get("risk_matrix"):
            parts.append(_image_html(images["risk_matrix"], tr("Risk matrix (likelihood \u00d7 impact)"), 420))
    elif section_id == "kpis":
        if proposal.kpis:
            parts.append(_caption_html(tr("Success metrics (KPIs)")))
            parts.append(_table_html(*kpi_table(proposal, language), KPI_WIDTHS))
        if images.get("kpi_chart"):
            parts.append(_image_html(images["kpi_chart"], tr("KPI trajectories towards their targets")))
    return "\n".join(parts)


def load_diagram(proposal: Proposal, base_dir, image_policy=None) -> bytes | None:
    """The architecture diagram's bytes (path relative to ``base_dir``), None if absent or refused.

    ``image_policy`` (:class:`editor.core.images.ImagePolicy`) says which files may be read; by
    default those inside ``base_dir``; what it refuses is recorded there.
    """
    from editor.core.images import ImagePolicy, ImageRefused, read_image

    if not proposal.diagram.path or is_remote_url(proposal.diagram.path):
        return None
    try:
        return read_image(proposal.diagram.path, base_dir, image_policy or ImagePolicy([base_dir]))
    except ImageRefused:
        return None


def _link_html(url: str, text: str | None = None) -> str:
    label = _esc(text if text is not None else url)
    if url and is_safe_link(url):
        return f'<a href="{_esc(url)}">{label}</a>'
    return label


def proposal_to_html(proposal: Proposal, language: str | None = None,
                     images: dict[str, bytes] | None = None, base_dir=None, image_policy=None) -> str:
    """The whole proposal as one HTML document for QTextDocument (preview and PDF).

    ``language`` defaults to the document's language; headings, table headers,
    dates and numbers follow it. ``images`` may hold PNG bytes under
    ``risk_matrix``, ``kpi_chart`` and ``architecture`` (the diagram file's bytes);
    without ``architecture``, the diagram is read from ``proposal.diagram.path``
    relative to ``base_dir`` (the proposal file's folder) when given, as
    ``image_policy`` allows (see :func:`load_diagram`).
    """
    from editor.core.guide import section_title
    from editor.i18n import format_date, translator

    lang = language or proposal.metadata.language
    tr = translator(lang)
    images = dict(images or {})
    if "architecture" not in images and base_dir is not None:
        diagram = load_diagram(proposal, base_dir, image_policy)
        if diagram is not None:
            images["architecture"] = diagram
    meta = proposal.metadata
    title = meta.title or proposal.section("title").split("\n", 1)[0].strip() or tr("Untitled proposal")
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{lang}"><head><meta charset="utf-8"><title>{_esc(title)}</title>',
        f"<style>{_CSS}</style></head><body>",
        f'<p class="doc-title">{_esc(title)}</p>',
    ]
    if meta.authors:
        out.append(f'<p class="doc-authors">{_esc(", ".join(meta.authors))}</p>')
    stamp = meta.updated or meta.created
    if stamp is not None:
        out.append(f'<p class="doc-date">{_esc(format_date(stamp, lang))}</p>')
    if proposal.unmapped.strip():
        out.append(markdown_to_html(proposal.unmapped, heading_offset=1))
    for sid in SECTION_IDS:
        out.append(f'<h1><a name="{sid}"></a>{_esc(section_title(sid, lang))}</h1>')
        out.append(_section_body(proposal, sid, lang, images, tr))
    out.append("</body></html>")
    return "\n".join(out)


__all__ = [
    "SafeMarkdownExtension",
    "markdown_to_html",
    "proposal_to_html",
    "risk_table",
    "kpi_table",
    "data_source_table",
    "resource_table",
    "risk_legend",
    "risk_zone",
    "zone_colour",
]
