"""The export representation: a proposal built once per language into blocks (build.py, with the
prose read as GitHub reads it: prose.py, gfm.py), rendered by the HTML writer (html.py: preview
and PDF) and the DOCX writer (docx_writer.py)."""

from __future__ import annotations

import contextlib
import gc


@contextlib.contextmanager
def no_gc_pauses():
    """Build without the cycle collector: a long table is millions of small objects, none of them
    in a cycle, and the collector would walk them all again and again (it halves a build)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
