"""Section 5's architecture in the Markdown file: a ```mermaid block after its marker.

The writer puts the builder's diagram after ``<!-- proposal:architecture -->``;
the reader takes it back from there, or, when a section has no such marker (a
file written by hand), from the first ```mermaid flowchart in the section's
text, which then leaves the text. A Mermaid block the builder cannot read (not
a flowchart) stays in the text. The Mermaid modules load only when a section
holds such a block.
"""

from __future__ import annotations

import re

from editor.core.architecture.graph import Architecture

_MERMAID_OPEN = re.compile(r"^ {0,3}(`{3,}|~{3,})[ \t]*mermaid[ \t]*$", re.IGNORECASE)
_FENCE_CLOSE = re.compile(r"^ {0,3}(`{3,}|~{3,})[ \t]*$")
_FENCE_OPEN = re.compile(r"^ {0,3}(`{3,}|~{3,})")


def find_mermaid(lines: list[str]) -> tuple[int, int] | None:
    """(first, last + 1) of the first top-level ```mermaid fenced block in ``lines``, closed or not."""
    fence = None
    for i, line in enumerate(lines):
        if fence is not None:
            m = _FENCE_CLOSE.match(line)
            if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence):
                fence = None
            continue
        m = _MERMAID_OPEN.match(line)
        if m:
            start, fence = i, m.group(1)
            for j in range(i + 1, len(lines)):
                c = _FENCE_CLOSE.match(lines[j])
                if c and c.group(1)[0] == fence[0] and len(c.group(1)) >= len(fence):
                    return start, j + 1
            return start, len(lines)
        m = _FENCE_OPEN.match(line)
        if m and not (m.group(1)[0] == "`" and "`" in line[m.end():]):
            fence = m.group(1)
    return None


def architecture_block(architecture: Architecture, prose: str, language: str) -> list[str] | None:
    """The lines after section 5's marker: the Mermaid block; [] (the marker alone) when the
    builder is empty but the text holds a Mermaid block, which must stay text; None for nothing."""
    if not architecture.is_empty():
        from editor.core.architecture.mermaid_write import mermaid_block

        return mermaid_block(architecture, language)
    if "mermaid" in prose and find_mermaid(prose.split("\n")) is not None:
        return []
    return None


def _fence_body(lines: list[str], start: int, end: int) -> list[str]:
    body = lines[start + 1:end]
    if body and _FENCE_CLOSE.match(body[-1]):
        body = body[:-1]
    return body


def read_block(lines: list[str]) -> tuple[Architecture | None, list[str], list[str]]:
    """What follows the marker: (architecture, lines left over, notes for the user)."""
    span = find_mermaid(lines)
    if span is None:
        return None, [line for line in lines if line.strip()], []
    from editor.core.architecture.mermaid_read import read_mermaid

    start, end = span
    result = read_mermaid(_fence_body(lines, start, end))
    if result is None:
        return None, [line for line in lines if line.strip()], []
    leftover = [line for line in lines[:start] + lines[end:] if line.strip()]
    return result.architecture, leftover, result.notes


def take_from_prose(prose: list[str]) -> tuple[list[str], Architecture | None, list[str]]:
    """A hand-written section 5: its first Mermaid flowchart leaves the text for the builder."""
    if not any("mermaid" in line for line in prose):
        return prose, None, []
    span = find_mermaid(prose)
    if span is None:
        return prose, None, []
    from editor.core.architecture.mermaid_read import read_mermaid

    start, end = span
    result = read_mermaid(_fence_body(prose, start, end))
    if result is None:
        return prose, None, []
    if end < len(prose) and not prose[end].strip() and (start == 0 or not prose[start - 1].strip()):
        end += 1  # one blank line goes with the block
    return prose[:start] + prose[end:], result.architecture, result.notes
