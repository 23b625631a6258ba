"""The architecture drawing as SVG, the one picture every output uses.

Pure Python from :func:`layout.layout`: lanes, their titles, boxes by shape,
orthogonal arrows with rounded corners, labels on white. It keeps to what
every renderer we target draws alike (QtSvg's SVG Tiny, LibreOffice, Word,
browsers): no markers (arrow heads are paths), no CSS, no ``tspan``, text
centred with ``text-anchor`` so a narrower fallback font stays centred.
"""

from __future__ import annotations

from editor.core.formats.docx_xml import xml_escape as escape  # xml.sax.saxutils pulls in urllib and ssl

from editor.core.architecture.graph import STAGES, Architecture
from editor.core.architecture.layout import (
    LABEL_FONT,
    LABEL_H,
    LINE_H,
    MARGIN,
    NODE_FONT,
    PAD_X,
    TITLE_FONT,
    CYLINDER_CAP,
    EdgePath,
    Layout,
    NodeBox,
    layout,
)
from editor.core.architecture.metrics import ascent, descent

FONT_FAMILY = "DejaVu Sans, Carlito, Calibri, Arial, sans-serif"
TEXT = "#1f2933"
SUBTLE = "#52606d"
EDGE = "#44546a"
FEEDBACK = "#c2410c"
LANE_FILLS = ("#f5f7fa", "#ffffff")
TITLE_FILL = "#e4e9f0"
# One colour per stage (border; the fill is a light tint of it), then "other".
STAGE_COLOURS = ("#2f6db5", "#6b4fbb", "#1e8a7a", "#b7791f", "#8c5a2b", "#2b8a3e", "#5a6b7d", "#c0392b", "#7d3c98",
                 "#5c6670")
ARROW_LEN, ARROW_HALF = 9.0, 4.2
RADIUS = 6.0


def stage_colour(stage: str) -> str:
    return STAGE_COLOURS[STAGES.index(stage) if stage in STAGES else len(STAGES)]


def _tint(colour: str, amount: float = 0.88) -> str:
    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return "#{:02x}{:02x}{:02x}".format(*(round(c + (255 - c) * amount) for c in (r, g, b)))


def _n(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _text_lines(lines: list[str], cx: float, cy: float, size: float, colour: str, bold: bool = False,
                anchor: str = "middle") -> list[str]:
    # Baselines so that the block of lines is centred on cy whatever the line count.
    block = len(lines) * LINE_H * size / NODE_FONT
    first = cy - block / 2 + (LINE_H * size / NODE_FONT + ascent(size, bold) - descent(size, bold)) / 2
    weight = ' font-weight="bold"' if bold else ""
    return [f'<text x="{_n(cx)}" y="{_n(first + i * LINE_H * size / NODE_FONT)}" font-size="{_n(size)}"{weight} '
            f'fill="{colour}" text-anchor="{anchor}">{escape(line)}</text>' for i, line in enumerate(lines)]


def _shape(box: NodeBox, colour: str) -> str:
    x, y, w, h = box.x, box.y, box.w, box.h
    fill, stroke = _tint(colour), f'stroke="{colour}" stroke-width="1.6"'
    if box.shape == "cylinder":
        c = CYLINDER_CAP
        body = (f"M{_n(x)} {_n(y + c)}A{_n(w / 2)} {_n(c)} 0 0 1 {_n(x + w)} {_n(y + c)}V{_n(y + h - c)}"
                f"A{_n(w / 2)} {_n(c)} 0 0 1 {_n(x)} {_n(y + h - c)}Z")
        rim = f"M{_n(x)} {_n(y + c)}A{_n(w / 2)} {_n(c)} 0 0 0 {_n(x + w)} {_n(y + c)}"
        return f'<path d="{body}" fill="{fill}" {stroke}/><path d="{rim}" fill="none" {stroke}/>'
    if box.shape in ("hexagon", "rhombus"):
        k = min(14.0, h / 2)
        d = (f"M{_n(x + k)} {_n(y)}H{_n(x + w - k)}L{_n(x + w)} {_n(y + h / 2)}L{_n(x + w - k)} {_n(y + h)}"
             f"H{_n(x + k)}L{_n(x)} {_n(y + h / 2)}Z")
        return f'<path d="{d}" fill="{fill}" {stroke}/>'
    if box.shape in ("parallelogram", "trapezoid", "asymmetric"):
        k = 10.0
        d = f"M{_n(x + k)} {_n(y)}H{_n(x + w)}L{_n(x + w - k)} {_n(y + h)}H{_n(x)}Z"
        return f'<path d="{d}" fill="{fill}" {stroke}/>'
    rx = {"round": 12.0, "stadium": h / 2, "circle": h / 2}.get(box.shape, 5.0)
    out = f'<rect x="{_n(x)}" y="{_n(y)}" width="{_n(w)}" height="{_n(h)}" rx="{_n(rx)}" fill="{fill}" {stroke}/>'
    if box.shape == "subroutine":
        out += (f'<path d="M{_n(x + 7)} {_n(y)}V{_n(y + h)}M{_n(x + w - 7)} {_n(y)}V{_n(y + h)}" '
                f'fill="none" {stroke}/>')
    return out


def _rounded(points: list[tuple[float, float]]) -> str:
    """An orthogonal polyline with its corners rounded."""
    d = [f"M{_n(points[0][0])} {_n(points[0][1])}"]
    for i in range(1, len(points) - 1):
        (ax, ay), (bx, by), (cx, cy) = points[i - 1], points[i], points[i + 1]
        r = min(RADIUS, abs(bx - ax + by - ay) / 2, abs(cx - bx + cy - by) / 2)
        ux, uy = _unit(ax, ay, bx, by)
        vx, vy = _unit(bx, by, cx, cy)
        d.append(f"L{_n(bx - ux * r)} {_n(by - uy * r)}Q{_n(bx)} {_n(by)} {_n(bx + vx * r)} {_n(by + vy * r)}")
    d.append(f"L{_n(points[-1][0])} {_n(points[-1][1])}")
    return "".join(d)


def _unit(ax: float, ay: float, bx: float, by: float) -> tuple[float, float]:
    length = max(1e-6, ((bx - ax) ** 2 + (by - ay) ** 2) ** 0.5)
    return (bx - ax) / length, (by - ay) / length


def _edge(edge: EdgePath) -> list[str]:
    points = list(edge.points)
    if len(points) < 2:
        return []
    colour = FEEDBACK if edge.back else EDGE
    width = 2.6 if edge.style == "thick" else 1.5
    head = edge.style != "line"
    out = []
    if head:  # the line stops at the arrow head's base
        (ax, ay), (bx, by) = points[-2], points[-1]
        ux, uy = _unit(ax, ay, bx, by)
        tip = (bx, by)
        points[-1] = (bx - ux * ARROW_LEN * 0.8, by - uy * ARROW_LEN * 0.8)
    dash = ' stroke-dasharray="5 4"' if edge.style == "dotted" else ""
    out.append(f'<path d="{_rounded(points)}" fill="none" stroke="{colour}" stroke-width="{_n(width)}"'
               f' stroke-linejoin="round"{dash}/>')
    if head:
        bx, by = tip
        base_x, base_y = bx - ux * ARROW_LEN, by - uy * ARROW_LEN
        px, py = -uy * ARROW_HALF, ux * ARROW_HALF
        out.append(f'<path d="M{_n(bx)} {_n(by)}L{_n(base_x + px)} {_n(base_y + py)}'
                   f'L{_n(base_x - px)} {_n(base_y - py)}Z" fill="{colour}"/>')
    return out


def _label(edge: EdgePath) -> list[str]:
    if not edge.label or edge.label_box is None:
        return []
    x, y, w, h = edge.label_box
    colour = FEEDBACK if edge.back else SUBTLE
    return [f'<rect x="{_n(x)}" y="{_n(y)}" width="{_n(w)}" height="{_n(h)}" rx="3" fill="#ffffff" '
            f'fill-opacity="0.92"/>',
            *_text_lines([edge.label], x + w / 2, y + h / 2, LABEL_FONT, colour)]


def layout_svg(lay: Layout, title: str = "") -> str:
    """The SVG document of a layout (``title`` for screen readers and file viewers)."""
    w, h = lay.width, lay.height
    out = ['<?xml version="1.0" encoding="UTF-8"?>', f'<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="{_n(w)}" height="{_n(h)}" '
           f'viewBox="0 0 {_n(w)} {_n(h)}" font-family="{FONT_FAMILY}">']
    if title:
        out.append(f"<title>{escape(title)}</title>")
    out.append(f'<rect width="{_n(w)}" height="{_n(h)}" fill="#ffffff"/>')
    for i, lane in enumerate(lay.lanes):
        out.append(f'<rect x="{_n(MARGIN)}" y="{_n(lane.y)}" width="{_n(w - 2 * MARGIN)}" height="{_n(lane.h)}" '
                   f'fill="{LANE_FILLS[i % 2]}"/>')
        out.append(f'<rect x="{_n(MARGIN)}" y="{_n(lane.y)}" width="{_n(lay.title_w)}" height="{_n(lane.h)}" '
                   f'fill="{TITLE_FILL}"/>')
        out.append(f'<rect x="{_n(MARGIN)}" y="{_n(lane.y)}" width="4" height="{_n(lane.h)}" '
                   f'fill="{stage_colour(lane.stage)}"/>')
        out += _text_lines(lane.title_lines, MARGIN + PAD_X, lane.y + lane.h / 2, TITLE_FONT, TEXT, bold=True,
                           anchor="start")
    if lay.lanes:
        bottom = lay.lanes[-1].y + lay.lanes[-1].h
        out.append(f'<rect x="{_n(MARGIN)}" y="{_n(lay.lanes[0].y)}" width="{_n(w - 2 * MARGIN)}" '
                   f'height="{_n(bottom - lay.lanes[0].y)}" fill="none" stroke="#cbd2d9"/>')
    for edge in lay.edges:
        out += _edge(edge)
    for box in lay.nodes:
        out.append(_shape(box, stage_colour(box.stage)))
        cy = box.cy + (CYLINDER_CAP / 2 if box.shape == "cylinder" else 0)
        out += _text_lines(box.lines, box.cx, cy, NODE_FONT, TEXT)
    for edge in lay.edges:
        out += _label(edge)
    out.append("</svg>")
    return "\n".join(out) + "\n"


def diagram_svg(architecture: Architecture, language: str, title: str = "") -> bytes:
    """The architecture drawn as an SVG document (UTF-8), its texts in ``language``."""
    return layout_svg(layout(architecture, language), title).encode("utf-8")


__all__ = ["diagram_svg", "layout_svg", "stage_colour", "LABEL_H", "PAD_X"]
