"""Rules the guide implies without a number: section 7 lists risks (each with its
mitigation), section 8 defines at least one complete KPI, section 6 lists the
data sources (each with its licence).

The per-row rules of :mod:`editor.core.checks` say what one row lacks; these say
that a filled section has no rows at all (its risks, KPIs or data only in prose),
so such a proposal no longer meets the guide. A section with rows that all lack
something gets only the per-row findings, except KPIs that lack only their name
(no per-row rule sees that).
"""

from __future__ import annotations

from collections.abc import Callable

from editor.core.model import Proposal
from editor.i18n import N_

RULE_IDS = ("risks-missing", "kpis-missing", "data-sources-missing")


def implied_findings(proposal: Proposal, t: Callable[[str], str]) -> list:
    """Findings of the implied rules, messages translated with ``t``.

    An empty section gets none: ``section-empty`` already says it."""
    from editor.core.checks import ERROR, Finding, Location, _section_filled

    out = []
    if _section_filled(proposal, "risks") and not proposal.risks:
        out.append(Finding("risks-missing", ERROR, "risks", t(N_(
            "Section 7 lists no risk: the guide asks for the project's risks, each with a mitigation strategy.")),
            Location("risk")))
    kpis = proposal.kpis
    measured = [k for k in kpis if None not in (k.baseline, k.target, k.deadline) and k.unit.strip()]
    if _section_filled(proposal, "kpis") and not any(k.is_complete for k in kpis) and len(measured) == len(kpis):
        message = (N_("Section 8 defines no KPI: the guide asks for MLOps success metrics (name, baseline, target, "
                      "unit, deadline).") if not kpis else
                   N_("No KPI of section 8 is complete (name, baseline, target, unit, deadline): the guide asks for "
                      "at least one measurable success metric."))
        out.append(Finding("kpis-missing", ERROR, "kpis", t(message), Location("kpi")))
    if _section_filled(proposal, "resources") and not proposal.data_sources:
        out.append(Finding("data-sources-missing", ERROR, "resources", t(N_(
            "Section 6 lists no data source: the guide asks for the data you will use, free and open.")),
            Location("data_source")))
    return out
