"""The line rules the Markdown writer and reader share.

Which lines are section headings (a guide section's title, FR or EN, numbered
or not), which are our markers (``<!-- proposal:risks -->``), which lie inside
a code fence or a raw HTML block (opaque: never headings or markers), and the
one-backslash escape that keeps a prose line from reading back as a heading or
a marker. :mod:`markdown` writes with these rules, :mod:`mdread` reads with
them; they live apart so that neither imports the other.
"""

from __future__ import annotations

import re
from functools import cache

from editor.core.guide import load_guide
from editor.core.model import LANGUAGES
from editor.core.vocab import fold

MARKER_PREFIX = "<!-- proposal:"
AUTOCLOSE = "<!-- proposal:closed -->"
_ATX = re.compile(r"^ {0,3}(#{1,6})(?=[ \t]|$)(.*)$")
_FENCE_OPEN = re.compile(r"^ {0,3}(`{3,}|~{3,})(.*)$")
_FENCE_CLOSE = re.compile(r"^ {0,3}(`{3,}|~{3,})[ \t]*$")
_ESCAPE = re.compile(r"^( {0,3})(\\*)(.*)$", re.DOTALL)
NUMBERING = re.compile(r"^\s*(?:(?:section|partie|part)\s+)?(?:\d{1,2}|[ivx]{1,4})\s*[.):\-–—]?\s+", re.IGNORECASE)


# --- headings ---------------------------------------------------------------

def atx_heading(line: str) -> tuple[int, str] | None:
    """(level, text) of an ATX heading line, else None."""
    m = _ATX.match(line)
    if not m:
        return None
    text = re.sub(r"(?:^|[ \t]+)#+[ \t]*$", "", m.group(2)).strip(" \t")
    return len(m.group(1)), text


@cache
def _section_names() -> dict[str, str]:
    names: dict[str, str] = {}
    for lang in LANGUAGES:
        for s in load_guide(lang).sections:
            for name in (s.title, *s.aliases):
                names.setdefault(fold(name.replace("_", " ")), s.id)
    return names


def match_section_heading(text: str) -> str | None:
    """The section id a heading's text names (FR or EN, numbered or not), else None."""
    text = text.replace("_", " ").replace("*", " ").strip()
    text = NUMBERING.sub("", text, count=1)
    return _section_names().get(fold(text).rstrip(" :"))


def heading_section(line: str) -> str | None:
    """The section id when ``line`` is a level 1-3 heading naming a guide section."""
    if "#" not in line[:4]:  # the cheap test first: this runs for every line
        return None
    h = atx_heading(line)
    if h is None or h[0] > 3:
        return None
    return match_section_heading(h[1])


# --- escapes ----------------------------------------------------------------

def _is_special(line: str) -> bool:
    return line.startswith(MARKER_PREFIX) or heading_section(line) is not None


def escape_line(line: str) -> str:
    """``line`` with one more leading backslash when it would read back as a heading or a marker."""
    m = _ESCAPE.match(line)
    indent, slashes, rest = m.groups()
    return indent + "\\" + slashes + rest if _is_special(indent + rest) else line


def unescape_line(line: str) -> str:
    """Undo :func:`escape_line`: remove exactly one leading backslash it added."""
    if "\\" not in line[:5]:
        return line
    m = _ESCAPE.match(line)
    indent, slashes, rest = m.groups()
    return indent + slashes[1:] + rest if slashes and _is_special(indent + rest) else line


# --- fences and HTML blocks ---------------------------------------------------

_HTML_BLOCKS = (  # CommonMark HTML blocks 1-5: they end only at their terminator
    (re.compile(r"^ {0,3}<(script|pre|style|textarea)(?=[\s>]|$)", re.IGNORECASE), None),
    (re.compile(r"^ {0,3}<!--"), "-->"),
    (re.compile(r"^ {0,3}<\?"), "?>"),
    (re.compile(r"^ {0,3}<!\[CDATA\["), "]]>"),
    (re.compile(r"^ {0,3}<![A-Za-z]"), ">"),
)
_BLOCK_STARTS = ("`", "~", "<")
_HTML1_END = re.compile(r"</(?:script|pre|style|textarea)>", re.IGNORECASE)


class Blocks:
    """Tracks code fences and raw HTML blocks line by line, as CommonMark does
    at the top level; lines inside them are opaque (never headings or markers)."""

    def __init__(self):
        self.fence: str | None = None
        self.html_end: str | None = None  # terminator of the open HTML block

    def opaque(self, line: str) -> bool:
        """Feed ``line``; True when it belongs to a fence or an HTML block."""
        if not self.fence and not self.html_end and not line[:4].lstrip(" ")[:1] in _BLOCK_STARTS:
            return False  # the cheap test first: this runs for every line
        if self.fence:
            if _fence_closes(line, self.fence):
                self.fence = None
            return True
        if self.html_end:
            if self._ends_html(line, self.html_end):
                self.html_end = None
            return True
        m = _FENCE_OPEN.match(line)
        if m and not (m.group(1)[0] == "`" and "`" in m.group(2)):
            self.fence = m.group(1)
            return True
        for pattern, end in _HTML_BLOCKS:
            if pattern.match(line):
                terminator = end or "</pre>"
                if self._ends_html(line, terminator):
                    return False  # a one-line block: read like any other line
                self.html_end = terminator
                return True
        return False

    @staticmethod
    def _ends_html(line: str, terminator: str) -> bool:
        return bool(_HTML1_END.search(line)) if terminator == "</pre>" else terminator in line

    def closer(self) -> str | None:
        """The line that closes what is still open, if anything."""
        return self.fence or self.html_end


def _fence_closes(line: str, fence: str) -> bool:
    m = _FENCE_CLOSE.match(line)
    return bool(m) and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence)
