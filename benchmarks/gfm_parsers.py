"""Which Markdown parser reads the prose of the exports: faithfulness to GitHub (cmarkgfm) on
the corpus of tests/core/export/gfm_corpus.py, and speed on the sections of the
20,000-word sample (benchmarks/sample.py), for the candidates installed.

    .venv/bin/python benchmarks/gfm_parsers.py
    .venv/bin/pip install markdown pymdown-extensions mdit-py-plugins linkify-it-py   # the other candidates

A case differs when its structure (blocks, list numbering and nesting, task states,
inline formatting, link targets) is not GitHub's; the raw-HTML cases are left out of the
count (GitHub omits raw HTML, the exports show it as typed, on purpose).
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.core.export.gfm_corpus import CASES  # noqa: E402
from tests.core.export.gfm_structure import blocks_structure, html_structure  # noqa: E402


def candidates():
    """(name, parse, parsed -> structure) for each parser that is installed; ``parse`` is what is timed."""
    from editor.core.export.prose import prose_blocks

    yield "ours: markdown-it-py + GitHub's autolink and table rules (to export blocks)", \
        lambda t: prose_blocks(t, 0), blocks_structure
    try:
        from markdown_it import MarkdownIt
        from mdit_py_plugins.tasklists import tasklists_plugin

        stock = MarkdownIt("gfm-like", {"html": True}).use(tasklists_plugin)
        yield "markdown-it-py gfm-like + mdit-py-plugins tasklists + linkify-it-py (to HTML)", stock.render, html_structure
    except ImportError:
        print("(markdown-it-py's gfm-like preset needs mdit-py-plugins and linkify-it-py: not measured)")
    try:
        import markdown
    except ImportError:
        print("(Python-Markdown not installed: not measured)")
        return
    plain = markdown.Markdown(extensions=["tables", "fenced_code", "sane_lists"])
    yield "Python-Markdown (tables, fenced_code, sane_lists; to HTML)", lambda t: plain.reset().convert(t), html_structure
    try:
        import pymdownx  # noqa: F401

        extended = markdown.Markdown(extensions=["tables", "fenced_code", "sane_lists", "pymdownx.tilde",
                                                 "pymdownx.magiclink", "pymdownx.tasklist", "pymdownx.betterem"])
        yield "Python-Markdown + pymdown-extensions (tilde, magiclink, tasklist, betterem; to HTML)", \
            lambda t: extended.reset().convert(t), html_structure
    except ImportError:
        print("(pymdown-extensions not installed: not measured)")


def _median_ms(parse, texts) -> float:
    times = []
    for _ in range(5):
        start = time.perf_counter()
        for text in texts:
            parse(text)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> int:
    import cmarkgfm

    from benchmarks.sample import large_proposal

    cases = [(name, text) for name, text in CASES if not name.startswith("html-")]
    sections = [text for text in large_proposal().sections.values()]
    mixed = [text for _name, text in CASES] * 20
    mixed_words = sum(len(text.split()) for text in mixed)
    reference = {name: html_structure(cmarkgfm.github_flavored_markdown_to_html(text)) for name, text in cases}
    start = time.perf_counter()
    for _ in range(5):
        for text in sections:
            cmarkgfm.github_flavored_markdown_to_html(text)
    print(f"cmarkgfm (C, the reference): {(time.perf_counter() - start) / 5 * 1000:.1f} ms for the 20,000 words")
    for name, parse, structure in candidates():
        differ = [case for case, text in cases if structure(parse(text)) != reference[case]]
        sample_ms, corpus_ms = (_median_ms(parse, texts) for texts in (sections, mixed))
        print(f"{name}:\n    {len(differ)} of {len(cases)} cases differ from GitHub; the 20,000 words in "
              f"{sample_ms:.0f} ms, the corpus x20 ({mixed_words:,} words of every GFM construct) in {corpus_ms:.0f} ms")
        if differ:
            print("    " + ", ".join(differ))
    return 0


if __name__ == "__main__":
    sys.exit(main())
