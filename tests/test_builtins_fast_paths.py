"""The built-ins and operators the benefit models call on every evaluation have short paths for their usual
arguments (numbers, dates, strings of exactly those classes); anything else goes the general way. These
cases sit on both sides of that line. The expected values are worked out from DMN 1.5 (10.3.2 and 10.3.4),
not read from the engine: a boolean is not a number, a date and time is not a date, null gives null.

Every expression is evaluated with its operands as variables, so that nothing is folded at compile time
and the call goes through the compiled direct call of the built-in.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from service.dmn.feel import evaluate


def run(text: str, **variables):
    return evaluate(text, variables)


def same(actual, expected) -> bool:
    """Equal, and of the same class (a number is not a boolean, a date not a date and time)."""
    return actual.__class__ is expected.__class__ and actual == expected


# --------------------------------------------------------------------------- date(year, month, day)


@pytest.mark.parametrize(
    ("y", "m", "d", "expected"),
    [
        (D(2026), D(3), D(1), dt.date(2026, 3, 1)),
        (D("2026.0"), D("3.00"), D("1E0"), dt.date(2026, 3, 1)),  # integer values written otherwise
        (D("2.026E+3"), D(3), D(1), dt.date(2026, 3, 1)),
        (D(2024), D(2), D(29), dt.date(2024, 2, 29)),  # a leap year
        (D(1), D(1), D(1), dt.date(1, 1, 1)),
        (D(9999), D(12), D(31), dt.date(9999, 12, 31)),
        (D(2026), D(2), D(29), None),  # no such day
        (D(2026), D(4), D(31), None),
        (D(2026), D(13), D(1), None),
        (D(2026), D(0), D(1), None),
        (D(2026), D(1), D(0), None),
        (D(2026), D(-1), D(1), None),
        (D(0), D(1), D(1), None),  # years outside 1..9999 are not held
        (D(10000), D(1), D(1), None),
        (D("1E+40"), D(1), D(1), None),
        (D("2026.5"), D(3), D(1), None),  # not an integer
        (D(2026), D("3.1"), D(1), None),
        (D(2026), D(3), D("0.5"), None),
        (True, D(3), D(1), None),  # a boolean is not a number
        (D(2026), D(3), True, None),
        (None, D(3), D(1), None),
        (D(2026), None, D(1), None),
        ("2026", D(3), D(1), None),
    ],
)
def test_date_from_parts(y, m, d, expected):
    result = run("date(y, m, d)", y=y, m=m, d=d)
    assert result == expected and (expected is None or same(result, expected))
    assert run("date(year: y, month: m, day: d)", y=y, m=m, d=d) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-03-01", dt.date(2026, 3, 1)),
        ("2026-02-29", None),
        ("2026-3-1", None),
        (dt.date(2026, 3, 1), dt.date(2026, 3, 1)),
        (dt.datetime(2026, 3, 1, 10, 30), dt.date(2026, 3, 1)),  # the date of a date and time
        (D(2026), None),
        (True, None),
        (None, None),
    ],
)
def test_date_from_one_value(value, expected):
    result = run("date(x)", x=value)
    assert result == expected and (expected is None or same(result, expected))


def test_date_from_the_parts_of_a_date():
    assert run("date(d.year, d.month, 1)", d=dt.date(2026, 3, 17)) == dt.date(2026, 3, 1)
    assert run("date(d.year, d.month, 1)", d=dt.datetime(2026, 3, 17, 23, 59)) == dt.date(2026, 3, 1)
