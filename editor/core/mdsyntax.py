"""Markdown as the section editor shows it: spans of one line, and the state a line leaves.

``lex_line(line, state) -> (spans, state)`` finds headings, emphasis, strikethrough,
inline code, links and their targets, bare web addresses, list and quote markers, task
boxes, HTML tags, prompt comments (``<!-- ... -->``, which may run over several lines)
and fenced code blocks (the two multi-line states). It is what the editor's highlighter
colours and what the spell checker skips (code, addresses, link targets, comments,
tags), so both agree on what is prose. Line by line, like a highlighter works: typing
in one line lexes that line only.
"""

from __future__ import annotations

import re
from bisect import bisect_left

NORMAL, FENCE_BACKTICK, FENCE_TILDE, COMMENT = 0, 1, 2, 3

# Kinds of span.
MARKER = "marker"          # syntax characters: # > - * 1. ** ~~ [ ] ( )
HEADING = "heading"
BOLD, ITALIC, STRIKE = "bold", "italic", "strike"
CODE = "code"              # inline code and code blocks
LINK_TEXT, LINK_TARGET, URL = "link_text", "link_target", "url"
COMMENTED = "comment"
HTML = "html"
TASK = "task"

#: kinds whose text is not prose (never spell-checked)
NOT_PROSE = frozenset({CODE, LINK_TARGET, URL, COMMENTED, HTML, MARKER})

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_HEADING = re.compile(r"^ {0,3}(#{1,6})(?=\s|$)")
_QUOTE = re.compile(r"^ {0,3}(?:> ?)+")
_LIST = re.compile(r"^(\s*)([-*+]|\d{1,9}[.)])(\s+)(\[[ xX]\](?=\s))?")
_HR = re.compile(r"^ {0,3}([-*_])(?:\s*\1){2,}\s*$")
# A code span is bounded (1,000 characters): a lone backtick must not scan a hostile line to
# its end. Emphasis is found apart (``_emphasis``), its closers listed once per line.
_INLINE = re.compile(
    r"(?P<code>(?P<ticks>`{1,16})(?!`).{0,1000}?(?<!`)(?P=ticks)(?!`))"
    r"|(?P<comment><!--.*?(?:-->|$))"
    r"|(?P<html></?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>)"
    r"|(?P<auto><(?:https?|mailto):[^>\s]*>)"
    r"|(?P<url>\b(?:https?://|www\.)[^\s<>()\[\]]*[^\s<>()\[\].,;:!?'\"])"
    r"|(?P<escape>\\[\\`*_{}\[\]()#+\-.!~<>|])"
)


# Where an inline span can start; the full pattern is tried there only (a line of plain prose
# costs one scan, not a try of every alternative at every character).
_TRIGGER = re.compile(r"[`<!\[*_~\\@]|https?://|www\.")
# Once no "]" is left on the line, "!" and "[" can start nothing more (they only open links).
_TRIGGER_NO_LINK = re.compile(r"[`<*_~\\@]|https?://|www\.")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
_EMAIL_LOCAL = re.compile(r"[\w.+-]+$")
# Emphasis: where each marker may close (not after a space), and what may follow an opener.
_CLOSERS = {
    "**": re.compile(r"(?<=\S)\*\*"), "__": re.compile(r"(?<=\S)__"), "~~": re.compile(r"(?<=\S)~~"),
    "*": re.compile(r"(?<=[^\s*_])\*(?![\w*])"), "_": re.compile(r"(?<=[^\s*_])_(?![\w*])"),
}
_EMPHASIS_KIND = {"**": BOLD, "__": BOLD, "~~": STRIKE, "*": ITALIC, "_": ITALIC}
MAX_EMPHASIS = 300


def _emphasis(line: str, at: int, closers: dict, limit: int) -> tuple[int, str, int] | None:
    """``(end, kind, marker length)`` of the emphasis opening at ``at``, or None. The closers of
    each marker are found once per line, so a thousand unclosed "**" cost a thousand lookups."""
    pair = line[at : at + 2]
    for marker in ((pair,) if pair in ("**", "__", "~~") else ()) + ((line[at],) if line[at] in "*_" else ()):
        size = len(marker)
        after = line[at + size : at + size + 1]
        if not after or after.isspace():
            continue
        if size == 1 and (after in "*_" or (at > 0 and (line[at - 1].isalnum() or line[at - 1] in "_*"))):
            continue
        found = closers.get(marker)
        if found is None:
            found = closers[marker] = [m.start() for m in _CLOSERS[marker].finditer(line)]
        index = bisect_left(found, at + size + 1)
        if index < len(found) and found[index] - at - size <= MAX_EMPHASIS and found[index] + size <= limit:
            return found[index] + size, _EMPHASIS_KIND[marker], size
    return None


_SPACE = re.compile(r"\s")
MAX_LINK_TEXT = 2000
MAX_LEXED_LINE = 1_000_000


class _Finder:
    """The next position of a character (or of white space) at or after a point of one line.

    Points only move forward while a line is lexed, so a result found once answers every later
    question it still answers: a line of ``![a](`` never closed costs one pass, not one per opener."""

    def __init__(self, line: str) -> None:
        self.line = line
        self._found: dict[str, tuple[int, int]] = {}  # what -> (asked from, found at or -1)

    def next(self, what: str, start: int) -> int:
        asked = self._found.get(what)
        if asked is not None and asked[0] <= start and (asked[1] < 0 or asked[1] >= start):
            return asked[1]
        if what == " ":
            m = _SPACE.search(self.line, start)
            at = m.start() if m else -1
        else:
            at = self.line.find(what, start)
        self._found[what] = (start, at)
        return at


def _link(line: str, at: int, limit: int, find: _Finder) -> tuple[int, int, int] | None:
    """``(text start, text end, end)`` of the link or image ``[text](target "title")`` at ``at``."""
    i = at + 1 if line[at] == "!" else at
    if i >= limit or line[i] != "[":
        return None
    close = find.next("]", i + 1)
    other = find.next("[", i + 1)
    if close < 0 or close + 1 >= limit or line[close + 1] != "(" or close - i > MAX_LINK_TEXT:
        return None
    if 0 <= other < close:
        return None
    paren = find.next(")", close + 2)
    if paren < 0 or paren >= limit:
        return None
    space = find.next(" ", close + 2)
    if space < 0 or paren < space:
        return i + 1, close, paren + 1
    # A title: spaces, then "…", then the closing parenthesis.
    j = space
    while j < limit and line[j].isspace():
        j += 1
    if j >= limit or line[j] != '"':
        return None
    quote = find.next('"', j + 1)
    if quote < 0 or quote + 1 >= limit or line[quote + 1] != ")":
        return None
    return i + 1, close, quote + 2


def _matches(line: str, start: int, closers: dict, limit: int):
    pos = start
    find = closers.setdefault("", _Finder(line))
    triggers = _TRIGGER
    while True:
        trigger = triggers.search(line, pos, limit)
        if trigger is None:
            return
        at = trigger.start()
        if triggers is _TRIGGER and line[at] in "![" and find.next("]", at) < 0:
            triggers = _TRIGGER_NO_LINK  # a line of "![![![…" is one scan, not a try per opener
            continue
        if line[at] in "*_~":
            hit = _emphasis(line, at, closers, limit)
            if hit is not None:
                yield (at, *hit), "emphasis"
                pos = hit[0]
                continue
            pos = at + 1
            continue
        if line[at] in "![":
            hit = _link(line, at, limit, find)
            if hit is not None:
                yield (at, *hit), "link"
                pos = hit[2]
                continue
            if line[at] == "[":
                pos = at + 1
                continue
        if line[at] == "@":
            local = _EMAIL_LOCAL.search(line, pos, at)
            m = _EMAIL.match(line, local.start(), limit) if local else None
            if m is not None:
                yield m, "email"
                pos = m.end()
                continue
        else:
            m = _INLINE.match(line, at, limit)
            if m is not None:
                yield m, None
                pos = max(m.end(), at + 1)
                continue
        pos = at + 1


def _inline(line: str, start: int, spans: list, limit: int | None = None, closers: dict | None = None) -> None:
    closers = {} if closers is None else closers
    for m, special in _matches(line, start, closers, len(line) if limit is None else limit):
        if special == "emphasis":
            s, e, kind, size = m
            spans.append((s, s + size, MARKER))
            spans.append((s + size, e - size, kind))
            spans.append((e - size, e, MARKER))
            if kind == BOLD:  # italic, code, links inside bold
                _inline(line, s + size, spans, e - size, closers)
            continue
        if special == "link":
            s, ts, te, e = m
            spans.append((s, ts, MARKER))
            spans.append((ts, te, LINK_TEXT))
            spans.append((te, te + 1, MARKER))
            spans.append((te + 1, e, LINK_TARGET))
            continue
        s, e = m.span()
        if special == "email":
            spans.append((s, e, URL))
            continue
        if m.group("code"):
            spans.append((s, e, CODE))
        elif m.group("comment"):
            spans.append((s, e, COMMENTED))
        elif m.group("html"):
            spans.append((s, e, HTML))
        elif m.group("auto") or m.group("url"):
            spans.append((s, e, URL))
        elif m.group("escape"):
            spans.append((s, s + 1, MARKER))


def lex_line(line: str, state: int = NORMAL) -> tuple[list[tuple[int, int, str]], int]:
    """The spans ``(start, end, kind)`` of ``line`` and the state the next line starts in."""
    spans: list[tuple[int, int, str]] = []
    if state in (FENCE_BACKTICK, FENCE_TILDE):
        fence = _FENCE.match(line)
        closing = fence and fence.group(1)[0] == ("`" if state == FENCE_BACKTICK else "~") and not line[fence.end():].strip()
        spans.append((0, len(line), CODE))
        return spans, NORMAL if closing else state
    start = 0
    if state == COMMENT:
        end = line.find("-->")
        if end < 0:
            return [(0, len(line), COMMENTED)], COMMENT
        spans.append((0, end + 3, COMMENTED))
        start = end + 3
    else:
        fence = _FENCE.match(line)
        if fence:
            spans.append((0, len(line), CODE))
            return spans, FENCE_BACKTICK if fence.group(1)[0] == "`" else FENCE_TILDE
        if _HR.match(line):
            return [(0, len(line), MARKER)], NORMAL
        quote = _QUOTE.match(line)
        if quote:
            spans.append((0, quote.end(), MARKER))
            start = quote.end()
        heading = _HEADING.match(line, start) if not quote else _HEADING.match(line[start:])
        if heading:
            hs, he = (start + heading.start(1), start + heading.end(1)) if quote else heading.span(1)
            spans.append((hs, he, MARKER))
            spans.append((he, len(line), HEADING))
            start = he
        else:
            item = _LIST.match(line[start:])
            if item:
                spans.append((start + item.start(2), start + item.end(2), MARKER))
                if item.group(4):
                    spans.append((start + item.start(4), start + item.end(4), TASK))
                start += item.end()
    # Inline markup is looked for in the first MAX_LEXED_LINE characters of a line; what lies
    # beyond (only in a pasted or hostile line of megabytes) is taken as plain text.
    _inline(line, start, spans, min(len(line), max(start, MAX_LEXED_LINE)))
    # A comment left open at the end of the line goes on in the next ones.
    last_open = line.rfind("<!--")
    if last_open >= start and line.find("-->", last_open + 4) < 0 and _open_comment_is_real(spans, last_open):
        return spans, COMMENT
    return spans, NORMAL


def _open_comment_is_real(spans, at: int) -> bool:
    return any(s == at and kind == COMMENTED for s, _e, kind in spans)


def lex_text(text: str):
    """``(line_start, line, spans)`` for each line of ``text``, states carried over."""
    state = NORMAL
    offset = 0
    for line in text.split("\n"):
        spans, state = lex_line(line, state)
        yield offset, line, spans
        offset += len(line) + 1
