"""The example proposal: complete, sound, passes the check, and the shipped files match the code."""

from __future__ import annotations

import pytest

from editor.core.checks import check
from editor.core.example import example_proposal
from editor.core.formats.markdown import write_markdown
from editor.core.io import open_proposal
from editor.paths import resources_dir


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_example_passes_the_check(lang):
    proposal = example_proposal(lang)
    assert proposal.metadata.language == lang
    assert not [f for f in check(proposal, lang) if f.severity == "error"]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_shipped_example_file_is_generated_from_the_code(lang):
    path = resources_dir() / "examples" / f"{lang}.md"
    assert path.read_text(encoding="utf-8") == write_markdown(example_proposal(lang))
    result = open_proposal(path)
    assert not result.warnings
    assert result.proposal == example_proposal(lang)
    assert result.proposal.architecture.components and not result.proposal.diagram.path  # the builder draws it
