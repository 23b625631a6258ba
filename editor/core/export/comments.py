"""The proposal's review comments placed on the export blocks, each on what it is about.

A comment is anchored in the proposal's terms (:func:`editor.core.comments.comment_anchors`:
a section, a risk's row or one of its cells, objective n or its "Measured by" line, the
diagram, the POC line, words of the text); this module finds the block the builder made
for it, by the keys :func:`editor.core.export.blocks.with_comments` documents, and the
words in that block's text (white space folded, as the DOCX reader gives them). What is
no longer there stands on its section's heading. The writers render what is placed: the
DOCX writer as Word comments, with replies and resolved threads.
"""

from __future__ import annotations

from collections.abc import Iterator

from editor.core.export.blocks import (
    Block,
    Comment,
    Document,
    Figure,
    Heading,
    ListBlock,
    Mark,
    Paragraph,
    Quote,
    Table,
    plain_text,
    with_comments,
)
from editor.core.model import CommentAnchor, Proposal

# Anchor kinds of the structured tables -> (the table's key, its rows' key prefix, the reader's table kind).
_TABLES = {
    "risk": ("risks", "risk", "risks"),
    "kpi": ("kpis", "kpi", "kpis"),
    "data_source": ("data-sources", "data-source", "data-sources"),
    "resource": ("resources", "resource", "resources"),
}


class _Index:
    """The built document's blocks by key, and the texts of each section in reading order
    (found when a comment's words are looked for: a long table costs nothing otherwise)."""

    def __init__(self, document: Document) -> None:
        self.blocks: dict[str, Block] = {}
        self.rows: dict[str, tuple[Table, int]] = {}
        self._leaves: dict[str, list[tuple[str, Block]]] = {"": []}  # section id ("": the title page)
        self._texts: dict[str, list[tuple[str, int | None, int | None, str]]] = {}
        section = ""
        for block in document.blocks:
            if isinstance(block, Heading) and block.key.startswith("section:"):
                section = block.key.split(":", 1)[1]
                self.blocks[block.key] = block
                self._leaves.setdefault(section, [])
                continue
            for key, leaf in _leaves(block):
                self.blocks.setdefault(key, leaf)
                self._leaves[section].append((key, leaf))
                if isinstance(leaf, Table) and leaf.data:  # the structured tables' rows have keys
                    self.rows.update((row.key, (leaf, r)) for r, row in enumerate(leaf.rows) if row.key)

    def texts(self, section: str) -> list[tuple[str, int | None, int | None, str]]:
        """(key, cell, row, text) of each text of ``section``: paragraphs and headings, table cells."""
        if section not in self._texts:
            texts = self._texts[section] = []
            for key, leaf in self._leaves.get(section, ()):
                if isinstance(leaf, (Paragraph, Heading)):
                    texts.append((key, None, None, plain_text(leaf.content)))
                elif isinstance(leaf, Table):
                    for r, row in enumerate(leaf.rows):
                        for c, cell in enumerate(row.cells):
                            texts.append((row.key or key, c, None if row.key else r, plain_text(cell.content)))
        return self._texts[section]

    def words(self, sections: list[str], quote: str, only: str | None = None) -> tuple[str, Mark] | None:
        """The key and the mark of ``quote``'s first occurrence in ``sections`` (or in the block ``only``)."""
        wanted = " ".join(quote.split())
        if not wanted:
            return None
        for section in sections:
            for key, cell, row, text in self.texts(section):
                if only is not None and key != only:
                    continue
                found = _find(text, wanted)
                if found is not None:
                    return key, Mark("", found[0], found[1], cell, row)
        return None


def _leaves(block: Block) -> Iterator[tuple[str, Block]]:
    """The keyed blocks holding text in ``block`` (itself, its lists' and quotes' blocks), in order."""
    if isinstance(block, (Paragraph, Heading, Table, Figure)):
        if block.key:
            yield block.key, block
    elif isinstance(block, ListBlock):
        for item in block.items:
            for child in item.blocks:
                yield from _leaves(child)
    elif isinstance(block, Quote):
        for child in block.blocks:
            yield from _leaves(child)


def _find(text: str, wanted: str) -> tuple[int, int] | None:
    """(start, end) in ``text`` of ``wanted`` (its white space folded), or None."""
    folded: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        if ch.isspace():
            if folded and folded[-1] == " ":
                continue
            ch = " "
        folded.append(ch)
        index.append(i)
    at = "".join(folded).find(wanted)
    if at < 0:
        return None
    return index[at], index[at + len(wanted) - 1] + 1


def _column(table: Table, kind: str, field: str) -> int | None:
    """The column of ``table`` holding ``field``, told by its header as the DOCX reader tells it."""
    from editor.core.formats.mdfields import field_for

    if not field or not table.rows:
        return None
    headers = [plain_text(cell.content) for cell in table.rows[0].cells]
    return next((c for c, header in enumerate(headers) if field_for(kind, header) == field), None)


def _place(index: _Index, anchor: CommentAnchor) -> tuple[str, Mark]:
    """The key of the block ``anchor`` stands on and where in it (the mark's id left empty)."""
    sid = anchor.section
    found: tuple[str, Mark] | None = None
    if anchor.kind == "resource" and anchor.field == "poc_url":
        found = ("poc", Mark("")) if "poc" in index.blocks else None
    elif anchor.kind in _TABLES:
        table_key, prefix, kind = _TABLES[anchor.kind]
        if anchor.item and f"{prefix}:{anchor.item}" in index.rows:
            key = f"{prefix}:{anchor.item}"
            table, _r = index.rows[key]
            found = key, Mark("", cell=_column(table, kind, anchor.field))
        elif not anchor.item and isinstance(index.blocks.get(table_key), Table):
            found = table_key, Mark("", cell=_column(index.blocks[table_key], kind, anchor.field), row=0)
    elif anchor.kind == "objective" and anchor.item:
        key = f"objective-target:{anchor.item}" if anchor.field == "kpi_ids" else ""
        key = key if key in index.blocks else f"objective:{anchor.item}"
        found = (key, Mark("")) if key in index.blocks else None
    elif anchor.kind == "diagram":
        found = ("diagram", Mark("")) if "diagram" in index.blocks else None
    if anchor.quote and (found is None or anchor.kind in ("text", "objective")):
        only = found[0] if found is not None else None
        words = index.words([sid] if sid and sid != "title" else ["", "title"], anchor.quote, only)
        if words is not None:
            return words
    if found is not None:
        return found
    if sid and f"section:{sid}" in index.blocks:
        return f"section:{sid}", Mark("")
    first = next((key for key, _c, _r, text in index.texts("") if text.strip()), "")
    return first, Mark("")


def place_comments(document: Document, proposal: Proposal) -> Document:
    """``document`` (built from ``proposal``) with the proposal's review comments on their blocks."""
    if not proposal.comments:
        return document
    from editor.core.comments import comment_anchors

    index = _Index(document)
    ids = {c.id for c in proposal.comments}
    placed: dict[str, tuple[Mark, ...]] = {}
    comments = []
    for comment, anchor in comment_anchors(proposal):
        key, mark = _place(index, anchor)
        placed[key] = placed.get(key, ()) + (mark._replace(id=comment.id),)
        parent = comment.reply_to if comment.reply_to in ids and comment.reply_to != comment.id else ""
        comments.append(Comment(comment.id, comment.author, comment.text, comment.initials, comment.date,
                                parent, comment.resolved))
    return with_comments(document, tuple(comments), placed)
