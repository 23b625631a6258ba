"""The app's spell checkers: loaded in a background thread, never on the keystroke path.

``spell_service()`` is one object for the application. ``request(language)`` starts
loading that language's dictionary in a thread (the window asks after its first paint,
so start-up never waits for it); ``loaded(language)`` is emitted in the GUI thread when
it is ready, and from then ``checker(language)`` returns it. Until then editors show no
underline. Whether spelling is shown at all is a setting (Tools > Check spelling).
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QCoreApplication, QObject, Signal


class SpellService(QObject):
    loaded = Signal(str)
    failed = Signal(str, str)
    enabledChanged = Signal(bool)
    wordsChanged = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pending: set[str] = set()
        self._failed: set[str] = set()  # not asked again: a damaged dictionary fails the same way
        self._enabled = True
        self._lock = threading.Lock()

    @property
    def enabled(self) -> bool:
        return self._enabled

    def set_enabled(self, enabled: bool) -> None:
        if enabled != self._enabled:
            self._enabled = enabled
            self.enabledChanged.emit(enabled)

    def core(self):
        """``editor.core.spelling``, imported when first needed (after the first paint), set so
        that the guide check in the app never loads a dictionary in the GUI thread: it asks this
        service for one it needs (the other language, for the names of data sets and titles of
        resources), which loads in the background."""
        from editor.core import spelling

        spelling.request_load = self.request
        return spelling

    def checker(self, language: str):
        """The loaded checker of ``language``, or None (not loaded yet, or spelling switched off)."""
        if not self._enabled:
            return None
        return self.core().loaded(language)

    def add_word(self, word: str) -> None:
        """Add ``word`` to the personal word list (``StorageError`` when it cannot be written)."""
        from editor.core.spelling_rule import forget_cache

        self.core().add_personal_word(word)
        forget_cache()
        self.wordsChanged.emit()

    def request(self, language: str) -> None:
        """Load ``language``'s dictionary in the background; nothing for one loaded or loading.
        The other language's loads only when the check asks for it (``editor.core.spelling_rule``)."""
        spelling = self.core()
        if language not in ("fr", "en") or not self._enabled:
            return
        with self._lock:
            known = language in self._pending or language in self._failed or spelling.loaded(language) is not None
            todo = [] if known else [language]
            self._pending.update(todo)
        if todo:
            threading.Thread(target=self._load_all, args=(todo,), name="spell-load", daemon=True).start()

    def _load_all(self, languages: list[str]) -> None:
        for language in languages:
            self._load(language)

    def wait(self, language: str) -> bool:
        """Load ``language`` now in this thread if needed (tests, screenshots); True when loaded."""
        try:
            self.core().checker(language)
        except (OSError, ValueError):
            return False
        self.loaded.emit(language)
        return True

    def _load(self, language: str) -> None:
        try:
            self.core().checker(language)
        except (OSError, ValueError) as exc:  # a damaged installation: no spelling, the rest works
            with self._lock:
                self._pending.discard(language)
                self._failed.add(language)
            self.failed.emit(language, str(exc))
            return
        with self._lock:
            self._pending.discard(language)
        self.loaded.emit(language)  # queued to the GUI thread (the service lives there)


_service: SpellService | None = None


def spell_service() -> SpellService:
    """The application's spell service (created on first use, owned by the application)."""
    global _service
    if _service is None:
        _service = SpellService(QCoreApplication.instance())
    return _service
