"""Hostile files never hang the CLI or the app, and never carry a private file out.

Every case of :mod:`tests.hostile.corpus` runs through ``check``, ``export --to md``, ``--to docx``
(``--to pdf`` for the cases about images) and the app's open path, each in a fresh process with a
generous time limit (the real figures: ``benchmarks/hostile.py``). Each run exits 0, 1 or 2 (one line
on stderr naming the file), prints no traceback, writes nothing but its output, and no output (DOCX
members included) holds the canary picture placed outside the proposal's folder, nor /etc/passwd.
"""

from __future__ import annotations

import pytest

from tests.hostile.corpus import Corpus, cases
from tests.hostile.files import PASSWD_MARK, png
from tests.hostile.runner import OUTPUTS, ConnectionTrap, run_all, run_one, snapshot

TIMEOUT = 20.0
CASES = cases()
BY_NAME = {case.name: case for case in CASES}
# A PDF image XObject: QPdfWriter re-encodes pictures, so the canary's bytes would not show; its image would.
PDF_IMAGE = b"/Subtype /Image"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    trap = ConnectionTrap()
    built = Corpus(tmp_path_factory.mktemp("hostile"), trap.port)
    built.build(CASES)
    before = snapshot(built.root / "docs"), snapshot(built.secret)
    runs = run_all(CASES, built, TIMEOUT)
    after = snapshot(built.root / "docs"), snapshot(built.secret)
    yield built, runs, before, after, trap
    trap.close()


def _params():
    for case in CASES:
        for command in case.commands():
            marks = [pytest.mark.xfail(strict=True, reason=case.slow[command])] if command in case.slow else []
            yield pytest.param(case.name, command, marks=marks, id=f"{case.name}-{command}")


@pytest.mark.parametrize("name, command", list(_params()))
def test_hostile_file(corpus, name, command):
    built, runs, *_ = corpus
    case, run = BY_NAME[name], runs[(name, command)]
    assert run.rc is not None, f"still running after {TIMEOUT:.0f} s"
    assert "Traceback" not in run.stderr, run.stderr[-2000:]
    assert run.rc in ((0, 1, 2) if command == "check" else (0, 2)), run.stderr[-2000:]
    if run.rc == 2:
        lines = run.stderr.strip().splitlines()
        assert len(lines) == 1 and case.file in lines[0], run.stderr[-2000:]
        assert run.outputs == {}, "a refused file writes nothing"
    if case.refused is not None:
        assert (run.rc == 2) == case.refused, run.stderr[-2000:]
    assert run.cwd_left == [], "nothing is written in the working folder"
    for part, data in run.outputs.items():
        assert built.token not in data, f"the private picture was carried into {part}"
        assert PASSWD_MARK not in data, f"/etc/passwd was carried into {part}"
    if run.rc == 0 and command in OUTPUTS:
        written = {p for p in run.outputs if "!" not in p}
        copies = {p for p in written if p != OUTPUTS[command]}
        assert OUTPUTS[command] in written and (command == "md" or not copies), written
        assert all(p.endswith(".png") for p in copies), copies  # a diagram from the case's own folder
    if case.no_pictures and run.rc == 0:
        assert not [p for p in run.outputs if "word/media/" in p or p.endswith(".png")], sorted(run.outputs)
        assert PDF_IMAGE not in run.outputs.get(OUTPUTS["pdf"], b""), "a picture was drawn into the PDF"


def test_nothing_outside_the_outputs_was_touched(corpus):
    built, _runs, before, after, trap = corpus
    assert before == after, "the proposals' folders and the private folder are as they were"
    assert not built.pwned.exists(), "no code ran from a YAML tag"
    assert trap.connections == 0, "nothing was fetched from the network"


def test_the_canary_is_found_when_the_user_allows_outside_images(corpus):
    """The checks above can fail: with the flag, the picture outside the folder is used, and seen."""
    built = corpus[0]
    for name, command in (("md-img-traversal", "docx"), ("md-diagram-absolute", "md"), ("md-diagram-traversal", "docx")):
        run = run_one(BY_NAME[name], command, built, TIMEOUT, extra=("--allow-outside-images",))
        assert run.rc == 0, run.stderr
        assert any(built.token in data for data in run.outputs.values()), (name, command, sorted(run.outputs))
    refused = run_one(BY_NAME["md-img-link-dev-zero"], "docx", built, TIMEOUT, extra=("--allow-outside-images",))
    assert refused.rc == 0 and "not a regular file" in refused.stderr


def test_images_inside_the_folder_are_used(corpus):
    built, runs, *_ = corpus
    docx = runs[("md-img-inside", "docx")]
    assert docx.rc == 0 and any(b"inside" in data for part, data in docx.outputs.items() if "media" in part)
    assert "could not be embedded" not in docx.stderr
    assert PDF_IMAGE in runs[("md-img-inside", "pdf")].outputs[OUTPUTS["pdf"]]
    assert runs[("md-img-inside", "md")].outputs["arch.png"] == png(b"inside")  # the diagram, copied along


def test_what_is_left_out_is_said(corpus):
    _built, runs, *_ = corpus
    for name in ("md-img-absolute", "md-img-traversal", "md-img-link-out"):
        lines = [line for line in runs[(name, "docx")].stderr.splitlines() if "could not be embedded" in line]
        assert len(lines) == 1 and "outside the proposal's folder" in lines[0]
        assert "--allow-outside-images" in lines[0]
    note = runs[("md-diagram-traversal", "md")].stderr
    assert "could not be copied" in note and "outside the proposal's folder" in note
    assert "not a regular file" in runs[("md-img-fifo", "docx")].stderr
