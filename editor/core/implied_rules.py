"""Rules the guide implies without a number: a risk section with at least one
mitigated risk, a success-metrics section with at least one complete KPI, and
at least one open data source with its licence.

The per-row rules of :mod:`editor.core.checks` say what one row lacks; these
say what the whole section lacks, so a proposal whose risks, KPIs or data are
only prose (or absent) no longer meets the guide.
"""

from __future__ import annotations

from collections.abc import Callable

from editor.core.model import Proposal
from editor.i18n import N_

RULE_IDS = ("risks-missing", "kpis-missing", "data-sources-missing")


def implied_findings(proposal: Proposal, t: Callable[[str], str]) -> list:
    """Findings of the implied rules, messages translated with ``t``.

    An empty section gets none: ``section-empty`` already says it."""
    from editor.core.checks import ERROR, Finding, Location, _section_filled, meaningful_text

    out = []
    if _section_filled(proposal, "risks") and not any(meaningful_text(r.mitigation) for r in proposal.risks):
        message = (N_("Section 7 lists no risk: the guide asks for the project's risks, each with a mitigation strategy.")
                   if not proposal.risks else
                   N_("No risk of section 7 has a mitigation strategy: the guide asks for at least one."))
        out.append(Finding("risks-missing", ERROR, "risks", t(message), Location("risk")))
    if _section_filled(proposal, "kpis") and not any(k.is_complete for k in proposal.kpis):
        message = (N_("Section 8 defines no KPI: the guide asks for MLOps success metrics (name, baseline, target, "
                      "unit, deadline).") if not proposal.kpis else
                   N_("No KPI of section 8 is complete (name, baseline, target, unit, deadline): the guide asks for "
                      "at least one measurable success metric."))
        out.append(Finding("kpis-missing", ERROR, "kpis", t(message), Location("kpi")))
    if _section_filled(proposal, "resources") and not any(s.licence.strip() for s in proposal.data_sources):
        message = (N_("Section 6 lists no data source: the guide asks for the data you will use, free and open.")
                   if not proposal.data_sources else
                   N_("No data source of section 6 names its licence: the guide asks for free and open data."))
        out.append(Finding("data-sources-missing", ERROR, "resources", t(message), Location("data_source")))
    return out
