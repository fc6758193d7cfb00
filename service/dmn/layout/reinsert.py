"""Each long edge put back, as a whole, where it crosses fewest other edges.

The annealing of ``sugiyama`` moves one node at a time, so a long edge (a chain of dummy nodes, one per layer
it passes) stays where its dummies were pulled one by one. Here each chain in turn is taken out and put back
at the slots, one per layer, that make it cross the fewest links of other edges (pairs sharing an end shape do
not count), by dynamic programming over the layers it spans: the other edges stay where they are, so no
crossing is added, and the drawing stops changing after a few rounds.
"""

from __future__ import annotations

import numpy as np

__all__ = ["reinsert_chains"]


def _gap_links(g, rows, lower: int, skip: set, ends: tuple[str, str]):
    """Positions (in the lower row, in the upper row) of the links between rows ``lower`` and ``lower - 1``
    that do not belong to the chain and share no end shape with its edge."""
    pos_l = {n: i for i, n in enumerate(rows[lower])}
    pos_u = {n: i for i, n in enumerate(rows[lower - 1])}
    xl, xu = [], []
    for a, b in g.links:
        if a in pos_l and b in pos_u and (a, b) not in skip:
            owner = g.owner[(a, b)]
            if owner[0] in ends or owner[1] in ends:
                continue
            xl.append(pos_l[a])
            xu.append(pos_u[b])
    return np.array(xl, dtype=float), np.array(xu, dtype=float)


def _reinsert(g, rows, chain: list[str]) -> None:
    src, dst, dummies = chain[0], chain[-1], chain[1:-1]
    for d in dummies:
        rows[g.layer[d]].remove(d)
    skip = set(zip(chain, chain[1:], strict=False))
    ends = (src, dst)
    # candidate positions per layer, from the source's layer up to the target's: a real node sits at its
    # index, a dummy goes into a slot s (before the node at index s), drawn as s - 0.5
    layers = [g.layer[n] for n in chain]
    options = [np.array([float(rows[layers[0]].index(src))])]
    for k in layers[1:-1]:
        options.append(np.arange(len(rows[k]) + 1, dtype=float) - 0.5)
    options.append(np.array([float(rows[layers[-1]].index(dst))]))
    cost = np.zeros(1)
    back = []
    for step in range(1, len(layers)):
        xl, xu = _gap_links(g, rows, layers[step - 1], skip, ends)
        lo, up = options[step - 1], options[step]
        # crossings[i, j]: links crossed by a link from lower option i to upper option j
        crossings = ((lo[:, None, None] < xl[None, None, :]) != (up[None, :, None] < xu[None, None, :])).sum(axis=2)
        total = cost[:, None] + crossings
        back.append(total.argmin(axis=0))
        cost = total.min(axis=0)
    choice = [0]
    for b in reversed(back):
        choice.append(int(b[choice[-1]]))
    choice.reverse()  # one index into options per layer of the chain
    for step, d in enumerate(dummies, start=1):
        rows[layers[step]].insert(int(options[step][choice[step]] + 0.5), d)


def reinsert_chains(g, rows: list[list[str]], rounds: int = 3) -> list[list[str]]:
    """``rows`` with every chain of dummies re-placed, ``rounds`` times over (changed in place, returned)."""
    for _ in range(rounds):
        for chain in g.chains:
            if len(chain) > 2:
                _reinsert(g, rows, chain)
    return rows
