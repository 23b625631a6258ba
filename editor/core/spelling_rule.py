"""The guide check's ``spelling`` rule: the words its dictionary does not know, per section and table.

One warning per section for its text, and one per table (objectives, risks, KPIs, data
sources, resources), naming the unknown words (the first ``MAX_NAMED``, then "and N
more"), pointing at the first one (``Location`` with its span) so a click selects it.
The language is the proposal's spell-check language (``spelling.spelling_language``);
words the writer ignored in this proposal are left out.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from editor.core import spelling
from editor.i18n import N_

RULE = "spelling"
MAX_NAMED = 8
_CACHE_SIZE = 4096  # every section and table cell of a large proposal, so a check redoes the edited ones only
_cache: dict[tuple[str, str, frozenset], list] = {}

# Names of data sets and titles of resources are often in the other language: either is right.
_EITHER_LANGUAGE = frozenset({("data_source", "name"), ("resource", "title")})
# (section, location kind, part, fields checked, label of the table)
_TABLES = (
    ("objectives", "objective", "objectives", ("text",), N_("the objectives")),
    ("resources", "data_source", "data_sources", ("name", "licence"), N_("the data sources")),
    ("resources", "resource", "resources", ("title",), N_("the resources")),
    ("risks", "risk", "risks", ("description", "mitigation", "owner"), N_("the risk table")),
    ("kpis", "kpi", "kpis", ("name", "unit", "measurement"), N_("the KPI table")),
)


def _misspelled(spell, text: str, ignore: frozenset) -> tuple[tuple[str, int, int], ...]:
    """The distinct wrong words of ``text`` in order of first appearance, each with its first span:
    all the rule shows (a section of 2,000 words may repeat one wrong word hundreds of times)."""
    key = (spell.language, text, ignore)
    hit = _cache.get(key)
    if hit is None:
        first: dict[str, tuple[str, int, int]] = {}
        for start, end, word in spell.misspelled(text, ignore):
            if word not in first:
                first[word] = (word, start, end)
        hit = tuple(first.values())
        if len(_cache) >= _CACHE_SIZE:
            _cache.clear()
        _cache[key] = hit
    return hit


def forget_cache() -> None:
    """Drop remembered results (after the personal word list changed)."""
    _cache.clear()


def table_cells(proposal) -> Iterator[tuple[str, str, str, str, str, str]]:
    """``(section, kind, item, field, text, label)`` of every prose cell of the structured parts."""
    for section, kind, part, fields, label in _TABLES:
        for number, item in enumerate(getattr(proposal, part), 1):
            ident = getattr(item, "id", None) or str(number)
            for field in fields:
                text = getattr(item, field)
                if text:
                    yield section, kind, ident, field, text, label


def spelling_findings(proposal, t: Callable[[str], str], nt: Callable[[str, str, int], str]) -> list:
    """The ``spelling`` findings of ``proposal``, messages through ``t``/``nt``; none while no dictionary
    is loaded and loading is left to the caller (``spelling.checker_if_ready``)."""
    from editor.core.checks import WARNING, Finding, Location
    from editor.core.model import SECTION_IDS

    spell = spelling.checker_if_ready(spelling.spelling_language(proposal))
    if spell is None:
        return []
    ignore = spelling.ignored_words(proposal)
    found: list = []

    def add(section: str, unknown: list[str], location, label: str | None) -> None:
        named = list(dict.fromkeys(unknown))
        shown = ", ".join(named[:MAX_NAMED])
        more = len(named) - MAX_NAMED
        if more > 0:
            shown += nt(" and {count} more", " and {count} more", more).format(count=more)
        if label is None:
            text = nt("Possibly misspelled word: {words}.", "Possibly misspelled words: {words}.", len(named))
            found.append(Finding(RULE, WARNING, section, text.format(words=shown), location))
        else:
            text = nt("Possibly misspelled word in {table}: {words}.", "Possibly misspelled words in {table}: {words}.",
                      len(named))
            found.append(Finding(RULE, WARNING, section, text.format(table=t(label), words=shown), location))

    for sid in SECTION_IDS:
        wrong = _misspelled(spell, proposal.sections[sid], ignore)
        if wrong:
            _word, start, end = wrong[0]
            add(sid, [w for w, _s, _e in wrong], Location("text", start=start, end=end), None)
    tables: dict[tuple[str, str], tuple[list[str], object]] = {}
    other, other_asked = None, False  # the other language's checker: asked for only when such a cell needs it
    for section, kind, item, field, text, label in table_cells(proposal):
        wrong = _misspelled(spell, text, ignore)
        if wrong and (kind, field) in _EITHER_LANGUAGE:
            if not other_asked:
                other, other_asked = spelling.checker_if_ready("en" if spell.language == "fr" else "fr"), True
            if other is not None:
                wrong = [w for w in wrong if not other.is_correct(w[0])]
        if wrong:
            words, first = tables.setdefault((section, label), ([], None))
            if first is None:
                first = Location(kind, item, field, wrong[0][1], wrong[0][2])
            words += [w for w, _s, _e in wrong]
            tables[(section, label)] = (words, first)
    for (section, label), (words, first) in tables.items():
        add(section, words, first, label)
    return found
