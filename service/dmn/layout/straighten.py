"""Fewer bends: an edge skips the bend points it does not need.

A layered drawing gives a long edge one or two bends per layer it passes. Each edge here goes, from each of
its points, straight to the farthest later point it can reach without running through a shape it does not
connect and without crossing more edges than before (pairs that share an end shape do not count).
"""

from __future__ import annotations

from .diagram import Edge, Shape, _segment_hits_box, _segments_cross

__all__ = ["straighten"]

CLEARANCE = 12.0  # how far a straightened segment keeps from a shape it passes


def _crossings(points, edge: Edge, others: list[Edge]) -> int:
    count = 0
    segments = list(zip(points, points[1:], strict=False))
    for other in others:
        if other is edge or {edge.source, edge.target} & {other.source, other.target}:
            continue
        if any(_segments_cross(a, b, c, d) for a, b in segments
               for c, d in zip(other.points, other.points[1:], strict=False)):
            count += 1
    return count


def straighten(shapes: dict[str, Shape], edges: list[Edge]) -> None:
    """Simplify each edge's ``points`` in place."""
    for edge in edges:
        blockers = [s for s in shapes.values() if s.element not in (edge.source, edge.target)]
        points = edge.points
        if len(points) <= 2:
            continue
        budget = _crossings(points, edge, edges)
        out = [points[0]]
        i = 0
        while i < len(points) - 1:
            nxt = i + 1
            for j in range(len(points) - 1, i + 1, -1):
                a, b = points[i], points[j]
                if any(_segment_hits_box(a, b, s, -CLEARANCE) for s in blockers):
                    continue
                trial = [*out, *points[j:]]
                if _crossings(trial, edge, edges) <= budget:
                    nxt = j
                    break
            out.append(points[nxt])
            i = nxt
        edge.points = out
