"""Formatting commands on Markdown text, as pure functions (the editor applies what they return).

Each takes the text and the selection (``start``, ``end``: character offsets) and returns
an ``Edit`` (the new text and the selection to show) or None when there is nothing to do.
They toggle: bold on ``**word**`` unwraps it. Line commands (lists, quote, sub-heading)
act on every line the selection touches. The text stays plain Markdown, exactly as typed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

BOLD, ITALIC, STRIKE, CODE = "**", "*", "~~", "`"
BULLET, NUMBERED, QUOTE, HEADING = "bullet", "numbered", "quote", "heading"

_ITEM = re.compile(r"^(?P<indent>[ \t]*)(?P<marker>[-*+]|(?P<number>\d{1,9})(?P<delim>[.)]))(?P<space>[ \t]+)"
                   r"(?P<task>\[[ xX]\][ \t]+)?")
_QUOTE = re.compile(r"^(?P<indent>[ \t]*)>[ \t]?")
_HEADING = re.compile(r"^#{1,6}[ \t]+")
_WORD = re.compile(r"[\w'’-]+")
SAFE_LINK = re.compile(r"^(?:https?://[^\s/]+\.[^\s]+|mailto:[^\s@]+@[^\s@]+\.[^\s]+)$", re.IGNORECASE)


@dataclass(frozen=True)
class Edit:
    text: str
    start: int
    end: int


def _line_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    first = text.rfind("\n", 0, start) + 1
    if end > start and text[end - 1 : end] == "\n":
        end -= 1  # a selection ending at a line start does not take that line
    last = text.find("\n", end)
    return first, len(text) if last < 0 else last


def _word_at(text: str, pos: int) -> tuple[int, int]:
    for m in _WORD.finditer(text, max(0, text.rfind("\n", 0, pos) + 1)):
        if m.start() <= pos <= m.end():
            return m.span()
        if m.start() > pos:
            break
    return pos, pos


def _run(text: str, pos: int, step: int, char: str) -> int:
    """How many ``char`` sit next to ``pos`` going ``step`` (-1 left, +1 right)."""
    n, i = 0, pos - 1 if step < 0 else pos
    while 0 <= i < len(text) and text[i] == char:
        n, i = n + 1, i + step
    return n


def _has(marker: str, left: int, right: int) -> bool:
    if marker == ITALIC:  # "*a*" or "***a***"; not the "**" of bold
        return left % 2 == 1 and right % 2 == 1
    size = len(marker)
    return left >= size and right >= size


def toggle_inline(text: str, start: int, end: int, marker: str) -> Edit:
    """Wrap the selection (or the word at the cursor) in ``marker``, or unwrap it when it is wrapped."""
    if start == end:
        start, end = _word_at(text, start)
    # Spaces stay outside the markers (Markdown ignores "** word **").
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    char, size = marker[0], len(marker)
    inner = text[start:end]
    if (len(inner) >= 2 * size and inner.startswith(marker) and inner.endswith(marker)
            and _has(marker, _run(inner, size, -1, char) if char == "*" else size,
                     _run(inner, len(inner) - size, 1, char) if char == "*" else size)):
        body = inner[size:-size]
        return Edit(text[:start] + body + text[end:], start, start + len(body))
    left = _run(text, start, -1, char) if char in "*~`" else 0
    right = _run(text, end, 1, char) if char in "*~`" else 0
    if _has(marker, left, right) and (marker != CODE or (left == 1 and right == 1)):
        return Edit(text[: start - size] + inner + text[end + size :], start - size, end - size)
    if start == end:
        return Edit(text[:start] + marker * 2 + text[start:], start + size, start + size)
    if "\n" in inner:  # one span per line: Markdown emphasis does not cross paragraphs
        lines = [f"{marker}{line}{marker}" if line.strip() else line for line in inner.split("\n")]
        body = "\n".join(lines)
        return Edit(text[:start] + body + text[end:], start, start + len(body))
    return Edit(text[:start] + marker + inner + marker + text[end:], start + size, end + size)


def make_link(text: str, start: int, end: int, label: str, url: str) -> Edit:
    """Put ``[label](url)`` in place of the selection; the label is selected after."""
    link = f"[{label}]({url.strip()})"
    return Edit(text[:start] + link + text[end:], start + 1, start + 1 + len(label))


def is_safe_link(url: str) -> bool:
    """An address the exports keep as a link: http(s) with a host, or mailto."""
    return bool(SAFE_LINK.match(url.strip()))


def _strip_prefix(line: str, kind: str) -> tuple[str, bool]:
    """``line`` without its ``kind`` prefix, and whether it had one."""
    if kind in (BULLET, NUMBERED):
        m = _ITEM.match(line)
        if m and (m.group("number") is None) == (kind == BULLET):
            return m.group("indent") + line[m.end("space"):], True
        return line, False
    pattern = _QUOTE if kind == QUOTE else _HEADING
    m = pattern.match(line)
    return (line[: m.start()] + (m.group("indent") if kind == QUOTE else "") + line[m.end():], True) if m else (line, False)


def toggle_lines(text: str, start: int, end: int, kind: str) -> Edit:
    """Make every line of the selection a bullet/numbered item, a quote or a sub-heading, or undo it."""
    first, last = _line_bounds(text, start, end)
    lines = text[first:last].split("\n")
    filled = [line for line in lines if line.strip()] or lines
    if all(_strip_prefix(line, kind)[1] for line in filled):
        new = [_strip_prefix(line, kind)[0] for line in lines]
    else:
        new, number = [], 1
        for line in lines:
            if not line.strip() and len(lines) > 1:
                new.append(line)
                continue
            bare = line
            for other in (BULLET, NUMBERED, QUOTE, HEADING):
                bare = _strip_prefix(bare, other)[0] if other != QUOTE or kind == QUOTE else bare
            indent = bare[: len(bare) - len(bare.lstrip(" \t"))]
            body = bare[len(indent):]
            prefix = {BULLET: "- ", NUMBERED: f"{number}. ", QUOTE: "> ", HEADING: "### "}[kind]
            new.append((indent if kind in (BULLET, NUMBERED) else "") + prefix + body)
            number += 1
    block = "\n".join(new)
    out = text[:first] + block + text[last:]
    if start == end:  # the cursor keeps its place in the line's words
        pos = max(first, min(first + len(block), start + len(block) - (last - first)))
        return Edit(out, pos, pos)
    return Edit(out, first, first + len(block))


def continue_list(text: str, pos: int) -> Edit | None:
    """Enter at ``pos`` in a list item: the next item (next number, same bullet, a fresh task box);
    on an empty item, the list ends (the marker goes). None: an ordinary line break."""
    first = text.rfind("\n", 0, pos) + 1
    line_end = text.find("\n", pos)
    line = text[first : len(text) if line_end < 0 else line_end]
    m = _ITEM.match(line)
    quote = None if m else _QUOTE.match(line)
    if m is None and quote is None:
        return None
    head = m.end() if m else quote.end()
    if pos - first < head:
        return None
    if not line[head:].strip():
        return Edit(text[:first] + text[first + len(line):], first, first)
    if m:
        marker = m.group("marker")
        if m.group("number") is not None:
            marker = f"{int(m.group('number')) + 1}{m.group('delim')}"
        prefix = m.group("indent") + marker + " " + ("[ ] " if m.group("task") else "")
    else:
        prefix = quote.group(0)
    insert = "\n" + prefix
    return Edit(text[:pos] + insert + text[pos:], pos + len(insert), pos + len(insert))


def indent_items(text: str, start: int, end: int, outdent: bool = False) -> Edit | None:
    """Tab / Shift+Tab on list items: nest them one level deeper (or less). None when a line
    of the selection is not a list item (Tab then moves the focus, as elsewhere)."""
    first, last = _line_bounds(text, start, end)
    lines = text[first:last].split("\n")
    matches = [_ITEM.match(line) for line in lines]
    if not all(matches[i] or not lines[i].strip() for i in range(len(lines))) or not any(matches):
        return None
    new = []
    for line, m in zip(lines, matches):
        if m is None:
            new.append(line)
            continue
        width = len(m.group("marker")) + 1  # a nested item starts under its parent's text
        if outdent:
            spaces = len(line) - len(line.lstrip(" "))
            new.append(line[min(spaces, width):] if spaces else line)
        else:
            new.append(" " * width + line)
    block = "\n".join(new)
    delta = len(new[0]) - len(lines[0])
    out = text[:first] + block + text[last:]
    if start == end:
        pos = max(first, start + delta)
        return Edit(out, pos, pos)
    return Edit(out, first, first + len(block))
