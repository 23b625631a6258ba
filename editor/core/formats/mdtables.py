"""GFM pipe tables and the cell values found in them.

Cells we write use a reversible encoding that GitHub renders as the text
itself: backslash, pipe, ``<`` and ``&`` are backslash-escaped, a line break is
``<br>``, and whitespace at a cell's edges or control characters become
numeric character references. Hand-written cells are decoded leniently.
"""

from __future__ import annotations

import datetime as dt
import math
import re

_ESCAPED = {"\\": "\\\\", "|": "\\|", "<": "\\<", "&": "\\&", "\n": "<br>"}
# What a renderer would read as a character reference: "&amp;", "&#65;", "&#x41;".
_ENTITY_LIKE = re.compile(r"&(?:#[0-9]{1,8}|#[xX][0-9a-fA-F]{1,8}|[A-Za-z][A-Za-z0-9]{0,31});")
_DELIM_CELL = re.compile(r"^:?-+:?$")
_ENTITY = re.compile(r"&#(\d{1,7});")
_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)


def _needs_entity(ch: str) -> bool:
    o = ord(ch)
    return o < 0x20 or 0x7F <= o <= 0x9F or o in (0x2028, 0x2029, 0xFEFF)


def encode_cell(text: str) -> str:
    """Encode ``text`` so it fits one table cell (or one list item line)."""
    out = []
    n = len(text)
    lead = n - len(text.lstrip())
    trail = len(text.rstrip())
    for i, ch in enumerate(text):
        if ch == "&" and not _ENTITY_LIKE.match(text, i):
            out.append(ch)  # "?a=1&b=2" stays a working link on GitHub; only "&amp;"-like text is escaped
        elif ch in _ESCAPED:
            out.append(_ESCAPED[ch])
        elif _needs_entity(ch) or ((i < lead or i >= trail) and ch.isspace()):
            out.append(f"&#{ord(ch)};")
        else:
            out.append(ch)
    return "".join(out)


def decode_cell(cell: str) -> str:
    """Invert encode_cell; hand-written cells keep their Markdown as typed."""
    if "\\" not in cell and "<" not in cell and "&" not in cell:
        return cell
    out = []
    i, n = 0, len(cell)
    while i < n:
        ch = cell[i]
        if ch == "\\" and i + 1 < n and cell[i + 1] in "\\|<&[]#-+*>.)":
            out.append(cell[i + 1])
            i += 2
            continue
        if ch == "<":
            m = _BR.match(cell, i)
            if m:
                out.append("\n")
                i = m.end()
                continue
        if ch == "&":
            m = _ENTITY.match(cell, i)
            if m and int(m.group(1)) <= 0x10FFFF:
                out.append(chr(int(m.group(1))))
                i = m.end()
                continue
        out.append(ch)
        i += 1
    return "".join(out)


def split_row(line: str) -> list[str]:
    """Split a table row into raw cells (escapes kept), the way GFM does."""
    s = line.strip()
    if s.startswith("|"):
        s = s[1:]
    if "\\" not in s:
        cells = s.split("|")
        if not cells[-1].strip() and line.rstrip().endswith("|"):
            cells.pop()
        return [c.strip(" \t") for c in cells]
    cells, cur, i = [], [], 0
    while i < len(s):
        ch = s[i]
        if ch == "\\" and i + 1 < len(s):
            cur.append(s[i : i + 2])
            i += 2
            continue
        if ch == "|":
            cells.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
        i += 1
    tail = "".join(cur)
    if tail.strip() or not line.rstrip().endswith("|"):
        cells.append(tail)
    return [c.strip(" \t") for c in cells]


def is_delimiter_row(line: str) -> bool:
    if "-" not in line:
        return False
    cells = split_row(line)
    return bool(cells) and all(_DELIM_CELL.match(c) for c in cells)


def find_tables(lines: list[str], skip: set[int] | None = None) -> list[tuple[int, int]]:
    """(start, end) line ranges of pipe tables: header, delimiter, rows."""
    found, i = [], 0
    skip = skip or set()
    while i + 1 < len(lines):
        if i not in skip and "|" in lines[i] and is_delimiter_row(lines[i + 1]):
            if len(split_row(lines[i])) == len(split_row(lines[i + 1])):
                end = i + 2
                while end < len(lines) and lines[end].strip() and "|" in lines[end] and end not in skip:
                    end += 1
                found.append((i, end))
                i = end
                continue
        i += 1
    return found


def write_table(headers: list[str], rows: list[list[str]]) -> list[str]:
    """A GFM table; cells must already be encoded."""
    out = ["| " + " | ".join(headers) + " |", "|" + "|".join(" --- " for _ in headers) + "|"]
    for row in rows:
        out.append("| " + " | ".join(row) + " |")
    return out


def parse_table(lines: list[str]) -> tuple[list[str], list[list[str]]]:
    """Headers (decoded) and rows (raw cells, padded to the header width)."""
    headers = [decode_cell(c) for c in split_row(lines[0])]
    rows = []
    for line in lines[2:]:
        cells = split_row(line)
        cells = (cells + [""] * len(headers))[: max(len(headers), len(cells))]
        rows.append(cells)
    return headers, rows


# --- values -----------------------------------------------------------------

def format_number(value: float) -> str:
    """Shortest text that reads back as the same float (21, 0.5, 1e-07)."""
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(value)


_NUMBER = re.compile(r"^\s*([<>≤≥~≈]\s*)?([-+−]?\d[\d\u00a0\u202f ]*(?:[.,]\d+)?)\s*(.*?)\s*$")


def parse_quantity(text: str) -> tuple[float, str, bool] | None:
    """``"21 jours"`` -> (21.0, "jours", exact); exact is False when a sign like ``<`` was dropped."""
    try:
        value = float(text.strip())
        if math.isfinite(value):
            return value, "", True
    except ValueError:
        pass
    m = _NUMBER.match(text)
    if not m:
        return None
    digits = m.group(2).replace("\u00a0", "").replace("\u202f", "").replace(" ", "").replace("−", "-")
    if "," in digits and "." not in digits:
        head, _, tail = digits.rpartition(",")
        # "1,000" with three digits after the comma is a thousands separator.
        digits = head + tail if len(tail) == 3 and head.lstrip("+-").isdigit() and len(head.lstrip("+-")) <= 3 else head + "." + tail
    try:
        value = float(digits)
    except ValueError:
        return None
    return value, m.group(3), m.group(1) is None


_DMY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_MY = re.compile(r"^(\d{1,2})[/.-](\d{4})$")


def parse_date(text: str) -> dt.date | None:
    """ISO ``2027-06-30``, ``30/06/2027``, ``30.06.2027`` or ``06/2027`` (end of month)."""
    s = text.strip()
    try:
        return dt.date.fromisoformat(s)
    except ValueError:
        pass
    m = _DMY.match(s)
    if m:
        try:
            return dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        except ValueError:
            return None
    m = _MY.match(s)
    if m and 1 <= int(m.group(1)) <= 12:
        month, year = int(m.group(1)), int(m.group(2))
        nxt = dt.date(year + month // 12, month % 12 + 1, 1)
        return nxt - dt.timedelta(days=1)
    return None
