"""The structure of rendered Markdown, to compare our blocks with GitHub's renderer (cmarkgfm).

Both sides become the same nested tuples: block kinds, heading levels, list numbering,
tightness and nesting, task states, table cells and alignments, and inline content as
flat runs (text with bold / italic / strike / code and link target and title), line
breaks and pictures, with HTML's whitespace collapsing. Raw HTML, which GitHub omits
and we show as the characters typed, is ``("raw",)`` on both sides: the one difference
kept on purpose. A link GitHub writes without a target (``javascript:``) is plain text
on both sides.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

_SPACES = re.compile(r"[ \t\n\r\f]+")
_BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote", "pre", "table", "hr"}
_NO_FORMAT = (False, False, False, False, "", "")


# ------------------------------------------------------------------ inline runs, both sides


def _finish(items: list) -> tuple:
    """Merge equal neighbours, collapse whitespace, trim the ends and around breaks."""
    merged: list = []
    for item in items:
        if item[0] == "text" and not item[5]:  # not code
            item = ("text", _SPACES.sub(" ", item[1]), *item[2:])
        if merged and item[0] == "text" and merged[-1][0] == "text" and merged[-1][2:] == item[2:]:
            text = merged[-1][1] + item[1]
            if not item[5]:
                text = text.replace("  ", " ")
            merged[-1] = ("text", text, *item[2:])
        elif merged and item == ("raw",) and merged[-1] == ("raw",):
            continue
        else:
            merged.append(item)
    for index, item in enumerate(merged):
        if item[0] != "text" or item[5]:
            continue
        text = item[1]
        if index == 0 or merged[index - 1][0] == "br" or (merged[index - 1][0] == "text"
                                                             and merged[index - 1][1].endswith(" ")):
            text = text.lstrip(" ")
        if index == len(merged) - 1 or merged[index + 1][0] == "br":
            text = text.rstrip(" ")
        merged[index] = ("text", text, *item[2:])
    return tuple(item for item in merged if not (item[0] == "text" and item[1] == ""))


# ------------------------------------------------------------------ HTML (cmarkgfm) side


def html_structure(html: str) -> tuple:
    import lxml.html

    root = lxml.html.fragment_fromstring(f"<div>{html}</div>")
    return _html_blocks(root)


def _html_blocks(parent) -> tuple:
    out: list = []
    pending: list = []

    def flush():
        if pending:
            inline = _finish(pending)
            if inline:
                out.append(("p", inline))
            pending.clear()

    if parent.text and parent.text.strip():
        pending.extend(_text(parent.text, _NO_FORMAT))
    for child in parent:
        tag = child.tag if isinstance(child.tag, str) else "#comment"
        if tag in _BLOCKS or (tag == "#comment" and not pending and not (child.tail or "").strip()):
            flush()
            out.append(_html_block(child, tag))
        else:
            pending.extend(_html_inline(child, _NO_FORMAT))
        if child.tail and (child.tail.strip() or pending):
            pending.extend(_text(child.tail, _NO_FORMAT))
    flush()
    return tuple(out)


def _html_block(node, tag: str):
    if tag == "#comment":
        return ("raw",)
    if tag == "p" or (tag[0] == "h" and tag[1:].isdigit()):
        return (tag, _finish(_html_children(node, _NO_FORMAT)))
    if tag == "hr":
        return ("hr",)
    if tag == "blockquote":
        return ("quote", _html_blocks(node))
    if tag == "pre":
        code = node.find("code")
        lang = node.get("lang") or ""
        if code is not None and not lang:
            lang = next((c[len("language-"):] for c in (code.get("class") or "").split()
                         if c.startswith("language-")), "")
        return ("code", lang, (code if code is not None else node).text_content().rstrip("\n"))
    if tag in ("ul", "ol"):
        items = [li for li in node if li.tag == "li"]
        tight = not any(child.tag == "p" for li in items for child in li)
        start = int(node.get("start", "1")) if tag == "ol" else 1
        return ("list", tag == "ol", start, tight, tuple(_html_item(li) for li in items))
    if tag == "table":
        rows = []
        for tr in node.iter("tr"):
            cells = []
            for cell in tr:
                if cell.tag in ("td", "th"):
                    style = re.search(r"text-align:\s*(\w+)", cell.get("style") or "")
                    align = cell.get("align") or (style.group(1) if style else "")
                    cells.append((align, _finish(_html_children(cell, _NO_FORMAT))))
            rows.append(tuple(cells))
        header = sum(1 for _tr in node.iter("thead") for _r in _tr.iter("tr"))
        return ("table", header, tuple(rows))
    raise ValueError(tag)


def _html_item(li) -> tuple:
    task = None
    first = li[0] if len(li) and li[0].tag == "p" and not (li.text or "").strip() else li
    if len(first) and first[0].tag == "input" and first[0].get("type") == "checkbox" and not (first.text or "").strip():
        box = first[0]
        task = box.get("checked") is not None
        first.text = (box.tail or "").lstrip(" ")
        box.tail = None
        first.remove(box)
    return ("item", task, _html_blocks(li))


def _text(text: str, fmt: tuple) -> list:
    return [("text", text, *fmt)]


def _html_children(node, fmt: tuple) -> list:
    out = _text(node.text, fmt) if node.text else []
    for child in node:
        out.extend(_html_inline(child, fmt))
        if child.tail:
            out.extend(_text(child.tail, fmt))
    return out


def _html_inline(node, fmt: tuple) -> list:
    tag = node.tag if isinstance(node.tag, str) else "#comment"
    bold, italic, strike, code, href, title = fmt
    if tag == "#comment":
        return [("raw",)]
    if tag in ("strong", "b"):
        return _html_children(node, (True, italic, strike, code, href, title))
    if tag in ("em", "i"):
        return _html_children(node, (bold, True, strike, code, href, title))
    if tag in ("del", "s"):
        return _html_children(node, (bold, italic, True, code, href, title))
    if tag == "code":
        return _text(node.text_content(), (bold, italic, strike, True, href, title))
    if tag == "a":
        link = node.get("href", "")
        return _html_children(node, (bold, italic, strike, code, link, node.get("title") or "" if link else ""))
    if tag == "img":
        return [("image", unquote(node.get("src", "")), node.get("alt", ""), node.get("title") or "")]
    if tag == "br":
        return [("br",)]
    return _html_children(node, fmt)


# ------------------------------------------------------------------ our blocks


def blocks_structure(blocks) -> tuple:
    from editor.core.export import blocks as b

    out = []
    for block in blocks:
        if isinstance(block, b.Paragraph):
            content = _our_inline(block.content)
            if content and all(item in (("raw",), ("br",)) for item in content):
                out.append(("raw",))
            elif content:
                out.append(("p", content))
        elif isinstance(block, b.Heading):
            out.append((f"h{block.level}", _our_inline(block.content)))
        elif isinstance(block, b.ThematicBreak):
            out.append(("hr",))
        elif isinstance(block, b.Quote):
            out.append(("quote", blocks_structure(block.blocks)))
        elif isinstance(block, b.CodeBlock):
            out.append(("code", block.language, block.text.rstrip("\n")))
        elif isinstance(block, b.ListBlock):
            items = tuple(("item", item.task, _item_blocks(item, block.tight)) for item in block.items)
            out.append(("list", block.ordered, block.start, block.tight, items))
        elif isinstance(block, b.Table):
            rows = tuple(tuple((cell.align, _our_inline(cell.content)) for cell in row.cells) for row in block.rows)
            out.append(("table", block.header, rows))
        else:
            raise ValueError(block)
    return tuple(out)


def _item_blocks(item, tight: bool) -> tuple:
    return blocks_structure(item.blocks)


def _our_inline(content) -> tuple:
    from editor.core.export import blocks as b

    items = []
    for item in content:
        if isinstance(item, b.Break):
            items.append(("br",))
        elif isinstance(item, b.InlineImage):
            items.append(("image", item.src, item.alt, item.title))
        elif item.raw:
            items.append(("raw",))
        else:
            items.append(("text", item.text, item.bold, item.italic, item.strike, item.code, item.link or "",
                          item.link_title if item.link else ""))
    return _finish(items)
