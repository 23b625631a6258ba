"""Every user-visible string in the code has its French translation."""

import re
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2), "tr": None, "t": None}  # tr/t: translator(lang) results
PLACEHOLDER = re.compile(r"\{(\w*)(?:![rsa])?(?::[^}]*)?\}")


def extracted() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    method_map = [("editor/**.py", "python")]
    for filename, lineno, message, _comments, _ctx in extract_from_dir(ROOT, method_map, keywords=KEYWORDS):
        msgids = message if isinstance(message, tuple) else (message,)
        for msgid in msgids:
            if msgid:
                found.setdefault(msgid, []).append(f"{filename}:{lineno}")
    return found


def catalog():
    with open(ROOT / "i18n/fr/LC_MESSAGES/messages.po", "rb") as fh:
        return read_po(fh, locale="fr")


def test_every_message_has_a_french_translation():
    cat = catalog()
    missing = []
    for msgid, where in sorted(extracted().items()):
        msg = cat.get(msgid)
        if msg is None:
            plural = next((m for m in cat if isinstance(m.id, tuple) and msgid in m.id), None)
            if plural is not None and all(plural.string):
                continue
        if msg is None or not msg.string or (isinstance(msg.string, tuple) and not all(msg.string)):
            missing.append(f"{msgid!r} ({where[0]})")
    assert not missing, f"{len(missing)} message(s) without French translation:\n" + "\n".join(missing)


def test_translations_keep_their_placeholders():
    bad = []
    for msg in catalog():
        if not msg.id or not msg.string or isinstance(msg.id, tuple):
            continue
        if sorted(PLACEHOLDER.findall(msg.id)) != sorted(PLACEHOLDER.findall(msg.string)):
            bad.append(f"{msg.id!r} -> {msg.string!r}")
    assert not bad, "placeholders differ:\n" + "\n".join(bad)


def test_catalog_has_no_duplicate_entries():
    """msgfmt refuses a catalog that defines a message twice."""
    text = (ROOT / "i18n/fr/LC_MESSAGES/messages.po").read_text(encoding="utf-8")
    ids = re.findall(r'^msgid ("(?:[^"\\]|\\.)*"(?:\n"(?:[^"\\]|\\.)*")*)', text, re.MULTILINE)
    dupes = {i for i in ids if ids.count(i) > 1}
    assert not dupes, dupes
