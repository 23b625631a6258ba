"""Run a class's files through bounded worker processes, so a hostile or broken
file costs one row, never the review: each worker takes one file at a time over a
pipe, under an address-space limit; one that runs past ``timeout`` seconds or dies
is killed and replaced, and its file gets a row saying so. ``jobs=0`` runs in this
process, without bounds (tests, tools).

:func:`review_class` reads and checks submissions; :func:`run_bounded` runs any
module-level function the same way (the feedback copies use it).
"""

from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from editor.core.review.collect import Submission
from editor.core.review.rows import UNREADABLE, SubmissionRow, review_file
from editor.i18n import N_, translator

DEFAULT_TIMEOUT = 20.0
MAX_JOBS = 4
# Address space of a worker: a file that would need more fails there with MemoryError.
WORKER_MEMORY_BYTES = 3 * 1024**3
_PRELOAD = ["editor.core.review.rows", "editor.core.io", "editor.core.checks", "editor.core.formats.mdread",
            "editor.core.formats.docx_read"]

TIMED_OUT = N_("Not reviewed: reading it took longer than {seconds} s (a damaged or hostile file?).")
CRASHED = N_("Not reviewed: the reader stopped on this file ({error}).")

Progress = Callable[[int, int, Any], None]


def default_jobs(count: int) -> int:
    return max(1, min(os.cpu_count() or 1, MAX_JOBS, count))


def review_class(submissions: list[Submission], language: str, *, jobs: int | None = None,
                 timeout: float = DEFAULT_TIMEOUT, progress: Progress | None = None,
                 cancelled: Callable[[], bool] | None = None) -> list[SubmissionRow]:
    """One row per submission, in their order; ``progress(done, total, row)`` after each.

    When ``cancelled()`` turns true the workers stop and the rows done so far are returned.
    """
    tasks = [(str(s.path), s.name, language) for s in submissions]

    def failed(task: tuple, reason: str, seconds: float) -> SubmissionRow:
        return SubmissionRow(task[0], task[1], UNREADABLE, reason=reason, seconds=seconds)

    return run_bounded(review_file, tasks, failed, language, jobs=jobs, timeout=timeout, progress=progress,
                       cancelled=cancelled)


def run_bounded(fn: Callable[..., Any], tasks: list[tuple], failed: Callable[[tuple, str, float], Any],
                language: str, *, jobs: int | None = None, timeout: float = DEFAULT_TIMEOUT,
                progress: Progress | None = None, cancelled: Callable[[], bool] | None = None) -> list[Any]:
    """``fn(*task)`` for each task, in worker processes; ``failed(task, reason, seconds)`` stands for
    a task whose worker timed out or died (reason in ``language``). Results in the tasks' order."""
    jobs = default_jobs(len(tasks)) if jobs is None else jobs
    if not tasks:
        return []
    if jobs <= 0:
        results = []
        for task in tasks:
            if cancelled is not None and cancelled():
                break
            results.append(fn(*task))
            if progress is not None:
                progress(len(results), len(tasks), results[-1])
        return results
    return _Pool(fn, tasks, failed, language, jobs, timeout, progress, cancelled).run()


def _start_method() -> str:
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    if sys.platform.startswith("linux") and not getattr(sys, "frozen", False):
        # fork is the cheapest (the readers are already imported) but unsafe beside other threads (the app).
        alone = threading.active_count() == 1 and "PySide6" not in sys.modules
        return "fork" if alone and "fork" in methods else ("forkserver" if "forkserver" in methods else "spawn")
    return "spawn"


@contextmanager
def _main_not_rerun():
    """A spawned worker (spawn, forkserver) runs the parent's main script again unless that
    script is a module's ``__main__``: say it is one while the worker starts. Workers only
    run functions of our modules, never of the main script."""
    main = sys.modules.get("__main__")
    spec = getattr(main, "__spec__", None)
    if main is None or spec is not None:
        yield
        return
    from importlib.machinery import ModuleSpec

    main.__spec__ = ModuleSpec("__main__", None)
    try:
        yield
    finally:
        main.__spec__ = spec


def _limit_memory() -> None:
    try:
        import resource

        _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard == resource.RLIM_INFINITY or hard > WORKER_MEMORY_BYTES:
            resource.setrlimit(resource.RLIMIT_AS, (WORKER_MEMORY_BYTES, hard))
    except (ImportError, ValueError, OSError):
        pass  # no such limit on this system: the time bound still holds


def _worker(conn, fn, language: str) -> None:
    """Worker process: run ``fn`` on each task received until told to stop (None); the readers'
    own messages (a damaged file's reason) in ``language``."""
    from editor.i18n import set_language

    set_language(language)
    _limit_memory()
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError, KeyboardInterrupt):
            return
        if task is None:
            return
        index, args = task
        try:
            result = (index, fn(*args), None)
        except Exception as exc:  # noqa: BLE001 - reported for this task; the worker goes on
            result = (index, None, " ".join(str(exc).split()) or type(exc).__name__)
        try:
            conn.send(result)
        except Exception as exc:  # noqa: BLE001 - a result that cannot be pickled still reports its task
            conn.send((index, None, str(exc)))


@dataclass
class _Slot:
    process: Any
    conn: Any
    task: tuple | None = None
    started: float = 0.0


class _Pool:
    def __init__(self, fn, tasks, failed, language, jobs, timeout, progress, cancelled):
        import multiprocessing

        self.ctx = multiprocessing.get_context(_start_method())
        if self.ctx.get_start_method() == "forkserver":
            self.ctx.set_forkserver_preload(_PRELOAD)
        self.fn, self.tasks, self.failed = fn, tasks, failed
        self.jobs = min(jobs, len(tasks))
        self.timeout = timeout
        self.progress, self.cancelled = progress, cancelled
        self.results: dict[int, Any] = {}
        self.next = 0
        self.language = language
        self.t = translator(language)

    def _spawn(self) -> _Slot:
        parent, child = self.ctx.Pipe()
        process = self.ctx.Process(target=_worker, args=(child, self.fn, self.language), daemon=True)
        with _main_not_rerun():
            process.start()
        child.close()
        return _Slot(process, parent)

    def _feed(self, slot: _Slot) -> None:
        if self.next < len(self.tasks):
            slot.task = (self.next, self.tasks[self.next])
            slot.started = time.monotonic()
            self.next += 1
            slot.conn.send(slot.task)

    def _done(self, index: int, result: Any) -> None:
        self.results[index] = result
        if self.progress is not None:
            self.progress(len(self.results), len(self.tasks), result)

    def _fail(self, slot: _Slot, reason: str) -> None:
        index, args = slot.task
        self._done(index, self.failed(args, reason, time.monotonic() - slot.started))
        slot.task = None

    def run(self) -> list[Any]:
        from multiprocessing.connection import wait

        slots = [self._spawn() for _ in range(self.jobs)]
        try:
            for slot in slots:
                self._feed(slot)
            while any(s.task is not None for s in slots):
                if self.cancelled is not None and self.cancelled():
                    break
                busy = [s for s in slots if s.task is not None]
                deadline = min(s.started for s in busy) + self.timeout
                ready = wait([s.conn for s in busy], timeout=max(0.0, min(0.2, deadline - time.monotonic())))
                for slot in busy:
                    i = slots.index(slot)
                    if slot.conn in ready:
                        try:
                            index, result, error = slot.conn.recv()
                        except (EOFError, OSError) as exc:  # the worker died (killed, crashed)
                            slot.process.join(1)
                            self._fail(slot, self.t(CRASHED).format(error=_exit_text(slot.process.exitcode, exc)))
                            slots[i] = slot = self._replace(slot)
                        else:
                            if error is not None:
                                self._fail(slot, self.t(CRASHED).format(error=error))
                            else:
                                slot.task = None
                                self._done(index, result)
                    elif time.monotonic() - slot.started > self.timeout:
                        self._fail(slot, self.t(TIMED_OUT).format(seconds=round(self.timeout)))
                        slots[i] = slot = self._replace(slot)
                    if slot.task is None and slot.process is not None:
                        self._feed(slot)
        finally:
            for slot in slots:
                self._stop(slot)
        return [self.results[i] for i in sorted(self.results)]

    def _replace(self, slot: _Slot) -> _Slot:
        self._stop(slot, kill=True)
        return self._spawn() if self.next < len(self.tasks) else _Slot(None, None)

    @staticmethod
    def _stop(slot: _Slot, kill: bool = False) -> None:
        if slot.process is None:
            return
        try:
            if not kill and slot.task is None:
                slot.conn.send(None)
                slot.process.join(2)
        except (OSError, ValueError):
            pass
        if slot.process.is_alive():
            slot.process.kill()
            slot.process.join(2)
        slot.conn.close()
        slot.process = None


def _exit_text(code, exc) -> str:
    if isinstance(code, int) and code < 0:
        import signal

        try:
            return signal.Signals(-code).name
        except ValueError:
            return f"signal {-code}"
    return f"exit code {code}" if code is not None else (str(exc) or type(exc).__name__)
