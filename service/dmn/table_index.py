"""The by-column index of a decision table: for each input column, which rules a value passes.

Sets of rules are bit masks (rule 1 the lowest bit), intersected column by column at evaluation. A table of
up to ``LARGE_TABLE`` rules keeps every mask as an int. A larger one keeps the masks it stores (per region, per
listed value, per cell) as tuples of rule positions and makes the int when a value needs it: a mask of n
rules takes n bits whatever it holds, so n stored masks would take memory quadratic in n (100,000 rules,
one range each: gigabytes).

Building is O(n log n) for n cells: each distinct cell text is one test (``table._cached`` compiles it once),
interval ends are sorted once and swept (``regions``).
"""

from __future__ import annotations

from .feel.unary import is_pure

__all__ = ["LARGE_TABLE", "RuleSets", "column_matchers", "mask_of", "regions", "tests_bits"]

#: above this many rules, stored rule sets are tuples of positions rather than bit masks
LARGE_TABLE = 4096


def mask_of(rules) -> int:
    """The bit mask of these rule positions (made at once, not bit by bit: a bit by bit build of n masks of
    n rules would take time quadratic in n)."""
    if not rules:
        return 0
    if len(rules) == 1:
        return 1 << rules[0]
    bits = bytearray(max(rules) // 8 + 1)
    for i in rules:
        bits[i >> 3] |= 1 << (i & 7)
    return int.from_bytes(bits, "little")


class RuleSets:
    """Rule sets stored as tuples of positions, read as masks: ``sets[i]`` (a sequence) or ``sets.get(key,
    default)`` (a mapping), each with ``free`` (the rules that pass any value of the column) added."""

    __slots__ = ("_sets", "free")

    def __init__(self, sets, free: int = 0):
        self._sets = sets
        self.free = free

    def __getitem__(self, key) -> int:
        return self.free | mask_of(self._sets[key])

    def get(self, key, default: int = 0) -> int:
        rules = self._sets.get(key)
        return default if rules is None else self.free | mask_of(rules)

    def __len__(self) -> int:
        return len(self._sets)

    def __iter__(self):
        for rules in (self._sets.values() if isinstance(self._sets, dict) else self._sets):
            yield self.free | mask_of(rules)

    def items(self):
        for key, rules in self._sets.items():
            yield key, self.free | mask_of(rules)

    def with_free(self, free: int) -> RuleSets:
        return RuleSets(self._sets, self.free | free)


def column_matchers(cells: list, n_inputs: int, n_rules: int) -> list:
    """Per input column, how to find at once which rules its value passes, for the cells whose tests are pure
    (see ``feel.unary._pure``): ``(column, cls, index, points, regions, tests, free)``.

    For a value of class ``cls``: ``index`` maps it to the rules (a bit mask) whose cell lists it; or, without
    an index, ``bisect(points, value)`` finds the region of the line it lies in (below the first point, on
    it, between it and the next...) and ``regions`` gives the rules whose cell covers that region. For a value
    of another class, or with neither, ``tests`` are run: ``(test, rules)`` per distinct cell text (see
    ``tests_bits``). ``free``: the rules with no pure test in the column (``-``, or a test that depends on the
    scope and is run rule by rule). Columns with an index or points come first. ``cells``: per rule,
    ``[(column, cell text, compiled test)]``. Index and regions are ``RuleSets`` for a large table."""
    large = n_rules > LARGE_TABLE
    out = []
    for k in range(n_inputs):
        free = []
        by_text: dict = {}  # cell text -> [test, rules]
        for i, tests in enumerate(cells):
            cell = next(((text, t) for col, text, t in tests if col == k), None)
            if cell is None or not is_pure(cell[1]):
                free.append(i)
            else:
                by_text.setdefault(cell[0], [cell[1], []])[1].append(i)
        if not by_text:
            continue
        free = mask_of(free)
        if large:
            tests = LargeTests((t, tuple(rules)) for t, rules in by_text.values())
        else:
            tests = tuple((t, mask_of(rules)) for t, rules in by_text.values())
        cls = index = points = found = None
        literals = [t.literals for t, _ in by_text.values()]
        intervals = [t.intervals for t, _ in by_text.values()]
        if all(literals) and len({c for c, _ in literals}) == 1:
            cls = literals[0][0]
            listed: dict = {}
            for (_, values), (_, rules) in zip(literals, by_text.values(), strict=True):
                for value in values:
                    listed.setdefault(value, []).extend(rules)
            index = RuleSets({v: tuple(rules) for v, rules in listed.items()}) if large else \
                {v: mask_of(rules) for v, rules in listed.items()}
        elif all(intervals) and len({c for c, _ in intervals}) == 1:
            cls = intervals[0][0]
            points, found = regions([(spans, rules) for (_, spans), (_, rules)
                                     in zip(intervals, by_text.values(), strict=True)], large)
        out.append((k, cls, index, points, found, tests, free))
    out.sort(key=lambda c: c[1] is None)
    return out


def regions(cells: list, large: bool = False) -> tuple[list, list | RuleSets]:
    """The points of a column's intervals, sorted, and per region of the line they cut (below the first
    point, the point, between it and the next, ... , above the last) the rules whose intervals cover it.
    ``cells``: ``(intervals, rule positions)`` per distinct cell; an interval is ``(low, low included, high,
    high included)``, None for an open end.

    A sweep along the line: each interval covers a run of regions, from the one its low end opens to the one
    its high end closes; a cell's rules join the region's set where its first interval starts and leave it
    where its last one ends (different cells never share a rule). O(n log n) steps for n intervals, plus one
    set per region: a mask, or (``large``) a tuple of positions, shared by the regions where no cell comes or
    goes."""
    points = sorted({p for spans, _ in cells for lo, _, hi, _ in spans for p in (lo, hi) if p is not None})
    where = {p: i for i, p in enumerate(points)}
    n_regions = 2 * len(points) + 1
    opens: dict[int, list[int]] = {}  # region -> cells whose interval starts there
    closes: dict[int, list[int]] = {}  # region -> cells whose interval ended before
    for c, (spans, _) in enumerate(cells):
        for lo, lo_in, hi, hi_in in spans:
            first = 0 if lo is None else 2 * where[lo] + (1 if lo_in else 2)
            last = n_regions - 1 if hi is None else 2 * where[hi] + (1 if hi_in else 0)
            if first <= last:
                opens.setdefault(first, []).append(c)
                closes.setdefault(last + 1, []).append(c)
    masks = [None if large else mask_of(rules) for _, rules in cells]
    out: list = [None] * n_regions
    active = [0] * len(cells)  # per cell, how many of its intervals cover the region
    live: dict[int, None] = {}  # the cells covering the region (large tables)
    current: int | tuple = () if large else 0
    for r in range(n_regions):
        changed = False
        for c in closes.get(r, ()):
            active[c] -= 1
            if not active[c]:
                changed = True
                if large:
                    del live[c]
                else:
                    current &= ~masks[c]
        for c in opens.get(r, ()):
            if not active[c]:
                changed = True
                if large:
                    live[c] = None
                else:
                    current |= masks[c]
            active[c] += 1
        if large and changed:
            current = tuple(sorted(i for c in live for i in cells[c][1]))
        out[r] = current
    return points, (RuleSets(out) if large else out)


class LargeTests(tuple):
    """The ``(test, rule positions)`` of a large table's column (see ``tests_bits``)."""

    __slots__ = ()

    def __new__(cls, items):
        return super().__new__(cls, items)


def tests_bits(tests, v, env, candidates: int) -> int:
    """The rules (a bit mask) among ``candidates`` whose cell in a column passes for ``v``: ``tests`` holds
    ``(test, rules)`` per distinct cell; a large table's tests are all run and their rules made one mask."""
    if tests.__class__ is LargeTests:
        passed = []
        for test, rules in tests:
            if test(v, env) is True:
                passed.extend(rules)
        return mask_of(passed) & candidates
    bits = 0
    for test, mask in tests:
        if mask & candidates and test(v, env) is True:
            bits |= mask
    return bits
