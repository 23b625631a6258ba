"""What every Markdown text box of the app does: colours, spelling, lists, formatting.

``WritingSurface`` is a mixin for a ``QPlainTextEdit`` (the section editor, a table
cell's editor). ``setup_writing(document)`` attaches the highlighter; spelling follows
the document's spell-check language once its dictionary is loaded (asked after the
window's first paint). The words the dictionary does not know get a wavy red line,
painted over the visible lines only (``spelling_errors(block)``, remembered per line
text, so a key re-checks the edited line and nothing else). Enter continues a list, Enter on an empty item ends it, Tab and
Shift+Tab nest list items. The context menu of a wrong word offers suggestions, "Add
to dictionary" and "Ignore". ``format_text(command)`` runs a formatting command of
``core.markdown_edit`` on the selection, one undo step.
"""

from __future__ import annotations

from contextlib import AbstractContextManager, nullcontext

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QAction,
    QBrush,
    QColor,
    QContextMenuEvent,
    QImage,
    QKeyEvent,
    QPainter,
    QPen,
    QPixmap,
    QTextCursor,
)
from PySide6.QtWidgets import QMenu, QMessageBox

from editor.i18n import N_, _

# Formatting commands: name -> (undo step msgid, markdown_edit function, its argument).
FORMATS = {
    "bold": (N_("Bold"), "toggle_inline", "**"),
    "italic": (N_("Italic"), "toggle_inline", "*"),
    "strike": (N_("Strikethrough"), "toggle_inline", "~~"),
    "code": (N_("Inline code"), "toggle_inline", "`"),
    "bullet": (N_("Bulleted list"), "toggle_lines", "bullet"),
    "numbered": (N_("Numbered list"), "toggle_lines", "numbered"),
    "quote": (N_("Quote"), "toggle_lines", "quote"),
    "heading": (N_("Sub-heading"), "toggle_lines", "heading"),
}


SPELL_COLOR = "#e0352b"
_ERROR_CACHE = 4000  # lines remembered per editor


def _me():
    # The Markdown commands and the highlighter load after the first paint (start-up path).
    from editor.core import markdown_edit

    return markdown_edit


class WritingSurface:
    """Mixin for QPlainTextEdit subclasses; call ``setup_writing(document)`` in ``__init__``."""

    _doc = None
    highlighter = None  # a highlighter.MarkdownHighlighter once attached
    spell = None  # the SpellChecker underlining, once loaded
    _ignored: frozenset[str] = frozenset()
    _errors: dict | None = None
    _waves: dict = {}

    def setup_writing(self, document=None) -> None:
        """Attach colours and spelling; in a window not painted yet, just after its first paint."""
        from editor.app.first_paint import after_first_paint

        self._writing_doc = document
        after_first_paint(self, self._attach_highlighter)

    def _attach_highlighter(self) -> None:
        from editor.app.spell_service import spell_service
        from editor.app.widgets.highlighter import MarkdownHighlighter

        document = self._writing_doc
        self.highlighter = MarkdownHighlighter(self.document(), self.palette(), self)
        service = spell_service()
        service.loaded.connect(self._on_dictionary_loaded)
        service.enabledChanged.connect(self._on_dictionary_loaded)
        service.wordsChanged.connect(self._on_words_changed)
        if document is not None:
            document.changed.connect(self._on_writing_doc_changed)
        self.refresh_spelling()

    # -- spelling ----------------------------------------------------------------------------
    def spell_language(self) -> str:
        doc = self._writing_doc
        return doc.spell_language if doc is not None else "en"

    def refresh_spelling(self, *_args) -> None:
        """Underline with the current dictionary (asked for in the background if not loaded)."""
        from editor.app.spell_service import spell_service

        if self.highlighter is None:
            return
        service, lang = spell_service(), self.spell_language()
        checker = service.checker(lang)
        if checker is None and service.enabled:
            service.request(lang)
        ignored = frozenset()
        if checker is not None and self._writing_doc is not None:
            from editor.core.spelling_prefs import ignored_words

            ignored = ignored_words(self._writing_doc.proposal)
        if checker is not self.spell or ignored != self._ignored:
            self.spell, self._ignored, self._errors = checker, ignored, {}
            self.viewport().update()

    def _on_dictionary_loaded(self, *_args) -> None:
        self.refresh_spelling()

    def _on_words_changed(self) -> None:
        """A word was added to the personal list: the same checker knows more, underline again."""
        self._errors = {}
        self.viewport().update()

    def _on_writing_doc_changed(self, what: str) -> None:
        if what in ("extra", "language", "all") and self.spell is not None:
            self.refresh_spelling()

    def spelling_errors(self, block) -> list[tuple[int, int, str]]:
        """The wrong words of ``block`` (a line): ``(start, end, word)`` within it."""
        if self.spell is None:
            return []
        from editor.core.mdsyntax import NORMAL, lex_line

        previous = block.previous()
        state = previous.userState() if previous.isValid() and previous.userState() >= 0 else NORMAL
        text = block.text()
        key = (text, state)
        errors = self._errors
        hit = errors.get(key)
        if hit is None:
            spans, _state = lex_line(text, state)
            hit = self.spell.line_errors(text, spans, self._ignored)
            if len(errors) >= _ERROR_CACHE:
                errors.clear()
            errors[key] = hit
        return hit

    def misspelled_at_cursor(self, cursor: QTextCursor) -> tuple[int, int, str] | None:
        """``(start, end, word)`` in the whole text of the wrong word under ``cursor``."""
        block = cursor.block()
        column = cursor.positionInBlock()
        for start, end, word in self.spelling_errors(block):
            if start <= column <= end:
                return block.position() + start, block.position() + end, word
        return None

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().paintEvent(event)
        if self.spell is None:
            return
        painter = QPainter(self.viewport())
        brush = QBrush(_wave_tile())
        offset = self.contentOffset()
        area = event.rect()
        shape = (self.viewport().width(), self.font().key())
        waves = self._waves if getattr(self, "_waves_shape", None) == shape else {}
        self._waves, self._waves_shape = waves, shape
        block = self.firstVisibleBlock()
        while block.isValid():
            geometry = self.blockBoundingGeometry(block).translated(offset)
            if geometry.top() > area.bottom():
                break
            if block.isVisible() and geometry.bottom() >= area.top():
                errors = self.spelling_errors(block)
                if errors:
                    key = (block.text(), tuple(errors))
                    lines = waves.get(key)
                    if lines is None:  # laid out once per line text and width, then only drawn
                        lines = [p for start, end, _w in errors for p in _waves(block.layout(), start, end)]
                        if len(waves) >= _ERROR_CACHE:
                            waves.clear()
                        waves[key] = lines
                    painter.translate(geometry.topLeft())
                    for rect in lines:
                        painter.setBrushOrigin(rect.topLeft())
                        painter.fillRect(rect, brush)
                    painter.translate(-geometry.topLeft())
            block = block.next()
        painter.end()

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802 - Qt API
        menu = self.createStandardContextMenu(event.pos())
        hit = self.misspelled_at_cursor(self.cursorForPosition(event.pos())) if self.spell is not None else None
        if hit is not None:
            self._add_spelling_actions(menu, *hit)
        menu.exec(event.globalPos())
        menu.deleteLater()

    def _add_spelling_actions(self, menu: QMenu, start: int, end: int, word: str) -> None:
        first = menu.actions()[0] if menu.actions() else None
        suggestions = self.spell.suggest(word)
        actions = []
        for suggestion in suggestions:
            act = QAction(suggestion, menu)
            font = act.font()
            font.setBold(True)
            act.setFont(font)
            act.triggered.connect(lambda _c=False, s=start, e=end, w=suggestion: self.replace_span(s, e, w, N_("Correct spelling")))
            actions.append(act)
        if not suggestions:
            none = QAction(_("(no suggestions)"), menu)
            none.setEnabled(False)
            actions.append(none)
        add = QAction(_("Add “{word}” to dictionary").format(word=word), menu)
        add.triggered.connect(lambda: self.add_to_dictionary(word))
        actions.append(add)
        if self._writing_doc is not None:
            ignore = QAction(_("Ignore “{word}” in this proposal").format(word=word), menu)
            ignore.triggered.connect(lambda: self._writing_doc.ignore_word(word))
            actions.append(ignore)
        sep = QAction(menu)
        sep.setSeparator(True)
        menu.insertActions(first, [*actions, sep])
        menu.setObjectName("SpellingMenu")

    def add_to_dictionary(self, word: str) -> None:
        from editor.app.spell_service import spell_service
        from editor.core.storage import StorageError

        try:
            spell_service().add_word(word)
        except (StorageError, OSError) as exc:
            QMessageBox.warning(self, _("Personal dictionary"),
                                _("“{word}” could not be added to your dictionary: {error}").format(word=word, error=exc))

    # -- editing ----------------------------------------------------------------------------------
    def edit_group(self, name: str, **fields) -> AbstractContextManager:
        """What makes one edit one undo step (the section editor: a named step of the document)."""
        return nullcontext()

    def replace_span(self, start: int, end: int, text: str, name: str = "") -> None:
        cursor = QTextCursor(self.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        with self.edit_group(name or N_("Edit")):
            cursor.insertText(text)
        self.setTextCursor(cursor)

    def apply_edit(self, edit, name: str = "") -> bool:
        """Show ``edit`` (touching only the span that changed) and its selection; one undo step."""
        if edit is None:
            return False
        old = self.toPlainText()
        if edit.text != old:
            from editor.app.document import _common_prefix_len

            start = _common_prefix_len(old, edit.text)
            tail = min(_common_prefix_len(old[::-1], edit.text[::-1]), min(len(old), len(edit.text)) - start)
            cursor = QTextCursor(self.document())
            cursor.setPosition(start)
            cursor.setPosition(len(old) - tail, QTextCursor.MoveMode.KeepAnchor)
            with self.edit_group(name or N_("Edit")):
                cursor.insertText(edit.text[start : len(edit.text) - tail])
        cursor = self.textCursor()
        cursor.setPosition(edit.start)
        cursor.setPosition(edit.end, QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        return True

    def selection(self) -> tuple[str, int, int]:
        cursor = self.textCursor()
        return self.toPlainText(), cursor.selectionStart(), cursor.selectionEnd()

    def format_text(self, command: str) -> bool:
        """Run formatting ``command`` (a key of ``FORMATS``) on the selection."""
        if self.isReadOnly():
            return False
        name, function, argument = FORMATS[command]
        return self.apply_edit(getattr(_me(), function)(*self.selection(), argument), name)

    def insert_link(self, label: str, url: str) -> bool:
        if self.isReadOnly():
            return False
        text, start, end = self.selection()
        return self.apply_edit(_me().make_link(text, start, end, label, url), N_("Insert link"))

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt API
        if not self.isReadOnly() and self._writing_key(event):
            event.accept()
            return
        super().keyPressEvent(event)

    def _writing_key(self, event: QKeyEvent) -> bool:
        key, mods = event.key(), event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and mods == Qt.KeyboardModifier.NoModifier:
            text, start, end = self.selection()
            if start == end:
                return self.apply_edit(_me().continue_list(text, start))
        if key == Qt.Key.Key_Tab and mods == Qt.KeyboardModifier.NoModifier:
            return self.apply_edit(_me().indent_items(*self.selection()))
        if key == Qt.Key.Key_Backtab:
            return self.apply_edit(_me().indent_items(*self.selection(), outdent=True))
        return False

    def event(self, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.PaletteChange and self.highlighter is not None:
            self.highlighter.set_palette(self.palette())
        # Tab on a list item nests it; Qt would move the focus before keyPressEvent sees the key.
        elif (kind == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab)
              and not self.isReadOnly() and self._writing_key(event)):
            event.accept()
            return True
        return super().event(event)


def _wave_tile() -> QPixmap:
    """One period of the wavy line (4 x 3 px), tiled under a wrong word by a brush."""
    global _TILE
    if _TILE is None:
        image = QImage(4, 3, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(QColor(SPELL_COLOR), 1.0))
        painter.drawPolyline([QPointF(0, 2.5), QPointF(2, 0.5), QPointF(4, 2.5)])
        painter.end()
        _TILE = QPixmap.fromImage(image)
    return _TILE


_TILE: QPixmap | None = None


def _waves(layout, start: int, end: int) -> list[QRectF]:
    """Where the wavy line goes under the characters ``start``-``end`` of a block (block coordinates)."""
    out = []
    pos = start
    while pos < end:
        line = layout.lineForTextPosition(pos)
        if not line.isValid():
            break
        stop = min(end, line.textStart() + line.textLength())
        x1, x2 = line.cursorToX(pos)[0], line.cursorToX(stop)[0]
        out.append(QRectF(x1, line.y() + line.ascent() + 0.5, max(2.0, x2 - x1), 3.0))
        pos = stop if stop > pos else end
    return out
