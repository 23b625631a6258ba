"""Which files of a class folder are submissions.

A folder is walked recursively (a learning platform's "download all" makes one
folder per student), without following links; ``.docx`` and ``.md`` files are
taken, and left out: hidden files and folders, Word's and LibreOffice's lock
files (``~$x.docx``, ``.~lock.x#``), editor backups (``x~``), our own feedback
copies (``x.feedback.docx``) and anything inside the folders given in ``skip``
(the feedback folder, say). A file named explicitly is always a submission,
whatever its type: the report then says why it cannot be read.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from editor.core.formats import FormatError
from editor.i18n import _

SUFFIXES = (".docx", ".md", ".markdown")
FEEDBACK_SUFFIX = ".feedback.docx"
MAX_SUBMISSIONS = 2000
MAX_DEPTH = 8


@dataclass(frozen=True)
class Submission:
    """A file to review: its path and the name the report shows (relative to the folder given)."""

    path: Path
    name: str


def is_submission_name(name: str) -> bool:
    """True for a ``.docx``/``.md`` name that is not a lock, backup, hidden or feedback file."""
    lower = name.lower()
    return (lower.endswith(SUFFIXES) and not lower.endswith(FEEDBACK_SUFFIX)
            and not name.startswith((".", "~$", "~")) and not name.endswith("~"))


def collect_submissions(inputs: list[str | os.PathLike], recursive: bool = True,
                        skip: list[str | os.PathLike] = ()) -> list[Submission]:
    """The submissions in ``inputs`` (folders and files), each once, sorted by name per input.

    FormatError when an input does not exist or there are more than :data:`MAX_SUBMISSIONS`.
    """
    skipped = {Path(os.path.abspath(s)) for s in skip}
    seen: set[Path] = set()
    out: list[Submission] = []

    def add(path: Path, name: str) -> None:
        real = Path(os.path.realpath(path))
        if real in seen:
            return
        seen.add(real)
        out.append(Submission(path, name))
        if len(out) > MAX_SUBMISSIONS:
            raise FormatError(_("More than {count} submissions: review the class in smaller folders.").format(
                count=MAX_SUBMISSIONS))

    for raw in inputs:
        path = Path(raw)
        if path.is_dir():
            for found in _walk(Path(os.path.abspath(path)), recursive, skipped):
                add(found, found.relative_to(os.path.abspath(path)).as_posix())
        elif path.exists() or path.is_symlink():
            add(path, str(raw))
        else:
            raise FormatError(_("{path}: no such file or folder.").format(path=raw))
    return out


def _walk(folder: Path, recursive: bool, skipped: set[Path]) -> list[Path]:
    found: list[Path] = []
    stack = [(folder, 0)]
    while stack:
        current, depth = stack.pop()
        if current in skipped:
            continue
        try:
            entries = sorted(os.scandir(current), key=lambda e: e.name.casefold())
        except OSError:
            continue  # an unreadable sub-folder: nothing to review there
        subfolders = []
        for entry in entries:
            try:
                if entry.is_symlink():
                    continue  # never followed: a link out of the class folder, or a loop
                if entry.is_dir():
                    if recursive and depth < MAX_DEPTH and not entry.name.startswith((".", "__")):
                        subfolders.append((Path(entry.path), depth + 1))
                elif entry.is_file() and is_submission_name(entry.name):
                    found.append(Path(entry.path))
            except OSError:
                continue
        stack.extend(reversed(subfolders))
    return sorted(found, key=lambda p: [part.casefold() for part in p.relative_to(folder).parts])
