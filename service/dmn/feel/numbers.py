"""FEEL numbers have the range of IEEE 754 decimal128 and no infinities or NaN (DMN 1.5, 10.3.2.3.1).

A computation whose result falls outside that range (an exponent past 6144, an infinity, NaN) gives null, and
the evaluation gets a warning that says why. ``in_range`` also guards the conversions of numbers to Python
integers (positions, scales, loop bounds), which would take ages for a number of a million digits.
"""

from __future__ import annotations

from decimal import Decimal

from ..evalstate import note

__all__ = ["EMAX", "OUT_OF_RANGE", "checked", "in_range", "out_of_range"]

#: the largest exponent of a decimal128 number written with one digit before the point (9.99...E+6144)
EMAX = 6144
OUT_OF_RANGE = ("a number went outside FEEL's range (decimal128: 34 digits, exponents up to 6144; no infinity or "
                "NaN): null used instead")


def in_range(n: Decimal) -> bool:
    """Is ``n`` a FEEL number: finite, its exponent within decimal128's?"""
    return n.is_finite() and n.adjusted() <= EMAX


def out_of_range() -> None:
    """Null, with the warning that a number went out of FEEL's range."""
    note(OUT_OF_RANGE)
    return None


def checked(n: Decimal) -> Decimal | None:
    """``n`` when it is a FEEL number, else null with the warning."""
    if n.is_finite() and n.adjusted() <= EMAX:
        return n
    return out_of_range()
