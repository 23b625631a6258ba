"""The proposal's one title, and section 1 ("Project Title") that the guide asks for.

The title (``metadata.title``) is what the cover page, the window, the file's properties and the
Markdown ``#`` heading show. Section 1's text is what the student wrote under "1. Project Title":
often the title again, sometimes a subtitle. A file whose ``#`` heading is the guide's generic one
("Proposition de projet MLOps", "MLOps Project Proposal", "Project proposition guide") but whose
section 1 holds a real title gets section 1's: :func:`title_from_section` says which, and
:func:`is_generic_title` tells a generic heading from a real one.
"""

from __future__ import annotations

import re

from functools import cache

from editor.core.model import LANGUAGES, Proposal
from editor.core.vocab import fold

# Words a heading may hold and still name no project: "Proposition de projet MLOps", "My project proposal".
_GENERIC_WORDS = frozenset(
    "proposition propositions proposal proposals projet projets project projects guide mlops ml machine learning "
    "operations titre title titles untitled sans modele template document brouillon draft sujet subject nom name "
    "intitule fin etudes etude final cours course mon ma mes notre nos my our your votre de du d des of for the a an "
    "la le l les un une pour et and to".split()
)
_COMMENT = re.compile(r"<!--.*?(?:-->|$)", re.DOTALL)
_MARKS = re.compile(r"^\s*(?:#{1,6}\s+|>\s*|[-*+•]\s+|\d{1,2}[.)]\s+)*")
_LABEL = re.compile(r"^(?:titre(?:\s+du\s+projet)?|title|project\s+title|nom\s+du\s+projet|intitul[ée])\s*:\s*", re.I)
_EMPHASIS = re.compile(r"^(\*\*|__|\*|_)(.+)\1$")
_QUOTES = re.compile(r"^[«\"“](.+?)[»\"”]$")
MAX_TITLE_CHARS = 200
MAX_TITLE_WORDS = 30


def is_generic_title(title: str) -> bool:
    """True for a heading that names no project: empty, or only words like "proposition", "project",
    "MLOps", "guide" (any case, accents optional)."""
    words = fold(title).split()
    return all(w in _GENERIC_WORDS for w in words)


@cache
def _guide_prompts() -> frozenset[str]:
    """The guide's own advice for section 1, folded: a file copied from the guide holds it, not a title."""
    from editor.core.guide import load_guide

    out = set()
    for lang in LANGUAGES:
        section = load_guide(lang).section("title")
        out |= {fold(text) for text in (section.intro, section.placeholder, *(tip.text for tip in section.tips)) if text}
    return frozenset(out)


def _clean_line(line: str) -> str:
    text = _MARKS.sub("", line).strip()
    text = _LABEL.sub("", text).strip()
    for pattern in (_EMPHASIS, _QUOTES, _EMPHASIS):
        m = pattern.match(text)
        if m:
            text = m.group(m.lastindex).strip()
    return text.rstrip(" \t.").strip()


def title_like_line(section_text: str) -> str | None:
    """The first line of section 1's text when it reads as a title (one line of at most 30 words
    that is not an introduction ending in ":" nor a generic heading), cleaned of Markdown marks."""
    text = _COMMENT.sub("", section_text)
    line = next((ln for ln in text.split("\n") if ln.strip()), None)
    if line is None:
        return None
    title = _clean_line(line)
    if not title or title.endswith(":") or len(title) > MAX_TITLE_CHARS or len(title.split()) > MAX_TITLE_WORDS:
        return None
    if is_generic_title(title) or not re.search(r"[^\W\d_]", title) or fold(title) in _guide_prompts():
        return None
    return title


def title_span(section_text: str) -> tuple[int, int] | None:
    """Where section 1's title-like first line holds the title itself (without its Markdown marks),
    as a character span of ``section_text``; None when it has no such line."""
    title = title_like_line(section_text)
    if title is None:
        return None
    for m in re.finditer(re.escape(title), section_text):
        before = section_text[: m.start()]
        if before.rfind("<!--") <= before.rfind("-->"):  # not inside a comment
            return m.start(), m.end()
    return None


def title_from_section(proposal: Proposal) -> str | None:
    """Section 1's title, when the proposal's title is empty or generic and section 1 holds a
    title-like line that differs from it; else None."""
    current = proposal.metadata.title
    if current.strip() and not is_generic_title(current):
        return None
    candidate = title_like_line(proposal.sections.get("title", ""))
    if candidate is None or fold(candidate) == fold(current):
        return None
    return candidate
