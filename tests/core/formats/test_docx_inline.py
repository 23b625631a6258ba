"""Word runs become Markdown that GitHub (cmarkgfm) shows as Word did: the same
text, bold, italic, struck and code where Word had them, links to the same place."""

from __future__ import annotations

import cmarkgfm
import lxml.html
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from editor.core.formats.docx_inline import Piece, escape_line_start, pieces_to_markdown

_FLAGS = {"strong": "b", "em": "i", "del": "s", "code": "c"}


def shown(markdown: str) -> tuple[str, list[tuple[str, frozenset]], list[str]]:
    """GitHub's rendering: the text, each visible character with its formatting, the link targets."""
    html = cmarkgfm.github_flavored_markdown_to_html(markdown)
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    chars: list[tuple[str, frozenset]] = []
    links = [a.get("href") for a in root.iter("a")]

    def walk(element, flags):
        own = flags | ({_FLAGS[element.tag]} if element.tag in _FLAGS else set())
        for ch in element.text or "":
            chars.append((ch, frozenset(own)))
        for child in element:
            walk(child, own)
            for ch in child.tail or "":
                chars.append((ch, frozenset(flags | ({_FLAGS[element.tag]} if element.tag in _FLAGS else set()))))

    walk(root, set())
    return "".join(c for c, _f in chars), chars, links


def expected(pieces: list[Piece]) -> list[tuple[str, frozenset]]:
    return [(ch, p.flags) for p in pieces if p.kind == "text" for ch in p.text]


def _norm(text: str) -> str:
    return " ".join(text.split())


WORDS = st.sampled_from(["plain", "mot", "x", "snake_case", "*", "**", "_", "~", "`", "[1]", "](x)", "<b>", "&amp;",
                         "#", "1.", "-", ">", "|", "(", ")", "!", "été", "🚀", "a_b", "\\", "x,"])


@st.composite
def paragraphs(draw):
    pieces = []
    for _ in range(draw(st.integers(1, 8))):
        words = draw(st.lists(WORDS, min_size=1, max_size=3))
        text = draw(st.sampled_from(["", " "])) + " ".join(words) + draw(st.sampled_from(["", " "]))
        flags = frozenset(draw(st.sets(st.sampled_from("bisc"), max_size=3)))
        pieces.append(Piece("text", text, flags))
    return pieces


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(paragraphs())
def test_github_shows_the_words_and_their_formatting(pieces):
    markdown = pieces_to_markdown(pieces)
    text, chars, _links = shown(markdown)
    want = expected(pieces)
    assert _norm(text) == _norm("".join(c for c, _f in want)), markdown
    # Letters and digits carry Word's formatting: punctuation at a run's edge may be left out of
    # the emphasis (so its markers work), a word formatted in parts Markdown cannot say takes
    # one formatting of its letters, a code span keeps its flag.
    got = [f for c, f in chars if not c.isspace()]
    wanted, word = [], 0
    for ch, f in want:  # words end at white space outside code spans
        if ch.isspace() and "c" not in f:
            word += 1
        elif not ch.isspace():
            wanted.append((ch, f, word))
    assert len(got) == len(wanted), markdown
    words: dict[int, set] = {}
    for (ch, want_flags, word), got_flags in zip(wanted, got):
        if "c" in want_flags:
            assert "c" in got_flags, markdown
        elif ch.isalnum():
            words.setdefault(word, set()).add((want_flags - {"c"}, got_flags))
    for pairs in words.values():
        mixed = len({w for w, _g in pairs}) > 1
        exact = all(w == g for w, g in pairs)
        one = len({g for _w, g in pairs}) == 1 and {g for _w, g in pairs} <= {w for w, _g in pairs}
        assert exact or (mixed and one), markdown


def test_links_pictures_and_breaks():
    pieces = [Piece("text", "See "), Piece("text", "the docs", frozenset("b"), "https://ex.org/a b"),
              Piece("text", ", "), Piece("text", "https://dvc.org", link="https://dvc.org"), Piece("break"),
              Piece("image", "picture-1.png", alt="A [graph]")]
    markdown = pieces_to_markdown(pieces)
    assert markdown == ("See [**the docs**](<https://ex.org/a b>), <https://dvc.org>  \n"
                        "![A \\[graph\\]](picture-1.png)")
    html = cmarkgfm.github_flavored_markdown_to_html(markdown)
    assert '<a href="https://ex.org/a%20b"><strong>the docs</strong></a>' in html
    assert "<br />" in html and '<img src="picture-1.png" alt="A [graph]" />' in html


@pytest.mark.parametrize("line, escaped", [
    ("# not a heading", "\\# not a heading"), ("1. not a list", "1\\. not a list"), ("- dash", "\\- dash"),
    ("> not a quote", "\\> not a quote"), ("---", "\\---"), ("```", "\\```"), ("    indented", "indented"),
    ("2027.", "2027\\."), ("#hashtag", "#hashtag"), ("+5 %", "+5 %"),
])
def test_a_paragraph_never_starts_a_block(line, escaped):
    assert escape_line_start(line) == escaped
    html = cmarkgfm.github_flavored_markdown_to_html("Before\n\n" + escaped)
    assert html.count("<p>") == 2
