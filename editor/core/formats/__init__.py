"""File formats: each reads bytes into a Proposal and writes one back."""

from __future__ import annotations


class FormatError(Exception):
    """A file cannot be read as a proposal. The message names the file and the problem."""


class ReadResult:
    """A proposal read from a file, with what the reader could not map."""

    def __init__(self, proposal, warnings: list[str] | None = None):
        self.proposal = proposal
        self.warnings: list[str] = list(warnings or [])
