"""GitHub Flavored Markdown with markdown-it-py: CommonMark, tables, strikethrough (one or two
tildes), task lists (read by :mod:`prose`) and GitHub's extended autolinks.

markdown-it-py is CommonMark-exact; what it lacks of GFM is the autolink extension as
GitHub's renderer (cmark-gfm) does it: ``www.`` links, bare ``http(s)://``/``ftp://``
URLs and e-mail addresses, matched while the inline text is read (so ``__init__`` inside
a URL is no emphasis) with cmark-gfm's rules for where a link stops (trailing
punctuation, unbalanced parentheses, entity-like ``&x;``), and none after an unclosed
``[``. Those rules are here, each step linear in the text. The table rule is GFM's (as
markdown-it's) but keeps a table as one token of cell texts. Every link is kept
whatever its scheme: the converter judges which targets are safe to follow.
"""

from __future__ import annotations

import bisect
import re
import threading

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.rules_inline import StateInline

_SPACE = frozenset(" \t\n\x0b\x0c\r")
_ALNUM = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
_ALPHA = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
_WWW_BEFORE = frozenset("*_~([")
_TRAILING = frozenset("?!.,:*_~")
_CLOSERS = {'"': '"', "'": "'", ")": "(", "]": "[", "}": "{"}
_SAFE_SCHEMES = ("http://", "https://", "ftp://")
_BRACKETS = re.compile(r"\\.|[\[\]]", re.DOTALL)
_NON_SPACE = re.compile(r"[^ \t\n\x0b\x0c\r]*")
# Block nesting past this (lists in quotes in lists...) is not parsed further.
MAX_NESTING = 64


def _check_domain(src: str, start: int, end: int, allow_short: bool) -> int:
    """cmark-gfm's check_domain on src[start:end]: the length of the domain, 0 if none."""
    i = start + 1
    dots = under_last = under_this = 0
    while i < end - 1:
        ch = src[i]
        if ch == "_":
            under_this += 1
        elif ch == ".":
            under_last, under_this = under_this, 0
            dots += 1
        elif ch not in _ALNUM and ch != "-":
            break
        i += 1
    if under_last or under_this:
        return 0
    if allow_short:
        return i - start
    return i - start if dots else 0


def _delimit(src: str, start: int, length: int) -> int:
    """cmark-gfm's autolink_delim: where a link of ``length`` characters really ends."""
    lt = src.find("<", start, start + length)
    if lt >= 0:
        length = lt - start
    counts: dict[str, int] | None = None
    while length > 0:
        last = src[start + length - 1]
        if last in _TRAILING:
            length -= 1
        elif last == ";":
            new_end = length - 2
            while new_end > 0 and src[start + new_end] in _ALPHA:
                new_end -= 1
            if new_end < length - 2 and src[start + new_end] == "&":
                length = new_end
            else:
                length -= 1
        elif last in _CLOSERS:
            if counts is None:  # counted once; stripping a closer updates the count (linear)
                chunk = src[start:start + length]
                counts = {ch: chunk.count(ch) for ch in "\"'()[]{}"}
            opener = _CLOSERS[last]
            if opener != last and counts.get(last, 0) == counts.get(opener, 0):
                break  # balanced: the closer belongs to the link
            counts[last] -= 1
            length -= 1
        else:
            break
    return length


def _push_link(state: StateInline, href: str, text: str, end: int) -> None:
    token = state.push("link_open", "a", 1)
    token.attrs = {"href": href}
    token.markup = "autolink"
    token.info = "auto"
    token = state.push("text", "", 0)
    token.content = text
    token = state.push("link_close", "a", -1)
    token.markup = "autolink"
    token.info = "auto"
    state.pos = end


def _open_bracket(state: StateInline, pos: int) -> bool:
    """True when an unclosed ``[`` precedes ``pos`` (cmark-gfm makes no autolink there)."""
    marks = getattr(state, "_gfm_brackets", None)
    if marks is None or marks[0] is not state.src:
        positions, depths, depth = [], [], 0
        for match in _BRACKETS.finditer(state.src):  # one pass; "\\[" is no bracket
            token = match.group()
            if len(token) == 2:
                continue
            depth = depth + 1 if token == "[" else max(0, depth - 1)
            positions.append(match.start())
            depths.append(depth)
        marks = state._gfm_brackets = (state.src, positions, depths)
    _src, positions, depths = marks
    index = bisect.bisect_left(positions, pos) - 1
    return index >= 0 and depths[index] > 0


def _word_end(src: str, pos: int, end: int) -> int:
    """Where the run of non-space characters from ``pos`` stops."""
    return min(end, _NON_SPACE.match(src, pos).end())


def www_autolink(state: StateInline, silent: bool) -> bool:
    src, pos, end = state.src, state.pos, state.posMax
    if not src.startswith("www.", pos) or state.linkLevel > 0:
        return False
    if pos > 0 and src[pos - 1] not in _WWW_BEFORE and src[pos - 1] not in _SPACE:
        return False
    if _open_bracket(state, pos) or not _check_domain(src, pos, end, allow_short=False):
        return False
    length = _delimit(src, pos, _word_end(src, pos, end) - pos)
    if not length:
        return False
    if not silent:
        text = src[pos:pos + length]
        _push_link(state, state.md.normalizeLink("http://" + text), text, pos + length)
    else:
        state.pos = pos + length
    return True


def url_autolink(state: StateInline, silent: bool) -> bool:
    src, pos, end = state.src, state.pos, state.posMax
    if src[pos] != ":" or not src.startswith("//", pos + 1) or end - pos < 4 or state.linkLevel > 0:
        return False
    rewind = 0
    limit = len(state.pending)
    while rewind < limit and src[pos - rewind - 1] in _ALPHA:
        rewind += 1
    start = pos - rewind
    head = src[start:pos + 3].lower()
    if head not in _SAFE_SCHEMES or pos + 3 >= end or src[pos + 3] not in _ALNUM:
        return False
    if _open_bracket(state, pos) or not _check_domain(src, pos + 3, end, allow_short=True):
        return False
    length = _delimit(src, start, _word_end(src, pos + 3, end) - start)
    if not length:
        return False
    if not silent:
        state.pending = state.pending[:-rewind]
        text = src[start:start + length]
        _push_link(state, state.md.normalizeLink(text), text, start + length)
    else:
        state.pos = start + length
    return True


def email_autolink(state: StateInline, silent: bool) -> bool:
    src, pos, end = state.src, state.pos, state.posMax
    if src[pos] != "@" or state.linkLevel > 0:
        return False
    rewind, limit = 0, len(state.pending)
    while rewind < limit:
        ch = src[pos - rewind - 1]
        if ch in _ALNUM or ch in ".+-_":
            rewind += 1
            continue
        if ch == "/":
            return False
        break
    if rewind == 0 or _open_bracket(state, pos):
        return False
    at = dots = 0
    length = 0
    size = end - pos
    while length < size:
        ch = src[pos + length]
        if ch in _ALNUM:
            pass
        elif ch == "@":
            at += 1
            if at > 1:  # cmark-gfm rejects a second "@"; stopping here keeps the scan linear
                return False
        elif ch == "." and length < size - 1:
            dots += 1
        elif ch not in "-_":
            break
        length += 1
    last = src[pos + length - 1] if length else ""
    if length < 2 or at != 1 or not dots or (last not in _ALPHA and last != "."):
        return False
    length = _delimit(src, pos, length)
    if not length:
        return False
    start = pos - rewind
    if not silent:
        state.pending = state.pending[:-rewind]
        text = src[start:pos + length]
        _push_link(state, state.md.normalizeLink("mailto:" + text), text, pos + length)
    else:
        state.pos = pos + length
    return True


# -- tables: GFM's rules (as markdown-it's own rule), one token per table --------------------

_DELIMITER_CELL = re.compile(r"^:?-+:?$")
_DELIMITER_ROW = re.compile(r"^[-:|][-:|\s]*$")
# A row starting with one of these may start another block instead (a list, a quote...).
_BLOCK_STARTS = frozenset("`~>*-_+<#0123456789")
# A row may have fewer cells than the header; past this many filled in, the table stops.
MAX_FILLED_CELLS = 0x10000


def split_row(line: str) -> list[str]:
    """The cells of a table row: split on ``|`` (not ``\\|``, which becomes ``|``), the
    outer pipes dropped, each cell trimmed."""
    if "\\" not in line:
        cells = line.split("|")
    else:
        cells, current, escaped, last = [], [], False, 0
        for pos, ch in enumerate(line):
            if ch == "|":
                if escaped:
                    current.append(line[last:pos - 1])
                    last = pos
                else:
                    current.append(line[last:pos])
                    cells.append("".join(current))
                    current, last = [], pos + 1
            escaped = ch == "\\"
        current.append(line[last:])
        cells.append("".join(current))
    if cells and not cells[0].strip():
        cells.pop(0)
    if cells and not cells[-1].strip():
        cells.pop()
    return [cell.strip() for cell in cells]


def table(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """A GFM table: a header row, a delimiter row of as many cells, rows until a blank line or
    another block; as one ``gfm_table`` token whose ``meta`` holds the cell texts (a table of
    200,000 rows is 200,000 lists, not 2,000,000 tokens)."""
    if start + 2 > end:
        return False
    second = start + 1
    if state.sCount[second] < state.blkIndent or state.is_code_block(second) or state.is_code_block(start):
        return False
    delimiter = state.src[state.bMarks[second] + state.tShift[second]:state.eMarks[second]]
    if len(delimiter) < 2 or not _DELIMITER_ROW.match(delimiter) or (delimiter[0] == "-" and delimiter[1].isspace()):
        return False
    aligns = []
    parts = delimiter.split("|")
    for i, part in enumerate(parts):
        part = part.strip()
        if not part:
            if i in (0, len(parts) - 1):
                continue
            return False
        if not _DELIMITER_CELL.match(part):
            return False
        aligns.append("center" if part[0] == ":" and part[-1] == ":" else "right" if part[-1] == ":"
                      else "left" if part[0] == ":" else "")
    header = state.src[state.bMarks[start] + state.tShift[start]:state.eMarks[start]].strip()
    if "|" not in header:
        return False
    columns = split_row(header)
    if not columns or len(columns) != len(aligns):
        return False
    if silent:
        return True
    old_parent = state.parentType
    state.parentType = "table"
    terminators = state.md.block.ruler.getRules("blockquote")
    rows = [columns]
    filled = 0
    width = len(columns)
    line = start + 2
    src, b_marks, e_marks, t_shift, s_count = state.src, state.bMarks, state.eMarks, state.tShift, state.sCount
    indent = state.blkIndent
    while line < end:
        if s_count[line] < indent or s_count[line] - indent >= 4:  # outdented, or indented code
            break
        text = src[b_marks[line] + t_shift[line]:e_marks[line]].strip()
        if not text:
            break
        if text[0] in _BLOCK_STARTS and any(rule(state, line, end, True) for rule in terminators):
            break
        cells = split_row(text)
        if len(cells) != width:
            filled += width - len(cells)
            if filled > MAX_FILLED_CELLS:
                break
            cells = (cells + [""] * (width - len(cells)))[:width]
        rows.append(cells)
        line += 1
    token = state.push("gfm_table", "table", 0)
    token.map = [start, line]
    token.meta = {"aligns": aligns, "rows": rows}
    state.parentType = old_parent
    state.line = line
    return True


def _any_link(url: str) -> bool:
    return True  # the converter decides what may be followed (and keeps the words of the rest)


def new_parser() -> MarkdownIt:
    """A markdown-it parser reading GitHub Flavored Markdown (raw HTML kept as HTML tokens)."""
    md = MarkdownIt("commonmark", {"html": True, "maxNesting": MAX_NESTING, "strikethrough_single_tilde": True})
    md.enable(["table", "strikethrough"])
    md.block.ruler.at("table", table, {"alt": ["paragraph", "reference"]})
    md.validateLink = _any_link
    inline = md.inline
    inline.ruler.before("linkify", "gfm_www", www_autolink)
    inline.ruler.before("linkify", "gfm_url", url_autolink)
    inline.ruler.before("linkify", "gfm_email", email_autolink)
    # Plain text runs stop at "www." too (not at every "w"), where the www rule looks.
    inline.terminator_re = re.compile(inline.terminator_re.pattern + r"|www\.")
    return md


_local = threading.local()


def parser() -> MarkdownIt:
    """This thread's parser (building one costs more than parsing a paragraph)."""
    md = getattr(_local, "md", None)
    if md is None:
        md = _local.md = new_parser()
    return md
