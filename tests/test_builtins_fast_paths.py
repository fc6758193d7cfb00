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

from service.dmn.feel import evaluate, ops
from service.dmn.feel.builtins import BUILTINS
from service.dmn.feel.calendar import WideDate
from service.dmn.feel.temporal import parse_date_time, parse_duration, parse_time
from service.dmn.feel.values import DayTimeDuration, YearMonthDuration


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
        # DMN 1.5 10.3.2.3.4: FEEL's years run from -999,999,999 to 999,999,999; year 0 is 1 BC (XML Schema 1.1)
        (D(0), D(1), D(1), WideDate(0, 1, 1)),
        (D(10000), D(1), D(1), WideDate(10000, 1, 1)),
        (D(-999999999), D(1), D(1), WideDate(-999999999, 1, 1)),
        (D(1000000000), D(1), D(1), None),  # beyond FEEL's years
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


# --------------------------------------------------------------------------- date +/- durations, date - date


def ymd(text: str) -> YearMonthDuration:
    return parse_duration(text)


@pytest.mark.parametrize(
    ("start", "duration", "expected"),
    [
        (dt.date(2026, 3, 15), "P0M", dt.date(2026, 3, 15)),
        (dt.date(2026, 1, 31), "P1M", dt.date(2026, 2, 28)),  # the day is kept, or the month's last one
        (dt.date(2026, 1, 28), "P1M", dt.date(2026, 2, 28)),
        (dt.date(2026, 1, 30), "P1M", dt.date(2026, 2, 28)),
        (dt.date(2024, 1, 31), "P1M", dt.date(2024, 2, 29)),  # divisible by 4
        (dt.date(1900, 1, 31), "P1M", dt.date(1900, 2, 28)),  # by 100, not by 400
        (dt.date(2000, 1, 31), "P1M", dt.date(2000, 2, 29)),  # by 400
        (dt.date(2026, 1, 31), "P3M", dt.date(2026, 4, 30)),
        (dt.date(2026, 5, 31), "P1M", dt.date(2026, 6, 30)),
        (dt.date(2026, 7, 31), "P1M", dt.date(2026, 8, 31)),
        (dt.date(2024, 2, 29), "P1Y", dt.date(2025, 2, 28)),
        (dt.date(2024, 2, 29), "P4Y", dt.date(2028, 2, 29)),
        (dt.date(2026, 12, 15), "P1M", dt.date(2027, 1, 15)),
        (dt.date(2026, 1, 15), "-P13M", dt.date(2024, 12, 15)),
        (dt.date(2026, 3, 31), "-P1M", dt.date(2026, 2, 28)),
        (dt.date(9999, 12, 1), "P1M", WideDate(10000, 1, 1)),  # beyond Python's years, within FEEL's
        (dt.date(1, 1, 15), "-P1M", WideDate(0, 12, 15)),  # year 0 is 1 BC
    ],
)
def test_date_plus_years_and_months(start, duration, expected):
    d = ymd(duration)
    assert run("x + d", x=start, d=d) == expected
    assert run("d + x", x=start, d=d) == expected
    assert run("x - d", x=start, d=YearMonthDuration(-d.months)) == expected


def test_date_minus_years_and_months():
    p1m = ymd("P1M")
    assert run("x - d", x=dt.date(2026, 3, 31), d=p1m) == dt.date(2026, 2, 28)
    assert run("x - d", x=dt.date(2026, 1, 15), d=p1m) == dt.date(2025, 12, 15)
    assert run("x - d", x=dt.date(1, 1, 1), d=p1m) == WideDate(0, 12, 1)
    assert run('d + duration("P1M") - duration("P1D")', d=dt.date(2026, 2, 1)) == dt.date(2026, 2, 28)
    assert run('d + duration("P1M") - duration("P1D")', d=dt.date(2024, 2, 1)) == dt.date(2024, 2, 29)


def test_date_and_time_plus_years_and_months_keeps_its_time():
    result = run("x + d", x=dt.datetime(2026, 1, 31, 10, 30), d=ymd("P1M"))
    assert same(result, dt.datetime(2026, 2, 28, 10, 30))


@pytest.mark.parametrize(
    ("start", "duration", "expected"),
    [
        (dt.date(2026, 3, 1), "P1D", dt.date(2026, 2, 28)),
        (dt.date(2024, 3, 1), "P1D", dt.date(2024, 2, 29)),
        (dt.date(2026, 3, 1), "P0D", dt.date(2026, 3, 1)),
        (dt.date(2026, 3, 1), "-P1D", dt.date(2026, 3, 2)),
        (dt.date(2026, 3, 1), "P365D", dt.date(2025, 3, 1)),
        (dt.date(2026, 3, 1), "PT24H", dt.date(2026, 2, 28)),  # whole days written in hours
        # a date is its midnight: less part of a day is the day before, more part of a day the same day
        (dt.date(2026, 3, 1), "PT12H", dt.date(2026, 2, 28)),
        (dt.date(2026, 3, 1), "-PT12H", dt.date(2026, 3, 1)),
        (dt.date(2026, 3, 1), "P1DT1S", dt.date(2026, 2, 27)),
        (dt.date(1, 1, 1), "P1D", WideDate(0, 12, 31)),
        (dt.date(9999, 12, 31), "-P1D", WideDate(10000, 1, 1)),
    ],
)
def test_date_minus_days_and_time(start, duration, expected):
    d = parse_duration(duration)
    assert run("x - d", x=start, d=d) == expected
    assert run("x + d", x=start, d=DayTimeDuration(-d.seconds)) == expected


@pytest.mark.parametrize(
    ("a", "b", "days", "hours", "minutes", "seconds"),
    [
        (dt.date(2026, 3, 31), dt.date(2026, 3, 4), 27, 0, 0, 0),
        (dt.date(2026, 3, 4), dt.date(2026, 3, 31), -27, 0, 0, 0),
        (dt.date(2026, 3, 4), dt.date(2026, 3, 4), 0, 0, 0, 0),
        (dt.date(2025, 3, 1), dt.date(2024, 3, 1), 365, 0, 0, 0),
        # a date against a date and time stands for its midnight UTC: 2021-01-01T23:10:10Z is 24h49m50s before
        (dt.date(2021, 1, 2), parse_date_time("2021-01-01T10:10:10+11:00"), 1, 0, 49, 50),
    ],
)
def test_date_minus_date(a, b, days, hours, minutes, seconds):
    env = {"a": a, "b": b}
    assert same(run("(a - b).days", **env), D(days))
    assert same(run("(a - b).hours", **env), D(hours))
    assert same(run("(a - b).minutes", **env), D(minutes))
    assert run("(a - b).seconds", **env) == D(seconds)


@pytest.mark.parametrize(
    ("text", "days", "hours", "minutes", "seconds"),
    [
        ("PT47H59M", 1, 23, 59, 0),  # whole days only: the rest is hours
        ("-PT47H59M", -1, -23, -59, 0),
        ("-P1DT2H", -1, -2, 0, 0),
        ("P3DT4H5M6.5S", 3, 4, 5, D("6.5")),
        ("-PT0.5S", 0, 0, 0, D("-0.5")),
        ("PT0S", 0, 0, 0, 0),
    ],
)
def test_days_and_time_duration_properties(text, days, hours, minutes, seconds):
    d = parse_duration(text)
    assert same(run("d.days", d=d), D(days))
    assert same(run("d.hours", d=d), D(hours))
    assert same(run("d.minutes", d=d), D(minutes))
    assert run("d.seconds", d=d) == D(seconds)
    assert run("d.years", d=d) is None


@pytest.mark.parametrize(
    ("text", "years", "months"),
    [("P14M", 1, 2), ("-P14M", -1, -2), ("P11M", 0, 11), ("-P11M", 0, -11), ("P24M", 2, 0), ("P0M", 0, 0)],
)
def test_years_and_months_duration_properties(text, years, months):
    d = parse_duration(text)
    assert same(run("d.years", d=d), D(years))
    assert same(run("d.months", d=d), D(months))
    assert run("d.days", d=d) is None


@pytest.mark.parametrize(
    ("start", "end", "months"),
    [
        (dt.date(2011, 12, 22), dt.date(2013, 8, 24), 20),  # the spec's example: P1Y8M
        (dt.date(2024, 5, 20), dt.date(2026, 3, 17), 21),  # the 20th not reached again in March
        (dt.date(2026, 1, 15), dt.date(2026, 2, 14), 0),
        (dt.date(2026, 1, 15), dt.date(2026, 2, 15), 1),
        (dt.date(2026, 1, 31), dt.date(2026, 2, 28), 0),
        (dt.date(2026, 2, 15), dt.date(2026, 1, 15), -1),
        (dt.date(2026, 2, 14), dt.date(2026, 1, 15), 0),
        (dt.date(2026, 3, 17), dt.date(2024, 5, 20), -21),
        (dt.date(2026, 3, 17), dt.date(2026, 3, 17), 0),
        # a date and time on either side goes by day and time of day
        (dt.date(2026, 1, 15), dt.datetime(2026, 2, 15, 0, 0), 1),
        (dt.date(2026, 1, 15), dt.datetime(2026, 2, 14, 23, 59), 0),
        (dt.datetime(2026, 1, 15, 12, 0), dt.datetime(2026, 2, 15, 11, 0), 0),
    ],
)
def test_years_and_months_between(start, end, months):
    result = run("years and months duration(a, b)", a=start, b=end)
    assert same(result, YearMonthDuration(months))
    assert same(run("years and months duration(a, b).years * 12 + years and months duration(a, b).months",
                    a=start, b=end), D(months))


@pytest.mark.parametrize("other", [None, "2026-01-15", D(2026), True, parse_time("10:00:00")])
def test_years_and_months_between_needs_two_dates(other):
    assert run("years and months duration(a, b)", a=dt.date(2026, 1, 15), b=other) is None
    assert run("years and months duration(a, b)", a=other, b=dt.date(2026, 1, 15)) is None


# --------------------------------------------------------------------------- min, max, count, sum, mean

MAR1, MAR20, MAR31 = dt.date(2026, 3, 1), dt.date(2026, 3, 20), dt.date(2026, 3, 31)


@pytest.mark.parametrize(
    ("a", "b", "least", "greatest"),
    [
        (D("123.45"), D("99.1"), D("99.1"), D("123.45")),
        (D(0), D("-0.01"), D("-0.01"), D(0)),
        (D(5), D(5), D(5), D(5)),
        (MAR31, MAR20, MAR20, MAR31),
        ("apple", "Banana", "Banana", "apple"),  # by code point: upper case first
        (parse_date_time("2026-03-01T10:00:00"), parse_date_time("2026-03-01T09:00:00"),
         parse_date_time("2026-03-01T09:00:00"), parse_date_time("2026-03-01T10:00:00")),
        (ymd("P1Y"), ymd("P11M"), ymd("P11M"), ymd("P1Y")),
        # values FEEL cannot order against each other
        (MAR1, parse_date_time("2026-03-01T00:00:00"), None, None),  # a date and a date and time
        (D(1), True, None, None),  # a boolean is not a number
        (True, False, None, None),  # nor are booleans ordered
        (D(1), "1", None, None),
        (D(1), None, None, None),
        (None, MAR1, None, None),
        ({"a": D(1)}, {"a": D(2)}, None, None),
    ],
)
def test_min_and_max_of_two(a, b, least, greatest):
    for text, expected in (("min(a, b)", least), ("max(a, b)", greatest)):
        result = run(text, a=a, b=b)
        assert result == expected and (expected is None or same(result, expected)), text
        result = run(text.replace("(a, b)", "([a, b])"), a=a, b=b)
        assert result == expected and (expected is None or same(result, expected)), text


@pytest.mark.parametrize(
    ("items", "least", "greatest"),
    [
        ([D(3), D(1), D(2)], D(1), D(3)),
        ([D(7)], D(7), D(7)),
        ([MAR20, MAR1, MAR31], MAR1, MAR31),
        (["b", "a", "c"], "a", "c"),
        ([], None, None),
        ([D(1), None, D(3)], None, None),
        ([D(1), "a"], None, None),
        ([D(1), True], None, None),
        ([MAR1, parse_date_time("2026-03-02T00:00:00")], None, None),
        ([{"a": D(1)}], None, None),  # one value must still be one FEEL orders
        ([True], None, None),
    ],
)
def test_min_and_max_of_a_list(items, least, greatest):
    assert run("min(l)", l=items) == least
    assert run("max(l)", l=items) == greatest


def test_min_and_max_of_equal_numbers_keep_the_first():
    # equal numbers are the same number; the one written first is the one given back
    assert str(run("max(a, b)", a=D("1.0"), b=D(1))) == "1.0"
    assert str(run("min(a, b)", a=D("1.0"), b=D(1))) == "1.0"
    assert str(run("max([a, b])", a=D(1), b=D("1.0"))) == "1"


@pytest.mark.parametrize(
    ("function", "items", "expected"),
    [
        ("count", [], D(0)),
        ("count", [D(1), None, "a"], D(3)),
        ("sum", [D("1.5"), D("2.25")], D("3.75")),
        ("sum", [], None),
        ("sum", [D(1), None], None),
        ("sum", [D(1), True], None),
        ("sum", [D(1), "2"], None),
        ("mean", [D(1), D(2), D(3)], D(2)),
        ("mean", [D(1), D(2)], D("1.5")),
        ("mean", [], None),
        ("mean", [D(1), None], None),
        ("mean", [D(1), False], None),
    ],
)
def test_count_sum_and_mean_of_a_list(function, items, expected):
    result = run(f"{function}(l)", l=items)
    assert result == expected and (expected is None or same(result, expected))


def test_count_sum_and_mean_of_separate_values():
    one, two, three = D(1), D(2), D(3)
    assert same(run("count(a, b, c)", a=one, b=None, c=three), D(3))
    assert same(run("sum(a, b, c)", a=one, b=two, c=three), D(6))
    assert same(run("mean(a, b, c)", a=one, b=two, c=three), D(2))
    assert run("sum(a, b)", a=one, b=True) is None
    assert same(run("mean(a)", a=D(5)), D(5))  # a number alone is a list of one
    assert run("count(a)", a=None) is None
    assert run("sum(a)", a=None) is None
    assert run("mean(a)", a=None) is None


# --------------------------------------------------------------------------- division, modulo, rounding


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (D(7), D(2), D("3.5")),
        (D(24), D(7), D("3.428571428571428571428571428571429")),  # 34 significant digits, half even
        (D(2), D(3), D("0.6666666666666666666666666666666667")),
        (D(-1), D(8), D("-0.125")),
        (D(1), D(0), None),
        (D(0), D(0), None),
        (D("1E+6144"), D("1E-10"), None),  # beyond decimal128: null, not infinity
        (D(1), None, None),
        (None, D(1), None),
        (True, D(1), None),
        (D(1), "1", None),
        (parse_duration("P2D"), D(2), parse_duration("P1D")),
        (parse_duration("P2D"), parse_duration("P1D"), D(2)),
    ],
)
def test_division(a, b, expected):
    result = run("a / b", a=a, b=b)
    assert result == expected and (expected is None or same(result, expected))


@pytest.mark.parametrize(
    ("dividend", "divisor", "expected"),
    [
        # DMN 1.5, 10.3.4.5: the sign of the result is the divisor's
        ("12", "5", "2"), ("-12", "5", "3"), ("12", "-5", "-3"), ("-12", "-5", "-2"),
        ("10.1", "4.5", "1.1"), ("-10.1", "4.5", "3.4"), ("10.1", "-4.5", "-3.4"), ("-10.1", "-4.5", "-1.1"),
        ("0", "7", "0"), ("7", "7", "0"), ("-7", "7", "0"), ("6", "7", "6"),
        ("5", "0", None),
        ("1E+40", "7", None),  # the quotient has more digits than a number holds
    ],
)
def test_modulo(dividend, divisor, expected):
    result = run("modulo(a, b)", a=D(dividend), b=D(divisor))
    if expected is None:
        assert result is None
    else:
        assert same(result, D(expected))
        assert not result.is_signed() or result < 0  # no negative zero


@pytest.mark.parametrize(("a", "b"), [(True, D(7)), (D(7), False), (None, D(7)), (D(7), None), ("7", D(2))])
def test_modulo_of_what_is_not_a_number(a, b):
    assert run("modulo(a, b)", a=a, b=b) is None


def test_modulo_of_lists_of_one():
    assert same(run("modulo(a, b)", a=[D(12)], b=D(5)), D(2))
    assert same(run("modulo(a, b)", a=D(12), b=[D(5)]), D(2))
    assert run("modulo(a, b)", a=[D(12), D(1)], b=D(5)) is None


@pytest.mark.parametrize(
    ("weekday", "days_to_sunday"),
    [(dt.date(2026, 3, 2), 6), (dt.date(2026, 3, 4), 4), (dt.date(2026, 3, 7), 1), (dt.date(2026, 3, 8), 0)],
)
def test_days_to_the_first_sunday(weekday, days_to_sunday):
    assert same(run("modulo(7 - d.weekday, 7)", d=weekday), D(days_to_sunday))


@pytest.mark.parametrize(
    ("text", "n", "scale", "expected"),
    [
        ("floor(n)", "1.5", None, "1"),
        ("floor(n)", "-1.5", None, "-2"),
        ("floor(n)", "5", None, "5"),
        ("floor(n)", "-0.5", None, "-1"),
        ("ceiling(n)", "-1.5", None, "-1"),
        ("ceiling(n)", "-0.5", None, "0"),  # zero, not negative zero
        ("ceiling(n)", "1.2", None, "2"),
        ("floor(n, s)", "-1.56", "1", "-1.6"),  # the spec's examples
        ("ceiling(n, s)", "1.56", "1", "1.6"),
        ("floor(n, s)", "1234.5", "-1", "1230"),  # a negative scale rounds to tens
        ("round half up(n, s)", "5.5", "0", "6"),
        ("round half up(n, s)", "-5.5", "0", "-6"),
        ("round half up(n, s)", "1.121", "2", "1.12"),
        ("round half up(n, s)", "-1.126", "2", "-1.13"),
        ("round half up(n, s)", "1.125", "2", "1.13"),
        ("round half up(n, s)", "1.125", "2.9", "1.13"),  # the scale's integer part
        ("round half up(n, s)", "-0.001", "2", "0"),
        ("round half down(n, s)", "1.125", "2", "1.12"),
        ("round up(n, s)", "-1.121", "2", "-1.13"),
        ("round down(n, s)", "-1.129", "2", "-1.12"),
        ("decimal(n, s)", "1.125", "2", "1.12"),  # half even
        ("decimal(n, s)", "1.135", "2", "1.14"),
        ("decimal(n, s)", "1", "6176", "1"),  # the widest scale: the number is already exact there
        ("decimal(n, s)", "1", "6177", None),  # beyond what a number's scale can be
        ("decimal(n, s)", "1", "-6112", None),
    ],
)
def test_rounding(text, n, scale, expected):
    env = {"n": D(n)} if scale is None else {"n": D(n), "s": D(scale)}
    result = run(text, **env)
    if expected is None:
        assert result is None
    else:
        assert same(result, D(expected))
        assert not result.is_signed() or result < 0  # no negative zero


@pytest.mark.parametrize(
    ("n", "scale"),
    [(None, D(2)), (D(1), None), (True, D(2)), (D(1), True), ("1.5", D(2)), (D("1.5"), "2")],
)
def test_rounding_of_what_is_not_a_number(n, scale):
    for name in ("decimal", "round half up", "floor", "ceiling", "round down"):
        assert run(f"{name}(n, s)", n=n, s=scale) is None, name


def test_rounding_scales():
    assert run("round half up(n)", n=D("1.5")) is None  # the scale is not optional here
    assert run("decimal(n)", n=D("1.5")) is None
    assert run("floor(n)", n=True) is None
    assert same(run("round half up(n, s)", n=[D("1.125")], s=D(2)), D("1.13"))  # lists of one
    assert same(run("round half up(n, s)", n=D("1.125"), s=[D(2)]), D("1.13"))
    assert same(run("floor(n)", n=[D("1.5")]), D(1))
    # a scale met before and a scale met for the first time give the same answer
    expected = {-3: "1000", -2: "1200", -1: "1230", 0: "1235", 1: "1234.6", 2: "1234.57", 3: "1234.568"}
    for _ in range(2):
        for scale in range(-3, 80):
            result = run("round half up(n, s)", n=D("1234.5678"), s=D(scale))
            assert same(result, D(expected.get(scale, "1234.5678"))), scale


# --------------------------------------------------------------------------- comparison operators


@pytest.mark.parametrize(
    ("a", "b", "order"),
    [
        (D(1), D(2), -1),
        (D("1.0"), D(1), 0),  # one number, written two ways
        (D(-3), D("-3.5"), 1),
        ("abc", "abd", -1),
        ("b", "B", 1),  # code points: upper case before lower case
        ("", "", 0),
        (MAR1, MAR20, -1),
        (MAR31, MAR31, 0),
        (parse_date_time("2026-03-01T10:00:00"), parse_date_time("2026-03-01T09:00:00"), 1),
        (ymd("P1Y"), ymd("P12M"), 0),
        (parse_duration("PT1H"), parse_duration("PT59M"), 1),
    ],
)
def test_ordered_values(a, b, order):
    assert ops.compare(a, b) == order
    assert ops.lt(a, b) is (order < 0)
    assert ops.le(a, b) is (order <= 0)
    assert ops.gt(a, b) is (order > 0)
    assert ops.ge(a, b) is (order >= 0)
    assert ops.eq(a, b) is (order == 0)
    assert ops.ne(a, b) is (order != 0)
    assert run("a between b and c", a=a, b=b, c=b) is (order == 0)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (D(1), True),  # a boolean is not a number
        (True, False),  # booleans are not ordered
        (MAR1, parse_date_time("2026-03-01T00:00:00")),  # a date is not a date and time
        (D(1), "1"),
        (None, D(1)),
        (MAR1, None),
        ({"a": D(1)}, {"a": D(1)}),
    ],
)
def test_values_not_ordered_against_each_other(a, b):
    for op in (ops.lt, ops.le, ops.gt, ops.ge, ops.compare):
        assert op(a, b) is None, op
        assert op(b, a) is None, op


@pytest.mark.parametrize(
    ("a", "b", "equal"),
    [
        (None, None, True),
        (D(1), None, False),  # null equals only null
        (None, "a", False),
        (True, True, True),
        (True, False, False),
        ({"a": D(1)}, {"a": D("1.0")}, True),
        ([D(1), "x"], [D(1), "x"], True),
        ([D(1)], [D(2)], False),
    ],
)
def test_equality_beside_numbers_strings_and_dates(a, b, equal):
    assert ops.eq(a, b) is equal
    assert ops.ne(a, b) is (not equal)


# --------------------------------------------------------------------------- duration values


def test_duration_values_are_frozen_records():
    import copy
    import dataclasses
    import pickle

    for make, field, value, other in ((DayTimeDuration, "seconds", D(90), D("90.0")),
                                      (YearMonthDuration, "months", 14, 14)):
        d = make(value)
        assert getattr(d, field) == value
        assert make(**{field: value}) == d == make(other) and hash(d) == hash(make(other))
        assert make(value) < make(value + 1) and not make(value) < make(value)
        assert pickle.loads(pickle.dumps(d)) == d and copy.deepcopy(d) == d
        assert dataclasses.replace(d, **{field: value + 1}) == make(value + 1)
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(d, field, value)
    assert repr(YearMonthDuration(14)) == "YearMonthDuration(months=14)"
    assert str(YearMonthDuration(14)) == "P1Y2M" and str(DayTimeDuration(D(90))) == "PT1M30S"


# --------------------------------------------------------------------------- how many arguments a built-in takes


@pytest.mark.parametrize(
    ("name", "accepted", "refused"),
    [
        ("date", [1, 2, 3], [4]),  # (from) or (year, month, day): a call may leave trailing ones out
        ("now", [0], [1]),
        ("years and months duration", [1, 2], [3]),
        ("round half up", [1, 2], [3]),
        ("floor", [1, 2], [3]),
        ("min", [0, 1, 2, 7], []),  # variadic
        ("before", [1, 2], [3]),
    ],
)
def test_the_number_of_arguments_a_builtin_accepts(name, accepted, refused):
    function = BUILTINS[name]
    for n in accepted:
        assert function.accepts(n), n
    for n in refused:
        assert not function.accepts(n), n
        assert function.call([D(1)] * n) is None


def test_builtins_called_through_their_function_value():
    # a built-in taken as a value (here a parameter of a function) is called through Builtin.call
    assert run("(function(f) f(a, b))(years and months duration)", a=MAR1, b=dt.date(2027, 4, 1)) == ymd("P13M")
    assert run("(function(f) f(a, b, c))(years and months duration)", a=MAR1, b=MAR1, c=MAR1) is None
    assert run("(function(f) f(a, b, c))(date)", a=D(2026), b=D(3), c=D(1)) == MAR1
    assert run("(function(f) f(a, b, c, a))(date)", a=D(2026), b=D(3), c=D(1)) is None
    assert run("years and months duration(from: a, to: b)", a=MAR1, b=dt.date(2027, 4, 1)) == ymd("P13M")
    assert run("years and months duration(to: b, from: a)", a=MAR1, b=dt.date(2027, 4, 1)) == ymd("P13M")
    function = BUILTINS["years and months duration"]
    assert (function.name, function.params, function.signatures) == (
        "years and months duration", ("from", "to"), [("from", "to")])
