"""A parsed DOCX to a proposal: the visible content, the stored proposal of our own
exports, the pictures, the comments, the language, and the notes on what could
not be taken (see :mod:`docx_read` for the entry, :mod:`docx_convert` for the walk).
"""

from __future__ import annotations

import re

from editor.core import import_report as notes
from editor.core.formats import ReadResult
from editor.core.formats.docx_comments import read_comments
from editor.core.formats.docx_convert import Converter, fold, poc_labels
from editor.core.formats.mdread import check_counts, read_markdown
from editor.core.media import linked_names
from editor.core.model import SECTION_IDS, Diagram, Proposal
from editor.i18n import N_, current_language, translator

# The POC line as the Markdown of the visible content has it: **GitHub POC:** <url or link>.
_POC_LINE = r"^\*\*(?:%s)\s*:?\*\*\s*:?\s*(?:\[[^\]]*\]\(<?([^)>\s]+)>?\)|(\S+))\s*$"
EDITED = N_("The document was edited outside the editor; the edits were taken in: {places}.")


def import_document(document, stored: Proposal | None, unchanged: bool, default_language: str,
                    warnings: list[str]) -> ReadResult:
    """The proposal of ``document`` (python-docx); ``stored`` is our stored proposal, if any,
    and ``unchanged`` says its fingerprint matches the visible text and formatting."""
    conv = Converter(document, stored, light=stored is not None and unchanged)
    text = conv.markdown()
    found: list = list(conv.notes)
    if stored is not None and unchanged:
        proposal = _stored(stored, conv, text)
    else:
        language = stored.metadata.language if stored else (conv.language or default_language)
        result = read_markdown(text, default_language=language)
        warnings += result.warnings
        proposal = _complete(result.proposal, conv)
        if stored is not None:
            proposal = _edited(proposal, stored, conv, found)
            places = _places(stored, proposal)
            if places:
                warnings.append(translator(current_language())(EDITED).format(places=", ".join(places)))
        elif conv.language is not None:
            proposal.metadata.language = conv.language
    comments = read_comments(document, conv.comments, stored.comments if stored is not None else None)
    check_counts(Proposal(comments=comments))  # as many as a Markdown file may hold
    proposal.comments = comments
    used = linked_names(proposal)
    proposal.media = {name: data for name, data in conv.media.items() if name in used}
    order = {sid: i for i, sid in enumerate(SECTION_IDS)}
    proposal.import_notes = sorted(found, key=lambda n: order.get(n.section, 0))  # the guide's order, stable
    message = notes.summary(found, current_language())
    if message:
        warnings.append(message)
    return ReadResult(proposal, warnings)


def _places(stored: Proposal, proposal: Proposal) -> list[str]:
    from editor.core.formats.docx_reconcile import changed_places

    return changed_places(stored, proposal, current_language())


def _stored(stored: Proposal, conv: Converter, text: str) -> Proposal:
    """Our proposal as stored, with the pictures the document carries (the text is unchanged)."""
    from editor.core.formats.docx_reconcile import map_pictures

    proposal = stored.model_copy(deep=True)
    proposal.sections = {sid: map_pictures(body, conv.pictures.get(sid, []))
                         for sid, body in stored.sections.items()}
    proposal.unmapped = map_pictures(stored.unmapped, conv.pictures.get("", []))
    if conv.diagram is not None:
        proposal.diagram = Diagram(path=conv.diagram[0], caption=stored.diagram.caption)
    return proposal


def _edited(read: Proposal, stored: Proposal, conv: Converter, found: list) -> Proposal:
    """The proposal after edits made in a word processor to one of our exports."""
    from editor.core.formats.docx_reconcile import generated_lines, merge_section, title_page

    sections = {}
    for sid in SECTION_IDS:
        merged, _changed = merge_section(stored.sections[sid], read.sections[sid])
        sections[sid] = merged
    unmapped, _changed = merge_section(stored.unmapped, read.unmapped)
    meta = stored.metadata.model_copy(update=title_page(conv, stored, found))
    generated_lines(conv, stored, found)
    diagram = _diagram(conv, stored)
    return Proposal.model_validate({
        **read.model_dump(exclude={"metadata", "sections", "unmapped", "diagram", "comments"}),
        "metadata": meta.model_dump(), "sections": sections, "unmapped": unmapped, "diagram": diagram.model_dump(),
    })


def _diagram(conv: Converter, stored: Proposal) -> Diagram:
    if conv.diagram is None:
        # Deleted in the document; a web picture was never embedded and stays.
        from editor.core.formats.urls import url_scheme

        return stored.diagram if url_scheme(stored.diagram.path) else Diagram()
    name, alt, caption = conv.diagram
    if not caption or fold(caption) == fold(stored.diagram.caption):
        caption = stored.diagram.caption if stored.diagram.caption or not caption else caption
    return Diagram(path=name, caption=caption or alt)


def _complete(proposal: Proposal, conv: Converter) -> Proposal:
    """What the Markdown reader does not take from hand-written text: POC link, resources,
    the diagram and the metadata of the document's properties."""
    from editor.core.formats import mdfields as fields
    from editor.core.formats.mdtables import find_tables, parse_table

    sections = dict(proposal.sections)
    kept = []
    poc = proposal.poc_url
    for line in sections["resources"].split("\n"):
        m = re.match(_POC_LINE % poc_labels(), line.strip())
        if m and not poc:
            poc = (m.group(1) or m.group(2)).strip("<>")
        else:
            kept.append(line)
    resources = list(proposal.resources)
    used: set[int] = set()
    for start, end in find_tables(kept):
        headers, rows = parse_table(kept[start:end])
        if fields.table_kind(headers) == "resources":
            resources += fields.read_rows("resources", headers, rows, resources, [])
            used.update(range(start, end))
    sections["resources"] = re.sub(r"\n{3,}", "\n\n", "\n".join(l for i, l in enumerate(kept) if i not in used))
    update: dict = {"sections": sections, "poc_url": poc, "resources": resources}
    if conv.diagram is not None:
        name, alt, caption = conv.diagram
        update["diagram"] = Diagram(path=name, caption=caption or alt)
    meta = proposal.metadata
    changes = {}
    if not meta.authors and conv.authors:
        changes["authors"] = conv.authors
    if not meta.title and conv.title:
        changes["title"] = conv.title
    if meta.created is None and conv.created is not None:
        changes["created"] = conv.created
    if meta.updated is None and conv.modified is not None:
        changes["updated"] = conv.modified
    update["metadata"] = meta.model_copy(update=changes)
    return Proposal.model_validate(proposal.model_copy(update=update).model_dump())
