"""The architecture diagram as data: components placed in lifecycle stages, and links.

A component comes from the catalogue (``key``, its name shown in the document's
language unless the student gave a ``label``) or is a free entry (``label`` only).
Ids are Mermaid node ids: stable across edits, so the Markdown diffs line by line.
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

# The lifecycle stages in the order the diagram draws them (top to bottom); "" is "other".
STAGES: tuple[str, ...] = (
    "data",
    "versioning",
    "training",
    "cicd",
    "packaging",
    "serving",
    "orchestration",
    "monitoring",
    "governance",
)
LINK_STYLES: tuple[str, ...] = ("arrow", "line", "dotted", "thick")
SHAPES: tuple[str, ...] = ("box", "round", "stadium", "subroutine", "cylinder", "circle", "rhombus", "hexagon",
                           "parallelogram", "trapezoid", "asymmetric")
# Words Mermaid reads as keywords where a node id stands.
RESERVED_IDS = frozenset({"end", "graph", "flowchart", "subgraph", "style", "classdef", "class", "click",
                          "linkstyle", "direction", "call", "href", "default"})
_NODE_ID = re.compile(r"^[A-Za-z0-9_]+(?:-[A-Za-z0-9_]+)*$")
MAX_COMPONENTS = 300
MAX_LINKS = 1000


def stage_order(stage: str) -> int:
    """The lane a stage takes, top to bottom; "" (other) last."""
    return STAGES.index(stage) if stage in STAGES else len(STAGES)


def _one_line(text: str) -> str:
    return " ".join(text.replace("\r", "\n").splitlines()).strip()


class _Strict(BaseModel):
    # The validators are built on first use, not at import: the app paints its window first.
    model_config = ConfigDict(validate_assignment=True, extra="forbid", defer_build=True)


class Component(_Strict):
    """A box of the diagram."""

    id: str
    stage: str = ""
    key: str = ""  # catalogue key; "" for a free entry
    label: str = ""  # the student's own name; "" shows the catalogue's name
    shape: Literal["box", "round", "stadium", "subroutine", "cylinder", "circle", "rhombus", "hexagon",
                   "parallelogram", "trapezoid", "asymmetric"] = "box"

    @field_validator("id")
    @classmethod
    def _id(cls, value: str) -> str:
        if len(value) > 60 or not _NODE_ID.match(value) or value.lower() in RESERVED_IDS:
            raise ValueError("a component id is letters, digits, '_' or inner '-', and not a Mermaid keyword")
        return value

    @field_validator("stage")
    @classmethod
    def _stage(cls, value: str) -> str:
        if value and value not in STAGES:
            raise ValueError(f"unknown stage {value!r}")
        return value

    @field_validator("label")
    @classmethod
    def _label(cls, value: str) -> str:
        return _one_line(value)

    @model_validator(mode="after")
    def _canonical(self) -> "Component":
        # A box named like a catalogue tool is that tool; its own name (FR or EN) follows the language.
        # (Assignments below skip validation: they only make the component canonical.)
        if self.label or self.key:
            from editor.core.architecture.catalogue import is_tool_name, load_catalogue, match_tool

            key = match_tool(self.label) if self.label else None
            if key and key != self.key:
                object.__setattr__(self, "key", key)
            tool = load_catalogue().tool(self.key) if self.key else None
            if self.key and tool is None:
                raise ValueError(f"unknown catalogue key {self.key!r}")
            if tool is not None and not self.stage:  # a tool always sits in a stage: its own by default
                object.__setattr__(self, "stage", tool.stage)
            if self.key and is_tool_name(self.key, self.label):
                object.__setattr__(self, "label", "")
        return self


class Link(_Strict):
    """An arrow from one component to another (``line``: no arrow head)."""

    source: str
    target: str
    label: str = ""
    style: Literal["arrow", "line", "dotted", "thick"] = "arrow"

    @field_validator("label")
    @classmethod
    def _label(cls, value: str) -> str:
        return _one_line(value)


class Architecture(_Strict):
    """The builder's diagram: components, links, and Mermaid lines kept as written."""

    components: list[Component] = Field(default_factory=list)
    links: list[Link] = Field(default_factory=list)
    # The flowchart's direction as the file says it (the app always draws stages top to bottom).
    direction: Literal["TB", "TD", "BT", "LR", "RL"] = "TB"
    # Lines of a hand-written block kept verbatim: before the header (front matter, init directives) and
    # after the links (classDef, style, comments, statements the builder does not understand).
    preamble: list[str] = Field(default_factory=list)
    extra: list[str] = Field(default_factory=list)

    @field_validator("preamble", "extra")
    @classmethod
    def _extra(cls, value: list[str]) -> list[str]:
        return [line for line in (_one_line(v) for v in value) if line and not line.startswith("```")]

    @model_validator(mode="after")
    def _consistent(self) -> "Architecture":
        if len(self.components) > MAX_COMPONENTS or len(self.links) > MAX_LINKS:
            raise ValueError(f"a diagram holds at most {MAX_COMPONENTS} components and {MAX_LINKS} links")
        ids = [c.id for c in self.components]
        if len(set(ids)) != len(ids):
            raise ValueError("two components share an id")
        order = [stage_order(c.stage) for c in self.components]
        if order != sorted(order):  # the file lists them by stage: the model keeps that order
            ranked = sorted(range(len(order)), key=order.__getitem__)
            object.__setattr__(self, "components", [self.components[i] for i in ranked])
        if self.is_empty() and self.direction != "TB":  # nothing is written for an empty diagram
            object.__setattr__(self, "direction", "TB")
        known = set(ids)
        for link in self.links:
            if link.source not in known or link.target not in known:
                raise ValueError(f"a link names an unknown component ({link.source} -> {link.target})")
        return self

    def is_empty(self) -> bool:
        return not self.components and not self.extra and not self.preamble

    def component(self, component_id: str) -> Component | None:
        return next((c for c in self.components if c.id == component_id), None)

    def new_id(self, base: str) -> str:
        """A fresh Mermaid-safe id from ``base`` (a catalogue key or a free label): ``mlflow``, ``mlflow_2``."""
        slug = re.sub(r"[^a-z0-9]+", "_", _ascii(base).lower()).strip("_")[:40] or "c"
        if slug[0].isdigit() or slug in RESERVED_IDS or slug.startswith("stage_"):  # stage_*: the subgraphs' ids
            slug = "c_" + slug
        used = {c.id.lower() for c in self.components}
        if slug not in used:
            return slug
        n = 2
        while f"{slug}_{n}" in used:
            n += 1
        return f"{slug}_{n}"

    def without(self, component_id: str) -> "Architecture":
        """A copy without that component and its links."""
        return self.model_copy(update={
            "components": [c.model_copy() for c in self.components if c.id != component_id],
            "links": [lk.model_copy() for lk in self.links if component_id not in (lk.source, lk.target)],
        })


def _ascii(text: str) -> str:
    import unicodedata

    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
