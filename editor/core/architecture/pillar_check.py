"""The ``pillar-not-covered`` rule: a warning for each MLOps pillar nothing in the proposal covers.

It speaks once section 5 has begun (text, a builder diagram or an image): an
empty proposal already gets "section empty" errors, and the architecture is
where the guide expects the pillars to show.
"""

from __future__ import annotations

from editor.core.architecture.catalogue import load_catalogue
from editor.core.architecture.pillars import example_tools, pillar_coverage
from editor.core.checks import WARNING, Finding, Location, meaningful_text
from editor.core.model import Proposal
from editor.i18n import N_, translator

RULE = "pillar-not-covered"
_MESSAGE = N_("No component or word of the proposal covers the MLOps pillar “{pillar}”: add a tool for it to the "
              "architecture (e.g. {tools}) or say in the text how the project handles it.")


def _examples(pillar: str, language: str) -> str:
    catalogue = load_catalogue()
    return ", ".join(catalogue.tool(key).name.get(language) for key in example_tools(pillar) if catalogue.tool(key))


def pillar_findings(proposal: Proposal, language: str) -> list[Finding]:
    """One warning per uncovered pillar, pointing at section 5's diagram."""
    started = (meaningful_text(proposal.sections["architecture"]) or proposal.architecture.components
               or proposal.diagram.path)
    if not started:
        return []
    t = translator(language)
    return [Finding(RULE, WARNING, "architecture",
                    t(_MESSAGE).format(pillar=c.title, tools=_examples(c.pillar, language)),
                    Location("diagram", item=c.pillar))
            for c in pillar_coverage(proposal, language) if not c.covered]
