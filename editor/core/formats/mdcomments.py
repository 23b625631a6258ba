"""Review comments in the Markdown file: a table after the last section, under
a "Review comments" heading, which GitHub shows as it is and the reader reads
back exactly (author, initials, date, the section and row they are anchored
to, the words they covered, the answer they reply to, resolved or not)."""

from __future__ import annotations

import datetime as dt

from editor.core.formats.mdtables import decode_cell, encode_cell, find_tables, parse_table, write_table
from editor.core.model import SECTION_IDS, Comment, CommentAnchor
from editor.core.vocab import fold
from editor.i18n import N_, translator

HEADING = N_("Review comments")
COLUMNS = (
    ("id", N_("ID")),
    ("author", N_("Author")),
    ("initials", N_("Initials")),
    ("date", N_("Date")),
    ("section", N_("Section")),
    ("on", N_("On")),
    ("quote", N_("Words")),
    ("text", N_("Comment")),
    ("reply_to", N_("Reply to")),
    ("resolved", N_("Resolved")),
)
_DONE = "✓"
_DONE_MARKS = {"✓", "✔", "☑", "✅"}
_TRUE = {"x", "yes", "oui", "true", "1", "resolved", "resolu", "done", "fait"}


def _on(anchor: CommentAnchor) -> str:
    """``risk R3 mitigation``, ``objective 2``, ``resource - poc_url`` (no item), ``diagram``."""
    parts = [anchor.kind, anchor.item, anchor.field]
    while parts and not parts[-1]:
        parts.pop()
    return " ".join(part or "-" for part in parts)


def comment_lines(comments: list[Comment], language: str) -> list[str]:
    """The block our Markdown writer puts after the last section: a heading and the table."""
    t = translator(language)
    rows = []
    for c in comments:
        number = str(SECTION_IDS.index(c.anchor.section) + 1) if c.anchor.section else ""
        rows.append([encode_cell(c.id), encode_cell(c.author), encode_cell(c.initials),
                     c.date.isoformat() if c.date else "", number, encode_cell(_on(c.anchor)),
                     encode_cell(c.anchor.quote), encode_cell(c.text), encode_cell(c.reply_to),
                     _DONE if c.resolved else ""])
    headers = [encode_cell(t(msgid)) for _key, msgid in COLUMNS]
    return ["## " + t(HEADING), "", *write_table(headers, rows)]


def _column_keys(headers: list[str]) -> dict[int, str]:
    names = {}
    for key, msgid in COLUMNS:
        for lang in ("en", "fr"):
            names.setdefault(fold(translator(lang)(msgid)), key)
    return {i: names[fold(decode_cell(h))] for i, h in enumerate(headers) if fold(decode_cell(h)) in names}


def _anchor(section: str, on: str, quote: str) -> CommentAnchor:
    sid = ""
    if section.strip().isdigit() and 1 <= int(section) <= len(SECTION_IDS):
        sid = SECTION_IDS[int(section) - 1]
    parts = [part if part != "-" else "" for part in on.split()] + ["", "", ""]
    kind, item, field = parts[:3]
    try:
        return CommentAnchor(section=sid, kind=kind, item=item, field=field, quote=quote)
    except ValueError:
        return CommentAnchor(section=sid, quote=quote)


def _free_id(comments: list[Comment]) -> str:
    used = {c.id for c in comments}
    n = len(used) + 1
    while f"C{n}" in used:
        n += 1
    return f"C{n}"


def read_comment_block(lines: list[str], warnings: list[str]) -> tuple[list[Comment], list[str]]:
    """The comments of the block after a ``comments`` marker, and the lines that were not them."""
    from editor.i18n import _

    comments: list[Comment] = []
    used: set[int] = set()
    for start, end in find_tables(lines):
        headers, rows = parse_table(lines[start:end])
        keys = _column_keys(headers)
        if "text" not in keys.values():
            continue
        used.update(range(start, end))
        for cells in rows:
            values = {keys[i]: decode_cell(c) for i, c in enumerate(cells) if i in keys}
            date = None
            if values.get("date", "").strip():
                try:
                    date = dt.datetime.fromisoformat(values["date"].strip())
                except ValueError:
                    warnings.append(_("Comment {id}: '{value}' is not a date; it was left out.").format(
                        id=values.get("id", "?"), value=values["date"]))
            cid = values.get("id", "").strip()
            if not cid or cid in {c.id for c in comments}:
                cid = _free_id(comments)
            try:
                comments.append(Comment(
                    id=cid,
                    author=values.get("author", ""), initials=values.get("initials", ""), date=date,
                    text=values.get("text", ""), reply_to=values.get("reply_to", "").strip(),
                    resolved=values.get("resolved", "").strip() in _DONE_MARKS or fold(values.get("resolved", "")) in _TRUE,
                    anchor=_anchor(values.get("section", ""), values.get("on", ""), values.get("quote", ""))))
            except ValueError:  # an id or reply written by hand that is not one: the words are kept
                comments.append(Comment(id=_free_id(comments), author=values.get("author", ""),
                                        text=values.get("text", "")))
    heading = {fold("## " + translator(lang)(HEADING)) for lang in ("en", "fr")}
    rest = [line for i, line in enumerate(lines) if i not in used and line.strip() and fold(line) not in heading]
    return comments, rest
