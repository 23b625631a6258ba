"""The architecture as Mermaid text: what we write reads back the same, hand-written blocks are read."""

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from editor.core.architecture.graph import Architecture, Component, Link
from editor.core.architecture.mermaid_read import decode_label, read_mermaid
from editor.core.architecture.mermaid_write import escape_label, mermaid_lines
from editor.core.example import example_architecture
from tests.core.architecture.strategies import architectures, labels

REF = Path(__file__).resolve().parents[2] / "reference" / "architecture"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(architectures(), labels)
def test_what_we_write_reads_back_the_same_and_writes_the_same_lines(arch, _label):
    for language in ("en", "fr"):
        lines = mermaid_lines(arch, language)
        result = read_mermaid(lines)
        assert result is not None
        assert result.architecture == arch
        assert mermaid_lines(result.architecture, language) == lines


@given(labels)
def test_any_label_escapes_to_itself(label):
    assert decode_label(f'"{escape_label(label)}"') == label


def test_labels_are_escaped_the_way_githubs_mermaid_reads_them():
    # This text was checked with Mermaid 11's own parser: each label and title comes out as typed.
    arch = Architecture(components=[
        Component(id="a", stage="versioning", label='Git "main" C# a|b [x] {y} <b>'),
        Component(id="b", stage="versioning", key="dvc"),
        Component(id="c", stage="", label="`code` & more; end"),
    ], links=[Link(source="a", target="b", label="tags & more"), Link(source="b", target="c", style="thick")])
    assert mermaid_lines(arch, "en") == (REF / "escapes.mmd").read_text(encoding="utf-8").splitlines()


def test_a_hand_written_flowchart_is_read_and_what_does_not_fit_is_kept_and_reported():
    text = (REF / "handwritten.md").read_text(encoding="utf-8")
    body = text.split("```mermaid\n", 1)[1].split("\n```", 1)[0].split("\n")
    result = read_mermaid(body)
    arch = result.architecture
    by_id = {c.id: c for c in arch.components}
    assert arch.direction == "LR"
    assert (by_id["A"].key, by_id["A"].label, by_id["A"].stage) == ("git", "", "versioning")
    assert (by_id["B"].key, by_id["B"].shape) == ("github_actions", "round")
    assert (by_id["C"].key, by_id["C"].label, by_id["C"].shape) == ("docker", "Image Docker", "cylinder")
    assert (by_id["K"].key, by_id["K"].label, by_id["K"].shape) == ("kubernetes", "k3s", "hexagon")
    assert by_id["P"].stage == by_id["G"].stage == "monitoring"  # "Surveillance du modèle" is the monitoring stage
    assert (by_id["N"].key, by_id["N"].stage) == ("", "")  # a group that is no stage: placed by tool, here none
    assert (by_id["T"].key, by_id["T"].stage) == ("training_job", "training")
    links = {(lk.source, lk.target): lk for lk in arch.links}
    assert links[("B", "C")].label == "construit"
    assert links[("C", "K")].label == "déploie"
    assert links[("K", "P")].style == "dotted"
    assert (links[("P", "T")].label, links[("P", "T")].style) == ("alertes & drift", "dotted")
    assert links[("P", "G")].style == "thick"
    assert links[("E", "A")].style == "line"
    assert arch.preamble == ["%% dessiné à la main"]
    assert arch.extra == ["A@{ shape: rect }", "classDef chaud fill:#f96", "style A fill:#bbf", "class E chaud"]
    assert len(result.notes) == 2
    assert "1 line" in result.notes[0] and "Équipe produit" in result.notes[1]


def test_the_feedback_loop_keeps_its_default_label_in_either_language():
    arch = example_architecture("en")
    fr_lines = mermaid_lines(arch, "fr")
    assert '    evidently -.->|"réentraînement"| training_job' in fr_lines
    back = read_mermaid(fr_lines).architecture
    assert [lk.label for lk in back.links if lk.style == "dotted"] == [""]


def test_what_is_not_a_flowchart_is_not_read():
    assert read_mermaid(["sequenceDiagram", "  A->>B: hi"]) is None
    assert read_mermaid(["", "%% only a comment"]) is None


def test_a_huge_block_is_left_as_text():
    lines = ["flowchart TB"] + [f"  n{i} --> n{i + 1}" for i in range(400)]
    assert read_mermaid(lines) is None


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(["flowchart LR", "graph TD", "subgraph x", "end", "A --> B", "A[", '"', "|",
                                           "-->", "-.->", "==>", "&", ";", "%%", ":::", "classDef", "x" * 70, "#35;",
                                           "subgraph stage_data [Data]", "A -- t --> B", "A((b)) --- C"]),
                          st.text(max_size=12)), max_size=20))
def test_any_text_in_a_mermaid_block_is_read_or_left_alone_never_a_crash(parts):
    lines = " ".join(parts).replace(";", "\n").split("\n")
    result = read_mermaid(["flowchart TB", *lines])
    assert result is not None
    assert read_mermaid(mermaid_lines(result.architecture, "en")).architecture == result.architecture
