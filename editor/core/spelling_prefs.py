"""A proposal's own spelling settings, kept in its front matter (``metadata.extra``).

``spellcheck_language: en`` checks a French proposal's spelling in English (default: the
document language); ``spellcheck_ignore: [Scikit, Benali]`` are words its writer chose to
ignore. Both travel with the file, so ``proposal-editor check`` sees what the writer saw.
Light on purpose: the editor reads these before any dictionary is loaded.
"""

from __future__ import annotations

LANGUAGE_KEY = "spellcheck_language"
IGNORE_KEY = "spellcheck_ignore"


def chosen_language(proposal) -> str:
    """The spell-check language the proposal stores (``fr`` or ``en``), "" when it follows its own."""
    chosen = proposal.metadata.extra.get(LANGUAGE_KEY)
    return chosen if chosen in ("fr", "en") else ""


def spelling_language(proposal) -> str:
    """The language the proposal is spell-checked in: its own setting, else the document language."""
    return chosen_language(proposal) or proposal.metadata.language


def ignored_words(proposal) -> frozenset[str]:
    """Words the writer chose to ignore in this proposal."""
    value = proposal.metadata.extra.get(IGNORE_KEY) or []
    return frozenset(str(w) for w in value) if isinstance(value, list) else frozenset()


def with_language(extra: dict, language: str | None) -> dict:
    """``extra`` with the spell-check language set (None: follow the document language)."""
    out = dict(extra)
    if language in ("fr", "en"):
        out[LANGUAGE_KEY] = language
    else:
        out.pop(LANGUAGE_KEY, None)
    return out


def with_ignored(extra: dict, word: str) -> dict:
    """``extra`` with ``word`` added to the ignored words (sorted, once)."""
    out = dict(extra)
    words = set(out.get(IGNORE_KEY) or []) if isinstance(out.get(IGNORE_KEY), list) else set()
    out[IGNORE_KEY] = sorted(words | {word}, key=str.lower)
    return out
