"""A student's Markdown prose -> export blocks, read as GitHub reads it (GFM, :mod:`gfm`).

What the prose may do is limited for safety, as in every export: raw HTML is shown as
the characters typed, links other than http(s), mailto, anchors and relative paths keep
their words but lose their target (``javascript:``, ``data:``, ``file:``...), and a
picture on the web becomes a link to it (an export never fetches anything). Local
pictures stay :class:`InlineImage` for the writers to read through
:func:`editor.core.export.images.read_image`.

Hostile input stays linear: an inline text with more marks than any prose has is shown
as plain text, quotes nested past 20 levels show their ``>``, lines indented past 64
columns stop there.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import unquote

from editor.core.export.blocks import (
    Block,
    Break,
    Cell,
    CodeBlock,
    Figure,
    Heading,
    Inline,
    InlineImage,
    ListBlock,
    ListItem,
    Paragraph,
    Quote,
    Row,
    Run,
    Table,
    ThematicBreak,
)
from editor.core.formats.urls import url_scheme

# A fenced code block's info string and code -> a Figure to show instead, or None (stays code).
FenceFigure = Callable[[str, str], "Figure | None"]

_LINK_SCHEMES = frozenset({"http", "https", "mailto"})
_INLINE_IMAGE = re.compile(r"^data:image/(png|jpeg|jpg|gif);base64,", re.IGNORECASE)
_TASK = re.compile(r"^\[([ xX])\](?=[ \t]|$)")
# Past this many marks an inline text is shown as typed: markdown-it tries every inline rule at
# each of them (seconds per MB), and no prose has that many. The marks are the characters
# where markdown-it's inline rules may start (its text rule stops there).
MAX_INLINE_MARKS = 2000
_MARKS = "\n!#$%&*+-:<=>@[\\]^_`{}~"
_MAX_QUOTE_DEPTH = 20
_QUOTE_PREFIX = re.compile(r"^( {0,3})((?:> ?){%d,})" % (_MAX_QUOTE_DEPTH + 1), re.MULTILINE)
_MAX_INDENT = 64
_DEEP_INDENT = re.compile(r"^[ \t]{%d,}" % (_MAX_INDENT + 1), re.MULTILINE)


def is_safe_link(url: str) -> bool:
    """True for http(s), mailto, anchors and relative links; False for javascript:, data:, file:..."""
    scheme = url_scheme(url)
    return scheme == "" or scheme in _LINK_SCHEMES


def is_remote_url(url: str) -> bool:
    return url_scheme(url) in ("http", "https", "ftp", "ftps")


def defuse(text: str) -> str:
    """The text with quotes nested past 20 levels shown as ``>`` and indentation past 64
    columns cut there (lists nested 30 levels deep), so no parse goes deeper."""
    if ">" * (_MAX_QUOTE_DEPTH + 1) in text.replace(" ", "") or text.count(">") > 400:
        text = _QUOTE_PREFIX.sub(lambda m: m.group(1) + "\\" + m.group(2), text)
    return _DEEP_INDENT.sub(" " * _MAX_INDENT, text)


def prose_blocks(text: str, heading_offset: int = 1, fence_figure: FenceFigure | None = None,
                 min_level: int = 1) -> list[Block]:
    """The blocks of Markdown ``text``; ``#`` headings become level ``1 + heading_offset``
    (never a level above ``min_level``, never below 6)."""
    if not text or not text.strip():
        return []
    from editor.core.export import gfm

    md = gfm.parser()
    env: dict = {}  # the link reference definitions, for every inline text of the prose
    # As markdown-it's own first step: one kind of line end, no NUL.
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\0", "\ufffd")
    tokens = _parse(md, defuse(text), env)
    return _Converter(heading_offset, fence_figure, env, min_level).convert(tokens)


def _parse(md, text: str, env: dict) -> list:
    """Block parse, then the inline parse of each inline token, except where it cannot pay."""
    tokens: list = []
    md.block.parse(text, md, env, tokens)
    for token in tokens:
        if token.type == "inline":
            _parse_inline(md, token, env)
    return tokens


def _parse_inline(md, token, env: dict) -> None:
    content = token.content
    if md.inline.terminator_re.search(content) is None:
        token.meta = {"plain": True}  # nothing an inline rule could act on
    elif len(content) > MAX_INLINE_MARKS and sum(map(content.count, _MARKS)) > MAX_INLINE_MARKS:
        token.meta = {"plain": True}  # hostile: shown as typed
    else:
        children: list = []
        md.inline.parse(content, md, env, children)
        token.children = children


class _Converter:
    """Walks markdown-it's token stream into blocks (one pass, an explicit stack)."""

    def __init__(self, heading_offset: int, fence_figure: FenceFigure | None, env: dict, min_level: int = 1) -> None:
        self.offset = heading_offset
        self.min_level = min_level
        self.fence_figure = fence_figure
        self.env = env

    def convert(self, tokens) -> list[Block]:
        root: list = []
        # Each frame: (kind, blocks, data) where data is a dict of what the closing token needs.
        stack: list[tuple[str, list, dict]] = [("root", root, {})]
        i, n = 0, len(tokens)
        while i < n:
            tok = tokens[i]
            kind = tok.type
            blocks = stack[-1][1]
            if kind == "paragraph_open":
                blocks.append(self.paragraph(tokens[i + 1]))
                i += 3
                continue
            if kind == "heading_open":
                level = max(self.min_level, min(6, int(tok.tag[1]) + self.offset))
                blocks.append(Heading(level, self.content(tokens[i + 1])))
                i += 3
                continue
            if kind in ("bullet_list_open", "ordered_list_open"):
                start = int(tok.attrs.get("start", 1)) if kind == "ordered_list_open" else 1
                stack.append(("list", [], {"ordered": kind == "ordered_list_open", "start": start,
                                           "tight": _tight(tokens, i)}))
            elif kind == "list_item_open":
                stack.append(("item", [], {}))
            elif kind == "blockquote_open":
                stack.append(("quote", [], {}))
            elif kind in ("bullet_list_close", "ordered_list_close"):
                _kind, items, data = stack.pop()
                stack[-1][1].append(ListBlock(tuple(items), data["ordered"], data["start"], data["tight"]))
            elif kind == "list_item_close":
                _kind, children, _data = stack.pop()
                stack[-1][1].append(_task_item(children))
            elif kind == "blockquote_close":
                _kind, children, _data = stack.pop()
                stack[-1][1].append(Quote(tuple(children)))
            elif kind in ("fence", "code_block"):
                info = tok.info.strip() if kind == "fence" else ""
                figure = self.fence_figure(info, tok.content) if self.fence_figure and kind == "fence" else None
                blocks.append(figure if figure is not None else CodeBlock(tok.content.removesuffix("\n"),
                                                                          info.split()[0] if info else ""))
            elif kind == "hr":
                blocks.append(ThematicBreak())
            elif kind == "html_block":
                blocks.append(Paragraph(_raw(tok.content.rstrip("\n"))))
            elif kind == "gfm_table":
                blocks.append(self.table(tok.meta))
            i += 1
        return root

    def paragraph(self, inline) -> Paragraph:
        return Paragraph(self.content(inline))

    def content(self, inline) -> tuple[Inline, ...]:
        if inline.meta and inline.meta.get("plain"):
            return _as_typed(inline.content)
        return self.inlines(inline.children or [])

    def table(self, meta: dict) -> Table:
        from editor.core.export import gfm

        md = gfm.parser()
        plain = md.inline.terminator_re.search
        aligns = meta["aligns"]
        empty = [Cell((), align) for align in aligns]
        # Named tuples made directly: a table of 200,000 rows is 400,000 cells.
        new, run_rest = tuple.__new__, tuple(Run._field_defaults[name] for name in Run._fields[1:])
        rows = []
        for cells in meta["rows"]:
            out = []
            for index, text in enumerate(cells):
                if not text:
                    out.append(empty[index])
                elif plain(text) is None:  # words only: no inline rule could act (most cells)
                    out.append(new(Cell, (((new(Run, (text, *run_rest))),), aligns[index], "")))
                else:
                    out.append(Cell(self.content(_inline_token(md, text, self.env)), aligns[index]))
            rows.append(new(Row, (tuple(out), (), "")))
        return Table(tuple(rows), header=1)

    # -- inline ---------------------------------------------------------------
    def inlines(self, children) -> tuple[Inline, ...]:
        out: list[Inline] = []
        bold = italic = strike = 0
        links: list[tuple[str | None, str]] = []
        for tok in children:
            kind = tok.type
            if kind == "text" or kind == "text_special":
                if tok.content:
                    self._add(out, tok.content, bold, italic, strike, links)
            elif kind == "softbreak":
                self._add(out, " ", bold, italic, strike, links)
            elif kind == "hardbreak":
                out.append(Break())
            elif kind == "code_inline":
                self._add(out, tok.content, bold, italic, strike, links, code=True)
            elif kind == "strong_open":
                bold += 1
            elif kind == "strong_close":
                bold -= 1
            elif kind == "em_open":
                italic += 1
            elif kind == "em_close":
                italic -= 1
            elif kind == "s_open":
                strike += 1
            elif kind == "s_close":
                strike -= 1
            elif kind == "link_open":
                href = tok.attrs.get("href", "")
                title = tok.attrs.get("title", "") or ""
                links.append((href if href and is_safe_link(href) else None, title))
            elif kind == "link_close":
                if links:
                    links.pop()
            elif kind == "image":
                self._image(out, tok, bold, italic, strike, links)
            elif kind == "html_inline":
                self._add(out, tok.content, bold, italic, strike, links, raw=True)
        return tuple(out)

    @staticmethod
    def _add(out: list, text: str, bold, italic, strike, links, code: bool = False, raw: bool = False) -> None:
        link, title = links[-1] if links else (None, "")
        run = Run(text, bold=bool(bold), italic=bool(italic), strike=bool(strike), code=code, link=link,
                  link_title=title if link else "", raw=raw)
        if out and isinstance(prev := out[-1], Run) and (prev.bold, prev.italic, prev.strike, prev.code, prev.link,
                                                         prev.link_title, prev.raw) == (
                run.bold, run.italic, run.strike, run.code, run.link, run.link_title, run.raw):
            out[-1] = Run(prev.text + text, prev.bold, prev.italic, prev.strike, prev.code, prev.link,
                          prev.link_title, prev.raw)
        else:
            out.append(run)

    def _image(self, out: list, tok, bold, italic, strike, links) -> None:
        src = tok.attrs.get("src", "")
        alt = "".join(c.content for c in (tok.children or []) if c.type in ("text", "code_inline"))
        title = tok.attrs.get("title", "") or ""
        scheme = url_scheme(src)
        if (scheme == "" and src.strip()) or (scheme == "data" and _INLINE_IMAGE.match(src)):
            out.append(InlineImage(unquote(src) if scheme == "" else src, alt, title))
        elif scheme in ("http", "https"):
            # A picture on the web is never fetched: a link to it instead.
            self._add(out, alt or src, bold, italic, strike, [(src, title)])
        elif alt:
            self._add(out, alt, bold, italic, strike, links)


def _inline_token(md, text: str, env: dict):
    """An inline token of ``text``, parsed (or shown as typed when hostile)."""
    from markdown_it.token import Token

    token = Token("inline", "", 0, content=text)
    _parse_inline(md, token, env)
    return token


def _tight(tokens, i: int) -> bool:
    """markdown-it marks the paragraphs of a tight list hidden; the list's own level tells them apart."""
    level = tokens[i].level
    j = i + 1
    while j < len(tokens):
        tok = tokens[j]
        if tok.level == level and tok.type.endswith("_list_close"):
            return True
        if tok.type == "paragraph_open" and tok.level == level + 2:
            return tok.hidden
        j += 1
    return True


def _task_item(children: list) -> ListItem:
    """A GFM task item when the first paragraph starts with ``[ ]``, ``[x]`` or ``[X]`` and a space."""
    if children and isinstance(children[0], Paragraph) and children[0].content:
        first = children[0].content[0]
        if isinstance(first, Run) and not first.code and not first.raw and first.link is None:
            match = _TASK.match(first.text)
            if match:
                rest = first.text[match.end():].lstrip(" \t")
                content = ((Run(rest, first.bold, first.italic, first.strike),) if rest else ()) + children[0].content[1:]
                paragraph = Paragraph(content, children[0].style, children[0].align)
                return ListItem(tuple([paragraph, *children[1:]]), task=match.group(1) != " ")
    return ListItem(tuple(children))


def _raw(text: str) -> tuple[Inline, ...]:
    return _as_typed(text, raw=True)


def _as_typed(text: str, raw: bool = False) -> tuple[Inline, ...]:
    """Text shown exactly as typed: one run per line, lines apart."""
    out: list[Inline] = []
    for i, line in enumerate(text.split("\n")):
        if i:
            out.append(Break())
        if line:
            out.append(Run(line, raw=raw))
    return tuple(out)
