"""What an opened file held that the proposal could not take, said to the user.

A reader records each such edit as an :class:`ImportNote` on the proposal
(which section, what), until the proposal is saved. The app shows them in one
message when the file opens (:func:`summary`), and the guide check reports each
as an ``import-dropped`` warning (:func:`import_findings`), so a degraded
import is never reported plainly "ok".
"""

from __future__ import annotations

from editor.core.model import SECTION_IDS, ImportNote, Proposal
from editor.i18n import N_, translator

RULE = "import-dropped"

CHART = N_("A chart was not taken (a proposal holds pictures, not charts): “{text}”.")
SMARTART = N_("A SmartArt graphic was not taken: “{text}”.")
SHAPE = N_("A drawing shape was not taken.")
TEXTBOX = N_("A text box was not taken: “{text}”.")
LINKED = N_("A picture linked from outside the document was not taken (the file does not hold it).")
UNREADABLE = N_("A picture could not be read and was not taken.")
CELL_PICTURE = N_("A picture in a table cell was not taken (a table cell holds text only).")
EQUATION = N_("An equation was not taken: “{text}”.")
FOOTNOTE = N_("A footnote was not taken: “{text}”.")
FORMATTING = N_("Underline, colour, highlighting or superscript, which Markdown cannot hold, were not taken: “{text}”.")
HEADING = N_("The section heading was changed to “{text}”; section headings follow the guide, so the change "
             "was not taken.")
FIXED_LINE = N_("The line “{text}” of the title page is written by the editor; the change was not taken.")
DATE = N_("The date “{text}” on the title page could not be read as a date; it was not taken.")
MEASURED_BY = N_("The “Measured by” line of objective {number} is written from the KPI table; the change was "
                 "not taken: “{text}”.")
LEGEND = N_("The table legend is written by the editor; the change was not taken: “{text}”.")
CAPTION = N_("A table caption is written by the editor; the change was not taken: “{text}”.")
SCORE = N_("Risk {id}: the score {text} was not taken; the score is the likelihood × the impact ({score}).")

_QUOTE_CHARS = 80


def quote(text: str, limit: int = _QUOTE_CHARS) -> str:
    """``text`` on one line, cut with an ellipsis past ``limit`` characters."""
    one = " ".join(text.split())
    return one if len(one) <= limit else one[: limit - 1].rstrip() + "…"


def note(section: str | None, message: str, kind: str = "", item: str = "", field: str = "",
         **values) -> ImportNote:
    """A note on ``section`` (the title page and text before the first section count as section 1)."""
    sid = section if section in SECTION_IDS else "title"
    return ImportNote(section=sid, message=message, kind=kind, item=str(item), field=field,
                      values={k: str(v) for k, v in values.items()})


def describe(item: ImportNote, language: str) -> str:
    """The note's sentence in ``language``."""
    return translator(language)(item.message).format(**item.values)


def summary(notes: list[ImportNote], language: str) -> str | None:
    """One message naming every edit that was not taken, by section (None when there is none)."""
    if not notes:
        return None
    from editor.core.guide import section_title

    t = translator(language)
    order = {sid: i for i, sid in enumerate(SECTION_IDS)}
    lines = [t("Some edits made outside the editor could not be taken:")]
    for n in sorted(notes, key=lambda n: order.get(n.section, 0)):
        lines.append("• " + t("{section}: {text}").format(section=section_title(n.section, language),
                                                         text=describe(n, language)))
    return "\n".join(lines)


def import_findings(proposal: Proposal, language: str) -> list:
    """The ``import-dropped`` warnings of ``proposal`` (one per note), messages in ``language``."""
    from editor.core.checks import WARNING, Finding, Location

    out = []
    for n in proposal.import_notes:
        location = Location(n.kind, n.item, n.field) if n.kind else None
        out.append(Finding(RULE, WARNING, n.section, describe(n, language), location))
    return out
