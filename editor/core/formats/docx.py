"""DOCX, the format students submit: a Word document that looks carefully made
and opens back into exactly the proposal that was exported.

The writer (:mod:`docx_write`) builds the document with lxml on python-docx's
template, without importing python-docx (fast); the reader
(:mod:`docx_read`, python-docx) takes either the structured proposal stored in a custom XML
part (when the visible text was not edited since) or the visible content,
which also covers documents written by hand in Word or LibreOffice.

This module holds what both sides must agree on: the custom part's namespace
and the fingerprint of the visible text. Qt-free; python-docx and lxml are
imported only when a document is written or read.
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata

from editor.core.formats import ReadResult

# The custom XML part that carries the proposal; ``version`` guards the layout.
PART_NAMESPACE = "urn:mlops-proposal-editor:docx"
PART_VERSION = "1"

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = "{%s}" % W_NS
_TRAILING_SPACE = re.compile(r"[ \t\u00a0]+$", re.M)


_FLD_CHAR, _FLD_SIMPLE, _T, _TAB, _BR, _CR, _R = (
    _W + x for x in ("fldChar", "fldSimple", "t", "tab", "br", "cr", "r"))


def _paragraph_text(p, state: list[str]) -> str:
    """Text of one ``w:p`` without field codes nor field results (Word refreshes those).

    ``state`` is the stack of open complex fields, carried across paragraphs
    because a field (a table of contents) may span many of them.
    """
    out: list[str] = []
    simple = False  # a w:fldSimple met in this paragraph: its text is a field result
    # Only the elements that matter, in document order (much faster than every descendant).
    for el in p.iter(_FLD_CHAR, _FLD_SIMPLE, _T, _TAB, _BR, _CR):
        tag = el.tag
        if tag == _FLD_CHAR:
            kind = el.get(_W + "fldCharType")
            if kind == "begin":
                state.append("code")
            elif kind == "separate" and state:
                state[-1] = "result"
            elif kind == "end" and state:
                state.pop()
            continue
        if tag == _FLD_SIMPLE:
            simple = True
            continue
        if state:
            continue
        if tag == _T:
            if simple and _inside(el, p, _FLD_SIMPLE):
                continue
            out.append(el.text or "")
        elif tag == _TAB:
            parent = el.getparent()
            if parent is not None and parent.tag == _R:
                out.append("\t")
        else:
            out.append("\n")
    return "".join(out)


def _inside(el, stop, tag: str) -> bool:
    parent = el.getparent()
    while parent is not None and parent is not stop:
        if parent.tag == tag:
            return True
        parent = parent.getparent()
    return False


def visible_text(body) -> str:
    """The text a reader sees in a document body (``w:body`` element), normalised.

    Field results (table of contents, page numbers, figure numbers) and empty
    paragraphs are left out, so that Word or LibreOffice refreshing them does
    not count as an edit.
    """
    state: list[str] = []
    lines = []
    for p in body.iter(_W + "p"):
        text = _paragraph_text(p, state)
        if text.strip():
            lines.append(text)
    text = unicodedata.normalize("NFC", "\n".join(lines))
    return _TRAILING_SPACE.sub("", text)


def fingerprint(body) -> str:
    """SHA-256 (hex) of :func:`visible_text`."""
    return hashlib.sha256(visible_text(body).encode("utf-8")).hexdigest()


def write_docx(proposal, path: str | os.PathLike, images: dict[str, bytes] | None = None,
               base_dir: str | os.PathLike | None = None, paper: str | None = None, image_policy=None) -> list[str]:
    """Export ``proposal`` to a DOCX file at ``path`` atomically; return warnings for the user.

    ``images`` may hold PNG bytes under ``risk_matrix`` and ``kpi_chart``; the
    architecture diagram is read from ``proposal.diagram.path`` relative to
    ``base_dir`` (default: the destination's folder). ``paper`` is ``"a4"`` or
    ``"letter"``; by default A4, Letter for an ``en_US`` document locale.
    ``image_policy`` (:class:`editor.core.images.ImagePolicy`) says which image
    files may be embedded; by default those inside ``base_dir``.
    Raises StorageError when the file cannot be written.
    """
    from editor.core.formats.docx_write import write_docx as _write

    return _write(proposal, path, images=images, base_dir=base_dir, paper=paper, image_policy=image_policy)


def build_docx(proposal, images: dict[str, bytes] | None = None, base_dir=None,
               paper: str | None = None, image_policy=None) -> tuple[bytes, list[str]]:
    """The DOCX file's bytes and the warnings, without writing anything."""
    from editor.core.formats.docx_write import build_docx as _build

    return _build(proposal, images=images, base_dir=base_dir, paper=paper, image_policy=image_policy)


def read_docx(path: str | os.PathLike, default_language: str = "en") -> ReadResult:
    """Read a proposal from a DOCX file (ours or written by hand); FormatError names the file."""
    from editor.core.formats.docx_read import read_docx as _read

    return _read(path, default_language=default_language)


__all__ = ["build_docx", "fingerprint", "read_docx", "visible_text", "write_docx"]
