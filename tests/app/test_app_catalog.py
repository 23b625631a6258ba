"""Every string of the desktop app has its French translation, and none hides from extraction."""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "editor" / "app"
PO = ROOT / "i18n" / "fr" / "LC_MESSAGES" / "messages.po"
# _() inside an f-string is invisible to the extractor on Python 3.11: the string would stay English.
_F_STRING_CALL = re.compile(r"""\bf(["']).*\{[^}]*\b_\(\s*["']""")


# Modules other helpers own are checked by their own tests (and the project-wide catalog test).
_OTHERS = ("chart", "risk_table", "kpi_planner", "recovery", "pdf")


def app_files() -> list[Path]:
    return sorted(p for p in APP.rglob("*.py") if not p.stem.startswith(_OTHERS))


def test_every_app_string_has_a_french_translation():
    with PO.open("rb") as fh:
        catalog = read_po(fh, locale="fr")
    missing = []
    for path in app_files():
        for lineno, message, _comments, _ctx in extract_from_file(
            "python", str(path), keywords={"_": None, "N_": None, "ngettext": (1, 2)}
        ):
            msgid = message[0] if isinstance(message, tuple) else message
            entry = catalog.get(msgid)
            text = entry.string if entry is not None else None
            if not text or (isinstance(text, tuple) and not all(text)):
                missing.append(f"{path.relative_to(ROOT)}:{lineno}: {msgid!r}")
    assert not missing, "\n".join(missing)


def test_no_translation_call_inside_f_strings():
    offenders = [
        f"{path.relative_to(ROOT)}:{n}"
        for path in app_files()
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if _F_STRING_CALL.search(line)
    ]
    assert not offenders, offenders
