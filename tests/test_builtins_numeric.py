"""Numeric built-ins; expected values from the DMN TCK (compliance level 3) and the DMN 1.5 spec."""

import datetime
from decimal import Decimal as D

import pytest

from service.dmn.feel.builtins import BUILTINS
from service.dmn.feel.values import DECIMAL, DayTimeDuration, YearMonthDuration

DATE = datetime.date(2018, 12, 6)
TIME = datetime.time(0, 0, 0)


def call(name, *args):
    return BUILTINS[name].call(list(args))


def named(name, **kwargs):
    return BUILTINS[name].call_named(kwargs)


# 1100-feel-decimal-function
@pytest.mark.parametrize(
    ("n", "scale", "expected"),
    [
        (DECIMAL.divide(D(1), D(3)), D(2), D("0.33")),
        (DECIMAL.divide(D(1), D(3)), D("2.5"), D("0.33")),
        (D("1.5"), D(0), D(2)),
        (D("2.5"), D(0), D(2)),
        (D(0), D(0), D(0)),
        (D("0.0"), D(1), D("0.0")),
        (D("0.515"), D(2), D("0.52")),
        (D("65.123456"), D(6), D("65.123456")),
        # DMN 1.5 spec examples: half even
        (D("1.035"), D(2), D("1.04")),
        (D("1.045"), D(2), D("1.04")),
        (D("1.055"), D(2), D("1.06")),
        (D("1.065"), D(2), D("1.06")),
    ],
)
def test_decimal(n, scale, expected):
    assert call("decimal", n, scale) == expected


def test_decimal_named():
    assert named("decimal", n=DECIMAL.divide(D(15), D(7)), scale=D(3)) == D("2.143")
    assert named("decimal", n=DECIMAL.multiply(DECIMAL.divide(D(15), D(78)), D(2)), scale=D(3)) == D("0.385")


# 1101-feel-floor-function, 1102-feel-ceiling-function
@pytest.mark.parametrize(
    ("args", "floor", "ceiling"),
    [
        ((D("1.5"),), D(1), D(2)),
        ((D("-1.5"),), D(-2), D(-1)),
        ((D("0.3333"),), D(0), D(1)),
        ((D("-0.3333"),), D(-1), D(0)),
        ((D("1.56"), D(1)), D("1.5"), D("1.6")),
        ((D("-1.56"), D(1)), D("-1.6"), D("-1.5")),
    ],
)
def test_floor_and_ceiling(args, floor, ceiling):
    assert call("floor", *args) == floor
    assert call("ceiling", *args) == ceiling


@pytest.mark.parametrize("name", ["floor", "ceiling"])
@pytest.mark.parametrize(
    "args",
    [(None, D(1)), (D("1.56"), None), (), (D("1.5"), D(1), D(2)), ("1.5",), (D("1.5"), "1")],
)
def test_floor_and_ceiling_invalid(name, args):
    assert call(name, *args) is None


@pytest.mark.parametrize("name", ["floor", "ceiling"])
def test_floor_and_ceiling_named(name):
    assert named(name, n=None, scale=D(1)) is None
    assert named(name, n=D("1.56"), scale=None) is None
    assert named(name, n=D("1.5"), scale=D(1), stuff=D(2)) is None
    assert named(name, n=D("1.5"), scal=D(1)) is None
    assert named(name, n="1.5") is None
    assert named(name, n=D("1.5"), scale="1") is None
    assert named(name, n=D("1.56"), scale=D(1)) == (D("1.5") if name == "floor" else D("1.6"))


# 1141 round up, 1142 round down, 1143 round half up; round half down from the spec examples
@pytest.mark.parametrize(
    ("name", "n", "scale", "expected"),
    [
        ("round up", D("5.5"), D(0), D(6)),
        ("round up", D("-5.5"), D(0), D(-6)),
        ("round up", D("1.121"), D(2), D("1.13")),
        ("round up", D("-1.126"), D(2), D("-1.13")),
        ("round up", D("5.5"), D(6176), D("5.5")),
        ("round down", D("5.5"), D(0), D(5)),
        ("round down", D("-5.5"), D(0), D(-5)),
        ("round down", D("1.121"), D(2), D("1.12")),
        ("round down", D("-1.126"), D(2), D("-1.12")),
        ("round down", D("5.5"), D(6176), D("5.5")),
        ("round half up", D("5.5"), D(0), D(6)),
        ("round half up", D("-5.5"), D(0), D(-6)),
        ("round half up", D("1.121"), D(2), D("1.12")),
        ("round half up", D("-1.126"), D(2), D("-1.13")),
        ("round half up", D("5.5"), D(6176), D("5.5")),
        ("round half down", D("5.5"), D(0), D(5)),
        ("round half down", D("-5.5"), D(0), D(-5)),
        ("round half down", D("1.121"), D(2), D("1.12")),
        ("round half down", D("-1.126"), D(2), D("-1.13")),
    ],
)
def test_rounding(name, n, scale, expected):
    assert call(name, n, scale) == expected
    assert named(name, n=n, scale=scale) == expected


@pytest.mark.parametrize("name", ["round up", "round down", "round half up", "round half down"])
@pytest.mark.parametrize(
    "args",
    [
        (),
        (None, D(0)),
        (D("1234.12"), None),
        (D("1234.12"), D(1), D(2)),
        ("123", D(0)),
        (D("5.5"), "0"),
        (D("5.5"), D(-6112)),
        (D("5.5"), D(6177)),
    ],
)
def test_rounding_invalid(name, args):
    assert call(name, *args) is None


@pytest.mark.parametrize("name", ["round up", "round down", "round half up", "round half down"])
def test_rounding_named_invalid(name):
    assert named(name, scale=D(0)) is None
    assert named(name, n=D("5.5"), scale=D(0), foo=D(123)) is None


# 0050-feel-abs-function
@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (D(1), D(1)),
        (D(-1), D(1)),
        (D(0), D(0)),
        (DayTimeDuration(D(-86400)), DayTimeDuration(D(86400))),
        (DayTimeDuration(D(86400)), DayTimeDuration(D(86400))),
        (YearMonthDuration(-12), YearMonthDuration(12)),
        (YearMonthDuration(12), YearMonthDuration(12)),
    ],
)
def test_abs(value, expected):
    assert call("abs", value) == expected


@pytest.mark.parametrize("args", [(), (D(1), D(1)), (None,), ("-1",), (True,), (DATE,), (TIME,)])
def test_abs_invalid(args):
    assert call("abs", *args) is None


def test_abs_named():
    assert named("abs", n=D(-1)) == D(1)
    assert named("abs", number=D(-1)) is None


# 0056-feel-modulo-function
@pytest.mark.parametrize(
    ("dividend", "divisor", "expected"),
    [
        (D(10), D(4), D(2)),
        (D(10), D(-4), D(-2)),
        (D(-10), D(4), D(2)),
        (D(0), D(4), D(0)),
        (D(12), D(5), D(2)),
        (D(-12), D(5), D(3)),
        (D(12), D(-5), D(-3)),
        (D(-12), D(-5), D(-2)),
        (D("10.1"), D("4.5"), D("1.1")),
        (D("-10.1"), D("4.5"), D("3.4")),
        (D("10.1"), D("-4.5"), D("-3.4")),
        (D("-10.1"), D("-4.5"), D("-1.1")),
    ],
)
def test_modulo(dividend, divisor, expected):
    assert call("modulo", dividend, divisor) == expected


@pytest.mark.parametrize(
    "args",
    [
        (D(10), D(0)),
        (),
        (D(4),),
        (D(4), D(4), D(4)),
        (None, None),
        (D(10), None),
        (None, D(4)),
        ("10", "4"),
        (True, True),
        (DayTimeDuration(D(864000)), D(4)),
        (DATE, D(4)),
    ],
)
def test_modulo_invalid(args):
    assert call("modulo", *args) is None


def test_modulo_named():
    assert named("modulo", dividend=D(10), divisor=D(4)) == D(2)
    assert named("modulo", dividend=D(10), foo=D(4)) is None


# 0051 sqrt, 0052 exp; log from the spec (log(10) = 2.30258509299)
def test_sqrt():
    assert call("sqrt", D(4)) == D(2)
    assert call("sqrt", D(0)) == D(0)
    assert named("sqrt", number=D(4)) == D(2)
    assert call("sqrt", D(16)) == D(4)
    assert call("sqrt", D(2)).quantize(D("1e-12")) == D("1.414213562373")


@pytest.mark.parametrize(
    "args", [(D(-1),), (), (D(4), D(4)), (None,), ("4",), (True,), (YearMonthDuration(48),), (DATE,)]
)
def test_sqrt_invalid(args):
    assert call("sqrt", *args) is None


def test_sqrt_named_invalid():
    assert named("sqrt", n=D(4)) is None


def test_exp():
    assert call("exp", D(4)).quantize(D("1e-8")) == D("54.59815003")
    assert call("exp", D(-1)).quantize(D("1e-8")) == D("0.36787944")
    assert call("exp", D(0)) == D(1)
    assert named("exp", number=D(4)).quantize(D("1e-8")) == D("54.59815003")
    assert named("exp", n=D(4)) is None
    for args in [(), (D(4), D(4)), (None,), ("4",), (True,), (DATE,)]:
        assert call("exp", *args) is None


def test_spec_examples():
    assert call("decimal", call("log", D(10)), D(2)) == D("2.30")
    assert call("decimal", call("exp", D(5)), D(2)) == D("148.41")
    assert call("odd", D(5)) is True
    assert call("even", D(5)) is False
    assert call("abs", DayTimeDuration(D(-18000))) == DayTimeDuration(D(18000))


def test_log():
    assert call("log", D(10)).quantize(D("1e-11")) == D("2.30258509299")
    assert call("log", D(1)) == D(0)
    assert named("log", number=D(10)).quantize(D("1e-11")) == D("2.30258509299")
    for args in [(D(0),), (D(-1),), (), (None,), ("10",)]:
        assert call("log", *args) is None


# 0054 even, 0055 odd
@pytest.mark.parametrize(
    ("number", "is_even"), [(D(2), True), (D(1), False), (D(-2), True), (D(-1), False), (D(0), True)]
)
def test_even_and_odd(number, is_even):
    assert call("even", number) is is_even
    assert call("odd", number) is (not is_even)


@pytest.mark.parametrize("name", ["even", "odd"])
def test_even_and_odd_invalid(name):
    for args in [(), (D(4), D(4)), (None,), ("4",), (True,), (DayTimeDuration(D(345600)),), (DATE,), (TIME,)]:
        assert call(name, *args) is None
    assert named(name, number=D(4)) is (name == "even")
    assert named(name, n=D(4)) is None


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("round half up", (D("-0.4"), D(0))),
        ("ceiling", (D("-0.5"),)),
        ("decimal", (D("-0.001"), D(2))),
        ("modulo", (D(-4), D(2))),
    ],
)
def test_zero_results_are_not_negative(name, args):
    result = call(name, *args)
    assert result == 0
    assert not result.is_signed()


def test_singleton_list_arguments():
    # DMN 1.5, 10.3.2.9.4: a singleton list is converted to its element
    assert call("abs", [D(-1)]) == D(1)
    assert call("decimal", [D("2.5")], D(0)) == D(2)
    assert call("abs", [D(-1), D(-2)]) is None
