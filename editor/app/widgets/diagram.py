"""Section 5: attach the architecture diagram (PNG, JPEG, SVG), see a thumbnail, caption it."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QFileDialog, QFormLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from editor.app.document import ProposalDocument
from editor.app.icons import icon
from editor.app.widgets.editors import DocLineEdit
from editor.core.model import Diagram
from editor.i18n import _

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".svg")
THUMB = QSize(360, 200)


def resolve_diagram(document: ProposalDocument) -> Path | None:
    """The diagram's file path (relative paths are relative to the proposal's folder)."""
    raw = document.proposal.diagram.path
    if not raw:
        return None
    path = Path(raw)
    if not path.is_absolute() and document.path is not None:
        path = document.path.parent / path
    return path


def stored_path(image: Path) -> str:
    """Absolute, '/' separators: the document keeps it so; saving makes it relative to the file
    when the image is in the file's folder (``editor.core.io.portable_diagram``)."""
    return Path(os.path.abspath(image)).as_posix()


def shown_path(document: ProposalDocument) -> str:
    """The diagram's path as the panel shows it: relative to the proposal's folder when inside it."""
    raw = document.proposal.diagram.path
    if raw and document.path is not None and Path(raw).is_absolute():
        try:
            rel = os.path.relpath(raw, document.path.parent)
            if not rel.startswith(".."):
                return Path(rel).as_posix()
        except ValueError:  # another drive on Windows
            pass
    return raw


def load_thumbnail(path: Path, size: QSize = THUMB) -> QPixmap | None:
    from editor.app.image_resources import image_reader

    reader = image_reader(path)  # never a device or a pipe, nor a huge file
    if reader is None:
        return None
    reader.setAutoTransform(True)
    original = reader.size()
    if original.isValid():
        reader.setScaledSize(original.scaled(size, Qt.AspectRatioMode.KeepAspectRatio))
    image = reader.read()
    if image.isNull():
        return None
    return QPixmap.fromImage(image)


class _Thumbnail(QLabel):
    """The picture, scaled down to the room it has (never wider than the page allows)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._source = QPixmap()

    def setPixmap(self, pixmap: QPixmap) -> None:  # noqa: N802 - Qt API
        self._source = QPixmap(pixmap)
        self._rescale()

    def _rescale(self) -> None:
        room = self.contentsRect().size()
        if self._source.isNull() or room.isEmpty():
            super().setPixmap(self._source)
            return
        size = self._source.size().scaled(room.boundedTo(self._source.size()), Qt.AspectRatioMode.KeepAspectRatio)
        super().setPixmap(self._source.scaled(size, Qt.AspectRatioMode.KeepAspectRatio,
                                              Qt.TransformationMode.SmoothTransformation))

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self._rescale()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return self._source.size().grownBy(self.contentsMargins()) if not self._source.isNull() else super().sizeHint()

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(60, 60)


class _PathLabel(QLabel):
    """A file path cut in the middle to the label's width; the whole path in the tooltip."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = ""

    def setText(self, text: str) -> None:  # noqa: N802 - Qt API
        self._full = text
        self.setToolTip(text)
        self._elide()

    def full_text(self) -> str:
        return self._full

    def _elide(self) -> None:
        width = max(20, self.contentsRect().width())
        super().setText(self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideMiddle, width))

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self._elide()

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(40, super().minimumSizeHint().height())

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(self.fontMetrics().horizontalAdvance(self._full) + 4, super().sizeHint().height())


class DiagramWidget(QWidget):
    placement = "bottom"

    def __init__(self, document: ProposalDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.title = QLabel(self)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.thumbnail = _Thumbnail(self)
        self.thumbnail.setMinimumHeight(120)
        self.thumbnail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.thumbnail.setFrameShape(QLabel.Shape.StyledPanel)
        self.thumbnail.setWordWrap(True)
        self.attach_button = QPushButton(icon("image"), "", self)
        self.remove_button = QPushButton(icon("remove"), "", self)
        self.attach_button.clicked.connect(self.choose_image)
        self.remove_button.clicked.connect(self.remove_image)
        self.path_label = _PathLabel(self)
        self.path_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.caption_label = QLabel(self)
        self.caption_edit = DocLineEdit(
            document, lambda: document.proposal.diagram.caption, self._set_caption, ("diagram",), self
        )
        self.caption_label.setBuddy(self.caption_edit)
        buttons = QVBoxLayout()
        buttons.addWidget(self.attach_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.thumbnail, 1)
        row.addLayout(buttons)
        form = QFormLayout()
        form.addRow(self.caption_label, self.caption_edit)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addWidget(self.title)
        layout.addLayout(row, 1)
        layout.addWidget(self.path_label)
        layout.addLayout(form)
        document.changed.connect(self._on_changed)
        document.pathChanged.connect(lambda _p: self.refresh())
        self.retranslateUi()

    def _set_caption(self, text: str) -> None:
        d = self.document.proposal.diagram
        self.document.set_part("diagram", Diagram(path=d.path, caption=text), _("Edit diagram caption"), merge_key="diagram.caption")

    def choose_image(self) -> None:
        start = str(self.document.path.parent) if self.document.path else ""
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Attach the architecture diagram"), start, _("Images (*.png *.jpg *.jpeg *.svg)")
        )
        if path:
            self.attach(Path(path))

    def attach(self, path: Path) -> bool:
        """Attach ``path`` if it is a readable image; False (and a message) otherwise."""
        if path.suffix.lower() not in IMAGE_SUFFIXES or load_thumbnail(path) is None:
            self.path_label.setText(_("{name} is not a PNG, JPEG or SVG image that can be read.").format(name=path.name))
            return False
        caption = self.document.proposal.diagram.caption
        self.document.set_diagram(Diagram(path=stored_path(path), caption=caption))
        return True

    def remove_image(self) -> None:
        caption = self.document.proposal.diagram.caption
        self.document.set_diagram(Diagram(path="", caption=caption))

    def _on_changed(self, what: str) -> None:
        if what in ("diagram", "all"):
            self.refresh()

    def refresh(self) -> None:
        name = self.document.proposal.diagram.path
        carried = self.document.proposal.media.get(name)
        if carried is not None:  # taken out of a DOCX: kept in memory until saved (editor/core/media.py)
            pixmap = QPixmap()
            pixmap.loadFromData(carried)
            self.remove_button.setEnabled(True)
            self.thumbnail.setPixmap(pixmap)
            self.path_label.setText(_("{name}, from the opened document (written next to the file when saved "
                                      "as Markdown)").format(name=name))
            return
        path = resolve_diagram(self.document)
        self.remove_button.setEnabled(path is not None)
        if path is None:
            self.thumbnail.setPixmap(QPixmap())
            self.thumbnail.setText(_("No diagram attached yet."))
            self.path_label.setText("")
            return
        pixmap = load_thumbnail(path)
        if pixmap is None:
            self.thumbnail.setPixmap(QPixmap())
            self.thumbnail.setText(_("The image {path} cannot be read.").format(path=shown_path(self.document)))
        else:
            self.thumbnail.setPixmap(pixmap)
        self.path_label.setText(shown_path(self.document))

    def retranslateUi(self) -> None:  # noqa: N802
        self.title.setText(_("Architecture diagram"))
        self.attach_button.setText(_("Attach image…"))
        self.attach_button.setToolTip(_("Choose a PNG, JPEG or SVG image of your architecture"))
        self.remove_button.setText(_("Remove"))
        self.remove_button.setAccessibleName(_("Remove the diagram"))
        self.caption_label.setText(_("&Caption:"))
        self.caption_edit.setAccessibleName(_("Diagram caption"))
        self.thumbnail.setAccessibleName(_("Diagram thumbnail"))
        self.refresh()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)
