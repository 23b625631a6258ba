"""Reading the native Markdown format, and proposals written by hand in Markdown.

A file with our front matter (``format: mlops-proposal/1``) is cut into
sections at the guide's headings; each section's prose is unescaped (one
leading backslash the writer added comes off) and its structured parts are
read back from the blocks after each marker comment. A file written by hand is
read by the guide's headings in French or English, and structure comes only
from the tables and the objectives list; all other text stays the section's
text as written. Limits on size, lines, headings and items keep a hostile file
from costing minutes; they raise FormatError with a message for the user.

:mod:`markdown` (the writer) re-exports :func:`read_markdown`,
:func:`load_markdown` and :func:`decode_text`.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from urllib.parse import unquote

import yaml

from editor.core.formats import FormatError, ReadResult, read_file_bytes, read_with_path
from editor.core.formats import mdarchitecture
from editor.core.formats import mdfields as fields
from editor.core.formats.mdlines import (
    AUTOCLOSE,
    MARKER_PREFIX,
    NUMBERING,
    Blocks,
    atx_heading,
    heading_section,
    unescape_line,
)
from editor.core.formats.mdtables import decode_cell, find_tables, parse_table
from editor.core.guide import load_guide, section_title
from editor.core.architecture.graph import Architecture
from editor.core.model import (
    FORMAT_ID,
    LANGUAGES,
    SECTION_IDS,
    TEMPLATE_ID,
    TEMPLATE_VERSION,
    Diagram,
    Metadata,
    Objective,
    Proposal,
    normalize_newlines,
)
from editor.core.vocab import fold
from editor.i18n import N_, _, current_language

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_FRONT_MATTER_BYTES = 256 * 1024
# Far above any real proposal; they keep a hostile file from costing minutes.
MAX_ITEMS = 1000  # objectives, risks, KPIs, data sources or resources
MAX_SECTION_HEADINGS = 300
MAX_LINES = 200_000  # a 20,000-word proposal has about 2,000
MAX_COLUMNS = 64  # of a risk, KPI, data-source or resource table (Word's tables stop at 63)

_MARKER = re.compile(r"^<!-- proposal:([a-z-]+) -->$")
_OBJECTIVE_ITEM = re.compile(r"^(\d+)\. (.*?)(?: <sub>KPI: ([A-Za-z0-9_.\-, ]+)</sub>)?$")
_IMAGE = re.compile(r"^!\[((?:\\.|[^\]\\])*)\]\(([^()\s]*)\)$")
_POC = re.compile(r"^\*\*[^*\n]*\*\* ?(.*)$")


class _NoAliasLoader(yaml.SafeLoader):
    """A safe loader that refuses anchors and aliases (no alias bombs)."""

    def compose_node(self, parent, index):  # noqa: D102 - yaml API
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(None, None, "aliases are not allowed", event.start_mark)
        return super().compose_node(parent, index)


def _split_front_matter(lines: list[str]) -> tuple[dict | None, int]:
    if not lines or lines[0].rstrip() != "---":
        return None, 0
    for i in range(1, len(lines)):
        if lines[i].rstrip() in ("---", "..."):
            raw = "\n".join(lines[1:i])
            if len(raw.encode("utf-8")) > MAX_FRONT_MATTER_BYTES:
                raise FormatError(_("The front matter is too large."))
            try:
                data = yaml.load(raw, Loader=_NoAliasLoader) if raw.strip() else {}
            except RecursionError as exc:  # thousands of nested [ or { (the pure-Python loader recurses)
                raise FormatError(_("The front matter is nested too deeply.")) from exc
            except yaml.YAMLError as exc:
                raise FormatError(_("The front matter is not valid YAML: {error}").format(error=str(exc).splitlines()[0])) from exc
            if not isinstance(data, dict):
                raise FormatError(_("The front matter is not a list of 'key: value' lines."))
            return data, i + 1
    return None, 0


def _as_datetime(value) -> dt.datetime | None:
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day)
    if isinstance(value, str) and value.strip():
        return dt.datetime.fromisoformat(value.strip())
    return None


_FM_KEYS = ("format", "title", "authors", "language", "created", "updated", "template", "template_version")


def _metadata(fm: dict, warnings: list[str]) -> Metadata:
    md = Metadata()
    setters = {
        "title": lambda v: setattr(md, "title", str(v)),
        "authors": lambda v: setattr(md, "authors", [str(a) for a in v] if isinstance(v, list) else [a.strip() for a in str(v).split(",")]),
        "language": lambda v: setattr(md, "language", str(v).lower()[:2]),
        "created": lambda v: setattr(md, "created", _as_datetime(v)),
        "updated": lambda v: setattr(md, "updated", _as_datetime(v)),
        "template": lambda v: setattr(md, "template_id", str(v)),
        "template_version": lambda v: setattr(md, "template_version", int(v)),
    }
    for key, value in fm.items():
        if key in setters:
            if value is None:
                continue
            try:
                setters[key](value)
            except (ValueError, TypeError) as exc:
                warnings.append(_("Front matter field '{field}' ignored: {error}").format(field=key, error=str(exc).splitlines()[0]))
        elif key != "format":
            md.extra[str(key)] = value
    return md


class _Chunk:
    def __init__(self, sid: str | None, heading: str):
        self.sid, self.heading, self.lines = sid, heading, []


def _split_sections(lines: list[str]) -> list[_Chunk]:
    chunks = [_Chunk(None, "")]
    blocks = Blocks()
    for line in lines:
        sid = None if blocks.opaque(line) else heading_section(line)
        if sid:
            if len(chunks) > MAX_SECTION_HEADINGS:  # stop early: this file is not a proposal
                raise FormatError(_("The file has more than {count} section headings; a proposal has ten.").format(
                    count=MAX_SECTION_HEADINGS))
            chunks.append(_Chunk(sid, line))
        else:
            chunks[-1].lines.append(line)
    return chunks


def _prose_and_blocks(lines: list[str]) -> tuple[list[str], list[tuple[str | None, list[str]]]]:
    """Undo the writer's escapes; cut the chunk at markers into (prose, blocks)."""
    prose: list[str] = []
    blocks: list[tuple[str | None, list[str]]] = []
    target = prose
    state = Blocks()
    for line in lines:
        if state.opaque(line):
            target.append(line)
        elif line == AUTOCLOSE:
            if target:
                target.pop()  # the line the writer added to close a fence or block
        elif line.startswith(MARKER_PREFIX):
            m = _MARKER.match(line)
            blocks.append((m.group(1) if m else None, []))
            target = blocks[-1][1]
        else:
            target.append(unescape_line(line))
    return prose, blocks


def _parse_objectives(lines: list[str]) -> tuple[list[Objective], list[str]]:
    objectives, leftover = [], []
    for line in lines:
        m = _OBJECTIVE_ITEM.match(line)
        if m:
            ids = [i.strip() for i in (m.group(3) or "").split(",") if i.strip()]
            objectives.append(Objective(text=decode_cell(m.group(2)), kpi_ids=ids))
        elif line.strip():
            leftover.append(line)
    return objectives, leftover


def _parse_diagram(lines: list[str]) -> tuple[Diagram | None, list[str]]:
    diagram, leftover = None, []
    for line in lines:
        m = _IMAGE.match(line)
        if m and diagram is None:
            diagram = Diagram(path=unquote(m.group(2)), caption=decode_cell(m.group(1)))
        elif line.strip():
            leftover.append(line)
    return diagram, leftover


_KIND_NAMES = {
    "objectives": N_("objectives"),
    "risks": N_("risks"),
    "kpis": N_("KPIs"),
    "data_sources": N_("data sources"),
    "resources": N_("resources"),
    "comments": N_("comments"),
}


def _check_count(count: int, kind: str) -> None:
    if count > MAX_ITEMS:
        raise FormatError(_("The file lists more than {limit} {things}; it cannot be read as a proposal.").format(
            limit=MAX_ITEMS, things=_(_KIND_NAMES[kind])))


def check_counts(proposal) -> None:
    """FormatError when ``proposal`` lists more items (or extra columns) than a file may (what the reader refuses)."""
    for kind in _KIND_NAMES:
        _check_count(len(getattr(proposal, kind)), kind)
    for kind in ("risks", "kpis"):
        columns = set()
        for item in getattr(proposal, kind):
            columns.update(item.extra)
        _check_width(len(columns))


def _check_width(columns: int) -> None:
    # Columns the model does not know are kept per item, and every export lines them up: bounded here.
    if columns > MAX_COLUMNS:
        raise FormatError(_("The file has a table of {count} columns; a proposal's tables have at most {limit}.").format(
            count=columns, limit=MAX_COLUMNS))


class _Reader:
    def __init__(self, text: str, default_language: str):
        self.text = text
        self.default_language = default_language
        self.warnings: list[str] = []
        self.prose: dict[str, list[str]] = {}
        self.data: dict = {"objectives": [], "risks": [], "kpis": [], "data_sources": [], "resources": []}
        self.poc_url = ""
        self.diagram = Diagram()
        self.architecture: Architecture | None = None
        self.comments: list = []

    def run(self) -> Proposal:
        text = normalize_newlines(self.text.removeprefix("\ufeff"))
        if text.count("\n") >= MAX_LINES:
            raise FormatError(_("The file has more than {count} lines; a proposal has a few thousand.").format(count=MAX_LINES))
        lines = text.split("\n")
        fm, start = _split_front_matter(lines)
        fmt = str((fm or {}).get("format", ""))
        if fmt.startswith("mlops-proposal/") and fmt != FORMAT_ID:
            raise FormatError(_("This file was written by a newer version of the editor ({format}).").format(format=fmt))
        ours = fmt == FORMAT_ID
        metadata = _metadata(fm or {}, self.warnings)
        chunks = _split_sections(lines[start:])
        preamble = chunks[0]
        languages_seen: list[str] = []
        for chunk in chunks[1:]:
            languages_seen.append(self._heading_language(chunk.heading))
            self._read_section(chunk, ours)
        unmapped = self._preamble(preamble, metadata, ours)
        if not fm or "language" not in fm:
            metadata.language = self._guess_language(languages_seen)
        if not ours:
            self._title_from_section(metadata)
            self._resolve_objective_links()
        sections = {sid: "\n".join(self.prose.get(sid, [])).strip("\n") for sid in SECTION_IDS}
        if metadata.template_id != TEMPLATE_ID or metadata.template_version > TEMPLATE_VERSION:
            self.warnings.append(_("The file names another template ({template}); it was read as this guide.").format(template=metadata.template_id))
        return Proposal(
            metadata=metadata,
            sections=sections,
            objectives=self.data["objectives"],
            risks=self.data["risks"],
            kpis=self.data["kpis"],
            data_sources=self.data["data_sources"],
            resources=self.data["resources"],
            poc_url=self.poc_url,
            diagram=self.diagram,
            architecture=self.architecture or Architecture(),
            unmapped=unmapped,
            comments=self._unique_comments(),
        )

    def _unique_comments(self) -> list:
        # Two comment blocks (a section repeated) may reuse ids: later ones are numbered again.
        seen: set[str] = set()
        out = []
        for c in self.comments:
            if c.id in seen:
                n = len(seen) + 1
                while f"C{n}" in seen:
                    n += 1
                c = c.model_copy(update={"id": f"C{n}"})
            seen.add(c.id)
            out.append(c)
        return out

    def _heading_language(self, heading: str) -> str:
        h = atx_heading(heading)
        text = fold(NUMBERING.sub("", (h[1] if h else "").replace("*", " "), count=1))
        found = [lang for lang in LANGUAGES if any(fold(s.title) == text for s in load_guide(lang).sections)]
        # "Conclusion" is a title in both languages: it tells neither.
        return found[0] if len(found) == 1 else ""

    def _guess_language(self, seen: list[str]) -> str:
        fr, en = seen.count("fr"), seen.count("en")
        if fr == en:
            return self.default_language
        return "fr" if fr > en else "en"

    def _preamble(self, chunk: _Chunk, metadata: Metadata, ours: bool) -> str:
        prose, blocks = _prose_and_blocks(chunk.lines)
        for _name, lines in blocks:
            prose += lines
        first = next((i for i, line in enumerate(prose) if line.strip()), None)
        if first is not None:
            if ours:
                if metadata.title and prose[first] in ("# " + metadata.title, "# " + metadata.title + " #"):
                    del prose[first]
            else:
                h = atx_heading(prose[first])
                if h and h[0] == 1 and h[1]:
                    if not metadata.title:
                        metadata.title = h[1]
                    del prose[first]
        text = "\n".join(prose).strip("\n")
        if text.strip():
            self.warnings.append(_("Text before the first section was kept apart as unmapped content."))
        return text

    def _read_section(self, chunk: _Chunk, ours: bool) -> None:
        sid = chunk.sid
        prose, blocks = _prose_and_blocks(chunk.lines)
        if sid in self.prose:
            self.warnings.append(_("Section '{title}' appears twice; the second part was added to the first.").format(title=section_title(sid, current_language(), numbered=False)))
            self.prose[sid] += ["", chunk.heading, ""]
        else:
            self.prose[sid] = []
        if not ours and not blocks:
            prose = self._structure_by_hand(sid, prose)
        if sid == "architecture" and self.architecture is None and not any(n == "architecture" for n, _l in blocks):
            prose, self.architecture, notes = mdarchitecture.take_from_prose(prose)
            self.warnings += notes
        self.prose[sid] += prose
        for name, lines in blocks:
            leftover = self._read_block(sid, name, lines)
            if leftover:
                self.warnings.append(_("Some lines of section '{title}' did not fit its tables or lists; they were kept as text.").format(title=section_title(sid, current_language(), numbered=False)))
                self.prose[sid] += ["", *leftover]

    def _read_block(self, sid: str, name: str | None, lines: list[str]) -> list[str]:
        if name == "objectives":
            _check_count(len(self.data["objectives"]) + len(lines), "objectives")
            objectives, leftover = _parse_objectives(lines)
            self.data["objectives"] += objectives
            return leftover
        if name == "diagram":
            diagram, leftover = _parse_diagram(lines)
            if diagram is not None:
                self.diagram = diagram
            return leftover
        if name == "architecture":
            architecture, leftover, notes = mdarchitecture.read_block(lines)
            if architecture is not None and self.architecture is None:
                self.architecture = architecture
                self.warnings += notes
            elif architecture is not None:
                return [line for line in lines if line.strip()]
            return leftover
        if name == "poc":
            leftover = []
            for line in lines:
                m = _POC.match(line)
                if m and not self.poc_url:
                    self.poc_url = decode_cell(m.group(1))
                elif line.strip():
                    leftover.append(line)
            return leftover
        if name in ("risks", "kpis", "data-sources", "resources"):
            return self._read_tables(lines, name)
        if name == "comments":
            from editor.core.formats.mdcomments import read_comment_block

            comments, leftover = read_comment_block(lines, self.warnings)
            _check_count(len(self.comments) + len(comments), "comments")
            self.comments += comments
            return leftover
        return [line for line in lines if line.strip()]

    def _read_tables(self, lines: list[str], wanted: str | None) -> list[str]:
        """Parse the tables in ``lines`` (of kind ``wanted`` if given); return the other lines."""
        used: set[int] = set()
        for start, end in find_tables(lines):
            headers, rows = parse_table(lines[start:end])
            kind = fields.table_kind(headers)
            if kind is None or (wanted and kind != wanted):
                continue
            _check_width(max([len(headers), *map(len, rows)]))
            key = kind.replace("-", "_")
            _check_count(len(self.data[key]) + len(rows), key)
            existing = self.data[key]
            items = fields.read_rows(kind, headers, rows, existing, self.warnings, keep_empty=True)
            self.data[key] = existing + items
            used.update(range(start, end))
        return [line for i, line in enumerate(lines) if i not in used and line.strip()]

    def _structure_by_hand(self, sid: str, prose: list[str]) -> list[str]:
        if sid == "objectives" and not self.data["objectives"]:
            objectives, prose = fields.extract_list(prose, MAX_ITEMS)
            _check_count(len(objectives), "objectives")
            self.data["objectives"] = objectives
        kinds = {"risks": "risks", "kpis": "kpis", "resources": "data-sources"}
        if sid in kinds:
            used: set[int] = set()
            for start, end in find_tables(prose):
                headers, rows = parse_table(prose[start:end])
                kind = fields.table_kind(headers)
                if kind != kinds[sid]:
                    continue
                _check_width(max([len(headers), *map(len, rows)]))
                key = kind.replace("-", "_")
                _check_count(len(self.data[key]) + len(rows), key)
                self.data[key] = self.data[key] + fields.read_rows(kind, headers, rows, self.data[key], self.warnings)
                used.update(range(start, end))
                if end < len(prose) and not prose[end].strip() and start > 0 and not prose[start - 1].strip():
                    used.add(end)
            prose = [line for i, line in enumerate(prose) if i not in used]
        return prose

    def _title_from_section(self, metadata: Metadata) -> None:
        # A generic heading ("Proposition de projet MLOps") gives way to section 1's real title.
        from editor.core.titles import is_generic_title, title_like_line

        if metadata.title and not is_generic_title(metadata.title):
            return
        found = title_like_line("\n".join(self.prose.get("title", [])))
        if found is None:
            if not metadata.title:
                for line in self.prose.get("title", []):
                    clean = re.sub(r"^[#>*_\s-]+|[*_\s]+$", "", line)
                    if clean:
                        metadata.title = clean
                        return
            return
        if metadata.title and fold(found) != fold(metadata.title):
            self.warnings.append(_("The heading “{heading}” is the guide's generic title; the proposal's title was taken from section 1: “{title}”.").format(heading=metadata.title, title=found))
        metadata.title = found

    def _resolve_objective_links(self) -> None:
        known = {k.id for k in self.data["kpis"]}
        for obj in self.data["objectives"]:
            obj.kpi_ids = [i for i in obj.kpi_ids if i in known]


def read_markdown(text: str, default_language: str = "en") -> ReadResult:
    """Read a proposal from Markdown text (ours or written by hand following the guide).

    ``default_language`` is the document language when nothing in the text tells it.
    Raises FormatError when the text cannot be a proposal.
    """
    if "\x00" in text:
        raise FormatError(_("The file contains NUL bytes: it is not a text file."))
    if not text.strip():
        raise FormatError(_("The file is empty."))
    reader = _Reader(text, default_language)
    try:
        proposal = reader.run()
    except FormatError:
        raise
    except ValueError as exc:  # pydantic ValidationError is a ValueError
        raise FormatError(_("The file's content is not valid: {error}").format(error=str(exc).splitlines()[0])) from exc
    return ReadResult(proposal, reader.warnings)


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM) bytes to text, or FormatError (naming a document given a text name)."""
    if data[:2] in (b"PK", b"\xd0\xcf", b"%P"):
        from editor.core.formats.docx import sniff

        kind = sniff(data)
        if kind == "docx":
            raise FormatError(_("This is a Word document (DOCX), not a text file: rename it to .docx to open it."))
        if kind in ("odt", "doc"):
            raise FormatError(_("This is a word processor document, not a text file: open it in Word or LibreOffice "
                                "and save it as .docx."))
        if kind == "pdf":
            raise FormatError(_("This is a PDF, not a text file: the editor opens .md and .docx files."))
    if b"\x00" in data:
        raise FormatError(_("The file contains NUL bytes: it is not a text file."))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FormatError(_("The file is not UTF-8 text (invalid byte at position {position}).").format(position=exc.start)) from exc


def load_markdown(path: str | os.PathLike, default_language: str = "en") -> ReadResult:
    """Read a Markdown proposal from ``path``; FormatError names the file and the problem."""
    data = read_file_bytes(path, MAX_FILE_BYTES)
    return read_with_path(path, lambda: read_markdown(decode_text(data), default_language))


__all__ = ["decode_text", "load_markdown", "read_markdown"]
