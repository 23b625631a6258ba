"""Markdown and proposals to safe HTML (preview and PDF)."""

from __future__ import annotations

import pytest

from editor.core.export.html import markdown_to_html, proposal_to_html
from editor.core.export.prose import is_safe_link
from tests.core.formats.test_docx_sample import sample_proposal, tiny_png


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script>",
        "before <img src=x onerror=alert(1)> after",
        '<iframe src="https://evil.example"></iframe>',
        "<div onclick='x()'>block</div>\n\nnext",
        "<svg onload=alert(1)>",
    ],
)
def test_raw_html_is_shown_as_text(text):
    out = markdown_to_html(text)
    assert "<script" not in out and "<img" not in out and "<iframe" not in out
    assert "<div" not in out and "<svg" not in out
    assert "&lt;" in out


@pytest.mark.parametrize(
    "url",
    ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "java\tscript:alert(1)", " javascript:x",
     "&#106;avascript:alert(1)", "vbscript:x", "data:text/html,x", "file:///etc/passwd"],
)
def test_dangerous_links_lose_their_target(url):
    out = markdown_to_html(f"[click]({url})")
    assert "href" not in out
    assert "click" in out


def test_safe_links_stay_links():
    out = markdown_to_html("[a](https://example.org/x?a=1&b=2) [b](mailto:me@example.org) [c](#top) <https://x.org>")
    assert out.count("<a ") == 4
    assert 'href="https://example.org/x?a=1&amp;b=2"' in out
    assert is_safe_link("https://x") and is_safe_link("notes/x.md") and not is_safe_link("javascript:x")


def test_remote_images_become_links_local_images_are_read_from_the_folder(tmp_path):
    out = markdown_to_html("![chart](https://example.org/c.png) ![diagram](img/d.png)")
    assert '<a href="https://example.org/c.png">chart</a>' in out and "<img" not in out
    assert "<i>[diagram]</i>" in out  # not read: a fragment has no folder
    assert "<img" not in markdown_to_html("![x](data:image/svg+xml;base64,PHN2Zz4=)")
    p = sample_proposal("en")
    (tmp_path / "img").mkdir()
    (tmp_path / "img" / "d.png").write_bytes(tiny_png())
    p.sections["context"] = "![diagram](img/d.png \"The plan\") and ![web](https://example.org/c.png)"
    out = proposal_to_html(p, base_dir=tmp_path)
    assert '<img src="data:image/png;base64,' in out and 'alt="diagram" title="The plan">' in out
    assert '<a href="https://example.org/c.png">web</a>' in out


def test_markdown_features():
    text = ("**b** *i* `<code>`\n\n| a | b |\n|---|--:|\n| 1 | 2 |\n\n```python\nx = '<y>'\n```\n\n"
            "1. one\n2. two\n    - nested\n\n> quote\n\n# Sub")
    out = markdown_to_html(text, heading_offset=1)
    for piece in ("<strong>b</strong>", "<em>i</em>", "<code>&lt;code&gt;</code>", "<table", '<td align="right">2</td>',
                  "<pre><code", "x = &#x27;&lt;y&gt;&#x27;", "<ol>", "<ul>", "<blockquote>", "<h2>Sub</h2>"):
        assert piece in out


def test_github_flavoured_prose():
    out = markdown_to_html("Nos objectifs :\n- a\n  - b\n- [x] c ~~d~~ www.example.org")
    assert out.startswith("<p>Nos objectifs :</p>\n<ul><li>a<ul><li>b</li></ul></li><li>\u2611 c <s>d</s> ")
    assert '<a href="http://www.example.org">www.example.org</a>' in out


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_proposal_document(lang):
    p = sample_proposal(lang)
    p.sections["conclusion"] += "\n\n<script>alert(1)</script>"
    out = proposal_to_html(p, lang, images={"risk_matrix": tiny_png(), "kpi_chart": tiny_png()})
    assert out.startswith("<!DOCTYPE html>") and out.rstrip().endswith("</html>")
    assert "<script>" not in out
    if lang == "fr":
        assert "1. Titre du projet" in out and "7. Évaluation des risques" in out
        assert "26 novembre 2026" in out and "0,5" in out
        assert "P : probabilité (1-5)" in out and "Atténuation" in out and "P×I" in out
        assert "Tableau 3\u00a0: Risques et mesures d&#x27;atténuation" in out  # numbered as in the DOCX
    else:
        assert "1. Project Title" in out and "26 November 2026" in out and "L: likelihood" in out
    assert out.count("<table") == 5  # the contents, data sources, resources, risks, KPIs
    assert out.count("data:image/png;base64,") == 2
    assert "#F4877F" in out  # high-zone risk score shading (the matrix colours)
    assert "<ol><li>" in out and "K1" in out
    assert "1 jour d&#x27;ici le" in out or "1 day by" in out  # the app's own KPI text (never "1 days")


def test_proposal_document_reads_diagram_from_base_dir(tmp_path):
    p = sample_proposal("en")
    (tmp_path / "architecture.png").write_bytes(tiny_png())
    out = proposal_to_html(p, base_dir=tmp_path)
    assert out.count("data:image/png;base64,") == 1 and "Target architecture" in out
    assert "data:image" not in proposal_to_html(p, base_dir=tmp_path / "missing")


@pytest.mark.parametrize(
    "text",
    ["[" * 20000, "[a](" * 20000, "\n".join(">" * i + " deep" for i in range(1, 2000)),
     "".join("  " * i + "- x\n" for i in range(2000))],
    ids=["brackets", "open-links", "deep-quotes", "deep-lists"],
)
def test_hostile_markdown_renders_as_text_without_hanging(text):
    """Python-Markdown takes minutes (or overflows the stack) on these; the preview must not hang."""
    import time

    start = time.perf_counter()
    html = markdown_to_html(text)
    assert time.perf_counter() - start < 15  # a hang guard, not a speed budget
    assert html


def test_defuse_leaves_real_text_alone():
    from editor.core.export.prose import defuse

    text = "See [the docs](https://example.org).\n\n> quoted\n>> twice\n\n- a\n  - b\n    - c"
    assert defuse(text) == text
