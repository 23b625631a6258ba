"""Markdown, the native file format: lossless, readable, rendered right by GitHub.

A file we write is a YAML front matter (``format: mlops-proposal/1``), the
title as a level-1 heading, then one ``##`` heading per guide section in the
document's language. A section holds the student's prose exactly as typed,
then its structured parts, each after an invisible marker comment
(``<!-- proposal:risks -->``) as a GFM table or a numbered list.

Two rules keep the round trip lossless for any text:
- a prose line that would read back as a section heading or a marker gets one
  more leading backslash (the reader removes exactly one);
- a code fence or raw HTML block (a comment, say) left open at the end of a
  section is closed, followed by a marker that tells the reader to drop that
  closing line; lines inside fences and such blocks are never headings.

This module writes the format. Reading it (and files written by hand, found
by the guide's headings in French or English) is :mod:`mdread`'s job, and the
line rules both follow are in :mod:`mdlines`; ``read_markdown``,
``load_markdown`` and ``decode_text`` are re-exported here, so callers import
one module for both directions.
"""

from __future__ import annotations

import os
import re
from urllib.parse import quote

import yaml

from editor.core.formats import mdfields as fields
from editor.core.formats.mdarchitecture import architecture_block
from editor.core.formats.mdlines import (
    AUTOCLOSE,
    MARKER_PREFIX,
    Blocks,
    atx_heading,
    escape_line,
    heading_section,
    match_section_heading,
)
from editor.core.formats.mdread import (  # the reader, re-exported
    decode_text,
    load_markdown,
    read_markdown,
)
from editor.core.formats.mdtables import encode_cell
from editor.core.formats.urls import url_scheme
from editor.core.guide import section_title
from editor.core.model import FORMAT_ID, SECTION_IDS, Proposal
from editor.core.storage import atomic_write_text
from editor.i18n import translator

_URL_SAFE = "/:@!$'*+,;=-._~?#&"


# --- writing ----------------------------------------------------------------

def _prose_lines(text: str) -> list[str]:
    out: list[str] = []
    blocks = Blocks()
    for line in text.split("\n"):
        out.append(line if blocks.opaque(line) else escape_line(line))
    closer = blocks.closer()
    if closer:
        out += [closer, AUTOCLOSE]
    return out


def _front_matter(p: Proposal) -> list[str]:
    md = p.metadata
    data: dict = {"format": FORMAT_ID, "title": md.title, "authors": list(md.authors), "language": md.language}
    if md.created:
        data["created"] = md.created.isoformat()
    if md.updated:
        data["updated"] = md.updated.isoformat()
    data["template"] = md.template_id
    data["template_version"] = md.template_version
    for key, value in md.extra.items():
        data.setdefault(key, value)
    text = yaml.dump(data, Dumper=_FrontMatterDumper, sort_keys=False, allow_unicode=True, width=1 << 20,
                     default_flow_style=None)
    return ["---", *text.rstrip("\n").split("\n"), "---"]


class _FrontMatterDumper(yaml.SafeDumper):
    """Strings holding a character YAML reads as a line break (U+0085, U+2028, U+2029) are
    double-quoted, where they are written as escapes (``\\N``) and read back as themselves."""


def _represent_str(dumper: yaml.SafeDumper, value: str):
    style = '"' if any(ch in value for ch in "\x85\u2028\u2029") else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_FrontMatterDumper.add_representer(str, _represent_str)


def _h1(title: str) -> str:
    # A title ending in "#" gets a closing sequence, which Markdown drops instead of the title's own "#".
    return escape_line("# " + title + (" #" if title.rstrip().endswith("#") else ""))


def encode_url(url: str) -> str:
    return quote(url, safe=_URL_SAFE)


def encode_image_path(path: str) -> str:
    """A diagram's link: a web address as it is, a file name with its ``#`` and ``?`` encoded
    (``arch#1.png`` is a file, not ``arch`` and a fragment)."""
    if url_scheme(path):
        return encode_url(path)
    return quote(path, safe=_URL_SAFE.replace("?", "").replace("#", ""))


_ITEM_BLOCK_START = re.compile(r"(#{1,6}|[-+*>])(?=\s|$)|(\d{1,9})([.)])(?=\s|$)")


def _item_text(text: str) -> str:
    """A list item's text, its start escaped when Markdown would read it as a heading, a quote
    or a nested list ("1. # x" is a heading on GitHub, "1. \\# x" is text)."""
    out = encode_cell(text)
    m = _ITEM_BLOCK_START.match(out)
    if m and m.group(1):
        return "\\" + out
    if m:
        return out[: m.end(2)] + "\\" + out[m.end(2):]
    return out


def _blocks(p: Proposal, sid: str, lang: str) -> list[tuple[str, list[str]]]:
    t = translator(lang)
    blocks: list[tuple[str, list[str]]] = []
    if sid == "objectives" and p.objectives:
        items = []
        for n, obj in enumerate(p.objectives, 1):
            suffix = f" <sub>KPI: {', '.join(obj.kpi_ids)}</sub>" if obj.kpi_ids else ""
            items.append(f"{n}. {_item_text(obj.text)}{suffix}")
        blocks.append(("objectives", items))
    elif sid == "architecture":
        drawn = architecture_block(p.architecture, p.sections[sid], lang)
        if drawn is not None:
            blocks.append(("architecture", drawn))
        if p.diagram.path or p.diagram.caption:
            alt = encode_cell(p.diagram.caption).replace("[", "\\[").replace("]", "\\]")
            blocks.append(("diagram", [f"![{alt}]({encode_image_path(p.diagram.path)})"]))
    elif sid == "resources":
        if p.poc_url:
            blocks.append(("poc", [f"**{t('GitHub POC')}:** {encode_cell(p.poc_url)}"]))
        if p.data_sources:
            blocks.append(("data-sources", fields.data_source_table(p.data_sources, lang)))
        if p.resources:
            blocks.append(("resources", fields.resource_table(p.resources, lang)))
    elif sid == "risks" and p.risks:
        blocks.append(("risks", fields.risk_table(p.risks, lang)))
    elif sid == "kpis" and p.kpis:
        blocks.append(("kpis", fields.kpi_table(p.kpis, lang)))
    if sid == SECTION_IDS[-1] and p.comments:
        from editor.core.formats.mdcomments import comment_lines

        blocks.append(("comments", comment_lines(p.comments, lang)))
    return blocks


def write_markdown(proposal: Proposal) -> str:
    """The proposal as a Markdown document (LF line endings, ends with a newline)."""
    lang = proposal.metadata.language
    out = _front_matter(proposal) + [""]
    if proposal.metadata.title:
        out += [_h1(proposal.metadata.title), ""]
    if proposal.unmapped:
        out += _prose_lines(proposal.unmapped) + [""]
    for sid in SECTION_IDS:
        out += ["## " + section_title(sid, lang), ""]
        text = proposal.sections[sid]
        if text:
            out += _prose_lines(text) + [""]
        for name, lines in _blocks(proposal, sid, lang):
            out += [f"{MARKER_PREFIX}{name} -->", "", *lines, ""]
    return "\n".join(out).rstrip("\n") + "\n"


def save_markdown(proposal: Proposal, path: str | os.PathLike) -> None:
    """Write the proposal to ``path`` atomically (StorageError on failure)."""
    atomic_write_text(path, write_markdown(proposal))


__all__ = [
    "atx_heading",
    "decode_text",
    "heading_section",
    "load_markdown",
    "match_section_heading",
    "read_markdown",
    "save_markdown",
    "write_markdown",
]
