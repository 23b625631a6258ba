import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from editor import __version__, i18n
from editor.cli import main

REF = Path(__file__).resolve().parent / "reference" / "core"


@pytest.fixture(autouse=True)
def english_by_default(monkeypatch):
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LANGUAGE", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    yield
    i18n.set_language("en")


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_new_writes_a_skeleton_the_check_counts_as_empty(tmp_path, capsys):
    target = tmp_path / "p.md"
    code, _, err = run(capsys, "new", "--lang", "fr", "-o", str(target))
    assert code == 0 and "Écrit" in err
    text = target.read_text(encoding="utf-8")
    assert "## 1. Titre du projet" in text and "## 10. Conclusion" in text
    assert "<!-- Listez 3-5 objectifs" in text
    code, out, _ = run(capsys, "check", "--json", str(target))
    assert code == 1
    [report] = json.loads(out)
    empty = {f["section"] for f in report["findings"] if f["rule"] == "section-empty"}
    assert len(empty) == 10
    code, _, err = run(capsys, "new", "-o", str(target))
    assert code == 2 and "--force" in err and len(err.strip().splitlines()) == 1


def test_check_reports_in_text_and_json(capsys):
    sound, weak = str(REF / "sound_en.md"), str(REF / "weak_fr.md")
    code, out, _ = run(capsys, "check", sound)
    assert code == 0 and "meets the guide" in out
    code, out, _ = run(capsys, "check", "--lang", "fr", weak)
    assert code == 1 and "Le résumé compte" in out and "[summary-length]" in out
    # One heading per section, in the guide's order, its findings indented under it.
    headings = [line.strip() for line in out.splitlines() if line.startswith("  ") and not line.startswith("    ")]
    numbers = [int(h.split(".")[0]) for h in headings]
    assert numbers == sorted(set(numbers)) and len(numbers) >= 3
    assert all(line.startswith(("    erreur ", "    avertissement ")) for line in out.splitlines()[1:]
               if line.startswith("    "))
    code, out, _ = run(capsys, "check", "--json", sound, weak)
    reports = json.loads(out)
    assert [r["ok"] for r in reports] == [True, False]
    assert {"rule", "severity", "section", "message"} <= set(reports[1]["findings"][0]) <= {
        "rule", "severity", "section", "message", "location"}


def test_unusable_input_exits_2_with_one_line(tmp_path, capsys):
    bad = tmp_path / "bad.md"
    bad.write_bytes(b"\x00\x01\x02")
    code, out, err = run(capsys, "check", "--json", str(REF / "sound_en.md"), str(bad))
    assert code == 2
    assert len(err.strip().splitlines()) == 1 and "NUL" in err and "Traceback" not in err
    assert json.loads(out)[1]["ok"] is False
    for args in (("export", str(bad), "--to", "md"), ("export", "missing.md", "--to", "md"), ("check",), ("frobnicate", "x.md")):
        code, _, err = run(capsys, *args)
        assert code == 2 and len(err.strip().splitlines()) == 1, args


def test_export_markdown_is_lossless_and_byte_identical(tmp_path, capsys):
    first, second = tmp_path / "a.md", tmp_path / "b.md"
    assert run(capsys, "export", str(REF / "handwritten_fr.md"), "--to", "md", "-o", str(first))[0] == 0
    assert first.read_text(encoding="utf-8") == (REF / "handwritten_fr.expected.md").read_text(encoding="utf-8")
    assert run(capsys, "export", str(first), "--to", "md", "-o", str(second))[0] == 0
    assert first.read_bytes() == second.read_bytes()


def test_markdown_export_to_another_folder_takes_the_diagram_along(tmp_path, capsys):
    from editor.paths import resources_dir

    src, out = tmp_path / "src", tmp_path / "out"
    src.mkdir()
    out.mkdir()
    from editor.core.example import example_proposal
    from editor.core.formats.markdown import write_markdown
    from editor.core.model import Diagram

    proposal = example_proposal("en")
    proposal.diagram = Diagram(path="architecture.svg", caption="Drawn elsewhere")  # attached beside the builder's
    (src / "p.md").write_text(write_markdown(proposal), encoding="utf-8")
    shutil.copy(resources_dir() / "examples" / "architecture.svg", src / "architecture.svg")
    code, _, err = run(capsys, "export", str(src / "p.md"), "--to", "md", "-o", str(out / "p.md"))
    assert code == 0 and "warning" not in err
    assert "](architecture.svg)" in (out / "p.md").read_text(encoding="utf-8")
    assert (out / "architecture.svg").read_bytes() == (src / "architecture.svg").read_bytes()


def test_export_never_leaves_a_partial_file(tmp_path, capsys):
    out = tmp_path / "out.md"
    out.write_text("precious", encoding="utf-8")
    code, _, err = run(capsys, "export", str(REF / "sound_en.md"), "--to", "md", "-o", str(tmp_path / "no" / "out.md"))
    assert code == 2 and len(err.strip().splitlines()) == 1
    code, _, _ = run(capsys, "export", str(out), "--to", "md", "-o", str(out))
    assert code == 2 and out.read_text(encoding="utf-8") == "precious"
    assert sorted(f.name for f in tmp_path.iterdir()) == ["out.md"]


def test_export_docx_and_check_it(tmp_path, capsys):
    docx = tmp_path / "p.docx"
    code, _, _ = run(capsys, "export", str(REF / "sound_en.md"), "--to", "docx", "-o", str(docx))
    assert code == 0 and docx.stat().st_size > 10_000
    code, out, _ = run(capsys, "check", str(docx))
    assert code == 0 and "meets the guide" in out


def test_help_and_errors_follow_the_language(capsys):
    with pytest.raises(SystemExit):
        main(["--help", "--lang", "fr"])
    out = capsys.readouterr().out
    assert out.startswith("utilisation : proposal-editor")
    assert "afficher ce message d'aide et quitter" in out
    code, _, err = run(capsys, "--lang", "fr", "export", "x.md")
    assert code == 2 and "les arguments suivants sont obligatoires" in err
    with pytest.raises(SystemExit):
        main(["check", "--help"])
    assert "one object per file" in capsys.readouterr().out


def test_the_installed_command_runs(tmp_path):
    exe = Path(sys.executable).with_name("proposal-editor")
    assert exe.exists(), "pip install -e . installs the proposal-editor entry point"
    version = subprocess.run([str(exe), "--version"], capture_output=True, text=True, timeout=60)
    assert version.returncode == 0 and version.stdout.strip() == f"proposal-editor {__version__}"


def test_markdown_export_writes_charts_only_when_asked(tmp_path, capsys):
    from PySide6.QtGui import QImage

    out = tmp_path / "p.md"
    assert run(capsys, "export", str(REF / "sound_en.md"), "--to", "md", "-o", str(out))[0] == 0
    assert sorted(f.name for f in tmp_path.iterdir()) == ["p.md"]  # never silently
    assert run(capsys, "export", str(REF / "sound_en.md"), "--to", "md", "-o", str(out), "--with-charts")[0] == 0
    assert sorted(f.name for f in tmp_path.iterdir()) == ["p-kpi-chart.png", "p-risk-matrix.png", "p.md"]
    for name in ("p-kpi-chart.png", "p-risk-matrix.png"):
        image = QImage(str(tmp_path / name))
        assert image.width() >= 1600


def test_the_command_runs_without_openssl_and_hashes_all_the_same(tmp_path):
    # editor.cli keeps pydantic from loading libcrypto (3.4 MiB of the GUI's memory); the hashes
    # the app takes come from CPython's own implementations, with the same digests.
    code = (
        "import editor.cli\n"  # first, as the console script does
        "import sys, hashlib\n"
        "from editor.core.formats.docx import read_docx, write_docx\n"
        "from editor.core.example import example_proposal\n"
        "write_docx(example_proposal('fr'), sys.argv[1])\n"
        "assert read_docx(sys.argv[1]).proposal.sections == example_proposal('fr').sections\n"
        "maps = open('/proc/self/maps').read() if sys.platform.startswith('linux') else ''\n"
        "assert 'libcrypto' not in maps, 'OpenSSL loaded'\n"
        "print(hashlib.sha256(b'abc').hexdigest(), hashlib.sha1(b'abc').hexdigest())\n"
    )
    out = subprocess.run([sys.executable, "-c", code, str(tmp_path / "p.docx")], capture_output=True, text=True,
                         timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == [
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
        "a9993e364706816aba3e25717850c26c9cd0d89d",
    ]
    assert (tmp_path / "p.docx").stat().st_size > 10_000


# What only OpenSSL's hashing offers: with ``_hashlib`` absent these raise or are missing.
_OPENSSL_ONLY = re.compile(r"pbkdf2_hmac|hashlib\.scrypt|\b_hashlib\b|hashlib\.new\(")


def test_nothing_the_app_loads_needs_openssl_hashing():
    # Every module of the app and of what it loads at run time (the GUI with its charts, the DOCX,
    # PDF, HTML and XLSX writers, the review): none calls a hashing API only OpenSSL provides.
    code = (
        "import editor.cli, pkgutil, importlib, sys, json\n"
        "import editor\n"
        "for m in pkgutil.walk_packages(editor.__path__, 'editor.'):\n"
        "    if not m.name.endswith('__main__'):\n        importlib.import_module(m.name)\n"
        "import docx, pyqtgraph, xlsxwriter, markdown_it, yaml, babel.dates, platformdirs, PySide6.QtSvg\n"
        "print(json.dumps(sorted({getattr(m, '__file__', None) or '' for m in list(sys.modules.values())} - {''})))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300,
                         env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    assert out.returncode == 0, out.stderr[-2000:]
    files = [Path(f) for f in json.loads(out.stdout.splitlines()[-1]) if f.endswith(".py") and Path(f).is_file()]
    assert len(files) > 300 and any(f.name == "xlsxwriter" or "xlsxwriter" in f.parts for f in files)
    # hashlib and hmac themselves fall back to the built-in hashes; editor/cli.py is where the choice is made.
    allowed = {"hashlib.py", "hmac.py", "cli.py", "ssl.py"}
    found = []
    for f in files:
        if f.name in allowed and (f.name != "cli.py" or f.parent.name == "editor"):
            continue
        text = f.read_text(encoding="utf-8", errors="replace")
        found += [f"{f}: {m.group()}" for m in _OPENSSL_ONLY.finditer(text)]
    assert found == []


def test_without_builtin_hashes_openssl_stays(tmp_path):
    # A Python built without its own SHA-1 (FIPS builds) keeps OpenSSL's: hashing still works.
    code = (
        "import importlib.util, sys\n"
        "find = importlib.util.find_spec\n"
        "importlib.util.find_spec = lambda name, *a: None if name == '_sha1' else find(name, *a)\n"
        "import editor.cli\n"
        "importlib.util.find_spec = find\n"
        "assert sys.modules.get('_hashlib', 1) is not None, '_hashlib was blocked'\n"
        "import hashlib\n"
        "print(hashlib.sha256(b'abc').hexdigest()[:8])\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ba7816bf"


def test_empty_files_folders_and_wrong_names_exit_2_with_one_line(tmp_path, capsys):
    empty = tmp_path / "empty.md"
    empty.write_bytes(b"")
    bom = tmp_path / "bom.md"
    bom.write_bytes(b"\xef\xbb\xbf\n  \n")
    folder = tmp_path / "submissions"
    folder.mkdir()
    for args, expected in (
        (("check", str(empty)), "The file is empty."),
        (("check", str(bom)), "The file is empty."),
        (("check", str(folder)), "is a folder"),
        (("new", "-o", str(tmp_path / "p.docx")), "name the file .md"),
    ):
        code, _, err = run(capsys, *args)
        assert code == 2 and len(err.strip().splitlines()) == 1 and expected in err, args
    assert not (tmp_path / "p.docx").exists()


def test_a_folder_in_the_way_of_a_chart_leaves_the_markdown_untouched(tmp_path, capsys):
    from editor.paths import resources_dir

    out = tmp_path / "out.md"
    out.write_text("ORIGINAL", encoding="utf-8")
    (tmp_path / "out-kpi-chart.png").mkdir()
    code, _, err = run(capsys, "export", str(resources_dir() / "examples" / "en.md"), "--to", "md",
                       "--with-charts", "-o", str(out))
    assert code == 2 and "out-kpi-chart.png" in err
    assert out.read_text(encoding="utf-8") == "ORIGINAL"
    assert not (tmp_path / "out-risk-matrix.png").exists()


def test_an_unexpected_failure_is_one_line_not_a_traceback(tmp_path, capsys, monkeypatch):
    import editor.cli as cli_module

    def broken(ns):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(cli_module, "cmd_check", broken)
    code, out, err = run(capsys, "check", "whatever.md")
    assert code == 2 and err.strip() == "proposal-editor: error: unexpected error: disk on fire"
    monkeypatch.setenv("PROPOSAL_EDITOR_DEBUG", "1")
    with pytest.raises(RuntimeError):
        main(["check", "whatever.md"])
