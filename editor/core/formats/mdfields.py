"""The structured parts of a proposal in Markdown: risk, KPI, data-source and
resource tables, and the objectives list, written with headers in the
document's language and read back from the header words people use (FR/EN)."""

from __future__ import annotations

import re

from editor.core.formats.mdtables import (
    decode_cell,
    encode_cell,
    format_number,
    parse_date,
    parse_quantity,
    write_table,
)
from editor.core.model import DataSource, Kpi, Milestone, Objective, Resource, Risk
from editor.core.vocab import (
    CATEGORY_SYNONYMS,
    DIRECTION_LABELS,
    DIRECTION_SYNONYMS,
    KPI_CATEGORY_LABELS,
    RISK_CATEGORY_LABELS,
    RISK_STATUS_LABELS,
    STATUS_SYNONYMS,
    code_for,
    fold,
    label,
)
from editor.i18n import N_, _, translator

# Column headers we write, in column order (msgids, translated at use).
RISK_COLUMNS = (
    ("id", N_("ID")),
    ("description", N_("Risk")),
    ("category", N_("Category")),
    ("likelihood", N_("Likelihood")),
    ("impact", N_("Impact")),
    ("score", N_("Score")),
    ("mitigation", N_("Mitigation")),
    ("owner", N_("Owner")),
    ("status", N_("Status")),
)
KPI_COLUMNS = (
    ("id", N_("ID")),
    ("name", N_("KPI")),
    ("category", N_("Category")),
    ("baseline", N_("Baseline")),
    ("target", N_("Target")),
    ("unit", N_("Unit")),
    ("direction", N_("Direction")),
    ("deadline", N_("Deadline")),
    ("measurement", N_("Measurement")),
    ("milestones", N_("Milestones")),
)
DATA_SOURCE_COLUMNS = (("name", N_("Name")), ("url", N_("URL")), ("licence", N_("Licence")))
RESOURCE_COLUMNS = (("title", N_("Resource")), ("url", N_("Link")))

# Header words people write, folded (see vocab.fold), per table kind and field.
_WORDS: dict[str, dict[str, tuple[str, ...]]] = {
    "risks": {
        "id": ("id", "n", "no", "num", "ref", "reference"),
        "description": ("risk", "risque", "risks", "risques", "description", "risk description", "description du risque", "intitule"),
        "category": ("category", "categorie", "type", "domaine"),
        "likelihood": ("likelihood", "probability", "probabilite", "vraisemblance", "occurrence", "frequence", "p", "l"),
        "impact": ("impact", "severity", "gravite", "severite", "consequence", "i"),
        "score": ("score", "criticality", "criticite", "level", "niveau", "p i", "l i", "risk score"),
        "mitigation": ("mitigation", "attenuation", "mitigation strategy", "strategie de mitigation", "strategie d attenuation",
                       "strategies de mitigation", "mesures", "mesure", "response", "reponse", "plan", "contre mesure",
                       "countermeasure", "mitigations", "action", "actions", "parade"),
        "owner": ("owner", "responsable", "porteur", "who", "qui", "pilote"),
        "status": ("status", "statut", "etat", "state"),
    },
    "kpis": {
        "id": ("id", "n", "no", "ref"),
        "name": ("kpi", "kpis", "indicateur", "indicateurs", "indicator", "metric", "metrique", "name", "nom", "metrics"),
        "category": ("category", "categorie", "type"),
        "baseline": ("baseline", "valeur actuelle", "actuel", "actuelle", "current", "current value", "valeur initiale",
                     "initial", "avant", "before", "reference", "point de depart", "valeur de depart", "depart",
                     "starting value", "start", "valeur de reference", "today", "aujourd hui"),
        "target": ("target", "cible", "objectif", "goal", "valeur cible", "target value", "apres", "after"),
        "unit": ("unit", "unite", "units", "unites"),
        "direction": ("direction", "sens", "tendance", "trend"),
        "deadline": ("deadline", "echeance", "date", "due", "due date", "date cible", "target date", "delai", "date limite", "by"),
        "measurement": ("measurement", "mesure", "measurement method", "methode de mesure", "methode", "method", "outil",
                        "tool", "how measured", "moyen de mesure", "measured by", "mesure par", "source"),
        "milestones": ("milestones", "jalons", "etapes", "milestone", "jalon"),
    },
    "data-sources": {
        "name": ("name", "nom", "source", "sources", "dataset", "data set", "jeu de donnees", "donnees", "data", "data source",
                 "source de donnees", "sources de donnees", "data sources"),
        "url": ("url", "link", "lien", "adresse", "address", "site"),
        "licence": ("licence", "license", "licences", "licenses", "licence d utilisation"),
    },
    "resources": {
        "title": ("resource", "ressource", "resources", "ressources", "title", "titre", "document", "article", "reference"),
        "url": ("url", "link", "lien", "adresse"),
    },
}
_LEVELS = {
    1: ("very low", "tres faible", "tres faibles", "negligeable", "negligible", "rare", "minimal", "minime", "tres bas", "tres basse"),
    2: ("low", "faible", "bas", "basse", "minor", "mineur", "mineure", "unlikely", "peu probable"),
    3: ("medium", "moyen", "moyenne", "moderate", "modere", "moderee", "possible", "average"),
    4: ("high", "eleve", "elevee", "haut", "haute", "fort", "forte", "major", "majeur", "majeure", "likely", "probable"),
    5: ("very high", "tres eleve", "tres elevee", "critical", "critique", "tres fort", "tres forte", "severe", "certain", "almost certain"),
}


def _headers(columns, language: str) -> list[str]:
    t = translator(language)
    return [encode_cell(t(msgid)) for _field, msgid in columns]


def _extra_keys(items) -> list[str]:
    keys: list[str] = []
    for item in items:
        keys += [k for k in item.extra if k not in keys]
    return keys


def _table_with_extras(columns, items, cells, language: str) -> list[str]:
    # The fixed columns, then one column per extra key any item has (columns we do not know, kept).
    extras = _extra_keys(items)
    rows = [[*cells(item), *(encode_cell(item.extra.get(k, "")) for k in extras)] for item in items]
    return write_table(_headers(columns, language) + [encode_cell(k) for k in extras], rows)


def risk_table(risks: list[Risk], language: str) -> list[str]:
    def cells(r: Risk) -> list[str]:
        return [
            r.id,
            encode_cell(r.description),
            encode_cell(label(RISK_CATEGORY_LABELS, r.category, language)),
            str(r.likelihood or ""),
            str(r.impact or ""),
            str(r.score or ""),
            encode_cell(r.mitigation),
            encode_cell(r.owner),
            encode_cell(label(RISK_STATUS_LABELS, r.status, language)),
        ]

    return _table_with_extras(RISK_COLUMNS, risks, cells, language)


def kpi_table(kpis: list[Kpi], language: str) -> list[str]:
    def cells(k: Kpi) -> list[str]:
        return [
            k.id,
            encode_cell(k.name),
            encode_cell(label(KPI_CATEGORY_LABELS, k.category, language)),
            format_number(k.baseline) if k.baseline is not None else "",
            format_number(k.target) if k.target is not None else "",
            encode_cell(k.unit),
            encode_cell(label(DIRECTION_LABELS, k.direction, language)) if k.direction else "",
            k.deadline.isoformat() if k.deadline else "",
            encode_cell(k.measurement),
            "; ".join(f"{m.date.isoformat()}: {format_number(m.value)}" for m in k.milestones),
        ]

    return _table_with_extras(KPI_COLUMNS, kpis, cells, language)


def data_source_table(sources: list[DataSource], language: str) -> list[str]:
    rows = [[encode_cell(s.name), encode_cell(s.url), encode_cell(s.licence)] for s in sources]
    return write_table(_headers(DATA_SOURCE_COLUMNS, language), rows)


def resource_table(resources: list[Resource], language: str) -> list[str]:
    rows = [[encode_cell(r.title), encode_cell(r.url)] for r in resources]
    return write_table(_headers(RESOURCE_COLUMNS, language), rows)


# --- reading ----------------------------------------------------------------

def field_for(kind: str, header: str) -> str | None:
    """The field a table header names (FR/EN words people use), for ``kind`` of table."""
    raw = header.strip()
    if raw in ("#", "N°", "n°", "No.", "Nº"):
        return "id" if "id" in _WORDS[kind] else None
    key = fold(raw)
    for field, words in _WORDS[kind].items():
        if key in words:
            return field
    for field, msgid in {"risks": RISK_COLUMNS, "kpis": KPI_COLUMNS, "data-sources": DATA_SOURCE_COLUMNS,
                         "resources": RESOURCE_COLUMNS}[kind]:
        if key in (fold(msgid), fold(translator("fr")(msgid))):
            return field
    return None


def _mapping(kind: str, headers: list[str]) -> dict[int, str]:
    mapping: dict[int, str] = {}
    for i, h in enumerate(headers):
        field = field_for(kind, h)
        if field and field not in mapping.values():
            mapping[i] = field
    return mapping


def table_kind(headers: list[str]) -> str | None:
    """Which structured table a header row announces, if any."""
    def has(kind, *names):
        fields = set(_mapping(kind, headers).values())
        return [n for n in names if n in fields]

    if has("risks", "description") and has("risks", "mitigation", "likelihood", "impact"):
        return "risks"
    if has("kpis", "name") and has("kpis", "baseline", "target", "deadline"):
        return "kpis"
    if has("resources", "title") and has("resources", "url") and not has("data-sources", "licence"):
        if not has("data-sources", "name"):
            return "resources"
    if has("data-sources", "name") and has("data-sources", "url", "licence"):
        return "data-sources"
    return None


def parse_level(text: str) -> int | None:
    """1-5 from ``4``, ``4/5``, ``3 (moyen)`` or words such as ``élevé`` / ``low``."""
    m = re.match(r"^\s*([1-5])\s*(?:/\s*5)?(?:\s*\(.*\))?\s*$", text)
    if m:
        return int(m.group(1))
    key = fold(text)
    for level, words in _LEVELS.items():
        if key in words:
            return level
    return None


def parse_milestones(text: str) -> list[Milestone] | None:
    """``2027-03-31: 10; 30/09/2027 = 5`` -> milestones; None when a part is not date: value."""
    out = []
    for part in filter(None, (p.strip() for p in re.split(r"[;\n]", text))):
        m = re.match(r"^(.+?)\s*(?::|=|→|->)\s*(.+)$", part)
        if not m:
            return None
        date, qty = parse_date(m.group(1)), parse_quantity(m.group(2))
        if date is None or qty is None:
            return None
        out.append(Milestone(date=date, value=qty[0]))
    return out


def _new_id(prefix: str, used: set[str]) -> str:
    n = len(used) + 1
    while f"{prefix}{n}" in used:
        n += 1
    return f"{prefix}{n}"


def read_rows(kind: str, headers: list[str], rows: list[list[str]], existing: list, warnings: list[str],
              keep_empty: bool = False) -> list:
    """Turn table rows into model items; values that do not fit a field are kept in ``extra``."""
    mapping = _mapping(kind, headers)
    used_ids = {item.id for item in existing if hasattr(item, "id")}
    fields = set(mapping.values())
    items = []
    for cells in rows:
        values = {mapping[i]: decode_cell(c) for i, c in enumerate(cells) if i in mapping}
        extra = {decode_cell(headers[i]) if i < len(headers) else str(i + 1): decode_cell(c)
                 for i, c in enumerate(cells) if i not in mapping and decode_cell(c)}
        if not keep_empty and not any(v.strip() for v in values.values()) and not extra:
            continue
        if kind == "risks":
            items.append(_risk(values, extra, headers, mapping, fields, used_ids, warnings))
        elif kind == "kpis":
            items.append(_kpi(values, extra, headers, mapping, used_ids, warnings))
        elif kind == "data-sources":
            items.append(DataSource(**values))
        else:
            items.append(Resource(**values))
    return items


def _header_of(field: str, headers: list[str], mapping: dict[int, str]) -> str:
    return next((decode_cell(headers[i]) for i, f in mapping.items() if f == field), field)


def _take_id(values: dict, prefix: str, used: set[str], extra: dict, headers, mapping) -> str:
    raw = values.pop("id", "").strip()
    if raw and re.fullmatch(r"[A-Za-z0-9_.-]{1,40}", raw) and raw not in used:
        new = raw
    else:
        new = _new_id(prefix, used)
        if raw:
            extra[_header_of("id", headers, mapping)] = raw
    used.add(new)
    return new


def _risk(values, extra, headers, mapping, fields, used, warnings) -> Risk:
    rid = _take_id(values, "R", used, extra, headers, mapping)
    score = values.pop("score", "")
    if score.strip() and not {"likelihood", "impact"} <= fields:
        extra[_header_of("score", headers, mapping)] = score
    for level_field in ("likelihood", "impact"):
        raw = values.pop(level_field, "")
        level = parse_level(raw) if raw.strip() else None
        if raw.strip() and level is None:
            extra[_header_of(level_field, headers, mapping)] = raw
            warnings.append(_("Risk {id}: '{value}' is not a level from 1 to 5; kept as an extra column.").format(id=rid, value=raw))
        values[level_field] = level
    for coded, labels, synonyms in (("category", RISK_CATEGORY_LABELS, CATEGORY_SYNONYMS), ("status", RISK_STATUS_LABELS, STATUS_SYNONYMS)):
        if values.get(coded):
            values[coded] = code_for(labels, values[coded], synonyms) or values[coded]
    return Risk(id=rid, extra=extra, **values)


def _unit_key(unit: str) -> str:
    """``jours`` and ``jour``, ``days`` and ``day`` are one unit."""
    key = fold(unit)
    return key[:-1] if len(key) > 2 and key[-1] in "sx" else key


def _kpi(values, extra, headers, mapping, used, warnings) -> Kpi:
    kid = _take_id(values, "K", used, extra, headers, mapping)
    for num_field in ("baseline", "target"):
        raw = values.pop(num_field, "")
        if not raw.strip():
            continue
        qty = parse_quantity(raw)
        if qty is None:
            extra[_header_of(num_field, headers, mapping)] = raw
            warnings.append(_("KPI {id}: '{value}' is not a number; kept as an extra column.").format(id=kid, value=raw))
            continue
        number, unit, exact = qty
        values[num_field] = number
        if unit and not values.get("unit", "").strip():
            values["unit"] = unit
        if not exact or (unit and _unit_key(unit) != _unit_key(values.get("unit", ""))):
            extra[_header_of(num_field, headers, mapping)] = raw
    raw = values.pop("deadline", "")
    if raw.strip():
        date = parse_date(raw)
        if date is None:
            extra[_header_of("deadline", headers, mapping)] = raw
            warnings.append(_("KPI {id}: '{value}' is not a date (use 2027-06-30 or 30/06/2027); kept as an extra column.").format(id=kid, value=raw))
        values["deadline"] = date
    if values.get("category"):
        # Ids and labels only: a category typed as free text stays as typed.
        values["category"] = code_for(KPI_CATEGORY_LABELS, values["category"]) or values["category"]
    raw = values.pop("direction", "")
    if raw.strip():
        direction = code_for(DIRECTION_LABELS, raw, DIRECTION_SYNONYMS)
        if direction is None:
            extra[_header_of("direction", headers, mapping)] = raw
        values["direction"] = direction
    raw = values.pop("milestones", "")
    if raw.strip():
        milestones = parse_milestones(raw)
        if milestones is None:
            extra[_header_of("milestones", headers, mapping)] = raw
        else:
            values["milestones"] = milestones
    return Kpi(id=kid, extra=extra, **values)


# --- objectives written by hand -----------------------------------------------

_ITEM_STARTS = frozenset("0123456789-*+")
_ITEM = re.compile(r"^( {0,3})(\d{1,9}[.)]|[-*+])[ \t]+(.*)$")
_KPI_LINK = re.compile(r"\s*\((?:KPIs?|indicateurs?)\s*:?\s*([A-Za-z0-9_.\-, ]+)\)\s*$", re.IGNORECASE)


def _ordered(marker: str) -> bool:
    return marker[0].isdigit()


def extract_list(lines: list[str], limit: int | None = None) -> tuple[list[Objective], list[str]]:
    """Take the first ordered list (else bullet list) out of ``lines`` as objectives
    (at most ``limit`` + 1 items are built, so that a caller can refuse more)."""
    fence = None
    candidates: list[int] = []
    for i, line in enumerate(lines):
        stripped = line.lstrip(" ")
        if fence:
            if stripped.startswith(fence):
                fence = None
            continue
        if stripped.startswith(("```", "~~~")):
            fence = stripped[:3]
            continue
        if line[:4].lstrip(" ")[:1] not in _ITEM_STARTS:
            continue
        m = _ITEM.match(line)
        if m and _ordered(m.group(2)):
            candidates.append(i)
            break  # an ordered list is preferred: no need to look further
        if m and not candidates:
            candidates.append(i)
    start = next((i for i in candidates if _ordered(_ITEM.match(lines[i]).group(2))), candidates[0] if candidates else None)
    if start is None:
        return [], lines
    ordered = _ordered(_ITEM.match(lines[start]).group(2))
    items: list[list[str]] = []
    end = start
    # The next non-blank line from each index, found once: a long run of blank lines is linear.
    next_filled: list[int | None] = [None] * (len(lines) + 1)
    for j in range(len(lines) - 1, start - 1, -1):
        next_filled[j] = j if lines[j].strip() else next_filled[j + 1]
    i = start
    while i < len(lines):
        line = lines[i]
        m = _ITEM.match(line)
        if m and _ordered(m.group(2)) == ordered:
            if limit is not None and len(items) > limit:
                break
            items.append([m.group(3)])
        elif not line.strip():
            nxt = lines[next_filled[i + 1]] if next_filled[i + 1] is not None else None
            if nxt is None or not (nxt.startswith(("  ", "\t")) or (_ITEM.match(nxt) and _ordered(_ITEM.match(nxt).group(2)) == ordered)):
                break
            items[-1].append("")
        elif line.startswith(("  ", "\t")) or (lines[i - 1].strip() and not _ITEM.match(line)):
            items[-1].append(line.strip())
        else:
            break
        i += 1
        end = i
    objectives = []
    for parts in items:
        text = "\n".join(parts).strip("\n")
        ids: list[str] = []
        # "(KPI: K1, K2)" ends the item: searched in its tail (a long blank run would cost O(n²)).
        m = _KPI_LINK.search(text, max(0, len(text) - 400))
        if m:
            ids = [x.strip() for x in m.group(1).split(",") if x.strip()]
            text = text[: m.start()]
        objectives.append(Objective(text=text, kpi_ids=ids))
    rest = lines[:start] + lines[end:]
    return objectives, rest
