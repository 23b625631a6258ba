"""Chart images for an export, painted in a worker process while the document is built.

A DOCX export from the command line spends about half its time in Python
reading the proposal and building the document, and the other half loading
Qt and painting the two charts. On Linux with more than one CPU the second
half runs in a forked child: it loads Qt while the parent reads the file,
receives what the charts show (:mod:`editor.core.charts`: texts, dates and numbers
formatted in the parent, which loads that locale data for the document
anyway), paints, and sends the PNG bytes back through a pipe; the writer
collects them at the end of its build. The parent never loads Qt, the child
never loads Babel.

Anywhere else (Windows, macOS, one CPU, Qt already loaded in this process),
or if the child fails for any reason, the charts are painted in this process
when first needed: the document gets the same images either way.

    worker = ChartWorker()                    # fork now: the child loads Qt
    proposal = read(...)                      # meanwhile
    with worker.images(proposal, "fr") as images:
        write_docx(proposal, path, images=images)   # a lazy Mapping of PNG bytes
"""

from __future__ import annotations

import os
import pickle
import struct
import sys
from collections.abc import Iterator, Mapping

# The exported charts' width in pixels (print quality at the 11-16 cm they take on the page).
EXPORT_WIDTH = 1600
_HEADER = struct.Struct(">II")


def can_fork() -> bool:
    """True where a forked painter is safe and useful (Linux, several CPUs, Qt not loaded here)."""
    if not sys.platform.startswith("linux") or not hasattr(os, "fork"):
        return False
    if any(name.startswith("PySide6.Qt") for name in sys.modules):  # Qt's threads do not survive a fork
        return False
    try:
        return len(os.sched_getaffinity(0)) > 1
    except (AttributeError, OSError):
        return (os.cpu_count() or 1) > 1


def _read_exact(fd: int, size: int) -> bytes:
    chunks, left = [], size
    while left:
        chunk = os.read(fd, min(left, 1 << 20))
        if not chunk:
            raise EOFError
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _child(requests: int, replies: int) -> int:
    """The worker: load Qt, wait for the charts' contents, paint, reply. Returns the exit code."""
    from editor.app import chart_render

    chart_render.ensure_gui_app()
    chart_render.text_width(chart_render.font(10), "R1")  # fonts load while the parent still reads
    images: dict[str, bytes] = {}
    while True:  # one request per picture, painted as it comes, until the parent closes the pipe
        try:
            size, _unused = _HEADER.unpack(_read_exact(requests, _HEADER.size))
        except EOFError:
            break
        width, charts = pickle.loads(_read_exact(requests, size))
        images.update(chart_render.paint_export_images(charts, width))
    # Sent when all are painted: the parent reads at the end of its build, and a picture larger
    # than the pipe's buffer would hold the painting of the next one until then.
    for name, data in images.items():
        key = name.encode("utf-8")
        _write_all(replies, _HEADER.pack(len(key), len(data)) + key + data)
    return 0


class ChartWorker:
    """A forked process that loads Qt right away and paints the export charts when asked."""

    def __init__(self) -> None:
        self.pid: int | None = None
        self._requests: int | None = None
        self._replies: int | None = None
        if can_fork():
            self._fork()

    def _fork(self) -> None:
        request_r, request_w = os.pipe()
        reply_r, reply_w = os.pipe()
        sys.stdout.flush()
        sys.stderr.flush()
        try:
            pid = os.fork()
        except OSError:
            for fd in (request_r, request_w, reply_r, reply_w):
                os.close(fd)
            return
        if pid == 0:  # the child never returns into the caller's code
            code = 1
            try:
                os.close(request_w)
                os.close(reply_r)
                code = _child(request_r, reply_w)
            except BaseException:  # noqa: BLE001 - the parent paints the charts itself
                code = 1
            finally:
                os._exit(code)  # no exit handlers, no flushing of the parent's buffers
        os.close(request_r)
        os.close(reply_w)
        self.pid, self._requests, self._replies = pid, request_w, reply_r

    @property
    def running(self) -> bool:
        return self.pid is not None

    def images(self, proposal, language: str, width: int = EXPORT_WIDTH) -> ChartImages:
        """The charts of ``proposal`` (labels in ``language``), painted by the worker if it runs."""
        return ChartImages(proposal, language, width, worker=self)

    # -- used by ChartImages -------------------------------------------------------
    def _send(self, language: str, width: int, proposal) -> bool:
        """Hand the pictures' contents to the worker: computed here (texts, dates, numbers, the
        diagram's SVG), painted there. Each goes as soon as it is computed, so the worker paints
        the risk matrix (ready at once) while the KPI chart's dates and numbers are formatted
        here (the first use of Babel's locale data)."""
        from editor.core.charts import kpi_data, matrix_data

        def svg():
            from editor.core.architecture.svg import diagram_svg

            return diagram_svg(proposal.architecture, language)

        try:
            for name, present, contents in (
                    ("risk_matrix", proposal.risks, lambda: matrix_data(proposal.risks, language)),
                    ("kpi_chart", proposal.kpis, lambda: kpi_data(proposal.kpis, language)),
                    ("architecture_builder", proposal.architecture.components, svg)):
                if present:
                    data = pickle.dumps((width, {name: contents()}), protocol=pickle.HIGHEST_PROTOCOL)
                    _write_all(self._requests, _HEADER.pack(len(data), 0) + data)
            os.close(self._requests)
            self._requests = None
            return True
        except Exception:  # noqa: BLE001 - painted here instead (where a real error shows)
            self.close()
            return False

    def _receive(self, names: list[str]) -> dict[str, bytes] | None:
        """The painted images, None when the worker failed."""
        images: dict[str, bytes] = {}
        try:
            for _ in names:
                key_len, size = _HEADER.unpack(_read_exact(self._replies, _HEADER.size))
                name = _read_exact(self._replies, key_len).decode("utf-8")
                images[name] = _read_exact(self._replies, size)
        except (EOFError, OSError, UnicodeDecodeError):
            images = {}
        self._finish()
        return images if sorted(images) == sorted(names) else None

    def _finish(self, kill: bool = False) -> None:
        if self.pid is None:
            return
        for fd in (self._requests, self._replies):
            if fd is not None:
                os.close(fd)
        if kill:
            import signal

            try:
                os.kill(self.pid, signal.SIGKILL)
            except OSError:
                pass
        try:
            os.waitpid(self.pid, 0)
        except ChildProcessError:
            pass
        self.pid = self._requests = self._replies = None

    def close(self) -> None:
        """Stop the worker if it is still there (nothing to paint, or an export that failed)."""
        self._finish(kill=True)

    def __enter__(self) -> ChartWorker:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class ChartImages(Mapping):
    """``risk_matrix`` / ``kpi_chart`` / ``architecture_builder`` PNG bytes, from the worker or
    painted here on first access.

    ``lazy`` tells the DOCX writer it may build the document first and call
    :meth:`result` at the end, which gives the worker the whole build's time.
    """

    lazy = True

    def __init__(self, proposal, language: str, width: int = EXPORT_WIDTH, worker: ChartWorker | None = None,
                 extra: dict[str, bytes] | None = None):
        self._extra = dict(extra or {})  # pictures already made (an SVG diagram as PNG)
        self._proposal = proposal
        self._language = language
        self._width = width
        self._names = [n for n, present in (("risk_matrix", proposal.risks), ("kpi_chart", proposal.kpis),
                                            ("architecture_builder", proposal.architecture.components)) if present]
        self._images: dict[str, bytes] | None = None if self._names else {}
        self._worker = worker if worker is not None and worker.running else None
        if self._worker is not None:
            if not self._names or not self._worker._send(language, width, proposal):
                self._worker.close()
                self._worker = None

    def result(self) -> dict[str, bytes]:
        """All the images (waits for the worker, or paints them here)."""
        if self._images is None:
            images = self._worker._receive(self._names) if self._worker is not None else None
            self._worker = None
            if images is None:
                try:
                    from editor.app.chart_render import export_images
                except ImportError:  # no Qt: the document goes without its charts
                    images = {}
                else:
                    images = export_images(self._proposal, self._language, self._width)
            self._images = images
        return self._images

    def close(self) -> None:
        if self._worker is not None:
            self._worker.close()
            self._worker = None

    def __enter__(self) -> ChartImages:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- Mapping: the names are known at once, the bytes are waited for -------------
    def __getitem__(self, name: str) -> bytes:
        if name in self._extra:
            return self._extra[name]
        if name not in self._names:
            raise KeyError(name)
        return self.result()[name]  # KeyError too when Qt is missing

    def _keys(self) -> list[str]:
        return [*self._extra, *(self._names if self._images is None else self._images)]

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys())

    def __len__(self) -> int:
        return len(self._keys())

    def __contains__(self, name: object) -> bool:
        return name in self._keys()
