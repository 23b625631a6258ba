"""proposal-editor review: one command on a class folder writes the report and the feedback
copies; every file is one row, a bad one never stops the others; unusable arguments exit 2."""

from __future__ import annotations

import csv
import io

import pytest

from editor import i18n
from editor.cli import main
from tests.core.review.conftest import build_class


@pytest.fixture(autouse=True)
def english_by_default(monkeypatch):
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    for var in ("LC_ALL", "LANGUAGE", "LC_MESSAGES"):
        monkeypatch.delenv(var, raising=False)
    yield
    i18n.set_language("en")


@pytest.fixture(scope="module")
def class_folder(tmp_path_factory):
    return build_class(tmp_path_factory.mktemp("cli-review"))


def run(capsys, *args):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def test_one_command_writes_every_report_and_the_feedback(class_folder, tmp_path, capsys):
    csv_path, html, xlsx, fb = tmp_path / "r.csv", tmp_path / "r.html", tmp_path / "r.xlsx", tmp_path / "fb"
    code, out, err = run(capsys, "review", class_folder, "-o", csv_path, "-o", html, "-o", xlsx, "--feedback", fb,
                         "--author", "Ada Lovelace")
    assert code == 0 and out == ""
    assert "Reviewing 8/8" in err and f"Wrote {csv_path}" in err and "Wrote 4 feedback document(s)" in err
    assert "Traceback" not in err
    rows = list(csv.reader(io.StringIO(csv_path.read_bytes()[3:].decode("utf-8"))))
    assert [r[0] for r in rows[1:]] == ["alice/proposal.docx", "bob/proposal.docx", "broken.docx", "dave_en.docx",
                                        "dave_fr.docx", "empty.md", "erin.md", "notes.md"]
    assert html.read_text(encoding="utf-8").startswith("<!DOCTYPE html>") and xlsx.read_bytes()[:2] == b"PK"
    assert (fb / "bob" / "proposal.feedback.docx").is_file()


def test_without_output_a_summary_names_every_file_unreadable_ones_too(class_folder, capsys):
    code, out, err = run(capsys, "review", class_folder, "--jobs", "1")
    lines = out.splitlines()
    assert code == 0 and len(lines) == 9
    assert lines[2].startswith("broken.docx: Unreadable: ") and "zip" in lines[2]
    assert lines[0].startswith("alice/proposal.docx: 100 %, 10/10 sections meet the guide, 0 error(s)")
    assert lines[-1] == "8 submission(s): 5 reviewed, 1 empty, 2 unreadable"
    # Not a terminal: one progress line per tenth of the class, never "\r".
    assert "\r" not in err and err.count("Reviewing") == 8


def test_in_french_the_report_and_the_csv_speak_french(class_folder, tmp_path, capsys):
    target = tmp_path / "rapport.csv"
    code, out, err = run(capsys, "review", "--lang", "fr", class_folder, "-o", target)
    assert code == 0 and "Écrit" in err and "Examen 8/8" in err
    header = target.read_bytes()[3:].decode("utf-8").splitlines()[0]
    assert header.startswith("Fichier;Statut;Raison;Titre")
    code, _out, _err = run(capsys, "review", class_folder, "-o", target, "--separator", ",", "--lang", "fr")
    assert target.read_bytes()[3:].decode("utf-8").startswith("Fichier,Statut")


def test_explicit_files_are_rows_whatever_they_are(class_folder, capsys):
    code, out, _err = run(capsys, "review", class_folder / "readme.txt", class_folder / "erin.md",
                          class_folder / "broken.docx")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith(str(class_folder / "readme.txt")) and "is this the proposal?" in lines[0]
    assert len(lines) == 4 and "erin.md: 100 %" in lines[1] and "Unreadable" in lines[2]


@pytest.mark.parametrize("args", [
    ("review",),
    ("review", "{missing}"),
    ("review", "{empty_dir}"),
    ("review", "{folder}", "-o", "{tmp}/report.pdf"),
    ("review", "{folder}", "--rubric", "{bad_rubric}"),
    ("review", "{folder}", "-o", "{folder}/erin.md"),
    ("review", "{folder}", "--jobs", "-1"),
    ("review", "{folder}", "--timeout", "0"),
    ("review", "{folder}", "--separator", "|"),
])
def test_unusable_arguments_exit_2_with_one_line(class_folder, tmp_path, capsys, args):
    (tmp_path / "empty").mkdir()
    (tmp_path / "bad.yaml").write_text("title: x\nmeasures: [{id: nope, weight: 1}]\n", encoding="utf-8")
    values = {"missing": tmp_path / "nope", "empty_dir": tmp_path / "empty", "folder": class_folder, "tmp": tmp_path,
              "bad_rubric": tmp_path / "bad.yaml"}
    before = (class_folder / "erin.md").read_bytes()
    code, out, err = run(capsys, *(a.format(**values) for a in args))
    assert code == 2 and len(err.strip().splitlines()) == 1 and "Traceback" not in err, err
    assert (class_folder / "erin.md").read_bytes() == before


def test_review_help_is_translated(capsys):
    with pytest.raises(SystemExit):
        main(["review", "--help", "--lang", "fr"])
    out = capsys.readouterr().out
    assert out.startswith("utilisation : proposal-editor review") and "copie de chaque DOCX" in out
