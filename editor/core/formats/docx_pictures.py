"""What a DOCX drawing holds: a picture (its bytes, format and description), or
something Markdown cannot carry (a chart, a shape, a text box, SmartArt).

Pictures are found in DrawingML (``w:drawing``, inline or anchored) and in VML
(``w:pict``, older files and LibreOffice fallbacks); a ``mc:AlternateContent``
is read once. The bytes come from the part the relationship names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_PIC = "{http://schemas.openxmlformats.org/drawingml/2006/picture}"
_WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_V = "{urn:schemas-microsoft-com:vml}"
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"

# Extensions by content type, for the pictures a browser (and GitHub) shows, then the others.
EXTENSIONS = {
    "image/png": "png", "image/jpeg": "jpg", "image/gif": "gif", "image/webp": "webp", "image/svg+xml": "svg",
    "image/bmp": "bmp", "image/tiff": "tif", "image/x-emf": "emf", "image/x-wmf": "wmf",
}
_MAGIC = ((b"\x89PNG\r\n\x1a\n", "png"), (b"\xff\xd8\xff", "jpg"), (b"GIF8", "gif"), (b"BM", "bmp"))


@dataclass
class Drawing:
    """One drawing of the document: ``kind`` is ``picture``, or what it is when it is not."""

    kind: str  # picture, linked, chart, smartart, shape, textbox, unreadable
    data: bytes = b""
    ext: str = ""
    alt: str = ""
    name: str = ""
    text: str = ""  # the words of a text box


def extension(data: bytes, content_type: str, partname: str = "") -> str:
    """The file extension for a picture's bytes (by content, then type, then part name)."""
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    for magic, ext in _MAGIC:
        if data.startswith(magic):
            return ext
    if b"<svg" in data[:4096].lower():
        return "svg"
    ext = EXTENSIONS.get(content_type.lower())
    if ext:
        return ext
    m = re.search(r"\.([A-Za-z0-9]{2,5})$", partname)
    return m.group(1).lower() if m else "bin"


def _text_of(element) -> str:
    texts = []
    for p in element.iter(_W + "p"):
        line = "".join(t.text or "" for t in p.iter(_W + "t"))
        if line.strip():
            texts.append(line.strip())
    return " / ".join(texts)


def _blob(part, rid: str | None) -> tuple[bytes, str, str] | None:
    if not rid:
        return None
    rel = part.rels.get(rid)
    if rel is None or rel.is_external:
        return None
    target = rel.target_part
    return target.blob, getattr(target, "content_type", ""), str(getattr(target, "partname", ""))


def read_drawing(element, part) -> Drawing:
    """The content of a ``w:drawing``, ``w:pict``, ``w:object`` or ``mc:AlternateContent`` element.

    ``part`` is the python-docx part whose relationships the element uses.
    """
    if element.tag == _MC + "AlternateContent":
        choice = element.find(_MC + "Choice")
        fallback = element.find(_MC + "Fallback")
        found = [read_drawing(child, part) for branch in (choice, fallback) if branch is not None
                 for child in branch if child.tag in (_W + "drawing", _W + "pict", _W + "object")]
        pictures = [d for d in found if d.kind == "picture"]
        return (pictures or found or [Drawing("shape")])[0]
    descr = ""
    name = ""
    for doc_pr in element.iter(_WP + "docPr"):
        descr = (doc_pr.get("descr") or doc_pr.get("title") or "").strip()
        name = (doc_pr.get("name") or "").strip()
        break
    for data in element.iter(_A + "graphicData"):
        uri = data.get("uri", "")
        if uri.endswith("/chart"):
            return Drawing("chart", alt=descr, name=name)
        if uri.endswith("/diagram"):
            return Drawing("smartart", alt=descr, name=name, text=_text_of(element))
        break
    for blip in element.iter(_A + "blip"):
        if blip.getparent() is not None and blip.getparent().tag != _PIC + "blipFill":
            continue
        found = _blob(part, blip.get(_R + "embed"))
        if found is None:
            return Drawing("linked" if blip.get(_R + "link") else "unreadable", alt=descr, name=name)
        data, ctype, partname = found
        return Drawing("picture", data, extension(data, ctype, partname), descr, name)
    for imagedata in element.iter(_V + "imagedata"):
        found = _blob(part, imagedata.get(_R + "id"))
        if found is None:
            return Drawing("linked" if imagedata.get(_R + "href") else "unreadable", alt=descr, name=name)
        data, ctype, partname = found
        alt = descr or (imagedata.get("{urn:schemas-microsoft-com:office:office}title") or "").strip()
        return Drawing("picture", data, extension(data, ctype, partname), alt, name)
    text = _text_of(element)
    if text:
        return Drawing("textbox", alt=descr, name=name, text=text)
    return Drawing("shape", alt=descr, name=name)
