"""Temporal built-in functions, checked against the DMN TCK (1115, 1116, 1120, 0096-0098) and the spec.

The TCK cases are invocations of these functions on literals (``time(date and time("...") )``,
``date(year: 2017, month: 8, day: 30)``): a small reader below evaluates exactly that shape.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal as D
from pathlib import Path

import pytest

from service.dmn.feel.builtins import temporal as bt
from service.dmn.feel.builtins.base import Builtin
from service.dmn.feel.temporal import parse_date, parse_date_time, parse_duration, parse_time
from service.dmn.feel.text import to_feel_text
from service.dmn.feel.values import DayTimeDuration, YearMonthDuration

TCK = Path("/work/shared/dmn-tck/compliance-level-3")
TC_NS = "{http://www.omg.org/spec/DMN/20160719/testcase}"
XSI = "{http://www.w3.org/2001/XMLSchema-instance}"

FUNCTIONS = {f.name: f for f in bt.FUNCTIONS}


class _Unsupported(Exception):
    pass


class Reader:
    """Reads ``name(args)`` invocations whose arguments are literals or further invocations."""

    NAME = re.compile(
        r"(" + "|".join(sorted(map(re.escape, [*FUNCTIONS, "string"]), key=len)[::-1]) + r")\s*\("
    )

    def __init__(self, text: str):
        self.text = text
        self.pos = 0

    def skip_space(self):
        while self.pos < len(self.text) and self.text[self.pos].isspace():
            self.pos += 1

    def match(self, pattern: str):
        self.skip_space()
        m = re.compile(pattern).match(self.text, self.pos)
        if m:
            self.pos = m.end()
        return m

    def expr(self):
        self.skip_space()
        if m := self.NAME.match(self.text, self.pos):
            self.pos = m.end()
            return self.call(m[1])
        if m := self.match(r'@"([^"]*)"'):
            return at_literal(m[1])
        if m := self.match(r'"([^"]*)"'):
            return m[1]
        if m := self.match(r"-?\d+(\.\d+)?"):
            return D(m[0])
        if self.match(r"null\b"):
            return None
        if self.match(r"\[\s*\]"):
            return []
        raise _Unsupported(self.text[self.pos :])

    def call(self, name: str):
        positional, named = [], {}
        if not self.match(r"\)"):
            while True:
                if m := self.match(r"([a-z][a-z ]*?)\s*:"):
                    named[m[1]] = self.expr()
                else:
                    positional.append(self.expr())
                if self.match(r"\)"):
                    break
                if not self.match(r","):
                    raise _Unsupported(self.text[self.pos :])
        if name == "string":
            value = (positional or list(named.values()))[0]
            return None if value is None else to_feel_text(value)
        function = FUNCTIONS[name]
        return function.call_named(named) if named else function.call(positional)

    def read(self):
        value = self.expr()
        self.skip_space()
        if self.pos != len(self.text):
            raise _Unsupported(self.text[self.pos :])
        return value


def at_literal(text: str):
    if re.fullmatch(r"-?P.*", text):
        return parse_duration(text)
    if "T" in text:
        return parse_date_time(text)
    if re.fullmatch(r"-?\d+-\d\d-\d\d", text):
        return parse_date(text)
    return parse_time(text)


def expected_value(value_el):
    if value_el is None or len(value_el):
        return _Unsupported
    if value_el.get(XSI + "nil") == "true":
        return None
    kind, text = value_el.get(XSI + "type"), value_el.text
    if kind == "xsd:decimal":
        return D(text)
    if kind == "xsd:string":
        return text
    parser = {"xsd:date": parse_date, "xsd:dateTime": parse_date_time, "xsd:time": parse_time}.get(
        kind, parse_duration
    )
    return parser(text)


def tck_cases(folder: str):
    if not (TCK / folder).is_dir():
        return []
    from lxml import etree

    dmn = next((TCK / folder).glob("*.dmn")).read_text()
    texts = dict(re.findall(r'<decision name="([^"]+)".*?<text>(.*?)</text>', dmn, re.S))
    cases = []
    for test_file in sorted((TCK / folder).glob("*-test-*.xml")):
        for node in etree.parse(str(test_file)).getroot().iter(TC_NS + "resultNode"):
            name = node.get("name")
            value_el = node.find(f"{TC_NS}expected/{TC_NS}value")
            cases.append(
                pytest.param(texts[name].replace("&quot;", '"'), value_el, id=f"{folder[:4]}-{name}")
            )
    return cases


# TCK cases outside what Python's datetime holds: years beyond 1..9999.
UNREPRESENTABLE = {
    'date("-2017-12-31")',
    'date("-2017-01-01")',
    'string(date("999999999-12-31"))',
    'string(date("-999999999-12-31"))',
    "date(-2017,12,31)",
    "date(-2017,01,01)",
    "string(date(999999999,12,31))",
    "string(date(-999999999,12,31))",
}


def same(actual, expected) -> bool:
    if expected is None or actual is None:
        return actual is expected
    if type(actual) is not type(expected):
        return False
    if isinstance(expected, (dt.datetime, dt.time)):
        return actual == expected and actual.utcoffset() == expected.utcoffset()
    return actual == expected


ALL_CASES = [
    *tck_cases("1115-feel-date-function"),
    *tck_cases("1116-feel-time-function"),
    *tck_cases("1120-feel-duration-function"),
    *tck_cases("0096-feel-day-of-week-function"),
    *tck_cases("0097-feel-month-of-year-function"),
    *tck_cases("0098-feel-week-of-year-function"),
]


@pytest.mark.skipif(not TCK.is_dir(), reason="DMN TCK not available")
@pytest.mark.parametrize(("text", "value_el"), ALL_CASES)
def test_tck_temporal_functions(text, value_el):
    if text in UNREPRESENTABLE:
        pytest.skip("year outside 1..9999 (Python datetime)")
    expected = expected_value(value_el)
    if expected is _Unsupported:
        pytest.skip("list-valued expectation")
    try:
        actual = Reader(text).read()
    except _Unsupported:
        pytest.skip("uses input data, not only literals")
    assert same(actual, expected), f"{text}: got {actual!r}, expected {expected!r}"


# --------------------------------------------------------------------------- explicit cases


def call(name, *args, **named):
    function: Builtin = FUNCTIONS[name]
    if named:
        return function.call_named({k.replace("_", " "): v for k, v in named.items()})
    return function.call(list(args))


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("2012-12-25",), dt.date(2012, 12, 25)),
        ((dt.datetime(2017, 8, 14, 14, 25),), dt.date(2017, 8, 14)),
        ((dt.date(2017, 10, 11),), dt.date(2017, 10, 11)),
        ((D(2017), D(8), D(30)), dt.date(2017, 8, 30)),
        ((D(2017), D("8.5"), D(30)), None),  # an integer is required
        ((D(2017), D(2), D(29)), None),
        ((D(2017), D(13), D(31)), None),
        (("2012/12/25",), None),
        ((D(1),), None),
        ((True, D(1), D(1)), None),
        ((), None),
    ],
)
def test_date(args, expected):
    assert same(call("date", *args), expected)


def test_date_named_parameters():
    assert call("date", year=D(2017), month=D(8), day=D(30)) == dt.date(2017, 8, 30)
    assert FUNCTIONS["date"].call_named({"from": "2012-12-25"}) == dt.date(2012, 12, 25)
    assert FUNCTIONS["date"].call_named({"value": "2012-12-25"}) is None


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("10:30:00",), dt.time(10, 30)),
        ((D(12), D(0), D(0), None), dt.time(12, 0)),
        ((D(12), D(0), D(0)), dt.time(12, 0)),
        # TCK 0007 Time3: time(12, 59, 1.3, -PT1H) = 12:59:01.3-01:00
        (
            (D(12), D(59), D("1.3"), DayTimeDuration(D(-3600))),
            dt.time(12, 59, 1, 300000, tzinfo=dt.timezone(dt.timedelta(hours=-1))),
        ),
        ((D(11), D(59), D(45), DayTimeDuration(D(0))), dt.time(11, 59, 45, tzinfo=dt.UTC)),
        ((D(24), D(59), D(45), None), None),
        ((D(23), D(59), D(60), None), None),
        ((D("11.5"), D(0), D(0), None), None),
        ((D(11), D(0), D(0), YearMonthDuration(1)), None),
        ((D(11), D(0), D(0), DayTimeDuration(D(19 * 3600))), None),
        ((dt.date(2017, 8, 10),), dt.time(0, 0, tzinfo=dt.UTC)),  # TCK 1116 053
        ((D(2017),), None),
    ],
)
def test_time(args, expected):
    assert same(call("time", *args), expected)


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("2012-12-24T23:59:00",), dt.datetime(2012, 12, 24, 23, 59)),
        (("2012-12-24",), dt.datetime(2012, 12, 24)),
        # TCK 0007 Date-Time2: date and time(date("2015-12-24"), time("00:00:01-01:00"))
        (
            (dt.date(2015, 12, 24), parse_time("00:00:01-01:00")),
            parse_date_time("2015-12-24T00:00:01-01:00"),
        ),
        ((dt.datetime(2017, 8, 10, 10, 20), dt.time(23, 59, 1)), dt.datetime(2017, 8, 10, 23, 59, 1)),
        (("2012-12-24", dt.time(1, 0)), None),
        ((dt.date(2012, 12, 24), "10:00:00"), None),
        (("2012-12-24T25:00:00",), None),
        ((None,), None),
    ],
)
def test_date_and_time(args, expected):
    assert same(call("date and time", *args), expected)


def test_date_and_time_named_parameters():
    result = FUNCTIONS["date and time"].call_named({"date": dt.date(2017, 1, 1), "time": dt.time(10, 0)})
    assert result == dt.datetime(2017, 1, 1, 10, 0)


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (dt.date(2026, 1, 15), dt.date(2026, 2, 14), YearMonthDuration(0)),
        (dt.date(2026, 1, 15), dt.date(2026, 2, 15), YearMonthDuration(1)),
        (dt.date(2025, 1, 31), dt.date(2025, 2, 28), YearMonthDuration(0)),
        (dt.date(2025, 1, 31), dt.date(2026, 1, 31), YearMonthDuration(12)),
        (dt.date(2011, 12, 22), dt.date(2013, 8, 24), YearMonthDuration(20)),  # spec: P1Y8M
        (dt.date(2013, 8, 24), dt.date(2011, 12, 22), YearMonthDuration(-20)),
        # TCK 0007 ymDuration2 = P1Y
        (
            parse_date_time("2015-12-24T00:00:01-01:00"),
            parse_date_time("2016-12-24T23:59:00-08:00"),
            YearMonthDuration(12),
        ),
        (dt.datetime(2017, 1, 1, 10), dt.datetime(2017, 2, 1, 9), YearMonthDuration(0)),
        (dt.date(2017, 1, 1), "2017-02-01", None),
        (None, dt.date(2017, 1, 1), None),
    ],
)
def test_years_and_months_duration(start, end, expected):
    assert same(call("years and months duration", start, end), expected)


def test_duration():
    assert call("duration", "P1DT2H") == DayTimeDuration(D(93600))
    assert call("duration", "P1Y2M") == YearMonthDuration(14)
    assert call("duration", D(2017)) is None
    assert call("duration") is None


def test_now_and_today():
    now = call("now")
    assert isinstance(now, dt.datetime) and now.tzinfo is not None
    assert type(call("today")) is dt.date
    assert call("now", D(123)) is None  # TCK 1148
    assert call("today", D(123)) is None  # TCK 1149


@pytest.mark.parametrize(
    ("name", "arg", "expected"),
    [
        ("day of year", dt.date(2019, 9, 17), D(260)),  # spec example
        ("day of year", dt.date(2020, 12, 31), D(366)),
        ("day of year", dt.datetime(2019, 1, 1, 10), D(1)),
        ("day of week", dt.date(2019, 9, 17), "Tuesday"),  # spec example
        ("day of week", dt.date(1970, 1, 1), "Thursday"),
        ("day of week", dt.datetime(2019, 9, 17, 10, 10, 10), "Tuesday"),
        ("month of year", dt.date(2019, 9, 17), "September"),
        ("month of year", dt.date(2019, 1, 1), "January"),
        ("week of year", dt.date(2019, 9, 17), D(38)),
        ("week of year", dt.date(2003, 12, 29), D(1)),
        ("week of year", dt.date(2010, 1, 1), D(53)),
        ("week of year", dt.date(2005, 1, 1), D(53)),
        ("day of year", "2019-09-17", None),
        ("day of week", None, None),
        ("month of year", D(1), None),
        ("week of year", dt.time(10, 0), None),
    ],
)
def test_calendar_functions(name, arg, expected):
    assert same(call(name, arg), expected)
