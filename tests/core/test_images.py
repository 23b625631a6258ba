"""Reading the images a proposal points to (editor/core/images.py): what is refused, and why."""

from __future__ import annotations

import os
import time

import pytest

from editor.core import images
from editor.core.images import ImageConsent, ImagePolicy, ImageRefused, image_kind, image_references, read_image
from editor.core.model import Diagram, Proposal
from tests.hostile.files import png, svg_loading


@pytest.fixture
def folders(tmp_path):
    doc, elsewhere = tmp_path / "doc", tmp_path / "private"
    doc.mkdir()
    elsewhere.mkdir()
    (doc / "arch.png").write_bytes(png(b"mine"))
    (elsewhere / "photo.png").write_bytes(png(b"private"))
    return doc, elsewhere


def refusal(written, base_dir, policy) -> ImageRefused:
    with pytest.raises(ImageRefused) as info:
        read_image(written, base_dir, policy)
    return info.value


def test_an_image_inside_the_folder_is_read_once(folders):
    doc, _elsewhere = folders
    policy = ImagePolicy([doc])
    assert read_image("arch.png", doc, policy) == png(b"mine")
    assert read_image(str(doc / "sub" / ".." / "arch.png"), doc, policy) == png(b"mine")
    assert policy.left_out == []


@pytest.mark.parametrize("written", ["../private/photo.png", "PRIVATE", "sub/../../private/photo.png"])
def test_images_outside_the_folder_are_refused_and_recorded(folders, written):
    doc, elsewhere = folders
    if written == "PRIVATE":
        written = str(elsewhere / "photo.png")
    policy = ImagePolicy([doc], hint="--allow-outside-images uses it")
    refused = refusal(written, doc, policy)
    assert refused.outside and "outside the proposal's folder" in str(refused) and "--allow-outside-images" in str(refused)
    assert [item.path for item in policy.left_out] == [written] and policy.left_out[0].outside
    assert written in policy.messages()[0]


def test_a_link_leading_out_is_outside(folders):
    doc, elsewhere = folders
    (doc / "mine.png").symlink_to(elsewhere / "photo.png")
    assert refusal("mine.png", doc, ImagePolicy([doc])).outside


def test_allowed_consented_or_untitled_images_from_elsewhere_are_read(folders):
    doc, elsewhere = folders
    photo = elsewhere / "photo.png"
    assert read_image(str(photo), doc, ImagePolicy([doc], allow_outside=True)) == png(b"private")
    assert read_image("../private/photo.png", doc, ImagePolicy([doc], consented=[photo])) == png(b"private")
    assert read_image(str(photo), None, ImagePolicy.untitled()) == png(b"private")
    assert refusal(str(photo), doc, ImagePolicy.never(doc)).outside


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_devices_pipes_and_folders_are_refused_at_once(folders):
    doc, _elsewhere = folders
    os.mkfifo(doc / "pipe.png")
    (doc / "zero.png").symlink_to("/dev/zero")
    (doc / "folder.png").mkdir()
    policy = ImagePolicy.untitled()  # no folder rule: only the kind of file decides
    started = time.perf_counter()
    for name in ("pipe.png", "zero.png", "folder.png"):
        assert "not a regular file" in str(refusal(name, doc, policy)) or "cannot be read" in str(refusal(name, doc, policy))
    assert "not a regular file" in str(refusal("/dev/zero", doc, policy))
    assert time.perf_counter() - started < 5


def test_size_kind_and_budget(folders, monkeypatch):
    doc, _elsewhere = folders
    (doc / "notes.png").write_bytes(b"private notes, not a picture")
    assert "not a PNG" in str(refusal("notes.png", doc, ImagePolicy([doc])))
    assert "no such file" in str(refusal("gone.png", doc, ImagePolicy([doc])))
    assert "not a file on this computer" in str(refusal("https://example.org/a.png", doc, ImagePolicy([doc])))
    monkeypatch.setattr(images, "MAX_IMAGE_BYTES", 10)
    assert "larger than" in str(refusal("arch.png", doc, ImagePolicy([doc])))
    monkeypatch.setattr(images, "MAX_IMAGE_BYTES", 1 << 20)
    monkeypatch.setattr(images, "MAX_IMAGE_FILES", 2)
    for n in range(3):
        (doc / f"{n}.png").write_bytes(png(b"%d" % n))
    policy = ImagePolicy([doc])
    read_image("0.png", doc, policy)
    read_image("1.png", doc, policy)
    assert read_image("0.png", doc, policy) == png(b"0")  # already read: not counted again
    assert "more than 2 image files" in str(refusal("2.png", doc, policy))


def test_image_kinds_by_their_first_bytes():
    assert image_kind(png()) == "png"
    assert image_kind(b"\xff\xd8\xff\xe0") == "jpeg"
    assert image_kind(b"GIF89a") == "gif" and image_kind(b"RIFF\0\0\0\0WEBPVP8 ") == "webp"
    assert image_kind(b"BM\x36\x00\x0c\x00\0\0\0\0\x36\0") == "bmp" and image_kind(b"BMW service notes") is None
    assert image_kind(b"\xef\xbb\xbf <?xml version='1.0'?><svg>") == "svg"
    assert image_kind(b"root:x:0:0:root:/root:/bin/bash") is None
    assert image_kind(b"text mentioning <svg> later") is None


@pytest.mark.parametrize("svg, loads", [
    (svg_loading("/home/me/photo.png"), True),
    (svg_loading("photo.png"), True),
    (svg_loading("data:image/png;base64,AAAA"), False),
    (b'<svg><use href="other.svg#shape"/></svg>', True),
    (b'<svg><use xlink:href=" #shape"/></svg>', False),
    (b"<svg><rect fill=\"url('#grad')\"/></svg>", False),
    (b'<svg><rect style="fill: url(pattern.svg#p)"/></svg>', True),
    (b'<svg><style>@import "theme.css";</style></svg>', True),
    (b'<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]><svg>&x;</svg>', True),
    (b'<svg xmlns:xlink="http://www.w3.org/1999/xlink"><a xlink:href="https://example.org"><rect/></a></svg>', False),
])
def test_svgs_that_load_other_files_are_refused(tmp_path, svg, loads):
    (tmp_path / "a.svg").write_bytes(svg)
    if loads:
        assert "loads other files" in str(refusal("a.svg", tmp_path, ImagePolicy([tmp_path])))
    else:
        assert read_image("a.svg", tmp_path, ImagePolicy([tmp_path])) == svg


def test_hostile_svg_text_is_scanned_in_moments(tmp_path):
    (tmp_path / "a.svg").write_bytes(b"<svg>" + b"<image " * 2_000_000)
    started = time.perf_counter()
    read_image("a.svg", tmp_path, ImagePolicy([tmp_path]))
    assert time.perf_counter() - started < 5


def test_image_references_of_a_proposal():
    p = Proposal(diagram=Diagram(path="/abs/arch.png"))
    p.sections["summary"] = "A ![x](a.png) and ![y]( <b c.png> ) and [link](d.png) ![w](https://e.org/w.png)\n\n[r]: ref.svg"
    assert image_references(p) == ["/abs/arch.png", "a.png", "b c.png", "ref.svg"]
    assert image_references(p, prose=False) == ["/abs/arch.png"]
    p.sections["summary"] = "![a](" * 500_000
    started = time.perf_counter()
    image_references(p)
    assert time.perf_counter() - started < 5


def test_a_relative_path_moved_by_an_export_names_the_original(folders, tmp_path):
    doc, _elsewhere = folders
    policy = ImagePolicy([doc])
    policy.moved("doc/arch.png", doc / "arch.png")  # as an output in tmp_path writes it
    assert read_image("doc/arch.png", tmp_path / "elsewhere", policy) == png(b"mine")


def test_consent_of_one_document(folders):
    doc, elsewhere = folders
    photo = str(elsewhere / "photo.png")
    consent = ImageConsent(doc / "p.md", diagram=photo)
    policy = consent.policy(doc / "p.md", photo)
    assert [real.name for _written, real in consent.to_ask(policy, [photo, "arch.png"], doc)] == ["photo.png"]
    consent.answer([elsewhere / "photo.png"], use=False)
    assert consent.to_ask(consent.policy(doc / "p.md", photo), [photo], doc) == []  # asked once
    assert refusal(photo, doc, consent.policy(doc / "p.md", photo)).outside
    consent.answer([elsewhere / "photo.png"], use=True)
    assert read_image(photo, doc, consent.policy(doc / "p.md", photo)) == png(b"private")


def test_a_diagram_chosen_after_opening_is_the_users(folders):
    doc, elsewhere = folders
    consent = ImageConsent(doc / "p.md", diagram="")
    photo = str(elsewhere / "photo.png")
    assert read_image(photo, doc, consent.policy(doc / "p.md", photo)) == png(b"private")
    assert ImageConsent(None).policy(None).roots is None  # a new document: all its images are the user's


def test_a_proposal_from_a_docx_is_never_asked_and_leaves_images_out(folders):
    doc, elsewhere = folders
    photo = str(elsewhere / "photo.png")
    consent = ImageConsent(doc / "p.docx", diagram=photo)
    policy = consent.policy(doc / "p.docx", photo)
    assert consent.to_ask(policy, [photo], doc) == []
    refused = refusal(photo, doc, policy)
    assert refused.outside and "Word document" in str(refused)
    assert read_image("arch.png", doc, policy) == png(b"mine")
