"""FEEL ``string()`` text of values (DMN 1.5 10.3.4.1; expected texts from the TCK's string() cases)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D
from zoneinfo import ZoneInfo

import pytest

from service.dmn.feel.temporal import parse_duration
from service.dmn.feel.text import to_feel_text
from service.dmn.feel.values import DayTimeDuration, FeelFunction, Range, YearMonthDuration


def tz(hours=0, minutes=0, seconds=0):
    return dt.timezone(dt.timedelta(hours=hours, minutes=minutes, seconds=seconds))


class Add(FeelFunction):
    name = "add"
    params = ("a", "b")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, "null"),
        (True, "true"),
        (False, "false"),
        ("foo", "foo"),
        ("", ""),
        # numbers: plain notation, no exponent (spec: string(1.1) = "1.1")
        (D("1.1"), "1.1"),
        (D("1.10"), "1.1"),
        (D("10"), "10"),
        (D("1E+2"), "100"),
        (D("100"), "100"),
        (D("-0.04"), "-0.04"),
        (D("1E-7"), "0.0000001"),
        (D("0"), "0"),
        (D("-0"), "0"),
        (D("0.00"), "0"),
        (D("12345678901234567890.123"), "12345678901234567890.123"),
        # dates and times
        (dt.date(2012, 12, 25), "2012-12-25"),
        (dt.date(1, 1, 1), "0001-01-01"),
        (dt.time(10, 30), "10:30:00"),
        (dt.time(10, 30, 0, 500000), "10:30:00.5"),
        (dt.time(11, 22, 33, 123456), "11:22:33.123456"),
        (dt.time(23, 59, tzinfo=dt.UTC), "23:59:00Z"),
        (dt.time(13, 20, tzinfo=tz(2)), "13:20:00+02:00"),
        (dt.time(13, 20, tzinfo=tz(-5, -30)), "13:20:00-05:30"),
        (dt.time(11, 59, 45, tzinfo=tz(2, 45, 55)), "11:59:45+02:45:55"),  # TCK 1116 046
        (dt.time(11, 59, 45, tzinfo=tz(-2, -45, -55)), "11:59:45-02:45:55"),  # TCK 1116 047
        (dt.time(0, 1, tzinfo=ZoneInfo("Europe/Paris")), "00:01:00@Europe/Paris"),  # TCK 1116 029
        (dt.time(0, 1, tzinfo=ZoneInfo("Etc/UTC")), "00:01:00@Etc/UTC"),  # TCK 1116 028
        (dt.datetime(2012, 12, 25, 10, 30), "2012-12-25T10:30:00"),
        (dt.datetime(2012, 12, 25, 10, 30, 0, 250000), "2012-12-25T10:30:00.25"),
        (dt.datetime(2012, 12, 25, 10, 30, tzinfo=dt.UTC), "2012-12-25T10:30:00Z"),
        (dt.datetime(2012, 12, 25, 10, 30, tzinfo=tz(1)), "2012-12-25T10:30:00+01:00"),
        (
            dt.datetime(2018, 12, 8, 10, 30, 11, tzinfo=ZoneInfo("Australia/Melbourne")),
            "2018-12-08T10:30:11@Australia/Melbourne",  # TCK 0093 datetime_004
        ),
        # durations (TCK 1120 expected texts)
        (DayTimeDuration(D(86400)), "P1D"),
        (DayTimeDuration(D(0)), "PT0S"),
        (DayTimeDuration(D("0.999")), "PT0.999S"),
        (DayTimeDuration(D("93784.123456789")), "P1DT2H3M4.123456789S"),
        (DayTimeDuration(D("60000.999999999")), "PT16H40M0.999999999S"),
        (DayTimeDuration(D(-3720)), "-PT1H2M"),
        (DayTimeDuration(D(3600)), "PT1H"),
        (DayTimeDuration(D(2 * 86400 + 274 * 60)), "P2DT4H34M"),
        (DayTimeDuration(D("4.50")), "PT4.5S"),
        (YearMonthDuration(14), "P1Y2M"),
        (YearMonthDuration(12), "P1Y"),
        (YearMonthDuration(0), "P0M"),
        (YearMonthDuration(-12), "-P1Y"),
        (YearMonthDuration(26), "P2Y2M"),
        (YearMonthDuration(-100), "-P8Y4M"),
        (YearMonthDuration(999999999), "P83333333Y3M"),
        # collections: strings quoted inside
        ([D(1), D(2), D(3)], "[1, 2, 3]"),
        ([], "[]"),
        (["a", None, True], '["a", null, true]'),
        ([[D(1)], [D(2), D(3)]], "[[1], [2, 3]]"),
        ({"a": D(1), "b": "x"}, '{a: 1, b: "x"}'),
        ({}, "{}"),
        ({"a": {"b": [D(1)]}}, "{a: {b: [1]}}"),
        ({"first name": "Ann"}, '{first name: "Ann"}'),
        ({"a+b": D(1)}, '{"a+b": 1}'),
        (['say "hi"'], '["say \\"hi\\""]'),
        # ranges
        (Range(D(1), D(10), True, True), "[1..10]"),
        (Range(D(1), D(10), False, False), "(1..10)"),
        (Range(D(1), D(10), True, False), "[1..10)"),
        (Range(None, D(10), False, False), "< 10"),
        (Range(None, D(10), False, True), "<= 10"),
        (Range(D(1), None, False, False), "> 1"),
        (Range(D(1), None, True, False), ">= 1"),
        (Range("a", "z", True, True), '["a".."z"]'),
        (Range(dt.date(2021, 1, 1), dt.date(2021, 12, 31), True, True), "[2021-01-01..2021-12-31]"),
        # functions
        (Add(), "function(a, b)"),
    ],
)
def test_to_feel_text(value, expected):
    assert to_feel_text(value) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("PT1000M", "PT16H40M"),
        ("PT24H", "P1D"),
        ("PT0.000S", "PT0S"),
        ("P0D", "PT0S"),
        ("P0Y", "P0M"),
        ("P1Y27M", "P3Y3M"),
        ("-P99999999Y", "-P99999999Y"),
        ("P2DT100M", "P2DT1H40M"),
    ],
)
def test_durations_print_normalised_as_in_tck_1120(text, expected):
    assert to_feel_text(parse_duration(text)) == expected


def test_range_str_uses_feel_text():
    assert str(Range(D("1.50"), D(10), True, False)) == "[1.5..10)"
