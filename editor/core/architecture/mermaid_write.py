"""The architecture as a Mermaid flowchart, the text GitHub draws and Git diffs.

The output is deterministic: ``flowchart TB`` (or the direction a hand-written
block gave), one ``subgraph`` per lifecycle stage in the catalogue's order
with its title in the document's language, each component's node in the
student's order, then the links, then the lines kept from a hand-written block.
Labels are always quoted and the characters Mermaid would read (``"``, ``#``,
``<``, ``>``, ``&``, a leading backtick) are written as its entity codes, so
any label renders as typed.
"""

from __future__ import annotations

import re

from editor.core.architecture.catalogue import component_name, stage_name
from editor.core.architecture.graph import Architecture, Component, Link, stage_order
from editor.i18n import N_, translator

FENCE = "```"
INDENT = "    "
# Mermaid's shape delimiters, by our shape names.
SHAPE_DELIMITERS: dict[str, tuple[str, str]] = {
    "box": ("[", "]"),
    "round": ("(", ")"),
    "stadium": ("([", "])"),
    "subroutine": ("[[", "]]"),
    "cylinder": ("[(", ")]"),
    "circle": ("((", "))"),
    "rhombus": ("{", "}"),
    "hexagon": ("{{", "}}"),
    "parallelogram": ("[/", "/]"),
    "trapezoid": ("[/", "\\]"),
    "asymmetric": (">", "]"),
}
ARROWS = {"arrow": "-->", "line": "---", "dotted": "-.->", "thick": "==>"}
FEEDBACK_LABEL = N_("retraining")
_ESCAPES = {'"': "#quot;", "#": "#35;", "<": "#lt;", ">": "#gt;", "&": "#amp;"}
_SPECIAL = re.compile(r'["#<>&]')


def escape_label(text: str) -> str:
    """``text`` as the inside of a quoted Mermaid label that renders exactly as ``text``."""
    out = _SPECIAL.sub(lambda m: _ESCAPES[m.group()], text)
    return "#96;" + out[1:] if out.startswith("`") else out


def is_feedback(arch: Architecture, link: Link) -> bool:
    """A dotted link back up the lifecycle (monitoring to retraining): drawn around, labelled by default."""
    if link.style != "dotted":
        return False
    source, target = arch.component(link.source), arch.component(link.target)
    return source is not None and target is not None and stage_order(target.stage) < stage_order(source.stage)


def link_label(arch: Architecture, link: Link, language: str) -> str:
    """The words on a link: the student's, or "retraining" on a feedback link left without."""
    if link.label or not is_feedback(arch, link):
        return link.label
    return translator(language)(FEEDBACK_LABEL)


def node_text(component: Component, language: str) -> str:
    opening, closing = SHAPE_DELIMITERS[component.shape]
    return f'{component.id}{opening}"{escape_label(component_name(component, language))}"{closing}'


def mermaid_lines(arch: Architecture, language: str) -> list[str]:
    """The flowchart's lines, without the fence."""
    lines = [*arch.preamble, f"flowchart {arch.direction}"]
    by_stage: dict[str, list[Component]] = {}
    for component in arch.components:
        by_stage.setdefault(component.stage, []).append(component)
    for stage in sorted(by_stage, key=stage_order):
        members = by_stage[stage]
        if stage:
            lines.append(f'{INDENT}subgraph stage_{stage}["{escape_label(stage_name(stage, language))}"]')
            lines += [INDENT * 2 + node_text(c, language) for c in members]
            lines.append(f"{INDENT}end")
        else:
            lines += [INDENT + node_text(c, language) for c in members]
    for link in arch.links:
        label = link_label(arch, link, language)
        middle = f'{ARROWS[link.style]}|"{escape_label(label)}"|' if label else ARROWS[link.style]
        lines.append(f"{INDENT}{link.source} {middle} {link.target}")
    lines += [INDENT + line for line in arch.extra]
    return lines


def mermaid_block(arch: Architecture, language: str) -> list[str]:
    """The fenced ```mermaid block GitHub draws."""
    return [FENCE + "mermaid", *mermaid_lines(arch, language), FENCE]
