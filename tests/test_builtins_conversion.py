"""Conversion built-ins; expected values from the DMN TCK (compliance level 3) and the DMN 1.5 spec."""

import datetime
from decimal import Decimal as D

import pytest

from service.dmn.feel.builtins import BUILTINS
from service.dmn.feel.values import DayTimeDuration, YearMonthDuration


def call(name, *args):
    return BUILTINS[name].call(list(args))


def named(name, **kwargs):
    return BUILTINS[name].call_named({key.replace("_", " "): value for key, value in kwargs.items()})


# 0058-feel-number-function
@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("1.000.000,01", ".", ","), D("1000000.01")),
        (("1,000,000.01", ",", "."), D("1000000.01")),
        (("1 000 000.01", " ", "."), D("1000000.01")),
        (("1,000,000.01", " ", "."), None),
        (("1,000,000.01", ":", "."), None),
        (("1,000,000.01", D(123), "."), None),
        (("1,000,000.01", ",", ":"), None),
        (("1,000,000.01", ",", D(123)), None),
        (("1000000.01", None, "."), D("1000000.01")),
        (("1,000,000", ",", None), D(1000000)),
        (("1,000,000.00", ",", None), D("1000000.00")),
        (("1,000,000.00", ",", ","), None),
        (("1,000,000.00", ".", "."), None),
        ((None, ".", "."), None),
        ((D(123), ".", "."), None),
        (("foo,bar.001", ".", ","), None),
        (("1.000.000,01", "."), None),
        (("1.000.000,01", ".", ",", ","), None),
    ],
)
def test_number(args, expected):
    assert call("number", *args) == expected


def test_number_named():
    kwargs = {"from": "1.000.000,01", "decimal separator": ",", "grouping separator": "."}
    assert BUILTINS["number"].call_named(kwargs) == D("1000000.01")
    kwargs = {"from": "1.000.000,01", "decimal sep": ",", "grouping sep": "."}
    assert BUILTINS["number"].call_named(kwargs) is None


def test_number_spec_examples():
    assert call("number", "1 000,0", " ", ",") == D("1000.0")
    assert call("number", "12") == D(12)
    assert call("number", "-1.5") == D("-1.5")
    assert call("number", "abc") is None


# 0066-feel-negation
@pytest.mark.parametrize(
    ("negand", "expected"), [(True, False), (False, True), (None, None), (D(0), None), (D(1), None), ("true", None)]
)
def test_not(negand, expected):
    assert call("not", negand) is expected


def test_not_named():
    assert named("not", negand=True) is False


# 0002 Constructor: string(NumC) with NumC = 2; DMN 1.5 spec: string(1.1) = "1.1", string(null) = null
@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (D(2), "2"),
        (D("1.1"), "1.1"),
        (None, None),
        ("foo", "foo"),
        (True, "true"),
        (datetime.date(2012, 12, 25), "2012-12-25"),
        (DayTimeDuration(D(86400)), "P1D"),
        (YearMonthDuration(14), "P1Y2M"),
    ],
)
def test_string(value, expected):
    assert call("string", value) == expected


def test_string_named():
    assert BUILTINS["string"].call_named({"from": D("1.5")}) == "1.5"
    assert call("string") is None
    assert call("string", D(1), D(2)) is None


def test_singleton_list_arguments():
    assert call("not", [True]) is False
    assert call("number", ["12"]) == D(12)
    assert call("string", [D(1)]) == "[1]"  # string() takes any value: a list is not unwrapped
