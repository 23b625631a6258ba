"""Section 5's architecture builder: pick tools per lifecycle stage, link them, see the diagram live.

Left, four tabs: *Components* (the catalogue by stage with a search box that
reads French and English names, free entries, the chosen components by stage,
renamed in place, moved, removed), *Links* (from, to, label, style, the
feedback loop in one click), *Image* (attach a picture instead) and
*Mermaid* (the text the Markdown file holds). Right, the diagram as the exports
will draw it, in the document's language; a double-click shows it larger.
Every edit is one step on the document's undo stack (:mod:`editor.core.architecture.edit`
makes the new diagram; this widget only pushes it).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTabWidget,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from editor.app.document import ProposalDocument
from editor.app.icons import icon
from editor.app.widgets.architecture_view import ArchitectureView
from editor.app.widgets.diagram import DiagramWidget
from editor.core.architecture import edit
from editor.core.architecture.catalogue import component_name, load_catalogue, stage_name
from editor.core.architecture.graph import STAGES
from editor.core.vocab import fold
from editor.i18n import N_, _, current_language

ROLE = Qt.ItemDataRole.UserRole
STYLE_NAMES = (("arrow", N_("Arrow")), ("line", N_("Line, no arrow head")), ("dotted", N_("Dotted arrow")),
               ("thick", N_("Thick arrow")))


class ArchitectureBuilder(QWidget):
    placement = "bottom"

    def __init__(self, document: ProposalDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self._components_page(), "")
        self.tabs.addTab(self._links_page(), "")
        self.image = DiagramWidget(document, self)
        self.tabs.addTab(self.image, "")
        self.mermaid = QPlainTextEdit(self)  # what the Markdown file holds, for GitHub
        self.mermaid.setReadOnly(True)
        self.mermaid.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.mermaid.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.tabs.addTab(self.mermaid, "")
        self.view = ArchitectureView(self)
        self.view.doubleClicked.connect(self.show_larger)
        self.larger_button = QToolButton(self)
        self.larger_button.clicked.connect(self.show_larger)
        self.save_button = QToolButton(self)
        self.save_button.clicked.connect(self.save_picture)
        view_box = QWidget(self)
        view_layout = QVBoxLayout(view_box)
        view_layout.setContentsMargins(0, 0, 0, 0)
        for button in (self.larger_button, self.save_button):  # never wider than a small window allows
            button.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
            button.setMinimumWidth(40)
        view_buttons = QHBoxLayout()
        view_buttons.addStretch(1)
        view_buttons.addWidget(self.larger_button)
        view_buttons.addWidget(self.save_button)
        view_layout.addWidget(self.view, 1)
        view_layout.addLayout(view_buttons)
        self._larger: QDialog | None = None
        self._shown = None  # the diagram the lists and the view show
        for combo in (self.stage_combo, self.move_combo, self.from_combo, self.to_combo, self.style_combo):
            # Long stage and component names never widen the page past a small window.
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(5)
        self.search.setMinimumWidth(60)
        self.free_button.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.free_button.setMinimumWidth(60)
        self.view.setMinimumWidth(90)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.tabs)
        self.splitter.addWidget(view_box)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 5)
        self.splitter.setSizes([330, 720])
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.import_button = QPushButton(self)  # a Mermaid flowchart pasted into the text: into the builder
        self.import_button.clicked.connect(self.import_from_text)
        self.import_button.hide()
        self._text_timer = QTimer(self)
        self._text_timer.setSingleShot(True)
        self._text_timer.setInterval(300)
        self._text_timer.timeout.connect(self._check_text_block)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addWidget(self.import_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.status)
        self._redraw_timer = QTimer(self)
        self._redraw_timer.setSingleShot(True)
        self._redraw_timer.setInterval(0)
        self._redraw_timer.timeout.connect(self.redraw)
        document.changed.connect(self._on_changed)
        self.retranslateUi()

    # -- pages ----------------------------------------------------------------------------------
    def _components_page(self) -> QWidget:
        page = QWidget(self)
        self.stage_combo = QComboBox(page)
        self.stage_combo.currentIndexChanged.connect(self._fill_catalogue)
        self.search = QLineEdit(page)
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._fill_catalogue)
        self.search.returnPressed.connect(self.add_selected_or_free)
        self.catalogue_list = QListWidget(page)
        self.catalogue_list.itemActivated.connect(lambda _item: self.add_selected())
        self.catalogue_list.currentItemChanged.connect(lambda *_a: self._update_buttons())
        self.add_button = QPushButton(icon("add"), "", page)
        self.add_button.clicked.connect(self.add_selected)
        self.free_button = QPushButton(icon("add"), "", page)
        self.free_button.clicked.connect(self.add_free)
        self.chosen = QTreeWidget(page)
        self.chosen.setHeaderHidden(True)
        self.chosen.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.chosen.itemChanged.connect(self._on_renamed)
        self.chosen.currentItemChanged.connect(lambda *_a: self._update_buttons())
        self.move_combo = QComboBox(page)
        self.move_combo.activated.connect(self._move_to_stage)
        self.up_button = QToolButton(page)
        self.up_button.setIcon(icon("up"))
        self.up_button.clicked.connect(lambda: self._reorder(-1))
        self.down_button = QToolButton(page)
        self.down_button.setIcon(icon("down"))
        self.down_button.clicked.connect(lambda: self._reorder(1))
        self.remove_button = QToolButton(page)
        self.remove_button.setIcon(icon("remove"))
        self.remove_button.clicked.connect(self.remove_selected)
        top = QHBoxLayout()
        top.addWidget(self.stage_combo, 2)
        top.addWidget(self.search, 3)
        adds = QHBoxLayout()
        adds.addWidget(self.add_button)
        adds.addWidget(self.free_button, 1)
        self.chosen_label = QLabel(page)
        tools = QHBoxLayout()
        self.move_label = QLabel(page)
        tools.addWidget(self.move_label)
        tools.addWidget(self.move_combo, 1)
        tools.addWidget(self.up_button)
        tools.addWidget(self.down_button)
        tools.addWidget(self.remove_button)
        box = QVBoxLayout(page)
        box.addLayout(top)
        box.addWidget(self.catalogue_list, 3)
        box.addLayout(adds)
        box.addWidget(self.chosen_label)
        box.addWidget(self.chosen, 3)
        box.addLayout(tools)
        return page

    def _links_page(self) -> QWidget:
        page = QWidget(self)
        self.from_combo = QComboBox(page)
        self.to_combo = QComboBox(page)
        self.link_label = QLineEdit(page)
        self.style_combo = QComboBox(page)
        self.link_button = QPushButton(icon("add"), "", page)
        self.link_button.clicked.connect(self.add_link)
        self.feedback_button = QPushButton(page)
        self.feedback_button.clicked.connect(self.add_feedback_loop)
        self.links_list = QListWidget(page)
        self.links_list.currentRowChanged.connect(lambda _r: self._update_buttons())
        self.unlink_button = QPushButton(icon("remove"), "", page)
        self.unlink_button.clicked.connect(self.remove_link)
        self.form = QFormLayout()
        self.form_labels = [QLabel(page) for _ in range(4)]
        for label, field in zip(self.form_labels, (self.from_combo, self.to_combo, self.link_label, self.style_combo)):
            label.setBuddy(field)
            self.form.addRow(label, field)
        row = QHBoxLayout()
        row.addWidget(self.link_button)
        row.addWidget(self.feedback_button, 1)
        box = QVBoxLayout(page)
        box.addLayout(self.form)
        box.addLayout(row)
        box.addWidget(self.links_list, 1)
        box.addWidget(self.unlink_button, 0, Qt.AlignmentFlag.AlignRight)
        return page

    # -- filling ------------------------------------------------------------------------------------
    @property
    def architecture(self):
        return self.document.proposal.architecture

    def _name(self, component) -> str:
        return component_name(component, self.document.language)

    def _fill_catalogue(self) -> None:
        lang = current_language()
        stage = self.stage_combo.currentData(ROLE) or ""
        words = fold(self.search.text()).split()
        self.catalogue_list.clear()
        for tool in load_catalogue().tools:
            if stage and tool.stage != stage:
                continue
            haystack = " ".join((*tool.matches(), fold(tool.description.get(lang)), fold(tool.key)))
            if words and not all(w in haystack for w in words):
                continue
            text = tool.name.get(lang) if stage else f"{tool.name.get(lang)} — {stage_name(tool.stage, lang)}"
            item = QListWidgetItem(text)
            item.setData(ROLE, tool.key)
            item.setToolTip(tool.description.get(lang))
            self.catalogue_list.addItem(item)
        if self.catalogue_list.count():
            self.catalogue_list.setCurrentRow(0)
        self._update_buttons()

    def refresh(self) -> None:
        """Lists and combos from the document's diagram (after any change, undo included)."""
        arch = self._shown = self.architecture
        lang = current_language()
        selected = self.selected_id()
        self.chosen.blockSignals(True)
        self.chosen.clear()
        by_stage: dict[str, QTreeWidgetItem] = {}
        for c in arch.components:
            parent = by_stage.get(c.stage)
            if parent is None:
                parent = QTreeWidgetItem([stage_name(c.stage, lang)])
                parent.setFlags(Qt.ItemFlag.ItemIsEnabled)
                font = parent.font(0)
                font.setBold(True)
                parent.setFont(0, font)
                self.chosen.addTopLevelItem(parent)
                by_stage[c.stage] = parent
            child = QTreeWidgetItem([self._name(c)])
            child.setData(0, ROLE, c.id)
            child.setFlags(child.flags() | Qt.ItemFlag.ItemIsEditable)
            tool = load_catalogue().tool(c.key) if c.key else None
            child.setToolTip(0, tool.description.get(lang) if tool else _("Your own component"))
            parent.addChild(child)
            if c.id == selected:
                self.chosen.setCurrentItem(child)
        self.chosen.expandAll()
        self.chosen.blockSignals(False)
        for combo in (self.from_combo, self.to_combo):
            keep = combo.currentData(ROLE)
            combo.blockSignals(True)
            combo.clear()
            for c in arch.components:
                combo.addItem(f"{self._name(c)} ({stage_name(c.stage, lang)})", c.id)
            index = combo.findData(keep)
            combo.setCurrentIndex(index if index >= 0 else (0 if combo is self.from_combo else min(1, combo.count() - 1)))
            combo.blockSignals(False)
        row = self.links_list.currentRow()
        self.links_list.clear()
        for link in arch.links:
            source, target = arch.component(link.source), arch.component(link.target)
            text = f"{self._name(source)} → {self._name(target)}"
            if link.label:
                text += f" · {link.label}"
            if link.style != "arrow":
                text += f" ({_(dict(STYLE_NAMES)[link.style]).lower()})"
            self.links_list.addItem(text)
        self.links_list.setCurrentRow(min(row, self.links_list.count() - 1))
        self._update_buttons()
        self._redraw_timer.start()

    def redraw(self) -> None:
        self.view.set_architecture(self.architecture, self.document.language)
        if self._larger is not None and self._larger.isVisible():
            self._larger.view.set_architecture(self.architecture, self.document.language)
        from editor.core.architecture.mermaid_write import mermaid_block

        arch = self.architecture
        self.mermaid.setPlainText("" if arch.is_empty() else "\n".join(mermaid_block(arch, self.document.language)))

    def save_picture(self, path: str | None = None) -> bool:
        """Save the diagram as SVG (vector) or PNG, to use elsewhere; False when nothing was written."""
        if path is None:
            start = str(self.document.path.with_name("architecture.svg")) if self.document.path else "architecture.svg"
            path, _filter = QFileDialog.getSaveFileName(self, _("Save the diagram as a picture"), start,
                                                        _("SVG picture (*.svg);;PNG image (*.png)"))
            if not path:
                return False
        from editor.core.architecture.svg import diagram_svg
        from editor.core.storage import StorageError, atomic_write_bytes

        svg = diagram_svg(self.architecture, self.document.language)
        if path.lower().endswith(".png"):
            from editor.app.export_images import svg_png

            data = svg_png(svg)
        else:
            data = svg if path.lower().endswith(".svg") else None
            if data is None:
                path, data = path + ".svg", svg
        try:
            atomic_write_bytes(path, data)
        except StorageError as exc:
            self.status.setText(str(exc))
            return False
        self.status.setText(_("Diagram saved as {path}").format(path=path))
        return True

    def show_larger(self) -> None:
        """The diagram in a window of its own, as large as the screen allows."""
        if self._larger is None:
            self._larger = QDialog(self)
            self._larger.view = ArchitectureView(self._larger)
            box = QVBoxLayout(self._larger)
            box.setContentsMargins(0, 0, 0, 0)
            box.addWidget(self._larger.view)
            self._larger.resize(1000, 760)
        self._larger.setWindowTitle(_("Architecture diagram"))
        self._larger.view.set_architecture(self.architecture, self.document.language)
        self._larger.show()
        self._larger.raise_()

    def _update_buttons(self) -> None:
        text = " ".join(self.search.text().split())
        self.add_button.setEnabled(self.catalogue_list.currentItem() is not None)
        self.free_button.setEnabled(bool(text))
        full = _("Add “{name}” as my own").format(name=text) if text else _("My own: type its name above")
        room = max(40, self.free_button.width() - 36)  # the icon and the margins
        self.free_button.setText(self.fontMetrics().elidedText(full, Qt.TextElideMode.ElideRight, room))
        self.free_button.setToolTip(_("Add a component that is not in the catalogue, named as you typed it"))
        component = self.selected_id()
        for widget in (self.move_combo, self.remove_button, self.up_button, self.down_button):
            widget.setEnabled(component is not None)
        if component is not None:
            c = self.architecture.component(component)
            if c is not None:
                self.move_combo.setCurrentIndex(max(0, self.move_combo.findData(c.stage)))
        self.link_button.setEnabled(len(self.architecture.components) >= 2)
        self.save_button.setEnabled(bool(self.architecture.components))
        self.larger_button.setEnabled(bool(self.architecture.components))
        self.feedback_button.setEnabled(edit.feedback_ends(self.architecture) is not None)
        self.unlink_button.setEnabled(self.links_list.currentRow() >= 0)

    def selected_id(self) -> str | None:
        item = self.chosen.currentItem()
        return item.data(0, ROLE) if item is not None else None

    # -- edits ----------------------------------------------------------------------------------------
    def _push(self, arch, message: str, **fields) -> None:
        self.status.setText("")
        self.document.set_architecture(arch, message, **fields)

    def _try(self, action) -> bool:
        try:
            action()
        except ValueError as exc:
            self.status.setText(_(str(exc)))
            return False
        return True

    def add_selected(self) -> None:
        item = self.catalogue_list.currentItem()
        if item is None:
            return
        stage = self.stage_combo.currentData(ROLE) or None
        arch, new_id = edit.add_tool(self.architecture, item.data(ROLE), stage)
        self._push(arch, N_("Add {item} to the diagram"), item=self._name(arch.component(new_id)))
        self._select(new_id)

    def add_free(self) -> None:
        def run() -> None:
            stage = self.stage_combo.currentData(ROLE) or ""
            arch, new_id = edit.add_free(self.architecture, self.search.text(), stage)
            self._push(arch, N_("Add {item} to the diagram"), item=self._name(arch.component(new_id)))
            self._select(new_id)
            self.search.clear()

        self._try(run)

    def add_selected_or_free(self) -> None:
        if self.catalogue_list.currentItem() is not None:
            self.add_selected()
            self.search.clear()
        else:
            self.add_free()

    def _select(self, component_id: str) -> None:
        for i in range(self.chosen.topLevelItemCount()):
            parent = self.chosen.topLevelItem(i)
            for j in range(parent.childCount()):
                if parent.child(j).data(0, ROLE) == component_id:
                    self.chosen.setCurrentItem(parent.child(j))
                    return

    def _on_renamed(self, item: QTreeWidgetItem, _column: int) -> None:
        component_id = item.data(0, ROLE)
        c = self.architecture.component(component_id) if component_id else None
        if c is None or item.text(0) == self._name(c):
            return
        old = self._name(c)
        if not self._try(lambda: self._push(edit.rename(self.architecture, component_id, item.text(0)),
                                            N_("Rename {item}"), item=old)):
            QTimer.singleShot(0, self.refresh)

    def _move_to_stage(self, _index: int) -> None:
        component_id = self.selected_id()
        if component_id is None:
            return
        stage = self.move_combo.currentData(ROLE) or ""
        c = self.architecture.component(component_id)
        if c is not None and c.stage != stage:
            self._push(edit.move_to_stage(self.architecture, component_id, stage), N_("Move {item} to another stage"),
                       item=self._name(c))

    def _reorder(self, step: int) -> None:
        component_id = self.selected_id()
        if component_id is not None:
            arch = edit.move_within_stage(self.architecture, component_id, step)
            if arch is not self.architecture:
                self._push(arch, N_("Reorder the diagram"))

    def remove_selected(self) -> None:
        component_id = self.selected_id()
        c = self.architecture.component(component_id) if component_id else None
        if c is not None:
            self._push(edit.remove(self.architecture, component_id), N_("Remove {item} from the diagram"),
                       item=self._name(c))

    def add_link(self) -> None:
        source, target = self.from_combo.currentData(ROLE), self.to_combo.currentData(ROLE)
        if not source or not target:
            return
        arch = self.architecture

        def run() -> None:
            new = edit.add_link(arch, source, target, self.link_label.text(), self.style_combo.currentData(ROLE))
            self._push(new, N_("Link {source} to {target}"), source=self._name(arch.component(source)),
                       target=self._name(arch.component(target)))
            self.link_label.clear()

        self._try(run)

    def add_feedback_loop(self) -> None:
        self._try(lambda: self._push(edit.add_feedback_loop(self.architecture), N_("Add the feedback loop")))

    def remove_link(self) -> None:
        row = self.links_list.currentRow()
        if row >= 0:
            self._push(edit.remove_link(self.architecture, row), N_("Remove a link"))

    def _text_block(self):
        """The section text's Mermaid flowchart as (text without it, architecture, notes), or None."""
        from editor.core.formats.mdarchitecture import take_from_prose

        text = self.document.proposal.section("architecture")
        if "mermaid" not in text or not self.architecture.is_empty():
            return None
        prose, arch, notes = take_from_prose(text.split("\n"))
        return None if arch is None else ("\n".join(prose).strip("\n"), arch, notes)

    def _check_text_block(self) -> None:
        self.import_button.setVisible(self._text_block() is not None)

    def import_from_text(self) -> None:
        """Move the flowchart written in section 5's text into the builder (one undo step)."""
        found = self._text_block()
        if found is None:
            return
        prose, arch, notes = found
        with self.document.named_group(N_("Move the Mermaid diagram into the builder")):
            self.document.set_section_text("architecture", prose)
            self.document.set_architecture(arch)
        self.status.setText(" ".join(notes))
        self.import_button.hide()

    # -- signals, language ------------------------------------------------------------------------
    def _on_changed(self, what: str) -> None:
        # "architecture" is also section 5's text: a keystroke there leaves the diagram object as it was.
        if what in ("all", "language") or (what == "architecture" and self.architecture is not self._shown):
            self.refresh()
        if what in ("architecture", "all"):
            self._text_timer.start()

    def retranslateUi(self) -> None:  # noqa: N802 - Qt naming
        lang = current_language()
        self.import_button.setText(_("The text holds a Mermaid flowchart: move it into the builder"))
        self.tabs.setTabText(0, _("Components"))
        self.tabs.setTabText(1, _("Links"))
        self.tabs.setTabText(2, _("Image"))
        self.tabs.setTabToolTip(2, _("Attach a picture of the architecture drawn elsewhere"))
        self.tabs.setTabText(3, "Mermaid")
        self.tabs.setTabToolTip(3, _("The diagram as the Markdown file stores it: GitHub draws this text"))
        self.mermaid.setAccessibleName(_("Mermaid text of the diagram"))
        self.view.setToolTip(_("Double-click to see the diagram larger"))
        self.larger_button.setText(_("Larger"))
        self.larger_button.setToolTip(_("See the diagram in a window of its own"))
        self.save_button.setText(_("Save picture…"))
        self.save_button.setToolTip(_("Save the diagram as an SVG or PNG picture"))
        keep = self.stage_combo.currentData(ROLE)
        self.stage_combo.blockSignals(True)
        self.stage_combo.clear()
        self.stage_combo.addItem(_("All stages"), "")
        self.move_combo.clear()
        for stage in STAGES:
            self.stage_combo.addItem(stage_name(stage, lang), stage)
            self.move_combo.addItem(stage_name(stage, lang), stage)
        self.move_combo.addItem(stage_name("", lang), "")
        self.stage_combo.setCurrentIndex(max(0, self.stage_combo.findData(keep)))
        self.stage_combo.blockSignals(False)
        self.stage_combo.setAccessibleName(_("Lifecycle stage"))
        self.search.setPlaceholderText(_("Search the catalogue (French or English names)…"))
        self.search.setAccessibleName(_("Search the tool catalogue"))
        self.catalogue_list.setAccessibleName(_("Tool catalogue"))
        self.add_button.setText(_("Add"))
        self.add_button.setToolTip(_("Add the selected tool to the diagram"))
        self.chosen_label.setText(_("In the diagram:"))
        self.chosen.setToolTip(_("Double-click a name to rename it"))
        self.chosen.setAccessibleName(_("Components of the diagram"))
        self.move_label.setText(_("Stage:"))
        self.move_combo.setAccessibleName(_("Move the component to a stage"))
        self.up_button.setToolTip(_("Move up within its stage"))
        self.down_button.setToolTip(_("Move down within its stage"))
        self.remove_button.setToolTip(_("Remove the component and its links"))
        self.remove_button.setAccessibleName(_("Remove the component"))
        for label, text in zip(self.form_labels, (_("&From:"), _("&To:"), _("&Label:"), _("St&yle:"))):
            label.setText(text)
        self.link_label.setPlaceholderText(_("optional, e.g. builds, deploys"))
        keep_style = self.style_combo.currentData(ROLE)
        self.style_combo.clear()
        for key, name in STYLE_NAMES:
            self.style_combo.addItem(_(name), key)
        self.style_combo.setCurrentIndex(max(0, self.style_combo.findData(keep_style)))
        self.link_button.setText(_("Add link"))
        self.feedback_button.setText(_("Feedback loop"))
        self.feedback_button.setToolTip(_("Add the dotted link from monitoring back to retraining"))
        self.links_list.setAccessibleName(_("Links of the diagram"))
        self.unlink_button.setText(_("Remove link"))
        self.view.setAccessibleName(_("Architecture diagram, as exported"))
        self.view.set_empty_text(_("Pick the tools of your architecture on the left: the diagram draws itself here, "
                                   "in the document's language, as the PDF and DOCX will show it."))
        self._fill_catalogue()
        self.refresh()

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self._update_buttons()  # the free entry's button cuts its text to its new width

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)
