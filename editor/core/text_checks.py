"""Guide rules about what is written in the text rather than in the structured parts, units of
KPIs, and the title.

``objectives_count(...)`` is the ``objectives-count`` rule: it says how many objectives are
written in section 4's text but not in its list, instead of "there are 0". ``text_findings(...)``
adds the warnings:

- ``items-in-text``: objectives, risks, KPIs or data sources written in a section's text (as a
  list, labelled lines or a pasted table) that its table does not hold, pointing at those words;
- ``kpi-unit-missing``: a KPI without a unit that is not a count its name describes;
- ``title-generic``: the title is the guide's generic heading ("Proposition de projet MLOps").

Both are called from :func:`editor.core.checks.check`.
"""

from __future__ import annotations

from editor.core.checks import ERROR, WARNING, Finding, Location
from editor.core.guide import Range
from editor.core.model import Proposal
from editor.core.recognize import Found, recognize
from editor.core.titles import is_generic_title, title_from_section
from editor.i18n import plural_translator, translator

def _in_text(nt, part: str, count: int) -> str:
    """"{count} risks written in the text are not in the risk table: …", for ``part``."""
    if part == "objectives":
        text = nt("{count} objective written in the text is not in the objectives list: move it there (the editor "
                  "does it in one click) so it is counted and can be linked to a KPI.",
                  "{count} objectives written in the text are not in the objectives list: move them there (the "
                  "editor does it in one click) so they are counted and can be linked to KPIs.", count)
    elif part == "risks":
        text = nt("{count} risk written in the text is not in the risk table: move it there (the editor does it in "
                  "one click) so it is scored and its mitigation checked.",
                  "{count} risks written in the text are not in the risk table: move them there (the editor does it "
                  "in one click) so they are scored and their mitigations checked.", count)
    elif part == "kpis":
        text = nt("{count} KPI written in the text is not in the KPI table: move it there (the editor does it in one "
                  "click) so its baseline, target and deadline are checked.",
                  "{count} KPIs written in the text are not in the KPI table: move them there (the editor does it in "
                  "one click) so their baselines, targets and deadlines are checked.", count)
    else:
        text = nt("{count} data source written in the text is not in the data-source table: move it there (the "
                  "editor does it in one click) so its licence is checked.",
                  "{count} data sources written in the text are not in the data-source table: move them there (the "
                  "editor does it in one click) so their licences are checked.", count)
    return text.format(count=count)


def _text_location(found: Found) -> Location:
    return Location("text", start=found.start, end=found.end)


def objectives_count(proposal: Proposal, language: str, count_range: Range | None, filled: bool) -> Finding | None:
    """The ``objectives-count`` error when the objectives list holds fewer or more than the guide
    asks; it counts the objectives written in the text too, and says how to move them."""
    n = len(proposal.objectives)
    if not count_range or not filled or count_range.min <= n <= count_range.max:
        return None
    t, nt = translator(language), plural_translator(language)
    found = recognize(proposal, "objectives")
    values = {"min": count_range.min, "max": count_range.max, "listed": n}
    if found is not None:
        values["count"] = found.count
        if n == 0:
            text = nt("{count} objective is written in the text but not in the objectives list: move it there "
                      "(the editor does it in one click); the guide asks for {min}-{max}.",
                      "{count} objectives are written in the text but not in the objectives list: move them there "
                      "(the editor does it in one click); the guide asks for {min}-{max}.", found.count)
        else:
            text = nt("{count} more objective is written in the text but not in the objectives list ({listed} in "
                      "the list): move it there (the editor does it in one click); the guide asks for {min}-{max}.",
                      "{count} more objectives are written in the text but not in the objectives list ({listed} in "
                      "the list): move them there (the editor does it in one click); the guide asks for {min}-{max}.",
                      found.count)
        return Finding("objectives-count", ERROR, "objectives", text.format(**values), _text_location(found))
    if n == 0:
        text = t("There is no objective; the guide asks for {min}-{max}.")
    else:
        text = nt("There is {listed} objective; the guide asks for {min}-{max}.",
                  "There are {listed} objectives; the guide asks for {min}-{max}.", n)
    return Finding("objectives-count", ERROR, "objectives", text.format(**values), Location("objective"))


def text_findings(proposal: Proposal, language: str, counted: bool) -> list[Finding]:
    """The ``items-in-text``, ``kpi-unit-missing`` and ``title-generic`` warnings; ``counted`` says
    the ``objectives-count`` error already named the objectives written in the text."""
    t, nt = translator(language), plural_translator(language)
    findings: list[Finding] = []
    for sid in ("objectives", "resources", "risks", "kpis"):
        if sid == "objectives" and counted:
            continue
        found = recognize(proposal, sid)
        if found is not None:
            findings.append(Finding("items-in-text", WARNING, sid, _in_text(nt, found.part, found.count),
                                    _text_location(found)))
    for kpi in proposal.kpis:
        if not kpi.unit.strip() and kpi.needs_unit:
            findings.append(Finding("kpi-unit-missing", WARNING, "kpis", t(
                "KPI {id} ({name}) has no unit: say what its figures measure (days, %, hours…). A count needs none "
                "when its name says what is counted, e.g. “Number of deployments per month”.").format(
                    id=kpi.id, name=kpi.name or "?"), Location("kpi", kpi.id, "unit")))
    title = proposal.metadata.title
    if title.strip() and is_generic_title(title):
        better = title_from_section(proposal)
        if better:
            text = t("The title “{title}” is the guide's generic heading; section 1 holds “{better}”: make it the "
                     "title (the editor does it in one click).").format(title=title, better=better)
        else:
            text = t("The title “{title}” is the guide's generic heading: give the project its own title, one that "
                     "shows its MLOps side.").format(title=title)
        findings.append(Finding("title-generic", WARNING, "title", text, None))
    return findings
