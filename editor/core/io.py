"""Open and save a proposal by file type (Markdown or DOCX), and keep the
architecture diagram's file reachable when a proposal moves to another folder.

The diagram is a path: in a file it is relative to the file's folder when the
image is inside it (so a folder, a zip or a Git repository carries both, and
GitHub shows the picture); in the app it is absolute (``anchor_diagram``), so
that undo, recovery and "Save As" elsewhere all keep finding it.
``portable_diagram`` gives the path to write into a given file, and for a
Markdown file copies an image from outside its folder next to it.
"""

from __future__ import annotations

import os
from pathlib import Path

from editor.core.formats import FormatError, ReadResult
from editor.core.formats.urls import url_scheme
from editor.core.images import ImagePolicy, ImageRefused, read_image
from editor.core.model import Proposal
from editor.i18n import _

MARKDOWN_SUFFIXES = (".md", ".markdown", ".txt")
DOCX_SUFFIXES = (".docx",)


def kind_of(path: str | os.PathLike) -> str:
    """``markdown`` or ``docx`` from the file name; FormatError for anything else."""
    suffix = Path(path).suffix.lower()
    if suffix in MARKDOWN_SUFFIXES:
        return "markdown"
    if suffix in DOCX_SUFFIXES:
        return "docx"
    raise FormatError(_("{path}: unsupported file type (use .md or .docx).").format(path=path))


def open_proposal(path: str | os.PathLike, default_language: str = "en") -> ReadResult:
    """Read the proposal in ``path``; FormatError names the file and the problem."""
    if Path(path).is_dir():
        raise FormatError(_("{path}: is a folder, not a file.").format(path=path))
    kind = kind_of(path)
    try:
        if kind == "markdown":
            from editor.core.formats.mdread import load_markdown

            return load_markdown(path, default_language)
        from editor.core.formats.docx import read_docx

        return read_docx(path)
    except FormatError:
        raise
    except (ValueError, TypeError, KeyError, IndexError, AttributeError, OverflowError, RecursionError,
            MemoryError, OSError) as exc:
        # A forged or damaged file got past the readers' own checks: still one clear message.
        raise FormatError(_("{path}: cannot be read: {error}").format(path=path, error=exc)) from exc


def save_proposal(proposal: Proposal, path: str | os.PathLike, images: dict[str, bytes] | None = None,
                  image_policy: ImagePolicy | None = None, base_dir: str | os.PathLike | None = None) -> list[str]:
    """Write ``proposal`` to ``path`` atomically, as Markdown or DOCX by extension.

    Returns warnings (text the format could not hold, images left out). Raises
    StorageError when the file cannot be written; the existing file is then
    untouched. ``image_policy``: which image files a DOCX may embed (see
    :mod:`editor.core.images`; by default those in ``path``'s folder);
    ``base_dir``: where the text's relative image paths are taken (``path``'s folder).
    """
    if kind_of(path) == "markdown":
        from editor.core.formats.markdown import save_markdown

        save_markdown(proposal, path)
        return []
    from editor.core.formats.docx import write_docx

    return write_docx(proposal, path, images=images, base_dir=base_dir or Path(path).resolve().parent,
                      image_policy=image_policy) or []


def anchor_diagram(proposal: Proposal, folder: str | os.PathLike | None) -> Proposal:
    """Make a relative diagram path absolute, taken in ``folder`` (the proposal's file's folder).

    Changes ``proposal`` in place and returns it; nothing changes without a folder.
    """
    raw = proposal.diagram.path
    if raw in proposal.media:  # a picture the proposal carries itself, not a file (editor/core/media.py)
        return proposal
    if raw and folder is not None and not Path(raw).is_absolute() and not url_scheme(raw):
        absolute = Path(os.path.abspath(Path(folder) / raw)).as_posix()
        proposal.diagram = proposal.diagram.model_copy(update={"path": absolute})
    return proposal


def portable_diagram(proposal: Proposal, target: str | os.PathLike,
                     source_dir: str | os.PathLike | None = None,
                     policy: ImagePolicy | None = None) -> tuple[Proposal, list[str]]:
    """``proposal`` as it should be written to ``target``, and remarks for the user.

    ``source_dir`` is the folder of the file the proposal comes from (relative
    diagram paths are taken there); None for a proposal that has none yet.
    ``policy`` says which image files may be read for a copy (by default: those
    inside ``source_dir``, see :mod:`editor.core.images`).

    - An image in ``target``'s folder (or below) is written relative to it.
    - Saved where it already lives: a relative path, even one that climbs
      (``../images/arch.png``), so a file written by hand keeps its layout.
    - Saved into another folder (or for the first time): an image from elsewhere
      is copied next to a Markdown ``target``, so the file and its picture travel
      together (an identical file already there is reused, a different one is
      never replaced: ``name-2.png``...); a DOCX or PDF, which embed the picture,
      refer to it by its absolute path, as does a Markdown file when the copy
      cannot be made or the policy refuses the image (with a remark) or the
      image is missing.

    The proposal given is not changed; a copy is returned when the path differs.
    """
    raw = proposal.diagram.path
    if not raw or url_scheme(raw) or raw in proposal.media:  # a web picture, or one the proposal carries
        return proposal, []
    target = Path(target)
    target_dir = Path(os.path.abspath(target.parent))
    source = Path(os.path.abspath(source_dir)) if source_dir is not None else target_dir
    image = Path(os.path.abspath(source / raw))  # an absolute raw path stays itself
    moved = source_dir is None or source != target_dir
    notes: list[str] = []
    if target_dir in image.parents:
        written = image.relative_to(target_dir).as_posix()
    elif not moved:
        try:
            written = Path(os.path.relpath(image, target_dir)).as_posix()
        except ValueError:  # another drive (Windows)
            written = image.as_posix()
    elif _exists(image) and target.suffix.lower() in MARKDOWN_SUFFIXES and target_dir.is_dir():
        if policy is None:
            policy = ImagePolicy([source_dir]) if source_dir is not None else ImagePolicy.untitled()
        try:
            from editor.core.media import place_bytes

            written = place_bytes(target_dir, image.name, read_image(image.as_posix(), None, policy))
        except (ImageRefused, OSError) as exc:
            written = image.as_posix()
            error = exc if isinstance(exc, ImageRefused) else (exc.strerror or exc)
            notes.append(_("The diagram {name} could not be copied next to the proposal ({error}); the file "
                           "refers to it where it is.").format(name=image.name, error=error))
    else:
        written = image.as_posix()  # the write itself fails when the folder is missing
    if policy is not None and written != image.as_posix():
        policy.moved(written, image)  # a relative path of the output is still read from where it is
    if written == raw:
        return proposal, notes
    return proposal.model_copy(update={"diagram": proposal.diagram.model_copy(update={"path": written})}), notes


def _exists(path: Path) -> bool:
    try:
        return os.path.lexists(path)
    except (OSError, ValueError):  # a name too long for the system, say: not a file we can use
        return False


