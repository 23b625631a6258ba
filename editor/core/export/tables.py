"""The texts of the structured tables every export shows: headers and cells, one function each.

Columns and value labels come from the Markdown format (mdfields, vocab), so every
export shows the same headers and the DOCX reader maps them back. Numbers, dates,
directions and KPI targets are written by the functions the app itself uses
(:mod:`editor.i18n`, :mod:`editor.core.kpis`): a text has one source.
"""

from __future__ import annotations

from collections.abc import Callable

from editor.core.model import Proposal
from editor.i18n import N_

# The caption of each structured table (msgids), as the exports write it and the DOCX reader expects it.
TABLE_CAPTIONS = {
    "data-sources": N_("Data sources"),
    "resources": N_("Useful resources"),
    "risks": N_("Risks and mitigations"),
    "kpis": N_("Success metrics (KPIs)"),
}


def _headers(columns, tr: Callable[[str], str], extra: list[str]) -> list[str]:
    return [tr(msgid) for _field, msgid in columns] + extra


def _extra_keys(items) -> list[str]:
    keys: list[str] = []
    for item in items:
        for key in item.extra:
            if key not in keys:
                keys.append(key)
    return keys


def _int(value: int | None) -> str:
    return "" if value is None else str(value)


def _num(value: float | None, language: str) -> str:
    from editor.i18n import format_number

    return "" if value is None else format_number(value, language)


def _date(value, language: str) -> str:
    from editor.i18n import format_date

    return "" if value is None else format_date(value, language, "short")


def risk_table(proposal: Proposal, language: str) -> tuple[list[str], list[list[str]]]:
    """Localized headers and cell texts of the risk table (extra columns appended).

    Likelihood, impact and score get short headers (L, I, L×I; P, I, P×I in
    French) explained by :func:`risk_legend`, so that nine columns fit a page.
    """
    from editor.core.formats.mdfields import RISK_COLUMNS
    from editor.core.vocab import RISK_CATEGORY_LABELS, RISK_STATUS_LABELS, label
    from editor.i18n import translator

    tr = translator(language)
    extra = _extra_keys(proposal.risks)
    rows = []
    for r in proposal.risks:
        rows.append(
            [
                r.id, r.description, label(RISK_CATEGORY_LABELS, r.category, language),
                _int(r.likelihood), _int(r.impact), _int(r.score), r.mitigation, r.owner,
                label(RISK_STATUS_LABELS, r.status, language),
            ]
            + [r.extra.get(k, "") for k in extra]
        )
    headers = _headers(RISK_COLUMNS, tr, extra)
    headers[3:6] = [tr("L"), tr("I"), tr("L\u00d7I")]
    return headers, rows


def risk_legend(language: str) -> str:
    """The note under the risk table explaining the short headers and the colours."""
    from editor.i18n import N_, translator

    return translator(language)(N_(
        "L: likelihood (1-5), I: impact (1-5), L\u00d7I: score, shaded by zone "
        "(low 1-4, medium 5-9, high 10-25)."
    ))


def kpi_table(proposal: Proposal, language: str) -> tuple[list[str], list[list[str]]]:
    """Localized headers and cell texts of the KPI table (extra columns appended).

    Dates use the locale's short numeric form (30/06/2027) so that a table
    edited in a word processor still reads back.
    """
    from editor.core.formats.mdfields import KPI_COLUMNS
    from editor.core.kpis import direction_short
    from editor.core.vocab import KPI_CATEGORY_LABELS, label
    from editor.i18n import translator

    extra = _extra_keys(proposal.kpis)
    rows = []
    for k in proposal.kpis:
        milestones = "; ".join(f"{_date(m.date, language)}: {_num(m.value, language)}" for m in k.milestones)
        rows.append(
            [
                k.id, k.name, label(KPI_CATEGORY_LABELS, k.category, language), _num(k.baseline, language),
                _num(k.target, language), k.unit, direction_short(k.direction, language),
                _date(k.deadline, language), k.measurement, milestones,
            ]
            + [k.extra.get(key, "") for key in extra]
        )
    return _headers(KPI_COLUMNS, translator(language), extra), rows


def data_source_table(proposal: Proposal, language: str) -> tuple[list[str], list[list[str]]]:
    """Localized headers and cell texts of the data-source table."""
    from editor.core.formats.mdfields import DATA_SOURCE_COLUMNS
    from editor.i18n import translator

    rows = [[d.name, d.url, d.licence] for d in proposal.data_sources]
    return _headers(DATA_SOURCE_COLUMNS, translator(language), []), rows


def resource_table(proposal: Proposal, language: str) -> tuple[list[str], list[list[str]]]:
    """Localized headers and cell texts of the useful-resources table."""
    from editor.core.formats.mdfields import RESOURCE_COLUMNS
    from editor.i18n import translator

    rows = [[r.title, r.url] for r in proposal.resources]
    return _headers(RESOURCE_COLUMNS, translator(language), []), rows
