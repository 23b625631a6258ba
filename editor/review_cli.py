"""``proposal-editor review``: the class review from a terminal (no Qt).

Reads every submission of the folders and files given (one row each, unreadable
ones included with their reason), writes the report (``-o`` .csv, .xlsx or .html,
as many as wanted; without ``-o`` a text summary on standard output) and, with
``--feedback OUTDIR``, a copy of each DOCX with the findings as Word comments.
Progress goes to standard error. Exit codes: 0 report written, 2 unusable arguments.
"""

from __future__ import annotations

import sys
from pathlib import Path

from editor import i18n
from editor.i18n import _

REPORT_SUFFIXES = (".csv", ".xlsx", ".html", ".htm")


def add_arguments(p) -> None:
    """The command's arguments on the parser ``p`` (built by editor.cli)."""
    p.add_argument("paths", nargs="+", metavar=_("FOLDER_OR_FILE"),
                   help=_("a class folder (its sub-folders too) or submission files (.docx, .md)"))
    p.add_argument("-o", "--output", action="append", default=[], metavar=_("REPORT"),
                   help=_("write the report to REPORT: .csv, .xlsx or .html (repeat for several)"))
    p.add_argument("--feedback", metavar=_("OUTDIR"),
                   help=_("write into OUTDIR a copy of each DOCX with the findings as Word comments"))
    p.add_argument("--rubric", metavar=_("FILE"), help=_("your own rubric (YAML; default: the guide's criteria)"))
    p.add_argument("--author", help=_("the name on the feedback comments (default: Instructor)"))
    p.add_argument("--separator", choices=(",", ";"),
                   help=_("CSV separator (default: ';' for a French report, ',' for English)"))
    p.add_argument("--no-recursive", action="store_true", help=_("do not look into sub-folders"))
    p.add_argument("--jobs", type=int, metavar="N", help=_("worker processes (default: one per core, at most 4)"))
    p.add_argument("--timeout", type=float, default=None, metavar=_("SECONDS"),
                   help=_("give up on a file after SECONDS (default: 20)"))


class _Progress:
    """``\\r``-updated line on a terminal; otherwise one line every tenth of the class."""

    def __init__(self, verb: str, stream=None):
        self.verb = verb
        self.stream = stream or sys.stderr
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self.last = -1

    def __call__(self, done: int, total: int, row) -> None:
        name = getattr(row, "name", "") or ""
        text = _("{verb} {done}/{total}: {name}").format(verb=self.verb, done=done, total=total, name=name)
        if self.tty:
            width = 78
            self.stream.write("\r" + text[:width].ljust(width))
            if done == total:
                self.stream.write("\n")
        elif done == total or done * 10 // max(total, 1) != self.last:
            self.last = done * 10 // max(total, 1)
            self.stream.write(text + "\n")
        self.stream.flush()


def cmd_review(ns, fail) -> int:
    """Run the review for parsed arguments ``ns``; ``fail(message)`` makes the exit-2 error."""
    from editor.core.formats import FormatError
    from editor.core.review.collect import collect_submissions
    from editor.core.review.engine import DEFAULT_TIMEOUT, review_class
    from editor.core.review.report import ClassReport
    from editor.core.review.rubric import load_rubric

    lang = ns.lang or i18n.current_language()
    outputs = [Path(o) for o in ns.output]
    for out in outputs:
        if out.suffix.lower() not in REPORT_SUFFIXES:
            raise fail(_("{path}: the report is .csv, .xlsx or .html.").format(path=out))
        if out.is_dir():
            raise fail(_("{path}: is a folder").format(path=out))
    if ns.jobs is not None and ns.jobs < 0:
        raise fail(_("--jobs must be 0 or more."))
    if ns.timeout is not None and ns.timeout <= 0:
        raise fail(_("--timeout must be more than 0 seconds."))
    try:
        rubric = load_rubric(ns.rubric)
        skip = [ns.feedback] if ns.feedback else []
        submissions = collect_submissions(ns.paths, recursive=not ns.no_recursive, skip=skip)
    except FormatError as exc:
        raise fail(str(exc)) from exc
    if not submissions:
        raise fail(_("No submission (.docx or .md) in {paths}.").format(paths=", ".join(ns.paths)))
    inputs = {p.path.resolve() for p in submissions}
    for out in outputs:
        if out.resolve() in inputs:
            raise fail(_("The report would replace the submission {path}; choose another file.").format(path=out))
    rows = review_class(submissions, lang, jobs=ns.jobs, timeout=ns.timeout or DEFAULT_TIMEOUT,
                        progress=_Progress(_("Reviewing")))
    report = ClassReport(rows, rubric, lang)
    for out in outputs:
        _write_report(report, out, ns.separator, fail)
        print(_("Wrote {path}").format(path=out), file=sys.stderr)
    if ns.feedback:
        from editor.core.review.feedback import write_feedback_copies

        outdir = Path(ns.feedback)
        if outdir.exists() and not outdir.is_dir():
            raise fail(_("{path}: is not a folder").format(path=outdir))
        results = write_feedback_copies(report, outdir, author=ns.author, jobs=ns.jobs,
                                        progress=_Progress(_("Writing feedback")))
        written = [r for r in results if r.written]
        for r in results:
            if not r.written and r.note:
                print(f"{r.name}: {r.note}", file=sys.stderr)
        print(_("Wrote {count} feedback document(s) in {path}").format(count=len(written), path=outdir),
              file=sys.stderr)
    if not outputs:
        _print_summary(report)
    return 0


def _write_report(report, out: Path, separator, fail) -> None:
    from editor.core.storage import StorageError

    suffix = out.suffix.lower()
    try:
        if suffix == ".csv":
            from editor.core.review.csv_report import write_csv

            write_csv(report, out, separator)
        elif suffix == ".xlsx":
            from editor.core.review.xlsx_report import write_xlsx

            write_xlsx(report, out)
        else:
            from editor.core.review.html_report import write_html

            write_html(report, out)
    except StorageError as exc:
        raise fail(str(exc)) from exc


def _print_summary(report) -> None:
    """One line per submission, unreadable ones included, then the counts."""
    lang = report.language
    columns = {c.id: c for c in report.columns()}
    for row in report.rows:
        status = columns["status"].text(row.status, lang)
        if not row.readable:
            print(f"{row.name}: {status}: {row.reason}")
            continue
        text = _("{file}: {score} %, {met}/10 sections meet the guide, {errors} error(s), {warnings} warning(s)").format(
            file=row.name, score=report.score(row), met=row.sections_met, errors=row.errors,
            warnings=row.warnings_count)
        print(text + (f" — {row.title}" if row.title else "") + (f" ({row.reason})" if row.reason else ""))
    counts = report.counts()
    print(_("{total} submission(s): {reviewed} reviewed, {empty} empty, {unreadable} unreadable").format(**counts))
