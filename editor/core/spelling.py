"""Spell checking in French and English, offline: words of Markdown text, lookups, suggestions.

``checker(language)`` gives the ``SpellChecker`` of a language, its dictionary read once
(``resources/dictionaries/LANG.words``, every form of Hunspell's dictionaries, see
``spelling_store``), with the MLOps glossary (``glossary.txt``, both languages) and the
user's personal word list (``personal_words()``) accepted too.

What is a word to check (``words(text)``): prose only (code, web addresses, link
targets, HTML and prompt comments skipped, see ``mdsyntax``); not a token with a
digit, ``_``, ``/``, ``@`` or an inner dot (``K1``, ``v2.1``, ``24h``, ``train.py``),
not an ALL-CAPS acronym (``KPI``, ``RGPD``) nor a word with an inner capital
(``MLflow``, ``GitHub``): product names, as a word processor leaves them. French
elisions (``l'équipe``, ``qu'un``, typographic apostrophe too) check the word after
the apostrophe; a hyphenated word (``temps-réel``) is right whole or part by part.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from pathlib import Path

from editor.core.mdsyntax import NOT_PROSE, lex_text
from editor.core.spelling_prefs import ignored_words, spelling_language  # noqa: F401 - part of this API
from editor.core.spelling_store import WordStore, word_key

PERSONAL_FILE = "personal-words.txt"
MAX_SUGGESTIONS = 7
SUGGEST_BUDGET_S = 0.06

# A word: letters, with inner apostrophes or hyphens (l'équipe, temps-réel), and not part of
# an identifier: no digit, "_", "@", "/" or "\\" touching it, no dot between it and a letter
# (train.py, e.g., v2.1, K1, 24h, snake_case and paths are never words).
_WORD = re.compile(r"(?<![\w@/\\])(?<!\w[.'’-])[^\W\d_]+(?:['’-][^\W\d_]+)*(?![\w@/\\]|[.'’-]\w)")
_INNER_CAPITAL = re.compile(r"[a-zà-ÿ][A-ZÀ-Þ]")
_SKIPPED = frozenset(NOT_PROSE) - {"marker"}
_ELISION_FR = re.compile(r"^(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu|quoiqu|presqu|quelqu)['’]", re.IGNORECASE)
_POSSESSIVE_EN = re.compile(r"['’]s$", re.IGNORECASE)
_ALPHABET = "abcdefghijklmnopqrstuvwxyz"


def dictionaries_dir() -> Path:
    from editor.paths import resources_dir

    return resources_dir() / "dictionaries"


@cache
def glossary() -> frozenset[str]:
    """The MLOps terms accepted in both languages, lowercase."""
    lines = (dictionaries_dir() / "glossary.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip().lower() for w in lines if w.strip() and not w.startswith("#"))


def personal_words_path() -> Path:
    from editor.paths import data_dir

    return data_dir() / PERSONAL_FILE


def personal_words() -> set[str]:
    """The words the user added ("Add to dictionary"), one a line in the data folder."""
    try:
        text = personal_words_path().read_text(encoding="utf-8")
    except (FileNotFoundError, UnicodeDecodeError, OSError):
        return set()
    return {w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#")}


def add_personal_word(word: str) -> None:
    """Add ``word`` to the personal list (written atomically; ``StorageError`` if it cannot be)."""
    from editor.core.storage import atomic_write_text

    words = personal_words() | {word.strip()}
    path = personal_words_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_text(path, "".join(f"{w}\n" for w in sorted(words, key=str.lower)))
    for spell in list(_checkers.values()):
        spell.accept(word)


def _is_capitalized(word: str) -> bool:
    return word[:1].isupper() and word[1:] == word[1:].lower()


def words(text: str) -> Iterator[tuple[int, int, str]]:
    """``(start, end, word)`` of each word to check in Markdown ``text`` (a front matter skipped)."""
    skip_to = _front_matter_end(text)
    for offset, line, spans in lex_text(text):
        if offset >= skip_to:
            yield from line_words(line, spans, offset)


def _front_matter_end(text: str) -> int:
    if not text.startswith("---\n"):
        return 0
    m = re.search(r"^(?:---|\.\.\.)[ \t]*$", text[4:], re.MULTILINE)
    return 4 + m.end() if m else 0


def _edge_ok(text: str, i: int, step: int) -> bool:
    """Whether the character at ``i`` may border a word (as ``_WORD``'s lookarounds say)."""
    if not 0 <= i < len(text):
        return True
    ch = text[i]
    if ch.isalnum() or ch in "_@/\\":
        return False
    if ch in ".'’-":
        j = i + step
        return not (0 <= j < len(text) and (text[j].isalnum() or text[j] == "_"))
    return True


def prose(line: str, spans) -> str:
    """``line`` with what is not prose (code, addresses, link targets, comments, tags) blanked."""
    for start, end, kind in spans:
        if kind in _SKIPPED:
            line = line[:start] + " " * (end - start) + line[end:]
    return line


def line_words(line: str, spans, offset: int = 0) -> Iterator[tuple[int, int, str]]:
    """The words to check in one lexed line (``mdsyntax.lex_line``); offsets + ``offset``."""
    for m in _WORD.finditer(prose(line, spans)):
        if m.end() - m.start() > 1:
            yield offset + m.start(), offset + m.end(), m.group()


class SpellChecker:
    """Checks and suggests words of one language."""

    def __init__(self, language: str, store: WordStore) -> None:
        self.language = language
        self.store = store
        self._extra = set(glossary())
        self._cache: dict[str, bool] = {}
        self._lock = threading.Lock()

    # -- words ----------------------------------------------------------------------------
    def accept(self, word: str) -> None:
        """Take ``word`` as right from now on (personal list, tests)."""
        with self._lock:
            self._extra.add(word.lower())
            self._cache.clear()

    def _known(self, word: str) -> bool:
        if word.lower() in self._extra:
            return True
        variants = self.store.variants(word)
        if word in variants:
            return True
        # "Modèle" at a sentence start is "modèle"; an all-lowercase entry accepts its capitalised form.
        return _is_capitalized(word) and word.lower() in variants

    def _part_ok(self, part: str) -> bool:
        if len(part) < 2 or self._known(part):
            return True
        if self.language == "fr":
            m = _ELISION_FR.match(part)
            if m:
                rest = part[m.end():]
                return len(rest) < 2 or self._known(rest) or self._known(rest.replace("’", "'"))
        elif _POSSESSIVE_EN.search(part):
            return self._known(part[:-2])
        return False

    def is_correct(self, word: str) -> bool:
        """True when ``word`` (one token of ``words()``) is spelled right, or is an acronym (``KPI``)
        or a name with an inner capital (``MLflow``), which are never flagged."""
        hit = self._cache.get(word)
        if hit is not None:
            return hit
        norm = word.replace("’", "'")
        ok = (len(word) < 2 or word.isupper() or bool(_INNER_CAPITAL.search(word)) or self._part_ok(norm)
              or ("-" in norm and all(self._part_ok(p) for p in norm.split("-") if p)))
        if len(self._cache) > 50_000:
            self._cache.clear()
        self._cache[word] = ok
        return ok

    def line_errors(self, line: str, spans, ignore: frozenset[str] = frozenset()) -> list[tuple[int, int, str]]:
        """The wrong words of one lexed line: the keystroke path (one regex pass, then a dictionary
        hit per distinct word already seen; the positions are searched only when one is wrong)."""
        text = prose(line, spans)
        known = self._cache.get
        wrong = set()
        for word in set(_WORD.findall(text)):
            ok = known(word)
            if not (self.is_correct(word) if ok is None else ok):
                wrong.add(word)
        wrong -= ignore
        if not wrong:
            return []
        out = []
        for word in wrong:  # where they are: str.find and the word pattern's own edges, not a regex pass
            start = text.find(word)
            while start >= 0:
                end = start + len(word)
                if _edge_ok(text, start - 1, -1) and _edge_ok(text, end, 1):
                    out.append(self._without_elision(start, end, word))
                start = text.find(word, end)
        out.sort()
        return out

    def misspelled(self, text: str, ignore: Iterable[str] = ()) -> list[tuple[int, int, str]]:
        """The wrong words of Markdown ``text``: ``(start, end, word)``, in order."""
        skip = set(ignore)
        return [self._without_elision(*w) for w in words(text) if w[2] not in skip and not self.is_correct(w[2])]

    def _without_elision(self, start: int, end: int, word: str) -> tuple[int, int, str]:
        """In "l'entraînemnt" the wrong word is "entraînemnt": the span and word without the elision."""
        m = _ELISION_FR.match(word) if self.language == "fr" and ("'" in word or "’" in word) else None
        if m is None or len(word) - m.end() < 2:
            return start, end, word
        return start + m.end(), end, word[m.end():]

    # -- suggestions -------------------------------------------------------------------------
    def suggest(self, word: str, limit: int = MAX_SUGGESTIONS) -> list[str]:
        """Likely corrections of ``word``, best first (within ``SUGGEST_BUDGET_S``)."""
        deadline = time.perf_counter() + SUGGEST_BUDGET_S
        norm = word.replace("’", "'")
        prefix = ""
        if self.language == "fr" and (m := _ELISION_FR.match(norm)):
            prefix, norm = word[: m.end()], norm[m.end():]
        key = word_key(norm)
        found: list[str] = [v for v in self.store.variants(norm) if v != norm]
        seen = {key}
        for candidate in _edits(key):
            if candidate not in seen:
                seen.add(candidate)
                found += self.store.has_key(candidate)
        if not found:  # nothing one edit away: two edits, as long as time allows
            for first in list(seen):
                if time.perf_counter() > deadline:
                    break
                for candidate in _edits(first, inserts=False):
                    if candidate not in seen:
                        seen.add(candidate)
                        found += self.store.has_key(candidate)
        found += [f"{norm[:i]} {norm[i:]}" for i in range(2, len(norm) - 1)
                  if self._known(norm[:i]) and self._known(norm[i:])]
        # French forms in -è exist only before "-je" (aimè-je): never a suggestion on their own.
        found = [f for f in found if f != norm and not (self.language == "fr" and f.endswith("è"))]
        ranked = sorted(dict.fromkeys(found), key=lambda c: _distance_rank(norm, c))
        shaped = [_like(norm, c) for c in ranked]
        return [prefix + s for s in dict.fromkeys(shaped)][:limit]


def _edits(key: str, inserts: bool = True) -> Iterator[str]:
    """Keys one edit away: deletions, swaps, replacements, insertions (a-z)."""
    splits = [(key[:i], key[i:]) for i in range(len(key) + 1)]
    for a, b in splits:
        if b:
            yield a + b[1:]
        if len(b) > 1:
            yield a + b[1] + b[0] + b[2:]
    for a, b in splits:
        for c in _ALPHABET:
            if b:
                yield a + c + b[1:]
            if inserts:
                yield a + c + b


def _typo(a: str, b: str) -> bool:
    """``b`` is ``a`` with two neighbours swapped or a doubled letter undone: the commonest slips."""
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]
    if len(a) == len(b) + 1:
        return any(a[i] == a[i - 1] and a[:i] + a[i + 1:] == b for i in range(1, len(a)))
    return False


def _distance_rank(word: str, candidate: str) -> tuple:
    from difflib import SequenceMatcher  # suggestions only, not the checking

    key, other = word_key(word), word_key(candidate)
    # A lowercase slip is a common word, not a name: "teh" is "the" before "Eth".
    same_case = candidate.islower() if word.islower() else (candidate.lower() == candidate or _is_capitalized(candidate))
    return (other != key, not _typo(key, other), " " in candidate, not same_case,
            -SequenceMatcher(None, word.lower(), candidate.lower()).ratio())


def _like(word: str, candidate: str) -> str:
    """``candidate`` in ``word``'s case: Capitalised stays Capitalised."""
    if _is_capitalized(word) and candidate.lower() == candidate:
        return candidate[:1].upper() + candidate[1:]
    return candidate


_checkers: dict[str, SpellChecker] = {}
_load_lock = threading.Lock()


def checker(language: str) -> SpellChecker:
    """The spell checker of ``language`` ("fr"/"en"), loaded on first use (about 0.1-0.2 s)."""
    lang = language if language in ("fr", "en") else "en"
    spell = _checkers.get(lang)
    if spell is not None:
        return spell
    with _load_lock:
        spell = _checkers.get(lang)
        if spell is None:
            spell = SpellChecker(lang, WordStore.load(dictionaries_dir() / f"{lang}.words"))
            for word in personal_words():
                spell.accept(word)
            _checkers[lang] = spell
    return spell


def loaded(language: str) -> SpellChecker | None:
    """The checker of ``language`` if it is loaded already (the keystroke path never loads one)."""
    return _checkers.get(language)


# The command line loads a dictionary when the check first needs it. The app loads them in a
# background thread instead (editor/app/spell_service.py): it sets ``request_load``, which the
# check then calls for a dictionary that is not loaded yet, never waiting for one.
request_load: Callable[[str], None] | None = None


def checker_if_ready(language: str) -> SpellChecker | None:
    """The checker of ``language``: loaded now (the command line), or, once the app has set
    ``request_load``, only if loaded already (and asked for through it if not)."""
    if request_load is None:
        try:
            return checker(language)
        except (OSError, ValueError):  # a damaged installation checks everything but spelling
            return None
    spell = loaded(language)
    if spell is None:
        request_load(language)
    return spell
