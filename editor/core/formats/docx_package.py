"""A small OPC (zip) package for the DOCX writer, built on lxml alone.

The writer does not drive python-docx, whose import and proxy objects cost
more than building the document itself. This package starts from the very
same template (python-docx's ``default.docx``, read with :mod:`zipfile`
without importing python-docx) and writes the parts, relationships and
content types the way python-docx does, so the files are unchanged: parts
python-docx parses (document, styles, settings, numbering, core properties,
header, footer) are parsed here too and re-serialised; the others are
copied byte for byte. Relationship ids fill gaps from ``rId1`` and images
are shared by content hash, as in python-docx.
"""

from __future__ import annotations

import hashlib
import importlib.util
import io
import posixpath
import zipfile
from functools import cache
from pathlib import Path

from lxml import etree

RT_BASE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
RT_HYPERLINK = RT_BASE + "hyperlink"
RT_IMAGE = RT_BASE + "image"
RT_HEADER = RT_BASE + "header"
RT_FOOTER = RT_BASE + "footer"
RT_CUSTOM_XML = RT_BASE + "customXml"
RT_CUSTOM_XML_PROPS = RT_BASE + "customXmlProps"
RT_THUMBNAIL = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail"
RT_OFFICE_DOCUMENT = RT_BASE + "officeDocument"
RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
CT_RELS = "application/vnd.openxmlformats-package.relationships+xml"
CT_XML = "application/xml"
CT_WML = "application/vnd.openxmlformats-officedocument.wordprocessingml."
CT_HEADER = CT_WML + "header+xml"
CT_FOOTER = CT_WML + "footer+xml"
CT_CUSTOM_XML_PROPS = "application/vnd.openxmlformats-officedocument.customXmlProperties+xml"
# python-docx parses these parts (and so re-serialises them without the template's indentation).
PARSED_TYPES = frozenset({
    CT_WML + "document.main+xml", CT_WML + "styles+xml", CT_WML + "settings+xml", CT_WML + "numbering+xml",
    CT_HEADER, CT_FOOTER, CT_WML + "comments+xml", "application/vnd.openxmlformats-package.core-properties+xml",
})
# Extensions whose content type goes in a <Default> entry (python-docx's list, for what we write).
DEFAULT_TYPES = frozenset({
    ("bmp", "image/bmp"), ("gif", "image/gif"), ("jpe", "image/jpeg"), ("jpeg", "image/jpeg"),
    ("jpg", "image/jpeg"), ("png", "image/png"), ("rels", CT_RELS), ("tif", "image/tiff"),
    ("tiff", "image/tiff"), ("xml", CT_XML), ("emf", "image/x-emf"), ("wmf", "image/x-wmf"),
})

# Image formats worth deflating in the zip (the others are compressed already).
_COMPRESSIBLE = frozenset({"image/bmp", "image/tiff", "image/x-emf", "image/x-wmf", "image/svg+xml"})

PARSER = etree.XMLParser(remove_blank_text=True, resolve_entities=False)


def parse(xml: str | bytes) -> etree._Element:
    """Parse an XML fragment the way python-docx does (insignificant whitespace dropped)."""
    return etree.fromstring(xml, PARSER)


def serialize(element: etree._Element) -> bytes:
    return etree.tostring(element, encoding="UTF-8", standalone=True)


@cache
def _template_dir() -> Path:
    """python-docx's templates folder, found without importing python-docx (its import is slow)."""
    spec = importlib.util.find_spec("docx")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("python-docx is not installed")
    return Path(list(spec.submodule_search_locations)[0]) / "templates"


def template_xml(name: str) -> etree._Element:
    """A python-docx XML template (``default-header.xml``...), parsed."""
    return parse((_template_dir() / name).read_bytes())


class Part:
    """One part: its name (``/word/document.xml``), content type, content and relationships."""

    def __init__(self, name: str, content_type: str, blob: bytes | None = None, element=None) -> None:
        self.name = name
        self.content_type = content_type
        self.blob = blob
        self.element = element
        # rId -> (reltype, target part name or URL, external)
        self.rels: dict[str, tuple[str, str, bool]] = {}

    def data(self) -> bytes:
        return serialize(self.element) if self.element is not None else self.blob

    def next_rid(self) -> str:
        n = 1
        while f"rId{n}" in self.rels:
            n += 1
        return f"rId{n}"

    def relate_to(self, target: Part, reltype: str) -> str:
        """The rId of a relationship to ``target`` (reused when it exists)."""
        for rid, (kind, ref, external) in self.rels.items():
            if kind == reltype and not external and ref == target.name:
                return rid
        rid = self.next_rid()
        self.rels[rid] = (reltype, target.name, False)
        return rid

    def relate_external(self, url: str, reltype: str = RT_HYPERLINK) -> str:
        for rid, (kind, ref, external) in self.rels.items():
            if kind == reltype and external and ref == url:
                return rid
        rid = self.next_rid()
        self.rels[rid] = (reltype, url, True)
        return rid

    def rels_xml(self) -> bytes:
        root = etree.Element(f"{{{RELS_NS}}}Relationships", nsmap={None: RELS_NS})
        base = posixpath.dirname(self.name)
        for rid, (kind, ref, external) in self.rels.items():
            rel = etree.SubElement(root, f"{{{RELS_NS}}}Relationship")
            rel.set("Id", rid)
            rel.set("Type", kind)
            rel.set("Target", ref if external else posixpath.relpath(ref, base))
            if external:
                rel.set("TargetMode", "External")
        return serialize(root)


class Package:
    """The parts of one document, starting from python-docx's default template."""

    def __init__(self) -> None:
        self.parts: dict[str, Part] = {}
        self.root = Part("/", "")
        self._images: dict[str, Part] = {}
        with zipfile.ZipFile(_template_dir() / "default.docx") as z:
            names = set(z.namelist())
            types = parse(z.read("[Content_Types].xml"))
            defaults = {d.get("Extension").lower(): d.get("ContentType") for d in types if d.tag.endswith("Default")}
            overrides = {o.get("PartName"): o.get("ContentType") for o in types if o.tag.endswith("Override")}
            self._load_rels(z, names, self.root, "_rels/.rels", defaults, overrides)

    def _load_rels(self, z, names, source: Part, rels_name: str, defaults, overrides) -> None:
        if rels_name not in names:
            return
        base = posixpath.dirname(source.name)
        for rel in parse(z.read(rels_name)):
            rid, kind, ref = rel.get("Id"), rel.get("Type"), rel.get("Target")
            if rel.get("TargetMode") == "External":
                source.rels[rid] = (kind, ref, True)
                continue
            name = posixpath.normpath(posixpath.join(base, ref))
            source.rels[rid] = (kind, name, False)
            if name in self.parts:
                continue
            ctype = overrides.get(name) or defaults.get(name.rsplit(".", 1)[-1].lower(), "")
            blob = z.read(name[1:])
            part = Part(name, ctype, element=parse(blob)) if ctype in PARSED_TYPES else Part(name, ctype, blob)
            self.parts[name] = part
            folder, file = posixpath.split(name)
            self._load_rels(z, names, part, f"{folder[1:]}/_rels/{file}.rels".lstrip("/"), defaults, overrides)

    # -- parts -----------------------------------------------------------------
    def part_by_type(self, source: Part, reltype: str) -> Part:
        for kind, ref, external in source.rels.values():
            if kind == reltype and not external:
                return self.parts[ref]
        raise KeyError(reltype)

    def next_partname(self, template: str) -> str:
        n = 1
        while template % n in self.parts:
            n += 1
        return template % n

    def add_part(self, name: str, content_type: str, blob: bytes | None = None, element=None) -> Part:
        part = Part(name, content_type, blob, element)
        self.parts[name] = part
        return part

    def image_part(self, data: bytes, ext: str, content_type: str) -> Part:
        """The image part holding ``data`` (shared when the same image is embedded twice)."""
        digest = hashlib.sha1(data).hexdigest()
        part = self._images.get(digest)
        if part is None:
            part = self.reserve_image_part(ext, content_type)
            part.blob = data
            self._images[digest] = part
        return part

    def reserve_image_part(self, ext: str, content_type: str) -> Part:
        """A new, still empty image part, numbered across extensions (image1.png, image2.jpg) as python-docx."""
        used = {name.rsplit(".", 1)[0] for name in self.parts if name.startswith("/word/media/")}
        n = 1
        while f"/word/media/image{n}" in used:
            n += 1
        return self.add_part(f"/word/media/image{n}.{ext}", content_type, b"")

    def fill_image_part(self, part: Part, data: bytes) -> bool:
        """Give a reserved part its image; False when an earlier part holds the same bytes."""
        digest = hashlib.sha1(data).hexdigest()
        if digest in self._images:
            return False  # python-docx would have shared that part: the caller builds again
        part.blob = data
        self._images[digest] = part
        return True

    # -- writing ---------------------------------------------------------------
    def _reachable(self) -> list[Part]:
        """Parts in python-docx's order: depth-first along the relationships from the package."""
        seen: list[Part] = []
        names: set[str] = set()

        def walk(source: Part) -> None:
            for _kind, ref, external in source.rels.values():
                if external or ref in names:
                    continue
                part = self.parts[ref]
                names.add(ref)
                seen.append(part)
                walk(part)

        walk(self.root)
        return seen

    def save(self) -> bytes:
        parts = self._reachable()
        defaults = {"rels": CT_RELS, "xml": CT_XML}
        overrides = {}
        for part in parts:
            ext = part.name.rsplit(".", 1)[-1]
            if (ext.lower(), part.content_type) in DEFAULT_TYPES:
                defaults[ext] = part.content_type
            else:
                overrides[part.name] = part.content_type
        types = etree.Element(f"{{{CT_NS}}}Types", nsmap={None: CT_NS})
        for ext in sorted(defaults):
            etree.SubElement(types, f"{{{CT_NS}}}Default", Extension=ext, ContentType=defaults[ext])
        for name in sorted(overrides):
            etree.SubElement(types, f"{{{CT_NS}}}Override", PartName=name, ContentType=overrides[name])
        buf = io.BytesIO()
        # Fast deflate for the XML (level 1: a few % larger, 4x faster than the default);
        # pictures are stored as they are, deflating PNG or JPEG data again gains nothing.
        with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as z:
            z.writestr("[Content_Types].xml", serialize(types))
            z.writestr("_rels/.rels", self.root.rels_xml())
            for part in parts:
                stored = part.content_type.startswith("image/") and part.content_type not in _COMPRESSIBLE
                z.writestr(part.name[1:], part.data(), compress_type=zipfile.ZIP_STORED if stored else None)
                if part.rels:
                    folder, file = posixpath.split(part.name)
                    z.writestr(f"{folder[1:]}/_rels/{file}.rels".lstrip("/"), part.rels_xml())
        return buf.getvalue()
