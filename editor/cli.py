"""The ``proposal-editor`` command: the GUI, or ``new`` / ``export`` / ``check`` / ``review``.

Exit codes: 0 fine, 1 the check found errors, 2 unusable input or arguments
(one line on stderr, never a traceback). Output files are written atomically.
"""

from __future__ import annotations

import sys


def _skip_openssl_hashes() -> None:
    """Before anything imports pydantic: pydantic.types imports ``secrets``, whose
    ``hmac`` loads OpenSSL's libcrypto through ``_hashlib`` (3.4 MiB resident, for nothing:
    the app only hashes its own files, SHA-1 and SHA-256). Marked absent, hashlib uses
    CPython's built-in SHA-1/SHA-2/MD5/SHA-3/BLAKE2 instead; nothing here needs an
    OpenSSL-only algorithm. Only when those built-ins exist: some distributions build
    Python without them (FIPS policies), and hashlib would then have nothing to offer.
    tests/test_cli.py proves that nothing the app loads asks for an OpenSSL-only hash."""
    import importlib.util

    needed = ("_md5", "_sha1", "_sha3", "_blake2",
              *(("_sha2",) if sys.version_info >= (3, 12) else ("_sha256", "_sha512")))
    if "_hashlib" not in sys.modules and all(importlib.util.find_spec(name) for name in needed):
        sys.modules["_hashlib"] = None


_skip_openssl_hashes()

import argparse  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
from pathlib import Path  # noqa: E402

from editor import __version__  # noqa: E402
from editor import i18n  # noqa: E402
from editor.i18n import N_, _  # noqa: E402

PROG = "proposal-editor"
COMMANDS = ("new", "export", "check", "review")


class UsageError(Exception):
    """Bad arguments or unusable input: exit code 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line on stderr, exit 2
        raise UsageError(message)


# argparse's own messages, translated through our catalog (see below).
ARGPARSE_MESSAGES = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("the following arguments are required: %s"),
    N_("unrecognized arguments: %s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("expected one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
)


def _use_catalog_for_argparse() -> None:
    # argparse looks up its own messages through the module-level gettext
    # functions at call time; route them through our catalog.
    argparse._ = i18n._  # type: ignore[attr-defined]
    argparse.ngettext = i18n.ngettext  # type: ignore[attr-defined]


def _lang_choice(value: str) -> str:
    lang = i18n.normalize_language(value)
    if lang is None:
        raise argparse.ArgumentTypeError(_("unknown language {value!r} (use fr or en)").format(value=value))
    return lang


def _add_lang(parser: argparse.ArgumentParser, help_text: str) -> None:
    parser.add_argument("--lang", type=_lang_choice, metavar="fr|en", help=help_text)


def build_parser(command: str | None) -> argparse.ArgumentParser:
    """The parser for ``command`` (None: the GUI form ``proposal-editor [FILE]``)."""
    description = _("Write an MLOps project proposal that follows the course guide.")
    if command is None:
        p = _Parser(prog=PROG, description=description,
                    epilog=_("Commands: new, export, check, review (see '{prog} COMMAND --help').").format(prog=PROG))
        p.add_argument("file", nargs="?", metavar=_("FILE"), help=_("a proposal to open (.md or .docx)"))
        p.add_argument("--example", action="store_true", help=_("open the example proposal"))
        p.add_argument("--version", action="version", version=f"{PROG} {__version__}", help=_("show the version and exit"))
        _add_lang(p, _("language of the interface"))
        # Test-only (packaging smoke tests): start the GUI, report on stdout, quit after MS milliseconds.
        p.add_argument("--quit-after", type=int, metavar="MS", help=argparse.SUPPRESS)
        return p
    if command == "new":
        p = _Parser(prog=f"{PROG} new", description=_("Write a new proposal skeleton: the ten sections with the guide's prompts."))
        p.add_argument("-o", "--output", metavar=_("FILE"), help=_("where to write it (default: standard output)"))
        p.add_argument("--title", default="", help=_("the project title"))
        p.add_argument("--force", action="store_true", help=_("replace the output file if it exists"))
        _add_lang(p, _("language of the proposal and of the messages"))
        return p
    if command == "export":
        p = _Parser(prog=f"{PROG} export", description=_("Convert a proposal to Markdown, DOCX or PDF."))
        p.add_argument("file", metavar=_("FILE"), help=_("the proposal (.md or .docx)"))
        p.add_argument("--to", required=True, choices=("md", "docx", "pdf"), help=_("the output format"))
        p.add_argument("-o", "--output", metavar=_("OUT"), help=_("the output file (default: FILE with the new extension)"))
        p.add_argument("--with-charts", action="store_true", help=_("with --to md: also write the risk matrix and KPI chart as PNG next to the output"))
        p.add_argument("--allow-outside-images", action="store_true",
                       help=_("also use images from outside the proposal's folder (by default they are left out)"))
        _add_lang(p, _("language of the exported headings (default: the document's language)"))
        return p
    if command == "review":
        from editor.review_cli import add_arguments

        p = _Parser(prog=f"{PROG} review", description=_("Review a class: one report row per submission, a rubric "
                                                           "to grade, feedback written into each DOCX."))
        add_arguments(p)
        _add_lang(p, _("language of the report and of the messages"))
        return p
    p = _Parser(prog=f"{PROG} check", description=_("Check proposals against the guide's rules."))
    p.add_argument("files", nargs="+", metavar=_("FILE"), help=_("proposals to check (.md or .docx)"))
    p.add_argument("--json", action="store_true", help=_("print a JSON array, one object per file"))
    _add_lang(p, _("language of the messages"))
    return p


def _early_language(argv: list[str]) -> str:
    for i, arg in enumerate(argv):
        value = arg.split("=", 1)[1] if arg.startswith("--lang=") else (argv[i + 1] if arg == "--lang" and i + 1 < len(argv) else None)
        if value and i18n.normalize_language(value):
            return i18n.normalize_language(value)
    return i18n.system_language()


def _split_command(args: list[str]) -> tuple[str | None, list[str]]:
    """Find the command even after global options (``--lang fr check FILE``)."""
    i = 0
    while i < len(args) and args[i].startswith("-"):
        i += 2 if args[i] == "--lang" else 1
    if i < len(args) and args[i] in COMMANDS:
        return args[i], args[:i] + args[i + 1 :]
    return None, args


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    i18n.set_language(_early_language(args))
    _use_catalog_for_argparse()
    command, rest = _split_command(args)
    try:
        ns = build_parser(command).parse_args(rest)
        if command == "new":
            return cmd_new(ns)
        if command == "export":
            return cmd_export(ns)
        if command == "check":
            return cmd_check(ns)
        if command == "review":
            from editor.review_cli import cmd_review

            return cmd_review(ns, _fail)
        return cmd_gui(ns, args)
    except UsageError as exc:
        print(f"{PROG}: {_('error')}: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `proposal-editor check ... | head`: the reader left; say nothing more.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141
    except Exception as exc:  # noqa: BLE001 - one line and exit 2, never a traceback (PROPOSAL_EDITOR_DEBUG shows it)
        if os.environ.get("PROPOSAL_EDITOR_DEBUG"):
            raise
        message = _("unexpected error: {error}").format(error=" ".join(str(exc).split()) or type(exc).__name__)
        print(f"{PROG}: {_('error')}: {message}", file=sys.stderr)
        return 2


def _fail(message: str) -> UsageError:
    return UsageError(" ".join(str(message).split()))


def _open(path: str, default_language: str):
    from editor.core.formats import FormatError
    from editor.core.io import open_proposal

    try:
        return open_proposal(path, default_language)
    except FormatError as exc:
        raise _fail(str(exc)) from exc


def _write(path: Path, data: bytes) -> None:
    from editor.core.storage import StorageError, atomic_write_bytes

    try:
        atomic_write_bytes(path, data)
    except StorageError as exc:
        raise _fail(str(exc)) from exc


def skeleton(language: str, title: str = ""):
    """A new proposal whose sections hold the guide's prompts as invisible comments."""
    from editor.core.guide import load_guide
    from editor.core.model import Proposal

    p = Proposal.new(language)
    p.metadata.title = title
    guide = load_guide(language)
    p.sections = {s.id: f"<!-- {s.placeholder.replace('--', '- -')} -->" for s in guide.sections}
    return p


def cmd_new(ns) -> int:
    from editor.core.formats.markdown import write_markdown

    lang = ns.lang or i18n.current_language()
    text = write_markdown(skeleton(lang, ns.title))
    if not ns.output:
        sys.stdout.write(text)
        return 0
    out = Path(ns.output)
    if out.suffix.lower() not in (".md", ".markdown"):
        raise _fail(_("{path}: 'new' writes Markdown; name the file .md (then 'export' makes the DOCX).").format(
            path=out))
    if out.exists() and not ns.force:
        raise _fail(_("{path} exists; use --force to replace it.").format(path=out))
    _write(out, text.encode("utf-8"))
    print(_("Wrote {path}").format(path=out), file=sys.stderr)
    return 0


def chart_images(proposal, language: str) -> dict[str, bytes]:
    """The risk matrix and KPI chart as PNG, drawn offscreen; empty when Qt is unavailable."""
    if not (proposal.risks or proposal.kpis):
        return {}
    try:
        from editor.app import chart_render  # QtGui only: no pyqtgraph, numpy or widgets
    except ImportError:
        return {}
    return chart_render.export_images(proposal, language, diagram=False)


def cmd_export(ns) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if ns.to != "docx":
        return _cmd_export(ns, None)
    from editor.app.chart_worker import ChartWorker

    # A DOCX export paints its charts in a worker process that starts loading Qt now, while this one reads.
    with ChartWorker() as worker:
        return _cmd_export(ns, worker)


def _cmd_export(ns, worker) -> int:
    src = Path(ns.file)
    result = _open(ns.file, ns.lang or i18n.current_language())
    proposal = result.proposal
    for warning in result.warnings:
        print(f"{PROG}: {_('warning')}: {warning}", file=sys.stderr)
    if ns.lang:
        proposal.metadata.language = ns.lang
    lang = proposal.metadata.language
    suffix = {"md": ".md", "docx": ".docx", "pdf": ".pdf"}[ns.to]
    out = Path(ns.output) if ns.output else src.with_suffix(suffix)
    if out.resolve() == src.resolve():
        raise _fail(_("The output would replace the input {path}; choose another file with -o.").format(path=out))
    from editor.core.images import ImagePolicy
    from editor.core.io import portable_diagram

    # Images outside the proposal's folder are data of whoever wrote the file: used only when asked.
    policy = ImagePolicy([src.resolve().parent], allow_outside=ns.allow_outside_images,
                         hint=_("--allow-outside-images uses it"))
    notes: list[str] = []
    if ns.to == "md" and proposal.media:
        from editor.core.media import write_media

        proposal, notes = write_media(proposal, out)  # pictures taken out of a DOCX, next to the output
    # The diagram as the output's folder sees it (copied next to a Markdown output when elsewhere).
    proposal, more = portable_diagram(proposal, out, src.resolve().parent, policy)
    notes += more
    for note in notes:
        print(f"{PROG}: {_('warning')}: {note}", file=sys.stderr)
    base_dir = src.resolve().parent  # pictures of the text are relative to the proposal, wherever the output goes
    if ns.to == "md":
        from editor.core.formats.markdown import write_markdown

        files = {out: write_markdown(proposal).encode("utf-8")}
        if ns.with_charts:
            files.update({out.with_name(f"{out.stem}-{name.replace('_', '-')}.png"): data
                          for name, data in chart_images(proposal, lang).items()})
        for path in files:  # a folder in the way of one of them: nothing is written
            if path.is_dir():
                raise _fail(_("{path}: is a folder").format(path=path))
        for path, data in files.items():
            _write(path, data)
    elif ns.to == "docx":
        warnings = _export_docx(proposal, out, lang, base_dir, worker, policy)
        for warning in dict.fromkeys(warnings):  # an image used twice is named once
            print(f"{PROG}: {_('warning')}: {warning}", file=sys.stderr)
    else:
        _export_pdf(proposal, out, lang, base_dir, policy)
        for message in policy.messages():
            print(f"{PROG}: {_('warning')}: {message}", file=sys.stderr)
    print(_("Wrote {path}").format(path=out), file=sys.stderr)
    return 0


def _export_docx(proposal, out: Path, lang: str, base_dir: Path, worker=None, policy=None) -> list[str]:
    from editor.app.chart_worker import ChartImages
    from editor.core.storage import StorageError

    # Painted by the worker process where there is one (asked first: the worker's painting is the
    # export's longest part), else here when the writer needs them.
    extra = {}
    if proposal.diagram.path.lower().endswith(".svg"):
        from editor.app.export_images import diagram_png

        png = diagram_png(proposal, base_dir, image_policy=policy)
        if png is not None:
            extra["architecture"] = png
    with ChartImages(proposal, lang, worker=worker, extra=extra) as images:
        try:
            from editor.core.formats.docx import write_docx
        except ImportError as exc:
            raise _fail(_("DOCX export is not available: {error}").format(error=exc)) from exc
        try:
            return write_docx(proposal, out, images=images, base_dir=base_dir, image_policy=policy,
                              keep=_LEFT_FOR_EXIT if _exits_without_teardown else None) or []
        except StorageError as exc:
            raise _fail(str(exc)) from exc


def _export_pdf(proposal, out: Path, lang: str, base_dir: Path, policy=None) -> None:
    from editor.core.storage import StorageError

    try:
        from editor.app.pdf import export_pdf
    except ImportError as exc:
        raise _fail(_("PDF export is not available: {error}").format(error=exc)) from exc
    try:
        from editor.app.export_images import document_images

        export_pdf(proposal, out, lang, images=document_images(proposal, lang, base_dir, policy), base_dir=base_dir,
                   image_policy=policy)
    except StorageError as exc:
        raise _fail(str(exc)) from exc


def cmd_check(ns) -> int:
    from editor.core.checks import ERROR, check

    lang = ns.lang or i18n.current_language()
    reports, worst = [], 0
    for name in ns.files:
        try:
            result = _open(name, lang)
        except UsageError as exc:
            print(f"{PROG}: {_('error')}: {exc}", file=sys.stderr)
            reports.append({"file": name, "ok": False, "error": str(exc), "findings": []})
            worst = 2
            continue
        findings = check(result.proposal, lang)
        ok = not any(f.severity == ERROR for f in findings)
        if not ok:
            worst = max(worst, 1)
        # "degraded": the file held edits the proposal could not take (import-dropped findings).
        reports.append({"file": name, "ok": ok, "degraded": bool(result.proposal.import_notes),
                        "findings": [f.as_dict() for f in findings]})
        if not ns.json:
            _print_report(name, findings)
    if ns.json:
        print(json.dumps(reports, ensure_ascii=False, indent=2))
    return worst


def _print_report(name: str, findings) -> None:
    from editor.core.guide import section_title

    n_err = sum(f.severity == "error" for f in findings)
    n_warn = len(findings) - n_err
    if not findings:
        print(_("{file}: meets the guide").format(file=name))
        return
    errors = _("no errors") if n_err == 0 else i18n.ngettext("{count} error", "{count} errors", n_err).format(count=n_err)
    warnings = _("no warnings") if n_warn == 0 else i18n.ngettext(
        "{count} warning", "{count} warnings", n_warn).format(count=n_warn)
    print(_("{file}: {errors}, {warnings}").format(file=name, errors=errors, warnings=warnings))
    lang = i18n.current_language()
    labels = {"error": _("error"), "warning": _("warning")}
    width = max(len(label) for label in labels.values())
    section = None
    for f in findings:  # in the guide's order: one heading per section, its findings under it
        if f.section != section:
            section = f.section
            print(f"  {section_title(section, lang)}")
        print(f"    {labels.get(f.severity, f.severity):<{width}}  {f.message} [{f.rule}]")


def cmd_gui(ns, argv: list[str]) -> int:
    try:
        from editor.app.main import run
    except ImportError as exc:
        raise _fail(_("The desktop app cannot start: {error}").format(error=exc)) from exc
    if ns.quit_after is not None:
        argv = _without_option(argv, "--quit-after")  # else the GUI's parser takes MS for a FILE
        _schedule_quit(ns.quit_after, argv)
    return run([PROG, *argv])


def _without_option(argv: list[str], option: str) -> list[str]:
    out, skip = [], False
    for arg in argv:
        if skip:
            skip = False
        elif arg == option:
            skip = True
        elif not arg.startswith(option + "="):
            out.append(arg)
    return out


def _schedule_quit(ms: int, argv: list[str]) -> None:
    """Smoke test: once the event loop has run ``ms`` ms, print the window's title and menus, then exit 0."""
    import os

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QMainWindow

    from editor.app.main import ensure_application

    app = ensure_application([PROG, *argv])  # run() reuses this instance

    def report_and_quit() -> None:
        windows = [w for w in app.topLevelWidgets() if isinstance(w, QMainWindow) and w.isVisible()]
        for w in windows:
            menus = ", ".join(a.text().replace("&", "") for a in w.menuBar().actions())
            print(f"{PROG}: window {w.windowTitle()!r} language {i18n.current_language()} menus: {menus}", flush=True)
        if windows:
            app.exit(0)
            return
        # A modal box (e.g. an error) runs its own loop before the main one starts: leave hard.
        shown = [w.windowTitle() or type(w).__name__ for w in app.topLevelWidgets() if w.isVisible()]
        print(f"{PROG}: no main window after {ms} ms; visible: {shown}", file=sys.stderr, flush=True)
        os._exit(3)

    QTimer.singleShot(max(0, ms), app, report_and_quit)


# Set by run(): a one-shot command then ends in os._exit, so what it built need not be freed;
# an export leaves its document in _LEFT_FOR_EXIT rather than freeing it before writing the file.
_exits_without_teardown = False
_LEFT_FOR_EXIT: list = []


def run() -> None:
    """:func:`main`, then exit; after a one-shot command (new, export, check) without teardown.

    Everything is written, flushed and closed by then, and the interpreter's
    teardown would only free the parsed proposal, document trees and modules
    one by one (0.1-0.2 s of an export).
    """
    global _exits_without_teardown
    _exits_without_teardown = _split_command(sys.argv[1:])[0] in COMMANDS
    code = main()
    if _exits_without_teardown:
        import os

        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (OSError, ValueError):
                pass
        os._exit(code)
    sys.exit(code)


if __name__ == "__main__":
    run()
