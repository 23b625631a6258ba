"""How long the architecture diagram takes to redraw after an edit, and to export.

A redraw is what the builder does after each click: lay the diagram out, write
its SVG, load it into QtSvg and paint it at the view's size. Measured for the
example (15 components) and for 40 components with 60 links; budget 50 ms.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/diagram.py [--runs 15]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def forty(seed: int = 17):
    from editor.core.architecture.catalogue import load_catalogue
    from editor.core.architecture.graph import Architecture, Component, Link

    rng = random.Random(seed)
    tools = list(load_catalogue().tools)
    rng.shuffle(tools)
    components = [Component(id=t.key, key=t.key, stage=t.stage, shape=t.shape) for t in tools[:40]]
    ids = [c.id for c in components]
    links, seen = [], set()
    while len(links) < 60:
        a, b = rng.sample(ids, 2)
        if (a, b) not in seen:
            seen.add((a, b))
            links.append(Link(source=a, target=b, label=rng.choice(["", "", "data", "deploys", "metrics"])))
    return Architecture(components=components, links=links)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    from PySide6.QtCore import QByteArray, QRectF
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    from editor.app.export_images import architecture_png
    from editor.core.architecture.layout import layout
    from editor.core.architecture.svg import layout_svg
    from editor.core.example import example_architecture

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 - painting needs it
    canvas = QImage(700, 600, QImage.Format.Format_ARGB32_Premultiplied)
    for name, arch in (("example (15 components, 16 links)", example_architecture("en")),
                       ("40 components, 60 links", forty())):
        steps = {"layout": [], "svg": [], "qt load + paint": [], "redraw total": []}
        for _ in range(args.runs):
            t0 = time.perf_counter()
            lay = layout(arch, "en")
            t1 = time.perf_counter()
            svg = layout_svg(lay).encode("utf-8")
            t2 = time.perf_counter()
            renderer = QSvgRenderer(QByteArray(svg))
            painter = QPainter(canvas)
            renderer.render(painter, QRectF(0, 0, 700, 700 * lay.height / lay.width))
            painter.end()
            t3 = time.perf_counter()
            for key, value in zip(steps, (t1 - t0, t2 - t1, t3 - t2, t3 - t0)):
                steps[key].append(value * 1000)
        t = time.perf_counter()
        architecture_png(arch, "en")
        export = (time.perf_counter() - t) * 1000
        print(f"{name}:")
        for key, values in steps.items():
            print(f"  {key:16s} median {statistics.median(values):6.1f} ms   max {max(values):6.1f} ms")
        print(f"  export PNG 1600 px     {export:6.1f} ms (once)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
