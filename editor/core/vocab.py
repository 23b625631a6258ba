"""Labels of the model's coded values (risk categories and statuses, KPI
directions) and of table columns, in the document's language.

Messages are marked with N_() and translated at use with translator(lang), so
the same code serves the UI language and the document's language.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from editor.i18n import N_, translator

RISK_CATEGORY_LABELS: dict[str, str] = {
    "technical": N_("Technical"),
    "data": N_("Data"),
    "organisational": N_("Organisational"),
    "security": N_("Security/compliance"),
    "operational": N_("Operational"),
    "cost": N_("Cost"),
}
RISK_STATUS_LABELS: dict[str, str] = {
    "open": N_("Open"),
    "monitoring": N_("Monitoring"),
    "mitigated": N_("Mitigated"),
    "closed": N_("Closed"),
}
KPI_CATEGORY_LABELS: dict[str, str] = {
    "delivery": N_("Delivery speed"),
    "reliability": N_("Reliability"),
    "automation": N_("Automation"),
    "quality": N_("Model quality"),
    "cost": N_("Cost"),
    "adoption": N_("Adoption"),
}
DIRECTION_LABELS: dict[str, str] = {
    "lower": N_("Lower is better"),
    "higher": N_("Higher is better"),
}


@lru_cache(maxsize=4096)
def fold(text: str) -> str:
    """Case-, accent- and punctuation-insensitive form used to match words a person typed."""
    text = unicodedata.normalize("NFKD", text.replace("’", "'").replace("œ", "oe").replace("Œ", "oe"))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = re.sub(r"[^\w%]+", " ", text)
    return " ".join(text.split())


def label(labels: dict[str, str], code: str, language: str) -> str:
    """The label of ``code`` in ``language``; unknown codes are shown as they are."""
    msgid = labels.get(code)
    return translator(language)(msgid) if msgid else code


def code_for(labels: dict[str, str], text: str, extra: dict[str, tuple[str, ...]] | None = None) -> str | None:
    """The code whose id or label (in any language we ship) ``text`` names, else None."""
    return _names(id(labels), id(extra), labels, extra).get(fold(text))


_NAME_TABLES: dict[tuple[int, int], dict[str, str]] = {}


def _names(key_labels: int, key_extra: int, labels: dict[str, str], extra) -> dict[str, str]:
    # The label tables are module constants: build each folded lookup once.
    table = _NAME_TABLES.get((key_labels, key_extra))
    if table is None:
        table = {}
        for code, msgid in labels.items():
            for name in (code, msgid, translator("fr")(msgid), *(extra or {}).get(code, ())):
                table.setdefault(fold(name), code)
        table.pop("", None)
        _NAME_TABLES[(key_labels, key_extra)] = table
    return table


# Extra words people use for the same values in hand-written tables.
CATEGORY_SYNONYMS: dict[str, tuple[str, ...]] = {
    "technical": ("tech", "technique", "technology", "technologique"),
    "data": ("donnees", "donnee"),
    "organisational": ("organizational", "organisation", "organization", "organisationnel", "humain", "people"),
    "security": ("security", "compliance", "securite", "conformite", "legal", "juridique", "rgpd", "gdpr"),
    "operational": ("operations", "ops", "operationnel", "exploitation"),
    "cost": ("costs", "budget", "cout", "couts", "financier", "financial"),
}
STATUS_SYNONYMS: dict[str, tuple[str, ...]] = {
    "open": ("ouvert", "new", "nouveau", "active", "actif"),
    "monitoring": ("watch", "surveillance", "suivi", "en surveillance"),
    "mitigated": ("attenue", "mitige", "reduced", "reduit"),
    "closed": ("ferme", "clos", "done", "termine"),
}
KPI_CATEGORY_SYNONYMS: dict[str, tuple[str, ...]] = {
    "delivery": ("deployment", "deploiement", "speed", "vitesse", "vitesse de livraison", "livraison"),
    "reliability": ("monitoring", "fiabilite", "stability", "stabilite", "operations"),
    "automation": ("automatisation", "ci cd", "ci/cd"),
    "quality": ("qualite", "qualite du modele", "performance"),
    "cost": ("cout", "couts", "budget"),
    "adoption": ("usage", "utilisation"),
}
DIRECTION_SYNONYMS: dict[str, tuple[str, ...]] = {
    "lower": ("lower", "down", "decrease", "minimize", "minimise", "baisse", "a la baisse", "diminuer", "plus bas", "↓"),
    "higher": ("higher", "up", "increase", "maximize", "maximise", "hausse", "a la hausse", "augmenter", "plus haut", "↑"),
}
