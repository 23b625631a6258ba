"""Which parts of a proposal cover the guide's six MLOps pillars.

A pillar is covered by a component of the architecture whose catalogue tool
covers it (Docker: containerization and reproducibility), or by words of the
proposal: the pillar's own vocabulary in French and English
(``resources/architecture/pillars.yaml``) and the catalogue's tool names and
aliases. Words match whole, case and accents ignored, a final "s" or "x"
optional, across every section's text, the objectives, risks and KPIs.

``pillar_coverage(proposal, language)`` is the one entry point (the review
panel, the ``pillar-not-covered`` check rule and the instructor report use it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

import yaml

from editor.core.architecture.catalogue import PILLARS, component_name, load_catalogue
from editor.core.model import SECTION_IDS, Proposal
from editor.core.vocab import fold

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_JOINER = re.compile(r"[ \t/'’-]{1,3}")  # what may stand between the words of one term ("CI/CD", "l'équipe")
MAX_EVIDENCE = 50  # per pillar: enough to show, bounded for a huge file


@dataclass(frozen=True)
class Evidence:
    """One thing that covers a pillar: a component of the diagram, or words of a section.

    ``kind`` is ``component`` (``text`` is its name, ``item`` its id) or ``text`` (``text``
    the words as written, ``section`` where, ``field``/``item`` the part of the section:
    ``""`` for its prose, ``objective``/``risk``/``kpi`` and the item's number or id,
    ``start``/``end`` the span in that text).
    """

    kind: str
    text: str
    section: str = "architecture"
    field: str = ""
    item: str = ""
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True)
class PillarCoverage:
    """One pillar: its title in the asked language, and what covers it (nothing: not covered)."""

    pillar: str
    title: str
    components: tuple[Evidence, ...]
    words: tuple[Evidence, ...]

    @property
    def covered(self) -> bool:
        return bool(self.components or self.words)

    def terms(self) -> list[str]:
        """The distinct words found, as written (first spelling of each)."""
        seen: dict[str, str] = {}
        for e in self.words:
            seen.setdefault(fold(e.text), e.text)
        return list(seen.values())


@cache
def _pillar_data() -> dict:
    from editor.paths import resources_dir

    text = (resources_dir() / "architecture" / "pillars.yaml").read_text(encoding="utf-8")
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def example_tools(pillar: str) -> list[str]:
    """Catalogue keys of tools to suggest for ``pillar``."""
    return list(_pillar_data().get("examples", {}).get(pillar, []))


@cache
def _vocabulary() -> dict[tuple[str, ...], frozenset[str]]:
    """Folded words (as token tuples) -> the pillars they show."""
    raw = _pillar_data()
    vocab: dict[tuple[str, ...], set[str]] = {}
    for pillar in PILLARS:
        for lang in ("en", "fr"):
            for term in raw[pillar][lang]:
                vocab.setdefault(tuple(fold(term).split()), set()).add(pillar)
    for tool in load_catalogue().tools:
        if tool.pillars:
            for term in tool.matches():
                vocab.setdefault(tuple(term.split()), set()).update(tool.pillars)
    return {k: frozenset(v) for k, v in vocab.items() if k}


def _plurals(word: str) -> tuple[str, ...]:
    return (word, word + "s", word + "x") if len(word) > 2 else (word,)


@cache
def _index() -> tuple[dict[str, tuple[str, ...]], dict[tuple[str, str], list[tuple[str, ...]]]]:
    """One-word terms by their word (plurals too); longer terms by their first two words, longest first."""
    singles: dict[str, tuple[str, ...]] = {}
    pairs: dict[tuple[str, str], list[tuple[str, ...]]] = {}
    for term in sorted(_vocabulary(), key=len, reverse=True):
        if len(term) == 1:
            for word in _plurals(term[0]):
                singles.setdefault(word, term)
        else:
            for second in (_plurals(term[1]) if len(term) == 2 else (term[1],)):
                pairs.setdefault((term[0], second), []).append(term)
    return singles, pairs


def _fold_word(word: str) -> str:
    low = word.lower()
    return low if low.isascii() else fold(low)  # most words: no accent to strip, no costly fold


def _same_word(token: str, wanted: str, last: bool) -> bool:
    return token == wanted or (last and len(wanted) > 2 and token in (wanted + "s", wanted + "x"))


@lru_cache(maxsize=2048)  # while a student types, the other sections' texts are found here at once
def find_terms(text: str) -> tuple[tuple[int, int, frozenset[str]], ...]:
    """(start, end, pillars) of each pillar word in ``text``, longest match first, no overlaps."""
    singles, pairs = _index()
    vocab = _vocabulary()
    matches = list(_WORD.finditer(text))
    words = [_fold_word(m.group()) for m in matches]
    out, i, count = [], 0, len(words)
    while i < count:
        hit = None
        if i + 1 < count:
            for term in pairs.get((words[i], words[i + 1]), ()):
                n = len(term)
                if i + n <= count and all(_same_word(words[i + k], term[k], k == n - 1) for k in range(2, n)) \
                        and all(_JOINER.fullmatch(text, matches[i + k - 1].end(), matches[i + k].start())
                                for k in range(1, n)):
                    hit = term
                    break
        if hit is None:
            hit = singles.get(words[i])
        if hit:
            out.append((matches[i].start(), matches[i + len(hit) - 1].end(), vocab[hit]))
            i += len(hit)
        else:
            i += 1
    return tuple(out)


def _texts(proposal: Proposal):
    """(section, field, item, text) of every piece of the proposal's prose."""
    for sid in SECTION_IDS:
        yield sid, "", "", proposal.sections[sid]
    for n, objective in enumerate(proposal.objectives, 1):
        yield "objectives", "objective", str(n), objective.text
    for risk in proposal.risks:
        yield "risks", "risk", risk.id, f"{risk.description}\n{risk.mitigation}"
    for kpi in proposal.kpis:
        yield "kpis", "kpi", kpi.id, f"{kpi.name}\n{kpi.measurement}"


def pillar_coverage(proposal: Proposal, language: str) -> list[PillarCoverage]:
    """For each of the guide's six pillars, in its order: the components and words that cover it."""
    from editor.core.guide import load_guide

    catalogue = load_catalogue()
    components: dict[str, list[Evidence]] = {p: [] for p in PILLARS}
    for c in proposal.architecture.components:
        tool = catalogue.tool(c.key) if c.key else None
        for pillar in tool.pillars if tool else ():
            components[pillar].append(Evidence("component", component_name(c, language), item=c.id))
    words: dict[str, list[Evidence]] = {p: [] for p in PILLARS}
    for sid, field, item, text in _texts(proposal):
        if not text:
            continue
        for start, end, pillars in find_terms(text):
            for pillar in pillars:
                if len(words[pillar]) < MAX_EVIDENCE:
                    words[pillar].append(Evidence("text", text[start:end], sid, field, item, start, end))
    titles = {p.id: p.title for p in load_guide(language).mlops.pillars}
    return [PillarCoverage(p, titles.get(p, p), tuple(components[p]), tuple(words[p])) for p in PILLARS]


__all__ = ["Evidence", "PillarCoverage", "example_tools", "find_terms", "pillar_coverage"]
