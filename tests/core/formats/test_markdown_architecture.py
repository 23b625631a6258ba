"""Section 5's builder diagram in the Markdown file: a Mermaid block GitHub draws, read back losslessly."""

from pathlib import Path

import cmarkgfm
from cmarkgfm.cmark import Options
from hypothesis import HealthCheck, given, settings

from editor.core.example import example_proposal
from editor.core.formats.markdown import load_markdown, read_markdown, write_markdown
from editor.core.model import Proposal
from tests.core.architecture.strategies import architectures

REF = Path(__file__).resolve().parents[2] / "reference" / "architecture"
EXAMPLES = Path(__file__).resolve().parents[3] / "resources" / "examples"


def _github(markdown: str) -> str:
    return cmarkgfm.github_flavored_markdown_to_html(markdown, options=Options.CMARK_OPT_UNSAFE)


def test_the_example_writes_a_mermaid_block_github_draws_and_reads_back_byte_for_byte():
    for lang in ("en", "fr"):
        text = (EXAMPLES / f"{lang}.md").read_text(encoding="utf-8")
        assert "<!-- proposal:architecture -->\n\n```mermaid\nflowchart TB\n" in text
        html = _github(text)
        assert html.count('<pre lang="mermaid">') == 1 or html.count('class="language-mermaid"') == 1
        result = read_markdown(text)
        assert result.warnings == []
        assert result.proposal == example_proposal(lang)
        assert write_markdown(result.proposal) == text


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(architectures())
def test_any_builder_diagram_round_trips_through_the_file(arch):
    p = Proposal.new("fr")
    p.sections["architecture"] = "Texte avant.\n\n```python\nprint(1)\n```"
    p.architecture = arch
    text = write_markdown(p)
    back = read_markdown(text).proposal
    assert back == p
    assert write_markdown(back) == text


def test_a_hand_written_mermaid_block_goes_to_the_builder_and_leaves_the_text():
    result = load_markdown(REF / "handwritten.md")
    p = result.proposal
    assert "mermaid" not in p.sections["architecture"]
    assert p.sections["architecture"] == "Voici notre architecture :\n\nLe reste du texte."
    assert {c.id for c in p.architecture.components} == {"A", "B", "C", "P", "G", "N", "K", "T", "E"}
    assert any("Mermaid" in w for w in result.warnings)
    again = read_markdown(write_markdown(p)).proposal
    assert again == p


def test_a_mermaid_block_that_is_no_flowchart_stays_in_the_text():
    text = "## 5. Architecture\n\n```mermaid\nsequenceDiagram\n  A->>B: hi\n```\n"
    p = read_markdown(text).proposal
    assert "sequenceDiagram" in p.sections["architecture"]
    assert p.architecture.is_empty()


def test_a_mermaid_block_typed_in_the_text_stays_text_when_saved_by_the_app():
    p = Proposal.new("en")
    p.sections["architecture"] = "Our sketch:\n\n```mermaid\nflowchart LR\n  a --> b\n```"
    text = write_markdown(p)
    assert "<!-- proposal:architecture -->" in text  # the marker keeps the reader off the text's block
    back = read_markdown(text).proposal
    assert back == p and back.architecture.is_empty()
    assert write_markdown(back) == text


def test_builder_and_attached_image_live_side_by_side():
    p = example_proposal("en")
    p.diagram.path, p.diagram.caption = "architecture.svg", "Drawn elsewhere"
    text = write_markdown(p)
    assert text.index("<!-- proposal:architecture -->") < text.index("<!-- proposal:diagram -->")
    assert read_markdown(text).proposal.diagram == p.diagram
