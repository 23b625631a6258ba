"""Where everything of the architecture drawing goes: stages as lanes, boxes, arrows.

The lifecycle stages are horizontal lanes from top (data) to bottom (governance),
each with its title in a column on the left; a stage without components takes no
room. The layout is a layered drawing (Sugiyama): a link that skips lanes passes
through each lane between in a slot of its own, boxes in each lane are ordered to
reduce crossings (barycentre sweeps) and placed near their neighbours (isotonic
fit, so boxes never overlap); arrows run orthogonally in the gaps between lanes,
on tracks of their own, and never through a box. A link back up the lifecycle
(the feedback loop from monitoring to retraining) goes round on the right.
All sizes are in logical pixels (96 per inch); text is measured by :mod:`metrics`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from editor.core.architecture.catalogue import component_name, stage_name
from editor.core.architecture.graph import STAGES, Architecture
from editor.core.architecture.mermaid_write import link_label
from editor.core.architecture.metrics import text_width, wrap

NODE_FONT = 13.0
TITLE_FONT = 12.0
LABEL_FONT = 11.0
LINE_H = 16.0
LABEL_H = 15.0
PAD_X, PAD_Y = 12.0, 8.0
NODE_MIN_W, NODE_TEXT_W = 84.0, 150.0
CYLINDER_CAP = 7.0
TITLE_W = 124.0
MARGIN = 10.0
NODE_GAP, DUMMY_W, DUMMY_GAP = 26.0, 10.0, 10.0
TRACK = 7.0
CHANNEL_PAD = 10.0
MIN_PAD = 12.0
BACK_GAP = 16.0
SWEEPS = 8


@dataclass
class NodeBox:
    id: str
    x: float
    y: float
    w: float
    h: float
    lines: list[str]
    shape: str
    stage: str

    @property
    def cx(self) -> float:
        return self.x + self.w / 2

    @property
    def cy(self) -> float:
        return self.y + self.h / 2


@dataclass
class Lane:
    stage: str
    title_lines: list[str]
    y: float = 0.0
    h: float = 0.0


@dataclass
class EdgePath:
    source: str
    target: str
    points: list[tuple[float, float]]
    style: str
    back: bool = False
    label: str = ""
    label_box: tuple[float, float, float, float] | None = None  # x, y, w, h


@dataclass
class Layout:
    width: float
    height: float
    lanes: list[Lane]
    nodes: list[NodeBox]
    edges: list[EdgePath]
    title_w: float = TITLE_W


@dataclass
class _Item:
    """A slot in a lane: a box, or the place where a long link crosses the lane."""

    id: str
    w: float
    node: NodeBox | None = None
    up: list[str] = field(default_factory=list)
    down: list[str] = field(default_factory=list)
    x: float = 0.0


def _isotonic(targets: list[float], seps: list[float]) -> list[float]:
    """Left edges as close as possible to ``targets`` (least squares) with x[i+1] - x[i] >= seps[i]."""
    offsets = [0.0]
    for s in seps:
        offsets.append(offsets[-1] + s)
    values = [t - o for t, o in zip(targets, offsets)]
    blocks: list[list[float]] = []  # [mean, count]
    for v in values:
        blocks.append([v, 1])
        while len(blocks) > 1 and blocks[-2][0] > blocks[-1][0]:
            m2, n2 = blocks.pop()
            m1, n1 = blocks[-1]
            blocks[-1] = [(m1 * n1 + m2 * n2) / (n1 + n2), n1 + n2]
    out: list[float] = []
    for mean, count in blocks:
        out += [mean] * int(count)
    return [v + o for v, o in zip(out, offsets)]


def _crossings(upper: list[_Item], lower: list[_Item]) -> int:
    pos = {item.id: i for i, item in enumerate(lower)}
    pairs = [(i, pos[d]) for i, item in enumerate(upper) for d in item.down if d in pos]
    return sum(1 for a in range(len(pairs)) for b in range(a + 1, len(pairs))
               if (pairs[a][0] - pairs[b][0]) * (pairs[a][1] - pairs[b][1]) < 0)


class _Builder:
    def __init__(self, arch: Architecture, language: str) -> None:
        self.arch = arch
        self.language = language
        stages = [s for s in (*STAGES, "") if any(c.stage == s for c in arch.components)]
        self.lane_of = {s: i for i, s in enumerate(stages)}
        self.lanes = [Lane(s, wrap(stage_name(s, language), TITLE_FONT, TITLE_W - 2 * PAD_X, bold=True)) for s in stages]
        self.nodes: dict[str, NodeBox] = {}
        self.layers: list[list[_Item]] = [[] for _ in stages]
        self.items: dict[str, _Item] = {}
        for c in arch.components:
            lines = wrap(component_name(c, language), NODE_FONT, NODE_TEXT_W)
            w = max(NODE_MIN_W, max(text_width(line, NODE_FONT) for line in lines) + 2 * PAD_X)
            h = len(lines) * LINE_H + 2 * PAD_Y + (2 * CYLINDER_CAP if c.shape == "cylinder" else 0)
            box = NodeBox(c.id, 0, 0, w, max(36.0, h), lines, c.shape, c.stage)
            self.nodes[c.id] = box
            self._add_item(self.lane_of[c.stage], _Item(c.id, w, box))
        self.forward, self.back, self.same = [], [], []
        self.chains: dict[int, list[str]] = {}
        for n, link in enumerate(arch.links):
            if link.source == link.target:
                continue
            a, b = self.lane_of[arch.component(link.source).stage], self.lane_of[arch.component(link.target).stage]
            if a < b:
                self.forward.append(n)
                chain = [link.source]
                for lane in range(a + 1, b):
                    dummy = _Item(f"\x00{n}:{lane}", DUMMY_W)
                    self._add_item(lane, dummy)
                    chain.append(dummy.id)
                chain.append(link.target)
                for upper, lower in zip(chain, chain[1:]):
                    self.items[upper].down.append(lower)
                    self.items[lower].up.append(upper)
                self.chains[n] = chain
            elif a > b:
                self.back.append(n)
            else:
                self.same.append(n)

    def _add_item(self, lane: int, item: _Item) -> None:
        self.layers[lane].append(item)
        self.items[item.id] = item

    # -- order within lanes -------------------------------------------------------------
    def order(self) -> None:
        def total() -> int:
            return sum(_crossings(u, d) for u, d in zip(self.layers, self.layers[1:]))

        best, best_layers = total(), [list(layer) for layer in self.layers]
        for sweep in range(SWEEPS):
            down = sweep % 2 == 0
            rng = range(1, len(self.layers)) if down else range(len(self.layers) - 2, -1, -1)
            for lane in rng:
                ref = {item.id: i for i, item in enumerate(self.layers[lane - 1 if down else lane + 1])}
                layer = self.layers[lane]

                def key(pair: tuple[int, _Item]) -> float:
                    i, item = pair
                    near = [ref[n] for n in (item.up if down else item.down) if n in ref]
                    return sum(near) / len(near) if near else i * (len(ref) / max(1, len(layer)))

                self.layers[lane] = [item for _i, item in sorted(enumerate(layer), key=key)]
            score = total()
            if score < best:
                best, best_layers = score, [list(layer) for layer in self.layers]
        self.layers = best_layers
        # A link within a lane reads left to right: swap neighbours that face the other way, if no worse.
        for n in self.same:
            link = self.arch.links[n]
            lane = self.lane_of[self.arch.component(link.source).stage]
            layer = self.layers[lane]
            ids = [item.id for item in layer]
            i, j = ids.index(link.source), ids.index(link.target)
            if j < i and all(layer[k].node is None for k in range(j + 1, i)):
                before = total()
                layer[i], layer[j] = layer[j], layer[i]
                if total() > before:
                    layer[i], layer[j] = layer[j], layer[i]

    # -- x ------------------------------------------------------------------------------------
    def _seps(self, layer: list[_Item]) -> list[float]:
        labelled = {}
        for n in self.same:
            link = self.arch.links[n]
            pair = frozenset((link.source, link.target))
            label = link_label(self.arch, link, self.language)
            if text_width(label, LABEL_FONT) > text_width(labelled.get(pair, ""), LABEL_FONT):
                labelled[pair] = label
        seps = []
        for a, b in zip(layer, layer[1:]):
            gap = DUMMY_GAP if a.node is None or b.node is None else NODE_GAP
            label = labelled.get(frozenset((a.id, b.id)))
            if label:
                gap = max(gap, text_width(label, LABEL_FONT) + 16)
            seps.append(gap + a.w)
        return seps

    def place_x(self) -> None:
        x0 = MARGIN + TITLE_W + 16
        for layer in self.layers:
            x = x0
            for item in layer:
                item.x = x
                x += item.w + NODE_GAP
        for sweep in range(6):
            down = sweep % 2 == 0
            order = range(len(self.layers)) if down else range(len(self.layers) - 1, -1, -1)
            for lane in order:
                layer = self.layers[lane]
                if not layer:
                    continue
                targets = []
                for item in layer:
                    near = [self.items[n] for n in (*item.up, *item.down)]
                    centre = sum(o.x + o.w / 2 for o in near) / len(near) if near else item.x + item.w / 2
                    targets.append(centre - item.w / 2)
                for item, x in zip(layer, _isotonic(targets, self._seps(layer))):
                    item.x = x
        left = min(item.x for layer in self.layers for item in layer)
        for item in self.items.values():
            item.x += x0 - left
            if item.node is not None:
                item.node.x = item.x

    # -- y and routes --------------------------------------------------------------------------
    def route(self) -> Layout:
        n_lanes = len(self.layers)
        # Horizontal runs in the gap below each lane: (lane, x1, x2, key) -> track
        runs: dict[int, list[tuple[float, float, object]]] = {i: [] for i in range(-1, n_lanes)}
        labels_in_gap: dict[int, list[int]] = {i: [] for i in range(-1, n_lanes)}
        out_ports: dict[str, list[tuple[float, object]]] = {}
        in_ports: dict[str, list[tuple[float, object]]] = {}
        right_edge = max((b.x + b.w for b in self.nodes.values()), default=MARGIN + TITLE_W)
        right_of = {layer[-1].id for layer in self.layers if layer}
        for layer in self.layers:
            for item in layer:
                for d in item.down:
                    out_ports.setdefault(item.id, []).append((self.items[d].x + self.items[d].w / 2, ("f", item.id, d)))
                    in_ports.setdefault(d, []).append((item.x + item.w / 2, ("f", item.id, d)))
        for k, n in enumerate(self.back):
            link = self.arch.links[n]
            if link.source not in right_of:
                out_ports.setdefault(link.source, []).append((1e9 + k, ("b", n)))
            if link.target not in right_of:
                in_ports.setdefault(link.target, []).append((1e9 + k, ("b", n)))
        adjacent = set()
        for n in self.same:
            link = self.arch.links[n]
            layer = self.layers[self.lane_of[self.arch.component(link.source).stage]]
            ids = [item.id for item in layer]  # side by side: no box and no passing link between them
            i, j = ids.index(link.source), ids.index(link.target)
            if abs(i - j) == 1:
                adjacent.add(n)
            else:
                out_ports.setdefault(link.source, []).append((self.nodes[link.target].cx, ("s", n)))
                out_ports.setdefault(link.target, []).append((self.nodes[link.source].cx, ("t", n)))
        port_x: dict[tuple[str, object], float] = {}
        for item_id, ports in (*out_ports.items(), *((k, v) for k, v in in_ports.items())):
            item = self.items[item_id]
            ports.sort(key=lambda p: p[0])
            for k, (_x, tag) in enumerate(ports):
                port_x[(item_id, tag)] = item.x + item.w * (k + 1) / (len(ports) + 1) if item.node else item.x + item.w / 2
        # Ports within 2 px of each other line up: a straight arrow, not a jog the eye reads as a slant.
        for chain in self.chains.values():
            for upper, lower in zip(chain, chain[1:]):
                tag = ("f", upper, lower)
                if abs(port_x[(upper, tag)] - port_x[(lower, tag)]) <= 2:
                    port_x[(lower, tag)] = port_x[(upper, tag)]
        # Register the horizontal runs, then give each gap its tracks.
        for n, chain in self.chains.items():
            for upper, lower in zip(chain, chain[1:]):
                x1, x2 = port_x[(upper, ("f", upper, lower))], port_x[(lower, ("f", upper, lower))]
                lane = self._lane_of_item(upper)
                if abs(x1 - x2) > 0.5:
                    runs[lane].append((min(x1, x2), max(x1, x2), ("f", upper, lower)))
            if link_label(self.arch, self.arch.links[n], self.language):
                labels_in_gap[self._lane_of_item(chain[0])].append(n)
        for k, n in enumerate(self.back):
            link = self.arch.links[n]
            channel = right_edge + BACK_GAP + k * TRACK * 1.5
            sl, tl = self._lane_of_item(link.source), self._lane_of_item(link.target)
            if link.source not in right_of:
                runs[sl].append((port_x[(link.source, ("b", n))], channel, ("b-out", n)))
            if link.target not in right_of:
                runs[tl - 1].append((port_x[(link.target, ("b", n))], channel, ("b-in", n)))
        for n in self.same:
            if n not in adjacent:
                link = self.arch.links[n]
                x1, x2 = port_x[(link.source, ("s", n))], port_x[(link.target, ("t", n))]
                runs[self._lane_of_item(link.source)].append((min(x1, x2), max(x1, x2), ("s", n)))
                if link_label(self.arch, link, self.language):
                    labels_in_gap[self._lane_of_item(link.source)].append(n)
        track: dict[object, int] = {}
        tracks_in: dict[int, int] = {}
        for gap, items in runs.items():
            ends: list[float] = []
            for x1, x2, key in sorted(items, key=lambda r: (r[0], r[1])):
                t = next((i for i, end in enumerate(ends) if end + 4 < x1), None)
                if t is None:
                    ends.append(x2)
                    t = len(ends) - 1
                else:
                    ends[t] = x2
                track[key] = t
            tracks_in[gap] = len(ends)
        # Gaps' heights, then lanes' y.
        def gap_height(gap: int) -> float:
            label_room = LABEL_H + 6 if labels_in_gap[gap] else 0
            return max(2 * MIN_PAD, 2 * CHANNEL_PAD + max(0, tracks_in[gap] - 1) * TRACK + label_room)

        y = MARGIN
        top_gap = gap_height(-1) if tracks_in[-1] else MIN_PAD
        gap_top: dict[int, float] = {-1: y}
        self._gap_h = {gap: gap_height(gap) for gap in runs}
        self._body_top: dict[int, float] = {}
        for i, lane in enumerate(self.lanes):
            pad_top = top_gap if i == 0 else gap_height(i - 1) / 2
            pad_bottom = gap_height(i) / 2 if i < n_lanes - 1 or tracks_in[i] else MIN_PAD
            if i == n_lanes - 1 and tracks_in[i]:
                pad_bottom = gap_height(i)
            tallest = max((item.node.h for item in self.layers[i] if item.node), default=36.0)
            title_h = len(lane.title_lines) * LINE_H + 8
            body = max(tallest, title_h)
            lane.y = y
            lane.h = pad_top + body + pad_bottom
            self._body_top[i] = y + pad_top
            for item in self.layers[i]:
                if item.node:
                    item.node.y = y + pad_top + (body - item.node.h) / 2
            gap_top[i] = y + pad_top + body  # where the gap below this lane starts (node bottoms' level)
            y += lane.h
        height = y + MARGIN

        def track_y(gap: int, key: object) -> float:
            return gap_top[gap] + CHANNEL_PAD + track.get(key, 0) * TRACK

        self._gap_top = gap_top
        edges: list[EdgePath] = []
        for n in self.forward:
            link = self.arch.links[n]
            chain = self.chains[n]
            points: list[tuple[float, float]] = []
            for upper, lower in zip(chain, chain[1:]):
                x1, x2 = port_x[(upper, ("f", upper, lower))], port_x[(lower, ("f", upper, lower))]
                top = self._bottom(upper)
                bottom = self._top(lower)
                if not points:
                    points.append((x1, top))
                elif abs(points[-1][0] - x1) > 0.5:
                    points.append((x1, points[-1][1]))
                if abs(x1 - x2) > 0.5:
                    ty = track_y(self._lane_of_item(upper), ("f", upper, lower))
                    points += [(x1, ty), (x2, ty)]
                points.append((x2, bottom))
            edges.append(EdgePath(link.source, link.target, _simplify(points), link.style, False,
                                  link_label(self.arch, link, self.language)))
        for k, n in enumerate(self.back):
            link = self.arch.links[n]
            s, t = self.nodes[link.source], self.nodes[link.target]
            channel = right_edge + BACK_GAP + k * TRACK * 1.5
            sl, tl = self._lane_of_item(link.source), self._lane_of_item(link.target)
            if link.source in right_of:
                points = [(s.x + s.w, s.cy), (channel, s.cy)]
            else:
                px = port_x[(link.source, ("b", n))]
                ty = track_y(sl, ("b-out", n))
                points = [(px, s.y + s.h), (px, ty), (channel, ty)]
            if link.target in right_of:
                points += [(channel, t.cy), (t.x + t.w, t.cy)]
            else:
                px = port_x[(link.target, ("b", n))]
                ty = track_y(tl - 1, ("b-in", n))
                points += [(channel, ty), (px, ty), (px, t.y)]
            edges.append(EdgePath(link.source, link.target, _simplify(points), link.style, True,
                                  link_label(self.arch, link, self.language)))
        for n in self.same:
            link = self.arch.links[n]
            s, t = self.nodes[link.source], self.nodes[link.target]
            if n in adjacent:
                y_mid = (max(s.y, t.y) + min(s.y + s.h, t.y + t.h)) / 2
                x1, x2 = (s.x + s.w, t.x) if s.x < t.x else (s.x, t.x + t.w)
                points = [(x1, y_mid), (x2, y_mid)]
            else:
                x1, x2 = port_x[(link.source, ("s", n))], port_x[(link.target, ("t", n))]
                ty = track_y(self._lane_of_item(link.source), ("s", n))
                points = [(x1, s.y + s.h), (x1, ty), (x2, ty), (x2, t.y + t.h)]
            edges.append(EdgePath(link.source, link.target, points, link.style, False,
                                  link_label(self.arch, link, self.language)))
        width = self._place_labels(edges, right_edge)
        return Layout(width, height, self.lanes, list(self.nodes.values()), edges)

    def _lane_of_item(self, item_id: str) -> int:
        if item_id in self.nodes:
            return self.lane_of[self.nodes[item_id].stage]
        return int(item_id.rsplit(":", 1)[1])

    def _bottom(self, item_id: str) -> float:
        if item_id in self.nodes:
            return self.nodes[item_id].y + self.nodes[item_id].h
        return self._gap_top[self._lane_of_item(item_id)]

    def _top(self, item_id: str) -> float:
        if item_id in self.nodes:
            return self.nodes[item_id].y
        return self._body_top[self._lane_of_item(item_id)]

    def _place_labels(self, edges: list[EdgePath], right_edge: float) -> float:
        """Labels: beside the feedback channel, above a lane's own arrow, else in the gap below the
        source lane, under its tracks, on the link's way down; side by side in a gap, never overlapping."""
        width = right_edge + MARGIN
        by_gap: dict[int, list[EdgePath]] = {}
        for edge in edges:
            if edge.back:
                width = max(width, max(p[0] for p in edge.points) + MARGIN)
            if not edge.label:
                continue
            w = text_width(edge.label, LABEL_FONT) + 8
            if edge.back:
                xs = max(p[0] for p in edge.points)
                ys = [p[1] for p in edge.points if abs(p[0] - xs) < 0.5]
                edge.label_box = (xs + 5, (min(ys) + max(ys) - LABEL_H) / 2, w, LABEL_H)
                width = max(width, xs + 5 + w + MARGIN)
            elif len(edge.points) == 2 and abs(edge.points[0][1] - edge.points[1][1]) < 0.5:
                (x1, y1), (x2, _y2) = edge.points
                edge.label_box = ((x1 + x2 - w) / 2, y1 - LABEL_H - 2, w, LABEL_H)
            else:
                gap = self._lane_of_item(edge.source)
                bottom = self._gap_top[gap] + self._gap_h[gap] - CHANNEL_PAD + 2
                x = _x_on_vertical(edge.points, bottom - LABEL_H / 2)
                top = bottom - LABEL_H
                others = [vx for other in edges if other is not edge for vx in _verticals_at(other.points, top, bottom)]
                # Centred on its own line, else beside it, where no other line runs under the label.
                for left in (x - w / 2, x + 3, x - w - 3):
                    if not any(left - 2 < vx < left + w + 2 for vx in others):
                        break
                else:
                    left = x - w / 2
                edge.label_box = (left, top, w, LABEL_H)
                by_gap.setdefault(gap, []).append(edge)
        for group in by_gap.values():
            group.sort(key=lambda e: e.label_box[0])
            for a, b in zip(group, group[1:]):
                ax, _ay, aw, _ah = a.label_box
                bx, by, bw, bh = b.label_box
                if bx < ax + aw + 4:
                    b.label_box = (ax + aw + 4, by, bw, bh)
            last = group[-1].label_box
            width = max(width, last[0] + last[2] + MARGIN)
        return width


def _verticals_at(points: list[tuple[float, float]], top: float, bottom: float) -> list[float]:
    """The x of a polyline's vertical runs that pass between heights ``top`` and ``bottom``."""
    return [x1 for (x1, y1), (x2, y2) in zip(points, points[1:])
            if abs(x1 - x2) < 0.5 and min(y1, y2) < bottom and max(y1, y2) > top]


def _x_on_vertical(points: list[tuple[float, float]], y: float) -> float:
    """The x of the vertical run of a polyline that spans height ``y``."""
    for (x1, y1), (x2, y2) in zip(points, points[1:]):
        if abs(x1 - x2) < 0.5 and min(y1, y2) - 0.5 <= y <= max(y1, y2) + 0.5:
            return x1
    return points[-1][0]


def _simplify(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Drop repeated points and the middle of straight runs."""
    out: list[tuple[float, float]] = []
    for p in points:
        if out and abs(out[-1][0] - p[0]) < 0.5 and abs(out[-1][1] - p[1]) < 0.5:
            continue
        if len(out) >= 2:
            (ax, ay), (bx, by) = out[-2], out[-1]
            if (abs(ax - bx) < 0.5 and abs(bx - p[0]) < 0.5) or (abs(ay - by) < 0.5 and abs(by - p[1]) < 0.5):
                out[-1] = p
                continue
        out.append(p)
    return out


def layout(arch: Architecture, language: str) -> Layout:
    """The drawing of ``arch`` with its texts in ``language``."""
    if not arch.components:
        return Layout(2 * MARGIN + TITLE_W, 2 * MARGIN, [], [], [])
    builder = _Builder(arch, language)
    builder.order()
    builder.place_x()
    return builder.route()


__all__ = ["EdgePath", "Lane", "Layout", "NodeBox", "layout"]
