"""A compact, read-only word list: every accepted form of a language in a few megabytes.

A dictionary of 690,000 French forms as a Python ``set`` costs 50 MB, as plain text
about 7.6 MB; here it stays compressed in its file (about 2.3 MB), mapped read-only, and
a lookup opens one small block: only the pages of the blocks looked up come into memory.
Words of one length are sorted by their *key* (lowercase, accents removed) then by
themselves and cut into blocks of about ``BLOCK_BYTES`` characters; each block is the
words concatenated (fixed width: a binary search over slices, no object per word),
deflated on its own. An index keeps each block's first key, so a lookup is a binary
search over the index, one block inflated (a few microseconds; the last
``CACHE_BLOCKS`` blocks stay inflated), then a binary search in the block. Words sharing
a key (``role``, ``rôle``, ``Rôle``) sit together, which gives accent- and
case-insensitive lookups, the ground of the suggestions, for free.

File (``LANG.words``): a header line ``#words 2 LANG COUNT SOURCE``, a line
``index BYTES``, the index (UTF-8 lines ``LENGTH<TAB>WORDS<TAB>SIZE<TAB>FIRST_KEY``,
one a block, in file order), then the blocks' raw deflate streams back to back.
Words are stored in Latin-1 with ``œ``/``Œ`` as U+009C/U+008C (their Windows-1252
bytes), so that every block is one byte per character.
"""

from __future__ import annotations

import mmap
import os
import threading
import unicodedata
import zlib
from array import array
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path

FORMAT = "#words 2"
BLOCK_BYTES = 2048
CACHE_BLOCKS = 64
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


def _sorted_groups(words: Iterable[str]) -> dict[int, list[str]]:
    """Packed words by length, each group in key order."""
    by_length: dict[int, list[str]] = {}
    for w in set(words):
        packed = pack(w)
        by_length.setdefault(len(packed), []).append(packed)
    return {n: sorted(ws, key=lambda w: (word_key(w), w)) for n, ws in sorted(by_length.items())}


def _blocks(length: int, group: list[str]) -> Iterator[list[str]]:
    step = max(1, BLOCK_BYTES // length)
    for i in range(0, len(group), step):
        yield group[i : i + step]


def write_store(path: Path, words: Iterable[str], language: str, source: str) -> None:
    """Write ``words`` (all Latin-1 once packed) as a word list file (``packaging/build_dictionaries.py``)."""
    index: list[str] = []
    data: list[bytes] = []
    count = 0
    for length, group in _sorted_groups(words).items():
        count += len(group)
        for block in _blocks(length, group):
            deflater = zlib.compressobj(9, zlib.DEFLATED, -15)
            raw = deflater.compress("".join(block).encode("latin-1")) + deflater.flush()
            index.append(f"{length}\t{len(block)}\t{len(raw)}\t{word_key(block[0])}\n")
            data.append(raw)
    index_bytes = "".join(index).encode("utf-8")
    head = f"{FORMAT} {language} {count} {source}\nindex {len(index_bytes)}\n".encode("utf-8")
    from editor.core.storage import atomic_write_bytes  # build time only: not loaded with the checker

    # A new file in place of the old one: a running app keeps the old one mapped (see ``WordStore.load``).
    atomic_write_bytes(path, head + index_bytes + b"".join(data))


class _Group:
    """The blocks of the words of one length: first keys, and where each block lies."""

    __slots__ = ("length", "keys", "starts", "sizes", "plain")

    def __init__(self, length: int) -> None:
        self.length = length
        self.keys: list[str] = []
        self.starts = array("I")  # offsets and sizes of the deflated blocks in the file (4 bytes each,
        self.sizes = array("I")  # not an int object each: 5,000 blocks of two dictionaries)
        self.plain: list[str] = []  # blocks kept as text (a store built in memory)


class WordStore:
    """The words of one list; ``variants(word)`` gives those with ``word``'s key."""

    def __init__(self, groups: dict[int, _Group], language: str = "", count: int = 0,
                 data: bytes | mmap.mmap = b"") -> None:
        self._groups = groups
        self._data = data
        self.language = language
        self.count = count
        self._inflated: dict[tuple[int, int], str] = {}
        self._lock = threading.Lock()

    @classmethod
    def load(cls, path: Path) -> "WordStore":
        """Open a word list file; ``ValueError`` when it is not one (``OSError`` when unreadable).

        The header and the index are read; the blocks stay in the file, mapped read-only, so only
        the pages of the blocks looked up are in memory (the file is replaced, never rewritten in
        place: see ``write_store``)."""
        with path.open("rb") as fh:
            try:
                header = fh.readline(4096)
                label, size_text = fh.readline(64).decode("ascii").rstrip("\n").split(" ")
                parts = header.decode("utf-8").rstrip("\n").split(" ", 4)
                if not header.startswith(FORMAT.encode()) or len(parts) < 4 or label != "index":
                    raise ValueError
                count, size = int(parts[3]), int(size_text)
                index_bytes = fh.read(size)
                if len(index_bytes) != size:
                    raise ValueError
                index = index_bytes.decode("utf-8").splitlines()
            except (ValueError, UnicodeDecodeError):
                raise ValueError(f"{path}: not a word list") from None
            groups: dict[int, _Group] = {}
            offset = fh.tell()  # the first block starts right after the index
            try:
                for row in index:
                    length, words, block_size, key = row.split("\t")
                    group = groups.get(int(length))
                    if group is None:
                        group = groups[int(length)] = _Group(int(length))
                    group.keys.append(key)
                    group.starts.append(offset)
                    group.sizes.append(int(block_size))
                    offset += int(block_size)
            except (ValueError, OverflowError):  # a row cut short, a size that is no number or past 4 GB
                raise ValueError(f"{path}: not a word list (damaged index)") from None
            if offset != os.fstat(fh.fileno()).st_size:
                raise ValueError(f"{path}: not a word list (truncated or padded)")
            try:
                data: bytes | mmap.mmap = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
            except (OSError, ValueError):  # a file system that cannot map files: read it whole
                fh.seek(0)
                data = fh.read()
        return cls(groups, parts[2], count, data)

    @classmethod
    def from_words(cls, words: Iterable[str], language: str = "") -> "WordStore":
        """A store built in memory (tests, personal word lists): blocks kept as text."""
        groups: dict[int, _Group] = {}
        count = 0
        for length, sorted_words in _sorted_groups(words).items():
            group = groups[length] = _Group(length)
            count += len(sorted_words)
            for block in _blocks(length, sorted_words):
                group.keys.append(word_key(block[0]))
                group.plain.append("".join(block))
        return cls(groups, language, count)

    def _block(self, group: _Group, i: int) -> str:
        if group.plain:
            return group.plain[i]
        text = self._inflated.get((group.length, i))
        if text is None:
            start = group.starts[i]
            try:
                raw = zlib.decompress(memoryview(self._data)[start : start + group.sizes[i]], -15)
            except zlib.error:
                raw = b""  # a damaged block: its words are unknown, the others still work
            text = raw.decode("latin-1")
            if len(text) % group.length:
                text = ""
            with self._lock:
                if len(self._inflated) >= CACHE_BLOCKS:
                    self._inflated.clear()
                self._inflated[(group.length, i)] = text
        return text

    def _range(self, key: str, length: int) -> Iterator[str]:
        group = self._groups.get(length)
        if group is None or not group.keys:
            return
        # The first block that may hold ``key``: the one before the first block starting at or past it.
        b = max(0, bisect_left(group.keys, key) - 1)
        while b < len(group.keys):
            if group.keys[b] > key:
                return
            block = self._block(group, b)
            n = len(block) // length
            lo, hi = 0, n
            while lo < hi:
                mid = (lo + hi) // 2
                if word_key(block[mid * length : mid * length + length]) < key:
                    lo = mid + 1
                else:
                    hi = mid
            while lo < n:
                word = block[lo * length : lo * length + length]
                if word_key(word) != key:
                    return
                yield unpack(word)
                lo += 1
            b += 1  # the block ended on ``key``: its words may go on in the next one

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
