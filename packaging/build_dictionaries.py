"""Expand Hunspell dictionaries (.dic + .aff) into the app's compact word lists.

    apt-get install hunspell-fr-comprehensive hunspell-en-us hunspell-en-gb
    python packaging/build_dictionaries.py            # from Debian's dictionaries
    python packaging/build_dictionaries.py --fr DIC AFF --en DIC AFF

Every form a dictionary accepts (stems with their suffixes, prefixes and twofold
suffixes) is written once, so the app checks a word with a lookup and never runs
Hunspell's affix rules at run time. French elided articles and pronouns (l', d',
qu'...) are not expanded: the app splits them off before the lookup. The result is
``resources/dictionaries/LANG.words`` in the format ``editor.core.spelling_store``
reads; the licences of the sources go beside it (``resources/dictionaries/*.txt``).
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from editor.core.spelling_store import pack, write_store  # noqa: E402

# Each language: its Hunspell dictionaries (all merged: British and American English alike).
DEBIAN = {
    "fr": ([("/usr/share/hunspell/fr.dic", "/usr/share/hunspell/fr.aff")],
           "hunspell-fr-comprehensive (Dicollecte 7.0, all spellings)"),
    "en": ([("/usr/share/hunspell/en_US.dic", "/usr/share/hunspell/en_US.aff"),
            ("/usr/share/hunspell/en_GB.dic", "/usr/share/hunspell/en_GB.aff")],
           "hunspell-en-us and hunspell-en-gb (SCOWL)"),
}
ELISION = re.compile(r"['’]$")


@dataclass
class Affix:
    strip: str
    add: str
    flags: set[str]
    condition: re.Pattern
    cross: bool


def _split_flags(text: str, mode: str) -> list[str]:
    if mode == "long":
        return [text[i : i + 2] for i in range(0, len(text) - 1, 2)]
    if mode == "num":
        return [f for f in text.split(",") if f]
    return list(text)


def read_aff(path: Path):
    mode, prefixes, suffixes, special = "char", {}, {}, {}
    lines = path.read_text(encoding="utf-8").splitlines()
    headers: dict[tuple[str, str], bool] = {}
    for line in lines:
        parts = line.split()
        if not parts or parts[0].startswith("#"):
            continue
        key = parts[0]
        if key == "FLAG":
            mode = parts[1]
        elif key in ("NEEDAFFIX", "FORBIDDENWORD", "ONLYINCOMPOUND", "CIRCUMFIX", "KEEPCASE") and len(parts) > 1:
            special[key] = parts[1]
        elif key in ("PFX", "SFX") and len(parts) >= 4:
            flag = parts[1]
            if (key, flag) not in headers and parts[2] in "YN" and parts[3].isdigit() and len(parts) == 4:
                headers[(key, flag)] = parts[2] == "Y"
                continue
            strip = "" if parts[2] == "0" else parts[2]
            add, _, flags = parts[3].partition("/")
            add = "" if add == "0" else add
            cond = parts[4] if len(parts) > 4 else "."
            pattern = re.compile((cond + "$") if key == "SFX" else ("^" + cond)) if cond != "." else re.compile("")
            affix = Affix(strip, add, set(_split_flags(flags, mode)), pattern, headers.get((key, flag), False))
            (suffixes if key == "SFX" else prefixes).setdefault(flag, []).append(affix)
    return mode, prefixes, suffixes, special


def read_dic(path: Path, mode: str):
    lines = path.read_text(encoding="utf-8").splitlines()
    for line in lines[1:]:
        line = line.split("\t")[0].strip()
        if not line or line.startswith("#"):
            continue
        word = line.split()[0] if " " in line else line
        # A "/" escaped with a backslash belongs to the word.
        stem, _, flags = word.replace("\\/", "\x00").partition("/")
        yield stem.replace("\x00", "/"), set(_split_flags(flags, mode))


def expand(dic: Path, aff: Path) -> set[str]:
    mode, prefixes, suffixes, special = read_aff(aff)
    needaffix, forbidden = special.get("NEEDAFFIX"), special.get("FORBIDDENWORD")
    onlycompound = special.get("ONLYINCOMPOUND")
    words: set[str] = set()
    bad: set[str] = set()

    def suffixed(stem: str, flags: set[str], depth: int = 0):
        for flag in flags:
            for a in suffixes.get(flag, ()):
                if (a.strip and not stem.endswith(a.strip)) or not a.condition.search(stem):
                    continue
                form = stem[: len(stem) - len(a.strip)] + a.add
                yield form, a
                if depth == 0 and a.flags & suffixes.keys():
                    for second, b in suffixed(form, a.flags, 1):
                        yield second, b

    def prefixed(stem: str, flags: set[str]):
        for flag in flags:
            for a in prefixes.get(flag, ()):
                if ELISION.search(a.add) or (a.strip and not stem.startswith(a.strip)) or not a.condition.search(stem):
                    continue
                yield a.add + stem[len(a.strip):], a

    for stem, flags in read_dic(dic, mode):
        if forbidden in flags:
            bad.add(stem)
            continue
        if onlycompound in flags:
            continue
        if needaffix not in flags:
            words.add(stem)
        for form, a in suffixed(stem, flags):
            if onlycompound in a.flags:
                continue
            if needaffix not in a.flags:
                words.add(form)
            # A suffix that allows prefixes (its own flags, or the word's when both cross).
            pflags = (a.flags | (flags if a.cross else set())) & prefixes.keys()
            for pform, p in prefixed(form, pflags):
                if p.cross or pflags & a.flags:
                    words.add(pform)
        for pform, p in prefixed(stem, flags & prefixes.keys()):
            if needaffix not in p.flags:
                words.add(pform)
            for form, a in suffixed(pform, p.flags & suffixes.keys()):
                words.add(form)
    words -= bad
    return {w.replace("’", "'") for w in words if w and not any(ch.isspace() for ch in w)}


def one_byte(words: set[str]) -> tuple[set[str], int]:
    """The words whose characters are all Latin-1 once packed (a line of them is one byte a
    character in memory); the others (symbols, subscripts, a few foreign names) are left out."""
    kept = {w for w in words if max(map(ord, pack(w))) <= 0xFF}
    return kept, len(words) - len(kept)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--fr", nargs=2, metavar=("DIC", "AFF"))
    parser.add_argument("--en", nargs=2, metavar=("DIC", "AFF"))
    parser.add_argument("--out", type=Path, default=ROOT / "resources" / "dictionaries")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for lang in ("fr", "en"):
        pairs, source = DEBIAN[lang]
        given = getattr(args, lang)
        if given:
            pairs, source = [tuple(given)], Path(given[0]).name
        words: set[str] = set()
        for dic, aff in pairs:
            words |= expand(Path(dic), Path(aff))
        words, dropped = one_byte(words)
        path = args.out / f"{lang}.words"
        write_store(path, words, lang, source)
        print(f"{lang}: {len(words):,} forms from {source} ({dropped} outside Latin-1 left out) -> {path} "
              f"({path.stat().st_size / 1e6:.2f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
