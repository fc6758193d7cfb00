"""A planar drawing of a decision requirements diagram: planarization, then a visibility representation.

A layered drawing (``sugiyama``) keeps every arrow pointing up, but it cannot route an edge around the rest of
the diagram, so a graph with two hubs read by many of the same decisions (the INAMI model's ``Case`` and
``INAMI benefit``) keeps crossings that no ordering of its layers removes. This drawing instead starts from
the graph's topology:

1. **Planarization.** The requirements are added one by one, in a seeded order, to a planar subgraph
   (``networkx.check_planarity``); each one that would make it non-planar is put back afterwards along the
   cheapest way through the faces of the embedding (a shortest path in the dual graph), where crossing a
   requirement that shares an end with it costs nothing (such pairs do not count: ``diagram.measure``). Each
   crossing becomes a dummy vertex, so the result is a planar graph.
2. **Augmentation.** A hidden vertex in every face, joined to the vertices around it, makes the graph
   biconnected without losing planarity.
3. **Visibility representation** (Tamassia and Tollis, "A unified approach to visibility representations of
   planar graphs", 1986). An st-numbering (Tarjan's algorithm, 1986) orients every edge; a vertex's row is its
   longest path from ``s``, and the faces, ordered by the longest paths of the dual graph, give each vertex a
   horizontal span and each edge a column, such that every edge is a vertical segment that meets no span but
   those of its ends. A decision is drawn as a box over the columns of its edges, an edge as a vertical line,
   and an edge through a dummy vertex turns there to cross the other edge once.

Every arrow is a vertical line into the top or bottom of a box, so no edge runs through a shape. Some arrows
point down: the st-numbering orders the vertices, not the requirements. Several seeds and choices of ``s``
are tried, and the drawing with the fewest crossings and downward arrows (weighed together), then the smallest
area, is kept (``planar_layout``).
"""

from __future__ import annotations

import random
from dataclasses import dataclass

import networkx as nx

from .diagram import Diagram, Edge, Shape, measure

__all__ = ["Planar", "planar_layout"]

SEEDS = tuple(range(8))  # the planarizations tried
TRIALS = 30  # orders of the requirements tried per seed, the cheapest planarization kept
COLUMN = 30  # the width of a column holding an edge
MARGIN = 10  # the least distance from an edge to the side of the box it ends on
INSET = 4  # the least distance from a box to the side of its span (boxes of a row keep 8 apart)
ROW_GAP = 70  # between rows of boxes
DUMMY_ROW = 24  # the height of a row where edges turn to cross
ORIGIN = 40  # the drawing's top left corner, as the layered drawing's
CROSSING = 3  # below the bar, a crossing weighs as much as this many arrows pointing down


@dataclass
class Planar:
    boxes: dict[str, tuple[float, float, float, float]]  # node -> (x, y, width, height)
    routes: list[list[tuple[float, float]]]  # per edge, its points from source to target
    figures: dict  # ``diagram.measure``


def _faces(emb: nx.PlanarEmbedding) -> tuple[dict, list[list]]:
    """Each half-edge's face (index) and the faces' vertices."""
    face_of: dict = {}
    faces: list[list] = []
    for u, v in emb.edges():
        if (u, v) in face_of:
            continue
        marks: set = set()
        vertices = emb.traverse_face(u, v, mark_half_edges=marks)
        for half in marks:
            face_of[half] = len(faces)
        faces.append(vertices)
    return face_of, faces


def _insert(h: nx.Graph, pairs: list[tuple], k: int, dummies: list[int]) -> int:
    """Put pair ``k`` back into the planar graph ``h`` along the cheapest path through its faces; the number of
    crossings that count (with a requirement not sharing an end)."""
    a, b = pairs[k]
    _ok, emb = nx.check_planarity(h)
    face_of, faces = _faces(emb)
    dual = nx.Graph()
    for (x, y), f in face_of.items():
        g = face_of[(y, x)]
        if f == g:
            continue
        crossed = pairs[h[x][y]["pair"]]
        cost = 0.001 if set(crossed) & {a, b} else 1.0
        if not dual.has_edge(f, g) or dual[f][g]["cost"] > cost:
            dual.add_edge(f, g, cost=cost, segment=(x, y))
    dual.add_node("from")
    dual.add_node("to")
    for f, vertices in enumerate(faces):
        if a in vertices:
            dual.add_edge("from", f, cost=0.0, segment=None)
        if b in vertices:
            dual.add_edge(f, "to", cost=0.0, segment=None)
    path = nx.shortest_path(dual, "from", "to", weight="cost")
    previous, counted = a, 0
    for f, g in zip(path[1:-2], path[2:-1], strict=True):
        x, y = dual[f][g]["segment"]
        crossed = h[x][y]["pair"]
        counted += dual[f][g]["cost"] >= 1
        dummy = ("\0cross", dummies[0])
        dummies[0] += 1
        h.remove_edge(x, y)
        h.add_edge(x, dummy, pair=crossed)
        h.add_edge(dummy, y, pair=crossed)
        h.add_edge(previous, dummy, pair=k)
        previous = dummy
    h.add_edge(previous, b, pair=k)
    return counted


def _planarize(nodes: list, pairs: list[tuple], rng: random.Random, trials: int) -> nx.Graph:
    """The planarized graph (edges carry ``pair``: the index of the requirement they draw) of the cheapest of
    ``trials`` seeded orders."""
    best = None
    for _ in range(trials):
        order = list(range(len(pairs)))
        rng.shuffle(order)
        h = nx.Graph()
        h.add_nodes_from(nodes)
        left_out = []
        for k in order:
            h.add_edge(*pairs[k], pair=k)
            if not nx.check_planarity(h)[0]:
                h.remove_edge(*pairs[k])
                left_out.append(k)
        dummies = [0]
        cost = sum(_insert(h, pairs, k, dummies) for k in left_out)
        if best is None or cost < best[0]:
            best = (cost, h)
    return best[1]


def _augment(h: nx.Graph) -> nx.Graph:
    """``h`` with a hidden vertex inside each face, joined to the vertices around the face: biconnected."""
    _ok, emb = nx.check_planarity(h)
    _face_of, faces = _faces(emb)
    out = h.copy()
    for k, vertices in enumerate(faces):
        for v in dict.fromkeys(vertices):
            out.add_edge(("\0face", k), v, pair=None)
    return out


def st_numbering(g: nx.Graph, s, t) -> dict:
    """An st-numbering of the biconnected graph ``g`` (``s`` and ``t`` adjacent): ``s`` is 0, ``t`` the last,
    and every other vertex has a neighbour numbered lower and one numbered higher (Tarjan, "Two streamlined
    depth-first search algorithms", 1986)."""
    pre, parent, order = {s: 0}, {s: None}, [s]
    stack = [(s, iter([t, *(w for w in g[s] if w != t)]))]
    while stack:
        v, neighbours = stack[-1]
        for w in neighbours:
            if w not in pre:
                pre[w] = len(pre)
                parent[w] = v
                order.append(w)
                stack.append((w, iter(g[w])))
                break
        else:
            stack.pop()
    low = {}
    for v in reversed(order):
        low[v] = min([pre[v]] + [pre[w] if parent.get(w) != v else low[w] for w in g[v] if w != parent[v]])
    by_pre = {pre[v]: v for v in order}
    listed, sign = [s, t], {s: "-"}
    for v in order:
        if v in (s, t):
            continue
        p = parent[v]
        i = listed.index(p)
        if sign.get(by_pre[low[v]]) == "-":
            listed.insert(i, v)
            sign[p] = "+"
        else:
            listed.insert(i + 1, v)
            sign[p] = "-"
    number = {v: k for k, v in enumerate(listed)}
    for v in g:
        if v not in (s, t) and not (any(number[w] < number[v] for w in g[v])
                                    and any(number[w] > number[v] for w in g[v])):
            raise ValueError("the graph is not biconnected")
    return number


def _visibility(g: nx.Graph, s, t):
    """(row per vertex, span of columns per vertex, column per oriented edge (u, v))."""
    _ok, emb = nx.check_planarity(g)
    number = st_numbering(g, s, t)
    face_of, faces = _faces(emb)
    oriented = [(u, v) if number[u] < number[v] else (v, u) for u, v in g.edges()]
    for flip in (False, True):  # which side of a half-edge traverse_face walks depends on the embedding's sense
        sides = {}
        dual = nx.DiGraph()
        dual.add_nodes_from(range(len(faces)))
        for u, v in oriented:
            left, right = face_of[(v, u)], face_of[(u, v)]
            if flip:
                left, right = right, left
            sides[(u, v)] = (left, right)
            if {u, v} != {s, t}:
                dual.add_edge(left, right)
        if nx.is_directed_acyclic_graph(dual):
            break
    else:
        raise ValueError("no visibility representation")
    x = {}
    for f in nx.topological_sort(dual):
        x[f] = max((x[p] + 1 for p in dual.predecessors(f)), default=0)
    up = nx.DiGraph(oriented)
    row = {}
    for v in nx.topological_sort(up):
        row[v] = max((row[p] + 1 for p in up.predecessors(v)), default=0)
    column = {e: x[sides[e][0]] for e in oriented}
    span = {}
    for v in g:
        incident = [e for e in oriented if v in e]
        span[v] = (min(x[sides[e][0]] for e in incident), max(x[sides[e][1]] for e in incident) - 1)
    return row, span, column


def _geometry(h, row, span, column, sizes, pairs, ends):
    """Boxes and routes (one per pair, from ``ends[k][0]`` to ``ends[k][1]``) of a visibility representation."""
    def col(u, v):
        return column[(u, v)] if (u, v) in column else column[(v, u)]

    drawn = [(u, v) for u, v in h.edges() if h[u][v].get("pair") is not None]
    visible = {col(u, v) for u, v in drawn}
    count = max(b for _a, b in span.values()) + 2
    width = [COLUMN if k in visible else 0.0 for k in range(count)]
    touched: dict = {}
    for u, v in drawn:
        for n in (u, v):
            if n in sizes:
                touched.setdefault(n, []).append(col(u, v))
    for n in sorted(sizes, key=lambda n: span[n][1] - span[n][0]):
        a, b = span[n]
        missing = sizes[n][0] + 2 * INSET - sum(width[a:b + 1])
        for k in range(a, b + 1):
            width[k] += missing / (b - a + 1) if missing > 0 else 0
    left = [float(ORIGIN)]
    for w in width:
        left.append(left[-1] + w)

    def centre(k):
        return left[k] + width[k] / 2

    rows = max(row.values()) + 1
    height = []
    for r in range(rows):
        tall = [sizes[n][1] for n in sizes if row[n] == r]
        crossing = any(row[n] == r for n in row if isinstance(n, tuple) and n[0] == "\0cross")
        height.append(max(tall) + ROW_GAP if tall else DUMMY_ROW if crossing else 0.0)
    top, y = {}, float(ORIGIN)
    for r in reversed(range(rows)):
        top[r] = y
        y += height[r]
    boxes = {}
    for n, (w, hgt) in sizes.items():
        a, b = span[n]
        lo, hi = left[a] + INSET, left[b + 1] - INSET  # the span, as far as the box may reach
        cols = touched.get(n)
        want_lo, want_hi = (centre(min(cols)) - MARGIN, centre(max(cols)) + MARGIN) if cols else (lo, lo + w)
        w = max(w, want_hi - want_lo)
        x0 = min(max(lo, (want_lo + want_hi - w) / 2), hi - w)
        boxes[n] = (round(x0), round(top[row[n]] + (height[row[n]] - ROW_GAP - hgt) / 2 + ROW_GAP / 2),
                    round(w), hgt)
    routes = []
    turn: dict = {}
    index = {pair: k for k, pair in enumerate(pairs)}
    for k, (a, b) in enumerate(ends):
        path, previous, pair = [a], None, index[_key(a, b)]
        while path[-1] != b:
            here = path[-1]
            [nxt] = [w for w in h[here] if h[here][w].get("pair") == pair and w != previous]
            previous = here
            path.append(nxt)
        points = []
        for i, (p, q) in enumerate(zip(path, path[1:], strict=False)):
            xq = round(centre(col(p, q)))
            upward = row[q] > row[p]
            if i == 0:
                bx, by, _bw, bh = boxes[p]
                points.append((xq, by if upward else by + bh))
            else:  # p is a crossing: turn there, each edge at its own height
                offsets = turn.setdefault(p, {})
                dy = offsets.setdefault(k, 6 if offsets else -6)
                yp = round(top[row[p]] + height[row[p]] / 2 + dy)
                points += [(points[-1][0], yp), (xq, yp)]
            if i == len(path) - 2:
                bx, by, _bw, bh = boxes[q]
                points.append((xq, by + bh if upward else by))
        clean = [points[0]]
        for p in points[1:]:
            if p != clean[-1]:
                clean.append(p)
        routes.append(clean)
    return boxes, routes


def _key(a, b) -> tuple:
    return (a, b) if str(a) <= str(b) else (b, a)


def planar_layout(nodes: list[str], sizes: dict[str, tuple[float, float]], edges: list[tuple[str, str]],
                  seeds=SEEDS, trials: int = TRIALS, bar: int = 10) -> Planar | None:
    """The best planar drawing of ``nodes`` and ``edges`` (required, requiring) over ``seeds``: the fewest edges
    through shapes, then below ``bar`` crossings, then the fewest crossings and arrows pointing down (a crossing
    weighs ``CROSSING`` arrows), then the smallest area; None when the graph is not connected (each part would
    need a drawing of its own) or has an element requiring itself (an arrow no visibility drawing has)."""
    if len(nodes) < 3 or any(a == b for a, b in edges):
        return None
    graph = nx.Graph()
    graph.add_nodes_from(nodes)
    graph.add_edges_from(edges)
    if not nx.is_connected(graph):
        return None
    pairs = list(dict.fromkeys(_key(a, b) for a, b in edges))
    sinks = sorted((n for n in nodes if not any(e[0] == n for e in edges)), key=lambda n: -graph.degree(n))[:2]
    best = None
    for seed in seeds:
        h = _planarize(list(nodes), pairs, random.Random(seed), trials)
        g = _augment(h)
        for t in sinks or nodes[:1]:
            for s in [w for w in g[t] if isinstance(w, tuple) and w[0] == "\0face"]:
                try:
                    row, span, column = _visibility(g, s, t)
                except ValueError:
                    continue
                boxes, routes = _geometry(h, row, span, column, sizes, pairs, edges)
                candidate = _score(nodes, boxes, edges, routes, bar)
                if best is None or candidate[0] < best[0]:
                    best = candidate
    return best[1] if best else None


def _score(nodes, boxes, edges, routes, bar):
    shapes = {n: Shape(n, *boxes[n]) for n in nodes}
    drawn = [Edge(str(i), a, b, r) for i, ((a, b), r) in enumerate(zip(edges, routes, strict=True))]
    figures = measure(Diagram(shapes, drawn))
    down = sum(1 for r in routes if r[0][1] < r[-1][1])
    right = max(x + w for x, _y, w, _h in boxes.values())
    bottom = max(y + h for _x, y, _w, h in boxes.values())
    weight = CROSSING * figures["crossings"] + down
    score = (figures["through_hits"], figures["crossings"] >= bar, weight, right * bottom)
    return score, Planar(boxes, routes, figures)
