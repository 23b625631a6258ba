"""Reading the image files a proposal points to: its architecture diagram and the pictures of its text.

A path in a proposal is data written by whoever wrote the file. A file received from someone else may
point at a device (``/dev/zero`` is read forever), a pipe (blocks), a huge file, or a private picture
of the person who opens it (an absolute path, ``../``, a link leading out), which an export would then
carry out in what they send back. Every read of an image file goes through :func:`read_image`, which:

- refuses what is not a regular file (devices, pipes, sockets, links to them), opened without blocking;
- refuses a file over :data:`MAX_IMAGE_BYTES`, and reads at most that many bytes (a file growing while
  read is cut off), and stops after :data:`MAX_IMAGE_FILES` files or :data:`MAX_TOTAL_IMAGE_BYTES` in
  one export;
- keeps only bytes that are made like an image (PNG, JPEG, GIF, WebP, BMP, TIFF, SVG: the first bytes
  say so), and no SVG that would load other files or declare entities;
- refuses a file outside the document's folder (after following links) unless the :class:`ImagePolicy`
  allows it: the user agreed (the app asks once per document), or ``--allow-outside-images``;
- records what it left out in the policy, so the caller can tell the user.

Qt-free. The app's consent dialog works from :func:`image_references` and :meth:`ImagePolicy.outside`.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from editor.core.formats.urls import url_scheme
from editor.i18n import _

MAX_IMAGE_BYTES = 20 * 1024 * 1024
MAX_TOTAL_IMAGE_BYTES = 100 * 1024 * 1024
MAX_IMAGE_FILES = 200

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".bmp", ".tif", ".tiff", ".svg")
_RASTER_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "png"), (b"\xff\xd8\xff", "jpeg"), (b"GIF87a", "gif"), (b"GIF89a", "gif"),
    (b"II*\x00", "tiff"), (b"MM\x00*", "tiff"),
)
# An SVG that loads another file (an <image>, a <use> of another document, a CSS url(), an entity)
# would have the renderer read it, past every rule here: such an SVG is not used.
# Possessive (``*+``): a space or quote given back must not let "url('#a')" look external.
_SVG_REFERENCE = re.compile(rb"""<[^<>]*?\bhref\s*=\s*["']\s*+(?!data:|\#)""", re.IGNORECASE)
_SVG_CSS_URL = re.compile(rb"""(?:url\(|@import)\s*+["']?+\s*+(?!data:|\#)""", re.IGNORECASE)
_SVG_ENTITY = re.compile(rb"<!ENTITY", re.IGNORECASE)
_SVG_ANCHOR = re.compile(rb"<\s*(?:svg:)?a\b[^<>]*>", re.IGNORECASE)


class ImageRefused(Exception):
    """An image file is not used; the message says why, for the user."""

    def __init__(self, reason: str, outside: bool = False):
        super().__init__(reason)
        self.outside = outside


@dataclass(frozen=True)
class LeftOut:
    """An image an operation did not use: the path as the proposal writes it, and why."""

    path: str
    reason: str
    outside: bool = False

    def message(self) -> str:
        return _("Image {path} was left out: {reason}").format(path=self.path, reason=self.reason)


def image_kind(head: bytes) -> str | None:
    """``png``, ``jpeg``, ``gif``, ``webp``, ``bmp``, ``tiff`` or ``svg`` from a file's first bytes, else None."""
    for magic, kind in _RASTER_MAGIC:
        if head.startswith(magic):
            return kind
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head[:2] == b"BM" and head[6:10] == b"\0\0\0\0":  # "BM", the file size, then four reserved zeros
        return "bmp"
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if text.startswith(b"<") and b"<svg" in head.lower():
        return "svg"
    return None


def svg_loads_other_files(data: bytes) -> bool:
    """True when an SVG would make its renderer read another file or expand entities."""
    if _SVG_ENTITY.search(data) or _SVG_CSS_URL.search(data):
        return True
    # A link (<a href>) is not loaded; every other href that is not inline data or a fragment is.
    return any(not _SVG_ANCHOR.match(data, m.start()) for m in _SVG_REFERENCE.finditer(data))


def _real(path: str | os.PathLike) -> Path:
    return Path(os.path.normcase(os.path.realpath(path)))


def _inside(real: Path, folder: Path) -> bool:
    return real == folder or folder in real.parents


class ImagePolicy:
    """Which image files one operation (an export, a save, the preview) may read, and what it left out.

    ``document_dirs``: the document's folder(s); images inside them (after following links) are the
    document's own. ``allow_outside``: images elsewhere are used too (``--allow-outside-images``).
    ``consented``: paths elsewhere the user agreed to. ``hint`` ends the reason given for an image
    left out because it is elsewhere (the CLI names its flag there). Use :meth:`untitled` for a
    document that has no file yet (whatever it shows, the user put there) and :meth:`never` where
    images from elsewhere must never be read (an instructor's review, a file that came from a DOCX).
    """

    def __init__(self, document_dirs: Iterable[str | os.PathLike], allow_outside: bool = False,
                 consented: Iterable[str | os.PathLike] = (), hint: str = ""):
        self.roots: list[Path] | None = [_real(d) for d in document_dirs]
        if not self.roots:
            raise ValueError("an image policy needs the document's folder (ImagePolicy.untitled() for none)")
        self.allow_outside = allow_outside
        self.consented = {_real(p) for p in consented}
        self.hint = hint
        self.left_out: list[LeftOut] = []
        self._cache: dict[Path, bytes] = {}
        self._total = 0
        self._moved: dict[str, Path] = {}

    @classmethod
    def untitled(cls) -> "ImagePolicy":
        """A document without a file: no folder to stay in; sizes and kinds are still checked."""
        policy = cls(["."], allow_outside=True)
        policy.roots = None
        return policy

    @classmethod
    def never(cls, document_dir: str | os.PathLike) -> "ImagePolicy":
        """Only images inside ``document_dir``; nothing from elsewhere, whatever anyone agreed."""
        return cls([document_dir])

    def moved(self, written: str, path: str | os.PathLike) -> None:
        """``written`` (the diagram's path as an output in another folder writes it) names ``path``."""
        self._moved[written] = _real(path)

    def resolve(self, written: str, base_dir: str | os.PathLike | None) -> Path | None:
        """The file ``written`` names (relative paths taken in ``base_dir``); None for a web address."""
        return self._moved.get(written) or _resolve(written, base_dir)

    def is_outside(self, real: Path) -> bool:
        """True when ``real`` (a resolved path) lies outside every document folder."""
        return self.roots is not None and not any(_inside(real, root) for root in self.roots)

    def permits(self, real: Path) -> bool:
        return self.allow_outside or real in self.consented or not self.is_outside(real)

    def outside(self, written_paths: Iterable[str], base_dir: str | os.PathLike | None) -> list[tuple[str, Path]]:
        """The paths (as written, and resolved) this policy would refuse for being elsewhere."""
        found: list[tuple[str, Path]] = []
        seen: set[Path] = set()
        for written in written_paths:
            real = self.resolve(written, base_dir)
            if real is not None and real not in seen and not self.permits(real):
                seen.add(real)
                found.append((written, real))
        return found

    def record(self, written: str, refused: ImageRefused) -> None:
        if not any(item.path == written for item in self.left_out):
            self.left_out.append(LeftOut(written, str(refused), refused.outside))

    def messages(self) -> list[str]:
        """One line per image left out, for the user."""
        return [item.message() for item in self.left_out]


def _resolve(written: str, base_dir: str | os.PathLike | None) -> Path | None:
    """The resolved file ``written`` names (relative to ``base_dir``); None for a web address or data."""
    if not written or url_scheme(written):
        return None
    try:
        path = Path(written)
        if not path.is_absolute():
            path = Path(base_dir if base_dir is not None else ".") / path
        return _real(path)
    except (OSError, ValueError):  # a name the system cannot use (NUL, too long)
        return None


def read_image(written: str, base_dir: str | os.PathLike | None, policy: ImagePolicy) -> bytes:
    """The bytes of the image file ``written`` (relative paths are taken in ``base_dir``).

    Raises :class:`ImageRefused` (recorded in ``policy``) when the file is elsewhere and not allowed,
    missing, not a regular file, too large, past the operation's budget, or not an image.
    """
    try:
        return _read(written, base_dir, policy)
    except ImageRefused as refused:
        policy.record(written, refused)
        raise


def _read(written: str, base_dir, policy: ImagePolicy) -> bytes:
    real = policy.resolve(written, base_dir)
    if real is None:
        raise ImageRefused(_("it is not a file on this computer"))
    if not policy.permits(real):
        reason = _("it is outside the proposal's folder")
        raise ImageRefused(f"{reason}; {policy.hint}" if policy.hint else reason, outside=True)
    if real in policy._cache:
        return policy._cache[real]
    if len(policy._cache) >= MAX_IMAGE_FILES:
        raise ImageRefused(_("the proposal uses more than {count} image files").format(count=MAX_IMAGE_FILES))
    data = _read_regular_file(real)
    if policy._total + len(data) > MAX_TOTAL_IMAGE_BYTES:
        raise ImageRefused(_("the images of the proposal exceed {size} MB in all").format(
            size=MAX_TOTAL_IMAGE_BYTES // (1024 * 1024)))
    kind = image_kind(data[:4096])
    if kind is None:
        raise ImageRefused(_("it is not a PNG, JPEG, GIF, WebP, BMP, TIFF or SVG image"))
    if kind == "svg" and svg_loads_other_files(data):
        raise ImageRefused(_("the SVG image loads other files"))
    policy._cache[real] = data
    policy._total += len(data)
    return data


def _read_regular_file(real: Path) -> bytes:
    too_large = ImageRefused(_("it is larger than {size} MB").format(size=MAX_IMAGE_BYTES // (1024 * 1024)))
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    try:
        # Without blocking: opening a pipe nobody writes to would wait forever; fstat then refuses it.
        fd = os.open(real, flags | getattr(os, "O_NOFOLLOW", 0))
    except FileNotFoundError as exc:
        raise ImageRefused(_("no such file")) from exc
    except OSError as exc:
        raise ImageRefused(_("it cannot be read ({error})").format(error=exc.strerror or exc)) from exc
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise ImageRefused(_("it is not a regular file (a device, a pipe or a socket)"))
        if info.st_size > MAX_IMAGE_BYTES:
            raise too_large
        chunks, size = [], 0
        while size <= MAX_IMAGE_BYTES:
            chunk = os.read(fd, min(1 << 20, MAX_IMAGE_BYTES + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > MAX_IMAGE_BYTES:
            raise too_large
        return b"".join(chunks)
    except OSError as exc:
        raise ImageRefused(_("it cannot be read ({error})").format(error=exc.strerror or exc)) from exc
    finally:
        os.close(fd)


# An inline image ![alt](target "title"), or a reference definition [id]: target, as Markdown writes them.
# No "[" or "(" inside: each try stops at the next one, so a line of "![a](" costs one pass.
_INLINE_IMAGE = re.compile(r"!\[[^\[\]\n]*+\]\(\s*+(?:<([^<>\n]+)>|([^()<>\s]+))")
_REFERENCE = re.compile(r"^ {0,3}\[[^\[\]\n]+\]:[ \t]*<?([^\s<>]+)", re.MULTILINE)


def image_references(proposal, prose: bool = True) -> list[str]:
    """The image paths a proposal uses, as written: the diagram, then (``prose``) the pictures of its text."""
    found: list[str] = []
    if proposal.diagram.path:
        found.append(proposal.diagram.path)
    if prose:
        for text in (proposal.unmapped, *proposal.sections.values()):
            if "](" in text:
                found += [bracketed or bare for bracketed, bare in _INLINE_IMAGE.findall(text)]
            if "]:" in text:
                found += [target for target in _REFERENCE.findall(text) if target.lower().endswith(IMAGE_SUFFIXES)]
    return [path for path in dict.fromkeys(found) if not url_scheme(path)]


class ImageConsent:
    """One open document's answers, for this session: which images from elsewhere to use or leave out.

    Made when a document is opened (``path``: its file, None for a new one); an image from elsewhere
    is used only when the user agreed to it here, or set it as the diagram after opening. A proposal
    opened from a DOCX never uses images from elsewhere that its file names: those paths are data
    in the document, and nobody is asked about them.
    """

    def __init__(self, path: str | os.PathLike | None = None, diagram: str = ""):
        self.folder = Path(os.path.abspath(Path(path).parent)) if path is not None else None
        self.from_docx = path is not None and Path(path).suffix.lower() == ".docx"
        self.opened_diagram = diagram
        self.allowed: set[Path] = set()
        self.refused: set[Path] = set()

    def policy(self, current_path: str | os.PathLike | None, diagram: str = "") -> ImagePolicy:
        """The policy for an export of the document, now at ``current_path`` with this ``diagram``."""
        folders = [f for f in (self.folder, Path(current_path).parent if current_path else None) if f is not None]
        if not folders:
            return ImagePolicy.untitled()
        consented = set(self.allowed)
        if diagram and diagram != self.opened_diagram:  # chosen (or copied by a save) in this session
            real = _resolve(diagram, folders[-1])
            if real is not None:
                consented.add(real)
        hint = _("the proposal came from a Word document, whose image paths are not followed out of its folder") \
            if self.from_docx else ""
        return ImagePolicy(folders, consented=consented, hint=hint)

    def to_ask(self, policy: ImagePolicy, written_paths: Iterable[str], base_dir) -> list[tuple[str, Path]]:
        """The images from elsewhere nobody answered for yet (none for a document from a DOCX)."""
        if self.from_docx:
            return []
        return [(w, real) for w, real in policy.outside(written_paths, base_dir) if real not in self.refused]

    def answer(self, paths: Iterable[Path], use: bool) -> None:
        (self.allowed if use else self.refused).update(paths)


__all__ = ["ImageConsent", "ImagePolicy", "ImageRefused", "LeftOut", "MAX_IMAGE_BYTES", "image_kind",
           "image_references", "read_image", "svg_loads_other_files"]
