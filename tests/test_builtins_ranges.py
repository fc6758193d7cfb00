"""Range built-ins; expected values from the DMN 1.5 spec (10.3.4.9) and TCK 1156-range-function."""

import datetime
import re
from decimal import Decimal as D

import pytest

from service.dmn.feel.builtins import BUILTINS
from service.dmn.feel.values import DayTimeDuration, Range, YearMonthDuration


def call(name, *args):
    return BUILTINS[name].call(list(args))


def named(name, **kwargs):
    return BUILTINS[name].call_named(kwargs)


def value(text: str):
    """A number, or a range of numbers written as in FEEL (``[1..5)``, ``(1..10]``)."""
    m = re.fullmatch(r"([\[(\]])(\d+)\.\.(\d+)([\])\[])", text)
    if not m:
        return D(text)
    return Range(D(m.group(2)), D(m.group(3)), m.group(1) == "[", m.group(4) == "]")


SPEC_EXAMPLES = """
before 1 10 true
before 10 1 false
before 1 [2..5] true
before 1 (1..5] true
before 1 [1..5] false
before [1..5] 10 true
before [1..5] [6..8] true
before [1..5] (5..8] true
before [1..5] [5..8] false
before [1..5) [5..8] true
after 10 1 true
after 1 10 false
after 12 [2..5] true
after [5..10] 1 true
after (5..10] 5 true
after [5..10] 5 false
after [11..20] [1..10] true
after [1..10] [11..20] false
after [11..20] [1..11) true
after (11..20] [1..11] true
meets [1..5] [5..10] true
meets [1..5) [5..10] false
meets [1..5] (5..10] false
meets [1..5] [6..10] false
met_by [5..10] [1..5] true
met_by [5..10] [1..5) false
met_by (5..10] [1..5] false
met_by [6..10] [1..5] false
overlaps [1..5] [3..8] true
overlaps [3..8] [1..5] true
overlaps [1..8] [3..5] true
overlaps [3..5] [1..8] true
overlaps [1..5] [6..8] false
overlaps [6..8] [1..5] false
overlaps [1..5] [5..8] true
overlaps [1..5] (5..8] false
overlaps [1..5) [5..8] false
overlaps [1..5) (5..8] false
overlaps [5..8] [1..5] true
overlaps (5..8] [1..5] false
overlaps [5..8] [1..5) false
overlaps (5..8] [1..5) false
overlaps_before [1..5] [3..8] true
overlaps_before [1..5] [6..8] false
overlaps_before [1..5] [5..8] true
overlaps_before [1..5] (5..8] false
overlaps_before [1..5) [5..8] false
overlaps_before [1..5) (1..5] true
overlaps_before [1..5] (1..5] true
overlaps_before [1..5) [1..5] false
overlaps_before [1..5] [1..5] false
overlaps_after [3..8] [1..5] true
overlaps_after [6..8] [1..5] false
overlaps_after [5..8] [1..5] true
overlaps_after (5..8] [1..5] false
overlaps_after [5..8] [1..5) false
overlaps_after (1..5] [1..5) true
overlaps_after (1..5] [1..5] true
overlaps_after [1..5] [1..5) false
overlaps_after [1..5] [1..5] false
finishes 10 [1..10] true
finishes 10 [1..10) false
finishes [5..10] [1..10] true
finishes [5..10) [1..10] false
finishes [5..10) [1..10) true
finishes [1..10] [1..10] true
finishes (1..10] [1..10] true
finished_by [1..10] 10 true
finished_by [1..10) 10 false
finished_by [1..10] [5..10] true
finished_by [1..10] [5..10) false
finished_by [1..10) [5..10) true
finished_by [1..10] [1..10] true
finished_by [1..10] (1..10] true
includes [1..10] 5 true
includes [1..10] 12 false
includes [1..10] 1 true
includes [1..10] 10 true
includes (1..10] 1 false
includes [1..10) 10 false
includes [1..10] [4..6] true
includes [1..10] [1..5] true
includes (1..10] (1..5] true
includes [1..10] (1..10) true
includes [1..10) [5..10) true
includes [1..10] [1..10) true
includes [1..10] [1..10] true
includes (1..10] [1..5] false
during 5 [1..10] true
during 12 [1..10] false
during 1 [1..10] true
during 10 [1..10] true
during 1 (1..10] false
during 10 [1..10) false
during [4..6] [1..10] true
during [1..5] [1..10] true
during (1..5] (1..10] true
during (1..10) [1..10] true
during [5..10) [1..10) true
during [1..10) [1..10] true
during (1..10] [1..10] true
during [1..10] [1..10] true
during [1..10] (1..10] false
starts 1 [1..5] true
starts 1 (1..8] false
starts (1..5] [1..5] false
starts [1..10] [1..10] true
starts [1..10) [1..10] true
starts (1..10) (1..10) true
started_by [1..10] 1 true
started_by (1..10] 1 false
started_by [1..10] [1..5] true
started_by (1..10] [1..5) false
started_by [1..10] [1..10) true
started_by [1..10) [1..10) true
started_by (1..10) (1..10) true
coincides 5 5 true
coincides 3 4 false
coincides [1..5] [1..5] true
coincides (1..5] [1..5) false
coincides [1..5] [2..6] false
coincides (1..5) [1..5] false
before 1 [5..10] true
before [1..10] 10 false
before [1..10) 10 true
before [1..10] [10..20] false
before [1..10] (10..20] true
after 10 [1..10) true
after 10 [1..10] false
after [11..20] 12 false
after [11..20] 11 false
overlaps_after (1..5) [1..5] false
overlaps_after (1..5] [1..6] false
overlaps_after (1..5] (1..5] false
overlaps_after (1..5] [2..5] false
starts 2 [1..10] false
starts [1..5] [1..10] true
starts (1..5] (1..10] true
starts (1..5] [1..10] false
starts [1..5] (1..10] false
started_by [1..10] 2 false
started_by (1..10] (1..5] true
started_by [1..10] (1..5] false
started_by (1..10] [1..5] false
started_by [1..10] [1..10] true
includes [1..10] (1..10] true
"""


@pytest.mark.parametrize(
    ("name", "a", "b", "expected"),
    [line.split() for line in SPEC_EXAMPLES.strip().splitlines()],
)
def test_spec_examples(name, a, b, expected):
    assert call(name.replace("_", " "), value(a), value(b)) is (expected == "true")


LESS_THAN_5 = Range(None, D(5), False, False)
AT_LEAST_5 = Range(D(5), None, True, False)


@pytest.mark.parametrize(
    ("name", "a", "b", "expected"),
    [
        ("before", LESS_THAN_5, D(10), True),
        ("before", LESS_THAN_5, D(5), True),
        ("before", D(1), AT_LEAST_5, True),
        ("before", D(1), LESS_THAN_5, False),
        ("before", LESS_THAN_5, AT_LEAST_5, True),
        ("before", AT_LEAST_5, LESS_THAN_5, False),
        ("after", AT_LEAST_5, D(3), True),
        ("after", D(3), AT_LEAST_5, False),
        ("after", AT_LEAST_5, LESS_THAN_5, True),
        ("includes", AT_LEAST_5, D(100), True),
        ("includes", LESS_THAN_5, D(-100), True),
        ("includes", LESS_THAN_5, D(5), False),
        ("includes", Range(D(1), None, True, False), AT_LEAST_5, True),
        ("includes", AT_LEAST_5, Range(D(1), None, True, False), False),
        ("during", D(7), AT_LEAST_5, True),
        ("overlaps", LESS_THAN_5, Range(D(4), D(8), True, True), True),
        ("overlaps", LESS_THAN_5, AT_LEAST_5, False),
        ("starts", D(5), AT_LEAST_5, True),
        ("finishes", D(5), LESS_THAN_5, False),
        ("coincides", LESS_THAN_5, Range(None, D(5), False, False), True),
        ("coincides", LESS_THAN_5, Range(None, D(5), False, True), False),
    ],
)
def test_unbounded_ranges(name, a, b, expected):
    assert call(name, a, b) is expected


def test_dates():
    january = Range(datetime.date(2024, 1, 1), datetime.date(2024, 1, 31), True, True)
    assert call("includes", january, datetime.date(2024, 1, 15)) is True
    assert call("before", january, datetime.date(2024, 2, 1)) is True
    assert call("after", datetime.date(2023, 12, 31), january) is False


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("before", (D(1), "a")),
        ("before", (None, D(1))),
        ("includes", (D(1), value("[1..5]"))),
        ("during", (value("[1..5]"), D(1))),
        ("meets", (D(1), D(2))),
        ("overlaps", (value("[1..5]"), D(3))),
        ("includes", (Range("a", "c", True, True), D(1))),
        ("before", (D(1),)),
        ("coincides", (D(1), D(1), D(1))),
    ],
)
def test_invalid_arguments_give_null(name, args):
    assert call(name, *args) is None


def test_named_arguments():
    assert named("before", point1=D(1), point2=D(10)) is True
    assert named("before", point=D(1), range=value("[2..5]")) is True
    assert named("before", range=value("[1..5]"), point=D(10)) is True
    assert named("before", range=value("[1..5]"), point=D(3)) is False
    assert named("before", range1=value("[1..5]"), range2=value("[6..8]")) is True
    assert named("includes", range=value("[1..10]"), point=D(5)) is True
    assert named("during", point=D(5), range=value("[1..10]")) is True
    assert named("coincides", range1=value("[1..5]"), range2=value("[1..5]")) is True
    assert named("overlaps", range1=value("[1..5]"), range2=value("[3..8]")) is True
    assert named("meets", range1=value("[1..5]"), range=value("[5..8]")) is None


# 1156-range-function
def n_range(start, end, start_included=True, end_included=True):
    return Range(D(start), D(end), start_included, end_included)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[1..3]", n_range(1, 3)),
        ("[18..21]", n_range(18, 21)),
        ("(18..21]", n_range(18, 21, False, True)),
        ("]18..21]", n_range(18, 21, False, True)),
        ("[18..21)", n_range(18, 21, True, False)),
        ("[18..21[", n_range(18, 21, True, False)),
        (" [ 1 .. 3 ] ", n_range(1, 3)),
        ("[-1.5..2.25]", Range(D("-1.5"), D("2.25"), True, True)),
        ('["a".."c"]', Range("a", "c", True, True)),
        ('[@"1970-01-01"..@"1970-01-02"]', Range(datetime.date(1970, 1, 1), datetime.date(1970, 1, 2), True, True)),
        (
            '[@"1970-01-01T00:00:00"..@"1970-01-02T00:00:00"]',
            Range(datetime.datetime(1970, 1, 1), datetime.datetime(1970, 1, 2), True, True),
        ),
        ('[@"00:00:00"..@"00:00:00"]', Range(datetime.time(0), datetime.time(0), True, True)),
        ('[@"P1D"..@"P2D"]', Range(DayTimeDuration(D(86400)), DayTimeDuration(D(172800)), True, True)),
        ('[@"P1Y"..@"P2Y"]', Range(YearMonthDuration(12), YearMonthDuration(24), True, True)),
        (
            '[date("1970-01-01")..date("1970-01-02")]',
            Range(datetime.date(1970, 1, 1), datetime.date(1970, 1, 2), True, True),
        ),
        (
            '[date and time("1970-01-01T00:00:00")..@"1970-01-02T00:00:00"]',
            Range(datetime.datetime(1970, 1, 1), datetime.datetime(1970, 1, 2), True, True),
        ),
        ('[time("00:00:00")..@"00:00:00"]', Range(datetime.time(0), datetime.time(0), True, True)),
        ('[duration("P1D")..@"P2D"]', Range(DayTimeDuration(D(86400)), DayTimeDuration(D(172800)), True, True)),
    ],
)
def test_range(text, expected):
    assert call("range", text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "[..2]",
        "[1..]",
        '[date(string("1970-01-01"))..date("1970-01-02")]',
        '[date(input_001)..date("1970-01-02")]',
        '[date and time(string("1970-01-01T00:00:00"))..@"1970-01-02T00:00:00"]',
        '[time(string("00:00:00"))..@"00:00:00"]',
        '[duration(string("P1D"))..@"P2D"]',
        "",
        " ",
        ">=10",
        '[1.."b"]',
        '[@"1970-01-01"..@"1970-01-02T00:00:00"]',
        '[@"1970-01-01T00:00:00"..@"1970-01-02"]',
        "[3..1]",
        '[@"1970-01-02"..@"1970-01-01"]',
        '[@"1970-01-02T00:00:00"..@"1970-01-01T00:00:00"]',
        '["z".."a"]',
        '[@"P2D"..@"P1D"]',
        '[@"P2Y"..@"P1Y"]',
        '[@"02:00:00"..@"01:00:00"]',
        "[null..null]",
        '[@"P1D"..@"P1Y"]',
        "[1..3] x",
        '[date("2020-13-01")..date("2021-01-01")]',
    ],
)
def test_range_invalid(text):
    assert call("range", text) is None


def test_range_arguments():
    assert BUILTINS["range"].call_named({"from": "[1..3]"}) == n_range(1, 3)
    assert BUILTINS["range"].call_named({"fron": "[1..3]"}) is None
    assert call("range", "[1..3]", "foo") is None
    assert call("range") is None
    assert call("range", n_range(1, 3)) is None
    assert call("range", None) is None


def test_range_string_escapes():
    assert call("range", '["a\\"b".."c\\u0041"]') == Range('a"b', "cA", True, True)
