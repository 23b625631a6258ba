"""A compact, read-only word list: every accepted form of a language in a few strings.

A dictionary of 600,000 French forms as a Python ``set`` costs 50 MB; here it costs
its text (about 7 MB). Words of one length are concatenated, sorted by their *key*
(lowercase, accents removed) then by themselves, into one string, so a lookup is a
binary search over fixed-width slices: a few microseconds, no object per word. Words
sharing a key (``role``, ``rôle``, ``Rôle``) sit together, which gives accent- and
case-insensitive lookups, the ground of the suggestions, for free.

File (``LANG.words.gz``, gzip, UTF-8): a header line ``#words 1 LANG COUNT SOURCE``,
then ``LENGTH<TAB>WORDS`` lines; ``œ``/``Œ`` are stored as U+009C/U+008C (their
Windows-1252 bytes) so that French lines stay one byte per character in memory.
"""

from __future__ import annotations

import gzip
import unicodedata
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path

FORMAT = "#words 1"
_PACK = str.maketrans({"œ": "\x9c", "Œ": "\x8c"})
_UNPACK = str.maketrans({"\x9c": "œ", "\x8c": "Œ"})


@cache
def _key_table() -> dict[int, str]:
    table: dict[int, str] = {0x9C: "oe", 0x8C: "oe", ord("œ"): "oe", ord("Œ"): "oe", ord("æ"): "ae", ord("Æ"): "ae"}
    for code in range(0xC0, 0x250):
        ch = chr(code)
        if code in table:
            continue
        base = "".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c))
        if base != ch and base:
            table[code] = base.lower()
    return table


def word_key(word: str) -> str:
    """``Rôle`` -> ``role``: what words differing only by case and accents share."""
    if word.isascii():  # most probes: no table to walk
        return word.lower()
    return word.lower().translate(_key_table())


def pack(word: str) -> str:
    return word.translate(_PACK)


def unpack(word: str) -> str:
    return word.translate(_UNPACK)


def write_store(path: Path, words: Iterable[str], language: str, source: str) -> None:
    """Write ``words`` as a word list file (used by ``packaging/build_dictionaries.py``)."""
    by_length: dict[int, list[str]] = {}
    for w in set(words):
        packed = pack(w)
        by_length.setdefault(len(packed), []).append(packed)
    count = sum(len(v) for v in by_length.values())
    lines = [f"{FORMAT} {language} {count} {source}"]
    for length in sorted(by_length):
        group = sorted(by_length[length], key=lambda w: (word_key(w), w))
        lines.append(f"{length}\t{''.join(group)}")
    # mtime=0: the same words give the same bytes (a reproducible build).
    path.write_bytes(gzip.compress(("\n".join(lines) + "\n").encode("utf-8"), 9, mtime=0))


class WordStore:
    """The words of one list; ``variants(word)`` gives those with ``word``'s key."""

    def __init__(self, lines: dict[int, str], language: str = "", count: int = 0) -> None:
        self._lines = lines
        self.language = language
        self.count = count

    @classmethod
    def load(cls, path: Path) -> "WordStore":
        """Read a word list file; ``ValueError`` when it is not one."""
        lines: dict[int, str] = {}
        # Line by line: the file's text is never held whole next to the words (peak memory).
        with gzip.open(path, "rt", encoding="utf-8", newline="\n") as fh:
            header = fh.readline().rstrip("\n")
            parts = header.split(" ", 4)
            if not header.startswith(FORMAT) or len(parts) < 4:
                raise ValueError(f"{path}: not a word list")
            for line in fh:
                length, tab, words = line.rstrip("\n").partition("\t")
                if tab and length.isdigit() and int(length) > 0 and len(words) % int(length) == 0:
                    lines[int(length)] = words
        return cls(lines, parts[2], int(parts[3]))

    @classmethod
    def from_words(cls, words: Iterable[str], language: str = "") -> "WordStore":
        """A store built in memory (tests, personal word lists)."""
        by_length: dict[int, list[str]] = {}
        for w in set(words):
            by_length.setdefault(len(pack(w)), []).append(pack(w))
        lines = {n: "".join(sorted(ws, key=lambda w: (word_key(w), w))) for n, ws in by_length.items()}
        return cls(lines, language, sum(len(v) for v in by_length.values()))

    def _range(self, key: str, length: int) -> Iterator[str]:
        line = self._lines.get(length)
        if not line:
            return
        n = len(line) // length
        lo, hi = 0, n
        while lo < hi:
            mid = (lo + hi) // 2
            if word_key(line[mid * length : mid * length + length]) < key:
                lo = mid + 1
            else:
                hi = mid
        while lo < n:
            word = line[lo * length : lo * length + length]
            if word_key(word) != key:
                return
            yield unpack(word)
            lo += 1

    def variants(self, word: str) -> list[str]:
        """The stored words equal to ``word`` but for case and accents (``role`` -> ``rôle``, ``Rôle``)."""
        key = word_key(word)
        length = len(pack(word))
        found = list(self._range(key, length))
        # Ligatures change the key's length, not the word's: "coeur" also finds "cœur" (one shorter).
        if "oe" in key or "ae" in key:
            found += [w for w in self._range(key, length - 1) if w not in found]
        return found

    def has_key(self, key: str) -> list[str]:
        """Stored words whose key is ``key`` (``key`` already lowercase, without accents)."""
        found = list(self._range(key, len(key)))
        if "oe" in key:
            found += list(self._range(key, len(key) - 1))
        return found

    def __contains__(self, word: str) -> bool:
        return word in self.variants(word)

    def __len__(self) -> int:
        return self.count
