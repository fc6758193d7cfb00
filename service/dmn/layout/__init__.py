"""Readable decision requirements diagrams: a layered or a planar layout written into a model's DMNDI.

``layout_model(data)`` returns the document with every diagram's shapes moved (and, for a planar drawing,
widened) and edges re-routed (nothing else in the file changes), with the figures of ``measure`` before and
after. Each diagram is first drawn layered (``sugiyama``: every arrow points up) from several seeded starts
(``SEEDS``), keeping the drawing with the fewest edges through shapes, then the fewest crossings. When that
drawing still has an edge through a shape or ``BAR`` crossings or more, the planar drawing (``planar``:
planarization and a visibility representation, where some arrows point down) is tried too, and the one with
fewer edges through shapes, then fewer crossings, is kept. ``decisions layout FILE...`` rewrites files with
it; run the dmn-js round trip (``service/dmn/roundtrip``) afterwards so that the file is exactly what the
modeler saves.
"""

from __future__ import annotations

from lxml import etree

from .diagram import DC, DI, Diagram, Edge, Shape, measure, parse, read_diagrams
from .planar import planar_layout
from .straighten import straighten
from .sugiyama import layered_layout

__all__ = ["layout_model", "measure_model"]

SEEDS = (7, 2, 0, 1, 3, 4, 5, 6)  # the starts tried, the first one alone for a diagram it draws without fault
MOVES = 30000  # annealing moves per start
BAR = 10  # a layered drawing with fewer crossings than this (and no edge through a shape) is kept as it is


def measure_model(data: bytes) -> list[dict]:
    """The figures of each diagram of a model (see ``diagram.measure``)."""
    return [measure(d) for d in read_diagrams(parse(data))]


def _best_layout(nodes, sizes, drawn):
    """The layered drawing, from the start of ``SEEDS`` that draws fewest edges through shapes, then fewest
    crossings: ``(layout, routed edges)``."""
    best = None
    for seed in SEEDS:
        layout = layered_layout(nodes, sizes, [(e.source, e.target) for e in drawn], seed=seed, moves=MOVES)
        placed = {n: Shape(n, *layout.boxes[n]) for n in nodes}
        routed = [Edge(e.element, e.source, e.target, list(r)) for e, r in zip(drawn, layout.routes, strict=True)]
        straighten(placed, routed)
        figures = measure(Diagram(placed, routed))
        score = (figures["through_hits"], figures["crossings"])
        if best is None or score < best[0]:
            best = (score, layout, routed)
        if score == (0, 0):
            break
    return best[1], best[2]


def layout_model(data: bytes) -> tuple[bytes, list[dict], list[dict]]:
    """``(new document, figures before, figures after)``."""
    root = parse(data)
    diagrams = read_diagrams(root)
    before = [measure(d) for d in diagrams]
    for diagram in diagrams:
        nodes = list(diagram.shapes)
        sizes = {n: (s.width, s.height) for n, s in diagram.shapes.items()}
        drawn = [e for e in diagram.edges if e.source in diagram.shapes and e.target in diagram.shapes]
        layout, routed = _best_layout(nodes, sizes, drawn)
        boxes, routes = layout.boxes, [r.points for r in routed]
        layered = measure(Diagram({n: Shape(n, *boxes[n]) for n in nodes}, routed))
        if layered["through_hits"] or layered["crossings"] >= BAR:
            planar = planar_layout(nodes, sizes, [(e.source, e.target) for e in drawn], bar=BAR)
            if planar is not None and ((planar.figures["through_hits"], planar.figures["crossings"])
                                       < (layered["through_hits"], layered["crossings"])):
                boxes, routes = planar.boxes, planar.routes
        for n, shape in diagram.shapes.items():
            x, y, w, _h = boxes[n]
            bounds = shape.node.find(f"{{{DC}}}Bounds")
            bounds.set("x", str(int(x)))
            bounds.set("y", str(int(y)))
            if int(w) != int(float(bounds.get("width"))):
                bounds.set("width", str(int(w)))
        for edge, route in zip(drawn, routes, strict=True):
            old = list(edge.node.iter(f"{{{DI}}}waypoint"))
            prefix = old[0].prefix if old else "di"
            tail = old[-1].tail if old else None
            for w in old:
                edge.node.remove(w)
            for x, y in route:
                w = etree.SubElement(edge.node, f"{{{DI}}}waypoint", nsmap={prefix: DI} if prefix else None)
                w.set("x", str(int(x)))
                w.set("y", str(int(y)))
            if tail is not None and len(edge.node):
                edge.node[-1].tail = tail
    after = [measure(d) for d in read_diagrams(root)]
    text = etree.tostring(root, encoding="UTF-8")
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + text + b"\n", before, after
