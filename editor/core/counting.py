"""Whether a KPI's name says what it counts ("Number of incidents", "Mises à jour réussies par mois").

A count needs no unit: its figures are how many of the thing its name names. The guide's own
examples include one ("Fréquence des mises à jour réussies"), so a KPI named like this is complete
without a unit; any other KPI needs one (days, %, hours...). Kept free of imports so the model can
use it.
"""

from __future__ import annotations

import re
import unicodedata

# On the folded name (no accents, lower case, apostrophes as spaces).
_COUNT_NAME = re.compile(
    r"^(?:(?:le|la|les|l|the)\s+)?(?:"
    r"nombre|nb|nbre|number|count|amount\s+of|quantite|frequence|frequency|how\s+many|total"
    r")\b"
    r"|^#\s*(?:of\s+)?\w"
    r"|(?:\bpar|\bper|/|\ba|\ban)\s*(?:an|annee|year|mois|month|semaine|week|jour|day|trimestre|quarter|sprint)s?\b"
    r"|^(?:weekly|monthly|daily|yearly)\b"
    r"|\b(?:hebdomadaires?|mensuel(?:le)?s?|quotidien(?:ne)?s?|annuel(?:le)?s?|weekly|monthly|daily|yearly)\s*$"
)
# A duration, a rate or a cost "per month" still needs its unit (hours, %, euros).
_MEASURE_NAME = re.compile(
    r"^(?:(?:le|la|les|l|the|average|mean|median|moyenne\s+du|moyenne\s+des)\s+)*(?:"
    r"temps|duree|delai|time|duration|latence|latency|cout|cost|budget|taux|rate|pourcentage|percentage|part|share"
    r"|ratio|precision|accuracy|score|mttr|mttd|lead\s+time|disponibilite|availability|uptime|volume|taille|size"
    r")\b"
)


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.replace("’", " ").replace("'", " "))
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).casefold().split())


def names_a_count(name: str) -> bool:
    """True when ``name`` says what is counted: "Nombre de ...", "Number of ...", "Fréquence des ...",
    "... par mois", "... per week", "... /month", "weekly ..."."""
    folded = _fold(name)
    return bool(folded) and _MEASURE_NAME.match(folded) is None and _COUNT_NAME.search(folded) is not None
