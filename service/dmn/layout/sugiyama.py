"""A layered (Sugiyama) drawing of a decision requirements graph.

1. Layers: a decision nobody requires is on the top layer; every other element one layer below the lowest
   element that requires it (longest path), so each arrow points up.
2. An edge longer than one layer gets a dummy node on each layer it crosses: it will run through the gap
   the dummy keeps free between the shapes of that layer.
3. Order within the layers: barycentre and median sweeps, down and up, from several starting orders, then
   adjacent transpositions, keeping the order with the fewest crossings between adjacent layers; then a
   seeded annealing of moves within a layer on the figure that counts (crossings of edges that share no
   end shape: edges into one shape may cross each other without harm).
4. x: each node as close as it can be to the mean of its neighbours, the order and the gaps kept (isotonic
   regression by pool-adjacent-violators); y: one band per layer.
5. Edges: from the top of the required shape, through the gaps of their dummies, into the bottom of the
   requiring shape; the ends along a shape's side are spread in the order of where the edges go.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

from .reinsert import reinsert_chains

__all__ = ["Layout", "layered_layout"]

LAYER_GAP = 90.0  # vertical space between two layers, where the edges cross from one to the next
NODE_GAP = 40.0  # horizontal space between two shapes of a layer
DUMMY_WIDTH = 14.0  # the width an edge keeps on a layer it passes through
MARGIN = 40.0


@dataclass
class Layout:
    boxes: dict[str, tuple[float, float, float, float]]  # node -> (x, y, width, height)
    routes: list[list[tuple[float, float]]]  # per edge, in the order given, source (required) to target


def _layers(nodes: list[str], edges: list[tuple[str, str]]) -> dict[str, int]:
    requirers: dict[str, list[str]] = {n: [] for n in nodes}
    for src, dst in edges:
        requirers[src].append(dst)
    layer: dict[str, int] = {}

    def depth(n: str, seen: frozenset = frozenset()) -> int:
        if n in layer:
            return layer[n]
        if n in seen:  # a cycle (not a valid DRG): cut it here
            return 0
        layer[n] = max((depth(r, seen | {n}) + 1 for r in requirers[n]), default=0)
        return layer[n]

    for n in nodes:
        depth(n)
    return _shorten(layer, edges)


def _shorten(layer: dict[str, int], edges: list[tuple[str, str]]) -> dict[str, int]:
    """Move each node, within the layers its edges allow, to where its edges are shortest (a coordinate
    descent towards the layering of least total edge length), so that fewer edges cross layers."""
    below = {n: [] for n in layer}  # the elements a node requires (on lower layers)
    above = {n: [] for n in layer}
    for src, dst in edges:
        below[dst].append(src)
        above[src].append(dst)
    for _ in range(50):
        moved = False
        for n in sorted(layer, key=lambda m: -layer[m]):
            lo = max((layer[m] + 1 for m in above[n]), default=0)
            hi = min((layer[m] - 1 for m in below[n]), default=max(layer.values()))
            if lo > hi:
                continue
            near = sorted([layer[m] for m in above[n]] + [layer[m] for m in below[n]])
            if not near:
                continue
            # total length sum |layer - m| is least at the median; ties go to the lower layer
            best = min(range(lo, hi + 1), key=lambda v: (sum(abs(v - m) for m in near), -v))
            if best != layer[n]:
                layer[n] = best
                moved = True
        if not moved:
            break
    return layer


def _crossings(upper: list[str], lower: list[str], links: set[tuple[str, str]]) -> int:
    """Crossings between two adjacent layers: pairs of links whose ends are in opposite orders."""
    pos_u = {n: i for i, n in enumerate(upper)}
    pos_l = {n: i for i, n in enumerate(lower)}
    pairs = sorted((pos_l[a], pos_u[b]) for a, b in links if a in pos_l and b in pos_u)
    count = 0
    for i, (la, ua) in enumerate(pairs):
        for lb, ub in pairs[i + 1:]:
            if lb > la and ub < ua:
                count += 1
    return count


class _Graph:
    def __init__(self, nodes, sizes, edges):
        self.layer = _layers(nodes, edges)
        self.sizes = dict(sizes)
        self.links: set[tuple[str, str]] = set()  # (lower node, upper node), one layer apart
        self.chains: list[list[str]] = []  # per edge: source, dummies..., target
        self.owner: dict[tuple[str, str], tuple[str, str]] = {}  # link -> the ends of its edge
        for k, (src, dst) in enumerate(edges):
            lo, hi = self.layer[src], self.layer[dst]
            chain = [src]
            for level in range(lo - 1, hi, -1):
                dummy = f"\0{k}:{level}"
                self.layer[dummy] = level
                self.sizes[dummy] = (DUMMY_WIDTH, 0.0)
                chain.append(dummy)
            chain.append(dst)
            for a, b in zip(chain, chain[1:], strict=False):
                self.links.add((a, b))
                self.owner.setdefault((a, b), (src, dst))
            self.chains.append(chain)
        depth = max(self.layer.values(), default=0)
        self.rows: list[list[str]] = [[] for _ in range(depth + 1)]
        for n in [*nodes, *(n for n in self.layer if n.startswith("\0"))]:
            self.rows[self.layer[n]].append(n)
        self.up = {n: [] for n in self.layer}  # neighbours on the layer above
        self.down = {n: [] for n in self.layer}
        for a, b in self.links:
            self.up[a].append(b)
            self.down[b].append(a)

    def total(self, rows) -> int:
        return sum(_crossings(rows[k], rows[k + 1], self.links) for k in range(len(rows) - 1))

    def sweep(self, rows, downward: bool, median: bool) -> None:
        order = range(1, len(rows)) if downward else range(len(rows) - 2, -1, -1)
        for k in order:
            ref = rows[k - 1] if downward else rows[k + 1]
            pos = {n: i for i, n in enumerate(ref)}
            keys = {}
            for i, n in enumerate(rows[k]):
                near = sorted(pos[m] for m in (self.up[n] if downward else self.down[n]) if m in pos)
                if not near:
                    keys[n] = i
                elif median:
                    mid = len(near) // 2
                    keys[n] = near[mid] if len(near) % 2 else (near[mid - 1] + near[mid]) / 2
                else:
                    keys[n] = sum(near) / len(near)
            rows[k].sort(key=lambda n: keys[n])

    def transpose(self, rows) -> None:
        improved = True
        while improved:
            improved = False
            for k, row in enumerate(rows):
                for i in range(len(row) - 1):
                    before = self._local(rows, k)
                    row[i], row[i + 1] = row[i + 1], row[i]
                    if self._local(rows, k) < before:
                        improved = True
                    else:
                        row[i], row[i + 1] = row[i + 1], row[i]

    def _local(self, rows, k) -> int:
        out = 0
        if k > 0:
            out += _crossings(rows[k - 1], rows[k], self.links)
        if k + 1 < len(rows):
            out += _crossings(rows[k], rows[k + 1], self.links)
        return out

    def order(self, tries: int = 12, rounds: int = 16, seed: int = 7, moves: int = 12000) -> list[list[str]]:
        rng = random.Random(seed)  # the same drawing each run
        best, best_count = None, None
        for t in range(tries):
            rows = [list(r) for r in self.rows]
            if t:
                for r in rows:
                    rng.shuffle(r)
            for i in range(rounds):
                self.sweep(rows, downward=i % 2 == 0, median=i % 4 >= 2)
                count = self.total(rows)
                if best_count is None or count < best_count:
                    best, best_count = [list(r) for r in rows], count
            if best_count == 0:
                break
        self.transpose(best)
        return reinsert_chains(self, self.anneal(best, moves, seed + 4))

    def _gap(self, rows, k) -> int:
        """Crossings between layers k and k+1 of links whose edges share no end shape."""
        pos_u = {n: i for i, n in enumerate(rows[k])}
        pos_l = {n: i for i, n in enumerate(rows[k + 1])}
        links = [(pos_l[a], pos_u[b], self.owner[(a, b)]) for a, b in self.links if a in pos_l and b in pos_u]
        count = 0
        for i, (la, ua, ea) in enumerate(links):
            for lb, ub, eb in links[i + 1:]:
                if (la - lb) * (ua - ub) < 0 and not (ea[0] in eb or ea[1] in eb):
                    count += 1
        return count

    def anneal(self, rows, moves: int = 12000, seed: int = 11) -> list[list[str]]:
        rng = random.Random(seed)
        gaps = [self._gap(rows, k) for k in range(len(rows) - 1)]
        current = best_count = sum(gaps)
        best = [list(r) for r in rows]
        movable = [k for k, r in enumerate(rows) if len(r) > 1]
        temperature = 2.0
        for _ in range(moves if movable and current else 0):
            k = rng.choice(movable)
            row = rows[k]
            i, j = rng.randrange(len(row)), rng.randrange(len(row))
            if i == j:
                continue
            row.insert(j, row.pop(i))
            touched = [g for g in (k - 1, k) if 0 <= g < len(gaps)]
            new = {g: self._gap(rows, g) for g in touched}
            delta = sum(new[g] - gaps[g] for g in touched)
            if delta <= 0 or rng.random() < math.exp(-delta / temperature):
                for g in touched:
                    gaps[g] = new[g]
                current += delta
                if current < best_count:
                    best_count, best = current, [list(r) for r in rows]
                    if not best_count:
                        break
            else:
                row.insert(i, row.pop(j))
            temperature = max(0.05, temperature * 0.9995)
        return best


def _isotonic(values: list[float], weights: list[float]) -> list[float]:
    """The non-decreasing sequence closest to ``values`` in weighted least squares (pool adjacent violators)."""
    blocks: list[list[float]] = []  # [mean, weight, count]
    for v, w in zip(values, weights, strict=True):
        blocks.append([v, w, 1])
        while len(blocks) > 1 and blocks[-2][0] > blocks[-1][0]:
            m2, w2, c2 = blocks.pop()
            m1, w1, c1 = blocks.pop()
            blocks.append([(m1 * w1 + m2 * w2) / (w1 + w2), w1 + w2, c1 + c2])
    out = []
    for mean, _w, count in blocks:
        out += [mean] * count
    return out


def _place_x(g: _Graph, rows: list[list[str]], rounds: int = 40) -> dict[str, float]:
    """Centre x of every node: packed rows first, then pulled towards their neighbours, order kept."""
    centre: dict[str, float] = {}
    for row in rows:
        x = 0.0
        for n in row:
            w = g.sizes[n][0]
            centre[n] = x + w / 2
            x += w + NODE_GAP
    for i in range(rounds):
        sequence = range(len(rows)) if i % 2 == 0 else range(len(rows) - 1, -1, -1)
        for k in sequence:
            row = rows[k]
            offsets, acc = [], 0.0
            for n in row:
                w = g.sizes[n][0]
                offsets.append(acc + w / 2)
                acc += w + NODE_GAP
            wanted, weights = [], []
            for n, off in zip(row, offsets, strict=True):
                near = [centre[m] for m in g.up[n] + g.down[n]]
                wanted.append((sum(near) / len(near) if near else centre[n]) - off)
                # a dummy follows its edge strongly: long edges stay straight
                weights.append((4.0 if n.startswith("\0") else 1.0) * (len(near) or 0.1))
            for n, y, off in zip(row, _isotonic(wanted, weights), offsets, strict=True):
                centre[n] = y + off
    left = min((centre[n] - g.sizes[n][0] / 2 for n in centre), default=0.0)
    return {n: c - left + MARGIN for n, c in centre.items()}


def layered_layout(nodes: list[str], sizes: dict[str, tuple[float, float]],
                   edges: list[tuple[str, str]], seed: int = 7, moves: int = 12000) -> Layout:
    """Place ``nodes`` (id -> (width, height)) and route ``edges`` (required, requiring); ``seed`` picks
    one of many equally good starts."""
    g = _Graph(nodes, sizes, edges)
    rows = g.order(seed=seed, moves=moves)
    centre = _place_x(g, rows)
    band = [max((g.sizes[n][1] for n in row), default=0.0) for row in rows]
    top, y = [], MARGIN
    for h in band:
        top.append(y)
        y += h + LAYER_GAP
    boxes = {}
    for k, row in enumerate(rows):
        for n in row:
            if not n.startswith("\0"):
                w, h = g.sizes[n]
                boxes[n] = (round(centre[n] - w / 2), round(top[k] + (band[k] - h) / 2), w, h)

    # the ends of the edges on each shape's top (leaving) and bottom (arriving) side, spread in order
    leaving: dict[str, list[tuple[float, int]]] = {}
    arriving: dict[str, list[tuple[float, int]]] = {}
    for i, chain in enumerate(g.chains):
        leaving.setdefault(chain[0], []).append((centre[chain[1]], i))
        arriving.setdefault(chain[-1], []).append((centre[chain[-2]], i))
    ports: dict[tuple[str, int], float] = {}
    for side in (leaving, arriving):
        for n, ends in side.items():
            x, _y, w, _h = boxes[n]
            ends.sort()
            for j, (_toward, i) in enumerate(ends):
                ports[(n, i, side is leaving)] = x + w * (j + 1) / (len(ends) + 1)
    routes = []
    for i, chain in enumerate(g.chains):
        src, dst = chain[0], chain[-1]
        sx, sy, _sw, _sh = boxes[src]
        dx, dy, _dw, dh = boxes[dst]
        points = [(round(ports[(src, i, True)]), sy)]
        for dummy in chain[1:-1]:
            k = g.layer[dummy]
            x = round(centre[dummy])
            points += [(x, round(top[k] + band[k])), (x, round(top[k]))]
        points.append((round(ports[(dst, i, False)]), dy + dh))
        routes.append(points)
    return Layout(boxes, routes)
