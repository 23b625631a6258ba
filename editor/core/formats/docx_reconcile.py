"""A DOCX we exported and someone edited: the stored proposal and the visible
content, put back together so that every edit is taken and nothing else moves.

Each section's Markdown from the visible content is compared block by block
with the stored section (both rendered by the preview's parser, markup
attributes left aside): a block that shows the same keeps the student's own
Markdown (``*`` or ``_``, a code fence's language, ``##`` levels), an edited
block comes from the document. The title page gives the title, authors and
date; the lines our writer generates ("Measured by", legends, table captions)
are compared with what it wrote, and a change there is named, not lost silently.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from difflib import SequenceMatcher

from editor.core import import_report as notes
from editor.core.formats.docx_convert import CAPTION_PREFIX, OUR_STYLES, fold
from editor.core.formats.mdlines import Blocks
from editor.core.media import IMAGE_LINK
from editor.core.model import Proposal
from editor.i18n import translator

_IMAGE = IMAGE_LINK
_TAG = re.compile(r"<(/?)([a-zA-Z0-9]+)[^>]*>")
_HEADING = re.compile(r"^h[1-6]$")
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


def split_blocks(text: str) -> list[str]:
    """Markdown cut at blank lines (never inside a code fence or an HTML block)."""
    blocks: list[list[str]] = [[]]
    state = Blocks()
    for line in text.split("\n"):
        if not state.opaque(line) and not line.strip():
            if blocks[-1]:
                blocks.append([])
            continue
        blocks[-1].append(line)
    return ["\n".join(b) for b in blocks if b]


def _plain(text: str) -> str:
    return " ".join(_ESCAPE.sub(r"\1", text).split())


def _same(stored: str, visible: str) -> bool:
    """Whether two pieces of Markdown show the same (the same words and marks: no rendering needed)."""
    return _plain(stored) == _plain(visible) or block_key(stored) == block_key(visible)


def block_key(block: str) -> str:
    """What a block shows: its HTML without attributes, escapes or spacing differences."""
    from editor.core.export.html import markdown_to_html

    # A heading's level is left aside: Word's levels and Markdown's are not one to one.
    rendered = _TAG.sub(lambda m: f"<{m.group(1)}{_HEADING.sub('h', m.group(2).lower())}>", markdown_to_html(block))
    rendered = html.unescape(_ESCAPE.sub(r"\1", rendered))
    return " ".join(rendered.split())


def _sources(block: str) -> list[str]:
    return [m.group(2) for m in _IMAGE.finditer(block)]


def _with_sources(block: str, sources: list[str]) -> str:
    """``block`` with its pictures' targets replaced by ``sources`` (in order)."""
    it = iter(sources)
    return _IMAGE.sub(lambda m: f"![{m.group(1)}]({next(it, m.group(2))}{m.group(3)})", block)


def merge_section(stored: str, visible: str) -> tuple[str, bool]:
    """The section's text after the edits, and whether anything visible changed."""
    if not stored.strip() and not visible.strip():
        return stored, False
    if _same(stored, visible):  # the section shows the same: one comparison
        return _with_sources(stored, _sources(visible)) if len(_sources(stored)) == len(_sources(visible)) \
            else stored, False
    old, new = split_blocks(stored), split_blocks(visible)
    # Blocks written alike need no rendering to be told the same.
    plain = {_plain(b) for b in old} & {_plain(b) for b in new}
    old_keys = [_plain(b) if _plain(b) in plain else block_key(b) for b in old]
    new_keys = [_plain(b) if _plain(b) in plain else block_key(b) for b in new]
    out: list[str] = []
    changed = False
    matcher = SequenceMatcher(None, old_keys, new_keys, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            for i, j in zip(range(i1, i2), range(j1, j2)):
                same = len(_sources(old[i])) == len(_sources(new[j]))
                out.append(_with_sources(old[i], _sources(new[j])) if same else new[j])
            continue
        # Blocks that show nothing (link definitions) cannot have been edited in Word.
        hidden = [i for i in range(i1, i2) if not block_key(old[i])]
        out += [old[i] for i in hidden]
        out += new[j1:j2]
        changed = changed or len(hidden) < i2 - i1 or j2 > j1
    return "\n\n".join(out), changed


def map_pictures(stored: str, pictures: list[tuple[str, str]]) -> str:
    """An unedited section's text with its local pictures pointing at the ones the document
    carries (``pictures``: name, description in order); a remote picture stays a link."""
    from editor.core.formats.urls import url_scheme

    queue = list(pictures)

    def swap(m: re.Match) -> str:
        target = m.group(2).strip("<>")
        if url_scheme(target) or not queue:
            return m.group(0)
        if queue[0][1] and fold(queue[0][1]) != fold(_ESCAPE.sub(r"\1", m.group(1))):
            return m.group(0)  # not embedded when exported (a missing file): the next picture is not this one
        return f"![{m.group(1)}]({queue.pop(0)[0]}{m.group(3)})"

    return _IMAGE.sub(swap, stored)


# -- the title page and the generated lines -------------------------------------

def parse_visible_date(text: str) -> dt.date | None:
    """``26 novembre 2026``, ``November 26, 2026``, ``1er mars 2027``, ``2026-11-26``, ``26/11/2026``."""
    from babel.dates import get_month_names

    from editor.core.formats.mdtables import parse_date

    found = parse_date(text.strip())
    if found is not None:
        return found
    months: dict[str, int] = {}
    for locale in ("fr", "en"):
        for width in ("wide", "abbreviated"):
            for number, name in get_month_names(width, locale=locale).items():
                months[fold(name).rstrip(".")] = number
    words = fold(text).replace(",", " ").split()
    numbers = [w for w in words if re.fullmatch(r"\d{1,4}(?:er)?", w)]
    names = [months[w.rstrip(".")] for w in words if w.rstrip(".") in months]
    years = [int(w) for w in numbers if len(w) == 4]
    days = [int(w.removesuffix("er")) for w in numbers if len(w.removesuffix("er")) <= 2]
    if len(names) == 1 and len(years) == 1 and len(days) == 1:
        try:
            return dt.date(years[0], names[0], days[0])
        except ValueError:
            return None
    return None


def title_page(conv, stored: Proposal, found: list) -> dict:
    """Metadata changes the title page shows (title, authors, date); what it cannot give goes to ``found``."""
    from editor.i18n import format_date

    meta = stored.metadata
    lang = meta.language
    t = translator(lang)
    page = conv.title_page
    changes: dict = {}
    title = " ".join(page.get(OUR_STYLES["title"], "").split())
    if title and title != meta.title:
        changes["title"] = title
    if OUR_STYLES["subtitle"] in page:
        authors = [a.strip() for a in re.split(r"[,;]", page[OUR_STYLES["subtitle"]]) if a.strip()]
        if authors != meta.authors:
            changes["authors"] = authors
    elif meta.authors and OUR_STYLES["title"] in page:
        changes["authors"] = []  # the authors' line was deleted
    stamp = meta.updated or meta.created
    shown = " ".join(page.get(OUR_STYLES["date"], "").split())
    if shown and (stamp is None or shown != format_date(stamp, lang)):
        day = parse_visible_date(shown)
        if day is None:
            found.append(notes.note("title", notes.DATE, text=notes.quote(shown)))
        else:
            base = stamp or dt.datetime.now().astimezone().replace(microsecond=0)
            changes["updated"] = base.replace(year=day.year, month=day.month, day=day.day)
    from editor.core.export.build import CONTENTS, KICKER

    for style, expected in ((OUR_STYLES["kicker"], t(KICKER)), (OUR_STYLES["contents-heading"], t(CONTENTS))):
        if page.get(style) and fold(page[style]) != fold(expected):
            found.append(notes.note("title", notes.FIXED_LINE, text=notes.quote(page[style])))
    return changes


def _edit(shown: str, written: list[str]) -> str:
    """What ``shown`` has that the closest of the ``written`` lines has not (the words added)."""
    import os

    shown = " ".join(shown.split())
    best = shown
    for line in (" ".join(w.split()) for w in written):
        head = len(os.path.commonprefix([shown, line]))
        tail = len(os.path.commonprefix([shown[head:][::-1], line[head:][::-1]]))
        added = shown[head: len(shown) - tail].strip(" ;,")
        if head + tail >= len(line) // 2 and added and len(added) < len(best):
            best = added
    return best


def generated_lines(conv, stored: Proposal, found: list) -> None:
    """Compare the lines our writer generated with what it wrote; name each edited one."""
    from editor.core.export.tables import TABLE_CAPTIONS, risk_legend
    from editor.core.kpis import measured_by_line

    lang = stored.metadata.language
    t = translator(lang)
    written = {
        OUR_STYLES["objective-target"]: [measured_by_line(stored, o.kpi_ids, lang)
                                         for o in stored.objectives if o.kpi_ids],
        OUR_STYLES["legend"]: ["", risk_legend(lang)],
        OUR_STYLES["table-caption"]: [t(c) for c in TABLE_CAPTIONS.values()],
    }
    for line in conv.generated:
        text, style, sid = line["text"], line["style"], line["section"]
        shown = CAPTION_PREFIX.sub("", text) if style == OUR_STYLES["table-caption"] else text
        if fold(shown) in {fold(w) for w in written[style]}:
            continue
        edit = notes.quote(_edit(shown, written[style]))
        if style == OUR_STYLES["objective-target"]:
            found.append(notes.note(sid, notes.MEASURED_BY, kind="objective", item=line["objective"],
                                    field="kpi_ids", number=line["objective"], text=edit))
        else:
            found.append(notes.note(sid, notes.LEGEND if style == OUR_STYLES["legend"] else notes.CAPTION,
                                    kind="text", text=edit))


def changed_places(before: Proposal, after: Proposal, language: str) -> list[str]:
    """The places (section titles, "the title page") where ``after`` differs from ``before``."""
    from editor.core.guide import section_title
    from editor.core.model import SECTION_IDS

    t = translator(language)
    places = []
    m1, m2 = before.metadata, after.metadata
    if (m1.title, m1.authors, m1.updated) != (m2.title, m2.authors, m2.updated):
        places.append(t("the title page"))
    if not _same_but_pictures(before.unmapped, after.unmapped):
        places.append(t("the text before the first section"))
    parts = {"objectives": ("objectives",), "architecture": ("diagram",), "resources": ("poc_url", "data_sources",
             "resources"), "risks": ("risks",), "kpis": ("kpis",)}
    for sid in SECTION_IDS:
        fields_changed = any(getattr(before, f) != getattr(after, f) for f in parts.get(sid, ()) if f != "diagram")
        if sid == "architecture":
            fields_changed |= before.diagram.caption != after.diagram.caption \
                or bool(before.diagram.path) != bool(after.diagram.path)
        if before.sections[sid] != after.sections[sid] and not _same_but_pictures(before.sections[sid],
                                                                                   after.sections[sid]):
            fields_changed = True
        if fields_changed:
            places.append(section_title(sid, language))
    return places


def _same_but_pictures(a: str, b: str) -> bool:
    return _IMAGE.sub("![]()", a) == _IMAGE.sub("![]()", b)
