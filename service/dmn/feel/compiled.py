"""The pieces compiled FEEL is made of, apart from the compiler: constants, direct calls of built-ins,
a list index, date properties, and the walks over a parsed tree the compiler needs."""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal

from ..evalstate import _CURRENT, charge
from . import ast as A
from . import ops
from .builtins.base import INVALID_ARGUMENTS, Builtin
from .calendar import date_from_days, day_number, is_date
from .numbers import in_range
from .temporal import _year_month_property as year_month_property
from .values import Range, YearMonthDuration

__all__ = ["DATE_PROPERTIES", "NO_END", "bound_names", "builtin_call", "constant", "constant_of", "defines_function",
           "domain_items", "each_item", "integer", "list_eq", "list_index", "list_ne", "path_step", "reads_name"]


def constant(value):
    """A compiled expression whose value is known at compile time (``constant_of`` tells it)."""
    def known(env):
        return value
    known.value = (value,)
    return known


def constant_of(compiled) -> tuple | None:
    """``(value,)`` when a compiled expression is a constant, else None."""
    return getattr(compiled, "value", None) if compiled.__name__ == "known" else None


#: the whole numbers most positions, counts and loop bounds are, by their value (1.0 finds 1 as 1 does)
_WHOLE = {Decimal(i): i for i in range(-1024, 4096)}
_LOW, _HIGH = -1024, 4096
_NUMBERS = list(_WHOLE)  # Decimal(i) for each i of _LOW..._HIGH - 1, made once


def _numbers(a: int, b: int) -> list:
    """The numbers a..b (counting down when b < a), as ``Decimal(i)`` each, the common ones made once."""
    if _LOW <= a < _HIGH and _LOW <= b < _HIGH:
        if a <= b:
            return _NUMBERS[a - _LOW:b - _LOW + 1]
        out = _NUMBERS[b - _LOW:a - _LOW + 1]
        out.reverse()
        return out
    step = 1 if b >= a else -1
    return [Decimal(i) for i in range(a, b + step, step)]


def integer(v) -> int | None:
    """A whole number as a Python int; None for anything else."""
    if type(v) is Decimal:
        try:
            i = _WHOLE.get(v)
        except TypeError:  # a signalling NaN cannot be hashed: no number
            return None
        if i is not None:
            return i
        if in_range(v) and v == v.to_integral_value():
            return int(v)
    return None


def bound_names(node, out: set) -> set:
    """The names a FEEL tree binds itself: iteration variables, function parameters, context keys."""
    if isinstance(node, list | tuple):
        for x in node:
            bound_names(x, out)
    elif isinstance(node, A.Iteration):
        out.add(node.name)
        bound_names([node.domain, node.domain_end], out)
    elif isinstance(node, A.Node):
        if isinstance(node, A.FunctionDef):
            out.update(p for p, _ in node.params)
        elif isinstance(node, A.ContextLit):
            out.update(k for k, _ in node.entries)
        for f in node.__dataclass_fields__:
            value = getattr(node, f)
            if isinstance(value, A.Node | A.Iteration | list | tuple):
                bound_names(value, out)
    return out


def builtin_call(builtin, fns: list):
    """A positional call of a built-in no name of the model can shadow: its implementation called directly,
    the number of arguments checked once, here."""
    if type(builtin).call is not Builtin.call:  # a built-in with calls of its own
        return lambda env: builtin.call([f(env) for f in fns])
    if not builtin.accepts(len(fns)):
        return lambda env: None
    impl = builtin.impl
    if len(fns) == 1:
        only = fns[0]

        def call1(env):
            a = only(env)
            try:
                return impl(a)
            except INVALID_ARGUMENTS:
                return None
        call1.builtin_impl = impl
        return call1
    if len(fns) == 2:
        first, second = fns

        def call2(env):
            a = first(env)
            b = second(env)
            try:
                return impl(a, b)
            except INVALID_ARGUMENTS:
                return None
        call2.builtin_impl = impl
        return call2

    def call(env):
        args = [f(env) for f in fns]
        try:
            return impl(*args)
        except INVALID_ARGUMENTS:
            return None
    call.builtin_impl = impl  # the code generator calls it itself
    return call


_SMALL = tuple(Decimal(i) for i in range(32))  # the numbers of months, days and weekdays, made once
_YEARS: dict[int, Decimal] = {}  # a year's number, made on first use (at most 9999: dates stop there)


def _year(d) -> Decimal:
    y = d.year
    n = _YEARS.get(y)
    if n is None:
        n = _YEARS[y] = Decimal(y)
    return n


DATE_PROPERTIES = {
    "year": _year, "month": lambda d: _SMALL[d.month], "day": lambda d: _SMALL[d.day],
    "weekday": lambda d: _SMALL[d.isoweekday()],
}


def path_step(v, name: str, date_property):
    """``v.name`` for a ``v`` that is not a context: a date's property, each item's of a list, null's null."""
    cls = v.__class__
    if date_property is not None and cls is _dt.date:
        return date_property(v)
    if cls is YearMonthDuration:  # `elapsed.years`
        return year_month_property(v, name)
    if cls is list:
        return [x.get(name) if type(x) is dict else ops.get_property(x, name) for x in v]
    if v is None:
        return None
    return ops.get_property(v, name)


def defines_function(node) -> bool:
    """Does this tree hold a function definition (whose closure would keep the scope)?"""
    if isinstance(node, A.FunctionDef):
        return True
    if isinstance(node, list | tuple):
        return any(defines_function(x) for x in node)
    if isinstance(node, A.Node | A.Iteration):
        return any(defines_function(getattr(node, f)) for f in node.__dataclass_fields__)
    return False


def names_read(node, out: set | None = None) -> set:
    """Every name this tree reads (the head of a dotted name too); names it defines locally are included,
    which only makes the set larger than the free names."""
    out = set() if out is None else out
    if isinstance(node, A.Name):
        out.add(node.name)
        out.add(node.name.split(".", 1)[0].strip())
    elif isinstance(node, list | tuple):
        for x in node:
            names_read(x, out)
    elif isinstance(node, A.Node | A.Iteration):
        for f in node.__dataclass_fields__:
            names_read(getattr(node, f), out)
    return out


def reads_name(node, name: str) -> bool:
    """Does this tree read ``name`` (alone or as the head of a path such as ``partial.x``)?"""
    if isinstance(node, A.Name):
        return node.name == name or node.name.startswith(name + ".")
    if isinstance(node, list | tuple):
        return any(reads_name(x, name) for x in node)
    if isinstance(node, A.Node | A.Iteration):
        return any(reads_name(getattr(node, f), name) for f in node.__dataclass_fields__)
    return False


_from_ordinal = _dt.date.fromordinal


def list_index(items: list, index: Decimal):
    try:
        i = _WHOLE.get(index) if index.__class__ is Decimal else None  # the common positions, at once
    except TypeError:  # a signalling NaN cannot be hashed: no position
        return None
    if i is None:
        i = integer(index)
        if i is None:
            return None
    if i > 0:
        return items[i - 1] if i <= len(items) else None
    return items[i] if i and -i <= len(items) else None


NO_END = object()  # a domain without `..` end: `for x in xs`


def domain_items(first, last=NO_END):
    """The items a ``for``, ``some`` or ``every`` iterates over: a list as it is; ``a..b`` (numbers or dates,
    counting down when b < a) or a range of numbers as the list of its integers or days; null null; any other
    value the list of itself."""
    if last is not NO_END:
        if type(first) is _dt.date and type(last) is _dt.date:
            step = 1 if last >= first else -1
            charge(abs((last - first).days) + 1)  # a range is counted before it becomes a list (budgets)
            a, b = first.toordinal(), last.toordinal()
            return [_from_ordinal(n) for n in range(a, b + step, step)]
        if is_date(first) and is_date(last):  # beyond Python's years: by day number
            a, b = day_number(first), day_number(last)
            step = 1 if b >= a else -1
            charge(abs(b - a) + 1)
            return [date_from_days(n) for n in range(a, b + step, step)]
        a, b = integer(first), integer(last)
        if a is None or b is None:
            return None
        charge(abs(b - a) + 1)
        return _numbers(a, b)
    if type(first) is list:
        return first
    if type(first) is Range:
        a, b = integer(first.start), integer(first.end)
        if a is None or b is None:
            return None
        if not first.start_included:
            a += 1
        if not first.end_included:
            b -= 1
        if a > b:
            return None
        charge(b - a + 1)
        return _numbers(a, b)
    if first is None:
        return None
    return [first]


def each_item(items: list):
    """The items of a ``for``, ``some`` or ``every`` over one of its lists, in order: the one place every
    iteration goes through, in the closures and in the generated code alike. Each item is counted against the
    evaluation's budget (and the clock read) before the loop starts."""
    state = _CURRENT.slot.state  # as ``charge`` does, without its call
    if state is not None:
        state.charge(len(items))
    return items


_SIMPLE_ITEMS = frozenset((Decimal, str, _dt.date, bool, type(None)))


def list_eq(a: list, b: list):
    """``a = b`` of two lists: when each pair of items has one class among number, string, date, boolean and
    null, FEEL's answer is Python's (null = null is true); else ``ops.eq``'s."""
    if len(a) == len(b):
        classes = list(map(type, a))  # the pairs' classes compared, and looked up, without a Python loop
        if classes != list(map(type, b)) or not _SIMPLE_ITEMS.issuperset(classes):
            return ops.eq(a, b)
    return a == b


def list_ne(a: list, b: list):
    r = list_eq(a, b)
    return None if r is None else not r
