"""Numeric built-in functions (DMN 1.5, 10.3.4.5): rounding, abs, modulo, sqrt, log, exp, odd, even."""

from __future__ import annotations

from decimal import (
    ROUND_CEILING,
    ROUND_DOWN,
    ROUND_FLOOR,
    ROUND_HALF_DOWN,
    ROUND_HALF_EVEN,
    ROUND_HALF_UP,
    ROUND_UP,
    Decimal,
)

from ..values import DECIMAL, DayTimeDuration, YearMonthDuration, is_number
from .base import Builtin, builtin
from .conversion import scalar_arguments

__all__ = ["FUNCTIONS", "as_int", "round_to_scale"]

#: The scales a decimal128 number can be rounded to (the TCK's 1141-1143 bounds).
MIN_SCALE = -6111
MAX_SCALE = 6176

_MISSING = object()


def as_int(value) -> int | None:
    """A FEEL number used where an integer is expected (a position, a scale): its integer part.

    Anything else (null, a string, a boolean, NaN) gives None.
    """
    if not is_number(value) or not value.is_finite():
        return None
    return int(value)


def round_to_scale(n, scale, rounding: str) -> Decimal | None:
    """``n`` rounded to ``scale`` digits after the point with ``rounding``; None for bad arguments."""
    if not is_number(n) or not n.is_finite():
        return None
    digits = as_int(scale)
    if digits is None or not MIN_SCALE <= digits <= MAX_SCALE:
        return None
    exponent = Decimal(1).scaleb(-digits)
    result = n.quantize(exponent, rounding=rounding, context=DECIMAL)
    if not result.is_finite():
        # more digits than decimal128 holds: the number is already exact at this scale
        return n
    return result.copy_abs() if result.is_zero() else result  # no negative zero


#: the exponent ``quantize`` is given for a scale argument, for the first scales met (``2`` in
#: ``round half up(x, 2)`` is one constant object whose hash Decimal keeps: a lookup, no conversion)
_EXPONENTS: dict[Decimal, Decimal] = {}
_EXPONENTS_KEPT = 64


def _exponent(scale: Decimal) -> Decimal | None:
    """``Decimal(1).scaleb(-scale)`` for a number used as a scale, None when it is not one."""
    exponent = _EXPONENTS.get(scale)
    if exponent is None:
        digits = as_int(scale)
        if digits is None or not MIN_SCALE <= digits <= MAX_SCALE:
            return None
        exponent = Decimal(1).scaleb(-digits)
        if len(_EXPONENTS) < _EXPONENTS_KEPT:
            _EXPONENTS[scale] = exponent
    return exponent


_SCALE_ZERO = Decimal(0)
_ONE = Decimal(1)  # the exponent of scale 0


def _rounding_builtin(name: str, rounding: str, scale_optional: bool) -> Builtin:
    def general(n, scale=_MISSING):
        if scale is _MISSING:
            if not scale_optional:
                return None
            scale = _SCALE_ZERO
        return round_to_scale(n, scale, rounding)

    general = scalar_arguments(general)

    def impl(n, scale=_MISSING):
        # the usual call, a finite number and a number as scale (or none where it is optional), is
        # round_to_scale without its checks and conversions
        if n.__class__ is Decimal and n.is_finite():
            if scale.__class__ is Decimal:
                exponent = _exponent(scale)
                if exponent is None:
                    return None
            elif scale is _MISSING and scale_optional:
                exponent = _ONE
            else:
                return general(n, scale)
            result = n.quantize(exponent, rounding=rounding, context=DECIMAL)
            if not result.is_finite():
                return n  # more digits than decimal128 holds: already exact at this scale
            return result.copy_abs() if result.is_zero() else result
        return general(n, scale)

    signatures = [("n", "scale")]
    if scale_optional:
        signatures.insert(0, ("n",))
    return Builtin(name, signatures, impl)


@builtin("abs", ("n",))
@scalar_arguments
def feel_abs(n):
    if is_number(n):
        return DECIMAL.abs(n)
    if isinstance(n, DayTimeDuration):
        return DayTimeDuration(DECIMAL.abs(n.seconds))
    if isinstance(n, YearMonthDuration):
        return YearMonthDuration(abs(n.months))
    return None


@builtin("modulo", ("dividend", "divisor"))
def modulo(dividend, divisor):
    """The remainder of the floored division: its sign is the divisor's (TCK 0056)."""
    if dividend.__class__ is Decimal and divisor.__class__ is Decimal:  # two numbers: no list to unwrap
        if divisor.is_zero():
            return None
        remainder = DECIMAL.remainder(dividend, divisor)
        if remainder.is_zero():
            return remainder.copy_abs()
        if remainder.is_nan():  # the quotient has more digits than decimal128 holds
            return None
        if (remainder < 0) != (divisor < 0):
            remainder = DECIMAL.add(remainder, divisor)
        return remainder
    return _modulo(dividend, divisor)


@scalar_arguments
def _modulo(dividend, divisor):
    if not is_number(dividend) or not is_number(divisor) or divisor.is_zero():
        return None
    remainder = DECIMAL.remainder(dividend, divisor)
    if remainder.is_nan():
        return None
    if remainder.is_zero():
        return remainder.copy_abs()
    if (remainder < 0) != (divisor < 0):
        remainder = DECIMAL.add(remainder, divisor)
    return remainder


@builtin("sqrt", ("number",))
@scalar_arguments
def sqrt(number):
    if not is_number(number) or number < 0:
        return None
    return DECIMAL.sqrt(number)


@builtin("log", ("number",))
@scalar_arguments
def log(number):
    if not is_number(number) or number <= 0:
        return None
    return DECIMAL.ln(number)


@builtin("exp", ("number",))
@scalar_arguments
def exp(number):
    if not is_number(number):
        return None
    result = DECIMAL.exp(number)
    return result if result.is_finite() else None


def _integer(number) -> int | None:
    if not is_number(number) or not number.is_finite() or number != number.to_integral_value():
        return None
    return int(number)


@builtin("odd", ("number",))
@scalar_arguments
def odd(number):
    value = _integer(number)
    return None if value is None else value % 2 == 1


@builtin("even", ("number",))
@scalar_arguments
def even(number):
    value = _integer(number)
    return None if value is None else value % 2 == 0


FUNCTIONS: list[Builtin] = [
    _rounding_builtin("decimal", ROUND_HALF_EVEN, scale_optional=False),
    _rounding_builtin("floor", ROUND_FLOOR, scale_optional=True),
    _rounding_builtin("ceiling", ROUND_CEILING, scale_optional=True),
    _rounding_builtin("round up", ROUND_UP, scale_optional=False),
    _rounding_builtin("round down", ROUND_DOWN, scale_optional=False),
    _rounding_builtin("round half up", ROUND_HALF_UP, scale_optional=False),
    _rounding_builtin("round half down", ROUND_HALF_DOWN, scale_optional=False),
    feel_abs,
    modulo,
    sqrt,
    log,
    exp,
    odd,
    even,
]
