"""List built-in functions (DMN 1.5, 10.3.4.4 and the numeric list functions of 10.3.4.5).

``min``, ``max``, ``sum``, ``mean``, ``median``, ``stddev``, ``mode``, ``product``, ``count``,
``all`` and ``any`` accept either one list or their items as separate arguments. Lists given to
a function are never changed: every result is a new list.
"""

from __future__ import annotations

import datetime as _dt
from collections import Counter
from decimal import Decimal
from functools import cmp_to_key, reduce

from ...evalstate import _CURRENT, UNMETERED, charge
from ..numbers import checked
from ..ops import eq, lt
from ..values import DECIMAL, FeelFunction
from .base import Builtin, builtin
from .numeric import as_int

__all__ = ["FUNCTIONS", "feel_equal", "feel_less"]

_MISSING = object()


def feel_equal(a, b) -> bool | None:
    """FEEL ``=``: True, False, or None when the two values cannot be compared."""
    return eq(a, b)


def feel_less(a, b) -> bool:
    """FEEL ``<``; TypeError (so the built-in gives null) when the values are not comparable."""
    result = lt(a, b)
    if result is None:
        raise TypeError("values are not comparable")
    return result


def _varargs_items(args: tuple) -> list | None:
    """The items of a function taking ``(list)`` or ``(c1, ..., cN)``."""
    if not args:
        return None
    if len(args) == 1:
        if isinstance(args[0], list):
            return args[0]
        if args[0] is None:
            return None
    return list(args)


def _as_list(value) -> list | None:
    """A list argument: a non-list value is a list of one (FEEL's singleton coercion)."""
    if value is None:
        return None
    return value if isinstance(value, list) else [value]


def _numbers(args: tuple) -> list | None:
    if len(args) == 1 and args[0].__class__ is list:
        items = args[0]
    else:
        items = _varargs_items(args)
        if items is None:
            return None
    for item in items:
        if item.__class__ is not Decimal:  # not ``is_number``: one call less per item
            return None
    return items


def _index(items: list, position) -> int | None:
    """A 0-based index from a FEEL position (1-based; negative counts from the end)."""
    pos = as_int(position)
    if pos is None or pos == 0:
        return None
    index = pos - 1 if pos > 0 else len(items) + pos
    if not 0 <= index < len(items):
        return None
    return index


# --------------------------------------------------------------------------- aggregates


@builtin("count", ("list",), variadic=True)
def count(*args):
    if len(args) == 1 and args[0].__class__ is list:
        return Decimal(len(args[0]))
    items = _varargs_items(args)
    return None if items is None else Decimal(len(items))


def _extreme(args: tuple, want_max: bool):
    items = _varargs_items(args)
    if not items:
        return None
    best = items[0]
    for item in items[1:]:
        if item is None or best is None:
            return None
        if feel_less(best, item) if want_max else feel_less(item, best):
            best = item
    if len(items) == 1 and best is not None:
        feel_less(best, best)  # a single value must still be comparable (not a context...)
    return best


def _same_class_extreme(items: list, want_max: bool):
    """The least or greatest of a non-empty list of numbers, strings or dates all of one class, compared
    as Python compares them (as FEEL orders them); ``_MISSING`` for any other list."""
    best = items[0]
    cls = best.__class__
    if cls is not Decimal and cls is not str and cls is not _dt.date:
        return _MISSING
    for item in items:
        if item.__class__ is not cls:
            return _MISSING
        if (best < item) if want_max else (item < best):
            best = item  # strictly better only: of equal values the first is kept, as ``_extreme`` does
    return best


def _min_or_max(args: tuple, want_max: bool):
    if len(args) == 2:  # min(a, b) or max(a, b) of one ordered class
        a, b = args
        cls = a.__class__
        if cls is b.__class__ and (cls is Decimal or cls is _dt.date or cls is str):
            if want_max:
                return b if a < b else a
            return b if b < a else a
    elif len(args) == 1 and args[0].__class__ is list and args[0]:
        best = _same_class_extreme(args[0], want_max)
        if best is not _MISSING:
            return best
    return _extreme(args, want_max=want_max)


@builtin("min", ("list",), variadic=True)
def feel_min(*args):
    best = _min_or_max(args, False)
    return checked(best) if best.__class__ is Decimal else best


@builtin("max", ("list",), variadic=True)
def feel_max(*args):
    best = _min_or_max(args, True)
    return checked(best) if best.__class__ is Decimal else best


_ZERO = Decimal(0)


def _sum(items: list) -> Decimal:
    return reduce(DECIMAL.add, items, _ZERO)  # the items added in order, in the FEEL context


@builtin("sum", ("list",), variadic=True)
def feel_sum(*args):
    items = _numbers(args)
    return checked(_sum(items)) if items else None


@builtin("mean", ("list",), variadic=True)
def mean(*args):
    items = _numbers(args)
    return checked(DECIMAL.divide(_sum(items), Decimal(len(items)))) if items else None


@builtin("median", ("list",), variadic=True)
def median(*args):
    items = _numbers(args)
    if not items:
        return None
    charge(len(items))
    ordered = sorted(items)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return checked(ordered[middle])
    return checked(DECIMAL.divide(DECIMAL.add(ordered[middle - 1], ordered[middle]), Decimal(2)))


@builtin("stddev", ("list",), variadic=True)
def stddev(*args):
    """The sample standard deviation (divided by n - 1): null for fewer than two numbers."""
    items = _numbers(args)
    if not items or len(items) < 2:
        return None
    average = DECIMAL.divide(_sum(items), Decimal(len(items)))
    charge(len(items))
    squares = _sum([DECIMAL.power(DECIMAL.subtract(item, average), 2) for item in items])
    return checked(DECIMAL.sqrt(DECIMAL.divide(squares, Decimal(len(items) - 1))))


@builtin("mode", ("list",), variadic=True)
def mode(*args):
    """The most frequent numbers, ascending; ``mode([])`` is ``[]``."""
    items = _numbers(args)
    if items is None:
        return None
    if not items:
        return []
    counts = Counter(items)
    top = max(counts.values())
    return sorted(value for value, n in counts.items() if n == top)


@builtin("product", ("list",), variadic=True)
def product(*args):
    items = _numbers(args)
    if not items:
        return None
    total = Decimal(1)
    for item in items:
        total = DECIMAL.multiply(total, item)
    return checked(total)


@builtin("all", ("list",), variadic=True)
def feel_all(*args):
    """False if any item is false, true if all are true (or none), null otherwise."""
    items = _varargs_items(args)
    if items is None:
        return None
    if any(item is False for item in items):
        return False
    return True if all(item is True for item in items) else None


@builtin("any", ("list",), variadic=True)
def feel_any(*args):
    """True if any item is true, false if all are false (or none), null otherwise."""
    items = _varargs_items(args)
    if items is None:
        return None
    if any(item is True for item in items):
        return True
    return False if all(item is False for item in items) else None


# --------------------------------------------------------------------------- list manipulation


@builtin("list contains", ("list", "element"))
def list_contains(items, element):
    items = _as_list(items)
    if items is None:
        return None
    return any(feel_equal(item, element) is True for item in items)


@builtin("sublist", ("list", "start position"), ("list", "start position", "length"))
def sublist(items, start_position, length=_MISSING):
    items = _as_list(items)
    if items is None:
        return None
    index = _index(items, start_position)
    if index is None:
        return None
    if length is _MISSING:
        charge(len(items) - index)
        return items[index:]
    size = as_int(length)
    if size is None or size < 0 or index + size > len(items):
        return None
    charge(size)
    return items[index : index + size]


@builtin("append", ("list", "item"), variadic=True)
def append(items, *new_items):
    items = _as_list(items)
    if items is None:
        return None
    charge(len(items) + len(new_items))
    return [*items, *new_items]


@builtin("concatenate", ("list",), variadic=True)
def concatenate(*lists):
    lists = [_as_list(items) for items in lists]
    if any(items is None for items in lists):
        return None
    charge(sum(len(items) for items in lists))  # before the list is made
    out = []
    for items in lists:
        out.extend(items)
    return out


@builtin("insert before", ("list", "position", "newItem"))
def insert_before(items, position, new_item):
    items = _as_list(items)
    if items is None:
        return None
    index = _index(items, position)
    if index is None:
        return None
    charge(len(items) + 1)
    return [*items[:index], new_item, *items[index:]]


@builtin("remove", ("list", "position"))
def remove(items, position):
    items = _as_list(items)
    if items is None:
        return None
    index = _index(items, position)
    if index is None:
        return None
    charge(len(items))
    return [*items[:index], *items[index + 1 :]]


@builtin("reverse", ("list",))
def reverse(items):
    items = _as_list(items)
    if items is None:
        return None
    charge(len(items))
    return items[::-1]


@builtin("index of", ("list", "match"))
def index_of(items, match):
    items = _as_list(items)
    if items is None:
        return None
    charge(len(items))
    return [Decimal(i) for i, item in enumerate(items, start=1) if feel_equal(item, match) is True]


def _distinct(items: list) -> list:
    out: list = []
    meter = _CURRENT.slot.state or UNMETERED
    for item in items:
        meter.charge(1)  # each item is compared with every one kept: the clock is read for each
        if not any(feel_equal(seen, item) is True for seen in out):
            out.append(item)
    return out


@builtin("union", ("list",), variadic=True)
def union(*lists):
    joined = concatenate.impl(*lists)
    return None if joined is None else _distinct(joined)


concatenate.spreads_named = union.spreads_named = True


@builtin("distinct values", ("list",))
def distinct_values(items):
    items = _as_list(items)
    return None if items is None else _distinct(items)


def _flatten(items: list, out: list) -> list:
    charge(len(items))  # a list may hold the same long list many times: counted as it is walked
    for item in items:
        if isinstance(item, list):
            _flatten(item, out)
        else:
            out.append(item)
    return out


@builtin("flatten", ("list",))
def flatten(items):
    items = _as_list(items)
    return None if items is None else _flatten(items, [])


def _precedes(function: FeelFunction, a, b) -> bool:
    result = function.call([a, b])
    if not isinstance(result, bool):
        raise TypeError("sort: precedes must return a boolean")
    return result


@builtin("sort", ("list",), ("list", "precedes"))
def sort(items, precedes=None):
    """``sort(list, function(x, y) x < y)``; without a function, ascending FEEL order."""
    items = _as_list(items)
    if items is None:
        return None
    if precedes is None:

        def compare(a, b):
            return -1 if feel_less(a, b) else (1 if feel_less(b, a) else 0)

    elif isinstance(precedes, FeelFunction):

        def compare(a, b):
            return -1 if _precedes(precedes, a, b) else (1 if _precedes(precedes, b, a) else 0)

    else:
        return None
    charge(len(items))
    return sorted(items, key=cmp_to_key(compare))


@builtin("list replace", ("list", "position", "newItem"), ("list", "match", "newItem"))
def list_replace(items, position_or_match, new_item):
    """Replace the item at a position, or every item for which ``match(item, newItem)`` is true."""
    items = _as_list(items)
    if items is None:
        return None
    charge(len(items))
    if isinstance(position_or_match, FeelFunction):
        match = position_or_match
        if len(getattr(match, "params", ()) or ()) not in (0, 2):
            return None
        out = []
        for item in items:
            hit = match.call([item, new_item])
            if not isinstance(hit, bool):
                return None
            out.append(new_item if hit else item)
        return out
    index = _index(items, position_or_match)
    if index is None:
        return None
    return [*items[:index], new_item, *items[index + 1 :]]


FUNCTIONS: list[Builtin] = [
    list_contains,
    count,
    feel_min,
    feel_max,
    feel_sum,
    mean,
    median,
    stddev,
    mode,
    product,
    feel_all,
    feel_any,
    # DMN 1.1 names of all and any
    Builtin("and", [("list",)], feel_all.impl, variadic=True),
    Builtin("or", [("list",)], feel_any.impl, variadic=True),
    sublist,
    append,
    concatenate,
    insert_before,
    remove,
    reverse,
    index_of,
    union,
    distinct_values,
    flatten,
    sort,
    list_replace,
]
