"""List numbering of a DOCX as Word and LibreOffice show it.

A numbered paragraph names a list instance (``w:num``) and a level; what the
reader sees is counted per abstract list definition (``w:abstractNum``), so
instances sharing a definition continue one another's numbering unless an
instance restarts a level (``w:lvlOverride/w:startOverride``). LibreOffice
writes one instance per item, all on one definition, the first restarting:
Word and LibreOffice show 1. 2. 3., and so do we.
"""

from __future__ import annotations

from editor.core.formats.docx import W_NS

_W = "{%s}" % W_NS
_MAX_LEVEL = 8


def _int(value: str | None, default: int) -> int:
    try:
        number = int(value) if value is not None else default
    except ValueError:
        return default
    return max(-1, min(number, 999_999_999))  # a Markdown list number has at most nine digits


class Numbering:
    """The numbering part, read once; :meth:`number` counts paragraphs in document order."""

    def __init__(self, element) -> None:
        # abstractNumId -> {level: (format, start)}
        self._abstract: dict[str, dict[int, tuple[str, int]]] = {}
        # numId -> (abstractNumId, {level: start override}, {level: (format, start)} overriding lvl)
        self._nums: dict[str, tuple[str, dict[int, int], dict[int, tuple[str, int]]]] = {}
        self._counters: dict[tuple[str, int], int] = {}
        self._started: set[tuple[str, int]] = set()
        if element is None:
            return
        for abstract in element.iterchildren(_W + "abstractNum"):
            self._abstract[abstract.get(_W + "abstractNumId", "")] = self._levels(abstract)
        for num in element.iterchildren(_W + "num"):
            ref = num.find(_W + "abstractNumId")
            starts: dict[int, int] = {}
            levels: dict[int, tuple[str, int]] = {}
            for override in num.iterchildren(_W + "lvlOverride"):
                ilvl = _int(override.get(_W + "ilvl"), -1)
                if not 0 <= ilvl <= _MAX_LEVEL:
                    continue  # a hand-made file may say anything here
                start = override.find(_W + "startOverride")
                if start is not None:
                    starts[ilvl] = _int(start.get(_W + "val"), 1)
                lvl = override.find(_W + "lvl")
                if lvl is not None:
                    levels.update(self._levels_of([lvl], ilvl))
            self._nums[num.get(_W + "numId", "")] = (ref.get(_W + "val", "") if ref is not None else "", starts, levels)

    @classmethod
    def _levels(cls, abstract) -> dict[int, tuple[str, int]]:
        return cls._levels_of(abstract.iterchildren(_W + "lvl"))

    @staticmethod
    def _levels_of(lvls, forced: int | None = None) -> dict[int, tuple[str, int]]:
        out = {}
        for lvl in lvls:
            ilvl = forced if forced is not None else _int(lvl.get(_W + "ilvl"), -1)
            if not 0 <= ilvl <= _MAX_LEVEL:
                continue
            fmt = lvl.find(_W + "numFmt")
            start = lvl.find(_W + "start")
            out[ilvl] = ((fmt.get(_W + "val") if fmt is not None else None) or "decimal",
                         _int(start.get(_W + "val") if start is not None else None, 1))
        return out

    def known(self, num_id: str) -> bool:
        return num_id in self._nums

    def format(self, num_id: str, level: int) -> str:
        """``decimal``, ``bullet``, ``lowerLetter``... of a list instance's level."""
        abstract, _starts, levels = self._nums.get(num_id, ("", {}, {}))
        if level in levels:
            return levels[level][0]
        return self._abstract.get(abstract, {}).get(level, ("decimal", 1))[0]

    def list_key(self, num_id: str) -> str:
        """What continues one list: the abstract definition (or the instance when it has none)."""
        abstract = self._nums.get(num_id, ("", {}, {}))[0]
        return f"a{abstract}" if abstract in self._abstract else f"n{num_id}"

    def number(self, num_id: str, level: int) -> int:
        """The number the reader sees on this paragraph (call once per paragraph, in order)."""
        level = max(0, min(level, _MAX_LEVEL))
        abstract, starts, levels = self._nums.get(num_id, ("", {}, {}))
        key = self.list_key(num_id)
        start = levels.get(level, self._abstract.get(abstract, {}).get(level, ("decimal", 1)))[1]
        counter = (key, level)
        if level in starts and (num_id, level) not in self._started:
            # The instance's first paragraph at this level restarts the count.
            self._started.add((num_id, level))
            value = starts[level]
        elif counter in self._counters:
            value = self._counters[counter] + 1
        else:
            value = start
        self._counters[counter] = value
        for deeper in range(level + 1, _MAX_LEVEL + 1):
            # A paragraph at a level restarts the levels below it.
            self._counters.pop((key, deeper), None)
        return value

    def restarts(self, num_id: str, level: int) -> bool:
        """True when the next paragraph of this instance at ``level`` would start a new count."""
        starts = self._nums.get(num_id, ("", {}, {}))[1]
        return (level in starts and (num_id, level) not in self._started) or \
            (self.list_key(num_id), level) not in self._counters
