"""Text widths for the architecture drawing, without Qt: DejaVu Sans's advance widths.

The table (``resources/architecture/metrics.json``, made by ``tools/font_metrics.py``
from the font files) holds Latin, Latin-1, Latin Extended-A and common punctuation;
other characters count as an em (wide East Asian) or 0.62 em. The drawing names
DejaVu Sans first and narrower fonts (Carlito, Arial) after it, so a label that
fits with these widths fits in every renderer.
"""

from __future__ import annotations

import json
import unicodedata
from functools import cache

_FALLBACK_EM = 0.62


@cache
def _table(bold: bool) -> tuple[dict[str, float], float, float]:
    from editor.paths import resources_dir

    data = json.loads((resources_dir() / "architecture" / "metrics.json").read_text(encoding="utf-8"))
    face = data["bold" if bold else "regular"]
    units = face["units_per_em"]
    return ({ch: w / units for ch, w in face["widths"].items()}, face["ascent"] / units, face["descent"] / units)


def _char_em(ch: str, widths: dict[str, float]) -> float:
    em = widths.get(ch)
    if em is not None:
        return em
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0.0
    return 1.0 if unicodedata.east_asian_width(ch) in ("W", "F") else _FALLBACK_EM


def text_width(text: str, size: float, bold: bool = False) -> float:
    """The advance width of ``text`` at ``size`` pixels."""
    widths = _table(bold)[0]
    return size * sum(_char_em(ch, widths) for ch in text)


def ascent(size: float, bold: bool = False) -> float:
    return size * _table(bold)[1]


def descent(size: float, bold: bool = False) -> float:
    return size * _table(bold)[2]


def elide(text: str, size: float, width: float, bold: bool = False) -> str:
    """``text`` cut with an ellipsis to fit ``width``."""
    if text_width(text, size, bold) <= width:
        return text
    while text and text_width(text + "…", size, bold) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def wrap(text: str, size: float, width: float, bold: bool = False, max_lines: int = 3) -> list[str]:
    """``text`` broken at spaces (and after ``/`` or ``-`` when a word is too long) into lines
    of at most ``width`` pixels; the last line is elided past ``max_lines``."""
    words = text.split()
    if not words:
        return [""]
    lines: list[str] = []
    current = ""
    for word in words:
        trial = f"{current} {word}" if current else word
        if text_width(trial, size, bold) <= width:
            current = trial
            continue
        if current:
            lines.append(current)
        current = word
        while text_width(current, size, bold) > width:  # a word wider than the box: cut it
            cut = _cut(current, size, width, bold)
            lines.append(current[:cut])
            current = current[cut:]
    lines.append(current)
    if len(lines) > max_lines:
        lines = lines[:max_lines - 1] + [elide(" ".join(lines[max_lines - 1:]), size, width, bold)]
    return lines


def _cut(word: str, size: float, width: float, bold: bool) -> int:
    n = len(word) - 1
    while n > 1 and text_width(word[:n], size, bold) > width:
        n -= 1
    for i in range(n, 1, -1):  # prefer a cut after a slash or a hyphen
        if word[i - 1] in "/-_.":
            return i
    return max(1, n)
