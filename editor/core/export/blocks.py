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


class Mark(NamedTuple):
    """Where a review comment stands in a block: all of it, or the characters ``start`` to
    ``end`` of its text (as :func:`plain_text` counts them). On a table row, ``cell`` narrows
    it to one cell (the characters are that cell's); on a table, ``row`` names the row."""

    id: str
    start: int = 0
    end: int | None = None
    cell: int | None = None
    row: int | None = None

    @property
    def whole(self) -> bool:
        return self.start == 0 and self.end is None


class RangeStart(NamedTuple):
    """Where a comment's range of words starts, between the runs :func:`ranged` gives."""

    id: str


class RangeEnd(NamedTuple):
    id: str


# A comment given by its id alone stands on the whole block.
Placed = Union[str, Mark]


@dataclass(frozen=True, slots=True)
class Heading:
    """``level`` 1 is a guide section (numbered title, anchored for the contents); 2-6 below it."""

    level: int
    content: tuple[Inline, ...]
    anchor: str = ""
    comments: tuple[Placed, ...] = ()
    key: str = ""  # where review comments may be placed (see with_comments)


@dataclass(frozen=True, slots=True)
class Paragraph:
    """Body text, or a paragraph in a named style: ``kicker``, ``title``, ``subtitle``, ``date``,
    ``contents-heading``, ``objective-target`` (an objective's KPIs), ``legend`` (under a table)."""

    content: tuple[Inline, ...]
    style: str = ""
    align: str = ""  # "", "center", "right"
    comments: tuple[Placed, ...] = ()
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
    comments: tuple[Placed, ...] = ()
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
    key: str = ""  # comments placed on it name a row (Mark.row)


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
    comments: tuple[Placed, ...] = ()  # on the picture
    key: str = ""


@dataclass(frozen=True, slots=True)
class Contents:
    """The table of contents: (anchor, title) of each level-1 heading."""

    entries: tuple[tuple[str, str], ...]


Block = Union[Heading, Paragraph, ListBlock, Quote, CodeBlock, ThematicBreak, PageBreak, Table, Figure, Contents]


@dataclass(frozen=True, slots=True)
class Comment:
    """A review comment shown in the margin; blocks refer to it by ``id``. A reply names the
    comment it answers (``parent``); a thread marked done is ``resolved``."""

    id: str
    author: str
    text: str
    initials: str = ""
    date: dt.datetime | None = None
    parent: str = ""
    resolved: bool = False


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
    # The language a word processor checks the spelling in ("": ``language``): the proposal's own choice.
    proofing: str = ""
    # Places where text had characters a document cannot hold (removed or made line breaks).
    cleaned: tuple[str, ...] = ()
    # What the user should be told (a picture that could not be read).
    warnings: tuple[str, ...] = ()


def with_comments(document: Document, comments: tuple[Comment, ...], placed: dict[str, tuple[Placed, ...]]) -> Document:
    """``document`` with review ``comments``, each placed on the blocks whose ``key`` ``placed``
    maps to its id (the whole block) or to a :class:`Mark` (words of it, a cell, a table's row).
    The builder's keys: ``section:<id>`` (a section's heading), ``<section id>:<n>`` (the n-th
    block of its prose, from 0; ``.<i>.<j>`` below it for block j of list item i, ``.<j>`` for
    block j of a quote), ``title-page:<style>``, ``unmapped:<n>``, ``objective:<n>`` and its
    ``objective-target:<n>`` (from 1), ``poc``, ``diagram``, the structured tables ``risks``,
    ``kpis``, ``data-sources``, ``resources`` and their rows ``risk:<id>``, ``kpi:<id>``,
    ``data-source:<n>``, ``resource:<n>`` (from 1). A comment placed on several blocks spans
    from the first to the last."""
    from dataclasses import replace

    placed = {key: marks for key, marks in placed.items() if key}  # an unkeyed block takes none

    def on_row(row: Row, extra: tuple[Placed, ...]) -> Row:
        return row._replace(comments=row.comments + extra)

    def place(block):
        if isinstance(block, (Heading, Paragraph, Figure)):
            return replace(block, comments=block.comments + placed[block.key]) if block.key in placed else block
        if isinstance(block, Table):
            on_rows = [mark for mark in placed.get(block.key, ()) if isinstance(mark, Mark) and mark.row is not None]
            if not on_rows and not any(row.key in placed for row in block.rows if row.key):
                return block
            rows = [on_row(row, placed[row.key]) if row.key in placed else row for row in block.rows]
            for mark in on_rows:
                if 0 <= mark.row < len(rows):
                    rows[mark.row] = on_row(rows[mark.row], (mark._replace(row=None),))
            return replace(block, rows=tuple(rows))
        if isinstance(block, ListBlock):
            return replace(block, items=tuple(ListItem(tuple(place(b) for b in item.blocks), item.task)
                                              for item in block.items))
        if isinstance(block, Quote):
            return replace(block, blocks=tuple(place(b) for b in block.blocks))
        return block

    return replace(document, blocks=tuple(place(b) for b in document.blocks),
                   comments=document.comments + tuple(comments))


def as_mark(placed: Placed) -> Mark:
    return Mark(placed) if isinstance(placed, str) else placed


def plain_text(content: tuple[Inline, ...]) -> str:
    """The text of inline content as a reader of the document sees it, the characters
    :class:`Mark` counts: a break is a newline, a picture nothing (its alt text in brackets
    when it could not be read)."""
    out = []
    for item in content:
        if type(item) is Run:
            out.append(item.text)
        elif type(item) is Break:
            out.append("\n")
        elif not item.data and item.alt:
            out.append(f"[{item.alt}]")
    return "".join(out)


def ranged(content: tuple[Inline, ...], marks) -> list:
    """``content`` with a :class:`RangeStart` and a :class:`RangeEnd` around the characters each
    of ``marks`` covers, runs cut in two where a range starts or ends inside them."""
    total = len(plain_text(content))
    points: dict[int, list] = {}
    for mark in marks:
        start = max(0, min(mark.start, total))
        end = total if mark.end is None else max(start, min(mark.end, total))
        points.setdefault(start, []).append(RangeStart(mark.id))
        points.setdefault(end, []).append(RangeEnd(mark.id))
    cuts = sorted(points)
    out: list = []
    started: set[str] = set()

    def emit(at: int) -> None:
        # A range that ends where another starts closes first; an empty one opens, then closes.
        here = points[at]
        out.extend(p for p in here if type(p) is RangeEnd and p.id in started)
        out.extend(p for p in here if type(p) is RangeStart)
        out.extend(p for p in here if type(p) is RangeEnd and p.id not in started)
        started.update(p.id for p in here if type(p) is RangeStart)

    k, pos = 0, 0
    for item in content:
        while k < len(cuts) and cuts[k] <= pos:
            emit(cuts[k])
            k += 1
        length = len(plain_text((item,)))
        while type(item) is Run and k < len(cuts) and cuts[k] < pos + length:
            cut = cuts[k] - pos
            out.append(item._replace(text=item.text[:cut]))
            item, pos, length = item._replace(text=item.text[cut:]), pos + cut, length - cut
            emit(cuts[k])
            k += 1
        out.append(item)
        pos += length
    for at in cuts[k:]:
        emit(at)
    return out


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
