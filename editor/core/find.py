"""Find and replace across the whole proposal: section texts, the title, the diagram's caption,
objectives and table cells.

``find_all(proposal, query, case_sensitive, whole_word)`` searches the model (never the
widgets) and returns ``Match``es in the guide's order: a section's text first, then its
structured parts row by row. Each match names its place as a ``checks.Location`` with the
span in that text, so the window can show the section and select it.
``replace(proposal, matches, replacement)`` returns a copy of the proposal with those
matches replaced, for the caller to apply as one undoable step.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from editor.core.checks import Location
from editor.core.model import SECTION_IDS, Proposal

MAX_MATCHES = 10_000

# Section -> (location kind, proposal part, searchable fields), in the order the page shows them.
FIELDS: dict[str, tuple[tuple[str, str, tuple[str, ...]], ...]] = {
    "objectives": (("objective", "objectives", ("text",)),),
    "resources": (("data_source", "data_sources", ("name", "url", "licence")), ("resource", "resources", ("title", "url"))),
    "risks": (("risk", "risks", ("description", "mitigation", "owner")),),
    "kpis": (("kpi", "kpis", ("name", "unit", "measurement")),),
}
PART_OF_KIND = {kind: part for parts in FIELDS.values() for kind, part, _f in parts}


@dataclass(frozen=True)
class Match:
    section: str
    location: Location  # kind, item, field, start, end

    @property
    def start(self) -> int:
        return self.location.start or 0

    @property
    def end(self) -> int:
        return self.location.end or 0


def texts(proposal: Proposal) -> Iterator[tuple[str, Location, str]]:
    """``(section, place, text)`` of every searchable text, in the guide's order."""
    for sid in SECTION_IDS:
        if sid == "title":
            yield sid, Location("title", field="title"), proposal.metadata.title
        yield sid, Location("text"), proposal.sections[sid]
        if sid == "architecture":
            yield sid, Location("diagram", field="caption"), proposal.diagram.caption
        for kind, part, fields in FIELDS.get(sid, ()):
            for number, item in enumerate(getattr(proposal, part), 1):
                ident = getattr(item, "id", None) or str(number)
                for field in fields:
                    yield sid, Location(kind, ident, field), getattr(item, field)


def pattern(query: str, case_sensitive: bool = False, whole_word: bool = False) -> re.Pattern | None:
    if not query:
        return None
    body = re.escape(query)
    if whole_word:
        body = rf"(?<!\w){body}(?!\w)"
    return re.compile(body, 0 if case_sensitive else re.IGNORECASE)


def find_all(proposal: Proposal, query: str, case_sensitive: bool = False, whole_word: bool = False) -> list[Match]:
    """Every occurrence of ``query`` (plain text, not a pattern), at most ``MAX_MATCHES``."""
    rx = pattern(query, case_sensitive, whole_word)
    if rx is None:
        return []
    out: list[Match] = []
    for sid, place, text in texts(proposal):
        for m in rx.finditer(text):
            out.append(Match(sid, Location(place.kind, place.item, place.field, m.start(), m.end())))
            if len(out) >= MAX_MATCHES:
                return out
    return out


def _item_index(items: list, kind: str, ident: str) -> int:
    if kind in ("risk", "kpi"):
        return next((i for i, it in enumerate(items) if it.id == ident), -1)
    return int(ident) - 1 if ident.isdigit() else -1


def replace(proposal: Proposal, matches: list[Match], replacement: str) -> Proposal:
    """A copy of ``proposal`` with each of ``matches`` replaced by ``replacement`` (stale ones skipped)."""
    out = proposal.model_copy(deep=True)
    by_place: dict[tuple[str, str, str, str], list[Match]] = {}
    for m in matches:
        loc = m.location
        by_place.setdefault((m.section, loc.kind, loc.item, loc.field), []).append(m)
    for (sid, kind, ident, field), group in by_place.items():
        if kind == "text":
            out.sections[sid] = _replaced(out.sections[sid], group, replacement)
        elif kind == "title":
            out.metadata.title = _replaced(out.metadata.title, group, replacement)
        elif kind == "diagram":
            out.diagram = out.diagram.model_copy(update={"caption": _replaced(out.diagram.caption, group, replacement)})
        else:
            items = getattr(out, PART_OF_KIND[kind])
            index = _item_index(items, kind, ident)
            if 0 <= index < len(items):
                value = _replaced(getattr(items[index], field), group, replacement)
                items[index] = type(items[index]).model_validate({**items[index].model_dump(), field: value})
    return out


def _replaced(text: str, group: list[Match], replacement: str) -> str:
    for m in sorted(group, key=lambda m: m.start, reverse=True):
        if 0 <= m.start <= m.end <= len(text):
            text = text[: m.start] + replacement + text[m.end :]
    return text
