"""The language a DOCX is written in: its words first, then its language tags.

Word and LibreOffice tag text with the language of the keyboard or template
(``w:lang``), which often says nothing of the words typed (an English template
on a French student's machine). So the text decides when it says enough:
frequent function words of French and English are counted; otherwise the
language tags, weighted by the length of the text they cover, decide; the
caller's headings only break a tie after that.
"""

from __future__ import annotations

import re

from editor.core.model import LANGUAGES

# Frequent words of one language that are rare in the other (no "a", "on", "site", "plan").
_STOP = {
    "fr": frozenset("""le la les des du une est sont dans pour avec sur par pas qui que nous vous leur leurs
        cette ces aux ont être sera seront mais ou donc car très plus sans entre chaque notre nos aussi
        afin lors ainsi dont elle il ils au l d qu n c s j données modèle équipe""".split()),
    "en": frozenset("""the and of to is are in for with by not which that we you their this these those
        have has be will would but or so very more without between each our also when where while from
        into its it as at was were been""".split()),
}
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?", re.UNICODE)
# Below this many function words the text is too short to tell.
MIN_WORDS = 12
# One language must have this many times the other's count for the text to decide.
RATIO = 1.6


def text_language(text: str) -> str | None:
    """``fr`` or ``en`` when ``text`` plainly is; None when too short or mixed."""
    counts = {lang: 0 for lang in LANGUAGES}
    for word in _WORD.findall(text.lower()):
        for part in re.split(r"['’]", word):
            for lang in LANGUAGES:
                if part in _STOP[lang]:
                    counts[lang] += 1
    fr, en = counts.get("fr", 0), counts.get("en", 0)
    if fr + en < MIN_WORDS:
        return None
    if fr >= RATIO * max(en, 1):
        return "fr"
    if en >= RATIO * max(fr, 1):
        return "en"
    return None


def tag_language(weights: dict[str, int]) -> str | None:
    """The language covering most characters among ``weights`` (``fr-FR`` -> count), if ours."""
    totals: dict[str, int] = {}
    for tag, count in weights.items():
        lang = (tag or "")[:2].lower()
        if lang in LANGUAGES:
            totals[lang] = totals.get(lang, 0) + count
    if not totals:
        return None
    best = max(totals, key=totals.get)
    others = sum(v for k, v in totals.items() if k != best)
    return best if totals[best] > others else None


def document_language(text: str, weights: dict[str, int], core_language: str = "") -> str | None:
    """The text's language, else the tags', else the document properties' (``dc:language``)."""
    found = text_language(text) or tag_language(weights)
    if found:
        return found
    lang = (core_language or "")[:2].lower()
    return lang if lang in LANGUAGES else None
