"""Risk/mitigation table logic (section 7), free of any GUI.

Scoring: ``score = likelihood x impact`` on two 1-5 scales (1..25).
Zones, the usual 5x5 risk-matrix split (documented thresholds):

=========  ===========  ==========================================
zone       score        meaning
=========  ===========  ==========================================
low        1 - 4        accept and watch
medium     5 - 9        mitigate within the project
high       10 - 25      mitigate first; may block the project
=========  ===========  ==========================================

The module also sorts risks by any table column and converts rows to and
from tab-separated text as spreadsheets (LibreOffice Calc, Excel) put it on
the clipboard: cells holding a tab, a newline or a quote are wrapped in
double quotes with inner quotes doubled.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from editor.core.vocab import (
    CATEGORY_SYNONYMS,
    RISK_CATEGORY_LABELS,
    RISK_STATUS_LABELS,
    STATUS_SYNONYMS,
    code_for,
    fold,
)
from editor.i18n import N_, translator

if TYPE_CHECKING:  # annotations only: the export's chart worker paints without pydantic
    from editor.core.model import Risk

# Inclusive upper bounds of the low and medium zones.
LOW_MAX = 4
MEDIUM_MAX = 9
ZONES: tuple[str, ...] = ("low", "medium", "high")

# Fill colours of the zones, shared by the table and the matrix (and checked
# by the chart tests): soft enough to print, distinct for colour-blind readers
# by lightness as well as hue.
ZONE_COLORS: dict[str, str] = {"low": "#8fd19e", "medium": "#ffd966", "high": "#f4877f"}
# Darker variants for text and borders on white.
ZONE_TEXT_COLORS: dict[str, str] = {"low": "#1e6b34", "medium": "#7a5b00", "high": "#a4161a"}

ZONE_LABELS: dict[str, str] = {"low": N_("Low"), "medium": N_("Medium"), "high": N_("High")}
# The labels live with the other coded values in vocab (also used by the formats).
CATEGORY_LABELS = RISK_CATEGORY_LABELS
STATUS_LABELS = RISK_STATUS_LABELS
LIKELIHOOD_LABELS: tuple[str, ...] = (
    N_("Rare"),
    N_("Unlikely"),
    N_("Possible"),
    N_("Likely"),
    N_("Almost certain"),
)
IMPACT_LABELS: tuple[str, ...] = (
    N_("Negligible"),
    N_("Minor"),
    N_("Moderate"),
    N_("Major"),
    N_("Severe"),
)

# Table columns, in display order; "id" and "score" are read-only.
RISK_COLUMNS: tuple[str, ...] = (
    "id",
    "description",
    "category",
    "likelihood",
    "impact",
    "score",
    "mitigation",
    "owner",
    "status",
)
EDITABLE_COLUMNS: frozenset[str] = frozenset(RISK_COLUMNS) - {"id", "score"}
COLUMN_LABELS: dict[str, str] = {
    "id": N_("ID"),
    "description": N_("Risk"),
    "category": N_("Category"),
    "likelihood": N_("Likelihood"),
    "impact": N_("Impact"),
    "score": N_("Score"),
    "mitigation": N_("Mitigation"),
    "owner": N_("Owner"),
    "status": N_("Status"),
}
# Extra header spellings accepted when pasting a table with a header row.
_HEADER_ALIASES: dict[str, str] = {
    "#": "id",
    "id": "id",
    "n°": "id",
    "no": "id",
    "description": "description",
    "risque": "description",
    "risk": "description",
    "catégorie": "category",
    "categorie": "category",
    "probabilité": "likelihood",
    "probabilite": "likelihood",
    "vraisemblance": "likelihood",
    "probability": "likelihood",
    "gravité": "impact",
    "criticité": "score",
    "responsable": "owner",
    "statut": "status",
    "état": "status",
    "action": "mitigation",
}



# ---------------------------------------------------------------- scoring


def risk_score(likelihood: int | None, impact: int | None) -> int | None:
    """Likelihood x impact, or None while either is unset."""
    if likelihood is None or impact is None:
        return None
    return int(likelihood) * int(impact)


def zone_for_score(score: int | None) -> str | None:
    """The zone ("low", "medium", "high") of a score, None for no score."""
    if score is None:
        return None
    if score <= LOW_MAX:
        return "low"
    if score <= MEDIUM_MAX:
        return "medium"
    return "high"


def risk_zone(risk: Risk) -> str | None:
    """The zone of a risk, None while likelihood or impact is missing."""
    return zone_for_score(risk.score)


def needs_mitigation(risk: Risk) -> bool:
    """True for a described risk whose mitigation is still empty."""
    return bool(risk.description.strip()) and not risk.mitigation.strip()


def matrix_cells(risks: Iterable[Risk]) -> dict[tuple[int, int], list[str]]:
    """Risk ids per (likelihood, impact) cell, in table order; unscored risks left out."""
    cells: dict[tuple[int, int], list[str]] = {}
    for risk in risks:
        if risk.likelihood is not None and risk.impact is not None:
            cells.setdefault((risk.likelihood, risk.impact), []).append(risk.id)
    return cells


def zone_counts(risks: Iterable[Risk]) -> dict[str, int]:
    """How many risks fall in each zone (unscored ones are not counted)."""
    counts = dict.fromkeys(ZONES, 0)
    for risk in risks:
        zone = risk_zone(risk)
        if zone:
            counts[zone] += 1
    return counts


# ---------------------------------------------------------------- labels


def category_label(category: str, language: str | None = None) -> str:
    """The translated label of a category id; unknown values are shown as typed."""
    label = CATEGORY_LABELS.get(category)
    return translator(language)(label) if label else category


def status_label(status: str, language: str | None = None) -> str:
    """The translated label of a status id; unknown values are shown as typed."""
    label = STATUS_LABELS.get(status)
    return translator(language)(label) if label else status


def zone_label(zone: str | None, language: str | None = None) -> str:
    return translator(language)(ZONE_LABELS[zone]) if zone else ""


def column_label(column: str, language: str | None = None) -> str:
    return translator(language)(COLUMN_LABELS[column])


def parse_category(text: str) -> str:
    """A category id from an id or an English/French label; other text kept as is."""
    return code_for(RISK_CATEGORY_LABELS, text, CATEGORY_SYNONYMS) or text.strip()


def parse_status(text: str) -> str:
    """A status id from an id or an English/French label; other text kept as is."""
    return code_for(RISK_STATUS_LABELS, text, STATUS_SYNONYMS) or text.strip()


def parse_level(text: str) -> int | None:
    """A 1-5 likelihood/impact from "3", "3.0" or "3,0"; ValueError when out of range."""
    cleaned = text.strip().replace(",", ".")
    if not cleaned:
        return None
    try:
        number = float(cleaned)
    except ValueError:
        raise ValueError(f"not a number: {text.strip()!r}") from None
    if number != int(number) or not 1 <= number <= 5:
        raise ValueError(f"not a whole number from 1 to 5: {text.strip()!r}")
    return int(number)


# ---------------------------------------------------------------- sorting


def sort_key(risk: Risk, column: str, language: str | None = None) -> tuple:
    """A key sorting ``risk`` by ``column``; empty values always compare last via the flag."""
    if column == "score":
        value: Any = risk.score
    elif column in ("likelihood", "impact"):
        value = getattr(risk, column)
    elif column == "id":
        match = re.match(r"^([A-Za-z]*)(\d+)$", risk.id)
        value = (match.group(1), int(match.group(2))) if match else (risk.id, 0)
    elif column == "category":
        value = fold(category_label(risk.category, language)) or None
    elif column == "status":
        value = fold(status_label(risk.status, language)) or None
    else:
        value = fold(getattr(risk, column)) or None
    return (value is None, value if value is not None else 0)


def sort_risks(
    risks: Sequence[Risk], column: str, descending: bool = False, language: str | None = None
) -> list[Risk]:
    """Risks sorted by ``column`` (stable); empty cells stay at the bottom in both orders."""
    if column not in RISK_COLUMNS:
        raise ValueError(f"unknown risk column {column!r}")
    filled = [r for r in risks if not sort_key(r, column, language)[0]]
    empty = [r for r in risks if sort_key(r, column, language)[0]]
    filled.sort(key=lambda r: sort_key(r, column, language)[1], reverse=descending)
    return filled + empty


# ---------------------------------------------------------------- TSV


def format_tsv(rows: Sequence[Sequence[str]]) -> str:
    """Rows as spreadsheet clipboard text: tab-separated, CRLF-free, quoted where needed."""
    out = []
    for row in rows:
        cells = []
        for cell in row:
            text = str(cell)
            if any(ch in text for ch in '\t\n\r"'):
                text = '"' + text.replace('"', '""') + '"'
            cells.append(text)
        out.append("\t".join(cells))
    return "\n".join(out) + ("\n" if out else "")


def parse_tsv(text: str) -> list[list[str]]:
    """Spreadsheet clipboard text -> rows of cells.

    Follows what Excel and LibreOffice write: CRLF or LF row ends, a cell that
    starts with a double quote is quoted (``""`` inside is one quote; tabs and
    newlines inside are kept), a trailing newline ends the last row.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    rows: list[list[str]] = []
    row: list[str] = []
    i, n = 0, len(text)
    while i < n:
        if text[i] == '"':
            # Quoted cell: runs to the quote not followed by another quote.
            j = i + 1
            buf = []
            while j < n:
                if text[j] == '"':
                    if j + 1 < n and text[j + 1] == '"':
                        buf.append('"')
                        j += 2
                        continue
                    break
                buf.append(text[j])
                j += 1
            cell = "".join(buf)
            j += 1  # closing quote (or end of text for an unterminated cell)
            # Text after the closing quote up to the separator belongs to the cell.
            k = j
            while k < n and text[k] not in "\t\n":
                k += 1
            cell += text[j:k]
            i = k
        else:
            k = i
            while k < n and text[k] not in "\t\n":
                k += 1
            cell = text[i:k]
            i = k
        row.append(cell)
        if i < n and text[i] == "\t":
            i += 1
            if i == n:
                row.append("")
        elif i < n and text[i] == "\n":
            rows.append(row)
            row = []
            i += 1
    if row:
        rows.append(row)
    return rows


def risk_cell_text(risk: Risk, column: str, language: str | None = None) -> str:
    """The text of one table cell as shown and as copied."""
    if column == "category":
        return category_label(risk.category, language)
    if column == "status":
        return status_label(risk.status, language)
    if column == "score":
        return "" if risk.score is None else str(risk.score)
    value = getattr(risk, column)
    return "" if value is None else str(value)


def risks_to_tsv(
    risks: Sequence[Risk],
    columns: Sequence[str] = RISK_COLUMNS,
    language: str | None = None,
    header: bool = False,
) -> str:
    """Rows of risks as TSV for the clipboard, labels in ``language``."""
    rows = [[column_label(c, language) for c in columns]] if header else []
    rows += [[risk_cell_text(r, c, language) for c in columns] for r in risks]
    return format_tsv(rows)


def header_columns(row: Sequence[str]) -> list[str | None] | None:
    """Column ids when ``row`` is a header row (every non-empty cell names a column)."""
    known: dict[str, str] = dict(_HEADER_ALIASES)
    for column, label in COLUMN_LABELS.items():
        known[fold(column)] = column
        for lang in ("en", "fr"):
            known[fold(translator(lang)(label))] = column
    mapped = [known.get(fold(cell)) if cell.strip() else None for cell in row]
    if not any(mapped) or any(cell.strip() and m is None for cell, m in zip(row, mapped)):
        return None
    return mapped


def convert_cell(column: str, text: str) -> Any:
    """A pasted cell's text as the value of a Risk field; ValueError when it does not fit."""
    if column in ("likelihood", "impact"):
        return parse_level(text)
    if column == "category":
        return parse_category(text)
    if column == "status":
        return parse_status(text)
    return text.strip("\n") if column in ("description", "mitigation") else text.strip()


def parse_risk_rows(
    text: str,
    columns: Sequence[str] = RISK_COLUMNS,
    start_column: int = 0,
    language: str | None = None,
) -> tuple[list[dict[str, Any]], list[str]]:
    """Pasted TSV -> field dicts for risks, plus warnings for cells that were skipped.

    Columns map by the header row when the first row is one, else by position
    from ``start_column`` of ``columns``. Read-only columns (id, score) and
    extra cells are ignored; a bad likelihood/impact is left empty and warned.
    """
    rows = [r for r in parse_tsv(text) if any(c.strip() for c in r)]
    warnings: list[str] = []
    if not rows:
        return [], warnings
    mapping = header_columns(rows[0])
    if mapping is not None:
        rows = rows[1:]
    else:
        width = max(len(r) for r in rows)
        mapping = [
            columns[start_column + i] if start_column + i < len(columns) else None
            for i in range(width)
        ]
    result = []
    for number, row in enumerate(rows, start=1):
        fields: dict[str, Any] = {}
        for column, cell in zip(mapping, row):
            if column is None or column not in EDITABLE_COLUMNS:
                continue
            try:
                fields[column] = convert_cell(column, cell)
            except ValueError:
                tr = translator(language)
                warnings.append(
                    tr('Row {row}: "{value}" is not a whole number from 1 to 5 ({column}).').format(
                        row=number, value=cell.strip(), column=column_label(column, language)
                    )
                )
        result.append(fields)
    return result, warnings
