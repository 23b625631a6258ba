"""Whether a link is a web address or a file path: the scheme of a URL as a browser
reads it. Light on purpose (no Markdown parser): the file code and the exports share it."""

from __future__ import annotations

import html
import re

_SCHEME_RE = re.compile(r"^([a-z][a-z0-9+.\-]*):", re.IGNORECASE)
# Browsers ignore ASCII whitespace and controls inside a scheme ("java\tscript:").
_IGNORED_IN_URL = re.compile(r"[\x00-\x20\x7f]+")
_WINDOWS_DRIVE_RE = re.compile(r"^[A-Za-z]:[\\/]")


def url_scheme(url: str) -> str:
    """The lower-case scheme of ``url`` ("" for a relative path or a Windows drive path)."""
    cleaned = _IGNORED_IN_URL.sub("", html.unescape(url))
    if _WINDOWS_DRIVE_RE.match(cleaned):
        return ""
    match = _SCHEME_RE.match(cleaned)
    return match.group(1).lower() if match else ""
