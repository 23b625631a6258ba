"""The visible text and formatting of a DOCX body as the fingerprint defines them, computed
the plain way (each paragraph walked on its own, each run's parent looked up): the
reference the fast single pass of :func:`editor.core.formats.docx._seen` must equal on every
document without text boxes (fingerprints stored in files already exported depend on it)."""

from __future__ import annotations

import re
import unicodedata

from editor.core.formats.docx import _inside, _run_flags, follow_field

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_TRAILING_SPACE = re.compile(r"[ \t\u00a0]+$", re.M)


def _visible(p, state: list[str]):
    simple = False
    for el in p.iter(W + "fldChar", W + "fldSimple", W + "t", W + "tab", W + "br", W + "cr"):
        if el.tag == W + "fldChar":
            follow_field(el, state)
            continue
        if el.tag == W + "fldSimple":
            simple = True
            continue
        if state or (el.tag == W + "t" and simple and _inside(el, p, W + "fldSimple")):
            continue
        yield el


def seen(body) -> tuple[str, str]:
    state: list[str] = []
    lines, shown = [], []
    for p in body.iter(W + "p"):
        out: list[str] = []
        groups: list[list] = []
        for el in _visible(p, state):
            if el.tag == W + "t":
                text = el.text or ""
                out.append(text)
                count = len("".join(text.split()))
                if count:
                    run = el.getparent()
                    flags = _run_flags(run, run.getparent() is not None and run.getparent().tag == W + "hyperlink")
                    if groups and groups[-1][0] == flags:
                        groups[-1][1] += count
                    else:
                        groups.append([flags, count])
            elif el.tag == W + "tab":
                if el.getparent() is not None and el.getparent().tag == W + "r":
                    out.append("\t")
            else:
                out.append("\n")
        text = "".join(out)
        if text.strip():
            lines.append(text)
        if any(flags for flags, _count in groups):
            shown.append(f"{len(lines)}:" + ";".join(f"{flags}*{count}" for flags, count in groups))
    text = unicodedata.normalize("NFC", "\n".join(lines))
    return _TRAILING_SPACE.sub("", text), "\n".join(shown)
