"""The one door through which an export reads a picture: the architecture diagram's file and
the prose's ``![alt](path)`` images (and their inline ``data:`` forms).

Writers never open files: the builder asks :func:`read_image` and puts the bytes in the
blocks. A web address is never fetched (the prose converter turns it into a link). A
picture the proposal carries (taken out of a DOCX) comes first; files are read by the
core's image rules (:mod:`editor.core.images`: no device, pipe or huge file, nothing
outside the document's folder unless the policy allows it).
"""

from __future__ import annotations

import base64
import os
from collections.abc import Mapping


class ImageUnavailable(OSError):
    """A picture that cannot be embedded; ``str()`` says why, for the user."""


def read_image(src: str, base_dir: str | os.PathLike | None, policy=None,
               carried: Mapping[str, bytes] | None = None) -> bytes:
    """The bytes of the picture ``src``: one the proposal carries under that name (``carried``,
    its ``media``: first, whatever the folder holds), a path (relative to ``base_dir``, the
    document's folder) read as ``policy`` (:class:`editor.core.images.ImagePolicy`; by
    default: files inside ``base_dir``) allows, or a ``data:image/...;base64,`` URI. Raises
    :class:`ImageUnavailable`."""
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
    from editor.core.images import ImagePolicy, ImageRefused
    from editor.core.images import read_image as read_file

    if policy is None:
        if base_dir is None:  # an unsaved document has no folder to look in
            raise ImageUnavailable("the document has no folder yet")
        policy = ImagePolicy([base_dir])
    try:
        return read_file(src, base_dir, policy)
    except ImageRefused as exc:
        raise ImageUnavailable(str(exc)) from exc
