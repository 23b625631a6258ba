"""Our prose blocks have GitHub's structure: every case of the corpus (gfm_corpus.py) rendered by
cmarkgfm, GitHub's own renderer with its extensions (tables, strikethrough, autolinks, task
lists), and read by our converter gives the same block tree, list numbering and nesting,
task states, inline formatting and link targets (gfm_structure.py says how they are
compared). The one difference kept on purpose: raw HTML, which GitHub leaves out of the
page and we show as the characters typed, is compared as "raw" on both sides."""

from __future__ import annotations

import cmarkgfm
import pytest

from editor.core.export.blocks import Run
from editor.core.export.prose import prose_blocks
from tests.core.export.gfm_corpus import CASES
from tests.core.export.gfm_structure import blocks_structure, html_structure


def github(text: str) -> tuple:
    return html_structure(cmarkgfm.github_flavored_markdown_to_html(text))


def test_the_corpus_is_large_enough():
    assert len(CASES) >= 40 and len({name for name, _text in CASES}) == len(CASES)


@pytest.mark.parametrize("text", [text for _name, text in CASES], ids=[name for name, _text in CASES])
def test_same_structure_as_github(text):
    assert blocks_structure(prose_blocks(text, heading_offset=0)) == github(text)


def test_raw_html_is_shown_as_typed_where_github_leaves_it_out():
    [paragraph] = prose_blocks("a <b>bold</b> word")
    assert [(r.text, r.raw) for r in paragraph.content] == [("a ", False), ("<b>", True), ("bold", False),
                                                            ("</b>", True), (" word", False)]
    assert "raw HTML omitted" in cmarkgfm.github_flavored_markdown_to_html("a <b>bold</b> word")


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,x", "file:///etc/passwd", "vbscript:x"])
def test_unsafe_targets_keep_their_words_only(url):
    [paragraph] = prose_blocks(f"[click]({url}) and <{url}>")
    assert all(item.link is None for item in paragraph.content if isinstance(item, Run))
    assert "click" in "".join(item.text for item in paragraph.content)


def test_a_picture_on_the_web_becomes_a_link_and_is_never_fetched():
    [paragraph] = prose_blocks("![chart](https://example.org/c.png)")
    assert paragraph.content == (Run("chart", link="https://example.org/c.png"),)


def test_a_fenced_block_may_become_a_figure():
    from editor.core.export.blocks import CodeBlock, Figure, Picture

    def mermaid(info, code):
        return Figure(Picture(svg=code.encode())) if info == "mermaid" else None

    blocks = prose_blocks("```mermaid\ngraph TD\n```\n\n```python\nx = 1\n```", fence_figure=mermaid)
    assert blocks == [Figure(Picture(svg=b"graph TD\n")), CodeBlock("x = 1", "python")]
