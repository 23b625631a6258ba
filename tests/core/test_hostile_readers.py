"""Hostile and broken files against every reader.

Readers: Markdown (``load_markdown``), DOCX (``read_docx``), the guide data
(``load_guide_file``) and recovery files (``load_recovery`` + ``recovered_proposal``).
Each bad input gives a proposal or our error naming the file, never another
exception; the CLI exits 2 with one line on stderr. The heavy cases (bombs, huge
files) are in test_hostile_heavy.py, random input in test_hostile_fuzz.py, and
whole files through the CLI and the app in tests/hostile/.

The files are generated here (small fixed ones live in tests/reference/hostile/).
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import time
import zipfile
import io
from html import escape as html_escape
from pathlib import Path

import pytest

from editor.core.formats import FormatError
from editor.core.guide import GuideError

ROOT = Path(__file__).resolve().parents[2]
HOSTILE = ROOT / "tests" / "reference" / "hostile"
# A hostile file is read or refused within a few seconds, with room for a loaded CI machine.
MAX_SECONDS = 5.0


# --- readers -----------------------------------------------------------------------

def read_markdown_file(path):
    from editor.core.formats.markdown import load_markdown

    return load_markdown(path)


def read_docx_file(path):
    from editor.core.formats.docx import read_docx

    return read_docx(path)


def read_guide_file(path):
    from editor.core.guide import load_guide_file

    return load_guide_file(Path(path))


def read_recovery_file(path):
    from editor.core.recovery import load_recovery, recovered_proposal

    return recovered_proposal(load_recovery(path))


READERS = {
    "markdown": (".md", read_markdown_file),
    "docx": (".docx", read_docx_file),
    "guide": (".yaml", read_guide_file),
    "recovery": (".json", read_recovery_file),
}
OUR_ERRORS = (FormatError, GuideError)


def outcome(reader, path) -> str:
    """"ok" or "error: <message>"; any other exception propagates (the test fails)."""
    try:
        reader(path)
    except OUR_ERRORS as exc:
        message = str(exc)
        assert message.strip(), "an error must say something"
        assert Path(path).name in message, f"the message must name the file: {message!r}"
        return "error: " + message
    return "ok"


def timed(reader, path):
    start = time.perf_counter()
    result = outcome(reader, path)
    elapsed = time.perf_counter() - start
    assert elapsed < MAX_SECONDS, f"{path.name}: {elapsed:.1f} s"
    return result


# --- the bad inputs common to every reader --------------------------------------------

def _random_bytes(n=65536, seed=6):
    return random.Random(seed).randbytes(n)


COMMON = {
    "empty": b"",
    "random-bytes": _random_bytes(),
    "invalid-utf8": "## Résumé\n\nTexte « accentué ».\n".encode("latin-1"),
    "nul-bytes": b"## Summary\n\nText\x00with\x00NUL\x00bytes\n",
    "utf16": "## Summary\n\nText\n".encode("utf-16"),
    "truncated-zip": b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + _random_bytes(200),
    "only-bom": b"\xef\xbb\xbf",
    "control-chars": bytes(range(1, 32)) * 100,
}


@pytest.mark.parametrize("reader_name", READERS)
@pytest.mark.parametrize("case", COMMON)
def test_common_bad_inputs(tmp_path, reader_name, case):
    suffix, reader = READERS[reader_name]
    path = tmp_path / f"{case}{suffix}"
    path.write_bytes(COMMON[case])
    timed(reader, path)


@pytest.mark.parametrize("reader_name", READERS)
def test_folder_instead_of_a_file(tmp_path, reader_name):
    suffix, reader = READERS[reader_name]
    path = tmp_path / f"folder{suffix}"
    path.mkdir()
    assert timed(reader, path).startswith("error:")


@pytest.mark.parametrize("reader_name", READERS)
def test_missing_file(tmp_path, reader_name):
    suffix, reader = READERS[reader_name]
    assert timed(reader, tmp_path / f"missing{suffix}").startswith("error:")


@pytest.mark.parametrize("reader_name", READERS)
def test_unreadable_file(tmp_path, reader_name):
    suffix, reader = READERS[reader_name]
    path = tmp_path / f"locked{suffix}"
    path.write_text("x")
    path.chmod(0)
    if os.geteuid() != 0:
        assert timed(reader, path).startswith("error:")
        return
    # Root reads any file: read it in a child process without the capabilities that let
    # root ignore file modes (setpriv, util-linux), as an ordinary user would.
    import shutil
    import subprocess
    import sys

    setpriv = shutil.which("setpriv")
    assert setpriv, "setpriv (util-linux) is needed to test unreadable files as root"
    code = (f"import tests.core.test_hostile_readers as t; r = t.outcome(t.READERS[{reader_name!r}][1], "
            f"__import__('pathlib').Path({str(path)!r})); print(r)")
    child = subprocess.run([setpriv, "--bounding-set=-dac_override,-dac_read_search", sys.executable, "-c", code],
                           capture_output=True, text=True, timeout=60, cwd=Path(__file__).resolve().parents[2],
                           env={**os.environ, "PROPOSAL_EDITOR_DATA_DIR": str(tmp_path / "data")})
    assert child.returncode == 0, child.stderr[-2000:]
    assert child.stdout.startswith("error:"), child.stdout
    assert str(path) in child.stdout or path.name in child.stdout


@pytest.mark.parametrize("name", sorted(p.name for p in HOSTILE.iterdir() if p.suffix in (".md", ".docx", ".yaml", ".json")))
def test_reference_hostile_files(name):
    """Small fixed files kept in the repository, read by the reader their extension names."""
    path = HOSTILE / name
    reader = next(r for suffix, r in READERS.values() if name.endswith(suffix))
    timed(reader, path)


# --- Markdown --------------------------------------------------------------------------

MARKDOWN = {
    "alias-bomb": "---\n" + "".join(
        f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9) if i else 'lol'}]\n" for i in range(10)) + "---\n# T\n",
    "front-matter-deep-flow": "---\ntitle: " + "[" * 20000 + "]" * 20000 + "\n---\n# T\n",
    "front-matter-deep-block": "---\n" + "".join(" " * i + "a:\n" for i in range(2000)) + "---\n",
    "front-matter-not-a-mapping": "---\n- a\n- b\n---\n# T\n",
    "front-matter-unclosed": "---\ntitle: x\n" + "y: z\n" * 1000,
    "quotes-20000": "## Summary\n\n" + ">" * 20000 + " deep\n",
    "lists-20000": "## Summary\n\n" + "- " * 20000 + "deep\n",
    "ordered-lists-20000": "## Summary\n\n" + "1. " * 20000 + "deep\n",
    "quote-lines-2000": "## Summary\n\n" + "\n".join(">" * i + " x" for i in range(1, 2001)) + "\n",
    "brackets-20000": "## Summary\n\n" + "[" * 20000 + "x" + "](" * 20000 + "\n",
    "html-20000": "## Summary\n\n" + "<div>" * 20000 + "\n",
    "unclosed-fence": "## Summary\n\n```\n" + "## Context\n" * 1000,
    "table-garbage": "## 7. Risks\n\n<!-- proposal:risks -->\n\n" + "|" * 5000 + "\n|---|\n" + "| \\| |\n" * 1000,
    "newer-format": "---\nformat: mlops-proposal/99\n---\n# T\n",
    "bidi-and-controls": "# T\u202e\u0000\n\n## Summary\n\n\u2028\u2029\x0b\x0c\ufeff\n",
}


@pytest.mark.parametrize("case", MARKDOWN)
def test_markdown_hostile(tmp_path, case):
    path = tmp_path / f"{case}.md"
    path.write_text(MARKDOWN[case], encoding="utf-8")
    result = timed(read_markdown_file, path)
    if case in ("alias-bomb", "front-matter-deep-flow", "newer-format", "front-matter-not-a-mapping"):
        assert result.startswith("error:")



# --- destinations that cannot be written ------------------------------------------------------------

@pytest.mark.parametrize("suffix", [".md", ".docx"])
def test_save_to_unwritable_destinations(tmp_path, suffix):
    from editor.core.io import save_proposal
    from editor.core.model import Proposal
    from editor.core.storage import StorageError

    p = Proposal.new("fr")
    folder_target = tmp_path / f"folder{suffix}"
    folder_target.mkdir()
    for target in (tmp_path / "gone" / f"p{suffix}", folder_target):
        with pytest.raises(StorageError) as info:
            save_proposal(p, target)
        assert target.name in str(info.value)
    assert folder_target.is_dir() and list(folder_target.iterdir()) == []
    assert sorted(x.name for x in tmp_path.iterdir()) == [f"folder{suffix}"]


# --- the command line ------------------------------------------------------------------------------

@pytest.mark.parametrize("name, data", [("empty.docx", b""), ("random.md", _random_bytes(4096)), ("latin1.md", COMMON["invalid-utf8"]),
                                        ("folder.md", None), ("missing.docx", ...)])
def test_cli_exits_2_with_one_line(tmp_path, capsys, name, data):
    from editor import i18n
    from editor.cli import main

    path = tmp_path / name
    if data is None:
        path.mkdir()
    elif data is not ...:
        path.write_bytes(data)
    try:
        code = main(["check", str(path), "--lang", "en"])
    finally:
        i18n.set_language("en")
    err = capsys.readouterr().err
    assert code == 2
    assert len(err.strip().splitlines()) == 1 and name in err and "Traceback" not in err



def _patched_docx(tmp_path, name, document=None, numbering=None) -> Path:
    """A python-docx document (heading, table, numbered item) with its XML edited as a forger would."""
    import docx

    base = io.BytesIO()
    d = docx.Document()
    d.add_heading("Summary", 1)
    d.add_paragraph("hello")
    table = d.add_table(rows=2, cols=2)
    for (r, c), text in {(0, 0): "Risk", (0, 1): "Impact", (1, 0): "a", (1, 1): "3"}.items():
        table.cell(r, c).text = text
    d.add_paragraph("item", style="List Number")
    d.save(base)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(base.getvalue())) as zin, zipfile.ZipFile(out, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "word/document.xml" and document:
                data = document(data.decode()).encode()
            if info.filename == "word/numbering.xml" and numbering:
                data = numbering(data.decode()).encode()
            zout.writestr(info, data)
    path = tmp_path / name
    path.write_bytes(out.getvalue())
    return path


def test_forged_list_levels_and_table_spans_are_read_not_crashed_on(tmp_path):
    from editor.core.io import open_proposal

    forged = [
        _patched_docx(tmp_path, "ilvl.docx", numbering=lambda s: s.replace('w:ilvl="0"', 'w:ilvl="x"', 1)),
        _patched_docx(tmp_path, "ilvl2.docx", document=lambda s: s.replace(
            '<w:ilvl w:val="0"/>', '<w:ilvl w:val="99999999999999999999"/>')),
        _patched_docx(tmp_path, "span.docx", document=lambda s: s.replace(
            "<w:tcPr>", '<w:tcPr><w:gridSpan w:val="400000000"/>', 1)),
    ]
    for path in forged:
        started = time.perf_counter()
        result = open_proposal(path)
        assert "hello" in result.proposal.sections["summary"]
        assert time.perf_counter() - started < 5


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_devices_and_pipes_are_refused_not_read_forever(tmp_path):
    from editor.core.io import open_proposal

    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    zero = tmp_path / "zero.md"
    zero.symlink_to("/dev/zero")
    for path in (fifo, zero):
        with pytest.raises(FormatError, match="not a regular file"):
            open_proposal(path)


def test_check_piped_into_head_ends_quietly(tmp_path):
    from editor.paths import resources_dir

    example = str(resources_dir() / "examples" / "en.md")
    command = f"{sys.executable} -m editor.cli check {' '.join([example] * 200)} | head -1"
    result = subprocess.run(command, shell=True, capture_output=True, text=True, timeout=120)
    assert result.stdout.count("\n") == 1
    assert "Traceback" not in result.stderr and "BrokenPipe" not in result.stderr


def _within(seconds_limit, work):
    start = time.perf_counter()
    result = work()
    assert time.perf_counter() - start < seconds_limit
    return result


def test_inputs_that_were_quadratic_take_moments():
    from editor.core.checks import check
    from editor.core.export.html import markdown_to_html
    from editor.core.formats.mdread import read_markdown
    from editor.core.model import Proposal

    # Word count of 100 KB of "[" (was 68 s).
    proposal = Proposal.new("en")
    proposal.sections["summary"] = "[" * 100_000
    _within(MAX_SECONDS, lambda: check(proposal))
    # 2 MB lines of image and link targets never closed, "![" in section 5 (each was hours).
    for section, text in (("summary", "![a](" * 400_000), ("summary", "[a](" * 500_000),
                          ("architecture", "![" * 1_000_000)):
        proposal = Proposal.new("en")
        proposal.sections[section] = text
        _within(MAX_SECONDS, lambda p=proposal: check(p))
    from editor.core.checks import count_words

    assert count_words("See [the docs](https://en.wikipedia.org/wiki/MLOps_(practice)) and ![a chart](c.png).") == 6
    # One objective, 40,000 blank lines, an indented line (was 51 s).
    text = "## 4. MLOps Project Objectives\n\n1. Objective" + "\n" * 40_000 + "   more\n"
    result = _within(MAX_SECONDS, lambda: read_markdown(text))
    assert result.proposal.objectives[0].text.startswith("Objective")
    # 80,000 "![" or "*a" in a paragraph, rendered for DOCX and PDF (was 16 s and 131 s).
    for paragraph in ("![" * 80_000, "*a" * 80_000):
        out = _within(MAX_SECONDS, lambda p=paragraph: markdown_to_html(f"Before.\n\n{p}\n\nAfter *this*."))
        assert html_escape(paragraph[:20]) in out and "<em>this</em>" in out  # the rest still rendered


def test_a_docx_holding_more_items_than_a_file_may_is_refused(tmp_path):
    from editor.core.formats.docx import write_docx
    from editor.core.io import open_proposal
    from editor.core.model import Proposal, Risk

    proposal = Proposal.new("en")
    proposal.risks = [Risk(id=f"R{i}", description="d", mitigation="m") for i in range(1, 1002)]
    path = tmp_path / "many.docx"
    write_docx(proposal, path)
    with pytest.raises(FormatError, match="more than 1000 risks"):
        open_proposal(path)
