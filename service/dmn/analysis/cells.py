"""Decision-table cells as sets of values of their column, for the static analysis.

A column has a kind: ``number`` (Decimal intervals), ``date`` (intervals of day numbers), or a discrete kind
(``string``, ``boolean``) whose values get integer codes in the order they are met, so that every cell becomes
a ``portion`` interval set and one sweep handles them all (Calvanese et al., "Semantics, analysis and
simplification of DMN decision tables", 2018). Day numbers and codes are integers: ``integral`` says so, and
an interval of them is closed on both finite ends. A cell the analysis cannot read (a name, a function call,
``?``) is ``None``: it is left out of the checks that need it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

import portion as P

from ..feel import ast as A

__all__ = ["Column", "Literal", "literal_of", "pick"]

NUMERIC = ("number", "date")
# a code above every code a column hands out: "any other text"
_OTHER_FROM = 1


@dataclass(frozen=True)
class Literal:
    """A constant written in a cell: its FEEL kind, its value and the text a finding shows."""

    kind: str  # number | string | boolean | date | null | other
    value: object
    text: str


def literal_of(node) -> Literal | None:
    """The constant ``node`` stands for, or None when it is not a constant."""
    if isinstance(node, A.Literal):
        v = node.value
        if v is None:
            return Literal("null", None, "null")
        if isinstance(v, bool):
            return Literal("boolean", v, "true" if v else "false")
        if isinstance(v, Decimal):
            return Literal("number", v, _number_text(v))
        if isinstance(v, str):
            return Literal("string", v, f'"{v}"')
        return None
    if isinstance(node, A.Negation):
        inner = literal_of(node.operand)
        if inner is not None and inner.kind == "number":
            return Literal("number", -inner.value, _number_text(-inner.value))
        return None
    text = None
    if isinstance(node, A.AtLiteral):
        text = node.text
    elif (isinstance(node, A.Call) and isinstance(node.callee, A.Name) and node.callee.name == "date"
          and not node.named and len(node.args) == 1 and isinstance(node.args[0], A.Literal)
          and isinstance(node.args[0].value, str)):
        text = node.args[0].value
    if text is not None:
        try:
            d = date.fromisoformat(text)
        except ValueError:
            return None
        return Literal("date", d, f'date("{d.isoformat()}")')
    return None


def _number_text(v: Decimal) -> str:
    return format(v, "f") if v == v.to_integral_value() or v.adjusted() > -7 else str(v)


@dataclass
class Column:
    """One input (or output) column: its kind, its allowed values, and the codes of its discrete values."""

    label: str
    kind: str | None  # number | date | string | boolean | None (unknown)
    allowed: list[Literal] | None = None  # the allowed values as constants, when they are only constants
    allowed_text: str | None = None
    codes: dict = field(default_factory=dict)  # discrete value -> code
    closed_set: bool = False  # the discrete values are exactly those of ``allowed`` (no "other" value)
    allowed_codes: list = field(default_factory=list)

    def __post_init__(self):
        if self.kind == "boolean":
            self.code(True)
            self.code(False)
            self.closed_set = True
            self.allowed_codes = [1 + _OTHER_FROM, 2 + _OTHER_FROM]
        elif self.allowed and self.kind in ("string", None) and all(a.kind == "string" for a in self.allowed):
            self.kind = "string"
            self.allowed_codes = [self.code(a.value) for a in self.allowed]
            self.closed_set = True

    @property
    def integral(self) -> bool:
        return self.kind != "number"

    def code(self, value) -> int:
        if value not in self.codes:
            self.codes[value] = len(self.codes) + _OTHER_FROM + 1
        return self.codes[value]

    def domain(self) -> P.Interval:
        if self.kind == "number" or self.kind == "date":
            return P.open(-P.inf, P.inf)
        if self.closed_set:
            out = P.empty()
            for c in self.allowed_codes:
                out |= P.singleton(c)
            return out
        return P.closed(_OTHER_FROM, P.inf)  # code 1: a text no cell names

    def point(self, lit: Literal):
        """The value of ``lit`` on this column's axis, or None when its kind cannot be on it."""
        if self.kind == "number" and lit.kind == "number":
            return lit.value
        if self.kind == "date" and lit.kind == "date":
            return lit.value.toordinal()
        if self.kind in ("string", "boolean") and lit.kind == self.kind:
            return self.code(lit.value)
        return None

    def describe(self, point) -> str:
        if self.kind == "number":
            return _number_text(Decimal(point))
        if self.kind == "date":
            return f'date("{date.fromordinal(int(point)).isoformat()}")'
        for value, c in self.codes.items():
            if c == point:
                return ("true" if value else "false") if isinstance(value, bool) else f'"{value}"'
        return "any other text"

    # --- cells ---------------------------------------------------------------------------------

    def cell(self, tests: A.UnaryTests) -> P.Interval | None:
        """The values the unary tests ``tests`` match, or None when the analysis cannot tell."""
        if self.kind is None:
            return None
        return self._union(tests.tests)

    def _union(self, tests: list) -> P.Interval | None:
        out = P.empty()
        seen = False
        for test in tests:
            if isinstance(test, A.UTExpr) and literal_of(test.expr) is not None \
                    and literal_of(test.expr).kind == "null":
                continue  # null is left out of the analysis: no interval holds it
            part = self._test(test)
            if part is None:
                return None
            out |= part
            seen = True
        return self._norm(out) if seen else None

    def _test(self, test) -> P.Interval | None:
        if isinstance(test, A.UTAny):
            return self.domain()
        if isinstance(test, A.UTNot):
            inner = self._union(test.tests)
            return None if inner is None else self.domain() - inner
        if isinstance(test, A.UTCompare):
            lit = literal_of(test.operand)
            v = self.point(lit) if lit is not None else None
            if v is None:
                return None
            if test.op == "=":
                return P.singleton(v)
            if test.op == "!=":
                return self.domain() - P.singleton(v)
            if self.kind not in NUMERIC:
                return None
            return {"<": P.open(-P.inf, v), "<=": P.openclosed(-P.inf, v),
                    ">": P.open(v, P.inf), ">=": P.closedopen(v, P.inf)}[test.op]
        if isinstance(test, A.UTExpr) and not test.uses_question:
            expr = test.expr
            if isinstance(expr, A.RangeLit):
                lo = self._bound(expr.start, -P.inf)
                hi = self._bound(expr.end, P.inf)
                if lo is None or hi is None or self.kind not in NUMERIC:
                    return None
                return P.Interval.from_atomic(P.CLOSED if expr.start_included else P.OPEN, lo, hi,
                                     P.CLOSED if expr.end_included else P.OPEN)
            lit = literal_of(expr)
            v = self.point(lit) if lit is not None else None
            return None if v is None else P.singleton(v)
        return None

    def _bound(self, node, infinite):
        if node is None:
            return infinite
        lit = literal_of(node)
        return self.point(lit) if lit is not None else None

    def _norm(self, interval: P.Interval) -> P.Interval:
        """On an integer axis: each piece closed on its finite ends (``(1..3)`` is ``[2..2]``)."""
        if not self.integral:
            return interval
        out = P.empty()
        for atom in interval:
            lo, hi = atom.lower, atom.upper
            if lo != -P.inf:
                lo = math.ceil(lo) if atom.left == P.CLOSED else math.floor(lo) + 1
            if hi != P.inf:
                hi = math.floor(hi) if atom.right == P.CLOSED else math.ceil(hi) - 1
            if lo != -P.inf and hi != P.inf and lo > hi:
                continue
            out |= P.closed(lo, hi)
        return out


def pick(interval: P.Interval, integral: bool):
    """A value inside ``interval`` (readable: an end when it is included), or None when it holds none."""
    for atom in interval:
        lo, hi = atom.lower, atom.upper
        lo_in, hi_in = atom.left == P.CLOSED, atom.right == P.CLOSED
        if integral:
            if lo == -P.inf:
                if hi == P.inf:
                    return 0
                v = math.floor(hi) if hi_in else math.ceil(hi) - 1
            else:
                v = math.ceil(lo) if lo_in else math.floor(lo) + 1
            if hi == P.inf or v < hi or (v == hi and hi_in):
                return v
            continue
        if atom.empty:
            continue
        if lo != -P.inf and lo_in:
            return lo
        if hi != P.inf and hi_in and lo == -P.inf:
            return hi
        if lo == -P.inf and hi == P.inf:
            return Decimal(0)
        if lo == -P.inf:
            return hi - 1
        if hi == P.inf:
            return lo + 1
        return (lo + hi) / 2
    return None
