"""Markdown colours in a text editor, the text left untouched.

``MarkdownHighlighter`` colours one block (line) at a time from ``core.mdsyntax``: Qt
calls it for the line being edited and for the lines after it only while the multi-line
state (a code fence, a prompt comment) changes. Colours come from the editor's palette,
so light and dark themes both read well; a palette change re-colours. The spelling
underlines are not formats (each would split the line's text shaping, a millisecond a
key on a long paragraph full of mistakes): ``writing.WritingSurface`` paints them over
the visible lines.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QColor, QFont, QPalette, QSyntaxHighlighter, QTextCharFormat, QTextDocument

from editor.core import mdsyntax as md

def _mix(a: QColor, b: QColor, amount: float) -> QColor:
    return QColor(*(int(x * (1 - amount) + y * amount) for x, y in zip(a.getRgb()[:3], b.getRgb()[:3])))


class MarkdownHighlighter(QSyntaxHighlighter):
    """Highlights Markdown in ``document``."""

    def __init__(self, document: QTextDocument, palette: QPalette, parent: QObject | None = None) -> None:
        super().__init__(parent or document)
        self._formats: dict[str, QTextCharFormat] = {}
        self.set_palette(palette, rehighlight=False)
        self.setDocument(document)

    # -- settings ---------------------------------------------------------------------------
    def set_palette(self, palette: QPalette, rehighlight: bool = True) -> None:
        """Build the formats from ``palette`` (light or dark)."""
        text = palette.color(QPalette.ColorRole.Text)
        base = palette.color(QPalette.ColorRole.Base)
        dim = _mix(text, base, 0.55)
        link = palette.color(QPalette.ColorRole.Link)
        if abs(link.lightness() - base.lightness()) < 90:  # some dark themes keep a dark link colour
            link = _mix(link, text, 0.5)
        f = self._formats
        f.clear()

        def fmt(color: QColor | None = None, **attrs) -> QTextCharFormat:
            out = QTextCharFormat()
            if color is not None:
                out.setForeground(color)
            for name, value in attrs.items():
                getattr(out, name)(value)
            return out

        f[md.MARKER] = fmt(dim)
        f[md.COMMENTED] = fmt(dim, setFontItalic=True)
        f[md.HEADING] = fmt(None, setFontWeight=QFont.Weight.Bold)
        f[md.BOLD] = fmt(None, setFontWeight=QFont.Weight.Bold)
        f[md.ITALIC] = fmt(None, setFontItalic=True)
        f[md.STRIKE] = fmt(dim, setFontStrikeOut=True)
        code = fmt(_mix(text, link, 0.35), setBackground=_mix(base, text, 0.07))
        # A family name and a hint, not QFontDatabase.systemFont(): that scans the fonts (60 ms) on the start-up path.
        code.setFontFamilies(["monospace", "Consolas", "Menlo", "Courier New"])
        code.setFontStyleHint(QFont.StyleHint.Monospace)
        code.setFontFixedPitch(True)
        f[md.CODE] = code
        f[md.LINK_TEXT] = fmt(link, setFontUnderline=True)
        f[md.LINK_TARGET] = fmt(_mix(link, base, 0.35))
        f[md.URL] = fmt(link)
        f[md.HTML] = fmt(dim)
        f[md.TASK] = fmt(link, setFontWeight=QFont.Weight.Bold)
        if rehighlight:
            self.rehighlight()

    # -- Qt ------------------------------------------------------------------------------------
    def highlightBlock(self, text: str) -> None:  # noqa: N802 - Qt API
        state = self.previousBlockState()
        spans, new_state = md.lex_line(text, state if state >= 0 else md.NORMAL)
        formats = self._formats
        for start, end, kind in spans:
            if kind == md.HEADING:
                continue
            fmt = formats.get(kind)
            if fmt is not None and end > start:
                self.setFormat(start, end - start, fmt)
        heading = next(((s, e) for s, e, k in spans if k == md.HEADING), None)
        if heading:  # bold over what is already coloured (emphasis, code) inside the heading
            for i in range(heading[0], heading[1]):
                current = self.format(i)
                current.setFontWeight(QFont.Weight.Bold)
                self.setFormat(i, 1, current)
        self.setCurrentBlockState(new_state)
