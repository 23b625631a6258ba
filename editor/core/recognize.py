"""Objectives, risks, KPIs and data sources written in a section's text instead of its table.

A student often types the structured parts as prose: "Nos objectifs sont les suivants :
1. Réduire … 2. Automatiser …", a bulleted list of KPIs, "Risque : … / Mitigation : …" pairs, a
table pasted from Word or LibreOffice Calc (tab-separated) or written in GFM pipes.
:func:`recognize` finds them in one section's text (sections 4, 6, 7 and 8), leaves out the ones
the structured part already holds, and returns each candidate with its span in the text;
:func:`move_into_structure` gives the section's text without them (an introduction such as "Nos
objectifs MLOps sont les suivants :" stays) and the structured list with them added.
Fields of each item are read by :mod:`editor.core.recognize_fields`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from editor.core import recognize_fields as rf
from editor.core.formats import mdfields
from editor.core.formats.mdtables import decode_cell, find_tables, parse_table
from editor.core.model import Proposal
from editor.core.risks import parse_tsv
from editor.core.vocab import fold

#: section id -> the Proposal list its text's items belong to
SECTION_PARTS: dict[str, str] = {"objectives": "objectives", "resources": "data_sources", "risks": "risks", "kpis": "kpis"}
_TABLE_KINDS = {"risks": "risks", "kpis": "kpis", "data-sources": "data_sources"}
MAX_LINE = 4000  # a longer line is not an item anyone types; it is skipped, not scanned
# A section is read this far for items (a 20,000-word proposal has about 2,000 lines in all), and
# no more items than this are offered: a hostile file costs the check milliseconds, not seconds.
MAX_SCAN_LINES = 2000
MAX_SCAN_CHARS = 500_000
MAX_ITEMS = 200

_ITEM = re.compile(r"^(?P<indent>[ \t]{0,3})(?P<marker>\d{1,2}[.)]|[-*+•–·▪◦‣])[ \t]+(?P<text>\S.*)$")
_LABELLED = re.compile(
    r"^[ \t]{0,3}(?:[-*+•][ \t]+)?(?:\*\*|__)?(?:objectifs?|objectives?|obj\.?|kpis?|indicateurs?)[ \t]*(?P<n>\d{1,2})"
    r"(?:\*\*|__)?[ \t]*[:.)–—-][ \t]*(?:\*\*|__)?[ \t]*(?P<text>\S.*)$",
    re.IGNORECASE,
)
_LIST_MARK = re.compile(r"[ \t]{0,3}(?:[-*+•]|\d{1,2}[.)])?[ \t]*")
_INLINE_MARK = re.compile(r"(?:(?<=\s)|^)(\d{1,2})[.)][ \t]+(?=\S)")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_HEADING = re.compile(r"^ {0,3}#{1,6}(?:\s|$)")
_OBJECTIVE_HEADER = re.compile(r"^(?:objectifs?|objectives?)(?:\s.*)?$")
_DATA_WORDS = re.compile(r"\b(?:donnees?|datasets?|data\s*sets?|jeux?\s+de\s+donnees|open\s*data|opendata|corpus|csv"
                         r"|bases?\s+de\s+donnees|databases?)\b")
_DATA_HOSTS = re.compile(r"kaggle\.com|data\.gouv|huggingface\.co/datasets|zenodo\.org|archive\.ics\.uci\.edu|data\.europa\.eu"
                         r"|opendata|open-data|openml\.org|data\.world|/datasets?/|\.csv\b", re.IGNORECASE)
_DOC_WORDS = re.compile(r"\b(?:documentation|docs?|tutoriels?|tutorials?|articles?|guides?|blog|cours|courses?|videos?"
                        r"|livres?|books?|papers?|poc|depot|repository|repo|prise en main|getting started)\b")
_REPO_HOSTS = re.compile(r"github\.com|gitlab\.|bitbucket\.org|codeberg\.org", re.IGNORECASE)
_URL = re.compile(r"https?://", re.IGNORECASE)


@dataclass(frozen=True)
class Candidate:
    """One item found in the text: the model object it would become, and its characters."""

    item: Any
    start: int
    end: int


@dataclass(frozen=True)
class Found:
    """What :func:`recognize` found in one section: new ``candidates`` for the ``part`` list, and the
    ``spans`` of text a move takes out (the candidates, whole tables, items the part already holds)."""

    section: str
    part: str
    candidates: tuple[Candidate, ...]
    spans: tuple[tuple[int, int], ...]

    @property
    def count(self) -> int:
        return len(self.candidates)

    @property
    def start(self) -> int:
        return min(s for s, _e in self.spans)

    @property
    def end(self) -> int:
        return max(e for _s, e in self.spans)


class _Text:
    """A section's lines with their offsets; lines inside code fences, HTML comments or too long are opaque."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.lines = text.split("\n")
        self.starts: list[int] = []
        offset = 0
        for line in self.lines:
            self.starts.append(offset)
            offset += len(line) + 1
        self.opaque: set[int] = set()
        self.used: set[int] = set()
        fence, comment = None, False
        for i, line in enumerate(self.lines):
            m = _FENCE.match(line)
            if fence is not None:
                self.opaque.add(i)
                if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence):
                    fence = None
            elif m:
                fence = m.group(1)
                self.opaque.add(i)
            elif comment or line.lstrip().startswith("<!--"):
                self.opaque.add(i)
                comment = "-->" not in line[line.find("<!--") + 4 if not comment else 0:]
            elif len(line) > MAX_LINE:
                self.opaque.add(i)

    def free(self, i: int) -> bool:
        return i not in self.opaque and i not in self.used

    def span(self, first: int, last: int) -> tuple[int, int]:
        """Characters of lines ``first``..``last`` with the line break after them."""
        return self.starts[first], min(len(self.text), self.starts[last] + len(self.lines[last]) + 1)

    def next_filled(self, i: int) -> int | None:
        return next((k for k in range(i, len(self.lines)) if self.lines[k].strip()), None)

    def intro(self, first: int) -> str:
        """The non-blank line before line ``first`` (a list's introduction or heading), folded."""
        k = first - 1
        while k >= 0 and not self.lines[k].strip():
            k -= 1
        return fold(self.lines[k]) if k >= 0 else ""


# Each raw item: (text, start, end); each block: (items, spans to cut, intro).
_Item = tuple[str, int, int]


def _item_line(line: str) -> tuple[str, int, str] | None:
    """(family, indent, text) of a list item line: "ordered", "bullet" or "labelled" ("Objectif 1 :")."""
    m = _LABELLED.match(line)
    if m:
        return "labelled", 0, m.group("text")
    m = _ITEM.match(line)
    if m:
        family = "ordered" if m.group("marker")[0].isdigit() else "bullet"
        return family, len(m.group("indent").expandtabs(4)), m.group("text")
    return None


def _lists(t: _Text) -> list[tuple[list[_Item], str]]:
    """Every list block (items with their continuation lines) and its introduction."""
    blocks = []
    i, n = 0, len(t.lines)
    while i < n:
        head = _item_line(t.lines[i]) if t.free(i) else None
        if head is None:
            i += 1
            continue
        family, base, _text = head
        items: list[list] = []  # [text parts, first line, last line]
        j = i
        while j < n and t.free(j):
            line = t.lines[j]
            found = _item_line(line)
            if found and found[0] == family and found[1] <= base + 1:
                items.append([[found[2]], j, j])
            elif found and found[1] > base + 1:  # a nested item belongs to the item above
                items[-1][0].append(line.strip())
                items[-1][2] = j
            elif found:  # a list of another kind starts
                break
            elif not line.strip():
                k = t.next_filled(j)
                nxt = _item_line(t.lines[k]) if k is not None else None
                if k is None or not (nxt and nxt[0] == family and nxt[1] <= base + 1 or t.lines[k].startswith(("  ", "\t"))):
                    break
                j = k  # over the blank lines at once: a long run of them costs one pass
                continue
            elif line.startswith(("  ", "\t")) or (t.lines[j - 1].strip() and not _HEADING.match(line) and "|" not in line):
                if sum(map(len, items[-1][0])) > MAX_LINE:
                    break  # no item is that long: the rest is not part of it
                items[-1][0].append(line.strip())
                items[-1][2] = j
            else:
                break
            j += 1
        if items:
            raw = [(" ".join(parts), *t.span(first, last)) for parts, first, last in items]
            blocks.append((raw, t.intro(i)))
            t.used.update(range(i, items[-1][2] + 1))
        i = max(j, i + 1)
    return blocks


def _inline_lists(t: _Text) -> list[tuple[list[_Item], str]]:
    """"… suivants : 1. Réduire … 2. Automatiser …" on one line: items numbered 1, 2, 3… in order."""
    blocks = []
    for i, line in enumerate(t.lines):
        if not t.free(i) or "1" not in line:
            continue
        marks, expected = [], 1
        for m in _INLINE_MARK.finditer(line):
            if int(m.group(1)) == expected:
                marks.append(m)
                expected += 1
        if len(marks) < 2:
            continue
        base = t.starts[i]
        raw = []
        for k, m in enumerate(marks):
            end = marks[k + 1].start() if k + 1 < len(marks) else len(line)
            raw.append((line[m.end():end], base + m.start(), base + end))
        blocks.append((raw, fold(line[: marks[0].start()])))
        t.used.add(i)
    return blocks


def _risk_pairs(t: _Text) -> list[tuple[list[_Item], str]]:
    """"Risque : … / Mitigation : …" written over several lines (bullets or not, blank lines between)."""
    def label_at_start(line: str):
        body = line[_LIST_MARK.match(line).end():]
        m = rf.RISK_LABEL.match(body)
        return (("description" if m.group("description") else "other"), body) if m else None

    blocks = []
    i, n = 0, len(t.lines)
    while i < n:
        head = label_at_start(t.lines[i]) if t.free(i) else None
        if head is None or head[0] != "description":
            i += 1
            continue
        items: list[list] = []
        j = i
        while j < n and t.free(j):
            found = label_at_start(t.lines[j]) if t.lines[j].strip() else None
            if found and found[0] == "description":
                items.append([[found[1]], j, j])
            elif found:
                items[-1][0].append(found[1])
                items[-1][2] = j
            elif not t.lines[j].strip():
                k = t.next_filled(j)
                if k is None or label_at_start(t.lines[k]) is None:
                    break
                j = k
                continue
            else:
                break
            j += 1
        raw = [(" / ".join(parts), *t.span(first, last)) for parts, first, last in items]
        blocks.append((raw, t.intro(i)))
        t.used.update(range(i, items[-1][2] + 1))
        i = j
    return blocks


def _tables(t: _Text, part: str, existing: list) -> list[tuple[list[Candidate], tuple[int, int]]]:
    """Pipe tables and tab-separated tables (as pasted from a word processor or a spreadsheet)."""
    found = []
    for start, end in find_tables(t.lines, t.opaque | t.used):
        end = min(end, start + 2 + MAX_ITEMS)
        headers, rows = parse_table(t.lines[start:end])
        found.append((start, end, headers, rows, list(range(start + 2, end))))
    i, n = 0, len(t.lines)
    while i < n:
        if not t.free(i) or "\t" not in t.lines[i]:
            i += 1
            continue
        j, quoted = i, False
        while j < n and t.free(j) and ("\t" in t.lines[j] or quoted):
            quoted ^= t.lines[j].count('"') % 2 == 1
            j += 1
        rows = [r for r in parse_tsv("\n".join(t.lines[i:min(j, i + 1 + MAX_ITEMS)])) if any(c.strip() for c in r)]
        if len(rows) >= 2 and len(rows[0]) >= 2:
            found.append((i, j, rows[0], rows[1:], None))
        i = j
    out = []
    for start, end, headers, rows, row_lines in found:
        items = _table_items(part, headers, rows, existing)
        if items is None:
            continue
        t.used.update(range(start, end))
        whole = t.span(start, end - 1)
        spans = [t.span(row_lines[k], row_lines[k]) if row_lines else whole for k in range(len(items))]
        out.append(([Candidate(item, s, e) for item, (s, e) in zip(items, spans) if item is not None], whole))
    return out


def _table_items(part: str, headers: list[str], rows: list[list[str]], existing: list) -> list | None:
    if part == "objectives":
        if not headers or not _OBJECTIVE_HEADER.match(fold(headers[0])):
            return None
        return [_objective_row(headers, r) if r and r[0].strip() else None for r in rows]
    kind = mdfields.table_kind(headers)
    if kind is None or _TABLE_KINDS.get(kind) != part:
        return None
    items = mdfields.read_rows(kind, headers, rows, list(existing), [], keep_empty=True)
    blank = {"risks": "description", "kpis": "name", "data_sources": "name"}[part]
    return [item if getattr(item, blank).strip() else None for item in items]


def _objective_row(headers: list[str], row: list[str]):
    """An objective from a table row; its other columns ("Indicateur", "Cible") stay in its text."""
    parts = [decode_cell(row[0])]
    for header, cell in zip(headers[1:], row[1:]):
        if cell.strip():
            parts.append(f"{header}: {decode_cell(cell)}" if header.strip() else decode_cell(cell))
    return rf.objective_from(" — ".join(parts))


def _value_lines(t: _Text) -> list[tuple[list[_Item], str]]:
    """KPI lines outside lists: "Temps de déploiement : 21 jours → 1 jour d'ici juin 2027"."""
    blocks = []
    for i, line in enumerate(t.lines):
        if t.free(i) and rf.kpi_line(line):
            blocks.append(([(line, *t.span(i, i))], ""))
            t.used.add(i)
    return blocks


def _is_data_source(text: str, intro: str) -> bool:
    if not _URL.search(text):
        return False
    folded = fold(text)
    if rf.LICENCE.search(text) or re.search(r"\blicen[cs]e\b", folded):
        return True
    if _DATA_HOSTS.search(text):
        return True
    if _REPO_HOSTS.search(text) or _DOC_WORDS.search(folded):
        return bool(_DATA_WORDS.search(folded)) and not _DOC_WORDS.search(folded)
    return bool(_DATA_WORDS.search(folded) or _DATA_WORDS.search(intro) or re.search(r"\bdata\b", intro))


def _url_lines(t: _Text) -> list[tuple[list[_Item], str]]:
    return [([(line, *t.span(i, i))], t.intro(i)) for i, line in enumerate(t.lines) if t.free(i) and _URL.search(line)]


def _parse(part: str, text: str):
    parser = {"objectives": rf.objective_from, "risks": rf.risk_from, "kpis": rf.kpi_from,
              "data_sources": rf.data_source_from}[part]
    return parser(text)


def _key(part: str, item) -> str:
    if part == "objectives":
        return fold(item.text)
    if part == "risks":
        return fold(item.description)
    if part == "kpis":
        return fold(item.name)
    return fold(item.name) + "\n" + item.url.rstrip("/").casefold()


def find_in_text(text: str, part: str, existing: list | None = None) -> tuple[list[Candidate], list[tuple[int, int]]]:
    """Every item of ``part`` written in ``text``: the candidates in text order, and the spans of
    the whole tables they come from; ``existing`` items give table rows their next ids."""
    if len(text) > MAX_SCAN_CHARS:
        text = text[: text.rfind("\n", 0, MAX_SCAN_CHARS) + 1 or MAX_SCAN_CHARS]
    cut = -1
    for _n in range(MAX_SCAN_LINES):
        cut = text.find("\n", cut + 1)
        if cut < 0:
            break
    t = _Text(text if cut < 0 else text[:cut])
    candidates: list[Candidate] = []
    cuts: list[tuple[int, int]] = []
    for cells, whole in _tables(t, part, existing or []):
        candidates += cells
        cuts.append(whole)
    blocks = _risk_pairs(t) if part == "risks" else []
    blocks += _lists(t) + _inline_lists(t)
    if part == "kpis":
        blocks += _value_lines(t)
    if part == "data_sources":
        blocks += _url_lines(t)
    for items, intro in blocks:
        for raw, start, end in items:
            if len(candidates) >= MAX_ITEMS:
                break
            if part == "data_sources" and not _is_data_source(raw, intro):
                continue
            item = _parse(part, raw)
            if item is not None:
                candidates.append(Candidate(item, start, end))
    candidates.sort(key=lambda c: c.start)
    return candidates[:MAX_ITEMS], cuts


def recognize(proposal: Proposal, section_id: str) -> Found | None:
    """The items of ``section_id``'s text that its structured part does not hold yet, or None."""
    part = SECTION_PARTS.get(section_id)
    text = proposal.sections.get(section_id, "")
    if part is None or not text.strip():
        return None
    existing = getattr(proposal, part)
    candidates, cuts = find_in_text(text, part, existing)
    known = {_key(part, item) for item in existing}
    new: list[Candidate] = []
    spans = list(cuts)
    for c in candidates:
        key = _key(part, c.item)
        if key not in known:
            known.add(key)
            new.append(c)
        spans.append((c.start, c.end))  # an item the part already holds goes out of the text too
    if not new:
        return None
    return Found(section_id, part, tuple(new), tuple(_merge(spans)))


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def _cut(text: str, start: int, end: int) -> str:
    before, after = text[:start], text[end:]
    if start > 0 and text[start - 1] != "\n":  # an inline list: its introduction stays on its line
        return before.rstrip(" \t") + after
    before, after = before.rstrip("\n"), after.lstrip("\n")
    return before + ("\n\n" if before and after else "") + after


def _fresh_ids(used: set[str], count: int, prefix: str) -> list[str]:
    numbers = [int(i[len(prefix):]) for i in used if i.startswith(prefix) and i[len(prefix):].isdigit()]
    n, out = max(numbers, default=0) + 1, []
    while len(out) < count:
        if f"{prefix}{n}" not in used:
            out.append(f"{prefix}{n}")
        n += 1
    return out


def move_into_structure(proposal: Proposal, found: Found) -> tuple[str, list]:
    """The section's text without the found items (and their tables), and the part's list with
    them added (risks and KPIs get fresh ids). Nothing is changed in ``proposal``."""
    text = proposal.sections[found.section]
    for start, end in reversed(found.spans):
        text = _cut(text, start, end)
    existing = [item.model_copy(deep=True) for item in getattr(proposal, found.part)]
    new = [c.item.model_copy(deep=True) for c in found.candidates]
    if found.part in ("risks", "kpis"):
        used = {item.id for item in existing}
        if found.part == "kpis":
            used |= {i for objective in proposal.objectives for i in objective.kpi_ids}
        ids = _fresh_ids(used, len(new), "R" if found.part == "risks" else "K")
        new = [item.model_copy(update={"id": i}) for item, i in zip(new, ids)]
    return text.strip("\n"), existing + new


def recognize_all(proposal: Proposal) -> dict[str, Found]:
    """:func:`recognize` for every section whose text may hold structured items."""
    out = {}
    for sid in SECTION_PARTS:
        found = recognize(proposal, sid)
        if found is not None:
            out[sid] = found
    return out


__all__ = ["SECTION_PARTS", "Candidate", "Found", "find_in_text", "move_into_structure", "recognize", "recognize_all"]
