"""Feedback copies: each readable DOCX submission written again into a feedback
folder with the guide check's findings as Word comments, in the document's own
language, and a feedback summary at the end (score, rubric, findings).

``OUTDIR/<sub-folders>/<name>.feedback.docx``: the submission's sub-folders are kept
(a platform's download has one folder per student, each file often named alike). The
submission is never changed: a copy that would land on an input is refused, and
every copy is written atomically. Markdown submissions get none (a DOCX is what
students submit; a Markdown file's images could point anywhere on the machine).
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path, PurePath

from editor.core.review.collect import FEEDBACK_SUFFIX
from editor.core.review.feedback_docx import MAX_DOCX_BYTES, Comment, FeedbackContent, feedback_docx_bytes
from editor.core.review.report import ClassReport
from editor.core.review.rows import SubmissionRow
from editor.i18n import N_, format_date, format_number, translator

DEFAULT_AUTHOR = N_("Instructor")


@dataclass
class FeedbackResult:
    name: str
    target: str = ""
    written: bool = False
    comments: int = 0
    note: str = ""


def feedback_target(row: SubmissionRow, outdir: Path) -> Path:
    """Where the copy of ``row`` goes: its relative sub-folders kept, nothing climbing out of ``outdir``."""
    name = PurePath(row.name)
    parts = [p for p in name.parent.parts if p not in ("", ".", "..") and not PurePath(p).anchor]
    if name.is_absolute() or ".." in name.parts:
        parts = []
    stem = name.name[: -len(name.suffix)] if name.suffix else name.name
    return outdir.joinpath(*parts, stem + FEEDBACK_SUFFIX)


def _initials(author: str) -> str:
    return "".join(w[0] for w in author.split() if w[:1].isalpha())[:3].upper()


def feedback_content(report: ClassReport, row: SubmissionRow, author: str | None = None,
                     today: dt.date | None = None) -> FeedbackContent:
    """The comments and summary for ``row``, in the document's language."""
    from editor.core.checks import check
    from editor.core.guide import section_title

    lang = row.language or report.language
    t = translator(lang)
    local = ClassReport([row], report.rubric, lang)
    findings = check(row.proposal, lang)
    local_row = SubmissionRow(row.path, row.name, row.status, row.reason, row.proposal, findings, row.warnings)
    local.rows = [local_row]
    who = (author or "").strip() or t(DEFAULT_AUTHOR)
    severity = {"error": t(N_("Must fix")), "warning": t(N_("Suggestion"))}
    comments = []
    listed = []
    for f in findings:
        label = severity.get(f.severity, t(N_("Note")))
        loc = f.location
        said = t(N_("{severity}: {message}")).format(severity=label, message=f.message)
        comments.append(Comment(f.section, loc.kind if loc else "", loc.item if loc else "",
                                f"{said} [{f.rule}]", section_title(f.section, lang), _place(row.proposal, loc)))
        listed.append(f"{section_title(f.section, lang)} — {said}")
    c = local.completeness(local_row)
    number = lambda x: format_number(round(x, 2), lang)  # noqa: E731
    paragraphs = [t(N_("Reviewed by {author} on {date}.")).format(author=who, date=format_date(today or dt.date.today(),
                                                                                              lang))]
    if c is not None:
        paragraphs.append(t(N_("Completeness: {score} % ({points} of {max} points of the measurable criteria)."))
                          .format(score=local.score(local_row), points=number(c.points), max=number(c.max_points)))
    paragraphs.append(t(N_("{met} of 10 sections meet the guide; {errors} error(s) and {warnings} warning(s), "
                           "each shown as a comment where it applies.")).format(
        met=local_row.sections_met, errors=local_row.errors, warnings=local_row.warnings_count))
    table = [[t(N_("Criterion")), t(N_("Points")), t(N_("Levels"))]]
    levels = {f"criterion:{cr.id}": cr.levels for cr in report.rubric.criteria}
    for col, value in zip(local.rubric_columns(), local.values(local_row, local.rubric_columns())):
        scale = " · ".join(f"{lv.label.text(lang)} {number(lv.points)}" for lv in levels.get(col.id, ()))
        table.append([col.header(lang), "" if value is None else number(value), scale])
    return FeedbackContent(who, _initials(who), comments, t(N_("Instructor feedback")), paragraphs, table,
                           t(N_("Findings of the guide check")), listed)


def _place(proposal, loc) -> int:
    """The 1-based place of the risk or KPI ``loc`` names in its table, 0 when it names none."""
    if loc is None or loc.kind not in ("risk", "kpi") or not loc.item:
        return 0
    items = proposal.risks if loc.kind == "risk" else proposal.kpis
    return next((i for i, item in enumerate(items, 1) if item.id == loc.item), 0)


def write_feedback(source: str, target: str, report: ClassReport, author: str | None,
                   today: dt.date | None) -> FeedbackResult:
    """Write the commented copy of ``source`` (``report``'s one row) to ``target``: a worker task;
    the result says what happened."""
    from editor.core.formats import FormatError, read_file_bytes
    from editor.core.storage import StorageError, atomic_write_bytes

    t = translator(report.language)
    name = Path(source).name
    try:
        content = feedback_content(report, report.rows[0], author, today)
        data = read_file_bytes(source, MAX_DOCX_BYTES)
        copy, count = feedback_docx_bytes(data, content)
        Path(target).parent.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(target, copy)
    except (FormatError, StorageError, OSError) as exc:
        return FeedbackResult(name, target, note=t(N_("no feedback copy: {error}")).format(error=exc))
    return FeedbackResult(name, target, True, count)


def write_feedback_copies(report: ClassReport, outdir: str | os.PathLike, author: str | None = None,
                          jobs: int | None = None, progress=None, cancelled=None,
                          today: dt.date | None = None) -> list[FeedbackResult]:
    """A feedback copy of each readable DOCX of ``report`` in ``outdir``; one result per row."""
    from editor.core.review.engine import run_bounded

    t = translator(report.language)
    outdir = Path(outdir)
    inputs = {Path(os.path.realpath(r.path)) for r in report.rows}
    results: dict[int, FeedbackResult] = {}
    tasks, where, used = [], [], set()
    for i, row in enumerate(report.rows):
        if not row.readable:
            results[i] = FeedbackResult(row.name, note=t(N_("unreadable: no feedback copy")))
            continue
        if not row.path.lower().endswith(".docx"):
            results[i] = FeedbackResult(row.name, note=t(N_("not a Word document: no feedback copy")))
            continue
        target = feedback_target(row, outdir)
        n = 2
        while target in used:  # two files named alike given from different places
            target = target.with_name(f"{target.name[: -len(FEEDBACK_SUFFIX)]}-{n}{FEEDBACK_SUFFIX}")
            n += 1
        used.add(target)
        if Path(os.path.realpath(target)) in inputs:
            results[i] = FeedbackResult(row.name, str(target), note=t(N_("the copy would replace a submission")))
            continue
        tasks.append((row.path, str(target), ClassReport([row], report.rubric, report.language), author, today))
        where.append(i)

    def failed(task, reason, seconds):
        return FeedbackResult(Path(task[0]).name, task[1], note=reason)

    done = run_bounded(write_feedback, tasks, failed, report.language, jobs=jobs, progress=progress,
                       cancelled=cancelled)
    for i, result in zip(where, done):
        result.name = report.rows[i].name
        results[i] = result
    return [results[i] for i in sorted(results)]
