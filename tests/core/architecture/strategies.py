"""Hypothesis strategies for architectures as the builder makes them."""

from hypothesis import strategies as st

from editor.core.architecture.catalogue import load_catalogue
from editor.core.architecture.graph import LINK_STYLES, SHAPES, STAGES, Architecture, Component, Link

_tricky = st.sampled_from(['"', "#", "#35;", "#quot;", "<b>", ">", "&", "&amp;", "`", "|", "[", "]", "(", ")", "{", "}",
                           ";", "%%", "-->", "end", "é", "🚀", "\\", " ", "subgraph", ":::x"])
labels = st.lists(st.one_of(_tricky, st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), max_size=6)),
                  max_size=6).map("".join).map(lambda s: " ".join(s.split()))


@st.composite
def architectures(draw, max_components: int = 12) -> Architecture:
    keys = [t.key for t in load_catalogue().tools]
    arch = Architecture()
    components = []
    for _ in range(draw(st.integers(0, max_components))):
        from_catalogue = draw(st.booleans())
        key = draw(st.sampled_from(keys)) if from_catalogue else ""
        label = draw(st.one_of(st.just(""), labels)) if from_catalogue else draw(labels.filter(bool))
        component = Component(id=arch.new_id(key or label), stage=draw(st.sampled_from((*STAGES, ""))),
                              key=key, label=label, shape=draw(st.sampled_from(SHAPES)))
        components.append(component)
        arch = Architecture(components=components)
    ids = [c.id for c in arch.components]
    links = []
    if ids:
        for _ in range(draw(st.integers(0, 2 * len(ids)))):
            links.append(Link(source=draw(st.sampled_from(ids)), target=draw(st.sampled_from(ids)),
                              label=draw(st.one_of(st.just(""), labels)), style=draw(st.sampled_from(LINK_STYLES))))
    return Architecture(components=arch.components, links=links,
                        direction=draw(st.sampled_from(["TB", "LR"])),
                        extra=draw(st.lists(st.sampled_from(["classDef hot fill:#f96", "%% note", "style a fill:#fff"]),
                                            max_size=2)))
