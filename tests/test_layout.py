"""The diagram layout: the measure on hand-drawn geometry, then the layered layout on small models and on a copy
of the bundled OSSOM model (the issue's bar: no edge through a shape it does not connect, fewer than 10 pairs of
crossing edges, every element and requirement still drawn)."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

from service.dmn import load
from service.dmn.layout import layout_model, measure_model
from service.dmn.layout.diagram import Diagram, Edge, Shape, measure, parse, read_diagrams

DECISIONS = Path(__file__).parents[1] / "decisions"
DMN13 = "https://www.omg.org/spec/DMN/20191111/MODEL/"
DMNDI = "https://www.omg.org/spec/DMN/20191111/DMNDI/"
DC = "http://www.omg.org/spec/DMN/20180521/DC/"
DI = "http://www.omg.org/spec/DMN/20180521/DI/"


def box(name, x, y, w=100, h=50):
    return Shape(name, x, y, w, h)


def test_measure_counts_crossings_not_sharing_an_end_and_edges_through_shapes():
    shapes = {n: box(n, x, y) for n, x, y in [("a", 0, 0), ("b", 300, 0), ("c", 0, 300), ("d", 300, 300),
                                              ("m", 140, 400)]}
    # a-d and b-c cross in the middle; c-d shares ends with both, so it does not count with them
    ad = Edge("ad", "a", "d", [(50, 50), (350, 300)])
    bc = Edge("bc", "b", "c", [(350, 50), (50, 300)])
    cd = Edge("cd", "c", "d", [(50, 325), (350, 325)])
    figures = measure(Diagram(shapes, [ad, bc, cd]))
    assert (figures["crossings"], figures["through"]) == (1, 0)
    # an edge from c to d drawn lower runs through m (x 140-240, y 400-450)
    low = Edge("low", "c", "d", [(50, 350), (50, 425), (350, 425), (350, 350)])
    figures = measure(Diagram(shapes, [low]))
    assert (figures["through"], figures["through_hits"]) == (1, 1)


def model(inputs: int, decisions: list[tuple[str, list[str]]]) -> bytes:
    """Input data i0..i{n-1} and decisions (id, required ids), every shape stacked at one spot so that the
    diagram starts with every edge through every shape."""
    x = [f'<definitions xmlns="{DMN13}" xmlns:dmndi="{DMNDI}" xmlns:dc="{DC}" xmlns:di="{DI}" id="m" name="M" '
         'namespace="http://m">']
    kinds = {f"i{k}": "requiredInput" for k in range(inputs)}
    for k in range(inputs):
        x.append(f'<inputData id="i{k}" name="i{k}"><variable name="i{k}"/></inputData>')
    for ident, needs in decisions:
        kinds[ident] = "requiredDecision"
        x.append(f'<decision id="{ident}" name="{ident}"><variable name="{ident}"/>')
        x += [f'<informationRequirement id="{ident}_{n}"><{kinds[n]} href="#{n}"/></informationRequirement>'
              for n in needs]
        x.append(f"<literalExpression><text>{' + '.join(needs) or '1'}</text></literalExpression></decision>")
    x.append('<dmndi:DMNDI><dmndi:DMNDiagram id="dia">')
    for ident in kinds:
        x.append(f'<dmndi:DMNShape id="{ident}_s" dmnElementRef="{ident}">'
                 f'<dc:Bounds x="{len(x) % 7}" y="{len(x) % 5}" width="180" height="80"/></dmndi:DMNShape>')
    for ident, needs in decisions:
        for n in needs:
            x.append(f'<dmndi:DMNEdge id="{ident}_{n}_e" dmnElementRef="{ident}_{n}">'
                     '<di:waypoint x="0" y="0"/><di:waypoint x="500" y="500"/></dmndi:DMNEdge>')
    x.append("</dmndi:DMNDiagram></dmndi:DMNDI></definitions>")
    return "\n".join(x).encode()


def test_a_layered_layout_of_a_small_model_has_no_crossing_and_no_edge_through_a_shape(tmp_path):
    data = model(4, [("d1", ["i0", "i1"]), ("d2", ["i1", "i2"]), ("d3", ["i3", "d1"]), ("top", ["d1", "d2", "d3"])])
    out, before, after = layout_model(data)
    assert before[0]["through"] > 0
    assert after[0] == {"shapes": 8, "edges": 9, "crossings": 0, "through": 0, "through_hits": 0}
    # the model itself is unchanged: it still loads and evaluates
    (tmp_path / "m.dmn").write_bytes(out)
    assert load(tmp_path / "m.dmn").by_file("m.dmn").evaluate("top", {f"i{k}": Decimal(1) for k in range(4)}).value == 7


def test_arrows_point_up_and_shapes_do_not_overlap():
    data = model(3, [("a", ["i0", "i1"]), ("b", ["a", "i2"]), ("c", ["b", "i0"])])
    out, _before, _after = layout_model(data)
    [diagram] = read_diagrams(parse(out))
    shapes = list(diagram.shapes.values())
    for i, s in enumerate(shapes):
        for t in shapes[i + 1:]:
            assert (s.x + s.width <= t.x or t.x + t.width <= s.x or s.y + s.height <= t.y or t.y + t.height <= s.y)
    for e in diagram.edges:
        source, target = diagram.shapes[e.source], diagram.shapes[e.target]
        assert source.y > target.y  # the required element is below the one that requires it
        assert e.points[0][1] == source.y and e.points[-1][1] == target.y + target.height


def test_the_ossom_diagram_meets_the_bar(tmp_path):
    copy = tmp_path / "ossom-allowance.dmn"
    shutil.copy(DECISIONS / "ossom-allowance.dmn", copy)
    [before] = measure_model(copy.read_bytes())
    out, _b, [after] = layout_model(copy.read_bytes())
    assert (after["shapes"], after["edges"]) == (before["shapes"], before["edges"])
    assert after["through"] == 0 and after["crossings"] < 10
    copy.write_bytes(out)
    assert load(copy)  # still a model the engine loads


def test_the_bundled_diagrams_draw_every_element_and_requirement_no_edge_through_a_shape_and_few_crossings():
    for path in sorted(DECISIONS.glob("*.dmn")):
        root = parse(path.read_bytes())
        elements = [e for tag in ("decision", "inputData", "businessKnowledgeModel", "knowledgeSource")
                    for e in root.iter(f"{{{DMN13}}}{tag}")]
        requirements = [r for tag in ("informationRequirement", "knowledgeRequirement", "authorityRequirement")
                        for r in root.iter(f"{{{DMN13}}}{tag}")]
        [figures] = measure_model(path.read_bytes())
        assert (figures["shapes"], figures["edges"]) == (len(elements), len(requirements)), path.name
        assert figures["through"] == 0, path.name
        assert figures["crossings"] < 10, path.name
        [diagram] = read_diagrams(root)
        shapes = list(diagram.shapes.values())
        for i, s in enumerate(shapes):  # no shape over another
            for t in shapes[i + 1:]:
                assert (s.x + s.width <= t.x or t.x + t.width <= s.x or s.y + s.height <= t.y
                        or t.y + t.height <= s.y), (path.name, s.element, t.element)
        for edge in diagram.edges:  # each arrow leaves its source's box and ends on its target's
            for (x, y), end in ((edge.points[0], edge.source), (edge.points[-1], edge.target)):
                s = diagram.shapes[end]
                assert s.x <= x <= s.x + s.width and s.y <= y <= s.y + s.height, (path.name, edge.element)
                assert x in (s.x, s.x + s.width) or y in (s.y, s.y + s.height), (path.name, edge.element)


def test_a_long_edge_is_put_back_where_it_crosses_nothing():
    from service.dmn.layout.reinsert import reinsert_chains
    from service.dmn.layout.sugiyama import _Graph

    # layers: top2, top | t, u | x, y | s, v; s -> t spans two layers, so it has a dummy on the layer of x and y
    edges = [("t", "top"), ("t", "top2"), ("u", "top"), ("x", "u"), ("y", "u"), ("s", "x"), ("v", "x"), ("v", "y"),
             ("s", "t")]
    names = ["top", "top2", "t", "u", "x", "y", "s", "v"]
    g = _Graph(names, {n: (100, 50) for n in names}, edges)
    [dummy] = [n for n in g.layer if n.startswith("\0")]
    rows = [["top2", "top"], ["t", "u"], ["x", "y", dummy], ["s", "v"]]
    # at the right end, the dummy's links cross x -> u and y -> u above it, v -> x and v -> y below it;
    # left of x they cross nothing
    assert sum(g._gap(rows, k) for k in range(3)) == 4
    reinsert_chains(g, rows)
    assert rows[2] == [dummy, "x", "y"]
    assert sum(g._gap(rows, k) for k in range(3)) == 0
