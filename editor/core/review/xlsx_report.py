"""The class report as an XLSX workbook to grade in: XlsxWriter (imported only here).

Sheet "Report": one row per submission, the header frozen with a filter, numbers as
numbers; the rubric's columns last: the measures' points computed, the criteria
blank with a data validation allowing only their levels' points (a drop-down), and
the total a formula (``SUM``, stored locale-free: Excel and LibreOffice show it in
their own language). Sheet "Rubric": the criteria, their levels and the measures.
"""

from __future__ import annotations

import io
import os

from editor.core.review.report import GRADE, INT, NUMBER, ClassReport
from editor.i18n import N_, translator

_FORMULA_START = ("=", "+", "-", "@")


def xlsx_bytes(report: ClassReport) -> bytes:
    """The workbook's bytes."""
    import xlsxwriter
    from xlsxwriter.utility import xl_rowcol_to_cell

    lang, t = report.language, translator(report.language)
    buffer = io.BytesIO()
    # strings_to_formulas/urls off: a student's "=..." or "http://..." stays the text it is.
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
                                        "strings_to_numbers": False})
    head = book.add_format({"bold": True, "bg_color": "#EEF1F6", "text_wrap": True, "valign": "top", "border": 1})
    grade_head = book.add_format({"bold": True, "bg_color": "#FFF4CC", "text_wrap": True, "valign": "top",
                                  "border": 1})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    number = book.add_format({"num_format": "0.##", "valign": "top"})
    to_fill = book.add_format({"bg_color": "#FFF9E0", "border": 1, "num_format": "0.##"})
    total_fmt = book.add_format({"bold": True, "bg_color": "#FFF4CC", "border": 1, "num_format": "0.##"})

    sheet = book.add_worksheet(_sheet_name(t(N_("Report"))))
    columns = report.columns()
    headers = report.headers(columns)
    for c, (col, text) in enumerate(zip(columns, headers)):
        sheet.write_string(0, c, text, grade_head if col.kind == GRADE else head)
        sheet.set_column(c, c, _width(col, text))
    grade_cols = [c for c, col in enumerate(columns) if col.kind == GRADE and col.id != "total"]
    total_col = next((c for c, col in enumerate(columns) if col.id == "total"), None)
    levels = {f"criterion:{cr.id}": cr.levels for cr in report.rubric.criteria}
    last = len(report.rows)
    for r, row in enumerate(report.rows, start=1):
        for c, (col, value) in enumerate(zip(columns, report.values(row, columns))):
            if c == total_col:
                if row.readable and grade_cols:
                    cells = ",".join(xl_rowcol_to_cell(r, g) for g in grade_cols)
                    # The result as cached value too: LibreOffice shows it without recalculating on load.
                    known = sum(round(v, 2) for v in report.values(row, [columns[g] for g in grade_cols])
                                if isinstance(v, (int, float)))
                    sheet.write_formula(r, c, f"=SUM({cells})", total_fmt, known)
                continue
            if col.kind == GRADE:
                if value is None:
                    sheet.write_blank(r, c, None, to_fill if row.readable else None)
                else:
                    sheet.write_number(r, c, round(value, 2), to_fill)
            elif col.kind in (INT, NUMBER) and isinstance(value, (int, float)):
                sheet.write_number(r, c, value, number)
            elif value is not None:
                sheet.write_string(r, c, col.text(value, lang), wrap)
    for c, col in enumerate(columns):
        if col.kind == GRADE and col.id != "total" and last:
            options = {"validate": "decimal", "criteria": "between", "minimum": 0, "maximum": col.maximum,
                       "error_title": t(N_("Points")),
                       "error_message": t(N_("Between 0 and {max} points.")).format(max=f"{col.maximum:g}")}
            if col.id in levels:
                options = {"validate": "list", "source": [f"{lv.points:g}" for lv in levels[col.id]],
                           "error_title": t(N_("Points")),
                           "error_message": t(N_("Choose one of the levels' points."))}
            sheet.data_validation(1, c, last, c, options)
    sheet.freeze_panes(1, 1)
    sheet.autofilter(0, 0, max(last, 1), len(columns) - 1)
    sheet.set_row(0, 60)
    _rubric_sheet(book, report, head, wrap)
    book.close()
    return buffer.getvalue()


def _rubric_sheet(book, report: ClassReport, head, wrap) -> None:
    lang, t = report.language, translator(report.language)
    sheet = book.add_worksheet(_sheet_name(t(N_("Rubric"))))
    sheet.set_column(0, 0, 48)
    sheet.set_column(1, 2, 14)
    sheet.set_column(3, 3, 60)
    for c, text in enumerate((t(N_("Criterion")), t(N_("Weight")), t(N_("Kind")), t(N_("Levels")))):
        sheet.write_string(0, c, text, head)
    r = 1
    for m in report.rubric.measures:
        sheet.write_row(r, 0, [report.rubric.measure_label(m.id, lang), m.weight, t(N_("computed")),
                               t(N_("weight × share met (see the completeness column)"))], wrap)
        r += 1
    for cr in report.rubric.criteria:
        scale = "; ".join(f"{lv.label.text(lang)}: {lv.points:g}" for lv in cr.levels)
        sheet.write_row(r, 0, [cr.label.text(lang), cr.weight, t(N_("graded")), scale], wrap)
        r += 1
    sheet.write_string(r + 1, 0, report.rubric.source, wrap)


def _sheet_name(text: str) -> str:
    return "".join(ch for ch in text if ch not in "[]:*?/\\")[:31] or "Sheet"


def _width(col, header: str) -> float:
    if col.id in ("title", "reason", "import_warnings"):
        return 40
    if col.id == "score_detail":
        return 60
    if col.kind in (INT, NUMBER, GRADE) or col.id.startswith(("section:", "rule:")):
        return 14
    return max(12, min(30, len(header) * 0.9))


def write_xlsx(report: ClassReport, path: str | os.PathLike) -> None:
    """Write the workbook atomically; StorageError when it cannot be written."""
    from editor.core.storage import atomic_write_bytes

    atomic_write_bytes(path, xlsx_bytes(report))
