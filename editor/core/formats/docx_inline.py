"""Runs of a Word paragraph as Markdown inline text that GitHub shows as Word did.

Bold, italic and strikethrough become ``**``, ``*`` and ``~~`` (nested, never
across a line break or a link), a monospace font or a code style becomes a code
span, a hyperlink ``[text](url)``, a picture ``![alt](name)``. Text is escaped
where Markdown would read it as syntax, and emphasis is kept clear of the
flanking rules that would leave its asterisks on the page (``a**(b)**c``).
Pure functions over "pieces"; :mod:`docx_convert` collects them from the XML.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Flags a piece of text may carry; the order is the order markers open in.
BOLD, ITALIC, STRIKE, CODE = "b", "i", "s", "c"
_MARKERS = {BOLD: "**", ITALIC: "*", STRIKE: "~~"}
_ORDER = (BOLD, ITALIC, STRIKE)


@dataclass
class Piece:
    """A stretch of a paragraph: text with its flags, a picture, or a line break."""

    kind: str  # "text", "image" or "break"
    text: str = ""
    flags: frozenset = frozenset()
    link: str | None = None
    alt: str = ""


_ASCII_PUNCT = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")


def _is_punct(ch: str) -> bool:
    """Punctuation as CommonMark's flanking rules (cmark-gfm) see it: ASCII's, and Unicode's P classes."""
    return bool(ch) and (ch in _ASCII_PUNCT or unicodedata.category(ch)[0] == "P")


def _is_word(ch: str) -> bool:
    return bool(ch) and not ch.isspace() and not _is_punct(ch)


_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_ALWAYS = set("\\`*~")
_SPECIAL = re.compile(r"[\\`*~_\[\]<&]")


def escape_text(text: str, before: str = "", after: str = "") -> str:
    """``text`` with the characters Markdown (GFM) would read as syntax backslash-escaped.

    ``before``/``after`` are the text around it (``_`` inside a word is a letter; ``&`` and the
    next characters may make a character reference).
    """
    if not _SPECIAL.search(text):
        return text
    out = []
    n = len(text)
    tail = text + after
    for i, ch in enumerate(text):
        prev = text[i - 1] if i else before[-1:]
        nxt = text[i + 1] if i + 1 < n else after[:1]
        if ch in _ALWAYS:
            out.append("\\" + ch)
        elif ch == "_" and not (_is_word(prev) and _is_word(nxt)):
            out.append("\\_")
        elif ch == "]" and nxt in ("(", "[", ":"):
            out.append("\\]")
        elif ch == "[" and not prev:
            out.append("\\[")  # "[ ] x" at the start of a list item is a task box
        elif ch == "<" and (nxt.isalpha() or nxt in "/!?"):
            out.append("\\<")
        elif ch == "&" and _ENTITY.match(tail, i):
            out.append("\\&")
        else:
            out.append(ch)
    return "".join(out)


_LINE_START = re.compile(r"^(#{1,6}(?=\s|$)|>|[-+*](?=\s|$)|(\d{1,9})([.)])(?=\s|$)|`{3,}|~{3,}|=+\s*$|\|)")
_RULE = re.compile(r"^(?:-+[ \t]*|(?:-[ \t]*){3,}|(?:_[ \t]*){3,}|(?:\*[ \t]*){3,})$")


def escape_line_start(line: str) -> str:
    """A line of a paragraph, escaped where its start would make a heading, quote, list, fence or rule."""
    line = line.lstrip(" \t")  # four spaces would make a code block
    if _RULE.match(line):
        return "\\" + line
    m = _LINE_START.match(line)
    if not m:
        return line
    if m.group(2):
        return m.group(2) + "\\" + line[len(m.group(2)):]
    return "\\" + line


def _code_span(text: str) -> str:
    longest = max((len(r) for r in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith(("`", " ")) or text.endswith(("`", " ")) else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _link_target(url: str) -> str:
    if re.search(r"[\s()<>]", url):
        return "<" + url.replace("<", "%3C").replace(">", "%3E") + ">"
    return url.replace("\\", "%5C")


class _Seg:
    __slots__ = ("kind", "text", "flags", "link", "alt")

    def __init__(self, kind, text="", flags=frozenset(), link=None, alt=""):
        self.kind, self.text, self.flags, self.link, self.alt = kind, text, set(flags), link, alt

    @property
    def neutral(self) -> bool:
        return self.kind == "space"

    def first(self) -> str:
        return {"text": self.text[:1], "code": "`", "image": "!"}.get(self.kind, " ")

    def last(self) -> str:
        return {"text": self.text[-1:], "code": "`", "image": ")"}.get(self.kind, " ")


def _segments(pieces: list[Piece]) -> list[_Seg]:
    """Pieces as segments: text of one formatting in one segment (its edges' white space apart),
    a code span, a picture, a line break."""
    segs: list[_Seg] = []
    text: list[str] = []
    key: tuple | None = None

    def flush() -> None:
        if not text:
            return
        whole = "".join(text)
        text.clear()
        core = whole.strip()
        lead, trail = whole[: len(whole) - len(whole.lstrip())], whole[len(whole.rstrip()):]
        flags, link = key
        if lead:
            segs.append(_Seg("space", lead, (), link))
        if core:
            segs.append(_Seg("text", core, flags, link))
        if trail and core:
            segs.append(_Seg("space", trail, (), link))

    for piece in pieces:
        if piece.kind == "text" and CODE not in piece.flags:
            if (piece.flags, piece.link) != key:
                flush()
                key = (piece.flags, piece.link)
            text.append(piece.text)
            continue
        flush()
        key = None
        if piece.kind == "break":
            segs.append(_Seg("break"))
        elif piece.kind == "image":
            segs.append(_Seg("image", piece.text, piece.flags - {CODE}, piece.link, piece.alt))
        elif piece.text:
            last = segs[-1] if segs else None
            if last is not None and last.kind == "code" and last.link == piece.link:
                last.text += piece.text
            else:
                segs.append(_Seg("code", piece.text, piece.flags - {CODE}, piece.link))
    flush()
    return segs


def _peel(seg: _Seg, flag: str, head: bool) -> _Seg | None:
    """Split the punctuation at ``seg``'s start (``head``) or end off, without ``flag``; None when
    the whole segment is punctuation (or a code span, a picture): it then loses the flag."""
    text = seg.text if seg.kind == "text" else ""
    n = 0
    while n < len(text) and _is_punct(text[n] if head else text[-1 - n]):
        n += 1
    if not text or n == len(text):
        seg.flags.discard(flag)
        return None
    part = text[:n] if head else text[len(text) - n:]
    seg.text = text[n:] if head else text[: len(text) - n]
    return _Seg("text", part, seg.flags - {flag}, seg.link)


def _fix_flanking(segs: list[_Seg]) -> list[_Seg]:
    """Take punctuation at the edge of an emphasised run out of it where, touching a letter
    outside, it would keep the markers from opening or closing."""
    for flag in _ORDER:
        i = 0
        while i < len(segs):
            seg = segs[i]
            if seg.neutral or flag not in seg.flags:
                i += 1
                continue
            before = segs[i - 1].last() if i and segs[i - 1].kind not in ("space", "break") \
                and flag not in segs[i - 1].flags else ""
            if _is_word(before) and _is_punct(seg.first()):
                piece = _peel(seg, flag, head=True)
                if piece is not None:
                    segs.insert(i, piece)
                    i += 1
                continue
            j = i  # the run's last segment carrying the flag
            k = i + 1
            while k < len(segs) and (flag in segs[k].flags or (segs[k].neutral and k + 1 < len(segs)
                                                              and flag in segs[k + 1].flags)):
                if not segs[k].neutral:
                    j = k
                k += 1
            after = segs[j + 1].first() if j + 1 < len(segs) and segs[j + 1].kind not in ("space", "break") else ""
            if _is_word(after) and _is_punct(segs[j].last()):
                piece = _peel(segs[j], flag, head=False)
                if piece is None:
                    continue
                segs.insert(j + 1, piece)
            i = j + 1
    return segs


def _ends(segs: list[_Seg]) -> list[dict[str, int]]:
    """For each segment, where each of its flags stops (white space does not stop one)."""
    ends: list[dict[str, int]] = [{} for _ in segs]
    last: dict[str, int] = {}
    for i in range(len(segs) - 1, -1, -1):
        seg = segs[i]
        if seg.neutral:
            ends[i] = dict(last)
            continue
        last = {f: last.get(f, i) if f in seg.flags else i for f in seg.flags & set(_ORDER)}
        ends[i] = dict(last)
    return ends


def _plan(segs: list[_Seg]) -> tuple[list, list[str]]:
    """The markers each segment closes and opens (the flag that lasts longest opens first, so
    it need not close and open again), and those still open at the end."""
    ends = _ends(segs)
    stack: list[str] = []
    plan: list = [None] * len(segs)
    for i, seg in enumerate(segs):
        if seg.neutral:
            continue
        if seg.kind == "break":
            plan[i] = (stack[::-1], [])
            stack = []
            continue
        wanted = seg.flags & set(_ORDER)
        keep = 0
        while keep < len(stack) and stack[keep] in wanted:
            keep += 1
        closing, stack = stack[keep:][::-1], stack[:keep]
        opening = sorted((f for f in wanted if f not in stack), key=lambda f: (-ends[i].get(f, i), _ORDER.index(f)))
        stack += opening
        plan[i] = (closing, opening)
    return plan, stack[::-1]


def _flanks(prev: str, nxt: str) -> tuple[bool, bool]:
    """(left-flanking, right-flanking) of a delimiter run between ``prev`` and ``nxt`` (CommonMark)."""
    space_before, space_after = not prev or prev.isspace(), not nxt or nxt.isspace()
    left = not space_after and (not _is_punct(nxt) or space_before or _is_punct(prev))
    right = not space_before and (not _is_punct(prev) or space_after or _is_punct(nxt))
    return left, right


def _boundary_ok(x: str, closing: list[str], opening: list[str], y: str, star_open: bool) -> bool:
    """Whether the markers between characters ``x`` and ``y`` of a word are read as meant."""
    if closing and opening:
        return False
    marks = "".join(_MARKERS[f] for f in closing + opening)
    for m in re.finditer(r"\*+|~+", marks):
        prev = marks[m.start() - 1] if m.start() else x
        nxt = marks[m.end()] if m.end() < len(marks) else y
        left, right = _flanks(prev, nxt)
        if not (right if closing else left):
            return False
        if m.group()[0] == "*" and left and right and star_open:
            return False  # it could open as well as close, next to another open "*": read otherwise
    return True


def _unsafe_boundary(segs: list[_Seg], plan: list) -> int | None:
    """The first segment whose markers, inside a word, Markdown would misread."""
    star = {BOLD, ITALIC}
    for k in range(1, len(segs)):
        before, seg = segs[k - 1], segs[k]
        if seg.kind in ("space", "break") or before.kind in ("space", "break") or before.link != seg.link:
            continue
        closing, opening = plan[k]
        if not closing and not opening:
            continue
        others = (before.flags | seg.flags) - set(closing) - set(opening)
        if not _boundary_ok(before.last(), closing, opening, seg.first(), bool(others & star)):
            return k
    return None


def _split(segs: list[_Seg], i: int, at_last: bool) -> int:
    """Split text segment ``i`` at its last (or first) white space; the index of the part that
    touches the word (the segment itself when it has none)."""
    seg = segs[i]
    spaces = list(re.finditer(r"\s+", seg.text)) if seg.kind == "text" else []
    if not spaces:
        return i
    m = spaces[-1] if at_last else spaces[0]
    head, gap, tail = seg.text[: m.start()], m.group(), seg.text[m.end():]
    segs[i: i + 1] = [_Seg("text", head, seg.flags, seg.link), _Seg("space", gap, (), seg.link),
                      _Seg("text", tail, seg.flags, seg.link)]
    return i + 2 if at_last else i


def _word_around(segs: list[_Seg], k: int) -> list[int]:
    """The segments of the word around the boundary before segment ``k`` (segments split at its edges)."""
    word = []
    j = k
    while j < len(segs) and segs[j].kind not in ("space", "break") and segs[j].link == segs[k].link:
        has_space = segs[j].kind == "text" and bool(re.search(r"\s", segs[j].text))
        j = _split(segs, j, at_last=False)
        word.append(j)
        if has_space:
            break
        j += 1
    j = k - 1
    left = []
    while j >= 0 and segs[j].kind not in ("space", "break") and segs[j].link == segs[k - 1].link:
        has_space = segs[j].kind == "text" and bool(re.search(r"\s", segs[j].text))
        moved = _split(segs, j, at_last=True)
        shift = moved - j
        word = [w + shift for w in word]
        left = [moved] + [w + shift for w in left]
        if has_space:
            break
        j -= 1
    return left + word


def _snap(segs: list[_Seg], word: list[int]) -> None:
    """One formatting for the word: that of most of its letters (then characters)."""
    counts: dict[frozenset, int] = {}
    for i in word:
        key = frozenset(segs[i].flags & set(_ORDER))
        text = segs[i].text if segs[i].kind == "text" else ""
        counts[key] = counts.get(key, 0) + sum(ch.isalnum() for ch in text) * 1000 + len(text)
    chosen = max(counts, key=lambda k: (counts[k], -len(k)))
    for i in word:
        segs[i].flags = set(chosen)


def _emphasis(segs: list[_Seg]) -> str:
    plan, left_open = _plan(segs)
    for _attempt in range(len(segs)):
        k = _unsafe_boundary(segs, plan)
        if k is None:
            break
        # Markers inside a word that Markdown would misread: the word takes one formatting.
        _snap(segs, _word_around(segs, k))
        plan, left_open = _plan(segs)
    out: list[str] = []
    pending = ""  # white space waiting for the next word: closers go before it, openers after
    for i, seg in enumerate(segs):
        if seg.neutral:
            pending += seg.text
            continue
        closing, opening = plan[i]
        out += [_MARKERS[f] for f in closing]
        if seg.kind == "break":
            out.append("  \n")
            pending = ""
            continue
        out.append(pending)
        pending = ""
        out += [_MARKERS[f] for f in opening]
        if seg.kind == "code":
            out.append(_code_span(seg.text))
        elif seg.kind == "image":
            alt = escape_text(seg.alt).replace("[", "\\[").replace("]", "\\]")
            out.append(f"![{alt}]({_link_target(seg.text)})")
        else:
            after = "".join(s.text if s.kind in ("text", "space") else s.first() for s in segs[i + 1: i + 4])
            out.append(escape_text(seg.text, segs[i - 1].last() if i else "", after[:40]))
    out += [_MARKERS[f] for f in left_open]
    out.append(pending)
    return "".join(out)


def pieces_to_markdown(pieces: list[Piece]) -> str:
    """The Markdown of a paragraph's pieces (lines split at breaks, each line start escaped)."""
    segs = _segments(pieces)
    out: list[str] = []
    group: list[_Seg] = []
    link: str | None = None

    def flush() -> None:
        if not group:
            return
        # White space at a link's edges stays outside its brackets.
        lead = []
        while group and group[0].neutral:
            lead.append(group.pop(0).text)
        trail = []
        while group and group[-1].neutral:
            trail.insert(0, group.pop().text)
        out.append("".join(lead))
        if group:
            body = _emphasis(_fix_flanking(group))
            if link:
                plain = "".join(s.text for s in group)
                if plain == link and re.match(r"^(?:https?|mailto):[^\s<>]*$", link):
                    body = f"<{link}>"
                else:
                    body = f"[{body}]({_link_target(link)})"
            out.append(body)
        out.append("".join(trail))
        group.clear()

    for seg in segs:
        seg_link = None if seg.kind == "break" else seg.link
        if seg_link != link and not (seg.neutral and link is not None and seg_link is None):
            flush()
            link = seg_link
        group.append(seg)
    flush()
    text = "".join(out)
    lines = text.split("\n")
    return "\n".join(escape_line_start(line) for line in lines).strip()
