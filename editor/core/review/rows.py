"""One row of the class report: a submission read and checked, or the reason it could not be.

:func:`review_file` runs in a worker process (see :mod:`engine`); what it returns is
picklable and holds the proposal itself, so the report's columns (and columns
added later) are computed from it in the parent.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from editor.core.model import SECTION_IDS, Proposal
from editor.i18n import N_

REVIEWED, EMPTY, UNREADABLE = "reviewed", "empty", "unreadable"
EMPTY_REASON = N_("No section of the guide has content: is this the proposal?")


@dataclass
class SubmissionRow:
    """A submission of the class: ``status`` is ``reviewed``, ``empty`` (readable, but no
    section after the title has content) or ``unreadable`` (``reason`` says why)."""

    path: str
    name: str
    status: str
    reason: str = ""
    proposal: Proposal | None = None
    findings: list = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0
    _pillars: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def readable(self) -> bool:
        return self.proposal is not None

    @property
    def title(self) -> str:
        if self.proposal is None:
            return ""
        from editor.core.checks import meaningful_text

        meta = self.proposal.metadata.title.strip()
        return meta or " ".join(meaningful_text(self.proposal.sections["title"]).split())[:200]

    @property
    def authors(self) -> list[str]:
        return list(self.proposal.metadata.authors) if self.proposal else []

    @property
    def language(self) -> str:
        return self.proposal.metadata.language if self.proposal else ""

    @cached_property
    def summary_words(self) -> int | None:
        if self.proposal is None:
            return None
        from editor.core.checks import count_words, meaningful_text

        return count_words(meaningful_text(self.proposal.sections["summary"]))

    @cached_property
    def counts(self) -> dict[str, int]:
        """Objectives, risks (mitigated), KPIs (complete), data sources (licensed), resources."""
        p = self.proposal
        if p is None:
            return {}
        from editor.core.checks import meaningful_text

        return {
            "objectives": len(p.objectives),
            "risks": len(p.risks),
            "risks_mitigated": sum(bool(meaningful_text(r.mitigation)) for r in p.risks),
            "kpis": len(p.kpis),
            "kpis_complete": sum(k.is_complete for k in p.kpis),
            "data_sources": len(p.data_sources),
            "data_sources_licensed": sum(bool(s.licence.strip()) for s in p.data_sources),
            "resources": len(p.resources),
        }

    @cached_property
    def section_statuses(self) -> dict[str, str]:
        """Section id -> ``empty`` / ``progress`` / ``ok`` (meets the guide)."""
        if self.proposal is None:
            return {}
        from editor.core.checks import section_status

        return {sid: section_status(self.proposal, sid, self.findings) for sid in SECTION_IDS}

    @property
    def sections_met(self) -> int | None:
        return sum(s == "ok" for s in self.section_statuses.values()) if self.proposal else None

    def pillars(self, language: str) -> list:
        """The six MLOps pillars and what covers each (``architecture.pillars``); [] when unreadable."""
        if self.proposal is None:
            return []
        if language not in self._pillars:
            from editor.core.architecture.pillars import pillar_coverage

            self._pillars[language] = pillar_coverage(self.proposal, language)
        return self._pillars[language]

    def rule_count(self, rule: str) -> int | None:
        """How many findings of ``rule`` (0: the rule is met); None for an unreadable file."""
        return sum(f.rule == rule for f in self.findings) if self.proposal else None

    @property
    def errors(self) -> int:
        return sum(f.severity == "error" for f in self.findings)

    @property
    def warnings_count(self) -> int:
        return sum(f.severity != "error" for f in self.findings)


def review_file(path: str, name: str, language: str) -> SubmissionRow:
    """Read and check one submission; every failure becomes the row's reason, never an exception."""
    from editor.core.checks import _section_filled, check
    from editor.core.formats import FormatError
    from editor.core.io import open_proposal

    start = time.perf_counter()
    try:
        result = open_proposal(path, language)
        proposal = result.proposal
        findings = check(proposal, language)
    except FormatError as exc:
        return SubmissionRow(path, name, UNREADABLE, reason=_one_line(str(exc), path),
                             seconds=time.perf_counter() - start)
    except Exception as exc:  # noqa: BLE001 - a reader bug on one file must not stop the class review
        from editor.i18n import translator

        message = translator(language)("unexpected error: {error}").format(error=_one_line(str(exc), path)
                                                                             or type(exc).__name__)
        return SubmissionRow(path, name, UNREADABLE, reason=message, seconds=time.perf_counter() - start)
    filled = any(_section_filled(proposal, sid) for sid in SECTION_IDS if sid != "title")
    reason = ""
    if not filled:
        from editor.i18n import translator

        reason = translator(language)(EMPTY_REASON)
    return SubmissionRow(path, name, REVIEWED if filled else EMPTY, reason=reason, proposal=proposal,
                         findings=findings, warnings=list(result.warnings), seconds=time.perf_counter() - start)


def _one_line(message: str, path: str) -> str:
    """The reader's message on one line, without the file's path (the row names the file)."""
    text = " ".join(message.split())
    for prefix in (f"{path}: ", f"{Path(path)}: "):
        while text.startswith(prefix):
            text = text[len(prefix):]
    return text
