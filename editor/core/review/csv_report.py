"""The class report as CSV that LibreOffice Calc and Excel open right.

- UTF-8 with a BOM: Excel reads UTF-8 only when the file starts with one (without
  it, "Hélène" shows as "HÃ©lÃ¨ne"); LibreOffice and Python's csv accept it.
- The separator is the one the spreadsheet of the user's locale expects when the file
  is double-clicked: Excel splits a CSV on the system's list separator, which is ``;``
  wherever the decimal mark is a comma (French, German, ...) and ``,`` elsewhere. A
  ``sep=`` first line is an Excel-only hint that LibreOffice and scripts read as a data
  row, so the separator is chosen instead: ``;`` for a French report, ``,`` for
  English, or as asked.
- Numbers are whole numbers (the score in percent, points rounded to the nearest
  whole point), the same in every locale: ``12.5`` would be text or a date in a
  French Excel and ``12,5`` text in an English one. The XLSX and HTML keep decimals.
- A cell that starts with ``=``, ``+``, ``-``, ``@`` or a tab is prefixed with ``'``,
  so a student's title never runs as a formula (CSV injection).
"""

from __future__ import annotations

import csv
import io
import os

from editor.core.review.report import GRADE, INT, NUMBER, ClassReport

BOM = "\ufeff"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def default_separator(language: str) -> str:
    return ";" if language == "fr" else ","


def _cell(column, value, language: str) -> str:
    if value is None:
        return ""
    if column.kind in (INT, NUMBER, GRADE) and isinstance(value, (int, float)):
        return str(int(value + 0.5) if value >= 0 else -int(-value + 0.5))
    text = column.text(value, language)
    return "'" + text if text.startswith(_FORMULA_START) else text


def csv_bytes(report: ClassReport, separator: str | None = None) -> bytes:
    """The report as CSV bytes (see the module's notes)."""
    sep = separator or default_separator(report.language)
    if sep not in (",", ";", "\t"):
        raise ValueError(f"unsupported CSV separator {sep!r}")
    columns = report.columns()
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=sep, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow([_cell_text(h) for h in report.headers(columns)])
    for row in report.rows:
        writer.writerow([_cell(c, v, report.language) for c, v in zip(columns, report.values(row, columns))])
    return (BOM + buffer.getvalue()).encode("utf-8")


def _cell_text(text: str) -> str:
    return "'" + text if text.startswith(_FORMULA_START) else text


def write_csv(report: ClassReport, path: str | os.PathLike, separator: str | None = None) -> None:
    """Write the CSV atomically; StorageError when it cannot be written."""
    from editor.core.storage import atomic_write_bytes

    atomic_write_bytes(path, csv_bytes(report, separator))
