"""Translations (Babel/gettext catalogs) and locale-aware formatting.

``_()`` looks the message up in the *current* language each time it is called,
so callers must call it when text is shown (never at import time or in a class
body); mark module-level strings with ``N_()`` and translate them at use.
The core passes a language explicitly where the document's language matters
(exports, check messages) through ``translator(lang)``.
"""

from __future__ import annotations

import gettext
import io
import locale
import os
from collections.abc import Callable
from functools import cache

# The languages of the interface and of proposals (the model's ``LANGUAGES``): each has a catalog
# and a locale. Defined here so that translating needs neither the model nor pydantic: the command
# line starts its export's chart worker before it imports them.
LANGUAGES: tuple[str, ...] = ("fr", "en")
DOMAIN = "messages"
DEFAULT_LANGUAGE = "en"
_LOCALES = {"fr": "fr_FR", "en": "en_GB"}

_current = DEFAULT_LANGUAGE
_listeners: list[Callable[[str], None]] = []


@cache
def _translations(language: str) -> gettext.NullTranslations:
    """The compiled catalog for ``language``; built from the .po when no .mo is installed."""
    if language == "en":
        return gettext.NullTranslations()
    from editor.paths import i18n_dir

    folder = i18n_dir() / language / "LC_MESSAGES"
    mo, po = folder / f"{DOMAIN}.mo", folder / f"{DOMAIN}.po"
    if mo.is_file() and (not po.is_file() or mo.stat().st_mtime >= po.stat().st_mtime):
        with mo.open("rb") as fh:
            return gettext.GNUTranslations(fh)
    if not po.is_file():
        return gettext.NullTranslations()
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po.open("rb") as fh:
        catalog = read_po(fh, locale=language)
    buf = io.BytesIO()
    write_mo(buf, catalog)
    buf.seek(0)
    return gettext.GNUTranslations(buf)


def normalize_language(value: str | None) -> str | None:
    """``fr_FR.UTF-8`` -> ``fr``; None when it is not a language we ship."""
    if not value:
        return None
    code = value.replace("-", "_").split(".")[0].split("_")[0].lower()
    return code if code in LANGUAGES else None


def system_language() -> str:
    """The user's language from the environment, else English."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANGUAGE", "LANG"):
        for part in os.environ.get(var, "").split(":"):
            lang = normalize_language(part)
            if lang:
                return lang
    try:
        lang = normalize_language(locale.getlocale()[0])
    except ValueError:
        lang = None
    return lang or DEFAULT_LANGUAGE


def current_language() -> str:
    return _current


def set_language(language: str) -> None:
    """Switch the UI language and tell every listener."""
    global _current
    lang = normalize_language(language) or DEFAULT_LANGUAGE
    if lang == _current:
        return
    _current = lang
    for listener in list(_listeners):
        listener(lang)


def add_language_listener(callback: Callable[[str], None]) -> None:
    _listeners.append(callback)


def remove_language_listener(callback: Callable[[str], None]) -> None:
    if callback in _listeners:
        _listeners.remove(callback)


def _(message: str) -> str:
    """Translate ``message`` into the current UI language."""
    return _translations(_current).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translations(_current).ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark ``message`` for extraction without translating it now."""
    return message


def translate_message(message: str, fields: dict | None = None) -> str:
    """``message`` (an ``N_``-marked msgid) in the UI language, formatted with ``fields``;
    a callable field is asked now (a value that is itself translated, such as "Untitled").
    Keep the msgid and fields to show the text again after a language switch."""
    values = {k: v() if callable(v) else v for k, v in (fields or {}).items()}
    return _(message).format(**values) if values else _(message)


def translator(language: str | None) -> Callable[[str], str]:
    """A gettext function for ``language``, whatever the current UI language;
    for None, ``_`` itself (the UI language at each call)."""
    if language is None:
        return _
    return _translations(normalize_language(language) or DEFAULT_LANGUAGE).gettext


def plural_translator(language: str | None) -> Callable[[str, str, int], str]:
    """An ngettext function for ``language`` (None: the UI language at each call)."""
    if language is None:
        return ngettext
    return _translations(normalize_language(language) or DEFAULT_LANGUAGE).ngettext


def babel_locale(language: str, region: str | None = None) -> str:
    """The Babel locale name for a language (``fr`` -> ``fr_FR``)."""
    if region:
        return f"{language}_{region}"
    return _LOCALES.get(language, "en_GB")


def format_date(value, language: str, format: str = "long") -> str:
    """A date in ``language``'s conventions (26 novembre 2026 / 26 November 2026)."""
    from babel.dates import format_date as _fmt

    return _fmt(value, format=format, locale=babel_locale(language))


def format_datetime(value, language: str, format: str = "medium") -> str:
    from babel.dates import format_datetime as _fmt

    return _fmt(value, format=format, locale=babel_locale(language))


def format_number(value: float, language: str) -> str:
    """A number with the locale's decimal separator (0,5 / 0.5), no useless zeros; three
    decimals, or three significant digits for a number smaller than that (0,00012)."""
    import math

    from babel.numbers import format_decimal

    decimals = 3
    if value and math.isfinite(value) and abs(value) < 0.001:
        decimals = min(15, 2 - math.floor(math.log10(abs(value))))
    return format_decimal(value, format="#,##0." + "#" * decimals, locale=babel_locale(language))
