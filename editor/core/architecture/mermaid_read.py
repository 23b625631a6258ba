"""Reading a Mermaid flowchart (written by us or by hand) into the builder's model.

The flowchart subset: the header (``flowchart``/``graph`` and a direction), nodes
with their shapes and labels (quoted or not, entity codes), links ``-->``,
``---``, ``-.->``, ``==>`` with labels (``-- text -->``, ``-->|text|``), chains
``A --> B --> C`` and ``A & B --> C``, subgraphs (a stage by their title or id,
in French or English), ``;`` separators and ``%%`` comments. ``classDef``,
``class``, ``style``, ``linkStyle``, ``click`` and comments are kept as written;
a statement the builder cannot map is kept as written too, and counted in the notes.
A block that is not a flowchart gives None: it stays in the text.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from editor.core.architecture.catalogue import load_catalogue, match_stage
from editor.core.architecture.graph import (
    MAX_COMPONENTS,
    MAX_LINKS,
    RESERVED_IDS,
    Architecture,
    Component,
    Link,
    stage_order,
)
from editor.core.architecture.mermaid_write import FEEDBACK_LABEL
from editor.core.vocab import fold
from editor.i18n import _, ngettext, translator

MAX_STATEMENT = 2000  # characters; longer statements are kept as text, never parsed
MAX_ID = 60  # what a component id may be (graph.Component)
_HEADER = re.compile(r"^(?:flowchart|graph)(?:\s+(TB|TD|BT|RL|LR))?\s*;?\s*$", re.IGNORECASE)
_KEPT = re.compile(r"^(?:classDef|class|style|linkStyle|click)\s", re.IGNORECASE)
_SUBGRAPH = re.compile(r"^subgraph(?:\s+(.*?))?\s*$", re.IGNORECASE)
_SUBGRAPH_ID_TITLE = re.compile(r'^([A-Za-z0-9_-]+)\s*\[\s*(?:"(.*)"|(.*?))\s*\]$')
_DIRECTION = re.compile(r"^direction\s+(TB|TD|BT|RL|LR)$", re.IGNORECASE)
_ID = re.compile(r"[A-Za-z0-9_]+(?:-[A-Za-z0-9_]+)*")
_SPACE = re.compile(r"\s*")
_AMP = re.compile(r"\s*&\s*")
_CLASS = re.compile(r":::([A-Za-z0-9_-]+)")
_LABELED_EDGES = (
    re.compile(r'--(?![-.>])\s*(?P<t>"[^"]*"|[^|"]*?)\s*(?P<op>-{2,}>|-{3,})'),
    re.compile(r'-\.(?![-.>])\s*(?P<t>"[^"]*"|[^|"]*?)\s*(?P<op>\.+->|\.+-(?!>))'),
    re.compile(r'==(?![=>])\s*(?P<t>"[^"]*"|[^|"]*?)\s*(?P<op>={2,}>|={3,})'),
)
_PLAIN_EDGE = re.compile(r"(?P<op>-{2,}>|-{3,}|-\.+->|-\.+-|={2,}>|={3,})(?![ox&\-=.>])")
_PIPE = re.compile(r'\s*\|\s*(?P<t>"[^"]*"|[^|]*?)\s*\|')
# Opening delimiter -> (closing delimiter, shape), longest first.
_SHAPES: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    ("(((", ((")))", "circle"),)),
    ("([", (("])", "stadium"),)),
    ("[[", (("]]", "subroutine"),)),
    ("[(", ((")]", "cylinder"),)),
    ("((", (("))", "circle"),)),
    ("{{", (("}}", "hexagon"),)),
    ("[/", (("/]", "parallelogram"), ("\\]", "trapezoid"))),
    ("[\\", (("\\]", "parallelogram"), ("/]", "trapezoid"))),
    (">", (("]", "asymmetric"),)),
    ("(", ((")", "round"),)),
    ("[", (("]", "box"),)),
    ("{", (("}", "rhombus"),)),
)
_ENTITY = re.compile(r"#(\d+|[A-Za-z]+);")
_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)
_STYLE_OF = (("=", "thick"), (".", "dotted"))


class _Unmapped(Exception):
    """A statement the builder cannot hold."""


@dataclass
class _Node:
    label: str | None = None
    shape: str = "box"
    stage: str | None = None


@dataclass
class MermaidRead:
    """What a ```mermaid block gave: the architecture and notes for the user (unmapped parts)."""

    architecture: Architecture
    notes: list[str] = field(default_factory=list)


def decode_label(text: str) -> str:
    """A Mermaid label as it shows: quotes off, entity codes and ``<br>`` decoded, Markdown-string backticks off."""
    text = text.strip()
    if len(text) >= 2 and text[0] == text[-1] == '"':
        text = text[1:-1]
    if len(text) >= 2 and text[0] == text[-1] == "`":
        text = text[1:-1]

    def entity(m: re.Match) -> str:
        code = m.group(1)
        if code.isdigit():
            n = int(code)
            return chr(n) if 0 < n < 0x110000 else m.group()
        decoded = html.unescape(f"&{code};")
        return m.group() if decoded == f"&{code};" else decoded

    return " ".join(_ENTITY.sub(entity, _BR.sub(" ", text)).split())


def _statements(line: str) -> list[str]:
    """A line cut at ``;`` outside quotes and entity codes."""
    out, start, quoted = [], 0, False
    for i, ch in enumerate(line):
        if ch == '"':
            quoted = not quoted
        elif ch == ";" and not quoted and not re.search(r"#(\d+|[A-Za-z]+)$", line[start:i]):
            out.append(line[start:i])
            start = i + 1
    out.append(line[start:])
    return [s.strip() for s in out if s.strip()]


class _Parser:
    def __init__(self) -> None:
        self.nodes: dict[str, _Node] = {}
        self.links: list[tuple[str, str, str, str]] = []
        self.extra: list[str] = []
        self.classes: list[str] = []
        self.unmapped = 0
        self.stack: list[tuple[str, str | None]] = []  # (subgraph id, its stage)
        self.subgraph_ids: set[str] = set()
        self.unknown_groups: list[str] = []

    # -- statements ---------------------------------------------------------------
    def statement(self, text: str, raw: str) -> None:
        if text.startswith("%%"):
            self.extra.append(raw)
            return
        if _KEPT.match(text):
            self.extra.append(text)
            return
        m = _SUBGRAPH.match(text)
        if m and (m.group(1) is None or not text[8:9].isalnum()):
            self._open_subgraph((m.group(1) or "").strip())
            return
        if text.lower() == "end":
            if self.stack:
                self.stack.pop()
            return
        if _DIRECTION.match(text):
            return  # a subgraph's own direction: the app draws every stage as a lane
        if len(text) > MAX_STATEMENT:
            self._keep(text)
            return
        try:
            nodes, links, classes = self._chain(text)
        except _Unmapped:
            self._keep(text)
            return
        stage = self._current_stage()
        for node_id, label, shape in nodes:
            node = self.nodes.setdefault(node_id, _Node())
            if label is not None:
                node.label, node.shape = label, shape
            if node.stage is None and stage is not None:
                node.stage = stage
        self.links += links
        self.classes += classes

    def _keep(self, text: str) -> None:
        self.extra.append(text)
        self.unmapped += 1

    def _open_subgraph(self, spec: str) -> None:
        m = _SUBGRAPH_ID_TITLE.match(spec)
        if m:
            sub_id, title = m.group(1), decode_label(m.group(2) if m.group(2) is not None else m.group(3))
        else:
            title = decode_label(spec)
            sub_id = spec if _ID.fullmatch(spec) else ""
        stage = match_stage(title) if title else None
        if stage is None and sub_id:
            stage = match_stage(sub_id.removeprefix("stage_"))
        if stage is None and (title or sub_id):
            self.unknown_groups.append(title or sub_id)
        if sub_id:
            self.subgraph_ids.add(sub_id)
        self.stack.append((sub_id, stage))

    def _current_stage(self) -> str | None:
        for _sub_id, stage in reversed(self.stack):
            if stage is not None:
                return stage
        return None

    # -- a chain of nodes and links ---------------------------------------------------
    def _chain(self, text: str):
        pos = 0
        nodes, links, classes = [], [], []
        group, pos = self._group(text, pos, nodes, classes)
        while True:
            pos = _SPACE.match(text, pos).end()
            if pos == len(text):
                break
            label, style, pos = self._edge(text, pos)
            nxt, pos = self._group(text, pos, nodes, classes)
            links += [(a, b, label, style) for a in group for b in nxt]
            group = nxt
        return nodes, links, classes

    def _group(self, text: str, pos: int, nodes: list, classes: list) -> tuple[list[str], int]:
        ids = []
        while True:
            pos = _SPACE.match(text, pos).end()
            node_id, label, shape, pos = self._node(text, pos)
            m = _CLASS.match(text, pos)
            if m:
                classes.append(f"class {node_id} {m.group(1)}")
                pos = m.end()
            nodes.append((node_id, label, shape))
            ids.append(node_id)
            m = _AMP.match(text, pos)
            if not m or m.end() == pos:
                return ids, pos
            pos = m.end()

    @staticmethod
    def _node(text: str, pos: int) -> tuple[str, str | None, str, int]:
        m = _ID.match(text, pos)
        if not m or m.group().lower() in RESERVED_IDS or len(m.group()) > MAX_ID:
            raise _Unmapped
        node_id, pos = m.group(), m.end()
        for opening, closings in _SHAPES:
            if not text.startswith(opening, pos):
                continue
            start = pos + len(opening)
            if text.startswith('"', start):
                end_quote = text.find('"', start + 1)
                if end_quote < 0:
                    raise _Unmapped
                for closing, shape in closings:
                    if text.startswith(closing, end_quote + 1):
                        return node_id, decode_label(text[start:end_quote + 1]), shape, end_quote + 1 + len(closing)
                raise _Unmapped
            best = None
            for closing, shape in closings:
                end = text.find(closing, start)
                if end >= 0 and (best is None or end < best[0]):
                    best = (end, closing, shape)
            if best is None:
                raise _Unmapped
            end, closing, shape = best
            return node_id, decode_label(text[start:end]), shape, end + len(closing)
        return node_id, None, "box", pos

    @staticmethod
    def _edge(text: str, pos: int) -> tuple[str, str, int]:
        for pattern in _LABELED_EDGES:
            m = pattern.match(text, pos)
            if m:
                return decode_label(m.group("t")), _style(m.group("op"), text[pos]), m.end()
        m = _PLAIN_EDGE.match(text, pos)
        if not m:
            raise _Unmapped
        op, pos = m.group("op"), m.end()
        label = ""
        pipe = _PIPE.match(text, pos)
        if pipe:
            label, pos = decode_label(pipe.group("t")), pipe.end()
        return label, _style(op, op[0]), pos


def _style(op: str, first: str) -> str:
    if "=" in op or first == "=":
        return "thick"
    if "." in op or first == ".":
        return "dotted"
    return "arrow" if op.endswith(">") else "line"


def _component(node_id: str, node: _Node) -> Component:
    """The node as a component: the tool its id (``mlflow_2``) or its label names, the stage of its subgraph."""
    label = node.label if node.label is not None else node_id
    base = re.sub(r"_\d+$", "", node_id)
    key = base if load_catalogue().tool(base) else ""
    component = Component(id=node_id, key=key, label=label, shape=node.shape)
    stage = node.stage
    if stage is None:
        tool = load_catalogue().tool(component.key) if component.key else None
        stage = tool.stage if tool else ""
    component.stage = stage
    return component


def _feedback_labels() -> set[str]:
    return {fold(translator(lang)(FEEDBACK_LABEL)) for lang in ("en", "fr")}


def read_mermaid(lines: list[str]) -> MermaidRead | None:
    """The architecture in a Mermaid block's lines (fence excluded); None when it is not a flowchart."""
    preamble, body = [], None
    for i, line in enumerate(lines):
        stripped = line.strip()
        if _HEADER.match(stripped):
            body = lines[i + 1:]
            direction = (_HEADER.match(stripped).group(1) or "TB").upper()
            break
        if stripped:
            preamble.append(stripped)
    if body is None:
        return None
    parser = _Parser()
    for line in body:
        stripped = line.strip()
        if not stripped:
            continue
        if stripped.startswith("%%"):
            parser.statement(stripped, stripped)
            continue
        for statement in _statements(stripped):
            parser.statement(statement, statement)
    if len(parser.nodes) > MAX_COMPONENTS or len(parser.links) > MAX_LINKS:
        return None
    components = [_component(node_id, node) for node_id, node in parser.nodes.items()]
    by_id = {c.id: c for c in components}
    links, feedback = [], _feedback_labels()
    for source, target, label, style in parser.links:
        if source in parser.subgraph_ids or target in parser.subgraph_ids:
            parser.extra.append(f"{source} --> {target}")
            parser.unmapped += 1
            continue
        back = stage_order(by_id[target].stage) < stage_order(by_id[source].stage)
        if style == "dotted" and back and fold(label) in feedback:
            label = ""
        links.append(Link(source=source, target=target, label=label, style=style))
    arch = Architecture(components=components, links=links, direction=direction, preamble=preamble,
                        extra=parser.extra + parser.classes)
    notes = []
    if parser.unmapped:
        notes.append(ngettext("{count} line of the Mermaid diagram does not fit the architecture builder; it is kept in the diagram as written.",
                              "{count} lines of the Mermaid diagram do not fit the architecture builder; they are kept in the diagram as written.",
                              parser.unmapped).format(count=parser.unmapped))
    for group in parser.unknown_groups:
        notes.append(_("The group “{name}” of the Mermaid diagram is not a lifecycle stage; its components were placed by their tool.").format(name=group))
    return MermaidRead(arch, notes)
