"""A DOCX table as a GFM table, and what its rows are in the proposal.

The Markdown reader maps a table to risks, KPIs, data sources or resources by
its header words, in its own section; this module follows the same rules to
tell which row (``R3``) and which field (``mitigation``) a comment in a cell is
anchored to, and notes a risk score typed by hand that the proposal computes.
"""

from __future__ import annotations

import re

from editor.core import import_report as notes
from editor.core.formats import mdfields as fields
from editor.core.formats.docx_inline import escape_line_start
from editor.core.formats.mdtables import encode_cell

# Table kind -> (the section whose tables the reader takes, the anchor kind, the id prefix).
_KINDS = {
    "risks": ("risks", "risk", "R"),
    "kpis": ("kpis", "kpi", "K"),
    "data-sources": ("resources", "data_source", ""),
    "resources": ("resources", "resource", ""),
}
_ID = re.compile(r"^[A-Za-z0-9_.-]{1,40}$")


def _row_ids(conv, kind: str, headers: list[str], rows: list[list[str]]) -> list[str]:
    """Each data row's id (risks, KPIs) or 1-based number, as the Markdown reader gives them."""
    _section, _anchor, prefix = _KINDS[kind]
    id_col = next((j for j, h in enumerate(headers) if fields.field_for(kind, h) == "id"), None)
    used = conv.used_ids.setdefault(kind, set())
    out = []
    for row in rows:
        if not prefix:
            used.add(str(len(used) + 1))
            out.append(str(len(used)))
            continue
        raw = row[id_col].strip() if id_col is not None and id_col < len(row) else ""
        if not (raw and _ID.match(raw) and raw not in used):
            n = len(used) + 1
            while f"{prefix}{n}" in used:
                n += 1
            raw = f"{prefix}{n}"
        used.add(raw)
        out.append(raw)
    return out


def _check_scores(conv, headers: list[str], rows: list[list[str]], ids: list[str]) -> None:
    columns = {fields.field_for("risks", h): j for j, h in reversed(list(enumerate(headers)))}
    if not {"likelihood", "impact", "score"} <= set(columns):
        return
    for rid, row in zip(ids, rows):
        cells = row + [""] * (len(headers) - len(row))
        likelihood = fields.parse_level(cells[columns["likelihood"]])
        impact = fields.parse_level(cells[columns["impact"]])
        typed = cells[columns["score"]].strip()
        m = re.match(r"^\s*(\d+)", typed)
        if typed and likelihood and impact and (m is None or int(m.group(1)) != likelihood * impact):
            conv.note(notes.SCORE, kind="risk", item=rid, field="likelihood", id=rid, text=notes.quote(typed),
                      score=likelihood * impact)


def table_markdown(conv, rows: list[list[str]], anchors: list[tuple[str, int, int, str]],
                   lines: bool = True) -> list[str]:
    """The GFM lines of a table's ``rows`` (cell texts; none without ``lines``); ``anchors``
    are the comments that start in a cell: (comment id, row, column, the cell's text)."""
    keep = [i for i, r in enumerate(rows) if any(c.strip() for c in r)]
    index_of = {orig: new for new, orig in enumerate(keep)}
    rows = [rows[i] for i in keep]
    width = max((len(r) for r in rows), default=0)
    kind = fields.table_kind(rows[0]) if width > 1 else None
    structured = kind is not None and conv.section == _KINDS[kind][0]
    ids = _row_ids(conv, kind, rows[0], rows[1:]) if structured else []
    if structured and kind == "risks" and lines:
        _check_scores(conv, rows[0], rows[1:], ids)
    for cid, row, col, text in anchors:
        r = index_of.get(row)
        if not structured or r is None:
            conv.anchor(cid, conv.section, "text")
            continue
        field = fields.field_for(kind, rows[0][col]) if col < len(rows[0]) else None
        conv.anchor(cid, conv.section, _KINDS[kind][1], ids[r - 1] if r else "", field or "", whole=text,
                    row=" ".join(c for c in rows[r] if c.strip()) if len(rows[r]) > 1 else None)
    if not rows or not lines:
        return []
    if width == 1:  # a one-column table is a framed paragraph, not data
        out = []
        for r in rows:
            out += [escape_line_start(line) for line in r[0].split("\n")] + [""]
        return out
    rows = [r + [""] * (width - len(r)) for r in rows]
    out = ["| " + " | ".join(encode_cell(c.strip()) or " " for c in rows[0]) + " |", "|" + "---|" * width]
    for r in rows[1:]:
        out.append("| " + " | ".join(encode_cell(c.strip()) for c in r) + " |")
    return out + [""]
