"""Building blocks of hostile files: images with a canary, zips that lie, DOCX parts, proposals.

Everything is made in memory at test time from a few bytes; nothing big is stored in the repository.
"""

from __future__ import annotations

import bz2
import io
import random
import struct
import zipfile
import zlib
from functools import cache

MB = 1024 * 1024
W = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
R = b'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
CONTENT_TYPES = (b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                 b'<Default Extension="xml" ContentType="application/xml"/></Types>')
PASSWD_MARK = b"root:x:0:0"


def png(text: bytes = b"", width: int = 4, height: int = 3, colour: bytes = b"\x30\x60\x90") -> bytes:
    """A real PNG (RGB), with ``text`` in a tEXt chunk: embedded as-is, its bytes show where it went."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    rows = b"".join(b"\x00" + colour * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + (chunk(b"tEXt", b"Comment\x00" + text) if text else b"")
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def svg_loading(href: str) -> bytes:
    """An SVG that asks its renderer to load another file."""
    return (f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="40" '
            f'height="30"><image x="0" y="0" width="40" height="30" xlink:href="{href}"/></svg>').encode()


def zip_bytes(entries: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def lying_sizes(data: bytes, name: str, claimed: int) -> bytes:
    """``data`` with the uncompressed size of ``name`` rewritten in both zip headers."""
    raw = bytearray(data)
    info = zipfile.ZipFile(io.BytesIO(data)).getinfo(name)
    struct.pack_into("<I", raw, info.header_offset + 22, claimed)
    pos = raw.find(b"PK\x01\x02")
    while pos >= 0:
        name_len = struct.unpack_from("<H", raw, pos + 28)[0]
        if bytes(raw[pos + 46:pos + 46 + name_len]) == name.encode():
            struct.pack_into("<I", raw, pos + 24, claimed)
        pos = raw.find(b"PK\x01\x02", pos + 4)
    return bytes(raw)


def bzip2_member(name: str, data: bytes) -> bytes:
    """A zip whose one member is bzip2-compressed (zipfile would inflate it whole at once)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_BZIP2) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr(name, data)
    assert bz2  # the module zipfile needs for this member
    return buffer.getvalue()


def nested_zip(depth: int = 4, width: int = 8) -> bytes:
    """42.zip in small: zips of zips of one deflated megabyte of zeros (never opened by the reader)."""
    data = zip_bytes({"zeros.bin": b"\0" * MB})
    for _level in range(depth):
        data = zip_bytes({f"{i}.zip": data for i in range(width)}, zipfile.ZIP_STORED)
    return data


@cache
def real_docx() -> bytes:
    """A DOCX the app wrote (the example proposal), to forge parts into."""
    from editor.core.example import example_proposal
    from editor.core.formats.docx import build_docx

    proposal = example_proposal("en")
    proposal.diagram = proposal.diagram.model_copy(update={"path": ""})
    return build_docx(proposal)[0]


def docx_with(parts: dict[str, bytes], drop: tuple[str, ...] = ()) -> bytes:
    """The real DOCX with some parts replaced or added (and ``drop``ped)."""
    source = zipfile.ZipFile(io.BytesIO(real_docx()))
    entries = {i.filename: source.read(i.filename) for i in source.infolist() if i.filename not in drop}
    entries.update(parts)
    return zip_bytes(entries)


def body(inner: bytes) -> bytes:
    return b"<w:document " + W + b" " + R + b"><w:body>" + inner + b"</w:body></w:document>"


def docx_body(inner: bytes) -> bytes:
    """The real DOCX with its body replaced (its stored proposal dropped: the body is walked)."""
    return docx_with({"word/document.xml": body(inner)})


def words(count: int, seed: int = 20) -> list[bytes]:
    """Varied words (a hostile file need not compress 1000 to 1 to be slow), 5,000 distinct ones in turn."""
    rng = random.Random(seed)
    vocabulary = [bytes(rng.choice(b"abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(3, 9)))
                  for _ in range(min(count, 5000))]
    return [vocabulary[i % len(vocabulary)] + b"%d" % i for i in range(count)]


def paragraphs(count: int) -> bytes:
    return b"".join(b"<w:p><w:r><w:t>" + w + b" text</w:t></w:r></w:p>" for w in words(count))


def laughs() -> bytes:
    entities = b"".join(b'<!ENTITY l%d "%s">' % (i, b"&l%d;" % (i - 1) * 10) for i in range(1, 10))
    return (b'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY l0 "lol">' + entities + b"]>"
            + body(b"<w:p><w:r><w:t>&l9;</w:t></w:r></w:p>"))


def external_entity() -> bytes:
    return (b'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
            + body(b"<w:p><w:r><w:t>&x;</w:t></w:r></w:p>"))


def external_relationships(port: int) -> dict[str, bytes]:
    """Hyperlinks, an image and an attached template pointing out: web, a local file, a share."""
    targets = [f"http://127.0.0.1:{port}/doc", "file:///etc/passwd", "\\\\server\\share\\x.png",
               f"http://127.0.0.1:{port}/img.png"]
    rels = b"".join(
        b'<Relationship Id="rX%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/%s" '
        b'Target="%s" TargetMode="External"/>' % (i, b"image" if t.endswith(".png") else b"hyperlink", t.encode())
        for i, t in enumerate(targets))
    rels_xml = (b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                b'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                b'relationships/styles" Target="styles.xml"/>' + rels + b"</Relationships>")
    links = b"".join(b'<w:p><w:hyperlink r:id="rX%d"><w:r><w:t>link %d</w:t></w:r></w:hyperlink></w:p>' % (i, i)
                     for i in range(3))
    picture = (b'<w:p><w:r><w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/'
               b'wordprocessingDrawing"><a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
               b'<a:graphicData><pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture">'
               b'<pic:blipFill><a:blip r:link="rX3"/></pic:blipFill></pic:pic></a:graphicData></a:graphic>'
               b"</wp:inline></w:drawing></w:r></w:p>")
    return {"word/document.xml": body(b"<w:p><w:r><w:t>Summary</w:t></w:r></w:p>" + links + picture),
            "word/_rels/document.xml.rels": rels_xml}


FRONT = "---\nformat: mlops-proposal/1\ntitle: Hostile\nlanguage: en\n---\n\n# Hostile\n\n"


def proposal_md(summary: str = "A short summary.", architecture: str = "", diagram: str | None = None,
                front: str = FRONT) -> str:
    """A small proposal in the app's format, with what a case puts in its summary, section 5 and diagram."""
    block = f"\n<!-- proposal:diagram -->\n\n![Diagram]({diagram})\n" if diagram is not None else ""
    return (f"{front}## 1. Project Title\n\nHostile\n\n## 2. Summary\n\n{summary}\n\n"
            f"## 5. MLOps Technical Architecture\n\n{architecture}\n{block}")


def repeat(head: str, unit: str, size: int) -> bytes:
    return (head + unit * (size // len(unit))).encode("utf-8")
