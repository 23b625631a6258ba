"""The export representation: a document as a tree of frozen blocks, built once per language.

Every export writer (HTML for the preview and the PDF, DOCX) renders these blocks and
nothing else: it never walks the proposal, branches on section ids or parses Markdown.
Inline content is a flat sequence of :class:`Run` (text with its formatting and link),
:class:`Break` and :class:`InlineImage`, the shape Word runs and HTML spans both take.

Texts are final (translated, numbers and dates formatted). Pictures are bytes, or the
name of a picture a writer is given later (charts still being painted).

Blocks are frozen dataclasses. The leaves a document has by the hundred thousand (runs,
table cells and rows: a table of 200,000 rows typed in the prose) are named tuples,
immutable too and made three times faster.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import NamedTuple, Union


class Run(NamedTuple):
    """Text with one formatting; ``link`` is a target already judged safe to follow."""

    text: str
    bold: bool = False
    italic: bool = False
    strike: bool = False
    code: bool = False
    link: str | None = None
    link_title: str = ""
    # Raw HTML typed in the prose, shown as the characters typed (never interpreted).
    raw: bool = False
    # A named character style: "note" (a small grey remark, e.g. an objective's KPI ids).
    style: str = ""


class Break(NamedTuple):
    """A hard line break inside a paragraph."""


class InlineImage(NamedTuple):
    """A local picture in the prose (``![alt](path)``), read by the builder through
    :func:`editor.core.export.images.read_image`."""

    src: str
    alt: str = ""
    title: str = ""
    data: bytes = b""  # the picture's bytes, empty when it could not be read (its alt text shows)


Inline = Union[Run, Break, InlineImage]


@dataclass(frozen=True, slots=True)
class Heading:
    """``level`` 1 is a guide section (numbered title, anchored for the contents); 2-6 below it."""

    level: int
    content: tuple[Inline, ...]
    anchor: str = ""
    comments: tuple[str, ...] = ()
    key: str = ""  # where review comments may be placed (see with_comments)


@dataclass(frozen=True, slots=True)
class Paragraph:
    """Body text, or a paragraph in a named style: ``kicker``, ``title``, ``subtitle``, ``date``,
    ``contents-heading``, ``objective-target`` (an objective's KPIs), ``legend`` (under a table)."""

    content: tuple[Inline, ...]
    style: str = ""
    align: str = ""  # "", "center", "right"
    comments: tuple[str, ...] = ()
    key: str = ""


@dataclass(frozen=True, slots=True)
class ListItem:
    blocks: tuple[Block, ...]
    task: bool | None = None  # GFM task item: False unchecked, True checked


@dataclass(frozen=True, slots=True)
class ListBlock:
    items: tuple[ListItem, ...]
    ordered: bool = False
    start: int = 1
    tight: bool = True


@dataclass(frozen=True, slots=True)
class Quote:
    blocks: tuple[Block, ...]


@dataclass(frozen=True, slots=True)
class CodeBlock:
    text: str
    language: str = ""


@dataclass(frozen=True, slots=True)
class ThematicBreak:
    """A horizontal rule."""


@dataclass(frozen=True, slots=True)
class PageBreak:
    """The next block starts a new page."""


class Cell(NamedTuple):
    content: tuple[Inline, ...]
    align: str = ""  # "", "left", "center", "right"
    fill: str = ""  # background as RRGGBB


class Row(NamedTuple):
    cells: tuple[Cell, ...]
    comments: tuple[str, ...] = ()
    key: str = ""


@dataclass(frozen=True, slots=True)
class Caption:
    """``Table 2: Risks`` / ``Figure 1 : Architecture``: writers number each ``label`` in order."""

    label: str
    text: str


@dataclass(frozen=True, slots=True)
class Table:
    """A table: ``header`` rows first (repeated on each page), columns ``widths`` cm wide.

    Structured tables (risks, KPIs...) carry a caption, a legend and fixed widths
    fitted to the page; a table typed in the prose has neither (widths share the page).
    """

    rows: tuple[Row, ...]
    header: int = 1
    widths: tuple[float, ...] = ()
    caption: Caption | None = None
    legend: str = ""
    data: bool = False  # a structured table (compact text, no word cut in two) rather than prose


@dataclass(frozen=True, slots=True)
class Picture:
    """A raster picture (PNG, JPEG, GIF), with an optional SVG drawn instead where the reader can.

    ``deferred`` names a picture the writer is given later (a chart painted meanwhile);
    ``data`` is then empty.
    """

    data: bytes = b""
    svg: bytes = b""
    deferred: str = ""


@dataclass(frozen=True, slots=True)
class Figure:
    picture: Picture
    caption: Caption | None = None
    width_cm: float = 16.0
    description: str = ""


@dataclass(frozen=True, slots=True)
class Contents:
    """The table of contents: (anchor, title) of each level-1 heading."""

    entries: tuple[tuple[str, str], ...]


Block = Union[Heading, Paragraph, ListBlock, Quote, CodeBlock, ThematicBreak, PageBreak, Table, Figure, Contents]


@dataclass(frozen=True, slots=True)
class Comment:
    """A review comment shown in the margin; blocks refer to it by ``id``."""

    id: str
    author: str
    text: str
    initials: str = ""
    date: dt.datetime | None = None


@dataclass(frozen=True, slots=True)
class Properties:
    """What a document file says about itself (DOCX core properties, HTML title)."""

    title: str = ""
    authors: tuple[str, ...] = ()
    subject: str = ""
    keywords: tuple[str, ...] = ()
    category: str = ""
    created: dt.datetime | None = None
    modified: dt.datetime | None = None


@dataclass(frozen=True, slots=True)
class Document:
    """A whole document in one language: its blocks, running header and footer, comments."""

    language: str
    blocks: tuple[Block, ...]
    properties: Properties = field(default_factory=Properties)
    header: str = ""  # the running header, from the second page on
    footer: str = ""  # "Page {page} of {pages}"
    paper: str = "a4"
    comments: tuple[Comment, ...] = ()
    # Places where text had characters a document cannot hold (removed or made line breaks).
    cleaned: tuple[str, ...] = ()
    # What the user should be told (a picture that could not be read).
    warnings: tuple[str, ...] = ()


def with_comments(document: Document, comments: tuple[Comment, ...], placed: dict[str, tuple[str, ...]]) -> Document:
    """``document`` with review ``comments``, each placed on the blocks whose ``key`` ``placed``
    maps to its id. The builder's keys: ``section:<id>`` (a section's heading), ``<section
    id>:<n>`` (the n-th block of its prose, from 0), ``objective:<n>`` (from 1), and the table
    rows ``risk:<id>``, ``kpi:<id>``, ``data-source:<n>``, ``resource:<n>`` (from 1). A
    comment placed on several blocks spans from the first to the last."""
    from dataclasses import replace

    def place(block):
        if isinstance(block, (Heading, Paragraph)):
            return replace(block, comments=block.comments + placed[block.key]) if block.key in placed else block
        if isinstance(block, Table):
            rows = tuple(row._replace(comments=row.comments + placed[row.key]) if row.key in placed else row
                         for row in block.rows)
            return replace(block, rows=rows)
        if isinstance(block, ListBlock):
            return replace(block, items=tuple(ListItem(tuple(place(b) for b in item.blocks), item.task)
                                              for item in block.items))
        if isinstance(block, Quote):
            return replace(block, blocks=tuple(place(b) for b in block.blocks))
        return block

    return replace(document, blocks=tuple(place(b) for b in document.blocks),
                   comments=document.comments + tuple(comments))


def runs(text: str, **formatting) -> tuple[Inline, ...]:
    """Plain ``text`` as inline content (newlines become breaks)."""
    out: list[Inline] = []
    for i, line in enumerate(text.split("\n")):
        if i:
            out.append(Break())
        if line:
            out.append(Run(line, **formatting))
    return tuple(out)


def caption_text(caption: Caption, number: int, language: str) -> str:
    """``Figure 2: text``; French typography puts a non-breaking space before the colon."""
    return f"{caption.label} {number}{caption_separator(language)}{caption.text}"


def caption_separator(language: str) -> str:
    return "\u00a0: " if language == "fr" else ": "


def picture_type(data: bytes) -> str:
    """The MIME type of picture bytes, from their signature."""
    if data[:8] == b"\x89PNG\r\n\x1a\n":
        return "image/png"
    if data[:3] == b"\xff\xd8\xff":
        return "image/jpeg"
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return "image/gif"
    if b"<svg" in data[:4096]:
        return "image/svg+xml"
    return "application/octet-stream"
