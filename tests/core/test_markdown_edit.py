"""Formatting commands on Markdown text: they wrap, unwrap, and leave the rest as typed."""

from __future__ import annotations

import pytest

from editor.core import markdown_edit as me


def sel(text: str):
    """``"a [b] c"`` -> (text without brackets, start, end)."""
    start = text.index("[")
    end = text.index("]") - 1
    return text.replace("[", "", 1).replace("]", "", 1), start, end


def shown(edit: me.Edit) -> str:
    return edit.text[: edit.start] + "[" + edit.text[edit.start : edit.end] + "]" + edit.text[edit.end :]


@pytest.mark.parametrize(("before", "marker", "after"), [
    ("un [mot] ici", me.BOLD, "un **[mot]** ici"),
    ("un **[mot]** ici", me.BOLD, "un [mot] ici"),
    ("un [**mot**] ici", me.BOLD, "un [mot] ici"),
    ("un [mot ]ici", me.BOLD, "un **[mot]** ici"),  # the space stays outside
    ("un **[mot]** ici", me.ITALIC, "un ***[mot]*** ici"),  # italic inside bold
    ("un ***[mot]*** ici", me.ITALIC, "un **[mot]** ici"),
    ("un *[mot]* ici", me.ITALIC, "un [mot] ici"),
    ("[vieux]", me.STRIKE, "~~[vieux]~~"),
    ("~~[vieux]~~", me.STRIKE, "[vieux]"),
    ("lancer [dvc repro]", me.CODE, "lancer `[dvc repro]`"),
    ("lancer `[dvc repro]`", me.CODE, "lancer [dvc repro]"),
    ("[un\ndeux]", me.BOLD, "[**un**\n**deux**]"),  # emphasis does not cross lines
])
def test_inline_toggles(before, marker, after):
    assert shown(me.toggle_inline(*sel(before), marker)) == after


def test_inline_at_the_cursor_takes_the_word_or_opens_a_pair():
    assert shown(me.toggle_inline("le modèle déployé", 5, 5, me.BOLD)) == "le **[modèle]** déployé"
    assert shown(me.toggle_inline("le **modèle** déployé", 7, 7, me.BOLD)) == "le [modèle] déployé"
    assert shown(me.toggle_inline("fin. ", 5, 5, me.ITALIC)) == "fin. *[]*"


@pytest.mark.parametrize(("before", "kind", "after"), [
    ("[a\nb\nc]", me.BULLET, "[- a\n- b\n- c]"),
    ("[- a\n- b]", me.BULLET, "[a\nb]"),
    ("[a\n\nb]", me.NUMBERED, "[1. a\n\n2. b]"),
    ("[- a\n- b]", me.NUMBERED, "[1. a\n2. b]"),  # a bulleted list becomes numbered
    ("[1. a\n2. b]", me.NUMBERED, "[a\nb]"),
    ("[idée]", me.QUOTE, "[> idée]"),
    ("[> idée]", me.QUOTE, "[idée]"),
    ("[Enjeux]", me.HEADING, "[### Enjeux]"),
    ("[### Enjeux]", me.HEADING, "[Enjeux]"),
    ("avant\nmi[li]eu\naprès", me.BULLET, "avant\n[- milieu]\naprès"),  # whole lines
])
def test_line_toggles(before, kind, after):
    assert shown(me.toggle_lines(*sel(before), kind)) == after


@pytest.mark.parametrize(("text", "after"), [
    ("- un", "- un\n- []"),
    ("* un", "* un\n* []"),
    ("3. trois", "3. trois\n4. []"),
    ("2) deux", "2) deux\n3) []"),
    ("- [x] fait", "- [x] fait\n- [ ] []"),
    ("  - imbriqué", "  - imbriqué\n  - []"),
    ("> cité", "> cité\n> []"),
    ("texte\n- ", "texte\n[]"),  # Enter on an empty item ends the list
])
def test_enter_continues_or_ends_a_list(text, after):
    assert shown(me.continue_list(text, len(text))) == after


def test_enter_outside_a_list_is_a_plain_line_break():
    assert me.continue_list("un paragraphe", 5) is None
    assert me.continue_list("- item", 1) is None  # before the item's text


def test_tab_nests_list_items_and_shift_tab_brings_them_back():
    edit = me.indent_items("- a\n- b", 6, 6)
    assert edit.text == "- a\n  - b" and edit.start == 8
    assert me.indent_items(edit.text, edit.start, edit.end, outdent=True).text == "- a\n- b"
    assert me.indent_items("1. a\n2. b", 8, 8).text == "1. a\n   2. b"
    assert me.indent_items("un paragraphe", 3, 3) is None  # Tab leaves the editor as elsewhere


def test_links_are_made_and_only_safe_addresses_accepted():
    edit = me.make_link("voir ici", 5, 8, "la doc", "https://mlflow.org ")
    assert edit.text == "voir [la doc](https://mlflow.org)" and edit.text[edit.start:edit.end] == "la doc"
    assert me.is_safe_link("https://dvc.org/doc") and me.is_safe_link("mailto:a@b.org")
    for bad in ("javascript:alert(1)", "file:///etc/passwd", "https://", "dvc.org", "ftp://x.org"):
        assert not me.is_safe_link(bad)
