"""The Markdown spans the editor colours and the spell checker skips."""

from __future__ import annotations

import time

from editor.core import mdsyntax as md


def kinds(line: str, state: int = md.NORMAL):
    spans, _state = md.lex_line(line, state)
    return [(line[s:e], k) for s, e, k in spans]


def test_inline_spans():
    assert kinds("Un **gras** et *ital* et ~~barré~~, `code`") == [
        ("**", md.MARKER), ("gras", md.BOLD), ("**", md.MARKER), ("*", md.MARKER), ("ital", md.ITALIC),
        ("*", md.MARKER), ("~~", md.MARKER), ("barré", md.STRIKE), ("~~", md.MARKER), ("`code`", md.CODE)]
    assert kinds("voir [la doc](https://dvc.org) ou www.mlflow.org.") == [
        ("[", md.MARKER), ("la doc", md.LINK_TEXT), ("]", md.MARKER), ("(https://dvc.org)", md.LINK_TARGET),
        ("www.mlflow.org", md.URL)]
    assert kinds("snake_case_word, 2 * 3 * 4, a@b.org") == [("a@b.org", md.URL)]


def test_line_starts_and_multi_line_states():
    assert kinds("### Titre") == [("###", md.MARKER), (" Titre", md.HEADING)]
    assert kinds("- [x] fait") == [("-", md.MARKER), ("[x]", md.TASK)]
    assert kinds("> citée") == [("> ", md.MARKER)]
    spans, state = md.lex_line("texte <!-- début")
    assert state == md.COMMENT
    assert md.lex_line("suite -->  fin", state) == ([(0, 9, md.COMMENTED)], md.NORMAL)
    _spans, state = md.lex_line("```python")
    assert state == md.FENCE_BACKTICK
    assert md.lex_line("x = **pas** du gras", state) == ([(0, 19, md.CODE)], md.FENCE_BACKTICK)
    assert md.lex_line("```", state)[1] == md.NORMAL


def test_a_hostile_line_is_lexed_in_linear_time():
    # Thousands of unclosed markers: a scan to the end of the line for each would take minutes.
    start = time.perf_counter()
    for unit in ("**a ", "~~a ", "*a ", "_a ", "`a ", "[a", "<!--"):
        md.lex_line(unit * 50_000)
    assert time.perf_counter() - start < 30  # a hang guard, not a budget (benchmarks measure those)
