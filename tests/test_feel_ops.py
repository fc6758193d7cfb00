"""FEEL operators: DMN 1.5 10.3.2 semantics, checked against values taken from the spec and the TCK.

``test_tck_0100_arithmetic`` runs every case of the TCK's 0100-arithmetic folder (binary operations
on literals): the operands are read by a small literal reader below (no FEEL parser needed) and the
result compared with the test file's expected value.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal as D
from pathlib import Path

import pytest

from service.dmn.feel import ops
from service.dmn.feel.temporal import parse_date, parse_date_time, parse_duration, parse_time
from service.dmn.feel.text import to_feel_text
from service.dmn.feel.values import DayTimeDuration, FeelFunction, Range, YearMonthDuration

TCK = Path("/work/shared/dmn-tck/compliance-level-3")
TC_NS = "{http://www.omg.org/spec/DMN/20160719/testcase}"
XSI = "{http://www.w3.org/2001/XMLSchema-instance}"


class Identity(FeelFunction):
    name = "identity"
    params = ("a",)

    def call(self, args):
        return args[0]


UNREPRESENTABLE = object()  # a literal Python's datetime cannot hold (negative years)


def at_literal(text: str):
    """The value of ``@"text"``, or UNREPRESENTABLE."""
    if re.fullmatch(r"-?P.*", text):
        value = parse_duration(text)
    elif "T" in text:
        value = parse_date_time(text)
    elif re.fullmatch(r"-?\d+-\d\d-\d\d", text):
        value = parse_date(text)
    else:
        value = parse_time(text)
    return UNREPRESENTABLE if value is None else value


def literal(text: str):
    """An operand as written in the TCK arithmetic cases."""
    text = text.strip()
    if text == "null":
        return None
    if text in ("true", "false"):
        return text == "true"
    if text.startswith('@"'):
        return at_literal(text[2:-1])
    if text.startswith('"'):
        return text[1:-1]
    if re.fullmatch(r"-?\d+(\.\d+)?", text):
        return D(text)
    if m := re.fullmatch(r"\[(-?\d+)\.\.(-?\d+)\]", text):
        return Range(D(m[1]), D(m[2]), True, True)
    if m := re.fullmatch(r"\[(.*)\]", text):
        return [literal(m[1])]
    if m := re.fullmatch(r"\{(\w+): (.*)\}", text):
        return {m[1]: literal(m[2])}
    if text == "(function(a) a)":
        return Identity()
    raise ValueError(f"unsupported literal {text!r}")


OPS = {"+": ops.add, "-": ops.sub, "*": ops.mul, "/": ops.div, "**": ops.pow}


def expected_value(value_el):
    if value_el.get(XSI + "nil") == "true":
        return None
    kind = value_el.get(XSI + "type")
    text = value_el.text
    if kind == "xsd:decimal":
        return D(text)
    if kind == "xsd:string":
        return text
    if kind == "xsd:boolean":
        return text == "true"
    parsed = {
        "xsd:date": parse_date,
        "xsd:dateTime": parse_date_time,
        "xsd:time": parse_time,
        "xsd:duration": parse_duration,
    }[kind](text)
    return UNREPRESENTABLE if parsed is None else parsed


def same(actual, expected) -> bool:
    """Equal values of the same FEEL type; temporal values also with the same offset."""
    if expected is None or actual is None:
        return actual is expected
    if type(actual) is not type(expected):
        return False
    if isinstance(expected, D):
        places = max(0, -expected.as_tuple().exponent)
        if places >= 10:  # the TCK writes irrational results cut at some digit
            return abs(actual - expected) < D(1).scaleb(-places)
        return actual == expected
    if isinstance(expected, (dt.datetime, dt.time)):
        return actual == expected and actual.utcoffset() == expected.utcoffset()
    return actual == expected


def tck_cases(folder: str):
    if not (TCK / folder).is_dir():
        return []
    from lxml import etree

    dmn = next((TCK / folder).glob("*.dmn")).read_text()
    texts = dict(re.findall(r'<decision name="([^"]+)".*?<text>(.*?)</text>', dmn, re.S))
    cases = []
    for test_file in sorted((TCK / folder).glob("*-test-*.xml")):
        for node in etree.parse(str(test_file)).getroot().iter(TC_NS + "resultNode"):
            value_el = node.find(f"{TC_NS}expected/{TC_NS}value")
            name = node.get("name")
            cases.append(pytest.param(texts[name], value_el, id=name))
    return cases


def evaluate_operation(text: str):
    """``A op B op C...`` (left-associative, as every case there is) on literal operands."""
    m = re.fullmatch(r"(.*) (\*\*|\*|/|\+|-) (.*)", text)
    if not m:
        return literal(text)
    a, b = evaluate_operation(m[1]), literal(m[3])
    if a is UNREPRESENTABLE or b is UNREPRESENTABLE:
        pytest.skip("year outside 1..9999 (Python datetime)")
    return OPS[m[2]](a, b)


def evaluate_binary(text: str):
    """``A op B`` or ``string(A op B)`` on literal operands."""
    if text.startswith("string("):
        result = evaluate_operation(text[len("string(") : -1])
        return None if result is None else to_feel_text(result)
    return evaluate_operation(text)


@pytest.mark.skipif(not TCK.is_dir(), reason="DMN TCK not available")
@pytest.mark.parametrize(("text", "value_el"), tck_cases("0100-arithmetic"))
def test_tck_0100_arithmetic(text, value_el):
    expected = expected_value(value_el)
    if expected is UNREPRESENTABLE:
        pytest.skip("year outside 1..9999 (Python datetime)")
    actual = evaluate_binary(text)
    assert same(actual, expected), f"{text}: got {actual!r}, expected {expected!r}"


# --------------------------------------------------------------------------- numbers and strings


@pytest.mark.parametrize(
    ("op", "a", "b", "expected"),
    [
        (ops.add, D("1.2345"), D("2.234"), D("3.4685")),
        (ops.add, D("0.1"), D("0.2"), D("0.3")),
        (ops.sub, D("1.1234"), D("-0.2345"), D("1.3579")),
        (ops.mul, D("-10"), D("-10"), D("100")),
        (ops.div, D("100"), D("10"), D("10")),
        (ops.div, D("1"), D("3"), D("0.3333333333333333333333333333333333")),  # 34 digits
        (ops.div, D("2"), D("3"), D("0.6666666666666666666666666666666667")),  # half even
        (ops.div, D("10"), D("0"), None),
        (ops.div, D("0"), D("0"), None),
        (ops.add, "foo", "bar", "foobar"),
        (ops.add, "1", D("1"), None),
        (ops.add, True, True, None),
        (ops.sub, "a", "b", None),
        (ops.mul, "a", D(2), None),
        (ops.add, [D(1)], [D(2)], None),
        (ops.add, D(1), None, None),
        (ops.sub, None, None, None),
    ],
)
def test_number_and_string_arithmetic(op, a, b, expected):
    assert same(op(a, b), expected)


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (D(5), D(2), D(25)),
        (D(5), D(-2), D("0.04")),
        (D(3), D(20), D(3486784401)),  # 3 ** 4 ** 5 = (3 ** 4) ** 5 (TCK 0075)
        (D(-3), D(2), D(9)),  # -3 ** 2 = (-3) ** 2 (TCK 0075)
        (D("5.5"), D(2), D("30.25")),
        (D(2), D("0.5"), D("1.414213562373095048801688724209698")),  # sqrt 2, 34 digits
        (D(0), D(-1), None),
        (D(-8), D("0.5"), None),
        (D(10), D(100000), None),  # beyond decimal128
        ("foo", D(4), None),
        (True, D(4), None),
        (dt.date(2018, 12, 10), D(4), None),
        (YearMonthDuration(24), D(4), None),
        (DayTimeDuration(D(172800)), D(4), None),
        ({"a": D(2)}, D(4), None),
        ([D(2)], D(4), None),
        (None, D(4), None),
    ],
)
def test_pow(a, b, expected):
    assert same(ops.pow(a, b), expected)


def test_pow_irrational_exponent_matches_tck_digits():
    # TCK 0100: 5 ** 2.55 = 60.58617166606...
    assert str(ops.pow(D(5), D("2.55"))).startswith("60.58617166606")


@pytest.mark.parametrize(
    ("a", "expected"),
    [
        (D(10), D(-10)),
        (D(-10), D(10)),
        (DayTimeDuration(D(86400)), DayTimeDuration(D(-86400))),
        (DayTimeDuration(D(-86400)), DayTimeDuration(D(86400))),
        (YearMonthDuration(12), YearMonthDuration(-12)),
        (YearMonthDuration(-12), YearMonthDuration(12)),
        (dt.date(2021, 1, 1), None),
        (dt.datetime(2021, 1, 1, 10, 10, 10), None),
        (dt.time(10, 10, 10), None),
        ({"a": D(1)}, None),
        ("10", None),
        ([D(10)], None),
        (Range(D(1), D(5), True, True), None),
        (True, None),
        (None, None),
    ],
)
def test_neg_tck_0099(a, expected):
    assert same(ops.neg(a), expected)


# --------------------------------------------------------------------------- equality

PARIS = parse_time("10:00:00@Europe/Paris")


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (None, None, True),
        (D(1), None, False),
        (None, "a", False),
        (D("1.0"), D("1"), True),
        (D("1.10"), D("1.1"), True),
        (D(1), D(2), False),
        (D(1), "1", None),
        (True, True, True),
        (True, False, False),
        (True, D(1), None),
        ("a", "a", True),
        ("a", "A", False),
        (dt.date(2021, 1, 1), dt.date(2021, 1, 1), True),
        (dt.date(2021, 1, 1), dt.datetime(2021, 1, 1), None),
        (dt.datetime(2021, 1, 1), dt.date(2021, 1, 1), None),
        (parse_date_time("2018-12-08T10:30:00+01:00"), parse_date_time("2018-12-08T09:30:00Z"), True),
        (parse_date_time("2018-12-08T10:30:00@Europe/Paris"), parse_date_time("2018-12-08T09:30:00Z"), True),
        (parse_date_time("2018-12-08T10:30:00"), parse_date_time("2018-12-08T10:30:00Z"), False),
        (parse_time("10:30:00+01:00"), parse_time("09:30:00Z"), True),
        (parse_time("10:30:00"), parse_time("10:30:00"), True),
        (parse_time("10:30:00"), parse_time("10:30:00Z"), False),
        (DayTimeDuration(D(86400)), parse_duration("PT24H"), True),
        (YearMonthDuration(12), parse_duration("P1Y"), True),
        (YearMonthDuration(0), DayTimeDuration(D(0)), None),
        ([D(1), D(2)], [D("1.0"), D(2)], True),
        ([D(1), D(2)], [D(2), D(1)], False),
        ([D(1)], [D(1), D(2)], False),
        # an item pair of different types makes the lists unequal (jDMN and Drools: false, not null)
        ([D(1), "a"], [D(1), D(1)], False),
        ([], [], True),
        ({"a": D(1), "b": "x"}, {"b": "x", "a": D(1)}, True),
        ({"a": D(1)}, {"a": D(2)}, False),
        ({"a": D(1)}, {"b": D(1)}, False),
        (Range(D(1), D(10), True, True), Range(D(1), D(10), True, True), True),
        (Range(D(1), D(10), True, True), Range(D(1), D(10), True, False), False),
        (Range(None, D(10), False, False), Range(None, D(10), False, False), True),
        ([D(1)], D(1), None),
    ],
)
def test_eq_and_ne(a, b, expected):
    assert ops.eq(a, b) is expected
    assert ops.ne(a, b) is (None if expected is None else not expected)


def test_eq_function_is_identity():
    f = Identity()
    assert ops.eq(f, f) is True
    assert ops.eq(f, Identity()) is False


# --------------------------------------------------------------------------- ordering


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (D(1), D(2), -1),
        (D("2.0"), D(2), 0),
        (D(-1), D(-2), 1),
        ("a", "b", -1),
        ("B", "a", -1),  # code point order
        ("é", "z", 1),
        ("abc", "ab", 1),
        (dt.date(2021, 1, 1), dt.date(2020, 12, 31), 1),
        (parse_date_time("2021-01-01T10:00:00+02:00"), parse_date_time("2021-01-01T09:00:00Z"), -1),
        (parse_date_time("2021-01-01T10:00:00"), parse_date_time("2021-01-01T09:00:00"), 1),
        (parse_time("10:00:00+02:00"), parse_time("09:00:00Z"), -1),
        (parse_time("10:00:00"), parse_time("10:00:00"), 0),
        (parse_duration("P1D"), parse_duration("PT25H"), -1),
        (parse_duration("P1Y"), parse_duration("P11M"), 1),
        # no order between different types
        (parse_date_time("2021-01-01T10:00:00"), parse_date_time("2021-01-01T09:00:00Z"), None),
        (dt.date(2021, 1, 1), dt.datetime(2021, 1, 1), None),
        (parse_time("10:00:00"), parse_time("10:00:00Z"), None),
        (parse_duration("P1D"), parse_duration("P1M"), None),
        (D(1), "1", None),
        (True, False, None),
        ([D(1)], [D(2)], None),
        (None, D(1), None),
        (None, None, None),
    ],
)
def test_compare_and_ordering_operators(a, b, expected):
    assert ops.compare(a, b) == expected if expected is not None else ops.compare(a, b) is None
    if expected is None:
        assert ops.lt(a, b) is None and ops.le(a, b) is None
        assert ops.gt(a, b) is None and ops.ge(a, b) is None
    else:
        assert ops.lt(a, b) is (expected < 0)
        assert ops.le(a, b) is (expected <= 0)
        assert ops.gt(a, b) is (expected > 0)
        assert ops.ge(a, b) is (expected >= 0)


# --------------------------------------------------------------------------- properties


@pytest.mark.parametrize(
    ("value", "name", "expected"),
    [
        ({"a": D(1)}, "a", D(1)),
        ({"a": D(1)}, "b", None),
        (dt.date(2015, 12, 24), "day", D(24)),  # TCK 0007 cDay
        (dt.date(2015, 12, 24), "year", D(2015)),
        (parse_date_time("2015-12-24T00:00:01-01:00"), "second", D(1)),  # TCK 0007 cSecond
        (parse_date_time("2015-12-24T00:00:01-01:00"), "time offset", DayTimeDuration(D(-3600))),
        (YearMonthDuration(12), "years", D(1)),  # TCK 0007 years
        (parse_duration("P13DT2H14S"), "seconds", D(14)),  # TCK 0007 seconds
        (Range(D(1), D(10), True, False), "end included", False),
        (D(1), "year", None),
        (None, "year", None),
    ],
)
def test_get_property(value, name, expected):
    assert same(ops.get_property(value, name), expected)


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        # a time with an IANA zone compares by its offset on the reference date (1970-01-01: Paris +01:00)
        (parse_time("10:00:00@Europe/Paris"), parse_time("09:00:00Z"), True),
        (parse_time("10:00:00@Europe/Paris"), parse_time("10:00:00+01:00"), True),
        (parse_time("10:00:00@Europe/Paris"), parse_time("10:00:00@Europe/Paris"), True),
        # date and times with zones compare as instants, summer and winter offsets included
        (parse_date_time("2021-07-01T12:00:00@Europe/Paris"), parse_date_time("2021-07-01T10:00:00Z"), True),
        (parse_date_time("2021-01-01T12:00:00@Europe/Paris"), parse_date_time("2021-01-01T11:00:00Z"), True),
        (parse_date_time("2021-07-01T12:00:00@Europe/Paris"), parse_date_time("2021-07-01T11:00:00Z"), False),
    ],
)
def test_eq_with_zones(a, b, expected):
    assert ops.eq(a, b) is expected


def test_ordering_of_zoned_date_and_times_uses_instants():
    paris_noon = parse_date_time("2021-07-01T12:00:00@Europe/Paris")  # 10:00Z
    assert ops.lt(paris_noon, parse_date_time("2021-07-01T10:30:00Z")) is True
    assert ops.gt(paris_noon, parse_date_time("2021-07-01T11:30:00+02:00")) is True
