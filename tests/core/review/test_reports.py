"""The report files: CSV that LibreOffice opens with numbers as numbers, XLSX with the rubric
to fill, one self-contained HTML file with every student string escaped."""

from __future__ import annotations

import csv
import io
import re

import pytest

from editor.core.review.csv_report import csv_bytes
from editor.core.review.html_report import html_text
from editor.core.review.report import ClassReport
from editor.core.review.rubric import load_rubric
from editor.core.review.xlsx_report import xlsx_bytes

from .conftest import convert


def _report(rows, lang="en"):
    return ClassReport(rows, load_rubric(), lang)


def _parse(data: bytes, sep: str) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(data[3:].decode("utf-8"), newline=""), delimiter=sep))


def test_csv_has_a_bom_one_row_per_file_whole_numbers_and_no_formulas(reviewed):
    data = csv_bytes(_report(reviewed))
    table = _parse(data, ",")
    header, body = table[0], table[1:]
    assert header[:3] == ["File", "Status", "Reason"] and len(body) == len(reviewed)
    rows = {r[0]: dict(zip(header, r)) for r in body}
    assert rows["broken.docx"]["Status"] == "Unreadable" and "zip" in rows["broken.docx"]["Reason"]
    dave = rows["dave_en.docx"]
    assert dave["Risks"] == "4" and dave["Risks with a mitigation"] == "3"
    assert re.fullmatch(r"\d+", dave["Completeness (%)"]) and dave["Measurable objectives (/5)"].isdigit()
    assert dave["Authors"] == "'=HYPERLINK(\"http://x\"); Hélène <b>Dupont</b>"  # never a formula
    assert dave["Practical and applicable MLOps project (/15)"] == "" and dave["Total (/100)"] == ""
    fr = _parse(csv_bytes(_report(reviewed, "fr")), ";")
    assert fr[0][0] == "Fichier" and len(fr[1]) == len(fr[0])
    with pytest.raises(ValueError):
        csv_bytes(_report(reviewed), "|")


@pytest.fixture(scope="module")
def libreoffice(reviewed, tmp_path_factory):
    """The CSV (both separators) and the XLSX opened by LibreOffice Calc and saved as HTML."""
    folder = tmp_path_factory.mktemp("calc")
    (folder / "comma.csv").write_bytes(csv_bytes(_report(reviewed), ","))
    (folder / "semi.csv").write_bytes(csv_bytes(_report(reviewed, "fr"), ";"))
    (folder / "book.xlsx").write_bytes(xlsx_bytes(_report(reviewed, "fr")))
    convert(folder, [folder / "comma.csv"], 'html:HTML (StarCalc)', "CSV:44,34,76,1")
    convert(folder, [folder / "semi.csv"], 'html:HTML (StarCalc)', "CSV:59,34,76,1")
    convert(folder, [folder / "book.xlsx"], 'html:HTML (StarCalc)')
    return folder


def _cells(html: str) -> list[list[tuple[str, str | None]]]:
    """Rows of (text, numeric value) from LibreOffice's HTML export of the first sheet."""
    import lxml.html

    table = lxml.html.fromstring(html).xpath("//table")[0]
    return [[(" ".join(td.text_content().split()), td.get("sdval")) for td in tr.xpath("./td")]
            for tr in table.xpath(".//tr")]


@pytest.mark.parametrize("name", ["comma", "semi"])
def test_libreoffice_calc_reads_the_csv_with_numbers_as_numbers(libreoffice, reviewed, name):
    rows = _cells((libreoffice / f"{name}.html").read_text(encoding="utf-8"))
    header = [text for text, _v in rows[0]]
    assert header[0] == ("File" if name == "comma" else "Fichier")  # the BOM is not part of the first cell
    assert len(rows) == len(reviewed) + 1
    by_file = {r[0][0]: r for r in rows[1:]}
    dave = by_file["dave_fr.docx"]
    score = dave[header.index("Completeness (%)" if name == "comma" else "Complétude (%)")]
    assert score[1] is not None and float(score[1]) == int(score[0])  # a number, not text
    authors = dave[header.index("Authors" if name == "comma" else "Auteurs")]
    assert "Hélène <b>Dupont</b>" in authors[0] and "HYPERLINK" in authors[0] and authors[1] is None


def test_libreoffice_opens_the_xlsx_and_computes_the_total(libreoffice, reviewed):
    rows = _cells((libreoffice / "book.html").read_text(encoding="utf-8"))
    header = [text for text, _v in rows[0]]
    total = header.index("Total (/100)")
    measures = [i for i, h in enumerate(header) if h.endswith(("(/10)", "(/3)", "(/4)", "(/5)")) and "(" in h
                and not h.startswith(("Sections qui", "Sections meeting"))]
    sound = next(r for r in rows[1:] if r[0][0] == "alice/proposal.docx")
    assert float(sound[total][1]) == 40  # the measures' points summed by the formula, criteria still blank
    assert sum(float(sound[i][1]) for i in measures) == 40


def test_the_xlsx_has_validation_on_the_grades(reviewed):
    import zipfile

    data = xlsx_bytes(_report(reviewed))
    sheet = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml").decode("utf-8")
    assert sheet.count("<dataValidation ") == len(load_rubric().measures) + len(load_rubric().criteria)
    assert '"0,5,10,15"' in sheet and "SUM(" in sheet and "<autoFilter" in sheet


def test_the_html_report_is_self_contained_and_escapes_student_text(reviewed):
    html = html_text(_report(reviewed))
    assert html.startswith("<!DOCTYPE html>") and html.count("<svg") == 1
    assert "Hélène &lt;b&gt;Dupont&lt;/b&gt;" in html and "<b>Dupont" not in html
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:|//|file:)""", html)
    assert "<link" not in html and "@import" not in html
    assert html.count('<h2 id="s') == len(reviewed)
    assert "zip" in html.split('id="s2"')[1].split("<h2")[0]  # the broken file's section says why
    svg = html.split("<svg", 1)[1].split("</svg>", 1)[0]
    assert svg.count("</text>") >= 10 + 3  # ten sections and the legend
    french = html_text(_report(reviewed, "fr"))
    assert '<html lang="fr">' in french and "Évaluation des risques" in french
