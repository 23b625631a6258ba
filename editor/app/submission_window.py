"""A student's submission opened from the class review, read-only: the same window as
the editor, but nothing can change the document nor write it anywhere.

Every edit the widgets send is refused by the document (and the widgets shown the
model again), Save / Save As / New / Open are gone, a save that would still be
asked for is refused, and nothing is autosaved.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from editor.app.document import ProposalDocument
from editor.app.main_window import MainWindow
from editor.i18n import N_, _


class ReadOnlyDocument(ProposalDocument):
    """A document that refuses every edit and shows its model again instead."""

    def set_section_text(self, section_id: str, text: str) -> None:
        self.changed.emit(section_id)

    def set_part(self, name: str, value: Any, message: str | None = None, merge_key: str | None = None,
                 **fields: Any) -> None:
        self.changed.emit(name)

    def set_language(self, language: str) -> None:
        self.changed.emit("language")


class SubmissionWindow(MainWindow):
    """The editor's window over a submission, read-only."""

    def __init__(self, settings, path: Path, proposal, parent=None):
        self.submission_path = Path(path)
        super().__init__(settings, document=ReadOnlyDocument(proposal, path), parent=parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.set_editors_read_only(True)
        for act in (self.act_save, self.act_save_as, self.act_restore_backup, self.act_new, self.act_open,
                    self.act_example, self.act_clear_recent, *self.menu_recent.actions()):
            act.setEnabled(False)
            act.setVisible(False)
        self.menu_recent.menuAction().setVisible(False)
        self.files.save_to = self._refuse_save  # FileActions' save and save_as end here
        self.files.maybe_save = lambda: True  # nothing of the student's can be changed, so nothing to keep
        self.update_title()

    def _refuse_save(self, path) -> bool:
        self.show_status(N_("This submission is open read-only: it cannot be saved."), 6000)
        return False

    def update_title(self, *_args) -> None:
        super().update_title()
        self.act_save.setEnabled(False)
        self.setWindowTitle(_("{name} (read-only) — {app}").format(name=self.submission_path.name,
                                                                    app=_("MLOps Proposal Editor")))

    def save_state(self) -> None:
        pass  # the editor's own window keeps its geometry and layout

    def retranslateUi(self) -> None:  # noqa: N802
        super().retranslateUi()
        if hasattr(self, "submission_path"):
            self.update_title()


def open_submission(settings, path: str | Path, parent=None) -> SubmissionWindow:
    """Read ``path`` and show it read-only; FormatError when it cannot be read."""
    from editor.core.io import open_proposal
    from editor.i18n import current_language

    result = open_proposal(path, current_language())
    window = SubmissionWindow(settings, Path(path), result.proposal, parent)
    window.resize(1280, 800)
    window.show()
    return window
