"""Dialogs of the "never lose work" features: restore unsaved documents after a
crash, restore a backup, a file already open elsewhere, a file changed on disk."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor, QFontDatabase, QSyntaxHighlighter, QTextCharFormat
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from editor.i18n import _, current_language, format_datetime, ngettext


def when(stamp: dt.datetime) -> str:
    """A date and time in the UI language, in local time."""
    local = stamp.astimezone() if stamp.tzinfo else stamp
    return format_datetime(local, current_language(), "medium")


class _DiffHighlighter(QSyntaxHighlighter):
    """Removed lines on red, added lines on green, hunk headers grey (as in any diff viewer)."""

    def highlightBlock(self, text: str) -> None:
        if text.startswith(("+++", "---")):
            return
        fmt = QTextCharFormat()
        if text.startswith("+"):
            fmt.setBackground(QColor("#dcf5dc"))
        elif text.startswith("-"):
            fmt.setBackground(QColor("#fadcdc"))
        elif text.startswith("@@"):
            fmt.setForeground(QColor("#777777"))
        else:
            return
        self.setFormat(0, len(text), fmt)


def _diff_view(parent: QWidget) -> QPlainTextEdit:
    view = QPlainTextEdit(parent)
    view.setReadOnly(True)
    view.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)  # prose paragraphs are long lines
    view.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
    view._highlighter = _DiffHighlighter(view.document())
    return view


class _ListPreviewDialog(QDialog):
    """A list on the left, a preview of the selected item on the right, buttons below."""

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.resize(900, 560)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.list = QListWidget(self)
        self.preview_label = QLabel(self)
        self.preview = _diff_view(self)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.preview_label)
        right_layout.addWidget(self.preview, 1)
        self.preview_label.setBuddy(self.preview)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(self.list)
        split.addWidget(right)
        split.setStretchFactor(1, 1)
        split.setSizes([260, 640])
        self.buttons = QDialogButtonBox(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(split, 1)
        layout.addWidget(self.buttons)
        self.list.setSpacing(2)
        self.list.currentRowChanged.connect(self._show_preview)

    def _show_preview(self, row: int) -> None:  # pragma: no cover - overridden
        pass

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    def retranslateUi(self) -> None:
        pass


class RecoveryDialog(_ListPreviewDialog):
    """After a crash: the unsaved documents found, each with what differs from its file."""

    def __init__(self, entries, controller, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("RecoveryDialog")
        self.entries = list(entries)
        self.controller = controller
        self.restored_here = False
        self._diffs: dict[str, str] = {}
        self.restore_button = QPushButton(self)
        self.restore_button.setDefault(True)
        self.discard_button = QPushButton(self)
        self.later_button = QPushButton(self)
        self.buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.discard_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        self.buttons.addButton(self.later_button, QDialogButtonBox.ButtonRole.RejectRole)
        # The dialog stays open until the list is empty or the user chooses Later.
        self.restore_button.clicked.connect(self.restore_selected)
        self.discard_button.clicked.connect(self.discard_selected)
        self.later_button.clicked.connect(self.reject)
        self.retranslateUi()
        self._fill()

    def _label(self, entry) -> str:
        return f"{entry.name or _('Untitled (never saved)')}\n{when(entry.saved_at)}"

    def _fill(self) -> None:
        self.list.clear()
        for entry in self.entries:
            item = QListWidgetItem(self._label(entry))
            item.setToolTip(str(entry.path) if entry.path else _("Untitled (never saved)"))
            self.list.addItem(item)
        if self.entries:
            self.list.setCurrentRow(0)
        self._update_buttons()

    def retranslateUi(self) -> None:
        self.setWindowTitle(_("Restore unsaved work"))
        count = len(self.entries)
        self.intro.setText(ngettext(
            "The editor was not closed normally. Unsaved changes were kept for {count} document. "
            "Restore them now, or choose Later to be asked at the next start.",
            "The editor was not closed normally. Unsaved changes were kept for {count} documents. "
            "Restore them now, or choose Later to be asked at the next start.", count).format(count=count))
        self.list.setAccessibleName(_("Unsaved documents"))
        self.discard_button.setText(_("&Discard…"))
        self.later_button.setText(_("&Later"))
        self._update_buttons()
        if self.list.count():
            for row, entry in enumerate(self.entries):
                self.list.item(row).setText(self._label(entry))
        self._diffs.clear()  # they hold translated labels
        self._show_preview(self.list.currentRow())

    def _update_buttons(self) -> None:
        has = self.list.currentRow() >= 0
        self.restore_button.setEnabled(has)
        self.discard_button.setEnabled(has)
        self.restore_button.setText(_("Restore in a &new window") if self.restored_here else _("&Restore"))

    def selected(self):
        row = self.list.currentRow()
        return self.entries[row] if 0 <= row < len(self.entries) else None

    def _show_preview(self, row: int) -> None:
        self._update_buttons()
        if not 0 <= row < len(self.entries):
            self.preview.clear()
            return
        entry = self.entries[row]
        on_disk = entry.path is not None and entry.path.is_file()
        if entry.doc_id not in self._diffs:
            from editor.core.recovery import body, recovery_diff

            if on_disk:
                self._diffs[entry.doc_id] = recovery_diff(entry) or _("(no difference with the file on disk)")
            else:
                self._diffs[entry.doc_id] = body(entry.markdown)
        self.preview_label.setText(_("What differs from the file on disk (- on disk, + unsaved):") if on_disk
                                   else _("The unsaved document (it has no file on disk):"))
        self.preview.setPlainText(self._diffs[entry.doc_id])

    def _remove(self, entry) -> None:
        row = self.entries.index(entry)
        self.entries.pop(row)
        self.list.takeItem(row)
        self.retranslateUi()
        if not self.entries:
            self.accept()

    def restore_selected(self) -> None:
        entry = self.selected()
        if entry is None:
            return
        if self.restored_here:
            ok = self.controller.restore_in_new_window(entry)
        else:
            ok = self.controller.restore(entry)
            self.restored_here = self.restored_here or ok
        if ok:
            self._remove(entry)

    def discard_selected(self) -> None:
        entry = self.selected()
        if entry is None:
            return
        answer = QMessageBox.question(
            self, _("Discard unsaved changes"),
            _("Discard the unsaved changes of “{name}” from {time}? They cannot be restored afterwards.").format(
                name=entry.name or _("Untitled (never saved)"), time=when(entry.saved_at)),
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Cancel)
        if answer == QMessageBox.StandardButton.Discard:
            from editor.core.recovery import discard_recovery

            discard_recovery(entry.doc_id)
            self._remove(entry)


class BackupDialog(_ListPreviewDialog):
    """File > Restore from backup: the previous versions of the open file, newest first."""

    def __init__(self, document, backups, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("BackupDialog")
        self.document = document
        self.backups = list(backups)
        self._texts: dict[int, str | None] = {}
        self.restore_button = QPushButton(self)
        self.restore_button.setDefault(True)
        self.buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.restore_button.clicked.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.retranslateUi()
        for backup in self.backups:
            self.list.addItem(QListWidgetItem(self._label(backup)))
        if self.backups:
            self.list.setCurrentRow(0)
        self.restore_button.setEnabled(bool(self.backups))

    def _label(self, backup) -> str:
        from editor.i18n import format_number

        size = format_number(round(backup.size / 1024, 1), current_language())
        return _("{time} ({size} KB)").format(time=when(backup.created), size=size)

    def retranslateUi(self) -> None:
        self.setWindowTitle(_("Restore from backup"))
        if self.backups:
            self.intro.setText(_("Each save of “{name}” keeps the previous version. Choose one to put it back in "
                                 "the editor; Edit > Undo takes it back out.").format(name=self.document.display_name()))
        else:
            self.intro.setText(_("There is no backup of “{name}” yet: one is kept each time you save over it.").format(
                name=self.document.display_name()))
        self.preview_label.setText(_("What restoring changes (- now, + backup):"))
        self.list.setAccessibleName(_("Backups"))
        self.restore_button.setText(_("&Restore this version"))
        for row, backup in enumerate(self.backups):
            if self.list.item(row):
                self.list.item(row).setText(self._label(backup))

    def selected(self):
        row = self.list.currentRow()
        return self.backups[row] if 0 <= row < len(self.backups) else None

    def backup_markdown(self, row: int) -> str | None:
        if row not in self._texts:
            from editor.core.recovery import disk_markdown

            self._texts[row] = disk_markdown(self.backups[row].file, self.document.language)
        return self._texts[row]

    def _show_preview(self, row: int) -> None:
        if not 0 <= row < len(self.backups):
            self.preview.clear()
            return
        from editor.core.formats.markdown import write_markdown
        from editor.core.recovery import markdown_diff

        text = self.backup_markdown(row)
        if text is None:
            self.preview.setPlainText(_("This backup cannot be read."))
            self.restore_button.setEnabled(False)
            return
        self.restore_button.setEnabled(True)
        diff = markdown_diff(write_markdown(self.document.proposal), text, _("now"), _("backup"))
        self.preview.setPlainText(diff or _("(this version is the same as the document)"))


def ask_locked(parent: QWidget, name: str, holder) -> str:
    """The file is open elsewhere: "readonly" or "takeover"."""
    box = QMessageBox(parent)
    box.setObjectName("LockedBox")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(_("File already open"))
    box.setText(_("“{name}” is already open in another window or on another computer.").format(name=name))
    who = holder.user or _("someone")
    host = holder.host or _("an unknown computer")
    since = when(holder.time) if holder.time else "?"
    box.setInformativeText(
        _("Opened by {user} on {host} since {time}. If both copies are edited, one will overwrite the other. "
          "Open it read-only, or take it over if that copy is no longer in use.").format(user=who, host=host, time=since))
    readonly = box.addButton(_("Open &read-only"), QMessageBox.ButtonRole.AcceptRole)
    takeover = box.addButton(_("&Take over"), QMessageBox.ButtonRole.DestructiveRole)
    box.setDefaultButton(readonly)
    parent.locked_box = box  # tests reach it here
    box.exec()
    return "takeover" if box.clickedButton() is takeover else "readonly"


def ask_changed_on_disk(parent: QWidget, name: str, dirty: bool) -> str:
    """The file changed on disk: "reload" or "keep"."""
    box = QMessageBox(parent)
    box.setObjectName("ChangedOnDiskBox")
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(_("File changed on disk"))
    box.setText(_("“{name}” was changed by another program.").format(name=name))
    if dirty:
        info = _("Reload it to see that version (your unsaved changes stay one Undo away), or keep your version: "
                 "saving it will replace the file on disk, whose current content is kept as a backup.")
    else:
        info = _("Reload it to see that version, or keep your version: saving it will replace the file on disk, "
                 "whose current content is kept as a backup.")
    box.setInformativeText(info)
    reload_button = box.addButton(_("&Reload"), QMessageBox.ButtonRole.AcceptRole)
    keep = box.addButton(_("&Keep mine"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(keep if dirty else reload_button)
    parent.changed_box = box  # tests reach it here
    box.exec()
    return "reload" if box.clickedButton() is reload_button else "keep"
