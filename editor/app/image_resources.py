"""Image files Qt would otherwise read by itself, kept to the core's image rules instead.

``QTextDocument`` (the PDF), ``QTextBrowser`` (the preview) and ``QImageReader`` (the diagram's
thumbnail) open any local path an ``<img>`` or a file name gives them, with no limit: ``/dev/zero`` or
a pipe would hang the app, and the PDF would carry any picture of the disk. The exports embed every
picture as ``data:`` (read through :func:`editor.core.images.read_image`), so the text documents here
show embedded pictures only, and the thumbnail's bytes are read by the same rules.
"""

from __future__ import annotations

import os

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QUrl
from PySide6.QtGui import QImage, QImageReader, QTextDocument

from editor.core.images import ImagePolicy, ImageRefused, read_image


def embedded_resource(kind: int, url: QUrl, load):
    """What a text document or browser shows for ``url``: ``load()`` for a ``data:`` address,
    else an empty image or nothing (never None, which would have Qt read the path itself)."""
    if url.scheme().lower() == "data":
        return load()
    return QImage() if kind == QTextDocument.ResourceType.ImageResource.value else QByteArray()


class EmbeddedOnlyTextDocument(QTextDocument):
    """A QTextDocument that shows embedded ``data:`` pictures only (the PDF's pages)."""

    def loadResource(self, kind: int, url: QUrl):  # noqa: N802 - Qt API
        return embedded_resource(kind, url, lambda: super(EmbeddedOnlyTextDocument, self).loadResource(kind, url))


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
