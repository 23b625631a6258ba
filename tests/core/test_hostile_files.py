"""Hostile and broken files against every reader (issue 6).

Readers: Markdown (``load_markdown``), DOCX (``read_docx``), the guide data
(``load_guide_file``), recovery files (``load_recovery`` + ``recovered_proposal``)
and the settings (``AppSettings`` over an INI file). Each bad input gives a
proposal or our error naming the file, never another exception; the CLI
exits 2 with one line on stderr. Heavy cases run in a child process with an
address-space limit, and report their time and peak memory.

The files are generated here (small fixed ones live in tests/reference/hostile/).
"""

from __future__ import annotations

import io
import json
import os
import random
import struct
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from editor.core.formats import FormatError
from editor.core.guide import GuideError

ROOT = Path(__file__).resolve().parents[2]
HOSTILE = ROOT / "tests" / "reference" / "hostile"
MB = 1024 * 1024
# "A few seconds, hundreds of MB" (issue 6), with room for a loaded CI machine.
MAX_SECONDS = 5.0
MAX_PEAK_MB = 300
CHILD_ADDRESS_SPACE = 2048 * MB


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
    if os.geteuid() == 0:
        pytest.skip("root reads files whatever their mode")
    suffix, reader = READERS[reader_name]
    path = tmp_path / f"locked{suffix}"
    path.write_text("x")
    path.chmod(0)
    assert timed(reader, path).startswith("error:")


@pytest.mark.parametrize("name", sorted(p.name for p in HOSTILE.iterdir()) if HOSTILE.is_dir() else [])
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
    "front-matter-deep-block": "---\n" + "".join(" " * i + "a:\n" for i in range(0, 2000)) + "---\n",
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


# --- DOCX -----------------------------------------------------------------------------------

def _zip(entries: dict[str, bytes], method=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _real_docx() -> bytes:
    from editor.core.example import example_proposal
    from editor.core.formats.docx import build_docx

    data, _warnings = build_docx(example_proposal("en"))
    return data


CONTENT_TYPES = (b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                 b'<Default Extension="xml" ContentType="application/xml"/></Types>')
W = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _docx_with_document(xml: bytes) -> bytes:
    """A real DOCX whose main part is replaced by ``xml``."""
    source = zipfile.ZipFile(io.BytesIO(_real_docx()))
    entries = {i.filename: source.read(i.filename) for i in source.infolist()}
    entries["word/document.xml"] = xml
    return _zip(entries)


def _lying_sizes(data: bytes, name: str, claimed: int) -> bytes:
    """Rewrite the uncompressed size of ``name`` in both zip headers (a classic bomb trick)."""
    raw = bytearray(data)
    info = zipfile.ZipFile(io.BytesIO(data)).getinfo(name)
    struct.pack_into("<I", raw, info.header_offset + 22, claimed)
    pos = raw.find(b"PK\x01\x02")
    while pos >= 0:
        name_len = struct.unpack_from("<H", raw, pos + 28)[0]
        if bytes(raw[pos + 46:pos + 46 + name_len]) == name.encode():
            struct.pack_into("<I", raw, pos + 24, claimed)
        pos = raw.find(b"PK\x01\x02", pos + 4)
    return bytes(raw)


def docx_cases() -> dict[str, callable]:
    zeros = b"\0" * (60 * MB)
    spaces_xml = b"<w:document " + W + b"><w:body>" + b" " * (60 * MB) + b"</w:body></w:document>"
    return {
        "truncated": lambda: _real_docx()[: len(_real_docx()) // 2],
        "corrupt": lambda: (lambda d: d[:2000] + _random_bytes(3000) + d[5000:])(_real_docx()),
        "zip-of-text": lambda: _zip({"readme.txt": b"hello"}),
        "no-document-part": lambda: _zip({"[Content_Types].xml": CONTENT_TYPES}),
        "document-not-xml": lambda: _docx_with_document(b"not xml at all \x00\xff"),
        "document-not-wordml": lambda: _docx_with_document(b"<html><body>hi</body></html>"),
        "bomb-one-part": lambda: _zip({"[Content_Types].xml": CONTENT_TYPES, "word/document.xml": spaces_xml}),
        "bomb-lying-header": lambda: _lying_sizes(
            _zip({"[Content_Types].xml": CONTENT_TYPES, "word/document.xml": spaces_xml}), "word/document.xml", 4096),
        "bomb-total": lambda: _zip({"[Content_Types].xml": CONTENT_TYPES, "word/document.xml": b"<x/>",
                                    **{f"word/media/image{i}.png": zeros[: 1 * MB] for i in range(220)}}),
        "bomb-entries": lambda: _zip({f"word/f{i}.xml": b"" for i in range(6000)}),
        "nested-20000": lambda: _docx_with_document(
            b"<w:document " + W + b"><w:body>" + b"<w:sdt><w:sdtContent>" * 20000 + b"<w:p/>"
            + b"</w:sdtContent></w:sdt>" * 20000 + b"</w:body></w:document>"),
        "billion-laughs": lambda: _docx_with_document(
            b'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY l0 "lol">'
            + b"".join(b'<!ENTITY l%d "%s">' % (i, b"&l%d;" % (i - 1) * 10) for i in range(1, 10))
            + b"]><w:document " + W + b"><w:body><w:p><w:r><w:t>&l9;</w:t></w:r></w:p></w:body></w:document>"),
        "external-entity": lambda: _docx_with_document(
            b'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]><w:document '
            + W + b"><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>"),
        "paragraphs-100000": lambda: _docx_with_document(
            b"<w:document " + W + b"><w:body>" + b"<w:p><w:r><w:t>1. obj</w:t></w:r></w:p>" * 100000
            + b"</w:body></w:document>"),
    }


DOCX_CASES = list(docx_cases())
DOCX_MUST_REFUSE = {"zip-of-text", "no-document-part", "bomb-one-part", "bomb-lying-header", "bomb-total", "bomb-entries",
                    "truncated", "document-not-xml"}


@pytest.mark.parametrize("case", DOCX_CASES)
def test_docx_hostile(tmp_path, case):
    path = tmp_path / f"{case}.docx"
    path.write_bytes(docx_cases()[case]())
    report = bounded("docx", path)
    assert report["outcome"] == "ok" or report["outcome"].startswith("error:"), report
    if case in DOCX_MUST_REFUSE:
        assert report["outcome"].startswith("error:"), report
    if case == "external-entity":
        assert "root:" not in report.get("text", "")


# --- heavy cases: a child process with an address-space limit ---------------------------------

_CHILD = r"""
import json, resource, sys, time
limit = int(sys.argv[3])
resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
sys.path.insert(0, sys.argv[4])
from tests.core.test_hostile_files import READERS, OUR_ERRORS

def peak_kb():
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0

reader = READERS[sys.argv[1]][1]
path = sys.argv[2]
import editor.core.formats.markdown, editor.core.formats.docx_read, editor.core.recovery  # imports are not the reader's cost
import docx, lxml.etree
try:
    with open("/proc/self/clear_refs", "w") as fh:
        fh.write("5")  # reset the peak RSS, so it measures the read alone
except OSError:
    pass
base = peak_kb()
start = time.perf_counter()
text = ""
try:
    result = reader(path)
    outcome = "ok"
    text = json.dumps(result.proposal.sections)[:100000]
except OUR_ERRORS as exc:
    outcome = "error: " + str(exc)
except BaseException as exc:
    outcome = "CRASH %s: %s" % (type(exc).__name__, str(exc)[:300])
print(json.dumps({"outcome": outcome, "seconds": time.perf_counter() - start,
                  "peak_mb": (peak_kb() - base) / 1024, "text": text}))
"""


def bounded(reader_name: str, path: Path) -> dict:
    """Read ``path`` in a child process limited to 2 GB of address space; check time and memory."""
    if not sys.platform.startswith("linux"):
        result = outcome(READERS[reader_name][1], path)
        return {"outcome": result, "seconds": 0, "peak_mb": 0}
    proc = subprocess.run(
        [sys.executable, "-c", _CHILD, reader_name, str(path), str(CHILD_ADDRESS_SPACE), str(ROOT)],
        capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr[-3000:]
    report = json.loads(proc.stdout.strip().splitlines()[-1])
    print(f"{path.name}: {report['outcome'][:90]} — {report['seconds']:.2f} s, peak +{report['peak_mb']:.0f} MB")
    assert not report["outcome"].startswith("CRASH"), report["outcome"]
    assert report["seconds"] < MAX_SECONDS, report
    assert report["peak_mb"] < MAX_PEAK_MB, report
    if report["outcome"].startswith("error:"):
        assert path.name in report["outcome"]
    return report


def test_markdown_24_mb_is_refused_quickly(tmp_path):
    path = tmp_path / "huge.md"
    line = "Une phrase d'un résumé très long, répétée pour faire un fichier énorme.\n".encode()
    with open(path, "wb") as fh:
        fh.write(b"## Summary\n\n")
        fh.write(line * (24 * MB // len(line) + 1))
    assert path.stat().st_size > 24 * MB
    report = bounded("markdown", path)
    assert report["outcome"].startswith("error:") and "MB" in report["outcome"]


def test_recovery_file_with_24_mb_of_markdown_is_refused(tmp_path):
    path = tmp_path / "huge.json"
    markdown = "## Summary\n\n" + "Texte tapé pendant des heures. " * (24 * MB // 31)
    path.write_text(json.dumps({"format": "mlops-proposal-recovery/1", "id": "x", "markdown": markdown}))
    report = bounded("recovery", path)
    assert report["outcome"].startswith("error:")


def test_guide_hostile_bounded(tmp_path):
    bomb = tmp_path / "bomb.yaml"
    bomb.write_text("".join(f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9) if i else 'lol'}]\n" for i in range(10))
                    + "sections: *l9\n")
    assert bounded("guide", bomb)["outcome"].startswith("error:")
    deep = tmp_path / "deep.yaml"
    deep.write_text("title: " + "[" * 20000 + "]" * 20000 + "\n" + "".join(" " * i + "k:\n" for i in range(3000)))
    assert bounded("guide", deep)["outcome"].startswith("error:")
    big = tmp_path / "big.yaml"
    big.write_bytes(b"title: " + b"x" * (24 * MB) + b"\n")
    assert bounded("guide", big)["outcome"].startswith("error:")


# Worst cases found below the Markdown reader's 20 MB limit: one structure repeated
# to fill the file. They take tens of seconds and GBs today (see the issue 6 report).
PATHOLOGICAL = {
    "objectives-list": "## 4. Objectives\n\n" + "1. obj\n",
    "headings": "## Summary\n",
    "risk-table": "## 7. Risks\n\n| ID | Risk | Category | Likelihood | Impact |\n|---|---|---|---|---|\n| R1 | x | technical | 3 | 4 |\n",
}


@pytest.mark.parametrize("case", PATHOLOGICAL)
def test_markdown_pathological_at_one_mb(tmp_path, case):
    """One MB (30 times a long proposal) of the worst structures stays within bounds."""
    path = tmp_path / f"{case}.md"
    head, _sep, unit = PATHOLOGICAL[case].rpartition("\n\n") if "\n\n" in PATHOLOGICAL[case] else ("", "", PATHOLOGICAL[case])
    repeat = unit.splitlines(keepends=True)[-1]
    path.write_text((head + "\n\n" if head else "") + unit + repeat * (MB // len(repeat)), encoding="utf-8")
    bounded("markdown", path)


@pytest.mark.xfail(strict=True, reason="issue 6 report: the Markdown reader needs ~3 s and ~120 MB per MB of objectives "
                                       "list; a 19 MB file takes about a minute and 2 GB (limit or cap to be decided)")
def test_markdown_pathological_near_the_limit(tmp_path):
    path = tmp_path / "objectives.md"
    path.write_text("## 4. Objectives\n\n" + "1. obj\n" * (19 * MB // 7), encoding="utf-8")
    bounded("markdown", path)


# --- settings ------------------------------------------------------------------------------------

SETTINGS = {
    "empty": b"",
    "random": _random_bytes(),
    "nul": b"[ui]\nlanguage=fr\x00\x00\n",
    "wrong-types": b"[ui]\nlanguage=@Variant(\\0\\0\\0\\x7f\\0\\0\\0\\x1bgarbage)\n[files]\nrecent=@ByteArray(\\xff)\n"
                   b"[window]\ngeometry=not-bytes\ntips=maybe\n",
    "huge-line": b"[files]\nrecent=" + b"a," * (2 * MB) + b"\n",
    "deep-groups": b"".join(b"[" + b"/".join([b"g"] * i) + b"]\nk=v\n" for i in range(1, 300)),
}


@pytest.mark.parametrize("case", SETTINGS)
def test_settings_never_crash(tmp_path, case):
    from editor.app.settings import AppSettings

    path = tmp_path / "settings.ini"
    path.write_bytes(SETTINGS[case])
    start = time.perf_counter()
    s = AppSettings(path)
    assert s.ui_language() in (None, "fr", "en")
    assert isinstance(s.recent_files(), list)
    assert s.bytes_value("window/geometry") is None or s.bytes_value("window/geometry").size() >= 0
    assert isinstance(s.bool_value("window/tips", True), bool)
    s.set_ui_language("fr")
    s.sync()
    assert AppSettings(path).ui_language() == "fr"
    assert time.perf_counter() - start < MAX_SECONDS


def test_settings_in_a_folder_or_nowhere(tmp_path):
    from editor.app.settings import AppSettings

    folder = tmp_path / "settings.ini"
    folder.mkdir()
    for where in (folder, tmp_path / "gone" / "deeper" / "settings.ini"):
        s = AppSettings(where)
        assert s.ui_language() is None and s.recent_files() == []
        s.set_ui_language("fr")
        s.sync()  # cannot be written: Qt reports it in status(), nothing raises
    assert folder.is_dir()


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


# --- any bytes ------------------------------------------------------------------------------------------

FUZZ = settings(max_examples=int(os.environ.get("HOSTILE_EXAMPLES", "150")), deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

_markdownish = st.lists(st.sampled_from(
    ["---\n", "title: x\n", "## Summary\n", "## 7. Risks\n", "<!-- proposal:risks -->\n", "| a | b |\n", "|---|---|\n",
     "1. obj <sub>KPI: K1</sub>\n", "```\n", "<!--\n", "> ", "- ", "&a ", "*a ", "[", "]", "\\", "\x00", "\r", "é",
     "\ufeff", "\u2028", "format: mlops-proposal/1\n", "language: fr\n", "\n"]), max_size=40).map("".join)


@FUZZ
@given(data=st.one_of(st.binary(max_size=4096), _markdownish.map(lambda s: s.encode("utf-8", "surrogatepass"))))
def test_any_bytes_markdown(tmp_path, data):
    path = tmp_path / "fuzz.md"
    path.write_bytes(data)
    outcome(read_markdown_file, path)


def _zipped(parts):
    return _zip({name: body for name, body in parts})


_docx_parts = st.lists(st.tuples(
    st.sampled_from(["[Content_Types].xml", "word/document.xml", "_rels/.rels", "word/_rels/document.xml.rels",
                     "customXml/item1.xml", "word/styles.xml"]),
    st.one_of(st.binary(max_size=300), st.sampled_from([
        CONTENT_TYPES, b"<w:document " + W + b"><w:body><w:p><w:r><w:t>x</w:t></w:r></w:p></w:body></w:document>",
        b'<proposal xmlns="urn:mlops-proposal-editor:docx" version="1" fingerprint="x"><json>{"sections": 3}</json></proposal>',
        b"<?xml version='1.0'?><Relationships xmlns='http://schemas.openxmlformats.org/package/2006/relationships'/>",
    ]))), max_size=6)


@FUZZ
@given(data=st.one_of(st.binary(max_size=4096), _docx_parts.map(_zipped)))
def test_any_bytes_docx(tmp_path, data):
    path = tmp_path / "fuzz.docx"
    path.write_bytes(data)
    outcome(read_docx_file, path)


@FUZZ
@given(data=st.one_of(st.binary(max_size=2048), st.text(max_size=300).map(str.encode),
                      st.recursive(st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=20)),
                                   lambda c: st.lists(c, max_size=4) | st.dictionaries(st.text(max_size=8), c, max_size=4),
                                   max_leaves=20).map(lambda v: json.dumps(v).encode())))
def test_any_bytes_guide(tmp_path, data):
    path = tmp_path / "fuzz.yaml"
    path.write_bytes(data)
    outcome(read_guide_file, path)


@FUZZ
@given(markdown=_markdownish, doc_id=st.sampled_from(["abc", "", "../x", 3]), extra=st.dictionaries(
    st.sampled_from(["path", "saved_at", "pid", "language", "host"]),
    st.one_of(st.none(), st.integers(), st.text(max_size=30), st.booleans()), max_size=5), raw=st.binary(max_size=300))
def test_any_recovery_file(tmp_path, markdown, doc_id, extra, raw):
    path = tmp_path / "fuzz.json"
    data = {"format": "mlops-proposal-recovery/1", "id": doc_id, "markdown": markdown, **extra}
    for content in (json.dumps(data).encode(), raw):
        path.write_bytes(content)
        outcome(read_recovery_file, path)
