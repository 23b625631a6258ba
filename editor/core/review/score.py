"""The completeness score: how much of what the guide measures a submission has.

Each *measure* is a share between 0 and 1 read from the guide check's findings
(so the score and the check never disagree):

=====================  ==================================================================
measure                share
=====================  ==================================================================
sections               sections with content / 10 (``section-empty``)
summary                1 when the summary has 150-200 words (``summary-length``), else 0
objectives-count       1 when there are 3-5 objectives (``objectives-count``), else 0
objectives-measurable  objectives with a figure or a complete KPI / objectives
architecture           1 with an architecture diagram, else 0
poc                    1 with a link to the project's repository, else 0
data-sources           data sources with a licence / data sources (0 without any)
risks                  risks with a mitigation / risks (0 without any)
kpis                   complete KPIs / KPIs (0 without any)
=====================  ==================================================================

The rubric gives each measure a weight (its points); a measure's points are
``weight × share`` and the completeness score is ``100 × Σ points / Σ weights``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from editor.core.model import SECTION_IDS
from editor.core.review.rows import SubmissionRow
from editor.i18n import N_


@dataclass(frozen=True)
class Measure:
    id: str
    label: str  # N_-marked
    share: Callable[[SubmissionRow], tuple[int, int]]  # (met, out of)


def _failing(row: SubmissionRow, rule: str) -> int:
    return sum(f.rule == rule for f in row.findings)


def _items(row: SubmissionRow, attr: str, rule: str) -> tuple[int, int]:
    total = len(getattr(row.proposal, attr))
    return max(0, total - _failing(row, rule)), total


def _whole(row: SubmissionRow, rule: str, present: bool = True) -> tuple[int, int]:
    return (1 if present and not _failing(row, rule) else 0), 1


MEASURES: tuple[Measure, ...] = (
    Measure("sections", N_("Sections with content"),
            lambda r: (len(SECTION_IDS) - _failing(r, "section-empty"), len(SECTION_IDS))),
    Measure("summary", N_("Summary of 150-200 words"),
            lambda r: _whole(r, "summary-length", bool(r.summary_words))),
    Measure("objectives-count", N_("3-5 objectives"),
            lambda r: _whole(r, "objectives-count", bool(r.proposal.objectives))),
    Measure("objectives-measurable", N_("Measurable objectives"),
            lambda r: _items(r, "objectives", "objective-not-measurable")),
    Measure("architecture", N_("Architecture diagram"), lambda r: _whole(r, "architecture-diagram-missing")),
    Measure("poc", N_("Link to the GitHub POC"), lambda r: _whole(r, "poc-link-missing")),
    Measure("data-sources", N_("Data sources with a licence"),
            lambda r: _items(r, "data_sources", "data-source-licence-missing")),
    Measure("risks", N_("Risks with a mitigation"), lambda r: _items(r, "risks", "risk-missing-mitigation")),
    Measure("kpis", N_("Complete KPIs"), lambda r: _items(r, "kpis", "kpi-incomplete")),
)
MEASURE_IDS = tuple(m.id for m in MEASURES)


def measure(measure_id: str) -> Measure:
    return next(m for m in MEASURES if m.id == measure_id)


@dataclass(frozen=True)
class MeasureResult:
    measure: Measure
    met: int
    out_of: int
    weight: float

    @property
    def share(self) -> float:
        return self.met / self.out_of if self.out_of else 0.0

    @property
    def points(self) -> float:
        return self.weight * self.share


@dataclass(frozen=True)
class Completeness:
    """A submission's measures and its completeness score (0-100), None for an unreadable file."""

    results: tuple[MeasureResult, ...]

    @property
    def points(self) -> float:
        return sum(r.points for r in self.results)

    @property
    def max_points(self) -> float:
        return sum(r.weight for r in self.results)

    @property
    def score(self) -> float:
        return 100 * self.points / self.max_points if self.max_points else 0.0

    def explain(self, t: Callable[[str], str], number: Callable[[float], str]) -> str:
        """``Sections with content 9/10 × 10 + … = 31.5 / 40 → 79 %`` in the language of ``t``."""
        parts = [f"{t(r.measure.label)} {r.met}/{r.out_of} × {number(r.weight)}" for r in self.results]
        return t("{terms} = {points} / {max} → {score} %").format(
            terms=" + ".join(parts), points=number(self.points), max=number(self.max_points),
            score=number(round(self.score)))


def completeness(row: SubmissionRow, weights: dict[str, float]) -> Completeness | None:
    """The measures of ``row`` weighted by ``weights`` (measure id -> points), in the rubric's order."""
    if row.proposal is None:
        return None
    results = []
    for measure_id, weight in weights.items():
        m = measure(measure_id)
        met, out_of = m.share(row)
        results.append(MeasureResult(m, met, out_of, weight))
    return Completeness(tuple(results))
