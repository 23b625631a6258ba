"""File formats: each reads bytes into a Proposal and writes one back."""

from __future__ import annotations


class FormatError(Exception):
    """A file cannot be read as a proposal. The message names the file and the problem."""


class ReadResult:
    """A proposal read from a file, with what the reader could not map."""

    def __init__(self, proposal, warnings: list[str] | None = None):
        self.proposal = proposal
        self.warnings: list[str] = list(warnings or [])


def read_file_bytes(path, max_bytes: int) -> bytes:
    """The bytes of ``path``, or FormatError naming the file: missing, a folder,
    unreadable, or larger than ``max_bytes`` (checked before reading)."""
    from pathlib import Path

    from editor.i18n import _

    import stat

    p = Path(path)
    try:
        if p.is_dir():
            raise FormatError(_("{path}: is a folder, not a file.").format(path=p))
        info = p.stat()
        if not stat.S_ISREG(info.st_mode):
            # A device (/dev/zero) or a pipe: endless, or blocks forever; their size says 0.
            raise FormatError(_("{path}: is not a regular file.").format(path=p))
        too_large = FormatError(_("{path}: the file is too large ({size} MB; the limit is {limit} MB).").format(
            path=p, size=round(info.st_size / 1e6, 1), limit=max_bytes // (1024 * 1024)))
        if info.st_size > max_bytes:
            raise too_large
        with p.open("rb") as fh:
            data = fh.read(max_bytes + 1)  # a file that grows while read is cut off too
        if len(data) > max_bytes:
            raise too_large
        return data
    except FileNotFoundError as exc:
        raise FormatError(_("{path}: no such file.").format(path=p)) from exc
    except OSError as exc:
        raise FormatError(_("{path}: cannot be read: {error}").format(path=p, error=exc.strerror or exc)) from exc


def read_with_path(path, parse, *args):
    """``parse(*args)`` with any FormatError message prefixed by the file's path."""
    try:
        return parse(*args)
    except FormatError as exc:
        from editor.i18n import _

        raise FormatError(_("{path}: {error}").format(path=path, error=exc)) from exc  # "x.md : ..." in French
