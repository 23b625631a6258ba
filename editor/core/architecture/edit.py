"""The builder's edits as pure functions: each takes an architecture and returns a new one.

The Qt builder calls these and pushes the result as one undo step; nothing here
mutates its argument. Errors a student could cause (a link to itself, a link
that exists) raise ``ValueError`` whose text is a message id (``N_``) the
interface translates.
"""

from __future__ import annotations

from editor.core.architecture.catalogue import load_catalogue, match_tool
from editor.core.architecture.graph import Architecture, Component, Link, stage_order
from editor.i18n import N_


def _copy(arch: Architecture, components=None, links=None) -> Architecture:
    return Architecture(
        components=[c.model_copy() for c in (arch.components if components is None else components)],
        links=[lk.model_copy() for lk in (arch.links if links is None else links)],
        direction=arch.direction, preamble=list(arch.preamble), extra=list(arch.extra))


def add_tool(arch: Architecture, key: str, stage: str | None = None) -> tuple[Architecture, str]:
    """Add the catalogue tool ``key`` (in its own stage unless told); returns the new id too."""
    tool = load_catalogue().tool(key)
    if tool is None:
        raise ValueError(f"unknown tool {key!r}")
    component = Component(id=arch.new_id(key), key=key, stage=stage or tool.stage, shape=tool.shape)
    return _insert(arch, component), component.id


def add_free(arch: Architecture, label: str, stage: str) -> tuple[Architecture, str]:
    """Add a component of the student's own (a tool's name becomes that tool)."""
    label = " ".join(label.split())
    if not label:
        raise ValueError(N_("A component needs a name."))
    key = match_tool(label)
    if key:
        return add_tool(arch, key, stage or None)
    component = Component(id=arch.new_id(label), label=label, stage=stage)
    return _insert(arch, component), component.id


def _insert(arch: Architecture, component: Component) -> Architecture:
    # At the end of its stage, so the student's order within a stage is kept.
    components = list(arch.components)
    at = len(components)
    for i, c in enumerate(components):
        if stage_order(c.stage) > stage_order(component.stage):
            at = i
            break
    components.insert(at, component)
    return _copy(arch, components=components)


def rename(arch: Architecture, component_id: str, label: str) -> Architecture:
    """The box's name (blank: back to the catalogue's name)."""
    components = []
    for c in arch.components:
        if c.id == component_id:
            c = Component(id=c.id, stage=c.stage, key=c.key, label=" ".join(label.split()), shape=c.shape)
            if not c.key and not c.label:
                raise ValueError(N_("A component needs a name."))
        components.append(c)
    return _copy(arch, components=components)


def move_to_stage(arch: Architecture, component_id: str, stage: str) -> Architecture:
    moved = arch.component(component_id)
    if moved is None or moved.stage == stage:
        return arch
    rest = _copy(arch, components=[c for c in arch.components if c.id != component_id], links=[])
    result = _insert(rest, moved.model_copy(update={"stage": stage}))
    return _copy(result, links=arch.links)


def move_within_stage(arch: Architecture, component_id: str, step: int) -> Architecture:
    """One place earlier (``step`` -1) or later (+1) among the components of its stage."""
    components = list(arch.components)
    i = next((n for n, c in enumerate(components) if c.id == component_id), None)
    if i is None:
        return arch
    j = i + step
    if not 0 <= j < len(components) or components[j].stage != components[i].stage:
        return arch
    components[i], components[j] = components[j], components[i]
    return _copy(arch, components=components)


def remove(arch: Architecture, component_id: str) -> Architecture:
    return _copy(arch.without(component_id))


def add_link(arch: Architecture, source: str, target: str, label: str = "", style: str = "arrow") -> Architecture:
    if source == target:
        raise ValueError(N_("A link joins two different components."))
    if any(lk.source == source and lk.target == target for lk in arch.links):
        raise ValueError(N_("These components are already linked."))
    return _copy(arch, links=[*arch.links, Link(source=source, target=target, label=label, style=style)])


def remove_link(arch: Architecture, index: int) -> Architecture:
    return _copy(arch, links=[lk for i, lk in enumerate(arch.links) if i != index])


def feedback_ends(arch: Architecture) -> tuple[str, str] | None:
    """The natural feedback loop: from a monitoring component back to the training that retrains
    (a training pipeline first), or None when the diagram has no such pair or already has it."""
    monitors = [c for c in arch.components if c.stage == "monitoring"]
    trainers = sorted((c for c in arch.components if c.stage == "training"),
                      key=lambda c: (c.key != "training_job", arch.components.index(c)))
    if not monitors or not trainers:
        return None
    preferred = next((c for c in monitors if c.key in ("evidently", "whylogs")), monitors[0])
    pair = (preferred.id, trainers[0].id)
    if any((lk.source, lk.target) == pair for lk in arch.links):
        return None
    return pair


def add_feedback_loop(arch: Architecture) -> Architecture:
    """The dotted link monitoring -> retraining, drawn around and labelled "retraining"."""
    ends = feedback_ends(arch)
    if ends is None:
        raise ValueError(N_("The feedback loop needs a monitoring component and a training component (or it is already there)."))
    return add_link(arch, ends[0], ends[1], style="dotted")
