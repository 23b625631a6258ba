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


def test_markup_past_the_lexed_length_of_a_line_is_plain_text():
    head = "**gras** " + "mot " * 20
    tail = "`code` **gras**"
    pad = " " * (md.MAX_LEXED_LINE - len(head))
    spans, state = md.lex_line(head + pad + tail)
    assert (0, 2, md.MARKER) in spans  # the start of the line is lexed as usual
    assert all(start < md.MAX_LEXED_LINE for start, _end, _kind in spans)  # the rest is plain text
    assert state == md.NORMAL
    assert any(kind == md.CODE for _s, _e, kind in md.lex_line(head + tail)[0])


def test_after_the_last_closing_bracket_openers_are_skipped_and_the_rest_still_lexed():
    line = "[lien](https://a.org) " + "![" * 200_000 + " **gras** `code`"
    spans, _state = md.lex_line(line)
    end = len(line)
    assert (0, 1, md.MARKER) in spans and (1, 5, md.LINK_TEXT) in spans  # the link before them
    assert (end - 15, end - 13, md.MARKER) in spans  # the bold after them
    assert any(kind == md.CODE and e == end for _s, e, kind in spans)
    assert not [s for s, _e, kind in spans if kind == md.LINK_TEXT and s > 5]
