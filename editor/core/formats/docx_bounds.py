"""What a DOCX may cost before it is read: the zip's members, then the document's body.

A DOCX is a zip of XML parts, and a forged one can promise little and unpack to gigabytes (a
deflate bomb, a header that lies about sizes, a compression method Word never uses), or hold a body
whose shape costs the reader minutes (a million runs, twenty thousand fields left open, one
paragraph of a hundred thousand pieces). Both are checked here before the work, with limits far
above any real proposal:

- :func:`checked_archive`: at most :data:`MAX_ENTRIES` members, stored or deflated only, declared
  sizes under :data:`MAX_XML_PART_BYTES` (one XML part), :data:`MAX_XML_TOTAL_BYTES` (all XML)
  and :data:`MAX_TOTAL_BYTES` (everything), no member
  inflating more than :data:`MAX_RATIO` times (over 1 MB); then every member is inflated a
  megabyte at a time, counting what comes out (a header may lie), and the verified bytes are
  repacked, so that python-docx only ever reads what was measured.
- :func:`check_body`: paragraphs, runs, table cells (with their spans), pieces of text (in all,
  in one run, in one paragraph) and the text of one paragraph, field nesting and field codes, styles and list levels in use, counted in one pass
  over the parsed body, and the styles and list definitions of the document.
"""

from __future__ import annotations

import io
import zipfile
import zlib

from editor.core.formats import FormatError
from editor.i18n import _

MAX_ENTRIES = 5000
MAX_XML_PART_BYTES = 10 * 1024 * 1024
MAX_XML_TOTAL_BYTES = 25 * 1024 * 1024  # python-docx parses them all when it opens the document
MAX_TOTAL_BYTES = 200 * 1024 * 1024
MAX_RATIO = 500
_RATIO_FROM = 1024 * 1024
_CHUNK = 1024 * 1024

# The body, as the reader walks it (a 20,000-word proposal: ~1,700 paragraphs, ~1,700 runs, ~1,400 cells);
# the walk costs about 0.1 ms a paragraph and 0.06 ms a piece of text (w:t, w:tab, w:br...).
MAX_PARAGRAPHS = 10_000
MAX_RUNS = 30_000
MAX_WALK = 20_000  # paragraphs and pieces of text together
MAX_PIECES_PER_RUN = 100  # python-docx scans a run's children for each piece's formatting
MAX_CELLS = 30_000
MAX_STYLES = 5_000
MAX_STYLES_USED = 500
MAX_LIST_LEVELS_USED = 500
MAX_NUMBERINGS = 50_000  # w:num, w:abstractNum and w:lvl of numbering.xml
MAX_PIECES_PER_PARAGRAPH = 2_000  # text, tab and break elements of one paragraph
MAX_PARAGRAPH_CHARS = 1_000_000
MAX_FIELD_DEPTH = 20
MAX_FIELD_CODE_CHARS = 100_000

_MB = 1024 * 1024


def checked_archive(data: bytes) -> bytes:
    """The zip in ``data`` repacked (stored) from its measured bytes.

    FormatError (for the user) when it is not a zip, or would cost more than the limits allow.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError) as exc:
        raise FormatError(_("not a Word document (.docx): it is not a valid zip archive ({error}).").format(
            error=exc)) from exc
    if len(infos) > MAX_ENTRIES:
        raise FormatError(_("not a Word document: the archive holds {count} files.").format(count=len(infos)))
    _check_declared(infos)
    names = {i.filename for i in infos}
    if "word/document.xml" not in names and "[Content_Types].xml" not in names:
        raise FormatError(_("not a Word document (.docx): the archive has no document part."))
    parts: dict[str, bytes] = {}
    total = xml = 0
    for info in infos:
        if _is_xml(info.filename):
            content = _inflate(archive, info, min(MAX_XML_PART_BYTES, MAX_XML_TOTAL_BYTES - xml, MAX_TOTAL_BYTES - total))
            xml += len(content)
        else:
            content = _inflate(archive, info, MAX_TOTAL_BYTES - total)
        total += len(content)
        parts[info.filename] = content  # a name given twice: the last one, as zipfile reads it
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as clean:
        for name, content in parts.items():
            clean.writestr(name, content)
    return buffer.getvalue()


def _is_xml(name: str) -> bool:
    return name.lower().endswith((".xml", ".rels"))


def _too_large(name: str, size: int) -> FormatError:
    return FormatError(_("the part {name} would expand to more than {size} MB; refusing to open it.").format(
        name=name, size=size // _MB))


def _check_declared(infos: list[zipfile.ZipInfo]) -> None:
    total = 0
    for info in infos:
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            # Word writes deflate only; bzip2 and LZMA inflate a whole member at once, past any limit.
            raise FormatError(_("the part {name} uses a compression Word never writes; refusing to open it.").format(
                name=info.filename))
        total += info.file_size
        if _is_xml(info.filename) and info.file_size > MAX_XML_PART_BYTES:
            raise _too_large(info.filename, info.file_size)
        if info.file_size > _RATIO_FROM and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise FormatError(_("the part {name} is compressed {ratio} times (a zip bomb); refusing to open it.").format(
                name=info.filename, ratio=info.file_size // max(info.compress_size, 1)))
    xml = sum(info.file_size for info in infos if _is_xml(info.filename))
    for size, limit in ((total, MAX_TOTAL_BYTES), (xml, MAX_XML_TOTAL_BYTES)):
        if size > limit:
            raise FormatError(_("the document would expand to {size} MB (limit {limit} MB); refusing to open it.").format(
                size=size // _MB, limit=limit // _MB))


def _inflate(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes:
    """The member's bytes, inflated a megabyte at a time; FormatError past ``limit`` or when damaged."""
    chunks, size = [], 0
    try:
        with archive.open(info) as member:
            while True:
                chunk = member.read(_CHUNK)
                if not chunk:
                    break
                size += len(chunk)
                if size > limit:  # the header said less: the real bytes decide
                    raise _too_large(info.filename, size)
                chunks.append(chunk)
    except FormatError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, ValueError, OSError, EOFError, RuntimeError,
            NotImplementedError) as exc:  # damaged data, a bad CRC, an encrypted member
        raise FormatError(_("not a readable Word document: the part {name} is damaged ({error}).").format(
            name=info.filename, error=exc)) from exc
    return b"".join(chunks)


def check_body(document) -> None:
    """FormatError when a python-docx ``document`` has more of anything than the reader may walk."""
    from editor.core.formats.docx import W_NS

    w = "{%s}" % W_NS
    p_tag, r_tag, tc_tag, span_tag = w + "p", w + "r", w + "tc", w + "gridSpan"
    fld_tag, instr_tag, t_tag, style_tags = w + "fldChar", w + "instrText", w + "t", (w + "pStyle", w + "rStyle")
    num_tag, ilvl_tag, val = w + "numPr", w + "ilvl", w + "val"
    piece_tags = {t_tag, w + "tab", w + "br", w + "cr", w + "noBreakHyphen"}
    counts = {"p": 0, "r": 0, "tc": 0, "walk": 0}
    styles_used: set[str] = set()
    lists_used: set[tuple[str, str]] = set()
    pieces = chars = depth = code = in_run = 0
    for el in document.element.body.iter(p_tag, r_tag, tc_tag, span_tag, fld_tag, instr_tag, num_tag, *style_tags,
                                         *piece_tags):
        tag = el.tag
        if tag == p_tag:
            counts["p"] += 1
            counts["walk"] += 1
            pieces = chars = 0
        elif tag == r_tag:
            counts["r"] += 1
            in_run = 0
        elif tag == tc_tag:
            counts["tc"] += 1
        elif tag == span_tag:
            value = el.get(val) or "1"
            if len(value) > 9:  # Python will not even read a number of 5,000 digits
                raise _body_error(_("a table cell spanning {count} columns").format(count=value[:12] + "…"))
            if value.isdigit() and value.strip("0"):  # Word allows 63 columns; the reader cuts a larger span there
                counts["tc"] += min(int(value), 63) - 1
        elif tag in style_tags:
            styles_used.add(el.get(val) or "")
        elif tag == num_tag:
            num, level = el.find(w + "numId"), el.find(ilvl_tag)
            lists_used.add((num.get(val, "") if num is not None else "", level.get(val, "") if level is not None else ""))
        elif tag == fld_tag:
            kind = el.get(w + "fldCharType")
            depth += 1 if kind == "begin" else -1 if kind == "end" and depth else 0
            if depth > MAX_FIELD_DEPTH:
                raise _body_error(_("fields nested {count} deep").format(count=depth))
        elif tag == instr_tag:
            code += len(el.text or "")
            if code > MAX_FIELD_CODE_CHARS:
                raise _body_error(_("more than {count} characters of field codes").format(count=MAX_FIELD_CODE_CHARS))
        else:
            pieces += 1
            in_run += 1
            counts["walk"] += 1
            chars += len(el.text or "") if tag == t_tag else 1
            if in_run > MAX_PIECES_PER_RUN:
                raise _body_error(_("a run of more than {count} pieces of text").format(count=MAX_PIECES_PER_RUN))
            if pieces > MAX_PIECES_PER_PARAGRAPH or chars > MAX_PARAGRAPH_CHARS:
                raise _body_error(_("a paragraph of more than {count} pieces or {chars} characters").format(
                    count=MAX_PIECES_PER_PARAGRAPH, chars=MAX_PARAGRAPH_CHARS))
    # Each style used is looked up among all styles, and each list item among the lists seen so far.
    styles = sum(1 for _style in document.styles.element.iter(w + "style"))
    for count, limit, what in ((counts["p"], MAX_PARAGRAPHS, _("paragraphs")),
                               (counts["r"], MAX_RUNS, _("runs of text")),
                               (counts["walk"], MAX_WALK, _("paragraphs and pieces of text")),
                               (counts["tc"], MAX_CELLS, _("table cells")),
                               (styles, MAX_STYLES, _("styles")),
                               (len(styles_used), MAX_STYLES_USED, _("styles in use")),
                               (len(lists_used), MAX_LIST_LEVELS_USED, _("list levels in use")),
                               (_numbering_count(document, w), MAX_NUMBERINGS, _("list definitions"))):
        if count > limit:
            raise _body_error(_("more than {count} {things}").format(count=limit, things=what))


def _numbering_count(document, w: str) -> int:
    try:
        numbering = document.part.numbering_part.element
    except (KeyError, NotImplementedError, AttributeError):
        return 0
    return sum(1 for _el in numbering.iter(w + "num", w + "abstractNum", w + "lvl"))


def _body_error(what: str) -> FormatError:
    return FormatError(_("the document has {what}, far more than a proposal; refusing to read it.").format(what=what))
