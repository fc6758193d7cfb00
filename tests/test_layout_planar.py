"""The planar drawing (planarization and a visibility representation): the st-numbering it rests on, checked
against its definition; drawings of graphs whose crossing numbers are known (a planar graph: 0; K3,3: 1); and
the geometry every drawing must have (boxes apart, each edge made of vertical and horizontal segments from the
border of its source's box to the border of its target's)."""

from __future__ import annotations

import itertools
import random

import networkx as nx
import pytest

from service.dmn.layout.planar import planar_layout, st_numbering

SIZE = (180, 80)


def check_st_numbering(g: nx.Graph, s, t) -> None:
    number = st_numbering(g, s, t)
    assert sorted(number.values()) == list(range(len(g)))
    assert number[s] == 0 and number[t] == len(g) - 1
    for v in g:
        if v not in (s, t):
            assert any(number[w] < number[v] for w in g[v]) and any(number[w] > number[v] for w in g[v]), v


@pytest.mark.parametrize("graph", [nx.wheel_graph(9), nx.grid_2d_graph(4, 5), nx.triangular_lattice_graph(3, 4),
                                   nx.complete_graph(5), nx.cycle_graph(7)], ids=["wheel", "grid", "lattice",
                                                                                   "K5", "cycle"])
def test_an_st_numbering_gives_every_other_vertex_a_lower_and_a_higher_neighbour(graph):
    for s, t in itertools.islice(graph.edges(), 6):
        check_st_numbering(graph, s, t)
        check_st_numbering(graph, t, s)


def test_a_graph_with_a_cut_vertex_has_no_st_numbering():
    bowtie = nx.Graph([(0, 1), (1, 2), (2, 0), (2, 3), (3, 4), (4, 2)])  # two triangles joined at 2
    with pytest.raises(ValueError):
        st_numbering(bowtie, 0, 1)


def draw(nodes, edges):
    drawing = planar_layout(nodes, {n: SIZE for n in nodes}, edges, seeds=(0, 1, 2), trials=10)
    assert drawing is not None
    check_geometry(drawing, nodes, edges)
    return drawing


def check_geometry(drawing, nodes, edges):
    boxes = drawing.boxes
    for a, b in itertools.combinations(nodes, 2):
        (ax, ay, aw, ah), (bx, by, bw, bh) = boxes[a], boxes[b]
        assert ax + aw <= bx or bx + bw <= ax or ay + ah <= by or by + bh <= ay, (a, b)
    for n in nodes:
        assert boxes[n][2] >= SIZE[0] and boxes[n][3] == SIZE[1]
    assert len(drawing.routes) == len(edges)
    for (source, target), route in zip(edges, drawing.routes, strict=True):
        for (x0, y0), (x1, y1) in zip(route, route[1:], strict=False):
            assert x0 == x1 or y0 == y1, route  # vertical or horizontal
        for (x, y), end in ((route[0], source), (route[-1], target)):
            bx, by, bw, bh = boxes[end]
            assert bx < x < bx + bw and y in (by, by + bh), (end, route)


def test_a_planar_graph_is_drawn_without_crossings():
    # a DRD-like graph: two inputs, a chain of decisions, a decision reading all of them
    edges = [("i1", "a"), ("i2", "a"), ("i2", "b"), ("a", "c"), ("b", "c"), ("c", "top"), ("a", "top"),
             ("b", "top"), ("i1", "top")]
    nodes = ["i1", "i2", "a", "b", "c", "top"]
    drawing = draw(nodes, edges)
    assert drawing.figures["crossings"] == 0 and drawing.figures["through"] == 0


def test_k33_is_drawn_with_one_crossing():
    # K3,3 is not planar and its crossing number is 1: one pair of edges that share no end must cross
    nodes = ["a", "b", "c", "x", "y", "z"]
    edges = [(u, v) for u in "abc" for v in "xyz"]
    drawing = draw(nodes, edges)
    assert drawing.figures["crossings"] == 1 and drawing.figures["through"] == 0


def test_k5_is_drawn_with_one_crossing():
    # K5's crossing number is 1 as well (as a DAG: each element requires the ones before it)
    nodes = ["a", "b", "c", "d", "e"]
    edges = [(u, v) for u, v in itertools.combinations(nodes, 2)]
    drawing = draw(nodes, edges)
    assert drawing.figures["crossings"] == 1 and drawing.figures["through"] == 0


def test_a_diagram_in_two_parts_is_left_to_the_layered_drawing():
    assert planar_layout(["a", "b", "c", "d"], {n: SIZE for n in "abcd"}, [("a", "b"), ("c", "d")]) is None


@pytest.mark.parametrize("seed", range(12))
def test_random_diagrams_are_drawn_with_their_geometry_and_planar_ones_without_crossings(seed):
    rng = random.Random(seed)
    n = rng.randint(3, 20)
    nodes = [f"n{i}" for i in range(n)]
    edges = {(nodes[rng.randrange(i)], nodes[i]) for i in range(1, n)}  # a tree: the diagram is in one part
    for _ in range(rng.randint(0, 2 * n)):
        a, b = sorted(rng.sample(range(n), 2))
        edges.add((nodes[a], nodes[b]))
    edges = sorted(edges)
    drawing = planar_layout(nodes, {v: SIZE for v in nodes}, edges, seeds=(0,), trials=4)
    check_geometry(drawing, nodes, edges)
    assert drawing.figures["through"] == 0
    if nx.check_planarity(nx.Graph(edges))[0]:
        assert drawing.figures["crossings"] == 0
