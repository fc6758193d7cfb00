"""A model's DMNDI diagram as shapes and edges, read from and written back to the XML, and measured.

A shape is a rectangle drawn for a DRG element; an edge is a polyline drawn for a requirement (information,
knowledge, authority) or an association, from the element required to the element that requires it (the end
dmn-js puts the arrow on). ``measure`` counts what makes a diagram hard to follow: pairs of edges that cross
(pairs sharing an end shape do not count) and edges that run through a shape they do not connect.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

__all__ = ["Diagram", "Edge", "Shape", "measure", "parse", "read_diagrams"]

DMNDI = "https://www.omg.org/spec/DMN/20191111/DMNDI/"
DC = "http://www.omg.org/spec/DMN/20180521/DC/"
DI = "http://www.omg.org/spec/DMN/20180521/DI/"
_REQUIREMENTS = {"informationRequirement": ("requiredDecision", "requiredInput"),
                 "knowledgeRequirement": ("requiredKnowledge",),
                 "authorityRequirement": ("requiredDecision", "requiredInput", "requiredAuthority")}


@dataclass
class Shape:
    element: str  # the DRG element id
    x: float
    y: float
    width: float
    height: float
    node: etree._Element | None = None

    def inside(self, px: float, py: float, margin: float = 1.0) -> bool:
        return (self.x + margin < px < self.x + self.width - margin
                and self.y + margin < py < self.y + self.height - margin)


@dataclass
class Edge:
    element: str  # the requirement or association id
    source: str  # element ids
    target: str
    points: list[tuple[float, float]] = field(default_factory=list)
    node: etree._Element | None = None


@dataclass
class Diagram:
    shapes: dict[str, Shape]
    edges: list[Edge]
    node: etree._Element | None = None


def parse(data: bytes) -> etree._Element:
    """The document, parsed safely (no entities, DTD or network) with its comments and CDATA kept."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                             strip_cdata=False, remove_blank_text=False)
    return etree.fromstring(data, parser)


def _links(root: etree._Element) -> dict[str, tuple[str, str]]:
    """Requirement or association id -> (source element id, target element id)."""
    out = {}
    ns = etree.QName(root).namespace
    for tag, refs in _REQUIREMENTS.items():
        for req in root.iter(f"{{{ns}}}{tag}"):
            owner = req.getparent()
            for ref in refs:
                el = req.find(f"{{{ns}}}{ref}")
                if el is not None and req.get("id") and owner.get("id"):
                    out[req.get("id")] = (el.get("href", "").split("#")[-1], owner.get("id"))
    for assoc in root.iter(f"{{{ns}}}association"):
        src, dst = assoc.find(f"{{{ns}}}sourceRef"), assoc.find(f"{{{ns}}}targetRef")
        if assoc.get("id") and src is not None and dst is not None:
            out[assoc.get("id")] = (src.get("href", "").split("#")[-1], dst.get("href", "").split("#")[-1])
    return out


def read_diagrams(root: etree._Element) -> list[Diagram]:
    links = _links(root)
    out = []
    for diagram in root.iter(f"{{{DMNDI}}}DMNDiagram"):
        shapes = {}
        for s in diagram.iter(f"{{{DMNDI}}}DMNShape"):
            b = s.find(f"{{{DC}}}Bounds")
            if b is not None and s.get("dmnElementRef"):
                shapes[s.get("dmnElementRef")] = Shape(s.get("dmnElementRef"), float(b.get("x")), float(b.get("y")),
                                                       float(b.get("width")), float(b.get("height")), s)
        edges = []
        for e in diagram.iter(f"{{{DMNDI}}}DMNEdge"):
            ref = e.get("dmnElementRef")
            if ref not in links:
                continue
            points = [(float(w.get("x")), float(w.get("y"))) for w in e.iter(f"{{{DI}}}waypoint")]
            edges.append(Edge(ref, *links[ref], points, e))
        out.append(Diagram(shapes, edges, diagram))
    return out


# --- measuring -----------------------------------------------------------------------------------


def _cross(p, q, r) -> float:
    return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])


def _segments_cross(a, b, c, d) -> bool:
    """Proper or touching intersection of segments ab and cd."""
    d1, d2, d3, d4 = _cross(c, d, a), _cross(c, d, b), _cross(a, b, c), _cross(a, b, d)
    if ((d1 > 0) != (d2 > 0)) and d1 != 0 and d2 != 0 and ((d3 > 0) != (d4 > 0)) and d3 != 0 and d4 != 0:
        return True

    def on(p, q, r):  # r on segment pq, given collinear
        return min(p[0], q[0]) <= r[0] <= max(p[0], q[0]) and min(p[1], q[1]) <= r[1] <= max(p[1], q[1])

    return ((d1 == 0 and on(c, d, a)) or (d2 == 0 and on(c, d, b)) or (d3 == 0 and on(a, b, c))
            or (d4 == 0 and on(a, b, d)))


def _segment_hits_box(a, b, s: Shape, m: float = 1.0) -> bool:
    """Does segment ab pass through the inside of shape s (its border excluded)? A negative margin ``m``
    widens the shape: the segment must keep that far from it."""
    if s.inside(*a, margin=m) or s.inside(*b, margin=m):
        return True
    x0, y0, x1, y1 = s.x + m, s.y + m, s.x + s.width - m, s.y + s.height - m
    corners = [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]
    return any(_segments_cross(a, b, corners[i], corners[(i + 1) % 4]) for i in range(4))


def measure(diagram: Diagram) -> dict:
    """``crossings``: pairs of edges that cross, not counting pairs that share an end shape;
    ``through``: edges that run through a shape they do not connect, and ``through_hits``: how many (edge,
    shape) pairs; ``missing``: requirements or elements the diagram does not draw."""
    edges = diagram.edges
    crossings = 0
    for i, e in enumerate(edges):
        for f in edges[i + 1:]:
            if {e.source, e.target} & {f.source, f.target}:
                continue
            if any(_segments_cross(a, b, c, d) for a, b in zip(e.points, e.points[1:], strict=False)
                   for c, d in zip(f.points, f.points[1:], strict=False)):
                crossings += 1
    through, hits = 0, 0
    for e in edges:
        n = sum(1 for s in diagram.shapes.values() if s.element not in (e.source, e.target)
                and any(_segment_hits_box(a, b, s) for a, b in zip(e.points, e.points[1:], strict=False)))
        through += n > 0
        hits += n
    return {"shapes": len(diagram.shapes), "edges": len(edges), "crossings": crossings, "through": through,
            "through_hits": hits}
