"""Zip bombs, huge files and forged structures, read in a child process with an
address-space limit (2 GB) and a per-file alarm; each reports its time and peak memory.

Readers and their error types are those of test_hostile_readers.py; the files are
built with tests/hostile/files.py.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.core.test_hostile_readers import MAX_SECONDS, READERS, ROOT, _random_bytes, outcome
from tests.hostile import files as f

MB = 1024 * 1024
MAX_PEAK_MB = 300
CHILD_ADDRESS_SPACE = 2048 * MB


def _spaces_part() -> bytes:
    return f.body(b" " * (60 * MB))  # 60 MB inflated, 60 KB deflated


def _docx_with_document(xml: bytes) -> bytes:
    return f.docx_with({"word/document.xml": xml})


def _alias_bomb_yaml(top: str) -> str:
    return "".join(f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9) if i else 'lol'}]\n" for i in range(10)) + f"{top}: *l9\n"


def _big_markdown() -> bytes:
    line = "Une phrase d'un résumé très long, répétée pour faire un fichier énorme.\n".encode()
    return b"## Summary\n\n" + line * (24 * MB // len(line) + 1)


def _paragraphs(count: int) -> bytes:
    return _docx_with_document(f.body(b"<w:p><w:r><w:t>Some words here.</w:t></w:r></w:p>" * count))


_RISK_HEAD = "## 7. Risks\n\n| ID | Risk | Category | Likelihood | Impact |\n|---|---|---|---|---|\n"

# name -> (reader, file name, bytes, must the reader refuse it?)
HEAVY = {
    "docx-truncated": ("docx", "truncated.docx", lambda: f.real_docx()[: len(f.real_docx()) // 2], True),
    "docx-corrupt": ("docx", "corrupt.docx", lambda: f.real_docx()[:2000] + _random_bytes(3000) + f.real_docx()[5000:], None),
    "docx-zip-of-text": ("docx", "zip-of-text.docx", lambda: f.zip_bytes({"readme.txt": b"hello"}), True),
    "docx-no-document-part": ("docx", "no-document.docx", lambda: f.zip_bytes({"[Content_Types].xml": f.CONTENT_TYPES}), True),
    "docx-document-not-xml": ("docx", "not-xml.docx", lambda: _docx_with_document(b"not xml at all \x00\xff"), True),
    "docx-document-not-wordml": ("docx", "html.docx", lambda: _docx_with_document(b"<html><body>hi</body></html>"), None),
    "docx-bomb-one-part": ("docx", "bomb-part.docx", lambda: f.zip_bytes({"[Content_Types].xml": f.CONTENT_TYPES,
                                                                   "word/document.xml": _spaces_part()}), True),
    "docx-bomb-lying-header": ("docx", "bomb-lying.docx", lambda: f.lying_sizes(
        f.zip_bytes({"[Content_Types].xml": f.CONTENT_TYPES, "word/document.xml": _spaces_part()}), "word/document.xml", 4096), True),
    "docx-bomb-total": ("docx", "bomb-total.docx", lambda: f.zip_bytes(
        {"[Content_Types].xml": f.CONTENT_TYPES, "word/document.xml": b"<x/>",
         **{f"word/media/image{i}.png": b"\0" * MB for i in range(220)}}), True),
    "docx-bomb-entries": ("docx", "bomb-entries.docx", lambda: f.zip_bytes({f"word/f{i}.xml": b"" for i in range(6000)}), True),
    "docx-nested-20000": ("docx", "nested.docx", lambda: _docx_with_document(
        f.body(b"<w:sdt><w:sdtContent>" * 20000 + b"<w:p/>" + b"</w:sdtContent></w:sdt>" * 20000)), None),
    "docx-billion-laughs": ("docx", "laughs.docx", lambda: _docx_with_document(f.laughs()), None),
    "docx-external-entity": ("docx", "xxe.docx", lambda: _docx_with_document(
        b'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        + f.body(b"<w:p><w:r><w:t>&x;</w:t></w:r></w:p>")), None),
    "docx-300-paragraphs": ("docx", "long.docx", lambda: _paragraphs(300), False),
    "markdown-24-mb": ("markdown", "huge.md", _big_markdown, True),
    "markdown-alias-bomb": ("markdown", "bomb.md", lambda: ("---\n" + _alias_bomb_yaml("title") + "---\n# T\n").encode(), True),
    "markdown-half-mb-objectives": ("markdown", "objectives.md", lambda: f.repeat(
        "## 4. Objectives\n\n", "1. obj\n", MB // 2), True),  # 74,000 objectives: refused, not minutes of work
    "markdown-half-mb-headings": ("markdown", "headings.md", lambda: f.repeat("", "## Summary\n", MB // 2), True),
    "markdown-half-mb-risks": ("markdown", "risks.md", lambda: f.repeat(
        _RISK_HEAD, "| R1 | x | technical | 3 | 4 |\n", MB // 2), True),
    "recovery-24-mb": ("recovery", "huge.json", lambda: json.dumps({
        "format": "mlops-proposal-recovery/1", "id": "x",
        "markdown": "## Summary\n\n" + "Texte tapé pendant des heures. " * (24 * MB // 31)}).encode(), True),
    "guide-alias-bomb": ("guide", "bomb.yaml", lambda: _alias_bomb_yaml("sections").encode(), True),
    "guide-deep": ("guide", "deep.yaml", lambda: ("title: " + "[" * 20000 + "]" * 20000 + "\n"
                                                  + "".join(" " * i + "k:\n" for i in range(1000))).encode(), True),
    "guide-24-mb": ("guide", "big.yaml", lambda: b"title: " + b"x" * (24 * MB) + b"\n", True),
}
# Files read one by one (each in its own bounded child), within the same bounds.
SLOW = {
    "docx-2000-paragraphs": ("docx", "hostile-long.docx", lambda: _paragraphs(2000), False),
}

_CHILD = r"""
import json, resource, signal, sys, time
limit, seconds = int(sys.argv[2]), int(sys.argv[3])
resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
sys.path.insert(0, sys.argv[4])
from tests.core.test_hostile_readers import READERS, OUR_ERRORS
import editor.core.formats.markdown, editor.core.formats.docx_read, editor.core.recovery, docx, lxml.etree  # not the reader's cost

class Timeout(BaseException):
    pass

def alarm(*_args):
    raise Timeout()

signal.signal(signal.SIGALRM, alarm)

def peak_kb():
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0

reports = {}
for name, (reader_name, path) in json.loads(sys.argv[1]).items():
    try:
        with open("/proc/self/clear_refs", "w") as fh:
            fh.write("5")  # reset the peak RSS, so it measures this read alone
    except OSError:
        pass
    base = peak_kb()
    start = time.perf_counter()
    text = ""
    signal.alarm(seconds)
    try:
        result = READERS[reader_name][1](path)
        outcome = "ok"
        text = json.dumps(result.proposal.sections)[:20000]
    except OUR_ERRORS as exc:
        outcome = "error: " + str(exc)
    except Timeout:
        outcome = "CRASH: still reading after %d s" % seconds
    except BaseException as exc:
        outcome = "CRASH %s: %s" % (type(exc).__name__, str(exc)[:300])
    finally:
        signal.alarm(0)
    reports[name] = {"outcome": outcome, "seconds": time.perf_counter() - start,
                     "peak_mb": (peak_kb() - base) / 1024, "text": text}
print(json.dumps(reports))
"""


def run_bounded(cases: dict, folder: Path) -> dict:
    """Read each case's file in one child process limited to 2 GB of address space,
    with a per-file alarm; return {case: {outcome, seconds, peak_mb, text}}."""
    jobs = {}
    for name, (reader_name, file_name, make, _refuse) in cases.items():
        path = folder / file_name
        path.write_bytes(make())
        jobs[name] = (reader_name, str(path))
    if not sys.platform.startswith("linux"):  # no rlimit/VmHWM: same reads, time only
        reports = {}
        for name, (reader_name, path) in jobs.items():
            start = time.perf_counter()
            reports[name] = {"outcome": outcome(READERS[reader_name][1], Path(path)),
                             "seconds": time.perf_counter() - start, "peak_mb": 0, "text": ""}
        return reports
    alarm = int(MAX_SECONDS * 3)
    proc = subprocess.run([sys.executable, "-c", _CHILD, json.dumps(jobs), str(CHILD_ADDRESS_SPACE), str(alarm), str(ROOT)],
                          check=False, capture_output=True, text=True, timeout=60 + alarm * len(jobs), cwd=ROOT)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def heavy_reports(tmp_path_factory):
    return run_bounded(HEAVY, tmp_path_factory.mktemp("heavy"))


def check_report(name: str, report: dict, case: tuple) -> None:
    _reader, file_name, _make, refuse = case
    print(f"{name}: {report['outcome'][:70]!r} — {report['seconds']:.2f} s, peak +{report['peak_mb']:.0f} MB")
    assert not report["outcome"].startswith("CRASH"), report["outcome"]
    if report["outcome"].startswith("error:"):
        assert file_name in report["outcome"], "the message must name the file"
    if refuse is not None:
        assert report["outcome"].startswith("error:") == refuse, report["outcome"][:300]
    assert report["seconds"] < MAX_SECONDS, f"{name}: {report['seconds']:.1f} s"
    assert report["peak_mb"] < MAX_PEAK_MB, f"{name}: {report['peak_mb']:.0f} MB"


@pytest.mark.parametrize("name", HEAVY)
def test_heavy_hostile_files(heavy_reports, name):
    report = heavy_reports[name]
    check_report(name, report, HEAVY[name])
    if name == "docx-external-entity":
        assert "root:" not in report["text"]  # no file read through an entity


@pytest.mark.parametrize("name", SLOW)
def test_slow_hostile_files(tmp_path, name):
    """A DOCX of 2,000 paragraphs is read within the time and memory bounds."""
    check_report(name, run_bounded({name: SLOW[name]}, tmp_path)[name], SLOW[name])


def test_markdown_pathological_near_the_limit(tmp_path):
    """19 MB (under the reader's 20 MB limit) of objectives: refused at once by the reader's line and
    item limits, within the time and memory bounds."""
    case = {"near-limit": ("markdown", "objectives-19mb.md",
                           lambda: f.repeat("## 4. Objectives\n\n", "1. obj\n", 19 * MB), True)}
    check_report("near-limit", run_bounded(case, tmp_path)["near-limit"], case["near-limit"])


