"""Start the desktop app: ``run(argv) -> int``.

``run(["proposal-editor", FILE])`` opens FILE (.md or .docx); ``--example``
opens the example proposal as an untitled document; ``--lang fr|en`` forces
the interface language (else the saved setting, else the system locale, else
English); ``--settings PATH`` keeps preferences in an INI file at PATH (tests).

``create_window(...)`` builds the window without running the event loop, for
tests and screenshots. ``install_ui_language(lang)`` switches the interface
language live: gettext catalog, Qt's own translations (``qtbase_fr.qm``),
then a LanguageChange sent to every top-level widget so each one calls its
``retranslateUi()``.
"""

from __future__ import annotations

import argparse
import json
import linecache
import os
import sys
from pathlib import Path

# Once PySide6 is loaded, its import hook (shibokensupport's ``__feature__`` support)
# reads the whole source of every module imported after it, looking for the word
# "PySide6", and leaves it in ``linecache``: ``skip_source_scan()`` answers it without
# reading (see editor/app/pyside_imports.py), right after the first PySide6 import.
# The core the window needs to paint (model, guide) comes first anyway, and
# ``linecache`` is still emptied at the end of the start-up for a PySide6 whose hook
# was not found.
import editor.core.guide  # noqa: F401, I001 - section titles and tips; pulls the model and pydantic
from editor import i18n

from PySide6.QtCore import QCoreApplication, QEvent, QLibraryInfo, QLocale, QTranslator  # noqa: E402, I001
from editor.app.pyside_imports import skip_source_scan  # noqa: E402

skip_source_scan()

from PySide6.QtWidgets import QApplication  # noqa: E402
from editor.app.settings import APPLICATION, ORGANIZATION, AppSettings  # noqa: E402

TEST_DRIVE_ENV = "PROPOSAL_EDITOR_TEST_DRIVE"  # tests only: editor.app.drive types and answers
_qt_translator: QTranslator | None = None


def qt_translations_dir() -> str:
    return QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)


def install_ui_language(language: str) -> None:
    """Switch the UI language now: catalogs, Qt's dialog buttons, every open widget."""
    global _qt_translator
    app = QCoreApplication.instance()
    i18n.set_language(language)
    lang = i18n.current_language()
    if app is not None:
        if _qt_translator is not None:
            app.removeTranslator(_qt_translator)
            _qt_translator = None
        if lang != "en":
            translator = QTranslator(app)
            # qtbase_fr.qm ships with PySide6-Essentials (QMessageBox/QDialogButtonBox buttons).
            if translator.load(f"qtbase_{lang}", qt_translations_dir()):
                app.installTranslator(translator)
                _qt_translator = translator
        QLocale.setDefault(QLocale(i18n.babel_locale(lang)))
        if isinstance(app, QApplication):
            event = QEvent(QEvent.Type.LanguageChange)
            for widget in app.topLevelWidgets():
                QCoreApplication.sendEvent(widget, event)


def _parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="proposal-editor", add_help=False)
    parser.add_argument("file", nargs="?")
    parser.add_argument("--example", action="store_true")
    parser.add_argument("--lang")
    parser.add_argument("--settings")
    ns, _unknown = parser.parse_known_args(argv[1:])
    return ns


def ensure_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication(list(argv or ["proposal-editor"]))
    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setApplicationName(APPLICATION)
    from editor import __version__

    QCoreApplication.setApplicationVersion(__version__)
    if isinstance(app, QApplication):
        app.setDesktopFileName("org.mlopscourse.ProposalEditor")
    return app


def create_window(settings: AppSettings, file: str | None = None, example: bool = False, language: str | None = None,
                  defer_until_painted: bool = False):
    """Build and show-ready the main window (language, document) without an event loop.

    ``defer_until_painted`` (the app's start-up): reading ``file``, then the check, tips,
    preview and recovery (``MainWindow.start_recovery``) wait for the window's first paint
    (``first_paint.py``): the window appears with its sections, titles and guide tips, and
    the proposal fills it in the next event-loop turn.
    """
    from editor.app.icons import icon
    from editor.app.main_window import MainWindow

    app = QApplication.instance()
    lang = i18n.normalize_language(language) or settings.ui_language() or i18n.system_language()
    install_ui_language(lang)
    app.setWindowIcon(icon("app"))
    window = MainWindow(settings, defer_until_painted=defer_until_painted)

    def switch(lang_code: str) -> None:
        settings.set_ui_language(lang_code)
        install_ui_language(lang_code)

    window.uiLanguageRequested.connect(switch)
    if file:
        window.open_after_first_paint(Path(file))
    elif example:
        window.files.open_example()
    window.focus_first_section()
    if window.first_paint_gate is not None:
        # A window closed before its first paint (or asked for results after closing) gets none.
        window.first_paint_gate.defer(lambda: _start_recovery(window) if window.isVisible() else None)
    else:
        _start_recovery(window)
    return window


def _start_recovery(window) -> None:
    """Recovery files, lock, backups (``MainWindow.start_recovery``), then the test drive if asked for."""
    window.start_recovery()
    drive = os.environ.get(TEST_DRIVE_ENV)
    if drive and window.recovery is not None:
        from editor.app.drive import ScriptedDrive

        ScriptedDrive(window, window.recovery, json.loads(drive))  # the window owns it
    # The last start-up step: drop module sources PySide6's import hook may have cached (see above).
    linecache.clearcache()


def run(argv: list[str] | None = None) -> int:
    """Run the desktop app; returns the exit code."""
    argv = list(sys.argv if argv is None else argv)
    ns = _parse(argv)
    app = ensure_application(argv)
    settings = AppSettings(ns.settings)
    window = create_window(settings, ns.file, ns.example, ns.lang, defer_until_painted=True)
    linecache.clearcache()  # before the first paint reuses the memory (see the imports above)
    window.show()
    window.focus_first_section()
    return app.exec()


if __name__ == "__main__":
    sys.exit(run())
