"""The open document's recovery file (``editor.core.recovery``), kept up to date.

:class:`Autosave` writes it at most ``DELAY_MS`` after the user pauses, and at
least every ``MAX_WAIT_MS`` while they type non-stop. A keystroke only restarts
a timer; the Markdown is built and written on a worker thread from a copy of
the proposal. The file goes when the document is clean again (saved, undone to
the saved state) or replaced (New / Open / Example: a new document id starts),
and at a normal close (``close()``).
"""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor

from PySide6.QtCore import QObject, QTimer, Signal

from editor.core.recovery import discard_recovery, new_document_id, write_recovery

DELAY_MS = 1000
MAX_WAIT_MS = 10_000


def _write_job(autosave: Autosave, doc_id: str, proposal, path, language: str) -> None:
    from editor.core.formats.markdown import write_markdown

    try:
        write_recovery(doc_id, write_markdown(proposal), path, language)
    except Exception as exc:  # noqa: BLE001 - reported in the window, never raised on a worker thread
        autosave.writeFailed.emit(str(exc))


class Autosave(QObject):
    """The recovery file of one document."""

    writeFailed = Signal(str)  # why the last write failed (emitted from the worker thread)

    def __init__(self, document, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.doc_id = new_document_id()
        self.suspended = False  # while a restore replaces the document: its signals are not edits
        self._closed = False
        self._first_pending: float | None = None
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="recovery")
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.write_now)
        document.changed.connect(self._on_changed)
        document.dirtyChanged.connect(self._on_dirty)

    def _on_changed(self, what: str) -> None:
        if self.suspended or self._closed:
            return
        if what == "all":
            self.new_document()
        else:
            self.schedule()

    def schedule(self) -> None:
        """A write soon (the keystroke path: read a clock and (re)start a timer, nothing else)."""
        now = time.monotonic()
        if not self._timer.isActive() or self._first_pending is None:
            self._first_pending = now
        remaining = int((self._first_pending - now) * 1000) + MAX_WAIT_MS
        self._timer.start(max(0, min(DELAY_MS, remaining)))

    def _on_dirty(self, dirty: bool) -> None:
        if self.suspended or self._closed:
            return
        if dirty:
            self.schedule()
        else:
            self.write_now()  # clean: the recovery file goes

    def write_now(self) -> None:
        """Write (or remove, when clean) the recovery file now, on the worker thread."""
        self._timer.stop()
        self._first_pending = None
        if self._closed:
            return
        doc = self.document
        if doc.is_dirty():
            self._pool.submit(_write_job, self, self.doc_id, doc.snapshot(), doc.path, doc.language)
        else:
            self._pool.submit(discard_recovery, self.doc_id)

    def flush(self) -> None:
        """Wait until pending recovery writes are on disk (tests, close)."""
        if self._timer.isActive():
            self.write_now()
        if not self._closed:
            self._pool.submit(lambda: None).result()

    def discard(self, doc_id: str) -> None:
        """Remove the recovery file of ``doc_id`` (after the writes queued before)."""
        if not self._closed:
            self._pool.submit(discard_recovery, doc_id)

    def new_document(self) -> None:
        """Another document is open: the previous one's recovery file goes, a new id starts."""
        self._timer.stop()
        self.discard(self.doc_id)
        self.doc_id = new_document_id()

    def adopt(self) -> None:
        """Carry on under a new id (a restored document): write it, then the caller drops the old files."""
        self.doc_id = new_document_id()
        self.write_now()

    def close(self) -> None:
        """A normal close (the user saved or discarded): the recovery file goes, no more writes."""
        if self._closed:
            return
        self._timer.stop()
        self._pool.submit(discard_recovery, self.doc_id)
        self._closed = True
        self._pool.shutdown(wait=True)
