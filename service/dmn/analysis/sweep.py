"""The sweep over column intervals (Calvanese et al. 2018, as the Drools and jDMN validators do).

A rule is a box: one interval set per input column. To find a point of a box that a set of other boxes does
not cover, the first column's axis is cut at every bound of every box into elementary pieces (each end point
and each open stretch between two end points); on each piece the set of boxes that hold it is constant, so the
search goes on with the next column and only those boxes. A piece no box holds gives the point at once.
The same search gives the gaps of a table (the whole input space minus every rule), the rules a First table
never reaches (a rule minus the rules above it) and, with no other box, a point of an overlap.
"""

from __future__ import annotations

import portion as P

from .cells import pick

__all__ = ["TooComplex", "contains", "intersection", "uncovered"]

MAX_STEPS = 200_000  # pieces looked at in one search: past it, the search gives up (a table must not hang check)


class TooComplex(Exception):
    """The search for an uncovered point looked at more than ``MAX_STEPS`` pieces."""


def _pieces(axis: P.Interval, intervals: list[P.Interval]) -> list[P.Interval]:
    bounds = set()
    for interval in [axis, *intervals]:
        for atom in interval:
            for b in (atom.lower, atom.upper):
                if b not in (P.inf, -P.inf):
                    bounds.add(b)
    points = sorted(bounds)
    cuts = [P.singleton(b) for b in points]
    edges = [-P.inf, *points, P.inf]
    cuts += [P.open(a, b) for a, b in zip(edges, edges[1:], strict=False)]
    return [piece & axis for piece in cuts if not (piece & axis).empty]


def uncovered(box: list[P.Interval], others: list[list[P.Interval]], integral: list[bool]) -> list | None:
    """A point of ``box`` (one value per column) that no box of ``others`` holds, or None if they cover it."""
    n = len(box)
    memo: dict = {}
    steps = [0]

    def search(d: int, inside: tuple[int, ...]):
        if not inside:
            point = [pick(box[k], integral[k]) for k in range(d, n)]
            return None if any(p is None for p in point) else point
        if d == n:
            return None
        key = (d, inside)
        if key in memo:
            return memo[key]
        memo[key] = None
        for piece in _pieces(box[d], [others[i][d] for i in inside]):
            steps[0] += 1
            if steps[0] > MAX_STEPS:
                raise TooComplex
            p = pick(piece, integral[d])
            if p is None:
                continue
            rest = search(d + 1, tuple(i for i in inside if p in others[i][d]))
            if rest is not None:
                memo[key] = [p, *rest]
                break
        return memo[key]

    return search(0, tuple(range(len(others))))


def intersection(a: list[P.Interval], b: list[P.Interval], integral: list[bool]) -> list | None:
    """A point in both boxes, or None when they do not meet."""
    point = []
    for x, y, whole in zip(a, b, integral, strict=True):
        p = pick(x & y, whole)
        if p is None:
            return None
        point.append(p)
    return point


def contains(outer: list[P.Interval], inner: list[P.Interval]) -> bool:
    """Every point of ``inner`` is in ``outer``."""
    return all(o.contains(i) for o, i in zip(outer, inner, strict=True))
