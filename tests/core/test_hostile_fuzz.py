"""Any bytes, and anything shaped a little like our formats, against every reader:
a proposal or our error naming the file, never another exception (hypothesis)."""

from __future__ import annotations

import json
import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.core.test_hostile_readers import outcome, read_docx_file, read_guide_file, read_markdown_file, read_recovery_file
from tests.hostile.files import CONTENT_TYPES, W, zip_bytes

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
    return zip_bytes({name: body for name, body in parts})


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


