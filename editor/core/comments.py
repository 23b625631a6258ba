"""Review comments of a proposal: where each one stands, for the exports and the app.

A comment is anchored in the proposal's terms (section, row, field, the words
it covered: :class:`editor.core.model.CommentAnchor`), not in a word
processor's. :func:`comment_anchors` is what a writer asks: every comment with
the anchor it should be written on, checked against the proposal as it is now
(a deleted risk's comment falls back to its section, a reply stands with the
comment it answers). :func:`anchor_label` says it to a person.
"""

from __future__ import annotations

from editor.core.model import Comment, CommentAnchor, Proposal

_ITEMS = {"risk": "risks", "kpi": "kpis"}
_NUMBERED = {"objective": "objectives", "data_source": "data_sources", "resource": "resources"}


def _exists(proposal: Proposal, anchor: CommentAnchor) -> bool:
    if anchor.kind in _ITEMS and anchor.item:
        return any(x.id == anchor.item for x in getattr(proposal, _ITEMS[anchor.kind]))
    if anchor.kind in _NUMBERED and anchor.item:
        return anchor.item.isdigit() and 1 <= int(anchor.item) <= len(getattr(proposal, _NUMBERED[anchor.kind]))
    if anchor.kind == "diagram":
        return bool(proposal.diagram.path)
    return True


def effective_anchor(proposal: Proposal, anchor: CommentAnchor) -> CommentAnchor:
    """``anchor``, or its section when the row or picture it names is no longer there."""
    if not anchor.section:
        return anchor
    if _exists(proposal, anchor):
        return anchor
    return CommentAnchor(section=anchor.section, quote=anchor.quote)


def comment_anchors(proposal: Proposal) -> list[tuple[Comment, CommentAnchor]]:
    """Every comment, in order, with the anchor a writer should put it on.

    A reply gets the anchor of the comment it answers (Word and LibreOffice show
    a thread in one place); a reply to a comment that is gone stands alone. The
    quote is a hint: a writer anchors on those words where the text still shows
    them, else on the row, the field, or the section's heading.
    """
    by_id = {c.id: c for c in proposal.comments}
    out = []
    for comment in proposal.comments:
        root = comment
        seen = {comment.id}
        while root.reply_to and root.reply_to in by_id and root.reply_to not in seen:
            seen.add(root.reply_to)
            root = by_id[root.reply_to]
        out.append((comment, effective_anchor(proposal, root.anchor)))
    return out


def replies_of(proposal: Proposal, comment_id: str) -> list[Comment]:
    return [c for c in proposal.comments if c.reply_to == comment_id]


def anchor_label(anchor: CommentAnchor, language: str) -> str:
    """``7. Risk Assessment… › R3 › mitigation`` in ``language`` (the words covered are not repeated)."""
    from editor.core.guide import section_title
    from editor.i18n import translator

    t = translator(language)
    parts = [section_title(anchor.section, language)] if anchor.section else [t("Whole document")]
    kinds = {"objective": t("objective {item}"), "data_source": t("data source {item}"),
             "resource": t("resource {item}"), "diagram": t("the diagram"), "risk": "{item}", "kpi": "{item}"}
    if anchor.kind in kinds and (anchor.item or anchor.kind == "diagram"):
        parts.append(kinds[anchor.kind].format(item=anchor.item))
    elif anchor.kind in ("risk", "kpi"):
        parts.append(t("the risk table") if anchor.kind == "risk" else t("the KPI table"))
    if anchor.field and anchor.field not in ("text",):
        parts.append(_field_label(anchor.field, t))
    return " › ".join(parts)


def _field_label(field: str, t) -> str:
    from editor.core.formats.mdfields import DATA_SOURCE_COLUMNS, KPI_COLUMNS, RESOURCE_COLUMNS, RISK_COLUMNS

    for key, msgid in (*RISK_COLUMNS, *KPI_COLUMNS, *DATA_SOURCE_COLUMNS, *RESOURCE_COLUMNS):
        if key == field:
            return t(msgid)
    return {"kpi_ids": "KPI", "poc_url": t("GitHub POC")}.get(field, field)
