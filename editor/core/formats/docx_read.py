"""DOCX -> Proposal.

A document written by this app carries the proposal in a custom XML part with
a fingerprint of its visible text and formatting: while they are unchanged,
that proposal is returned exactly (with the pictures and comments the document
holds). Otherwise (edited elsewhere, or written by hand in Word or LibreOffice)
the visible content is turned into Markdown that follows the guide's structure
and read by the Markdown reader (:mod:`docx_import`, :mod:`docx_convert`), and
an edited export is put back together with its stored proposal (:mod:`docx_reconcile`).

Untrusted input: the zip is measured and repacked before anything is parsed
(:mod:`docx_bounds`: sizes, ratios and counts against zip bombs), the body's size is
checked before it is walked, and XML is parsed without entity expansion.
"""

from __future__ import annotations

import io
import os
import re
import zipfile

from editor.core.formats import FormatError, ReadResult, read_file_bytes, read_with_path
from editor.core.formats.docx import PART_NAMESPACE, PART_VERSION, fingerprint
from editor.core.formats.docx_bounds import check_body, checked_archive
from editor.core.formats.mdread import check_counts
from editor.core.model import Proposal
from editor.i18n import _

MAX_FILE_BYTES = 100 * 1024 * 1024


def read_docx(path: str | os.PathLike, default_language: str = "en") -> ReadResult:
    """Read a proposal from ``path``; FormatError names the file and the problem."""
    data = read_file_bytes(path, MAX_FILE_BYTES)
    return read_with_path(path, read_docx_bytes, data, default_language)


def _not_docx(data: bytes) -> FormatError | None:
    """A message for a file of another kind given a .docx name (Markdown, .doc, .odt, PDF)."""
    from editor.core.formats.docx import sniff

    kind = sniff(data)
    if kind == "text" and data.strip():
        return FormatError(_("this is a text (Markdown) file, not a Word document: rename it to .md to open it."))
    if kind == "doc":
        return FormatError(_("this is an old Word document (.doc): open it in Word or LibreOffice and save it as "
                             ".docx."))
    if kind == "odt":
        return FormatError(_("this is an OpenDocument text (.odt): open it in LibreOffice and save it as .docx."))
    if kind == "pdf":
        return FormatError(_("this is a PDF, not a Word document: the editor opens .docx and .md files."))
    return None


def _safe_parser():
    from lxml import etree

    return etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False)


def _stored_part(archive: zipfile.ZipFile) -> tuple[str, str, str] | None:
    """(version, fingerprint, json) of our custom XML part, if the document has one."""
    from lxml import etree

    for name in archive.namelist():
        if not re.fullmatch(r"customXml/item\d+\.xml", name):
            continue
        try:
            root = etree.fromstring(archive.read(name), _safe_parser())
        except (etree.XMLSyntaxError, zipfile.BadZipFile, OSError, ValueError):
            continue
        if root.tag != f"{{{PART_NAMESPACE}}}proposal":
            continue
        node = root.find(f"{{{PART_NAMESPACE}}}json")
        return root.get("version", ""), root.get("fingerprint", ""), (node.text or "") if node is not None else ""
    return None


def read_docx_bytes(data: bytes, default_language: str = "en") -> ReadResult:
    """Read a proposal from DOCX bytes (see :func:`read_docx`)."""
    from editor.core.formats.docx_import import import_document

    wrong = _not_docx(data)
    if wrong is not None:
        raise wrong
    data = checked_archive(data)  # measured and repacked: python-docx reads only what was counted
    archive = zipfile.ZipFile(io.BytesIO(data))
    stored = _stored_part(archive)
    try:
        import docx

        document = docx.Document(io.BytesIO(data))
        body = document.element.body
    except Exception as exc:  # python-docx/lxml raise many types for broken packages
        raise FormatError(_("not a readable Word document: {error}").format(
            error=str(exc).splitlines()[0] if str(exc) else type(exc).__name__)) from exc
    warnings: list[str] = []
    stored_proposal = None
    unchanged = False
    if stored is not None:
        version, print_, payload = stored
        try:
            stored_proposal = Proposal.model_validate_json(payload)
        except ValueError:
            warnings.append(_("The proposal data stored in the document is damaged; the visible text was imported."))
        if stored_proposal is not None:
            check_counts(stored_proposal)  # the stored data obeys the limits the Markdown reader has
            unchanged = version == PART_VERSION and print_ == fingerprint(body)
    check_body(document)  # what the walks of the import may cost
    return import_document(document, stored_proposal, unchanged, default_language, warnings)
