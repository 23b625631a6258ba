"""Open and save a proposal by file type (Markdown or DOCX)."""

from __future__ import annotations

import os
from pathlib import Path

from editor.core.formats import FormatError, ReadResult
from editor.core.model import Proposal
from editor.i18n import _

MARKDOWN_SUFFIXES = (".md", ".markdown", ".txt")
DOCX_SUFFIXES = (".docx",)


def kind_of(path: str | os.PathLike) -> str:
    """``markdown`` or ``docx`` from the file name; FormatError for anything else."""
    suffix = Path(path).suffix.lower()
    if suffix in MARKDOWN_SUFFIXES:
        return "markdown"
    if suffix in DOCX_SUFFIXES:
        return "docx"
    raise FormatError(_("{path}: unsupported file type (use .md or .docx).").format(path=path))


def open_proposal(path: str | os.PathLike, default_language: str = "en") -> ReadResult:
    """Read the proposal in ``path``; FormatError names the file and the problem."""
    if kind_of(path) == "markdown":
        from editor.core.formats.markdown import load_markdown

        return load_markdown(path, default_language)
    from editor.core.formats.docx import read_docx

    return read_docx(path)


def save_proposal(proposal: Proposal, path: str | os.PathLike, images: dict[str, bytes] | None = None) -> list[str]:
    """Write ``proposal`` to ``path`` atomically, as Markdown or DOCX by extension.

    Returns warnings (text the format could not hold). Raises StorageError when
    the file cannot be written; the existing file is then untouched.
    """
    if kind_of(path) == "markdown":
        from editor.core.formats.markdown import save_markdown

        save_markdown(proposal, path)
        return []
    from editor.core.formats.docx import write_docx

    return write_docx(proposal, path, images=images, base_dir=Path(path).resolve().parent) or []
