"""FEEL operators on evaluated operands (DMN 1.5, 10.3.2): arithmetic, equality, ordering.

Every function takes FEEL values and returns a FEEL value; ``None`` (null) when an operand is
null, the operand types do not fit the operator, or the result is undefined (division by zero).
"""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal

from ..evalstate import charge
from . import temporal
from .calendar import WideDate, WideDateTime, WideTime, day_number, instant_ns, is_date, is_date_time, is_time
from .numbers import out_of_range
from .temporal import add_months_to_date
from .values import DECIMAL, DayTimeDuration, FeelFunction, Range, YearMonthDuration, is_number

__all__ = [
    "add",
    "compare",
    "div",
    "eq",
    "ge",
    "get_property",
    "gt",
    "le",
    "lt",
    "mul",
    "ne",
    "neg",
    "pow",
    "sub",
]


def _finite(n: Decimal):
    return n if n.is_finite() else out_of_range()


def _is_temporal(v) -> bool:
    return isinstance(v, (_dt.date, _dt.time, DayTimeDuration, YearMonthDuration, WideDate, WideDateTime, WideTime))


# --------------------------------------------------------------------------- arithmetic


_ONE_DAY = 86400


#: a duration's seconds -> the whole days it is as a timedelta, or None (not whole days); bounded
_WHOLE_DAYS: dict = {}


def _whole_days(seconds):
    """``seconds`` (a Decimal) as a timedelta of whole days, or None."""
    try:
        return _WHOLE_DAYS[seconds]
    except KeyError:
        pass
    days, rest = divmod(seconds, _ONE_DAY)
    delta = None
    if not rest and abs(days) <= 999_999_999:  # timedelta's range
        delta = _dt.timedelta(days=int(days))
    if len(_WHOLE_DAYS) >= 4096:
        _WHOLE_DAYS.clear()
    _WHOLE_DAYS[seconds] = delta
    return delta


def add(a, b):
    if a.__class__ is _dt.date:
        if b.__class__ is DayTimeDuration:
            delta = _whole_days(b.seconds)
            if delta is not None:  # whole days: plain date arithmetic
                try:
                    return a + delta
                except OverflowError:  # beyond Python's years: the general path
                    return temporal.add(a, b)
        elif b.__class__ is YearMonthDuration:
            return add_months_to_date(a, b.months)
    if a is None or b is None:
        return None
    if is_number(a) and is_number(b):
        return _finite(DECIMAL.add(a, b))
    if isinstance(a, str) and isinstance(b, str):
        if len(a) + len(b) > 64:  # longer strings count towards the evaluation's size budget
            charge(len(a) + len(b))
        return a + b
    if _is_temporal(a) and _is_temporal(b):
        return temporal.add(a, b)
    return None


def sub(a, b):
    if a.__class__ is _dt.date:
        if b.__class__ is _dt.date:  # whole days apart
            return DayTimeDuration(Decimal((a - b).days * _ONE_DAY))
        if b.__class__ is DayTimeDuration:
            delta = _whole_days(b.seconds)
            if delta is not None:  # whole days: plain date arithmetic
                try:
                    return a - delta
                except OverflowError:  # beyond Python's years: the general path
                    return temporal.subtract(a, b)
            return add(a, DayTimeDuration(DECIMAL.minus(b.seconds)))
        if b.__class__ is YearMonthDuration:
            return add_months_to_date(a, -b.months)
    if a is None or b is None:
        return None
    if is_number(a) and is_number(b):
        return _finite(DECIMAL.subtract(a, b))
    if _is_temporal(a) and _is_temporal(b):
        return temporal.subtract(a, b)
    return None


def mul(a, b):
    if a.__class__ is DayTimeDuration and b.__class__ is Decimal:
        return DayTimeDuration(DECIMAL.multiply(a.seconds, b))
    if a is None or b is None:
        return None
    if is_number(a) and is_number(b):
        return _finite(DECIMAL.multiply(a, b))
    return temporal.multiply(a, b)


def div(a, b):
    if a.__class__ is Decimal and b.__class__ is Decimal:
        if b.is_zero():
            return None
        result = DECIMAL.divide(a, b)
        return result if result.is_finite() else out_of_range()
    if a is None or b is None:
        return None
    if is_number(a) and is_number(b):
        if b.is_zero():
            return None
        return _finite(DECIMAL.divide(a, b))
    return temporal.divide(a, b)


def pow(a, b):
    """``a ** b`` for numbers: exact for integer exponents, correctly rounded otherwise."""
    if not (is_number(a) and is_number(b)):
        return None
    if a.is_zero() and b < 0:
        return None
    if a < 0 and b != b.to_integral_value():
        return None  # no real result
    # the operands as decimal128 holds them (34 digits): a power of a number of thousands of digits takes ages
    result = DECIMAL.power(DECIMAL.plus(a), DECIMAL.plus(b))
    return result if result.is_finite() else out_of_range()


def neg(a):
    if is_number(a):
        return _finite(DECIMAL.minus(a))
    if isinstance(a, DayTimeDuration):
        return DayTimeDuration(DECIMAL.minus(a.seconds))
    if isinstance(a, YearMonthDuration):
        return YearMonthDuration(-a.months)
    return None


# --------------------------------------------------------------------------- equality


def _time_key(t):
    """A time as comparable seconds: UTC seconds when it has an offset or zone, local otherwise."""
    seconds = temporal._time_seconds(t)
    offset = temporal.offset_of(t)
    if offset is not None:
        seconds -= Decimal(int(offset.total_seconds()))
    return seconds


def _all_equal(pairs):
    """Deep equality of list items or context entries: an item pair FEEL cannot compare (``1`` and
    ``"a"``) makes the whole unequal, so ``[1, 2] = [1, "a"]`` is false, not null. The specification
    defines list and context equality item by item only; jDMN and Drools answer false, as here."""
    return all(eq(x, y) is True for x, y in pairs)


def eq(a, b):
    """FEEL ``=``: True/False, or None when the operands' types cannot be compared."""
    if a is None or b is None:  # first: `x = null` is the usual comparison that reaches here
        return a is None and b is None
    cls = a.__class__
    if cls is b.__class__ and (cls is Decimal or cls is str or cls is _dt.date):
        return a == b  # two numbers, strings or dates: Python's answer is FEEL's
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b if isinstance(a, bool) and isinstance(b, bool) else None
    if is_number(a) and is_number(b):
        return a == b
    if isinstance(a, str) and isinstance(b, str):
        return a == b
    if is_date_time(a) or is_date_time(b):
        if not (is_date_time(a) and is_date_time(b)):
            return None
        if (a.tzinfo is None) != (b.tzinfo is None):
            return False
        if isinstance(a, _dt.datetime) and isinstance(b, _dt.datetime):
            return a == b
        return instant_ns(a) == instant_ns(b)
    if is_date(a) and is_date(b):
        return day_number(a) == day_number(b)
    if is_time(a) and is_time(b):
        if (a.tzinfo is None) != (b.tzinfo is None):
            return False
        return _time_key(a) == _time_key(b)
    if isinstance(a, DayTimeDuration) and isinstance(b, DayTimeDuration):
        return a.seconds == b.seconds
    if isinstance(a, YearMonthDuration) and isinstance(b, YearMonthDuration):
        return a.months == b.months
    if isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            return False
        return _all_equal(zip(a, b, strict=True))
    if isinstance(a, dict) and isinstance(b, dict):
        if set(a) != set(b):
            return False
        return _all_equal((a[k], b[k]) for k in a)
    if isinstance(a, Range) and isinstance(b, Range):
        if a.start_included != b.start_included or a.end_included != b.end_included:
            return False
        return _all_equal([(a.start, b.start), (a.end, b.end)])
    if isinstance(a, FeelFunction) and isinstance(b, FeelFunction):
        return a is b
    return None


def ne(a, b):
    r = eq(a, b)
    return None if r is None else not r


# --------------------------------------------------------------------------- ordering


def compare(a, b):
    """-1, 0 or 1 when FEEL orders ``a`` and ``b`` (same comparable type), None otherwise."""
    cls = a.__class__
    if cls is b.__class__ and (cls is Decimal or cls is str or cls is _dt.date):
        return (a > b) - (a < b)
    if a is None or b is None or isinstance(a, bool) or isinstance(b, bool):
        return None
    if is_number(a) and is_number(b):
        x, y = a, b
    elif isinstance(a, str) and isinstance(b, str):
        x, y = a, b  # Python compares str by code point
    elif is_date_time(a) or is_date_time(b):
        if not (is_date_time(a) and is_date_time(b)):
            return None
        if (a.tzinfo is None) != (b.tzinfo is None):
            return None
        if isinstance(a, _dt.datetime) and isinstance(b, _dt.datetime):
            x, y = a, b
        else:
            x, y = instant_ns(a), instant_ns(b)
    elif is_date(a) and is_date(b):
        x, y = day_number(a), day_number(b)
    elif is_time(a) and is_time(b):
        if (a.tzinfo is None) != (b.tzinfo is None):
            return None
        x, y = _time_key(a), _time_key(b)
    elif isinstance(a, DayTimeDuration) and isinstance(b, DayTimeDuration):
        x, y = a.seconds, b.seconds
    elif isinstance(a, YearMonthDuration) and isinstance(b, YearMonthDuration):
        x, y = a.months, b.months
    else:
        return None
    return (x > y) - (x < y)


def lt(a, b):
    cls = a.__class__
    if cls is b.__class__ and (cls is Decimal or cls is str or cls is _dt.date):
        return a < b
    c = compare(a, b)
    return None if c is None else c < 0


def le(a, b):
    cls = a.__class__
    if cls is b.__class__ and (cls is Decimal or cls is str or cls is _dt.date):
        return a <= b
    c = compare(a, b)
    return None if c is None else c <= 0


def gt(a, b):
    cls = a.__class__
    if cls is b.__class__ and (cls is Decimal or cls is str or cls is _dt.date):
        return a > b
    c = compare(a, b)
    return None if c is None else c > 0


def ge(a, b):
    cls = a.__class__
    if cls is b.__class__ and (cls is Decimal or cls is str or cls is _dt.date):
        return a >= b
    c = compare(a, b)
    return None if c is None else c >= 0


# --------------------------------------------------------------------------- properties


def get_property(value, name: str):
    """``value.name``: a context entry, or a temporal, duration or range property; None if absent."""
    cls = value.__class__
    if cls is dict:
        return value.get(name)
    if cls is DayTimeDuration:  # `(lastDay - firstDay).days`
        return temporal._day_time_property(value, name)
    if cls is YearMonthDuration:  # `years and months duration(a, b).years`
        return temporal._year_month_property(value, name)
    if isinstance(value, dict):
        return value.get(name)
    return temporal.get_property(value, name)
