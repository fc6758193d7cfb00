"""``is()`` (TCK 0103-feel-is-function) and the BUILTINS registry."""

from decimal import Decimal as D

import pytest

from service.dmn.feel import temporal
from service.dmn.feel.builtins import BUILTINS, Builtin


def at(text: str):
    """The value of FEEL's ``@"..."`` literal."""
    if text.startswith(("P", "-P")):
        return temporal.parse_duration(text)
    if "T" in text:
        return temporal.parse_date_time(text)
    if ":" in text:
        return temporal.parse_time(text)
    return temporal.parse_date(text)


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (D(1), D(1), True),
        (D(1), D(2), False),
        (True, True, True),
        (True, False, False),
        ("foo", "foo", True),
        ("foo", "bar", False),
    ],
)
def test_is_plain_values(a, b, expected):
    assert BUILTINS["is"].call([a, b]) is expected


TEMPORAL_CASES = """
2012-12-25 | 2012-12-25 | true
2011-12-25 | 2012-12-25 | false
2012-12-25 | 2012-11-25 | false
2012-12-25 | 2012-12-26 | false
2012-12-25 | 2012-12-25T00:00:00Z | false
23:00:50 | 23:00:50 | true
23:00:50+11:00 | 23:00:50+11:00 | true
23:00:50@Australia/Melbourne | 23:00:50@Australia/Melbourne | true
23:00:50Z | 23:00:50+00:00 | true
23:00:50 | 23:00:50Z | false
23:00:50@Australia/Melbourne | 23:00:50+10:00 | false
23:00:50@Etc/GMT | 23:00:50Z | false
22:00:50 | 23:00:50 | false
23:01:50 | 23:00:50 | false
23:00:51 | 23:00:50 | false
23:00:50+10:00 | 23:00:50+11:00 | false
23:00:50@Australia/Melbourne | 23:00:50@Australia/Sydney | false
20:00:50+00:00 | 21:00:50+01:00 | false
2012-12-25T10:10:10 | 2012-12-25T10:10:10 | true
2012-12-25T10:10:10+11:00 | 2012-12-25T10:10:10+11:00 | true
2012-12-25T10:10:10@Australia/Melbourne | 2012-12-25T10:10:10@Australia/Melbourne | true
2002-04-02T12:00:00-01:00 | 2002-04-02T17:00:00+04:00 | false
2002-04-02T12:00:00-05:00 | 2002-04-02T23:00:00+06:00 | false
2002-04-02T23:00:00-04:00 | 2002-04-03T02:00:00-01:00 | false
2002-04-02T23:00:00 | 2001-04-02T23:00:00 | false
2002-04-02T23:00:00 | 2002-05-02T23:00:00 | false
2002-04-02T23:00:00 | 2002-04-03T23:00:00 | false
2002-04-02T23:00:00 | 2002-04-02T22:00:00 | false
2002-04-02T23:00:00 | 2002-04-02T23:01:00 | false
2002-04-02T23:00:00 | 2002-04-02T23:00:01 | false
2002-04-02T23:00:00+10:00 | 2002-04-02T23:00:00+11:00 | false
2002-04-02T23:00:00@Australia/Melbourne | 2002-04-02T23:00:00@Australia/Sydney | false
2021-04-02T23:00:00@Australia/Melbourne | 2021-04-02T23:00:00+11:00 | false
2021-10-02T23:00:00@Australia/Melbourne | 2021-10-02T23:00:00+10:00 | false
P1D | P1D | true
P1D | PT24H | true
P1Y | P1Y | true
P1Y | P12M | true
P0Y | P0D | false
"""


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [[part.strip() for part in line.split("|")] for line in TEMPORAL_CASES.strip().splitlines()],
)
def test_is_temporal_values(a, b, expected):
    assert BUILTINS["is"].call([at(a), at(b)]) is (expected == "true")


def test_is_named():
    day = at("2021-02-13")
    assert BUILTINS["is"].call_named({"value1": day, "value2": day}) is True
    assert BUILTINS["is"].call_named({"value1": day}) is False
    assert BUILTINS["is"].call_named({"value2": day}) is False
    assert BUILTINS["is"].call_named({"value1": day, "value2": day, "value3": at("2020-01-01")}) is None
    assert BUILTINS["is"].call([day]) is None
    assert BUILTINS["is"].call([]) is None


# The DMN 1.5 built-in library (10.3.4), temporal functions included
SPEC_NAMES = """
date|date and time|time|number|string|duration|years and months duration|not|substring|string length|upper case
lower case|substring before|substring after|replace|contains|starts with|ends with|matches|split|string join
list contains|count|min|max|sum|mean|all|any|sublist|append|concatenate|insert before|remove|reverse|index of
union|distinct values|flatten|product|median|stddev|mode|decimal|floor|ceiling|abs|modulo|sqrt|log|exp|odd|even
round up|round down|round half up|round half down|before|after|meets|met by|overlaps|overlaps before
overlaps after|finishes|finished by|includes|during|starts|started by|coincides|day of year|day of week
month of year|week of year|sort|get value|get entries|context|context put|context merge|is|range|list replace
now|today
"""


def test_registry_has_the_whole_library():
    names = {name for line in SPEC_NAMES.strip().splitlines() for name in line.split("|")}
    missing = names - set(BUILTINS)
    assert not missing
    assert all(isinstance(function, Builtin) and BUILTINS[name] is function for name, function in BUILTINS.items())
    assert all(function.name == name for name, function in BUILTINS.items())


@pytest.mark.parametrize(
    ("name", "params"),
    [
        ("substring", ("string", "start position", "length")),
        ("string join", ("list", "delimiter")),
        ("round half up", ("n", "scale")),
        ("sqrt", ("number",)),
        ("abs", ("n",)),
        ("insert before", ("list", "position", "newItem")),
        ("list replace", ("list", "position", "newItem")),
        ("context put", ("context", "key", "value")),
        ("get value", ("m", "key")),
        ("is", ("value1", "value2")),
        ("number", ("from", "grouping separator", "decimal separator")),
    ],
)
def test_parameter_names_follow_the_spec(name, params):
    assert params in BUILTINS[name].signatures
