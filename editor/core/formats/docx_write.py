"""Proposal -> DOCX: the export blocks (:mod:`editor.core.export.build`) written by the DOCX
writer (:mod:`editor.core.export.docx_writer`), plus what only our own documents carry:
the structured proposal in a custom XML part, with a fingerprint of the visible text,
so that the file opens back into exactly the proposal exported.

lxml and the writer load when a document is built, so importing this module stays cheap.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from editor.core.export.build import paper_for
from editor.core.formats.docx import PART_NAMESPACE, PART_VERSION, fingerprint
from editor.core.model import Proposal
from editor.core.storage import atomic_write_bytes


def _store_proposal(writer, proposal: Proposal) -> None:
    from editor.core.formats import docx_package as pkg
    from editor.core.formats.docx_xml import xml_escape

    package = writer.package
    data = proposal.model_dump_json()
    # JSON escapes C0 controls; also escape what XML 1.0 cannot hold (U+FFFE, U+FFFF, surrogates).
    data = re.sub("[\ufffe\uffff\ud800-\udfff]", lambda m: "\\u%04x" % ord(m.group()), data)
    xml = (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        f'<proposal xmlns="{PART_NAMESPACE}" version="{PART_VERSION}" fingerprint="{fingerprint(writer.body)}">'
        f"<json>{xml_escape(data)}</json></proposal>"
    ).encode("utf-8")
    used = {part.name for part in package._reachable()}
    n = 1
    while f"/customXml/item{n}.xml" in used:
        n += 1
    item = package.add_part(f"/customXml/item{n}.xml", pkg.CT_XML, xml)
    props_xml = (
        "<?xml version='1.0' encoding='UTF-8' standalone='no'?>\n"
        '<ds:datastoreItem ds:itemID="{6D1F6E2C-4A7B-4C53-9E8E-5D0B7A1C2F31}" '
        'xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml">'
        f'<ds:schemaRefs><ds:schemaRef ds:uri="{PART_NAMESPACE}"/></ds:schemaRefs></ds:datastoreItem>'
    ).encode("utf-8")
    props = package.add_part(f"/customXml/itemProps{n}.xml", pkg.CT_CUSTOM_XML_PROPS, props_xml)
    item.relate_to(props, pkg.RT_CUSTOM_XML_PROPS)
    writer.part.relate_to(item, pkg.RT_CUSTOM_XML)


def _build(proposal: Proposal, images, base_dir, paper: str | None, fence_figure,
           image_policy, keep: list | None = None) -> tuple[bytes, list[str]]:
    from editor.core.export.build import build_document
    from editor.core.export.docx_writer import DocxWriter
    from editor.i18n import _

    document = build_document(proposal, None, images, base_dir, paper, fence_figure, image_policy)
    writer = DocxWriter(document, images)
    if keep is not None:  # freeing the document's objects one by one costs 2 % of an export
        keep.append((document, writer))
    writer.write()
    _store_proposal(writer, proposal)  # pictures hold no text: the fingerprint does not wait for them
    writer.fill_deferred()
    warnings = [*document.warnings, *writer.warnings]
    if document.cleaned:
        warnings.insert(0, _(
            "Some characters a Word document cannot hold (such as vertical tabs pasted from Word) "
            "were replaced by line breaks or removed in: {places}."
        ).format(places=", ".join(sorted(document.cleaned))))
    return writer.package.save(), warnings


def build_docx(proposal: Proposal, images=None, base_dir=None, paper: str | None = None,
               fence_figure=None, image_policy=None, keep: list | None = None) -> tuple[bytes, list[str]]:
    """The DOCX bytes of ``proposal`` and the warnings for the user.

    ``images`` may be a dict, or a lazy mapping with ``lazy = True`` and a
    ``result()`` method returning the dict (charts still being painted): its
    figures are then filled in at the end, with the same result.
    ``fence_figure`` turns a fenced code block into a figure (see :mod:`editor.core.export.prose`).
    ``image_policy`` says which picture files may be read (:class:`editor.core.images.ImagePolicy`;
    by default: those inside ``base_dir``).
    ``keep`` (a list) is given the objects the build made, to be dropped when the caller is done
    (see :func:`editor.core.formats.docx.write_docx`); by default they are freed on return.
    """
    from editor.core.export import no_gc_pauses
    from editor.core.export.docx_writer import DeferredFailed

    with no_gc_pauses():
        try:
            return _build(proposal, images, base_dir, paper, fence_figure, image_policy, keep)
        except DeferredFailed:
            # Rare (no Qt, a broken worker): the plain way, which skips or reports a missing chart.
            return _build(proposal, dict(images.result()), base_dir, paper, fence_figure, image_policy, keep)


def write_docx(proposal: Proposal, path: str | os.PathLike, images=None, base_dir=None,
               paper: str | None = None, fence_figure=None, image_policy=None, keep: list | None = None) -> list[str]:
    """Build the DOCX in memory, then write it atomically (StorageError on failure)."""
    target = Path(path)
    data, warnings = build_docx(proposal, images, base_dir if base_dir is not None else target.parent, paper,
                                fence_figure, image_policy, keep)
    atomic_write_bytes(target, data)
    return warnings


__all__ = ["build_docx", "paper_for", "write_docx"]
