"""Pictures a proposal carries (taken out of a DOCX) become files next to its Markdown file,
never replacing a different file, and the links follow."""

from __future__ import annotations

import pytest

from editor.core.checks import check
from editor.core.io import anchor_diagram, portable_diagram
from editor.core.media import place_bytes, write_media
from editor.core.model import Diagram, Proposal


def carried() -> Proposal:
    p = Proposal(diagram=Diagram(path="architecture.png", caption="Pipeline"),
                 media={"architecture.png": b"\x89PNG diagram", "picture-1.png": b"\x89PNG shot",
                        "picture-2.png": b"\x89PNG unused"})
    p.sections["context"] = "Before ![A shot](picture-1.png) after, and ![web](https://x.org/a.png)."
    return p


def test_pictures_are_written_next_to_the_markdown_and_linked(tmp_path):
    (tmp_path / "architecture.png").write_bytes(b"\x89PNG diagram")  # the same file: reused
    (tmp_path / "picture-1.png").write_bytes(b"someone else's picture")  # a different one: kept
    p = carried()
    written, remarks = write_media(p, tmp_path / "proposal.md")
    assert remarks == []
    assert sorted(f.name for f in tmp_path.iterdir()) == ["architecture.png", "picture-1-2.png", "picture-1.png"]
    assert (tmp_path / "picture-1.png").read_bytes() == b"someone else's picture"
    assert (tmp_path / "picture-1-2.png").read_bytes() == b"\x89PNG shot"
    assert written.sections["context"] == "Before ![A shot](picture-1-2.png) after, and ![web](https://x.org/a.png)."
    assert written.diagram.path == (tmp_path / "architecture.png").as_posix() and written.media == {}
    assert p.media and p.diagram.path == "architecture.png"  # the proposal given is unchanged
    relative, _notes = portable_diagram(written, tmp_path / "proposal.md", tmp_path)
    assert relative.diagram.path == "architecture.png"


def test_a_carried_diagram_is_not_a_file_of_the_folder(tmp_path):
    (tmp_path / "architecture.png").write_bytes(b"another picture")
    p = carried()
    anchor_diagram(p, tmp_path)
    assert p.diagram.path == "architecture.png"  # still the carried one, not the folder's file
    assert portable_diagram(p, tmp_path / "elsewhere" / "x.docx", tmp_path) == (p, [])
    assert not [f for f in check(p) if f.rule == "architecture-diagram-missing"]


def test_a_picture_that_cannot_be_written_is_named(tmp_path):
    written, remarks = write_media(carried(), tmp_path / "missing" / "proposal.md")
    assert len(remarks) == 2 and all("could not be written next to the proposal" in r for r in remarks)


def test_place_bytes_never_follows_a_link(tmp_path):
    target = tmp_path / "secret.txt"
    target.write_bytes(b"secret")
    (tmp_path / "picture.png").symlink_to(target)
    assert place_bytes(tmp_path, "picture.png", b"\x89PNG") == "picture-2.png"
    assert target.read_bytes() == b"secret"


@pytest.mark.parametrize("name", ["../x.png", "a/b.png", ".hidden.png", "x", "x.PNG "])
def test_carried_names_are_plain_file_names(name):
    with pytest.raises(ValueError):
        Proposal(media={name: b""})


def test_every_export_shows_the_pictures_the_proposal_carries(tmp_path):
    """A DOCX opened where its pictures are not files (an instructor's folder), exported again:
    the DOCX and the preview (the PDF's HTML) take them from the proposal, not the folder."""
    import base64
    import io
    import zipfile

    from editor.core.export.html import proposal_to_html
    from editor.core.formats.docx import build_docx, read_docx
    from tests.core.formats.test_docx_sample import tiny_png

    diagram, shot = tiny_png(40, 20, (30, 60, 120)), tiny_png(12, 8, (200, 30, 30))
    p = Proposal(diagram=Diagram(path="architecture.png", caption="Pipeline"),
                 media={"architecture.png": diagram, "picture-1.png": shot})
    p.sections["context"] = "Before ![A shot](picture-1.png) after."
    (tmp_path / "picture-1.png").write_bytes(tiny_png(5, 5))  # the folder's own file of that name is not it
    data, warnings = build_docx(p, base_dir=tmp_path)
    assert warnings == []
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        embedded = {z.read(n) for n in z.namelist() if n.startswith("word/media/")}
    assert embedded == {diagram, shot}
    (tmp_path / "again.docx").write_bytes(data)
    assert sorted(read_docx(tmp_path / "again.docx").proposal.media.values()) == sorted([diagram, shot])
    html = proposal_to_html(p, base_dir=tmp_path)
    for picture in (diagram, shot):
        assert base64.b64encode(picture).decode() in html


def test_place_bytes_numbers_a_name_without_extension(tmp_path):
    (tmp_path / "diagram").write_bytes(b"other")
    assert place_bytes(tmp_path, "diagram", b"\x89PNG") == "diagram-2"
    assert place_bytes(tmp_path, "diagram", b"\x89PNG") == "diagram-2"  # the same bytes: the same file
