"""Column widths of the exported tables (DOCX, and the HTML of the preview and the PDF):
the planned proportions, widened where a word would otherwise be cut in two
("Responsabl|e" under a header, "01/01/202|7" in a cell).

Word, LibreOffice and Qt break a word that does not fit its column between any
two letters. Widths are estimated without a font engine (the core has none): per
character, from the proportions of the metric-compatible sans fonts the exports
use (Calibri / Carlito), a little on the wide side.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

# Advance widths in em of a Calibri-like sans; other characters count as AVERAGE.
_NARROW = set("fijlrtI!.,;:'|()[]{} ")
_WIDE = set("mwMW@%")
_AVERAGE = 0.5
_BOLD = 1.06
# Planned widths (cm before scaling to the text width, or relative weights) of the structured tables.
RISK_WIDTHS = [0.8, 3.3, 2.3, 0.75, 0.75, 0.95, 3.55, 1.85, 1.75]
KPI_WIDTHS = [0.75, 2.9, 1.75, 1.45, 1.15, 1.3, 1.35, 1.75, 1.9, 1.7]
DATA_SOURCE_WIDTHS = [4.5, 8.0, 3.5]
RESOURCE_WIDTHS = [6.0, 10.0]
EXTRA_WIDTH = 2.0  # a column kept from a hand-written table
# The text of the structured tables (points) and the padding of their cells (cm, both sides).
TABLE_TEXT_PT = 8.5
CELL_PADDING_CM = 2 * 80 / 1440 * 2.54 + 0.08
# A column never claims more than this share of the table for one word (long URLs wrap anyway).
MAX_WORD_SHARE = 0.34
# Where a line may break inside a "word": after a hyphen, or a slash before a letter.
_BREAKS = re.compile(r"(?<=-)|(?<=/)(?=[^\W\d_])")


def _char_em(ch: str) -> float:
    if ch in _NARROW:
        return 0.28
    if ch in _WIDE:
        return 0.82
    if ch.isupper():
        return 0.62
    if ch.isdigit():
        return 0.51
    if ch.isalpha():
        return 0.49
    return _AVERAGE


# Latin letters looked up once; others computed per character.
_EM = {chr(c): _char_em(chr(c)) for c in range(32, 0x250)}


def word_cm(word: str, font_pt: float, bold: bool = False) -> float:
    """The estimated printed width of ``word`` in centimetres."""
    em = sum(_EM.get(ch) or _char_em(ch) for ch in word) * (_BOLD if bold else 1.0)
    return em * font_pt / 72 * 2.54


def _pieces(text: str) -> set[str]:
    return {p for word in text.split() for p in _BREAKS.split(word) if p}


def longest_word_cm(text: str, font_pt: float, bold: bool = False) -> float:
    """The width of the widest piece of ``text`` a line cannot break inside."""
    return max((word_cm(p, font_pt, bold) for p in _pieces(text)), default=0.0)


def fit_widths(widths: Sequence[float], headers: Sequence[str], rows: Sequence[Sequence[str]], total_cm: float,
               font_pt: float, padding_cm: float) -> list[float]:
    """``widths`` (one per header; missing ones get ``EXTRA_WIDTH``) scaled to ``total_cm``, each column at least as wide as its longest
    word (header in bold) plus ``padding_cm``; the room comes from the columns that
    have some to spare, in proportion to it. When even the words do not fit, the
    planned proportions stand (Word will break words, as before)."""
    widths = list(widths[: len(headers)]) + [EXTRA_WIDTH] * max(0, len(headers) - len(widths))
    scale = total_cm / sum(widths)
    planned = [w * scale for w in widths]
    cap = total_cm * MAX_WORD_SHARE
    needs = []
    for c in range(len(planned)):
        word = longest_word_cm(headers[c], font_pt, bold=True) if c < len(headers) else 0.0
        pieces = set().union(*(_pieces(row[c]) for row in rows if c < len(row)))
        word = max([word, *(word_cm(p, font_pt) for p in pieces)])
        needs.append(min(cap, word + padding_cm) if word else 0.0)
    if sum(needs) > total_cm:
        return planned
    fitted = [max(w, n) for w, n in zip(planned, needs)]
    excess = sum(fitted) - total_cm
    if excess <= 1e-9:
        return fitted
    spare = [max(0.0, f - n) for f, n in zip(fitted, needs)]
    total_spare = sum(spare)
    return [f - excess * s / total_spare for f, s in zip(fitted, spare)]
