"""The class report: the rows, the rubric and the report's columns as specs.

Every writer (CSV, XLSX, HTML) and the app's table read the same columns, so a
column is added in one place: one ``Column`` in :data:`BASE_COLUMNS` (its value is
computed from the row, which holds the proposal). Values are numbers (int or
float), text, or None for "nothing" (an unreadable file has no summary).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from editor.core.model import SECTION_IDS
from editor.core.review.rows import SubmissionRow
from editor.core.review.rubric import Rubric
from editor.core.review.score import Completeness, completeness
from editor.i18n import N_, translator

TEXT, INT, NUMBER, STATUS, SECTION, GRADE = "text", "int", "number", "status", "section", "grade"

STATUS_TEXT = {"reviewed": N_("Reviewed"), "empty": N_("Empty"), "unreadable": N_("Unreadable")}
SECTION_TEXT = {"ok": N_("Meets the guide"), "progress": N_("In progress"), "empty": N_("Empty")}
# The guide check's rules in the guide's order; rules found in the rows and not listed here follow them.
KNOWN_RULES = (
    "section-empty", "summary-length", "objectives-count", "objective-not-measurable", "objective-unknown-kpi",
    "architecture-diagram-missing", "poc-link-missing", "data-source-licence-missing", "data-sources-missing",
    "risk-missing-mitigation", "risks-missing", "kpi-incomplete", "kpi-unit-missing", "kpis-missing",
    "items-in-text", "title-generic",
)


@dataclass(frozen=True)
class Column:
    """A report column: ``header(language)``, ``value(row, report)``, and its kind.

    Kinds: ``text``, ``int``, ``number``, ``status`` (a row status code), ``section``
    (a section status code), ``grade`` (points, the instructor's to fill when None).
    ``maximum`` is the points a ``grade`` column allows.
    """

    id: str
    header: Callable[[str], str]
    value: Callable[[SubmissionRow, "ClassReport"], Any]
    kind: str = TEXT
    maximum: float | None = None

    def text(self, value: Any, language: str) -> str:
        """The value as a person reads it (statuses translated, numbers without useless decimals)."""
        if value is None:
            return ""
        if self.kind == STATUS:
            return translator(language)(STATUS_TEXT.get(value, value))
        if self.kind == SECTION:
            return translator(language)(SECTION_TEXT.get(value, value))
        if isinstance(value, float):
            from editor.i18n import format_number

            return format_number(round(value, 1), language)
        return str(value)


def _msg(msgid: str) -> Callable[[str], str]:
    return lambda language: translator(language)(msgid)


def _count(key: str) -> Callable[[SubmissionRow, "ClassReport"], Any]:
    return lambda row, report: row.counts.get(key) if row.readable else None


BASE_COLUMNS: list[Column] = [
    Column("file", _msg(N_("File")), lambda r, rep: r.name),
    Column("status", _msg(N_("Status")), lambda r, rep: r.status, STATUS),
    Column("reason", _msg(N_("Reason")), lambda r, rep: r.reason),
    Column("title", _msg(N_("Title")), lambda r, rep: r.title),
    Column("authors", _msg(N_("Authors")), lambda r, rep: "; ".join(r.authors)),
    Column("language", _msg(N_("Language")), lambda r, rep: r.language),
    Column("score", _msg(N_("Completeness (%)")), lambda r, rep: rep.score(r), INT),
    Column("sections_met", _msg(N_("Sections meeting the guide (of 10)")), lambda r, rep: r.sections_met, INT),
    Column("errors", _msg(N_("Errors")), lambda r, rep: r.errors if r.readable else None, INT),
    Column("warnings", _msg(N_("Warnings")), lambda r, rep: r.warnings_count if r.readable else None, INT),
    Column("summary_words", _msg(N_("Summary words")), lambda r, rep: r.summary_words, INT),
    Column("objectives", _msg(N_("Objectives")), _count("objectives"), INT),
    Column("risks", _msg(N_("Risks")), _count("risks"), INT),
    Column("risks_mitigated", _msg(N_("Risks with a mitigation")), _count("risks_mitigated"), INT),
    Column("kpis", _msg(N_("KPIs")), _count("kpis"), INT),
    Column("kpis_complete", _msg(N_("Complete KPIs")), _count("kpis_complete"), INT),
    Column("data_sources", _msg(N_("Data sources")), _count("data_sources"), INT),
    Column("data_sources_licensed", _msg(N_("Data sources with a licence")), _count("data_sources_licensed"), INT),
    Column("pillars", _msg(N_("MLOps pillars covered (of 6)")),
           lambda r, rep: sum(c.covered for c in r.pillars(rep.language)) if r.readable else None, INT),
    Column("pillars_missing", _msg(N_("MLOps pillars not covered")),
           lambda r, rep: "; ".join(c.title for c in r.pillars(rep.language) if not c.covered)),
    Column("import_warnings", _msg(N_("Import warnings")), lambda r, rep: "\n".join(r.warnings)),
    Column("score_detail", _msg(N_("How the completeness is computed")), lambda r, rep: rep.explain(r)),
]


def _section_column(sid: str) -> Column:
    from editor.core.guide import section_title

    return Column(f"section:{sid}", lambda language: section_title(sid, language),
                  lambda r, rep: r.section_statuses.get(sid), SECTION)


def _rule_column(rule: str) -> Column:
    return Column(f"rule:{rule}", lambda language: translator(language)(N_("Rule {rule}")).format(rule=rule),
                  lambda r, rep: r.rule_count(rule), INT)


class ClassReport:
    """The rows of a class review with the rubric that scores them, in ``language``."""

    def __init__(self, rows: list[SubmissionRow], rubric: Rubric, language: str):
        self.rows = rows
        self.rubric = rubric
        self.language = language
        self._completeness: dict[int, Completeness | None] = {}

    def completeness(self, row: SubmissionRow) -> Completeness | None:
        key = id(row)
        if key not in self._completeness:
            self._completeness[key] = completeness(row, self.rubric.weights) if self.rubric.measures else None
        return self._completeness[key]

    def score(self, row: SubmissionRow) -> int | None:
        c = self.completeness(row)
        return None if c is None else int(c.score + 0.5)

    def explain(self, row: SubmissionRow) -> str:
        c = self.completeness(row)
        if c is None:
            return ""
        from editor.i18n import format_number

        return c.explain(translator(self.language), lambda x: format_number(round(x, 2), self.language))

    def rule_ids(self) -> list[str]:
        found = {f.rule for row in self.rows for f in row.findings}
        return [r for r in KNOWN_RULES] + sorted(found - set(KNOWN_RULES))

    def rubric_columns(self) -> list[Column]:
        """One per measure (its points, computed) and criterion (blank), then the total (blank)."""
        cols = []
        for m in self.rubric.measures:
            cols.append(Column(
                f"measure:{m.id}", lambda language, m=m: _points_header(self.rubric.measure_label(m.id, language),
                                                                       m.weight, language),
                lambda r, rep, m=m: rep._measure_points(r, m.id), GRADE, m.weight))
        for c in self.rubric.criteria:
            cols.append(Column(f"criterion:{c.id}", lambda language, c=c: _points_header(c.label.text(language),
                                                                                       c.weight, language),
                               lambda r, rep: None, GRADE, c.weight))
        total = self.rubric.max_points
        cols.append(Column("total", lambda language: _points_header(translator(language)(N_("Total")), total, language),
                           lambda r, rep: None, GRADE, total))
        return cols

    def _measure_points(self, row: SubmissionRow, measure_id: str) -> float | None:
        c = self.completeness(row)
        if c is None:
            return None
        return next(r.points for r in c.results if r.measure.id == measure_id)

    def columns(self) -> list[Column]:
        return (list(BASE_COLUMNS) + [_section_column(sid) for sid in SECTION_IDS]
                + [_rule_column(r) for r in self.rule_ids()] + self.rubric_columns())

    def headers(self, columns: list[Column] | None = None) -> list[str]:
        return [c.header(self.language) for c in (columns or self.columns())]

    def values(self, row: SubmissionRow, columns: list[Column] | None = None) -> list[Any]:
        return [c.value(row, self) for c in (columns or self.columns())]

    def counts(self) -> dict[str, int]:
        """Submissions by status, and in all."""
        out = {"total": len(self.rows), "reviewed": 0, "empty": 0, "unreadable": 0}
        for row in self.rows:
            out[row.status] = out.get(row.status, 0) + 1
        return out

    def sections_overview(self) -> dict[str, dict[str, int]]:
        """Section id -> how many readable submissions have it ``ok`` / ``progress`` / ``empty``."""
        out = {sid: {"ok": 0, "progress": 0, "empty": 0} for sid in SECTION_IDS}
        for row in self.rows:
            for sid, status in row.section_statuses.items():
                out[sid][status] += 1
        return out


def _points_header(label: str, maximum: float, language: str) -> str:
    from editor.i18n import format_number

    return f"{label} (/{format_number(maximum, language)})"
