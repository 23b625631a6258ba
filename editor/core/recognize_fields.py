"""What one item written in a section's text says: an objective, a risk, a KPI or a data source.

:mod:`editor.core.recognize` finds the items (list entries, labelled lines, table rows); this
module reads the fields of one item's text, in French or English:

- a risk: ``Risque : … / Mitigation : …``, ``Probabilité : 3``, ``Responsable : …``, or ``risk -> mitigation``;
- a KPI: ``Temps de déploiement : 21 jours → 1 jour d'ici juin 2027``, ``from 21 days to 1 day by
  30/06/2027``, ``actuellement 40 %, cible 80 %``; words it cannot place go to the measurement, so
  nothing written is lost;
- a data source: a link (``[name](url)`` or a bare URL), its name and its licence (``CC-BY-4.0``,
  ``Licence : ODbL``).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from editor.core.formats.mdfields import parse_level
from editor.core.formats.mdtables import parse_date
from editor.core.model import DataSource, Kpi, Objective, Risk
from editor.core.risks import parse_category, parse_status
from editor.core.vocab import fold

_SEPARATORS = " \t/|;,–—-:."
_KPI_LINK = re.compile(r"\s*\((?:KPIs?|indicateurs?)\s*:?\s*([A-Za-z0-9_.\-, ]+)\)\s*$", re.IGNORECASE)


def clean_item(text: str) -> str:
    """An item's text without Markdown emphasis around it, list punctuation at its end ("; et", ",")
    or surrounding blanks."""
    text = " ".join(text.split())
    text = re.sub(r"(?:\s*[;,]\s*(?:et|and|ou|or)?|\s*\.)\s*$", "", text).strip()
    m = re.match(r"^(\*\*|__)(.+)\1$", text)
    return m.group(2).strip() if m else text


def objective_from(text: str) -> Objective | None:
    """An objective; "(KPI: K1, K2)" at its end links it to KPIs."""
    text = clean_item(text)
    ids: list[str] = []
    m = _KPI_LINK.search(text)
    if m:
        ids = [x.strip() for x in m.group(1).split(",") if re.fullmatch(r"[A-Za-z0-9_.-]{1,40}", x.strip())]
        text = clean_item(text[: m.start()])
    return Objective(text=text, kpi_ids=ids) if text else None


# --- risks --------------------------------------------------------------------------------------

_RISK_FIELDS: tuple[tuple[str, str], ...] = (
    ("description", r"risques?|risks?|description"),
    ("mitigation", r"mitigations?|att[ée]nuations?|strat[ée]gies?(?:\s+d[e'’]\s*(?:mitigation|att[ée]nuation|r[ée]duction))?"
                   r"|mesures?(?:\s+d[e'’]\s*(?:mitigation|att[ée]nuation))?|parades?|contre[- ]mesures?|countermeasures?"
                   r"|mitigation\s+strateg(?:y|ies)|responses?|r[ée]ponses?|plan(?:\s+d[e'’]\s*actions?)?|actions?"),
    ("likelihood", r"probabilit[ée]s?|vraisemblance|likelihood|probability"),
    ("impact", r"impacts?|gravit[ée]|s[ée]v[ée]rit[ée]|severity"),
    ("owner", r"responsables?|porteur|owners?|pilote"),
    ("category", r"cat[ée]gorie|category|type"),
    ("status", r"statut|status|[ée]tat"),
)
RISK_LABEL = re.compile(
    r"(?:^|(?<=[\s/|;,(–—-]))(?:\*\*|__)?(" + "|".join(f"(?P<{field}>{words})" for field, words in _RISK_FIELDS)
    + r")(?:\s*\d{1,2})?(?:\*\*|__)?\s*[:：]\s*(?:\*\*|__)?",
    re.IGNORECASE,
)
_ARROW = re.compile(r"\s*(?:→|->|=>|⇒|➜|➔|⟶)\s*")


def _strip_segment(text: str) -> str:
    text = text.strip().strip(_SEPARATORS).strip()
    if text.endswith(")") and text.count(")") > text.count("("):
        text = text[:-1].rstrip()
    if text.endswith("(") and text.count("(") > text.count(")"):
        text = text[:-1].rstrip()
    return clean_item(text.strip(_SEPARATORS))


def risk_from(text: str) -> Risk | None:
    """A risk from "Risque : X / Mitigation : Y" (any of the labels, in any order), or "X -> Y";
    a level that is not 1-5 is kept in an extra column as written."""
    values: dict[str, str] = {}
    extra: dict[str, str] = {}
    matches = list(RISK_LABEL.finditer(text))
    lead = text[: matches[0].start()] if matches else text
    for i, m in enumerate(matches):
        field = next(f for f, _w in _RISK_FIELDS if m.group(f))
        end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        value = _strip_segment(text[m.end():end])
        if field in values:
            values[field] = f"{values[field]} {value}".strip()
        else:
            values[field] = value
            if field in ("likelihood", "impact") and value:
                extra_label = m.group(1).strip(" *_")
                level = parse_level(value)
                if level is None:
                    extra[extra_label] = value
    lead = _strip_segment(lead)
    if lead:
        if "description" in values:
            values["description"] = f"{lead} {values['description']}"
        elif not matches and _ARROW.search(lead):
            description, mitigation = _ARROW.split(lead, maxsplit=1)
            values["description"], values["mitigation"] = _strip_segment(description), _strip_segment(mitigation)
        else:
            values["description"] = lead
    if not values.get("description"):
        return None
    fields: dict = {k: v for k, v in values.items() if k in ("description", "mitigation", "owner")}
    for level_field in ("likelihood", "impact"):
        if values.get(level_field):
            fields[level_field] = parse_level(values[level_field])
    if values.get("category"):
        fields["category"] = parse_category(values["category"])
    if values.get("status"):
        fields["status"] = parse_status(values["status"])
    return Risk(id="R1", extra=extra, **fields)


# --- KPIs ---------------------------------------------------------------------------------------

_NUM = r"[-+−]?\d{1,3}(?:[\u00a0\u202f ]\d{3})+(?:[.,]\d+)?|[-+−]?\d+(?:[.,]\d+)?"
_MONTHS = {
    "janvier": 1, "janv": 1, "january": 1, "jan": 1, "fevrier": 2, "fevr": 2, "fev": 2, "february": 2, "feb": 2,
    "mars": 3, "march": 3, "mar": 3, "avril": 4, "avr": 4, "april": 4, "apr": 4, "mai": 5, "may": 5,
    "juin": 6, "june": 6, "jun": 6, "juillet": 7, "juil": 7, "july": 7, "jul": 7, "aout": 8, "august": 8,
    "aug": 8, "septembre": 9, "sept": 9, "september": 9, "sep": 9, "octobre": 10, "oct": 10, "october": 10,
    "novembre": 11, "nov": 11, "november": 11, "decembre": 12, "dec": 12, "december": 12,
}
_MONTH = r"(?P<month>[A-Za-zéûÉÛ]{3,9})\.?"
_DATES = (
    re.compile(r"(?P<iso>\d{4}-\d{2}-\d{2})|(?P<dmy>\d{1,2}[/.]\d{1,2}[/.]\d{4})|(?P<my>\b\d{1,2}/\d{4})"),
    re.compile(r"(?:(?P<day>\d{1,2})(?:er)?\s+)?" + _MONTH + r"\s+(?P<year>\d{4})\b", re.IGNORECASE),
    re.compile(_MONTH + r"\s+(?P<day>\d{1,2}),?\s+(?P<year>\d{4})\b", re.IGNORECASE),
    re.compile(r"\b[TQ](?P<quarter>[1-4])\s*(?P<year>\d{4})\b"),
    re.compile(r"\b(?P<cue>fin|end\s+of|mi|mid|d['’]ici|by|avant|before|en|in|pour|for)[\s-]+(?P<year>20\d{2})\b(?![-/.]\d)",
               re.IGNORECASE),
)
_DEADLINE_CUES = re.compile(r"(?:^|\s)(?:d['’]ici(?:\s+(?:à|a|au|le|la|fin))?|avant(?:\s+le|\s+la|\s+fin)?|by|before|"
                            r"au\s+plus\s+tard(?:\s+le|\s+en)?|[ée]ch[ée]ance\s*:?|deadline\s*:?|within|pour(?:\s+le)?|en|in|"
                            r"le|on|fin|end\s+of)\s*$", re.IGNORECASE)
_BASE_CUES = re.compile(r"\b(?:actuel(?:le)?(?:ment)?|aujourd['’]hui|baseline|current(?:ly)?|today|now|d[ée]part|"
                        r"initial(?:e|ement)?|valeur\s+de\s+r[ée]f[ée]rence)\s*:?\s*(?:de\s+|of\s+|est\s+de\s+|is\s+)?$", re.IGNORECASE)
_TARGET_CUES = re.compile(r"\b(?:objectif|cible|target|goal|vis[ée]e?|vers|to|à|a|au\s+moins|at\s+least|atteindre|reach)"
                          r"\s*:?\s*(?:de\s+|of\s+)?$|[≥≤<>]=?\s*$", re.IGNORECASE)
_TARGET_FIGURE = re.compile(rf"\b(?:objectif|cible|target|goal)\s*:?\s*(?:de\s+|of\s+)?(?:{_NUM})", re.IGNORECASE)
_RANGE = re.compile(rf"(?P<b>{_NUM})(?P<bu>[^\d→>=⇒➜➔⟶]*?)(?:\s*(?:→|->|=>|⇒|➜|➔|⟶)\s*|\s+(?:à|a|to|vers|jusqu['’]à)\s+(?=[-+−]?\d))"
                    rf"(?P<t>{_NUM})")
_NUMBER = re.compile(_NUM)
_UNIT_WORD = re.compile(r"\s*(%|[^\W\d_][\w'’/.-]*)", re.UNICODE)
_PERIOD = re.compile(r"\s*(?:/|par\s+|per\s+|a\s+|an?\s+)(?:an|année|year|mois|month|semaine|week|jour|day|sprint)s?\b", re.IGNORECASE)
# Several-word units people write after a number, longest first.
_KNOWN_UNITS = ("mises à jour", "mise à jour", "déploiements", "deployments", "jours ouvrés", "business days")
_NOT_UNITS = frozenset({"d'ici", "d’ici", "avant", "by", "before", "en", "in", "fin", "end", "pour", "for", "au", "le",
                        "la", "at", "within", "dans", "échéance", "deadline", "et", "and", "soit", "i.e", "e.g", "vers",
                        "to", "à", "a", "de", "from", "cible", "target", "objectif", "goal", "aujourd'hui", "today",
                        "actuellement", "currently", "mesuré", "measured", "via", "avec", "with", "sur", "on", "par",
                        "per"})


def _unit_key(unit: str) -> str:
    key = fold(unit)
    return key[:-1] if len(key) > 2 and key[-1] in "sx" else key


def _number(text: str) -> float:
    digits = re.sub(r"[\u00a0\u202f ]", "", text).replace("−", "-").replace(",", ".")
    return float(digits)


def _unit_after(text: str) -> tuple[str, int]:
    """The unit written at the start of ``text`` ("jours", "%", "mises à jour/mois") and its length."""
    folded = text.lstrip()
    skip = len(text) - len(folded)
    period = _PERIOD.match(text)
    if period:  # "4 par mois"
        return text[period.start():period.end()].strip(), period.end()
    for unit in _KNOWN_UNITS:
        if folded.casefold().startswith(unit):
            end = skip + len(unit)
            period = _PERIOD.match(text, end)
            return text[skip:period.end() if period else end].strip(), period.end() if period else end
    m = _UNIT_WORD.match(text)
    if not m or m.group(1).casefold().rstrip(".") in _NOT_UNITS or fold(m.group(1)) in _MONTHS:
        return "", 0
    end = m.end()
    period = _PERIOD.match(text, end)
    if period:
        end = period.end()
    return text[m.start(1):end].strip().rstrip("."), end


def _date_from(m: re.Match) -> dt.date | None:
    groups = m.groupdict()
    try:
        if groups.get("iso") or groups.get("dmy") or groups.get("my"):
            return parse_date(m.group(0))
        year = int(groups["year"])
        if groups.get("quarter"):
            month = int(groups["quarter"]) * 3
            return dt.date(year, month, calendar.monthrange(year, month)[1])
        if groups.get("cue") is not None:
            cue = fold(groups["cue"])
            if cue in ("mi", "mid"):
                return dt.date(year, 6, 30)
            return dt.date(year - 1, 12, 31) if cue in ("avant", "before") else dt.date(year, 12, 31)
        month = _MONTHS.get(fold(groups["month"]))
        if month is None:
            return None
        day = int(groups["day"]) if groups.get("day") else calendar.monthrange(year, month)[1]
        return dt.date(year, month, day)
    except (ValueError, TypeError):
        return None


def find_deadline(text: str) -> tuple[dt.date, int, int] | None:
    """The first date written in ``text`` (its start and end), with the cue before it ("d'ici", "by")."""
    best = None
    for pattern in _DATES:
        for m in pattern.finditer(text):
            date = _date_from(m)
            # A year after its cue ("d'ici 2027") is placed by the year, so "d'ici 30/06/2027" keeps the day.
            at = m.start("year") if "cue" in m.groupdict() and m.group("cue") else m.start()
            if date is not None and (best is None or at < best[3]):
                best = (date, m.start(), m.end(), at)
                break
    if best is None:
        return None
    cue = _DEADLINE_CUES.search(text[: best[1]])
    return (best[0], cue.start() if cue else best[1], best[2])


def _kpi_name(text: str) -> tuple[str, str]:
    """The KPI's name and the rest: before ":" (or a dash) when it comes before any figure, else
    the words before the first figure ("Réduire le temps de déploiement de 21 jours à 1 jour")."""
    first_number = _NUMBER.search(text)
    limit = first_number.start() if first_number else len(text)
    colon = re.search(r"\s*(?::|：|\s[–—-]\s)\s*", text)
    if colon and not _RANGE.search(text[: colon.start()]) and len(text[: colon.start()].split()) <= 12:
        return clean_item(text[: colon.start()]), text[colon.end():]
    if first_number is None:
        return clean_item(text), ""
    name = re.sub(r"\s+(?:de|from|of|passer\s+de|going\s+from)\s*$", "", text[:limit].rstrip(), flags=re.IGNORECASE)
    return clean_item(name), text[limit:]


def kpi_line(line: str) -> bool:
    """True for a line outside a list that states a KPI: a short name, a colon, then its way from a
    baseline to a target ("Temps de déploiement : 21 jours → 1 jour d'ici juin 2027")."""
    if ":" not in line and "：" not in line:
        return False
    name, rest = _kpi_name(line)
    return bool(name) and len(name.split()) <= 12 and (_RANGE.search(rest) or _TARGET_FIGURE.search(rest)) is not None


def kpi_from(text: str) -> Kpi | None:
    """A KPI from its name and, where written, baseline -> target, unit and deadline."""
    name, rest = _kpi_name(text)
    if not name or not re.search(r"[^\W\d_]", name):
        return None
    fields: dict = {"name": name}
    used: list[tuple[int, int]] = []
    deadline = find_deadline(rest)
    if deadline is not None:
        fields["deadline"] = deadline[0]
        used.append((deadline[1], deadline[2]))
    values = rest if deadline is None else rest[: deadline[1]] + " " * (deadline[2] - deadline[1]) + rest[deadline[2]:]
    m = _RANGE.search(values)
    if m:
        unit_b = m.group("bu").strip(" \t:,;").strip()
        unit_b = "" if unit_b.casefold() in _NOT_UNITS else unit_b
        unit_t, length = _unit_after(values[m.end():])
        if unit_b and unit_t and _unit_key(unit_b) != _unit_key(unit_t):
            # "2 days to 4 hours": two units, one KPI value cannot hold both; kept as written.
            fields["measurement"] = clean_item(rest)
            return Kpi(id="K1", **fields)
        fields["baseline"], fields["target"] = _number(m.group("b")), _number(m.group("t"))
        fields["unit"] = unit_b or unit_t
        start = m.start()
        prefix = re.search(r"(?:\b(?:de|from|passer\s+de|going\s+from)\s+)$", values[:start], re.IGNORECASE)
        used.append((prefix.start() if prefix else start, m.end() + length))
    else:
        for n in _NUMBER.finditer(values):
            if "baseline" in fields and "target" in fields:
                break
            if deadline is not None and deadline[1] <= n.start() < deadline[2]:
                continue
            start = max(0, n.start() - 60)  # a cue ("actuellement", "cible") is just before its figure
            before = values[start: n.start()]
            unit, length = _unit_after(values[n.end():])
            field = "baseline" if _BASE_CUES.search(before) and "baseline" not in fields else (
                "target" if "target" not in fields else None)
            if field is None:
                continue
            fields[field] = _number(n.group(0))
            fields["unit"] = fields.get("unit") or unit
            cue = (_BASE_CUES if field == "baseline" else _TARGET_CUES).search(before)
            used.append((start + cue.start() if cue else n.start(), n.end() + length))
    leftover = "".join(ch for i, ch in enumerate(rest) if not any(s <= i < e for s, e in used))
    leftover = clean_item(leftover.strip(_SEPARATORS + "() "))
    if leftover and re.search(r"[^\W\d_]{3}", leftover):
        fields["measurement"] = leftover
    return Kpi(id="K1", **fields)


# --- data sources -------------------------------------------------------------------------------

_MD_LINK = re.compile(r"\[([^\]\n]{1,300})\]\((https?://[^)\s]{1,2000})\)")
_URL = re.compile(r"<?(https?://[^\s<>]{1,2000})>?")
_LICENCE_LABEL = re.compile(r"\b(?:licen[cs]es?(?:\s+d['’]utilisation)?|license)\s*[:：]\s*([^,;()\n]{1,80})", re.IGNORECASE)
LICENCE = re.compile(
    r"\b(?:CC0(?:[- ]1\.0)?|CC[- ]BY(?:[- ](?:SA|NC|ND)){0,2}(?:[- ]\d\.\d)?|ODbL(?:[- ]1\.0)?|ODC[- ]By(?:[- ]1\.0)?"
    r"|PDDL(?:[- ]1\.0)?|Etalab(?:[- ]2\.0)?|Licence\s+Ouverte(?:\s+v?2\.0)?|Open\s+Licen[cs]e(?:\s+v?2\.0)?|MIT"
    r"|Apache(?:[- ]2\.0)?|BSD(?:[- ]\d[- ]Clause)?|L?GPL(?:[- ]?v?\d(?:\.\d)?)?(?:[- ]or[- ]later)?"
    r"|CDLA[- ](?:Permissive|Sharing)(?:[- ]\d\.\d)?|domaine\s+public|public\s+domain)\b",
    re.IGNORECASE,
)
_NAME_LABEL = re.compile(r"^(?:sources?(?:\s+de\s+donn[ée]es)?|jeux?\s+de\s+donn[ée]es|donn[ée]es|datasets?|data\s*sets?"
                         r"|data(?:\s+sources?)?|nom|name)\s*[:：]\s*", re.IGNORECASE)


def data_source_from(text: str) -> DataSource | None:
    """A data source from a line holding its link, and its name and licence when written."""
    link = _MD_LINK.search(text)
    if link:
        name, url, taken = link.group(1), link.group(2), [(link.start(), link.end())]
    else:
        bare = _URL.search(text)
        if bare is None:
            return None
        url = bare.group(1).rstrip(".,;:")
        if url.endswith(")") and url.count(")") > url.count("("):
            url = url[:-1]
        name, taken = "", [(bare.start(), bare.start() + len(bare.group(0)))]
    licence = ""
    labelled = _LICENCE_LABEL.search(text)
    found = labelled or LICENCE.search(text)
    if found is not None and not any(s <= found.start() < e for s, e in taken):
        licence = (labelled.group(1) if labelled else found.group(0)).strip()
        taken.append((found.start(), found.end()))
    rest = "".join(ch for i, ch in enumerate(text) if not any(s <= i < e for s, e in taken))
    rest = re.sub(r"\(\s*(?:sous\s+|under\s+)?(?:licen[cs]e|license)?\s*\)", " ", rest, flags=re.IGNORECASE)
    if licence:
        rest = re.sub(r"\b(?:sous\s+|under\s+)?(?:la\s+|the\s+)?(?:licen[cs]e|license)\b", " ", rest, flags=re.IGNORECASE)
    rest = _NAME_LABEL.sub("", rest.strip(_SEPARATORS + " ()")).strip()
    rest = clean_item(" ".join(rest.split()).strip(_SEPARATORS + " ()"))
    if not name:
        name = rest or re.sub(r"^https?://(?:www\.)?", "", url).rstrip("/")
    elif rest and re.search(r"[^\W\d_]{3}", rest):
        name = f"{name} ({rest})"
    return DataSource(name=clean_item(name), url=url, licence=licence)
