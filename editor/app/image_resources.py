"""Image files Qt would otherwise read by itself, read through the core's image rules instead.

``QTextDocument`` (the PDF), ``QTextBrowser`` (the preview) and ``QImageReader`` (the diagram's
thumbnail) open any local path an ``<img>`` or a file name gives them, with no limit: ``/dev/zero`` or
a pipe would hang the app, and the PDF would carry any picture of the disk. Here each such read goes
through :func:`editor.core.images.read_image`, so devices, pipes, huge files and SVGs that load
other files are refused, and an export keeps to the images its policy allows.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QUrl
from PySide6.QtGui import QImage, QImageReader, QTextDocument

from editor.core.images import ImagePolicy, ImageRefused, read_image


def _written_path(url: QUrl) -> str | None:
    """The file an ``<img src>`` names, as the proposal writes it; None for anything else."""
    scheme = url.scheme().lower()
    if scheme == "file":
        return url.toLocalFile()
    if scheme == "" or (len(scheme) == 1 and os.name == "nt"):  # C:/pictures/a.png reads as scheme "c"
        return url.toString() if scheme else url.path()
    return None


def image_resource(url: QUrl, base_dir, policy: ImagePolicy) -> QImage:
    """The image ``url`` names (relative to ``base_dir``) as the policy allows, else a null QImage.

    Never None: given nothing, Qt's text layout opens the file itself (``QImage(name)``).
    """
    written = _written_path(url)
    if not written:
        return QImage()
    try:
        data = read_image(written, base_dir, policy)
    except ImageRefused:
        return QImage()
    return QImage.fromData(data)


class PolicyTextDocument(QTextDocument):
    """A QTextDocument whose ``<img>`` files are read by the image rules (the PDF's pages)."""

    def __init__(self, base_dir, policy: ImagePolicy, parent=None) -> None:
        super().__init__(parent)
        self.base_dir = Path(base_dir) if base_dir is not None else Path(".")
        self.policy = policy

    def loadResource(self, kind: int, url: QUrl):  # noqa: N802 - Qt API
        if url.scheme().lower() == "data":
            return super().loadResource(kind, url)
        if kind == QTextDocument.ResourceType.ImageResource.value:
            return image_resource(url, self.base_dir, self.policy)
        return QByteArray()  # style sheets and the rest: nothing from the disk


def image_reader(path: str | os.PathLike, policy: ImagePolicy | None = None) -> QImageReader | None:
    """A QImageReader over the image file's bytes, read by the image rules; None when refused."""
    try:
        data = read_image(str(path), None, policy or ImagePolicy.untitled())
    except ImageRefused:
        return None
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer)
    reader._buffer = buffer  # the reader does not own its device
    return reader
