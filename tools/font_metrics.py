"""Write resources/architecture/metrics.json: advance widths of the diagram's fonts.

The architecture drawing is laid out in pure Python (no Qt in the core), so it
measures text with this table: DejaVu Sans, regular and bold, in font units,
for Latin, Latin-1, Latin Extended-A and common punctuation. Run it again
(``python tools/font_metrics.py``) if the fonts or the characters change.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

FONTS = {
    "regular": "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "bold": "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
}
CHARS = [chr(c) for c in range(0x20, 0x7F)] + [chr(c) for c in range(0xA0, 0x180)] + list("‐–—‘’‚“”„†•…‰‹›€™→←↔✓✗")


def main() -> int:
    from PySide6.QtGui import QGuiApplication, QRawFont

    app = QGuiApplication(sys.argv[:1])  # noqa: F841 - QRawFont needs a GUI application
    out = {}
    for weight, path in FONTS.items():
        units = 2048
        font = QRawFont(path, units)
        if not font.isValid():
            print(f"cannot read {path}", file=sys.stderr)
            return 1
        widths = {}
        for ch in CHARS:
            glyphs = font.glyphIndexesForString(ch)
            if glyphs and glyphs[0]:
                widths[ch] = round(font.advancesForGlyphIndexes(glyphs)[0].x())
        out[weight] = {"family": font.familyName(), "units_per_em": units, "widths": widths,
                       "ascent": round(font.ascent()), "descent": round(font.descent())}
    target = Path(__file__).resolve().parent.parent / "resources" / "architecture" / "metrics.json"
    target.write_text(json.dumps(out, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n", encoding="utf-8")
    print(target)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
