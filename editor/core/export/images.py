"""The one door through which an export reads a picture: the architecture diagram and the
prose's ``![alt](path)`` images, carried by the proposal itself (``Proposal.media``: taken
out of a DOCX), in a file, or inline as ``data:``.

Writers never open files: the builder asks :func:`read_image` and puts the bytes in the
blocks. A web address is never fetched (the prose converter turns it into a link).
"""

from __future__ import annotations

import base64
import os
from collections.abc import Mapping
from pathlib import Path

# Past this size a picture is not embedded (a document would become unmanageable).
MAX_IMAGE_BYTES = 50 * 1024 * 1024


class ImageUnavailable(OSError):
    """A picture that cannot be embedded; ``str()`` says why, for the user."""


def read_image(src: str, base_dir: str | os.PathLike | None, carried: Mapping[str, bytes] | None = None) -> bytes:
    """The bytes of the picture ``src``: one the proposal carries under that name (``carried``,
    its ``media``: first, whatever the folder holds), a path (relative to ``base_dir``, the
    document's folder) or a ``data:image/...;base64,`` URI. Raises :class:`ImageUnavailable`."""
    from editor.core.formats.urls import url_scheme

    if carried and src in carried:
        return carried[src]
    scheme = url_scheme(src)
    if scheme == "data":
        try:
            return base64.b64decode(src.split(",", 1)[1], validate=False)
        except (ValueError, IndexError) as exc:
            raise ImageUnavailable(f"not a picture ({exc})") from exc
    if scheme:
        raise ImageUnavailable(f"not a file ({scheme}:)")
    path = Path(src)
    if not path.is_absolute():
        if base_dir is None:  # an unsaved document has no folder to look in
            raise ImageUnavailable("the document has no folder yet")
        path = Path(base_dir) / path
    try:
        if path.stat().st_size > MAX_IMAGE_BYTES:
            raise ImageUnavailable("larger than 50 MB")
        return path.read_bytes()
    except ImageUnavailable:
        raise
    except OSError as exc:
        raise ImageUnavailable(exc.strerror or str(exc)) from exc
