"""KPI planner logic (section 8), free of any GUI.

A KPI goes from its *baseline* (measured today) to its *target* by its
*deadline*, optionally through dated milestones. This module infers the
direction (lower or higher is better), computes progress as a percentage of
the way from baseline to target, builds the trajectory points the chart
draws, and formats the "21 days -> 1 day by 30 June 2027" text that the
objective list and the exports show, in a given language.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

from editor.core import vocab
from editor.i18n import N_, format_date, format_number, translator

if TYPE_CHECKING:  # annotations only: the export's chart worker paints without pydantic
    from editor.core.model import Kpi, Objective, Proposal

KPI_CATEGORIES: tuple[str, ...] = (
    "delivery",
    "reliability",
    "automation",
    "quality",
    "cost",
    "adoption",
)
KPI_CATEGORY_LABELS = vocab.KPI_CATEGORY_LABELS
DIRECTION_LABELS: dict[str, str] = {
    "lower": N_("Lower is better"),
    "higher": N_("Higher is better"),
}
KPI_COLUMNS: tuple[str, ...] = (
    "id",
    "name",
    "category",
    "baseline",
    "target",
    "unit",
    "direction",
    "deadline",
    "measurement",
    "milestones",
)
KPI_COLUMN_LABELS: dict[str, str] = {
    "id": N_("ID"),
    "name": N_("KPI"),
    "category": N_("Category"),
    "baseline": N_("Baseline"),
    "target": N_("Target"),
    "unit": N_("Unit"),
    "direction": N_("Direction"),
    "deadline": N_("Deadline"),
    "measurement": N_("Measurement"),
    "milestones": N_("Milestones"),
}

# Plural unit -> singular, for "1 day" / "1 jour"; units not listed never change.
_SINGULAR: dict[str, dict[str, str]] = {
    "en": {
        "days": "day",
        "hours": "hour",
        "minutes": "minute",
        "seconds": "second",
        "weeks": "week",
        "months": "month",
        "deployments": "deployment",
        "incidents": "incident",
        "releases": "release",
        "updates": "update",
        "deployments/week": "deployment/week",
        "deployments per week": "deployment per week",
        "releases/month": "release/month",
        "updates/month": "update/month",
    },
    "fr": {
        "jours": "jour",
        "heures": "heure",
        "minutes": "minute",
        "secondes": "seconde",
        "semaines": "semaine",
        "déploiements": "déploiement",
        "incidents": "incident",
        "mises à jour": "mise à jour",
        "déploiements/semaine": "déploiement/semaine",
        "déploiements par semaine": "déploiement par semaine",
        "mises à jour/mois": "mise à jour/mois",
    },
}



def _lang(language: str | None) -> str:
    if language is None:
        from editor.i18n import current_language

        return current_language()
    return language


# ---------------------------------------------------------------- direction & progress


def infer_direction(baseline: float | None, target: float | None) -> str | None:
    """"lower" when the target is below the baseline, "higher" above, None otherwise."""
    if baseline is None or target is None or baseline == target:
        return None
    return "lower" if target < baseline else "higher"


def direction_label(direction: str | None, language: str | None = None) -> str:
    return translator(language)(DIRECTION_LABELS[direction]) if direction in DIRECTION_LABELS else ""


def direction_short(direction: str | None, language: str | None = None) -> str:
    """``↓ lower`` / ``↑ higher`` (``↓ plus bas`` / ``↑ plus haut``): short enough for a table cell."""
    tr = translator(language)
    if direction == "lower":
        return "\u2193 " + tr("lower")
    if direction == "higher":
        return "\u2191 " + tr("higher")
    return direction or ""


def category_label(category: str, language: str | None = None) -> str:
    """The translated label of a KPI category id; free text is shown as typed."""
    label = KPI_CATEGORY_LABELS.get(category)
    return translator(language)(label) if label else category


def parse_category(text: str) -> str:
    """A KPI category id from an id, an English/French label or a common synonym; other text kept."""
    return vocab.code_for(KPI_CATEGORY_LABELS, text, vocab.KPI_CATEGORY_SYNONYMS) or text.strip()


def progress_percent(kpi: Kpi, value: float) -> float | None:
    """How far ``value`` is along the way from baseline (0 %) to target (100 %).

    Not clamped: overshooting the target gives more than 100, going the wrong
    way less than 0. None when baseline or target is missing. With baseline
    equal to target, a value meeting the target (in the KPI's direction) is 100.
    """
    if kpi.baseline is None or kpi.target is None:
        return None
    span = kpi.target - kpi.baseline
    if span == 0:
        if value == kpi.target:
            return 100.0
        better = value < kpi.target if kpi.direction == "lower" else value > kpi.target
        return 100.0 if better else 0.0
    return (value - kpi.baseline) / span * 100.0


def trajectory_points(kpi: Kpi, today: dt.date | None = None) -> list[tuple[dt.date, float]]:
    """The planned path: (today, baseline), the milestones by date, (deadline, target).

    The baseline is placed at ``today``, or at the first milestone when that
    is earlier; points missing a date or value are left out. Points come
    sorted by date; a target without deadline or a deadline before every
    other point is kept last so the line still ends on the target.
    """
    today = today or dt.date.today()
    milestones = sorted(kpi.milestones, key=lambda m: m.date)
    points: list[tuple[dt.date, float]] = []
    if kpi.baseline is not None:
        start = min([today] + [m.date for m in milestones[:1]])
        points.append((start, kpi.baseline))
    points += [(m.date, m.value) for m in milestones]
    if kpi.target is not None and kpi.deadline is not None:
        points.append((kpi.deadline, kpi.target))
        points.sort(key=lambda p: p[0])
    return points


def progress_trajectory(kpi: Kpi, today: dt.date | None = None) -> list[tuple[dt.date, float]]:
    """The trajectory as % of the way to target (0 at baseline, 100 at target)."""
    if kpi.baseline is None or kpi.target is None or kpi.deadline is None:
        return []
    out = []
    for date, value in trajectory_points(kpi, today):
        percent = progress_percent(kpi, value)
        if percent is not None:
            out.append((date, percent))
    return out


def date_range(kpis: Sequence[Kpi], today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """First and last date over the trajectories of ``kpis`` (today..today+1y when none)."""
    today = today or dt.date.today()
    dates = [d for k in kpis for d, _v in trajectory_points(k, today)]
    if not dates:
        return today, today + dt.timedelta(days=365)
    first, last = min(dates + [today]), max(dates + [today])
    if first == last:
        last = first + dt.timedelta(days=30)
    return first, last


# ---------------------------------------------------------------- formatting


def format_value(value: float | None, unit: str, language: str | None = None) -> str:
    """``21 days`` / ``1 day`` / ``95 %`` in ``language``'s number conventions."""
    if value is None:
        return ""
    lang = _lang(language)
    number = format_number(value, lang)
    unit = unit.strip()
    if not unit:
        return number
    if unit == "%":
        return f"{number}\u202f%" if lang == "fr" else f"{number}%"
    # The unit is a word of the proposal's language, which may not be the text's: "1 jour" in an
    # English sentence about a French proposal. Its own language says whether 1.5 is singular.
    key = unit.casefold()
    unit_lang = lang if key in _SINGULAR.get(lang, {}) else next((code for code, words in _SINGULAR.items()
                                                                   if key in words), None)
    if unit_lang is not None and (abs(value) < 2 if unit_lang == "fr" else abs(value) == 1):
        unit = _SINGULAR[unit_lang][key]
    return f"{number} {unit}"


def kpi_target_text(kpi: Kpi, language: str | None = None) -> str:
    """"21 days -> 1 day by 30 June 2027" in ``language``; shorter when parts are missing."""
    tr = translator(language)
    lang = _lang(language)
    baseline = format_value(kpi.baseline, kpi.unit, lang)
    target = format_value(kpi.target, kpi.unit, lang)
    deadline = format_date(kpi.deadline, lang, "long") if kpi.deadline else ""
    if not target:
        return ""
    if baseline and deadline:
        return tr("{baseline} -> {target} by {deadline}").format(
            baseline=baseline, target=target, deadline=deadline
        )
    if deadline:
        return tr("{target} by {deadline}").format(target=target, deadline=deadline)
    if baseline:
        return tr("{baseline} -> {target}").format(baseline=baseline, target=target)
    return target


def objective_target_text(objective: Objective, proposal: Proposal, language: str | None = None) -> str:
    """The linked KPIs' targets of an objective, e.g. "21 days -> 1 day by 30 June 2027".

    Several linked KPIs are joined with "; "; unknown ids and KPIs without a
    target are skipped, so an objective with nothing measurable gives "".
    """
    texts = []
    for kpi_id in objective.kpi_ids:
        kpi = proposal.kpi(kpi_id)
        if kpi is None:
            continue
        text = kpi_target_text(kpi, language)
        if text:
            texts.append(text)
    return "; ".join(texts)


def objective_kpi_texts(proposal: Proposal, kpi_ids: Sequence[str], language: str | None = None) -> list[str]:
    """For each linked KPI id: ``K1 Deployment time: 21 days -> 1 day by 30 June 2027`` (the id alone
    when the table has no such KPI)."""
    texts = []
    for kid in kpi_ids:
        kpi = proposal.kpi(kid)
        if kpi is None:
            texts.append(kid)
            continue
        target = kpi_target_text(kpi, language)
        name = f"{kpi.id} {kpi.name}".strip()
        texts.append(f"{name}: {target}" if target else name)
    return texts


def measured_by_line(proposal: Proposal, kpi_ids: Sequence[str], language: str | None = None) -> str:
    """The line the exports write under an objective: ``Measured by: K1 Deployment time: 21 days -> 1 day``."""
    texts = objective_kpi_texts(proposal, kpi_ids, language)
    return translator(_lang(language))(N_("Measured by: {kpis}")).format(kpis="; ".join(texts))


def objective_is_measurable(objective: Objective, proposal: Proposal) -> bool:
    """True when the objective links at least one complete KPI."""
    return any((k := proposal.kpi(i)) is not None and k.is_complete for i in objective.kpi_ids)


def format_milestones(kpi: Kpi, language: str | None = None) -> str:
    """Milestones as one line: "31 Mar 2027: 10; 30 Sep 2027: 5"."""
    lang = _lang(language)
    return "; ".join(
        f"{format_date(m.date, lang, 'medium')}: {format_value(m.value, kpi.unit, lang)}"
        for m in sorted(kpi.milestones, key=lambda m: m.date)
    )


def parse_number(text: str) -> float | None:
    """A number typed in either language ("0,5", "1 000", "1,000.5", "95 %"); ValueError if not one."""
    cleaned = text.strip().rstrip("%").strip()
    for space in (" ", "\u00a0", "\u202f"):
        cleaned = cleaned.replace(space, "")
    if not cleaned:
        return None
    if "," in cleaned and "." in cleaned:
        cleaned = cleaned.replace(",", "")
    else:
        cleaned = cleaned.replace(",", ".")
    value = float(cleaned)
    if not math.isfinite(value):
        raise ValueError("not a finite number")
    return value


# --- clipboard: tab-separated rows, as spreadsheets exchange them ---------------------------

def kpi_cell_text(kpi: Kpi, column: str, language: str | None = None) -> str:
    """A KPI's cell as copied: what a spreadsheet reads and ``parse_kpi_rows`` reads back
    exactly (plain numbers, ISO dates, milestones as ``2027-03-31: 10; ...``, labels in
    ``language``, an inferred direction left empty)."""
    from editor.core.formats.mdtables import format_number as plain

    lang = _lang(language)
    if column in ("baseline", "target"):
        value = getattr(kpi, column)
        return "" if value is None else plain(value)
    if column == "category":
        return category_label(kpi.category, lang)
    if column == "direction":
        return direction_label(kpi.direction, lang)
    if column == "deadline":
        return kpi.deadline.isoformat() if kpi.deadline else ""
    if column == "milestones":
        return "; ".join(f"{m.date.isoformat()}: {plain(m.value)}" for m in sorted(kpi.milestones, key=lambda m: m.date))
    return str(getattr(kpi, column) or "")


def kpis_to_tsv(kpis: Sequence[Kpi], columns: Sequence[str] = KPI_COLUMNS, language: str | None = None,
                header: bool = False) -> str:
    """Rows of KPIs as TSV for the clipboard (a header row first when asked)."""
    from editor.core.risks import format_tsv

    tr = translator(language)
    rows = [[tr(KPI_COLUMN_LABELS[c]) for c in columns]] if header else []
    rows += [[kpi_cell_text(k, c, language) for c in columns] for k in kpis]
    return format_tsv(rows)


def kpi_header_columns(row: Sequence[str]) -> list[str | None] | None:
    """Column ids when ``row`` is a header row (every non-empty cell names a KPI column, FR or EN)."""
    from editor.core.formats.mdfields import field_for

    mapped = [field_for("kpis", cell) if cell.strip() else None for cell in row]
    if not any(mapped) or any(cell.strip() and m is None for cell, m in zip(row, mapped)):
        return None
    return mapped


def convert_kpi_cell(column: str, text: str):
    """A cell's text (typed or pasted) as the value of a Kpi field; ValueError when it does not fit."""
    from editor.core.formats.mdfields import parse_milestones
    from editor.core.formats.mdtables import parse_date, parse_quantity

    value = text.strip()
    if column in ("baseline", "target"):
        try:
            return parse_number(value)
        except ValueError:
            quantity = parse_quantity(value)  # "21 days", "95 %"
            if quantity is None or not quantity[2]:
                raise
            return quantity[0]
    if column == "deadline":
        if not value:
            return None
        date = parse_date(value)
        if date is None:
            raise ValueError(value)
        return date
    if column == "direction":
        if value in ("lower", "higher"):
            return value
        if not value or value.endswith("(auto)"):  # shown for an inferred direction: none chosen
            return None
        code = vocab.code_for(vocab.DIRECTION_LABELS, value, vocab.DIRECTION_SYNONYMS)
        if code is None:
            raise ValueError(value)
        return code
    if column == "category":
        return parse_category(value)
    if column == "milestones":
        milestones = parse_milestones(value) if value else []
        if milestones is None:
            raise ValueError(value)
        return milestones
    if column == "measurement":
        return text.strip("\n")
    return value


def parse_kpi_rows(text: str, columns: Sequence[str] = KPI_COLUMNS, start_column: int = 0,
                   language: str | None = None) -> tuple[list[dict], list[str]]:
    """Pasted TSV -> field dicts for KPIs (ids are the caller's), plus warnings.

    Columns map by the header row when the first row is one, else by position
    from ``start_column`` of ``columns``. The id column is ignored; a cell that
    does not fit its field is left empty, with a warning.
    """
    from editor.core.risks import parse_tsv

    rows = [r for r in parse_tsv(text) if any(c.strip() for c in r)]
    if not rows:
        return [], []
    mapping = kpi_header_columns(rows[0])
    if mapping is not None:
        rows = rows[1:]
    else:
        width = max(len(r) for r in rows)
        mapping = [columns[start_column + i] if start_column + i < len(columns) else None for i in range(width)]
    tr = translator(language)
    result: list[dict] = []
    warnings: list[str] = []
    for number, row in enumerate(rows, start=1):
        fields = {}
        for column, cell in zip(mapping, row):
            if column is None or column == "id":
                continue
            try:
                fields[column] = convert_kpi_cell(column, cell)
            except ValueError:
                warnings.append(tr('Row {row}: "{value}" does not fit the column {column}; left empty.').format(
                    row=number, value=cell.strip(), column=tr(KPI_COLUMN_LABELS[column])))
        result.append(fields)
    return result, warnings
