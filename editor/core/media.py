"""Pictures a proposal carries itself (taken out of a DOCX), until they become files.

While a proposal opened from a DOCX lives in memory, its pictures are bytes in
``proposal.media`` under plain file names, and the diagram's path and the
sections' ``![alt](name)`` links use those names: every export (DOCX, preview,
PDF) takes them through :func:`editor.core.export.images.read_image`, the check
sees the diagram. Saved as Markdown, :func:`write_media` writes
them next to the file (an identical file already there is reused, a different
one is never replaced: ``picture-1-2.png``) and links them relatively, so the
folder carries the proposal and its pictures.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

from editor.core.model import Proposal
from editor.i18n import _

# ``![alt](target "title")`` as our writers write a picture (the target may be ``<...>``).
IMAGE_LINK = re.compile(r"!\[((?:\\.|[^\]\\])*)\]\((<[^>\n]*>|[^()\s]*)((?:\s+\"[^\"]*\")?)\)")
_MAX_TRIES = 1000


def linked_names(proposal: Proposal) -> set[str]:
    """The names the proposal links to (diagram, pictures in the text)."""
    used = {proposal.diagram.path}
    for text in [*proposal.sections.values(), proposal.unmapped]:
        used.update(m.group(2).strip("<>") for m in IMAGE_LINK.finditer(text))
    return used


def place_bytes(folder: Path, name: str, data: bytes) -> str:
    """Write ``data`` as ``name`` in ``folder`` (reusing an identical file, never replacing a
    different one: ``stem-2.ext``...); the name it has there. OSError when it cannot be written."""
    from editor.core.storage import StorageError, atomic_write_bytes

    stem, suffix = Path(name).stem, Path(name).suffix
    digest = hashlib.sha256(data).digest()
    for n in range(1, _MAX_TRIES):
        candidate_name = name if n == 1 else f"{stem}-{n}{suffix}"
        candidate = folder / candidate_name
        if not os.path.lexists(candidate):
            try:
                atomic_write_bytes(candidate, data)
            except StorageError as exc:
                raise OSError(str(exc)) from exc
            return candidate_name
        if candidate.is_file() and not candidate.is_symlink() and candidate.stat().st_size == len(data) \
                and hashlib.sha256(candidate.read_bytes()).digest() == digest:
            return candidate_name
    raise OSError(_("no free file name for {name}").format(name=name))


def _renamed(text: str, names: dict[str, str]) -> str:
    def swap(m: re.Match) -> str:
        target = m.group(2).strip("<>")
        if target not in names:
            return m.group(0)
        return f"![{m.group(1)}]({names[target]}{m.group(3)})"

    return IMAGE_LINK.sub(swap, text) if names else text


def write_media(proposal: Proposal, target: str | os.PathLike) -> tuple[Proposal, list[str]]:
    """``proposal`` as the Markdown file ``target`` must say it, its pictures written next to it.

    Returns a copy without ``media`` whose links name the files written (the diagram's
    path absolute, as the app keeps it), and remarks for the user (a picture that could
    not be written is named; its link then points nowhere). The proposal given is unchanged.
    """
    if not proposal.media:
        return proposal, []
    folder = Path(os.path.abspath(Path(target).parent))
    used = linked_names(proposal)
    names: dict[str, str] = {}
    notes: list[str] = []
    for name, data in proposal.media.items():
        if name not in used:
            continue
        try:
            names[name] = place_bytes(folder, name, data)
        except OSError as exc:
            notes.append(_("The picture {name} could not be written next to the proposal: {error}").format(
                name=name, error=exc.strerror or exc))
    update: dict = {
        "media": {},
        "sections": {sid: _renamed(text, names) for sid, text in proposal.sections.items()},
        "unmapped": _renamed(proposal.unmapped, names),
    }
    if proposal.diagram.path in names:
        path = (folder / names[proposal.diagram.path]).as_posix()
        update["diagram"] = proposal.diagram.model_copy(update={"path": path})
    return proposal.model_copy(update=update), notes
