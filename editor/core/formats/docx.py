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

# Word styles of the paragraphs our writer generates, by the export blocks' style names: the
# reader knows our title page and generated lines by these names (compared lower-cased, as
# LibreOffice may change their case).
PARAGRAPH_STYLES = {
    "kicker": "Kicker", "title": "Title", "subtitle": "Subtitle", "date": "Document Date",
    "contents-heading": "TOC Heading", "objective-target": "Objective Target", "legend": "Table Legend",
}
CONTENTS_ENTRY_STYLE = "toc 1"
TABLE_CAPTION_STYLE = "Table Caption"
FIGURE_CAPTION_STYLE = "Caption"
FIGURE_STYLE = "Figure"
# The instructor's feedback page a class review adds at the end of a copy (editor/core/review): not the proposal.
FEEDBACK_STYLES = ("Feedback Heading", "Feedback Text")
# Review comments: the comments part, and Word 2013's extension that holds replies and resolved flags.
W14_NS = "http://schemas.microsoft.com/office/word/2010/wordml"
W15_NS = "http://schemas.microsoft.com/office/word/2012/wordml"
RT_COMMENTS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"
RT_COMMENTS_EXTENDED = "http://schemas.microsoft.com/office/2011/relationships/commentsExtended"
CT_COMMENTS = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"
CT_COMMENTS_EXTENDED = "application/vnd.openxmlformats-officedocument.wordprocessingml.commentsExtended+xml"
# Each section's Heading 1 carries this bookmark followed by the section id (the contents link to it).
SECTION_BOOKMARK = "_Toc_mlops_"
_W = "{%s}" % W_NS
_TRAILING_SPACE = re.compile(r"[ \t\u00a0]+$", re.M)


_P, _FLD_CHAR, _FLD_SIMPLE, _T, _TAB, _BR, _CR, _R = (
    _W + x for x in ("p", "fldChar", "fldSimple", "t", "tab", "br", "cr", "r"))
_RPR, _HYPERLINK, _R_STYLE = _W + "rPr", _W + "hyperlink", _W + "rStyle"
# Run properties a reader sees as formatting: an edit of one of them is an edit of the document.
_SHOWN = tuple(_W + x for x in ("b", "i", "strike", "dstrike", "u", "vertAlign", "highlight", "rStyle"))
_NAMED = tuple(_W + x for x in ("rStyle", "u", "vertAlign"))
_MONO = ("consolas", "courier", "mono", "menlo", "monaco", "source code", "fira code", "lucida console")


def follow_field(fld_char, state: list[str]) -> None:
    """A complex field's begin, separate or end mark: ``state`` is the stack of open fields,
    each in its ``code`` (instructions) or its ``result`` (the text Word computed)."""
    kind = fld_char.get(_W + "fldCharType")
    if kind == "begin":
        state.append("code")
    elif kind == "separate" and state:
        state[-1] = "result"
    elif kind == "end" and state:
        state.pop()


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
    return _seen(body)[0]


def _run_flags(run, linked: bool) -> str:
    """The formatting flags of ``run`` (``linked``: it stands in a hyperlink)."""
    if len(run) < 2 and not linked:  # a run of one child holds only its text: most runs
        return ""
    parts = []
    rpr = run.find(_RPR)
    if rpr is not None:
        for child in rpr:
            if child.tag in _SHOWN and not (linked and child.tag == _R_STYLE):  # LibreOffice renames it
                value = child.get(_W + "val") or ""
                if value.lower() not in ("0", "false", "off", "none"):
                    parts.append(child.tag[len(_W):] + ("=" + value if child.tag in _NAMED else ""))
        fonts = rpr.find(_W + "rFonts")
        name = (fonts.get(_W + "ascii") or "") if fonts is not None else ""
        if any(m in name.lower() for m in _MONO):
            parts.append("mono")
    if linked:
        parts.append("link")
    return ",".join(sorted(parts))


def formatting(body) -> str:
    """The formatting a reader sees, as text: per paragraph, the flags of each stretch of
    visible characters (white space and run boundaries left aside, field results too)."""
    return _seen(body)[1]


def _seen(body) -> tuple[str, str]:
    """:func:`visible_text` and :func:`formatting` in one pass over the body.

    One iterator over the elements that matter, in document order (a paragraph is all that
    follows its start, up to the next one: a text box's paragraphs are lines of their own);
    no field code nor field result is seen. ``state`` is the stack of open complex fields,
    carried across paragraphs because a field (a table of contents) may span many of them.
    """
    state: list[str] = []
    lines, shown = [], []
    out: list[str] = []
    groups: list[list] = []  # [flags, count of visible characters] per stretch of one formatting
    styled = False  # a stretch of this paragraph has flags
    p = None
    simple = False  # a w:fldSimple met in this paragraph: its text is a field result
    links = False  # a hyperlink met: from there on a run's parent may be one
    run = flags = None
    for el in body.iter(_P, _FLD_CHAR, _FLD_SIMPLE, _HYPERLINK, _T, _TAB, _BR, _CR):
        tag = el.tag
        if tag == _T:
            if state or p is None or (simple and _inside(el, p, _FLD_SIMPLE)):
                continue
            text = el.text or ""
            out.append(text)
            count = len(text) if " " not in text and text.isprintable() else len("".join(text.split()))
            if count:
                parent = el.getparent()
                if parent is not run:
                    grand = parent.getparent() if links else None
                    run, flags = parent, _run_flags(parent, grand is not None and grand.tag == _HYPERLINK)
                styled = styled or bool(flags)
                if groups and groups[-1][0] == flags:
                    groups[-1][1] += count
                else:
                    groups.append([flags, count])
        elif tag == _P:
            if p is not None:
                _end_paragraph(out, groups, styled, lines, shown)
                out, groups, styled = [], [], False
            p, simple = el, False
        elif p is None:
            continue
        elif tag == _FLD_CHAR:
            follow_field(el, state)
        elif tag == _FLD_SIMPLE:
            simple = True
        elif tag == _HYPERLINK:
            links = True
        elif state:
            continue
        elif tag == _TAB:
            parent = el.getparent()
            if parent is not None and parent.tag == _R:
                out.append("\t")
        else:
            out.append("\n")
    if p is not None:
        _end_paragraph(out, groups, styled, lines, shown)
    text = unicodedata.normalize("NFC", "\n".join(lines))
    return _TRAILING_SPACE.sub("", text), "\n".join(shown)


def _end_paragraph(out: list[str], groups: list[list], styled: bool, lines: list[str], shown: list[str]) -> None:
    text = "".join(out)
    if text.strip():
        lines.append(text)
    if styled:
        shown.append(f"{len(lines)}:" + ";".join(f"{f}*{count}" for f, count in groups))


def fingerprint(body) -> str:
    """SHA-256 (hex) of :func:`visible_text` and :func:`formatting`: what a reader sees."""
    text, shown = _seen(body)
    return hashlib.sha256((text + "\x00" + shown).encode("utf-8")).hexdigest()


def sniff(data: bytes) -> str | None:
    """What a file's bytes are, whatever its name: ``docx``, ``odt``, ``zip``, ``doc`` (Word 97),
    ``pdf``, ``text`` (UTF-8 without NUL: Markdown, say), or None."""
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        import io
        import zipfile

        try:
            names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
            return "zip"
        if "word/document.xml" in names:
            return "docx"
        return "odt" if "content.xml" in names and b"opendocument" in data[:200] else "zip"
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "doc"
    if data.startswith(b"%PDF"):
        return "pdf"
    head = data[:4096]
    if b"\x00" not in head:
        try:
            head.decode("utf-8-sig")
            return "text"
        except UnicodeDecodeError as exc:
            return "text" if exc.start > len(head) - 4 else None  # a character cut at the end of the sample
    return None


def write_docx(proposal, path: str | os.PathLike, images: dict[str, bytes] | None = None,
               base_dir: str | os.PathLike | None = None, paper: str | None = None, image_policy=None,
               keep: list | None = None) -> list[str]:
    """Export ``proposal`` to a DOCX file at ``path`` atomically; return warnings for the user.

    ``images`` may hold PNG bytes under ``risk_matrix`` and ``kpi_chart``; the
    architecture diagram is read from ``proposal.diagram.path`` relative to
    ``base_dir`` (default: the destination's folder). ``paper`` is ``"a4"`` or
    ``"letter"``; by default A4, Letter for an ``en_US`` document locale.
    ``image_policy`` (:class:`editor.core.images.ImagePolicy`) says which image
    files may be embedded; by default those inside ``base_dir``.
    ``keep``: a list that is given the objects the build made (a one-shot command, which exits
    without teardown, leaves them to the exit instead of freeing them before the file is written).
    Raises StorageError when the file cannot be written.
    """
    from editor.core.formats.docx_write import write_docx as _write

    return _write(proposal, path, images=images, base_dir=base_dir, paper=paper, image_policy=image_policy,
                  keep=keep)


def build_docx(proposal, images: dict[str, bytes] | None = None, base_dir=None,
               paper: str | None = None, image_policy=None) -> tuple[bytes, list[str]]:
    """The DOCX file's bytes and the warnings, without writing anything."""
    from editor.core.formats.docx_write import build_docx as _build

    return _build(proposal, images=images, base_dir=base_dir, paper=paper, image_policy=image_policy)


def read_docx(path: str | os.PathLike, default_language: str = "en") -> ReadResult:
    """Read a proposal from a DOCX file (ours or written by hand); FormatError names the file."""
    from editor.core.formats.docx_read import read_docx as _read

    return _read(path, default_language=default_language)


__all__ = ["build_docx", "fingerprint", "read_docx", "sniff", "visible_text", "write_docx"]
