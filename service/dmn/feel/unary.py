"""Unary tests (decision-table cells, ``in``, allowed values) compiled to ``t(value, env) -> True/False/None``."""

from __future__ import annotations

import datetime as _dt
import operator
from decimal import Decimal

from ..errors import FeelSyntaxError
from . import ast as A
from . import ops
from .values import Range

__all__ = ["UnaryTestCompiler", "in_range", "is_pure", "test_value"]


def in_range(v, r: Range) -> bool | None:
    if r.start is not None:
        c = ops.ge(v, r.start) if r.start_included else ops.gt(v, r.start)
        if c is not True:
            return c
    if r.end is not None:
        c = ops.le(v, r.end) if r.end_included else ops.lt(v, r.end)
        if c is not True:
            return c
    return True


def test_value(v, r):
    """Does input ``v`` satisfy the test value ``r`` (an expression test without ``?``)?
    True, False, or None when FEEL cannot tell (comparing a null with a range)."""
    if type(r) is list:
        for item in r:
            if type(item) is Range:
                if in_range(v, item) is True:
                    return True
            elif ops.eq(v, item) is True:
                return True
        if type(v) is list:
            return ops.eq(v, r) is True
        return False
    if type(r) is Range:
        return in_range(v, r)
    if type(r) is bool and type(v) is not bool:
        return r
    return ops.eq(v, r)


#: classes whose Python ordering is FEEL's within one class (numbers, dates without time, strings by code point)
_ORDERED = (str, _dt.date, Decimal)
_NATIVE_OPS = {"<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge,
               "=": operator.eq, "!=": operator.ne}


def _constant_range_test(r):
    """A test against a range known at load time; native comparisons when the input has the
    endpoints' class (a date range tested with a date, say)."""
    if r is None:
        return _pure(lambda v, env: None)
    if type(r) is not Range:
        return _pure(lambda v, env: test_value(v, r))
    classes = {x.__class__ for x in (r.start, r.end) if x is not None}
    if len(classes) != 1 or not (classes <= {Decimal, str, _dt.date}):
        return _pure(lambda v, env: in_range(v, r))
    cls = classes.pop()
    lo, hi = r.start, r.end
    lo_op = operator.le if r.start_included else operator.lt
    hi_op = operator.le if r.end_included else operator.lt

    def range_test(v, env):
        if v.__class__ is cls:
            return (lo is None or lo_op(lo, v)) and (hi is None or hi_op(v, hi))
        return in_range(v, r)
    return _pure(range_test, intervals=(cls, ((lo, r.start_included, hi, r.end_included),)))


def _pure(test, literals=None, intervals=None):
    """Mark a compiled test whose answer depends on the tested value alone (not on the scope) and that raises
    nothing: a decision table may then run it once for all its rules, in any order. For a value of exactly
    class ``cls`` (a table can then look the value up; for a value of another class it runs the test):

    - ``literals`` ``(cls, values)``: the test is ``value in values``;
    - ``intervals`` ``(cls, ((low, low included, high, high included), ...))``: the test is "the value lies
      in one of the intervals" (None for an open end), in the class's native order, which is FEEL's.
    """
    test.pure = True
    test.literals = literals
    test.intervals = intervals
    return test


def _points(cls, values):
    """Intervals of single values, for literals of an ordered class."""
    return (cls, tuple((c, True, c, True) for c in values)) if cls in _ORDERED else None


#: (op, constant) comparisons as an interval: (low, low included, high, high included)
_COMPARISON_INTERVALS = {
    "<": lambda c: (None, False, c, False), "<=": lambda c: (None, False, c, True),
    ">": lambda c: (c, False, None, False), ">=": lambda c: (c, True, None, False),
    "=": lambda c: (c, True, c, True),
}


def is_pure(test) -> bool:
    return getattr(test, "pure", False)


#: literal classes whose Python equality and hash are FEEL's equality for two values of that class
_HASHABLE_EXACT = (str, Decimal, bool, _dt.date)


class UnaryTestCompiler:
    """The unary-test half of the FEEL compiler (mixed into ``Compiler``, which compiles the operands)."""

    def tests(self, tests: list, text: str):
        self._text = text
        literals = [t.expr.value for t in tests if isinstance(t, A.UTExpr) and isinstance(t.expr, A.Literal)]
        if len(literals) == len(tests) > 1 and len({type(c) for c in literals}) == 1 \
                and type(literals[0]) in (str, Decimal):
            # `"Medium", "Low"`: one set lookup
            members = frozenset(literals)
            cls = type(literals[0])

            def one_of(v, env):
                if v.__class__ is cls:
                    return v in members
                return False if v is None else None  # null equals none; another type compares to null
            return _pure(one_of, (cls, members), _points(cls, members))
        preds = [self._test(t) for t in tests]
        if len(preds) == 1:
            return preds[0]

        def any_test(v, env):
            seen_null = False
            for p in preds:
                r = p(v, env)
                if r is True:
                    return True
                if r is None:
                    seen_null = True
            return None if seen_null else False
        if not all(map(is_pure, preds)):
            return any_test
        spans = [p.intervals for p in preds]
        if all(spans) and len({cls for cls, _ in spans}) == 1:
            return _pure(any_test, intervals=(spans[0][0], tuple(i for _, part in spans for i in part)))
        return _pure(any_test)

    def _test(self, t):
        if isinstance(t, A.UTAny):
            return _pure(lambda v, env: True)
        if isinstance(t, A.UTNot):
            inner = self.tests(t.tests, self._text)  # the disjunction, negated three-valued

            def not_test(v, env):
                r = inner(v, env)
                return None if r is None else not r
            return _pure(not_test) if is_pure(inner) else not_test
        if isinstance(t, A.UTCompare):
            return self._compare_test(t.op, t.operand)
        if isinstance(t, A.UTExpr):
            if t.uses_question:
                f = self._c(t.expr)
                if isinstance(t.expr, A.Name) and t.expr.name == "?":
                    return _pure(lambda v, env: None if v is None else True)  # `?` alone: ? = ?

                def q_test(v, env):
                    scope = dict(env)
                    scope["?"] = v
                    r = f(scope)
                    if r is None or r.__class__ is bool:
                        return r
                    # an expression with `?` that is not a boolean: the input is tested against its value
                    # (DMN 1.5 §10.3.2.5: "? = e", or ? in e for a list or a range), as feel-scala does
                    return test_value(v, r)
                return q_test
            if isinstance(t.expr, A.Literal):
                return self._literal_test(t.expr.value)
            if isinstance(t.expr, A.RangeLit) and t.expr.not_equal:  # `(!= 10)`: the test `!= 10`
                return self._compare_test("!=", t.expr.start)
            f = self._c(t.expr)
            if isinstance(t.expr, A.RangeLit) and id(t.expr) in self._folded:
                return _constant_range_test(f({}))
            if isinstance(t.expr, A.RangeLit):
                def range_test(v, env):
                    r = f(env)
                    return None if r is None else test_value(v, r)
                return range_test
            return lambda v, env: test_value(v, f(env))
        raise FeelSyntaxError("not a unary test", self._text, t.pos)

    def _literal_test(self, c):
        if c is None:
            return _pure(lambda v, env: v is None)
        if type(c) is bool:
            return _pure(lambda v, env: v is c, (bool, frozenset((c,))))
        cls = c.__class__

        def eq_const(v, env):
            # DMN 1.5, 10.3.2.12: an endpoint test is ``? = endpoint``; an input of another type compares
            # to null, so ``not(5)`` is null too for "a" and matches no rule (as jDMN and Drools decide)
            if v.__class__ is cls:
                return v == c
            return ops.eq(v, c)
        if cls not in _HASHABLE_EXACT:
            return _pure(eq_const)
        return _pure(eq_const, (cls, frozenset((c,))), _points(cls, (c,)))

    def _compare_test(self, op: str, operand: A.Node):
        fn = {"<": ops.lt, "<=": ops.le, ">": ops.gt, ">=": ops.ge, "=": ops.eq, "!=": ops.ne}[op]
        f = self._c(operand)
        if self._is_constant(operand):
            c = f({})
            if c.__class__ in _ORDERED:  # `< 18`, `>= -5`, `< "m"`, `> date("2024-01-01")`
                native = _NATIVE_OPS[op]
                cls = c.__class__

                def const_test(v, env):
                    if v.__class__ is cls:
                        return native(v, c)
                    return fn(v, c)
                span = _COMPARISON_INTERVALS.get(op)
                return _pure(const_test, intervals=(cls, (span(c),)) if span else None)
        return lambda v, env: fn(v, f(env))
