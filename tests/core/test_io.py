"""The architecture diagram follows a proposal saved into another folder (editor/core/io.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from editor.core import images
from editor.core.images import ImagePolicy
from editor.core.io import anchor_diagram, portable_diagram
from editor.core.model import Diagram, Proposal


PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture
def folders(tmp_path):
    src, dst = tmp_path / "src", tmp_path / "dst"
    src.mkdir()
    dst.mkdir()
    (src / "arch.png").write_bytes(PNG + b"first picture")
    return src, dst


def with_diagram(path: str) -> Proposal:
    return Proposal(diagram=Diagram(path=path, caption="Pipeline"))


def test_markdown_elsewhere_gets_a_copy_next_to_it(folders):
    src, dst = folders
    proposal = with_diagram("arch.png")
    written, notes = portable_diagram(proposal, dst / "p.md", src)
    assert notes == [] and written.diagram.path == "arch.png" and written.diagram.caption == "Pipeline"
    assert (dst / "arch.png").read_bytes() == PNG + b"first picture"
    assert proposal.diagram.path == "arch.png"  # the proposal given is left as it was
    # Saved again: the identical copy is reused, no second file.
    assert portable_diagram(proposal, dst / "p.md", src)[0].diagram.path == "arch.png"
    assert sorted(f.name for f in dst.iterdir()) == ["arch.png"]
    # Another picture of the same name never replaces the first copy.
    (src / "arch.png").write_bytes(PNG + b"second picture")
    assert portable_diagram(proposal, dst / "p.md", src)[0].diagram.path == "arch-2.png"
    assert (dst / "arch.png").read_bytes() == PNG + b"first picture"
    assert (dst / "arch-2.png").read_bytes() == PNG + b"second picture"


def test_image_inside_the_folder_is_written_relative(folders):
    src, _dst = folders
    (src / "img").mkdir()
    (src / "img" / "d.svg").write_text("<svg/>", encoding="utf-8")
    absolute = with_diagram((src / "img" / "d.svg").as_posix())
    assert portable_diagram(absolute, src / "p.md")[0].diagram.path == "img/d.svg"
    assert portable_diagram(absolute, src / "p.docx")[0].diagram.path == "img/d.svg"
    same = with_diagram("arch.png")
    assert portable_diagram(same, src / "p.md", src)[0] is same


def test_docx_and_pdf_elsewhere_refer_to_the_image_where_it_is(folders):
    src, dst = folders
    for name in ("p.docx", "p.pdf"):
        written, notes = portable_diagram(with_diagram("arch.png"), dst / name, src)
        assert written.diagram.path == (src / "arch.png").as_posix() and notes == []
    assert list(dst.iterdir()) == []


def test_saved_where_it_lives_a_climbing_relative_path_is_kept(tmp_path):
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "arch.png").write_bytes(PNG + b"picture")
    (tmp_path / "docs").mkdir()
    read = anchor_diagram(with_diagram("../images/arch.png"), tmp_path / "docs")  # as the app holds it
    assert portable_diagram(read, tmp_path / "docs" / "p.md", tmp_path / "docs")[0].diagram.path == "../images/arch.png"
    assert list((tmp_path / "docs").iterdir()) == []
    (tmp_path / "elsewhere").mkdir()
    # Saved elsewhere, an image outside the proposal's folder is copied only when allowed.
    written, notes = portable_diagram(read, tmp_path / "elsewhere" / "p.md", tmp_path / "docs")
    assert written.diagram.path == (tmp_path / "images" / "arch.png").as_posix()
    assert len(notes) == 1 and "outside the proposal's folder" in notes[0]
    assert list((tmp_path / "elsewhere").iterdir()) == []
    allowed = ImagePolicy([tmp_path / "docs"], allow_outside=True)
    assert portable_diagram(read, tmp_path / "elsewhere" / "p.md", tmp_path / "docs", allowed)[0].diagram.path == "arch.png"
    assert (tmp_path / "elsewhere" / "arch.png").read_bytes() == PNG + b"picture"


def test_first_save_of_a_new_proposal_copies_an_image_from_elsewhere(folders):
    src, dst = folders
    untitled = with_diagram((src / "arch.png").as_posix())  # attached while the proposal had no file
    assert portable_diagram(untitled, dst / "p.md", None)[0].diagram.path == "arch.png"
    assert (dst / "arch.png").is_file()


def test_missing_image_keeps_its_path_or_where_it_was_expected(folders):
    src, dst = folders
    missing = with_diagram("gone.png")
    assert portable_diagram(missing, src / "p.md", src)[0].diagram.path == "gone.png"
    assert portable_diagram(missing, dst / "p.md", src)[0].diagram.path == (src / "gone.png").as_posix()
    assert list(dst.iterdir()) == []


def test_a_copy_that_cannot_be_made_is_a_remark_not_a_failure(folders, monkeypatch):
    src, dst = folders
    monkeypatch.setattr(images, "MAX_IMAGE_BYTES", 4)
    written, notes = portable_diagram(with_diagram("arch.png"), dst / "p.md", src)
    assert written.diagram.path == (src / "arch.png").as_posix()
    assert len(notes) == 1 and "arch.png" in notes[0]
    assert list(dst.iterdir()) == []


def test_anchor_makes_a_relative_path_absolute(tmp_path):
    proposal = with_diagram("sub/../arch.png")
    assert anchor_diagram(proposal, tmp_path) is proposal
    assert proposal.diagram.path == (tmp_path / "arch.png").as_posix()
    assert anchor_diagram(with_diagram("a.png"), None).diagram.path == "a.png"
    assert anchor_diagram(with_diagram(""), tmp_path).diagram.path == ""


def test_web_addresses_and_unusable_paths_never_stop_a_save(folders):
    src, dst = folders
    for url in ("https://example.org/arch.png", "data:image/png;base64,AAAA"):
        proposal = with_diagram(url)
        assert anchor_diagram(proposal, src).diagram.path == url
        assert portable_diagram(proposal, dst / "p.md", src) == (proposal, [])
    too_long = with_diagram("x" * 5000 + ".png")
    written, notes = portable_diagram(too_long, dst / "p.md", src)
    assert written.diagram.path.endswith(".png") and notes == []
    assert portable_diagram(with_diagram("C:/pictures/arch.png"), src / "p.md", src)[0].diagram.path == "C:/pictures/arch.png"


def test_only_an_image_is_ever_copied(folders, tmp_path):
    src, dst = folders
    (src / "token.png").write_bytes(b"ghp_secret")  # named like a picture, made like a key
    (src / ".env").write_text("KEY=secret", encoding="utf-8")
    for name in ("token.png", ".env", "../src/.env"):
        written, notes = portable_diagram(with_diagram(name), dst / "p.md", src)
        assert written.diagram.path == (src / Path(name).name).as_posix()
        assert len(notes) == 1 and "not a PNG" in notes[0]
    assert list(dst.iterdir()) == []
