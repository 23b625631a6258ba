"""The hostile corpus: files built at test time to hang, exhaust or rob whoever opens them.

Each :class:`Case` writes one folder under ``docs/`` (the proposal and what it points to). Outside
every such folder lie ``secret/`` (a canary picture, as private pictures of the person who opens the
file would be) and a local web server counting connections (nothing may be fetched). The cases run
through the CLI (``check``, ``export`` to Markdown, DOCX, PDF) and the app's open path
(:mod:`tests.hostile.open_driver`): see :mod:`tests.hostile.runner`.

``refused``: True when every command must refuse the file (exit 2, one line naming it), False when
it must be read, None when either is right. ``slow``: commands known to exceed the bounds today,
with the reason (the test marks them ``xfail(strict=True)``, so a fix shows up).
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from tests.hostile import files as f

COMMANDS = ("check", "md", "docx", "open")
PDF_WRITER = "the PDF writer: QTextDocument lays 10 MB of text out as ~3,000 pages (app/pdf.py, no size bound)"


@dataclass(frozen=True)
class Case:
    name: str
    file: str
    build: Callable[["Corpus", Path], None]
    refused: bool | None = None
    pdf: bool = False  # also exported to PDF (cases about images, a few about size)
    slow: dict[str, str] = field(default_factory=dict)
    no_pictures: bool = False  # every image it names must be left out: no picture in any output

    def commands(self) -> tuple[str, ...]:
        # A file the reader refuses is refused the same way by every path: check and DOCX export say it.
        base = ("check", "docx") if self.refused else COMMANDS
        return base + (("pdf",) if self.pdf else ())


class Corpus:
    """The folder the cases are built in, its canary and its network trap."""

    def __init__(self, root: Path, port: int):
        self.root = root
        self.port = port
        self.secret = root / "secret"
        self.token = b"CANARY-" + secrets.token_hex(12).encode()
        self.canary = self.secret / "canary.png"
        self.pwned = root / "pwned"

    def build(self, cases: list[Case]) -> None:
        self.secret.mkdir(parents=True, exist_ok=True)
        self.canary.write_bytes(f.png(self.token))
        (self.secret / "canary.svg").write_bytes(f.svg_loading(str(self.canary)))
        (self.secret / "notes.txt").write_bytes(b"private notes " + self.token)
        for case in cases:
            folder = self.folder(case)
            folder.mkdir(parents=True, exist_ok=True)
            case.build(self, folder)

    def folder(self, case: Case) -> Path:
        return self.root / "docs" / case.name

    def url(self, name: str) -> str:
        return f"http://127.0.0.1:{self.port}/{name}"


def _md(text: str | bytes | Callable[["Corpus"], str | bytes], file: str = "p.md"):
    def build(corpus: Corpus, folder: Path) -> None:
        value = text(corpus) if callable(text) else text
        (folder / file).write_bytes(value.encode("utf-8") if isinstance(value, str) else value)
    return build


def _with(extra: Callable[["Corpus", Path], None], main) -> Callable[["Corpus", Path], None]:
    def build(corpus: Corpus, folder: Path) -> None:
        extra(corpus, folder)
        main(corpus, folder)
    return build


def _fifo(name: str):
    def build(_corpus: Corpus, folder: Path) -> None:
        os.mkfifo(folder / name)
    return build


def _link(name: str, target: Callable[["Corpus"], str]):
    def build(corpus: Corpus, folder: Path) -> None:
        (folder / name).symlink_to(target(corpus))
    return build


def _bytes(name: str, data: Callable[["Corpus"], bytes]):
    def build(corpus: Corpus, folder: Path) -> None:
        (folder / name).write_bytes(data(corpus))
    return build


def _image_case(name: str, ref: Callable[["Corpus"], str], diagram: bool, extra=None) -> Case:
    """A proposal whose diagram (or a picture of its summary) is ``ref``: never to be read."""
    def text(corpus: Corpus) -> str:
        path = ref(corpus)
        if diagram:
            return f.proposal_md(diagram=path)
        return f.proposal_md(summary=f"Before ![picture]({path}) after.")
    main = _md(text)
    return Case(name, "p.md", _with(extra, main) if extra else main, refused=False, pdf=True, no_pictures=True)


def _image_cases() -> list[Case]:
    cases = []
    for where, diagram in (("diagram", True), ("img", False)):
        cases += [
            _image_case(f"md-{where}-dev-zero", lambda c: "/dev/zero", diagram),
            _image_case(f"md-{where}-fifo", lambda c: "pipe.png", diagram, _fifo("pipe.png")),
            _image_case(f"md-{where}-link-dev-zero", lambda c: "zero.png", diagram, _link("zero.png", lambda c: "/dev/zero")),
            _image_case(f"md-{where}-link-passwd", lambda c: "leak.png", diagram, _link("leak.png", lambda c: "/etc/passwd")),
            _image_case(f"md-{where}-absolute", lambda c: str(c.canary), diagram),
            _image_case(f"md-{where}-traversal", lambda c: "../../secret/canary.png", diagram),
            _image_case(f"md-{where}-link-out", lambda c: "mine.png", diagram, _link("mine.png", lambda c: str(c.canary))),
            _image_case(f"md-{where}-svg-loads-secret", lambda c: "arch.svg", diagram,
                        _bytes("arch.svg", lambda c: f.svg_loading(str(c.canary)))),
            _image_case(f"md-{where}-not-an-image", lambda c: "notes.png", diagram,
                        _bytes("notes.png", lambda c: b"private notes " + c.token)),
            _image_case(f"md-{where}-huge", lambda c: "huge.png", diagram,
                        _bytes("huge.png", lambda c: f.png() + b"\0" * (21 * f.MB))),
            _image_case(f"md-{where}-file-url", lambda c: c.canary.as_uri(), diagram),
            _image_case(f"md-{where}-remote", lambda c: c.url("picture.png"), diagram),
            _image_case(f"md-{where}-unc-share", lambda c: "\\\\\\\\server\\\\share\\\\x.png", diagram),
            _image_case(f"md-{where}-folder", lambda c: "pictures", diagram, lambda c, d: (d / "pictures").mkdir()),
        ]
    cases.append(Case("md-img-many", "p.md", _with(
        lambda c, d: [(d / f"i{n}.png").write_bytes(f.png(b"%d" % n)) for n in range(250)],
        _md(f.proposal_md(summary=" ".join(f"![p](i{n % 250}.png)" for n in range(5000))))), refused=False))
    cases.append(Case("md-img-inside", "p.md", _with(
        lambda c, d: (d / "arch.png").write_bytes(f.png(b"inside")),
        _md(f.proposal_md(summary="![inside](arch.png)", diagram="arch.png"))), refused=False, pdf=True))
    return cases


_RISKS = "## 7. Risk Assessment and Mitigation Strategies\n\n| ID | Risk | Likelihood | Impact | Mitigation |\n|---|---|---|---|---|\n"
_TABLE = "## 2. Summary\n\n| A | B |\n|---|---|\n"


def _markdown_cases() -> list[Case]:
    big = 10 * f.MB
    return [
        Case("md-empty", "p.md", _md(b""), refused=True),
        Case("md-bom-only", "p.md", _md(b"\xef\xbb\xbf"), refused=True),
        Case("md-nul-bytes", "p.md", _md(b"## 2. Summary\n\nText\x00with NUL\n"), refused=True),
        Case("md-invalid-utf8", "p.md", _md("## 2. Résumé\n\nTexte « accentué ».\n".encode("latin-1")), refused=True),
        Case("md-utf16", "p.md", _md("## 2. Summary\n\nText\n".encode("utf-16")), refused=True),
        Case("md-truncated", "p.md", _md(f.proposal_md(summary="Été " * 50).encode()[:-3] + "é".encode()[:1]),
             refused=True),
        Case("md-crlf-mixed", "p.md", _md(f.proposal_md(summary="one\r\ntwo\rthree\n").replace("\n", "\r\n")), refused=False),
        Case("md-bom-crlf", "p.md", _md(b"\xef\xbb\xbf" + f.proposal_md().replace("\n", "\r\n").encode()), refused=False),
        Case("md-docx-renamed", "p.md", _md(lambda c: f.real_docx()), refused=True),
        Case("md-fifo", "p.md", _fifo("p.md"), refused=True),
        Case("md-dev-zero", "p.md", _link("p.md", lambda c: "/dev/zero"), refused=True),
        Case("md-too-large", "p.md", _md(f.repeat("## 2. Summary\n\n", "word ", 21 * f.MB)), refused=True),
        Case("md-too-many-lines", "p.md", _md(f.repeat("## 2. Summary\n\n", "a\n", 410_000)), refused=True),
        Case("md-too-many-headings", "p.md", _md(f.repeat("", "## Summary\n", 400_000)), refused=True),
        Case("md-too-many-objectives", "p.md", _md(f.repeat("## 4. Objectives\n\n", "1. obj\n", 400_000)), refused=True),
        Case("md-too-wide-risks", "p.md", _md(f.repeat(_RISKS + "| R1 ", "| x ", 2 * f.MB)), refused=True),
        Case("md-yaml-python-tag", "p.md", _md(lambda c: (
            f"---\ntitle: !!python/object/apply:os.system ['touch {c.pwned}']\n---\n\n## 2. Summary\n\nx\n")), refused=True),
        Case("md-yaml-alias-bomb", "p.md", _md("---\n" + "".join(
            f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9) if i else 'lol'}]\n" for i in range(10)) + "---\n# T\n"),
            refused=True),
        Case("md-yaml-deep", "p.md", _md("---\ntitle: " + "[" * 20000 + "]" * 20000 + "\n---\n# T\n"), refused=True),
        Case("md-line-10mb-words", "p.md", _md(f.repeat("## 2. Summary\n\n", "word ", big)), refused=False, pdf=True,
             slow={"pdf": PDF_WRITER}),
        Case("md-line-10mb-emphasis", "p.md", _md(f.repeat("## 2. Summary\n\n", "*a_", big)), refused=False),
        Case("md-line-10mb-strong", "p.md", _md(f.repeat("## 2. Summary\n\n", "**a__", big)), refused=False),
        Case("md-line-10mb-brackets", "p.md", _md(f.repeat("## 2. Summary\n\n", "[", big)), refused=False),
        Case("md-line-10mb-image-starts", "p.md", _md(f.repeat("## 5. MLOps Technical Architecture\n\n", "![", big)),
             refused=False),
        Case("md-line-10mb-image-targets", "p.md", _md(f.repeat("## 2. Summary\n\n", "![a](", big)), refused=False),
        Case("md-line-10mb-link-targets", "p.md", _md(f.repeat("## 2. Summary\n\n", "[a](", big)), refused=False),
        Case("md-line-10mb-backslashes", "p.md", _md(f.repeat("## 2. Summary\n\n", "\\", big)), refused=False),
        Case("md-line-10mb-comments", "p.md", _md(f.repeat("## 2. Summary\n\n", "<!--", big)), refused=False),
        Case("md-line-10mb-backticks", "p.md", _md(f.repeat("## 2. Summary\n\n", "`", big)), refused=False),
        Case("md-line-10mb-entities", "p.md", _md(f.repeat("## 2. Summary\n\n", "&amp;", big)), refused=False),
        Case("md-table-199k-rows", "p.md", _md(f.repeat(_TABLE, "| x | y |\n", 199_000 * 10)), refused=False),
        Case("md-paragraphs-20k", "p.md", _md(f.repeat("## 2. Summary\n\n", "w\n\n", 20_000 * 3)), refused=False),
        Case("md-lines-199k-html", "p.md", _md(f.repeat("## 2. Summary\n\n", "<a<\n", 199_000 * 4)), refused=False),
        Case("md-risks-1000", "p.md", _md(f.repeat(_RISKS, "| R | risk | 3 | 4 | plan |\n", 1000 * 26)), refused=False,
             pdf=True),
        Case("md-deep-quotes", "p.md", _md("## 2. Summary\n\n" + "> " * 20000 + "deep\n"), refused=False),
        Case("md-deep-lists", "p.md", _md("## 2. Summary\n\n" + "".join("  " * i + "- x\n" for i in range(3000))),
             refused=False),
        Case("md-html-20000", "p.md", _md("## 2. Summary\n\n" + "<div>" * 20000 + "\n"), refused=False),
        Case("md-unclosed-fence", "p.md", _md("## 2. Summary\n\n```\n" + "## 3. Context\n" * 5000), refused=False),
        Case("md-bidi-controls", "p.md", _md("# T\u202e\n\n## 2. Summary\n\n\u2028\u2029\x0b\x0c\ufeff\x1b[31m\n"),
             refused=False, pdf=True),
    ]


def _docx(make: Callable[["Corpus"], bytes], file: str = "p.docx"):
    return _bytes(file, make)


def _stored_outside(corpus: Corpus) -> bytes:
    """A DOCX the app wrote, whose stored proposal points out: the diagram and pictures of the text."""
    from editor.core.formats.docx import build_docx
    from editor.core.model import Diagram, Proposal

    proposal = Proposal.new("en")
    proposal.sections["summary"] = (f"![a]({corpus.canary}) ![b](../../secret/canary.png) "
                                    f"![c]({corpus.url('stored.png')})")
    proposal.diagram = Diagram(path=str(corpus.canary), caption="Diagram")
    return build_docx(proposal)[0]


def _visible_outside(corpus: Corpus) -> bytes:
    """A DOCX written by hand whose visible text reads as Markdown pictures pointing out."""
    text = f"![a]({corpus.canary}) and ![b](../../secret/canary.png)".encode()
    return f.docx_body(b"<w:p><w:r><w:t>Summary</w:t></w:r></w:p><w:p><w:r><w:t>" + text + b"</w:t></w:r></w:p>")


def _docx_cases() -> list[Case]:
    run = b"<w:r><w:t>x</w:t></w:r>"
    fld = b'<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
    return [
        Case("docx-empty", "p.docx", _docx(lambda c: b""), refused=True),
        Case("docx-truncated", "p.docx", _docx(lambda c: f.real_docx()[: len(f.real_docx()) // 2]), refused=True),
        Case("docx-random", "p.docx", _docx(lambda c: os.urandom(65536)), refused=True),
        Case("docx-zip-of-text", "p.docx", _docx(lambda c: f.zip_bytes({"readme.txt": b"hello"})), refused=True),
        Case("docx-markdown-renamed", "p.docx", _docx(lambda c: f.proposal_md().encode()), refused=True),
        Case("docx-bomb-zeros", "p.docx", _docx(lambda c: f.zip_bytes(
            {"[Content_Types].xml": f.CONTENT_TYPES, "word/document.xml": f.body(b" " * (60 * f.MB))})), refused=True),
        Case("docx-bomb-lying-header", "p.docx", _docx(lambda c: f.lying_sizes(f.zip_bytes(
            {"[Content_Types].xml": f.CONTENT_TYPES, "word/document.xml": f.body(b" " * (60 * f.MB))}),
            "word/document.xml", 4096)), refused=True),
        Case("docx-bomb-bzip2", "p.docx", _docx(lambda c: f.bzip2_member("word/document.xml", b" " * f.MB)),
             refused=True),
        Case("docx-bomb-nested-zips", "p.docx", _docx(lambda c: f.docx_with(
            {"word/embeddings/42.zip": f.nested_zip()})), refused=False),
        Case("docx-bomb-media", "p.docx", _docx(lambda c: f.zip_bytes(
            {"[Content_Types].xml": f.CONTENT_TYPES, "word/document.xml": b"<x/>",
             **{f"word/media/image{i}.png": os.urandom(1000) + b"\0" * f.MB for i in range(220)}})), refused=True),
        Case("docx-6000-entries", "p.docx", _docx(lambda c: f.zip_bytes({f"word/f{i}.xml": b"" for i in range(6000)})),
             refused=True),
        Case("docx-50mb-paragraphs", "p.docx", _docx(lambda c: f.docx_body(f.paragraphs(1_200_000))), refused=True),
        Case("docx-9000-paragraphs", "p.docx", _docx(lambda c: f.docx_body(f.paragraphs(9000))), refused=False),
        Case("docx-run-of-5000-pieces", "p.docx", _docx(lambda c: f.docx_body(
            b"<w:p><w:r>" + b"<w:t>x</w:t><w:br/>" * 2500 + b"</w:r></w:p>")), refused=True),
        Case("docx-open-fields", "p.docx", _docx(lambda c: f.docx_body(fld * 5000 + b"<w:p>" + run + b"</w:p>" * 1)),
             refused=True),
        Case("docx-nested-20000", "p.docx", _docx(lambda c: f.docx_body(
            b"<w:sdt><w:sdtContent>" * 20000 + b"<w:p/>" + b"</w:sdtContent></w:sdt>" * 20000)), refused=True),
        Case("docx-billion-laughs", "p.docx", _docx(lambda c: f.docx_with({"word/document.xml": f.laughs()}))),
        Case("docx-external-entity", "p.docx", _docx(lambda c: f.docx_with({"word/document.xml": f.external_entity()}))),
        Case("docx-external-targets", "p.docx", _docx(lambda c: f.docx_with(f.external_relationships(c.port)))),
        Case("docx-600-lists", "p.docx", _docx(lambda c: f.docx_body(b"".join(
            b'<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="%d"/></w:numPr></w:pPr>' % i + run + b"</w:p>"
            for i in range(1, 601)))), refused=True),
        Case("docx-forged-spans", "p.docx", _docx(lambda c: f.docx_body(
            b'<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="400000000"/></w:tcPr><w:p>' + run
            + b"</w:p></w:tc></w:tr></w:tbl>")), refused=False),
        Case("docx-stored-images-outside", "p.docx", _docx(_stored_outside), refused=False, pdf=True, no_pictures=True),
        Case("docx-visible-images-outside", "p.docx", _docx(_visible_outside), refused=False, pdf=True,
             no_pictures=True),
    ]


def cases() -> list[Case]:
    """Every case, by name (the list is fixed; the files are made by :meth:`Corpus.build`)."""
    return _markdown_cases() + _image_cases() + _docx_cases()
