"""Work that waits until the main window has been painted once.

The user judges start-up by when the window appears, so what is not needed to
draw it (the guide check, tips of other sections, the preview, recovery) runs
after its first paint. A ``FirstPaintGate`` belongs to one window; widgets inside
it call ``after_first_paint(widget, callback)``. Windows without a gate (tests,
screenshots, windows never shown) run the callback at once.

The gate opens at the window's first ``Paint`` event (a paint pass starts with
the top-level widget, then its children), one event-loop turn later, so the pass
is over; each waiting callback then runs in its own turn, so input is handled in
between. Only the window's own events are watched: an application-wide filter
would make every event of every widget a Python call, and PySide6 would build
the Python types (and enums) of each Qt class those events name. If no paint
comes within ``FALLBACK_MS`` of the show (a minimised or unmapped window), it
opens anyway. A window never shown never opens its gate, but
whoever needs a result early flushes it (``MainWindow.statuses``).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

FALLBACK_MS = 3000
_ATTR = "_first_paint_gate"


class FirstPaintGate(QObject):
    """Holds callbacks until ``window`` has been painted once."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        self._pending: list[Callable[[], None]] = []
        self.is_open = False
        self._fallback_set = False
        setattr(window, _ATTR, self)
        window.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        kind = event.type()
        if kind == QEvent.Type.Paint:
            self._window.removeEventFilter(self)
            QTimer.singleShot(0, self, self.open)
        elif kind == QEvent.Type.Show and not self._fallback_set:
            self._fallback_set = True
            QTimer.singleShot(FALLBACK_MS, self, self.open)
        return False

    def defer(self, callback: Callable[[], None], first: bool = False) -> None:
        """Run ``callback`` after the first paint (``first``: before what already waits)."""
        if self.is_open:
            callback()
        elif first:
            self._pending.insert(0, callback)
        else:
            self._pending.append(callback)

    def defer_once(self, callback: Callable[[], None], first: bool = False) -> None:
        """Like ``defer``, but a callback already waiting is not queued twice."""
        if self.is_open or callback not in self._pending:
            self.defer(callback, first)

    def open(self) -> None:
        """Run what waited (each in its own event-loop turn); later callbacks run at once."""
        if self.is_open:
            return
        self.is_open = True
        self._window.removeEventFilter(self)
        pending, self._pending = self._pending, []
        for callback in pending:
            QTimer.singleShot(0, self, callback)

    def flush(self, callback: Callable[[], None]) -> bool:
        """Run ``callback`` now if it is waiting (someone needs its result); True if it was."""
        if callback in self._pending:
            self._pending.remove(callback)
            callback()
            return True
        return False


def gate_of(widget: QWidget) -> FirstPaintGate | None:
    gate = getattr(widget.window(), _ATTR, None)
    return gate if gate is not None and not gate.is_open else None


def after_first_paint(widget: QWidget, callback: Callable[[], None]) -> None:
    """Run ``callback`` once ``widget``'s window has been painted (at once if it has, or has no gate)."""
    gate = gate_of(widget)
    if gate is None:
        callback()
    else:
        gate.defer(callback)
