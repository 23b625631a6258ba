"""Export blocks -> HTML for Qt's ``QTextDocument``: the live preview and the PDF.

QTextDocument reads a subset of HTML 4 and CSS 2, so the styling stays simple: tables
use ``border``/``cellpadding`` attributes, colours are plain ``background-color``, a
picture is a ``data:`` URI (the browser never reads a file or the network itself).
Texts arrive final from :mod:`build`; this module only renders them.
"""

from __future__ import annotations

import base64
import html
from collections.abc import Mapping

from editor.core.export.blocks import (
    Block,
    Break,
    Caption,
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
    Run,
    Table,
    ThematicBreak,
    caption_text,
    picture_type,
)

# What QTextDocument understands: font sizes, weights, colours, margins, borders on tables.
CSS = """
body { font-family: 'Calibri', 'Carlito', 'Segoe UI', 'Helvetica Neue', 'Arial', sans-serif; font-size: 10.5pt; color: #1a1a1a; }
h1 { font-size: 16pt; font-weight: bold; color: #1f3864; margin-top: 18px; margin-bottom: 6px; }
h2 { font-size: 13pt; font-weight: bold; color: #2f5496; margin-top: 12px; margin-bottom: 4px; }
h3 { font-size: 12pt; font-weight: bold; color: #2f5496; margin-top: 10px; margin-bottom: 4px; }
h4, h5, h6 { font-size: 11pt; font-weight: bold; color: #2f5496; margin-top: 8px; margin-bottom: 2px; }
p { margin-top: 0px; margin-bottom: 6px; }
p.kicker { font-size: 10pt; font-weight: bold; color: #2f5496; text-transform: uppercase; margin-top: 24px; margin-bottom: 4px; }
p.title { font-size: 24pt; font-weight: bold; color: #1f3864; margin-top: 0px; margin-bottom: 8px; }
p.subtitle { font-size: 13pt; color: #404040; margin-bottom: 2px; }
p.date { font-size: 11pt; color: #595959; margin-bottom: 18px; }
p.contents-heading { font-size: 13pt; font-weight: bold; color: #1f3864; margin-top: 12px; margin-bottom: 4px; }
table.contents { border-style: none; margin-top: 0px; margin-bottom: 6px; }
p.caption { font-size: 9pt; font-style: italic; color: #404040; margin-top: 2px; margin-bottom: 10px; }
p.table-caption { font-size: 9pt; font-weight: bold; color: #1f3864; margin-top: 8px; margin-bottom: 2px; }
p.legend { font-size: 8pt; color: #595959; margin-top: 0px; margin-bottom: 10px; }
p.figure { margin-top: 6px; margin-bottom: 0px; }
span.note, span.objective-target { color: #595959; font-size: 9.5pt; }
span.objective-target { font-style: italic; }
pre { font-family: 'DejaVu Sans Mono', 'Courier New', monospace; font-size: 9pt; background-color: #f2f2f2; }
code { font-family: 'DejaVu Sans Mono', 'Courier New', monospace; font-size: 10pt; background-color: #f2f2f2; }
blockquote { margin-left: 18px; color: #404040; font-style: italic; }
table { border-color: #8ea9db; border-style: solid; margin-top: 4px; margin-bottom: 10px; }
th { background-color: #d9e2f3; font-weight: bold; font-size: 8.5pt; }
td { font-size: 8.5pt; }
a { color: #0563c1; }
"""
# Pixels of the preview's page for a picture as wide as the text (16 cm).
_TEXT_WIDTH_PX = 600
_TEXT_WIDTH_CM = 16.0
_TASK_BOXES = {False: "\u2610 ", True: "\u2611 "}


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


class HtmlWriter:
    """Renders one document; ``images`` resolves the pictures the blocks name (the charts)."""

    def __init__(self, language: str, images: Mapping[str, bytes] | None = None,
                 pages: Mapping[str, int] | None = None, breaks: frozenset[str] = frozenset()) -> None:
        self.language = language
        self.images = images if images is not None else {}
        self.pages = pages or {}  # the page of each anchor, once laid out (the PDF)
        self.breaks = breaks  # anchored headings that start a new page (kept with what follows them)
        self.counts: dict[str, int] = {}

    # -- inline -------------------------------------------------------------------
    def inline(self, content: tuple[Inline, ...]) -> str:
        out = []
        for item in content:
            if isinstance(item, Run):
                out.append(self.run(item))
            elif isinstance(item, Break):
                out.append("<br>")
            elif isinstance(item, InlineImage):
                out.append(self.inline_image(item))
        return "".join(out)

    @staticmethod
    def run(run: Run) -> str:
        text = _esc(run.text)
        if run.code:
            text = f"<code>{text}</code>"
        if run.strike:
            text = f"<s>{text}</s>"
        if run.italic:
            text = f"<em>{text}</em>"
        if run.bold:
            text = f"<strong>{text}</strong>"
        if run.style:
            text = f'<span class="{run.style}">{text}</span>'
        if run.link is not None:
            title = f' title="{_esc(run.link_title)}"' if run.link_title else ""
            text = f'<a href="{_esc(run.link)}"{title}>{text}</a>'
        return text

    @staticmethod
    def inline_image(image: InlineImage) -> str:
        if not image.data:
            return f"<i>[{_esc(image.alt)}]</i>" if image.alt else ""
        uri = f"data:{picture_type(image.data)};base64," + base64.b64encode(image.data).decode("ascii")
        title = f' title="{_esc(image.title)}"' if image.title else ""
        return f'<img src="{uri}" alt="{_esc(image.alt)}"{title}>'

    # -- blocks ---------------------------------------------------------------------
    def blocks(self, blocks: tuple[Block, ...] | list[Block]) -> str:
        return "\n".join(part for part in (self.block(b) for b in blocks) if part)

    def block(self, block: Block) -> str:
        if isinstance(block, Paragraph):
            return self.paragraph(block)
        if isinstance(block, Heading):
            anchor = f'<a name="{_esc(block.anchor)}"></a>' if block.anchor else ""
            style = ' style="page-break-before: always"' if block.anchor and block.anchor in self.breaks else ""
            return f"<h{block.level}{style}>{anchor}{self.inline(block.content)}</h{block.level}>"
        if isinstance(block, ListBlock):
            return self.list(block)
        if isinstance(block, Quote):
            return f"<blockquote>{self.blocks(block.blocks)}</blockquote>"
        if isinstance(block, CodeBlock):
            return f"<pre><code>{_esc(block.text)}</code></pre>"
        if isinstance(block, ThematicBreak):
            return "<hr>"
        if isinstance(block, PageBreak):
            return '<p style="page-break-after: always; margin-bottom: 0px;"></p>'
        if isinstance(block, Table):
            return self.table(block)
        if isinstance(block, Figure):
            return self.figure(block)
        if isinstance(block, Contents):
            # A table, so that the page numbers a second layout adds change no line's height.
            # The body's size, not the tables': QTextDocument gives a link in a cell the cell's size
            # unless the link says otherwise.
            size = 'style="font-size: 10.5pt; color: #1a1a1a; text-decoration: none;"'
            rows = "".join(f'<tr><td><a href="#{_esc(anchor)}" {size}>{_esc(title)}</a></td>'
                           f'<td align="right"><a href="#{_esc(anchor)}" {size}>{self.pages.get(anchor, "")}</a></td></tr>'
                           for anchor, title in block.entries)
            return f'<table class="contents" width="100%" cellspacing="0" cellpadding="1">{rows}</table>'
        return ""

    def paragraph(self, p: Paragraph) -> str:
        align = f' align="{p.align}"' if p.align else ""
        css = f' class="{p.style}"' if p.style else ""
        return f"<p{css}{align}>{self.inline(p.content)}</p>"

    def list(self, block: ListBlock) -> str:
        tag = "ol" if block.ordered else "ul"
        start = f' start="{block.start}"' if block.ordered and block.start != 1 else ""
        if all(item.task is not None for item in block.items):  # task boxes in place of the bullets
            start += ' style="list-style-type: none"'
        items = []
        for item in block.items:
            parts: list[str] = []
            for index, child in enumerate(item.blocks):
                if isinstance(child, Paragraph):
                    text = self.inline(child.content)
                    if child.style:
                        text = f'<span class="{child.style}">{text}</span>'
                    parts.append(("<br>" if index and parts else "") + text)
                else:
                    parts.append(self.block(child))
            box = _TASK_BOXES[item.task] if item.task is not None else ""
            items.append(f"<li>{box}{''.join(parts)}</li>")
        return f"<{tag}{start}>{''.join(items)}</{tag}>"

    def caption(self, caption: Caption, css: str) -> str:
        number = self.counts[caption.label] = self.counts.get(caption.label, 0) + 1
        return f'<p class="{css}">{_esc(caption_text(caption, number, self.language))}</p>'

    def table(self, table: Table) -> str:
        out = []
        if table.caption is not None:
            out.append(self.caption(table.caption, "table-caption"))
        columns = max((len(row.cells) for row in table.rows), default=0)
        widths = list(table.widths) if len(table.widths) == columns else []
        out.append('<table width="100%" border="1" cellspacing="0" cellpadding="4" style="border-collapse: collapse;">'
                   if table.data or widths else '<table border="1" cellspacing="0" cellpadding="4">')
        for r, row in enumerate(table.rows):
            head = r < table.header
            cells = []
            for c, cell in enumerate(row.cells):
                tag = "th" if head else "td"
                attrs = ""
                if head and widths:
                    attrs += f' width="{100 * widths[c] / sum(widths):.1f}%"'
                if cell.fill:
                    attrs += f' bgcolor="#{cell.fill}"'
                align = cell.align or ("left" if head and table.data else "")
                if align:
                    attrs += f' align="{align}"'
                content = cell.content
                if len(content) == 1 and type(run := content[0]) is Run and run.link is None and not (
                        run.bold or run.italic or run.strike or run.code or run.style):
                    cells.append(f"<{tag}{attrs}>{_esc(run.text)}</{tag}>")  # most cells: plain text
                else:
                    cells.append(f"<{tag}{attrs}>{self.inline(content)}</{tag}>")
            line = "<tr>" + "".join(cells) + "</tr>"
            out.append(f"<thead>{line}</thead>" if head and r == 0 and table.header == 1 else line)
        out.append("</table>")
        if table.legend:
            out.append(f'<p class="legend">{_esc(table.legend)}</p>')
        return "\n".join(out)

    def figure(self, figure: Figure) -> str:
        picture = figure.picture
        data = picture.data
        if picture.deferred:
            data = self.images.get(picture.deferred) or b""
        if data:
            uri = f"data:{picture_type(data)};base64," + base64.b64encode(data).decode("ascii")
        elif picture.svg:
            uri = "data:image/svg+xml;base64," + base64.b64encode(picture.svg).decode("ascii")
        else:
            return ""
        width = round(_TEXT_WIDTH_PX * min(1.0, figure.width_cm / _TEXT_WIDTH_CM))
        alt = f' alt="{_esc(figure.description)}"' if figure.description else ""
        out = f'<p class="figure" align="center"><img src="{uri}" width="{width}"{alt}></p>'
        if figure.caption is not None:
            out += self.caption(figure.caption, "caption").replace('class="caption"', 'class="caption" align="center"')
        return out


def render_html(document: Document, images: Mapping[str, bytes] | None = None,
                pages: Mapping[str, int] | None = None, breaks: frozenset[str] = frozenset()) -> str:
    """The whole document as one HTML page for QTextDocument; ``pages`` (anchor -> page number,
    known once the pages are laid out) fills in the contents' page numbers; the headings
    anchored by ``breaks`` start a new page."""
    writer = HtmlWriter(document.language, images, pages, breaks)
    title = _esc(document.properties.title)
    return "\n".join([
        "<!DOCTYPE html>",
        f'<html lang="{document.language}"><head><meta charset="utf-8"><title>{title}</title>',
        f"<style>{CSS}</style></head><body>",
        writer.blocks(document.blocks),
        "</body></html>",
    ])


def markdown_to_html(text: str, heading_offset: int = 0, language: str = "en") -> str:
    """User Markdown (GFM) as a safe HTML fragment: raw HTML shown as text, unsafe link targets
    dropped, web pictures as links; ``heading_offset`` pushes ``#`` headings down."""
    from editor.core.export.prose import prose_blocks

    return HtmlWriter(language).blocks(prose_blocks(text or "", heading_offset))


def proposal_to_html(proposal, language: str | None = None, images: Mapping[str, bytes] | None = None,
                     base_dir=None, fence_figure=None, image_policy=None) -> str:
    """The whole proposal as HTML (preview and PDF), in ``language`` (default: the document's).

    ``images`` may hold PNG bytes under ``risk_matrix``, ``kpi_chart`` and
    ``architecture``; the diagram file and the prose's pictures are read relative
    to ``base_dir`` (the proposal's folder) when given, as ``image_policy`` allows.
    ``fence_figure`` turns a fenced code block into a figure (see
    :func:`editor.core.export.build.build_document`).
    """
    from editor.core.export import no_gc_pauses
    from editor.core.export.build import build_document

    with no_gc_pauses():
        document = build_document(proposal, language, images, base_dir, fence_figure=fence_figure,
                                  image_policy=image_policy)
        return render_html(document, images)
