"""File menu behaviour: new, open (Markdown/DOCX), recent files, save / save as
(by extension), export PDF, the example proposal, and the Save / Discard /
Cancel question. Every failure is a clear message; the document is never lost
or replaced by a half-read file.

:class:`FileActions` works on what it is given: the ``ProposalDocument``, the
``AppSettings`` (recent files), the widget its dialogs belong to, and a
:class:`SaveGuard` (lock, changed-on-disk checks and the backup before a file is
replaced; :class:`editor.app.file_guard.FileGuard` once recovery has started).
It tells the window what happened through signals.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from editor.core.model import Proposal
from editor.i18n import N_, _, current_language

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMenu, QMessageBox

    from editor.app.document import ProposalDocument
    from editor.app.settings import AppSettings

OPEN_SUFFIXES = (".md", ".markdown", ".txt", ".docx")


def _filters_open() -> str:
    return ";;".join(
        [
            _("Proposals (*.md *.markdown *.docx)"),
            _("Markdown (*.md *.markdown)"),
            _("Word document (*.docx)"),
            _("All files (*)"),
        ]
    )


def example_proposal(language: str) -> Proposal:
    """The example proposal in ``language``: the shipped Markdown file, else built in code.

    It opens untitled, so its diagram path is made absolute (next to the example file).
    """
    from editor.paths import resources_dir

    folder = resources_dir() / "examples"
    try:
        from editor.core.io import open_proposal

        proposal = open_proposal(folder / f"{language}.md", language).proposal
    except Exception:  # noqa: BLE001 - missing or unreadable file: the code that generated it still works
        from editor.core.example import example_proposal as build

        proposal = build(language)
    from editor.core.io import anchor_diagram

    return anchor_diagram(proposal, folder)


class SaveGuard(Protocol):
    """What runs around each save of the document to a file."""

    def before_save(self, path: Path) -> bool:
        """Checks (and the backup) before ``path`` is replaced; False cancels the save."""

    def after_save(self, path: Path) -> None:
        """The file at ``path`` now holds the document."""


class NoSaveGuard:
    """Saves go ahead unchecked (recovery has not started, or could not)."""

    def before_save(self, path: Path) -> bool:
        return True

    def after_save(self, path: Path) -> None:
        pass


class FileActions(QObject):
    """New, open, save and export of one document, with their questions and messages."""

    documentReplaced = Signal()  # New / Open / Example put another proposal in the document
    saved = Signal(object)  # Path: the document was written there and is clean
    checkNeeded = Signal()  # the guide's findings changed without an edit (import notes dropped)
    statusMessage = Signal(str, int, object)  # an N_-marked msgid, milliseconds shown, its fields (dict)

    def __init__(self, document: "ProposalDocument", settings: "AppSettings", parent: QWidget,
                 save_guard: SaveGuard | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.settings = settings
        self._parent = parent  # the widget its dialogs belong to
        self.save_guard: SaveGuard = save_guard or NoSaveGuard()
        self.unsaved_box: QMessageBox | None = None  # the last Save / Discard / Cancel question (tests)

    def set_save_guard(self, guard: SaveGuard | None) -> None:
        self.save_guard = guard or NoSaveGuard()

    def _status(self, message: str, **fields) -> None:
        self.statusMessage.emit(message, 5000, fields)

    def _error(self, title: str, message: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.critical(self._parent, title, message)

    # -- replacing the document ----------------------------------------------------------
    def maybe_save(self) -> bool:
        """Ask Save / Discard / Cancel when there are unsaved changes; True to go on."""
        from PySide6.QtWidgets import QMessageBox

        if not self.document.is_dirty():
            return True
        box = QMessageBox(self._parent)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(_("Unsaved changes"))
        box.setText(_("“{name}” has unsaved changes.").format(name=self.document.display_name()))
        box.setInformativeText(_("Do you want to save them?"))
        box.setStandardButtons(
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel
        )
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        self.unsaved_box = box
        answer = box.exec()
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    def _replace(self, proposal: Proposal, path: Path | None) -> None:
        self.document.replace_proposal(proposal, path)
        self.documentReplaced.emit()

    def new(self) -> None:
        if self.maybe_save():
            self._replace(Proposal.new(current_language()), None)

    def open_example(self) -> None:
        if self.maybe_save():
            self._replace(example_proposal(current_language()), None)
            self._status(N_("Example proposal opened as a new, untitled document."))

    def open_dialog(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        if not self.maybe_save():
            return
        start = str(self.document.path.parent) if self.document.path else ""
        path, _filter = QFileDialog.getOpenFileName(self._parent, _("Open a proposal"), start, _filters_open())
        if path:
            self.open_path(Path(path), ask=False)

    def open_path(self, path: Path | str, ask: bool = True) -> bool:
        """Open ``path`` in the document; a clear dialog on failure, the current document kept."""
        from PySide6.QtWidgets import QMessageBox

        from editor.core.formats import FormatError
        from editor.core.io import open_proposal

        path = Path(path)
        if ask and not self.maybe_save():
            return False
        try:
            result = open_proposal(path, current_language())
        except FormatError as exc:
            self._error(_("Cannot open the file"), str(exc))
            return False
        except (OSError, ValueError) as exc:
            self._error(_("Cannot open the file"), _("{path}: {error}").format(path=path, error=exc))
            return False
        self._replace(result.proposal, path)
        self.settings.add_recent_file(path)
        if result.warnings:
            box = QMessageBox(QMessageBox.Icon.Information, _("Opened with remarks"),
                              _("{name} was opened; some content needs a look:").format(name=path.name),
                              QMessageBox.StandardButton.Ok, self._parent)
            box.setDetailedText("\n".join(result.warnings))
            box.setInformativeText("\n\n".join(result.warnings[:5]))
            box.open()
        self._status(N_("Opened {name}"), name=path.name)
        return True

    # -- saving --------------------------------------------------------------------------
    def save(self) -> bool:
        if self.document.path is None:
            return self.save_as()
        return self.save_to(self.document.path)

    def save_as(self) -> bool:
        from PySide6.QtWidgets import QFileDialog

        doc = self.document
        if doc.path is not None:
            start = str(doc.path)
        else:
            name = (doc.proposal.metadata.title or _("proposal")).strip()[:60] or _("proposal")
            start = name.replace("/", "-").replace("\\", "-") + ".md"
        filters = ";;".join([_("Markdown (*.md)"), _("Word document (*.docx)")])
        path, chosen = QFileDialog.getSaveFileName(self._parent, _("Save the proposal"), start, filters)
        if not path:
            return False
        path = Path(path)
        if path.suffix.lower() not in (".md", ".markdown", ".docx"):
            path = path.with_suffix(".docx" if "docx" in chosen else ".md")
        return self.save_to(path)

    def save_to(self, path: Path) -> bool:
        """Write the document to ``path`` (format by extension); False and a message on failure."""
        from PySide6.QtWidgets import QMessageBox

        from editor.app.image_consent import export_policy
        from editor.core.formats import FormatError
        from editor.core.io import anchor_diagram, kind_of, portable_diagram, save_proposal
        from editor.core.media import write_media
        from editor.core.storage import StorageError

        doc = self.document
        if not self.save_guard.before_save(path):  # a lock held elsewhere, a file changed on disk: asked
            return False
        proposal = doc.proposal
        docx = path.suffix.lower() == ".docx"
        policy = export_policy(doc, self._parent, path, prose=docx)  # asks about images from elsewhere, once
        old_updated = proposal.metadata.updated
        proposal.metadata.updated = dt.datetime.now().astimezone().replace(microsecond=0)
        try:
            # Pictures taken out of a DOCX become files next to a Markdown file (editor/core/media.py).
            carried, warnings = (write_media(proposal, path) if kind_of(path) == "markdown" else (proposal, []))
            # The diagram's path as the file at ``path`` must say it (copied next to a Markdown
            # file when it lives elsewhere); ``written`` shares everything else with ``proposal``.
            written, notes = portable_diagram(carried, path, doc.path.parent if doc.path else None, policy)
            warnings += notes
            images = None
            base_dir = (doc.path or path).resolve().parent  # the text's pictures are relative to the proposal
            if docx:
                from editor.app.export_images import document_images

                images = document_images(written, doc.language, base_dir, policy)
            warnings += save_proposal(written, path, images=images, image_policy=policy, base_dir=base_dir)
        except (StorageError, FormatError, OSError, ValueError, Exception) as exc:  # noqa: BLE001 - always say why
            proposal.metadata.updated = old_updated
            self._error(_("Cannot save"), _("The proposal was not saved: {error}").format(error=exc))
            return False
        if written is not proposal:
            # The document now refers to the pictures the file refers to (copies next to it, perhaps).
            saved = anchor_diagram(written.model_copy(), path.parent).diagram
            if saved.path != proposal.diagram.path:
                proposal.diagram = saved
                doc.changed.emit("diagram")
            if carried is not proposal:
                proposal.media = {}
                for sid, text in carried.sections.items():
                    if text != proposal.sections[sid]:
                        proposal.sections[sid] = text
                        doc.changed.emit(sid)
                proposal.unmapped = carried.unmapped
        if proposal.import_notes:
            proposal.import_notes = []  # said when the file opened; the saved file is the proposal as it is now
            self.checkNeeded.emit()
        doc.set_path(path)
        doc.set_clean()
        self.save_guard.after_save(path)
        self.settings.add_recent_file(path)
        self.saved.emit(path)
        if policy.left_out:
            self._status(N_("Saved {name}; images left out: {count} (see the remarks)."), name=path.name,
                         count=len(policy.left_out))
        else:
            self._status(N_("Saved {name}"), name=path.name)
        if warnings:
            QMessageBox.information(self._parent, _("Saved with remarks"), "\n".join(dict.fromkeys(warnings)))
        return True

    def export_pdf(self) -> None:
        from PySide6.QtWidgets import QFileDialog, QMessageBox

        from editor.app.image_consent import export_policy

        try:
            from editor.app.pdf import export_pdf
        except ImportError:
            self._error(_("Export PDF"), _("PDF export is not available in this version."))
            return
        doc = self.document
        base = doc.path.with_suffix(".pdf") if doc.path else Path((doc.proposal.metadata.title or _("proposal"))[:60] + ".pdf")
        path, _filter = QFileDialog.getSaveFileName(self._parent, _("Export PDF"), str(base), _("PDF (*.pdf)"))
        if not path:
            return
        path = Path(path)
        if path.suffix.lower() != ".pdf":
            path = path.with_suffix(".pdf")
        policy = export_policy(doc, self._parent, path, prose=True)
        try:
            from editor.app.export_images import document_images

            base_dir = (doc.path or path).resolve().parent
            export_pdf(doc.proposal, path, doc.language, images=document_images(doc.proposal, doc.language, base_dir,
                                                                                policy),
                       base_dir=base_dir, image_policy=policy)
        except Exception as exc:  # noqa: BLE001 - any export failure becomes a message, the document stays
            self._error(_("Export PDF"), _("The PDF was not written: {error}").format(error=exc))
            return
        if not policy.left_out:
            self._status(N_("Exported {name}"), name=path.name)
        else:
            self._status(N_("Exported {name}; images left out: {count} (see the remarks)."), name=path.name,
                         count=len(policy.left_out))
            QMessageBox.information(self._parent, _("Exported with remarks"), "\n".join(policy.messages()))

    # -- recent files -----------------------------------------------------------------------
    def fill_recent_menu(self, menu: QMenu, clear_action: QAction) -> None:
        """Fill ``menu`` with the recent files, then ``clear_action`` (enabled when there are some)."""
        menu.clear()
        files = self.settings.recent_files()
        for i, f in enumerate(files, 1):
            act = menu.addAction(f"&{i % 10} {Path(f).name}")
            act.setToolTip(f)
            act.setStatusTip(f)
            act.triggered.connect(lambda _checked=False, f=f: self._open_recent(f))
        if not files:
            act = menu.addAction(_("No recent files"))
            act.setEnabled(False)
        menu.addSeparator()
        menu.addAction(clear_action)
        clear_action.setEnabled(bool(files))

    def _open_recent(self, path: str) -> None:
        if not Path(path).exists():
            self._error(_("Cannot open the file"), _("{path} no longer exists; it is removed from the list.").format(path=path))
            self.settings.remove_recent_file(path)
            return
        self.open_path(Path(path))

    def clear_recent(self) -> None:
        self.settings.clear_recent_files()
