"""File > Review a class folder…: the class report as a sortable table, reviewed in a
worker thread with a progress bar and Cancel; Export report… (CSV, XLSX, HTML), Write
feedback… (commented DOCX copies), and a double-click opens a submission read-only.

The window only presents :mod:`editor.core.review`: the same rows, columns and files
as ``proposal-editor review``.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, QThread, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from editor.app.class_review_model import ROW_ROLE, ClassReviewModel, ClassReviewProxy
from editor.i18n import N_, _, current_language


class _Job(QThread):
    """Runs ``work(progress, cancelled)`` off the GUI thread; progress and the result as signals."""

    progressed = Signal(int, int, str)
    done = Signal(object, str)  # result, error message ("" when fine)

    def __init__(self, work, parent=None):
        super().__init__(parent)
        self.work = work
        self.cancel_requested = False

    def run(self) -> None:
        def progress(done, total, item):
            self.progressed.emit(done, total, getattr(item, "name", "") or "")

        try:
            result = self.work(progress, lambda: self.cancel_requested)
        except Exception as exc:  # noqa: BLE001 - shown in the window; the app goes on
            self.done.emit(None, " ".join(str(exc).split()) or type(exc).__name__)
            return
        self.done.emit(result, "")


class ClassReviewWindow(QDialog):
    """The class review: choose a folder, review it, sort, export, write feedback, open a submission."""

    def __init__(self, settings, parent: QWidget | None = None):
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("ClassReviewWindow")
        self.settings = settings
        self.folder: Path | None = None
        self.rubric_path: str | None = None
        self.report = None
        self.job: _Job | None = None
        self.opened: list = []  # submission windows kept alive
        self._status: tuple[str, dict] | None = None

        self.folder_label = QLabel(self)
        self.choose_button = QPushButton(self)
        self.choose_button.clicked.connect(self.choose_folder)
        self.recursive = QCheckBox(self)
        self.recursive.setChecked(True)
        self.rubric_button = QPushButton(self)
        self.rubric_button.clicked.connect(self.choose_rubric)
        self.review_button = QPushButton(self)
        self.review_button.clicked.connect(self.review_again)
        top = QHBoxLayout()
        top.addWidget(self.folder_label, 1)
        for w in (self.recursive, self.choose_button, self.rubric_button, self.review_button):
            top.addWidget(w)

        self.progress = QProgressBar(self)
        self.progress.setVisible(False)
        self.cancel_button = QPushButton(self)
        self.cancel_button.setVisible(False)
        self.cancel_button.clicked.connect(self.cancel)
        self.status_label = QLabel(self)
        bar = QHBoxLayout()
        bar.addWidget(self.progress, 1)
        bar.addWidget(self.cancel_button)
        bar.addWidget(self.status_label, 1)

        self.model = ClassReviewModel(self)
        self.proxy = ClassReviewProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.doubleClicked.connect(self._open_index)
        self.table.selectionModel().currentRowChanged.connect(lambda current, _prev: self._show_details(current))
        self.details = QTextBrowser(self)
        self.details.setOpenLinks(False)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.table)
        split.addWidget(self.details)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)

        self.export_button = QPushButton(self)
        self.export_button.clicked.connect(self.export_dialog)
        self.feedback_button = QPushButton(self)
        self.feedback_button.clicked.connect(self.feedback_dialog)
        self.open_button = QPushButton(self)
        self.open_button.clicked.connect(lambda: self._open_index(self.table.currentIndex()))
        self.close_button = QPushButton(self)
        self.close_button.clicked.connect(self.close)
        buttons = QHBoxLayout()
        for w in (self.open_button, self.export_button, self.feedback_button):
            buttons.addWidget(w)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(bar)
        layout.addWidget(split, 1)
        layout.addLayout(buttons)
        self.resize(1200, 720)
        self.retranslateUi()
        self._update_buttons()

    # -- reviewing ------------------------------------------------------------------
    def choose_folder(self) -> None:
        start = str(self.folder or self.settings.qsettings.value("review/folder", "") or "")
        folder = QFileDialog.getExistingDirectory(self, _("Choose the class folder"), start)
        if folder:
            self.start(Path(folder))

    def choose_rubric(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(self, _("Choose a rubric"), "", _("Rubric (*.yaml *.yml)"))
        if path:
            self.rubric_path = path
            self.retranslateUi()
            if self.folder is not None:
                self.start(self.folder)

    def review_again(self) -> None:
        if self.folder is None:
            self.choose_folder()
        else:
            self.start(self.folder)

    def start(self, folder: Path) -> None:
        """Review ``folder`` in a worker thread; the table fills when it is done."""
        from editor.core.formats import FormatError
        from editor.core.review.collect import collect_submissions
        from editor.core.review.rubric import load_rubric

        if self.job is not None:
            return
        self.folder = Path(folder)
        self.settings.set_value("review/folder", str(self.folder))
        try:
            rubric = load_rubric(self.rubric_path)
            submissions = collect_submissions([self.folder], recursive=self.recursive.isChecked())
        except FormatError as exc:
            QMessageBox.warning(self, _("Review a class folder"), str(exc))
            return
        self.retranslateUi()
        if not submissions:
            self._set_status(N_("No submission (.docx or .md) in this folder."))
            self.model.set_report(None)
            self._update_buttons()
            return
        language = current_language()

        def work(progress, cancelled):
            from editor.core.review.engine import review_class
            from editor.core.review.report import ClassReport

            rows = review_class(submissions, language, progress=progress, cancelled=cancelled)
            return ClassReport(rows, rubric, language)

        self._run(work, len(submissions), self._reviewed)

    def _run(self, work, total: int, finished) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(0)
        self.progress.setVisible(True)
        self.cancel_button.setVisible(True)
        self.job = _Job(work, self)
        self.job.progressed.connect(self._progressed)
        self.job.done.connect(lambda result, error: self._finished(result, error, finished))
        self.job.start()
        self._update_buttons()

    def _progressed(self, done: int, total: int, name: str) -> None:
        self.progress.setMaximum(total)
        self.progress.setValue(done)
        self._set_status(N_("{done} of {total}: {name}"), done=done, total=total, name=name)

    def _finished(self, result, error: str, finished) -> None:
        job, self.job = self.job, None
        if job is not None:
            job.wait()
            job.deleteLater()
        self.progress.setVisible(False)
        self.cancel_button.setVisible(False)
        if error:
            QMessageBox.warning(self, _("Review a class folder"), error)
        elif result is not None:
            finished(result)
        self._update_buttons()

    def _reviewed(self, report) -> None:
        self.report = report
        self.model.set_report(report)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.resizeColumnsToContents()
        header = self.table.horizontalHeader()
        for column in range(self.model.columnCount()):
            header.resizeSection(column, min(header.sectionSize(column), 260))
        counts = report.counts()
        self._set_status(N_("{total} submission(s): {reviewed} reviewed, {empty} empty, {unreadable} unreadable"),
                         **counts)
        if self.proxy.rowCount():
            self.table.selectRow(0)

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel_requested = True

    def is_running(self) -> bool:
        return self.job is not None

    # -- details and opening ---------------------------------------------------------------
    def row_at(self, proxy_row: int):
        return self.proxy.index(proxy_row, 0).data(ROW_ROLE)

    def _show_details(self, index) -> None:
        row = index.data(ROW_ROLE) if index.isValid() else None
        if row is None:
            self.details.clear()
            return
        from editor.core.checks import check
        from editor.core.guide import section_title

        lang = current_language()
        parts = [f"<h3>{escape(row.name)}</h3>"]
        if not row.readable:
            parts.append(f"<p>{escape(row.reason)}</p>")
        else:
            if row.reason:
                parts.append(f"<p>{escape(row.reason)}</p>")
            parts.append(f"<p>{escape(self.report.explain(row))}</p>")
            findings = check(row.proposal, lang)  # in the UI language, whatever it was at review time
            labels = {"error": _("Must fix"), "warning": _("Suggestion")}
            parts.append("<ul>" + "".join(
                f"<li><b>{escape(labels.get(f.severity, f.severity))}</b> — " + escape(_("{severity}: {message}").format(
                    severity=section_title(f.section, lang), message=f.message)) + "</li>" for f in findings) + "</ul>")
            if row.warnings:
                heading = escape(_("Import warnings"))
                parts.append(f"<p><b>{heading}</b></p><ul>"
                             + "".join(f"<li>{escape(w)}</li>" for w in row.warnings) + "</ul>")
        self.details.setHtml("".join(parts))

    def _open_index(self, index) -> None:
        row = index.data(ROW_ROLE) if index.isValid() else None
        if row is not None:
            self.open_row(row)

    def open_row(self, row):
        """Open the submission read-only in its own editor window (a message when it cannot be read)."""
        from editor.app.submission_window import open_submission
        from editor.core.formats import FormatError

        try:
            window = open_submission(self.settings, row.path)
        except FormatError as exc:
            QMessageBox.warning(self, _("Cannot open the file"), str(exc))
            return None
        self.opened = [w for w in self.opened if _alive(w)] + [window]
        return window

    # -- export and feedback -------------------------------------------------------------------
    def export_dialog(self) -> None:
        if self.report is None:
            return
        filters = {
            _("CSV, comma-separated (*.csv)"): ",",
            _("CSV, semicolon-separated: Excel in French, German… (*.csv)"): ";",
            _("Excel workbook (*.xlsx)"): "xlsx",
            _("Web page, one file (*.html)"): "html",
        }
        preferred = list(filters)[1 if current_language() == "fr" else 0]
        start = str((self.folder or Path.home()) / _("class-report.csv"))
        path, chosen = QFileDialog.getSaveFileName(self, _("Export the report"), start, ";;".join(filters), preferred)
        if path:
            kind = filters.get(chosen, ",")
            self.export_to(Path(path), kind)

    def export_to(self, path: Path, kind: str) -> bool:
        """Write the report as ``kind`` (``,`` / ``;`` CSV, ``xlsx``, ``html``); a message on failure."""
        from editor.core.storage import StorageError

        suffix = {"xlsx": ".xlsx", "html": ".html"}.get(kind, ".csv")
        if path.suffix.lower() != suffix:
            path = path.with_suffix(suffix)
        self.report.language = current_language()
        try:
            if kind == "xlsx":
                from editor.core.review.xlsx_report import write_xlsx

                write_xlsx(self.report, path)
            elif kind == "html":
                from editor.core.review.html_report import write_html

                write_html(self.report, path)
            else:
                from editor.core.review.csv_report import write_csv

                write_csv(self.report, path, kind)
        except (StorageError, OSError, ValueError) as exc:
            QMessageBox.warning(self, _("Export the report"), _("The report was not written: {error}").format(error=exc))
            return False
        self._set_status(N_("Wrote {path}"), path=str(path))
        return True

    def feedback_dialog(self) -> None:
        if self.report is None:
            return
        folder = QFileDialog.getExistingDirectory(self, _("Folder for the feedback copies"),
                                                  str(self.folder.parent if self.folder else ""))
        if not folder:
            return
        author, ok = QInputDialog.getText(self, _("Write feedback"), _("Name on the comments:"),
                                          text=str(self.settings.qsettings.value("review/author", "") or _("Instructor")))
        if ok:
            self.settings.set_value("review/author", author)
            self.write_feedback(Path(folder), author)

    def write_feedback(self, outdir: Path, author: str = "") -> None:
        """Write the feedback copies into ``outdir`` in the worker thread."""
        report = self.report

        def work(progress, cancelled):
            from editor.core.review.feedback import write_feedback_copies

            return write_feedback_copies(report, outdir, author=author or None, progress=progress,
                                         cancelled=cancelled)

        docx_rows = sum(1 for r in report.rows if r.readable and r.path.lower().endswith(".docx"))
        self._run(work, max(1, docx_rows), lambda results: self._feedback_written(outdir, results))

    def _feedback_written(self, outdir: Path, results) -> None:
        self.feedback_results = results
        written = sum(r.written for r in results)
        self._set_status(N_("Wrote {count} feedback document(s) in {path}"), count=written, path=str(outdir))

    # -- state, language ----------------------------------------------------------------------------
    def _update_buttons(self) -> None:
        busy = self.job is not None
        ready = self.report is not None and not busy
        for w in (self.export_button, self.feedback_button, self.open_button):
            w.setEnabled(ready)
        for w in (self.choose_button, self.review_button, self.rubric_button, self.recursive):
            w.setEnabled(not busy)

    def _set_status(self, message: str, **fields) -> None:
        from editor.i18n import translate_message

        self._status = (message, fields)
        self.status_label.setText(translate_message(message, fields))

    def retranslateUi(self) -> None:  # noqa: N802
        self.setWindowTitle(_("Review a class folder"))
        self.folder_label.setText(_("Folder: {path}").format(path=self.folder) if self.folder
                                  else _("Choose the folder of the class's submissions (.docx, .md)."))
        self.choose_button.setText(_("Choose &folder…"))
        self.recursive.setText(_("Sub-folders"))
        self.recursive.setToolTip(_("Also review the files in sub-folders (one folder per student)"))
        rubric = Path(self.rubric_path).name if self.rubric_path else _("default")
        self.rubric_button.setText(_("Rubric: {name}…").format(name=rubric))
        self.rubric_button.setToolTip(_("Choose your own rubric file (YAML)"))
        self.review_button.setText(_("&Review again"))
        self.cancel_button.setText(_("Cancel"))
        self.export_button.setText(_("&Export report…"))
        self.feedback_button.setText(_("Write &feedback…"))
        self.feedback_button.setToolTip(_("A copy of each DOCX with the findings as Word comments"))
        self.open_button.setText(_("&Open read-only"))
        self.close_button.setText(_("Close"))
        self.table.setAccessibleName(_("Submissions of the class"))
        self.details.setAccessibleName(_("Findings of the selected submission"))
        if self._status is not None:
            self._set_status(self._status[0], **self._status[1])
        self.model.retranslate()
        self._show_details(self.table.currentIndex())

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    def closeEvent(self, event) -> None:  # noqa: N802
        if self.job is not None:
            self.job.cancel_requested = True
            self.job.wait(10000)
        super().closeEvent(event)


def _alive(widget) -> bool:
    try:
        return widget.isVisible()
    except RuntimeError:  # deleted on close
        return False
