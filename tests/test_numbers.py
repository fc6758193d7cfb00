"""FEEL numbers have decimal128's range and no infinities or NaN.

DMN 1.5, 10.3.2.3.1: "FEEL Numbers are based on IEEE 754-2008 Decimal128 format, with 34 decimal digits of
precision and rounding toward the nearest neighbor with ties favoring the even neighbor." Decimal128's largest
finite number is 9.999999999999999999999999999999999E+6144; FEEL's number domain has no infinity and no NaN, so a
result past that range is no FEEL number: it is null (10.3.2.4: an operation whose result is not defined is null),
and the evaluation says why in a warning.
"""

from __future__ import annotations

import time
from decimal import Decimal as D

import pytest

from service.dmn import load
from service.dmn.evalstate import evaluation
from service.dmn.feel import compile_expression
from service.dmn.feel.numbers import OUT_OF_RANGE, checked, in_range

MAX = D("9.999999999999999999999999999999999E+6144")
HUGE = D("1E+999999")  # the monthlyContributions: [1e999999]


def run(text: str, **variables):
    """The value and the warnings of ``text`` evaluated as in a model."""
    f = compile_expression(text, list(variables))
    with evaluation(False) as state:
        value = f(dict(variables))
    return value, [m.text for m in state.messages]


def test_the_range_is_decimal128s():
    assert in_range(MAX) and in_range(MAX.copy_negate()) and in_range(D("1E-6176")) and in_range(D(0))
    assert not in_range(D("1E+6145")) and not in_range(HUGE)
    assert not in_range(D("Infinity")) and not in_range(D("-Infinity")) and not in_range(D("NaN"))
    assert checked(MAX) == MAX


@pytest.mark.parametrize("text, variables", [
    ("mean(x)", {"x": [HUGE]}),
    ("sum(x)", {"x": [HUGE]}),
    ("sum(x)", {"x": [MAX, MAX]}),
    ("product(x)", {"x": [MAX, D(10)]}),
    ("max(x)", {"x": [HUGE, D(1)]}),
    ("min(x)", {"x": [-HUGE, D(1)]}),
    ("median(x)", {"x": [HUGE]}),
    ("stddev(x)", {"x": [MAX, -MAX]}),
    ("x + y", {"x": MAX, "y": MAX}),
    ("x * y", {"x": MAX, "y": D(10)}),
    ("x / y", {"x": MAX, "y": D("0.1")}),
    ("x - y", {"x": -MAX, "y": MAX}),
    ("x ** 2", {"x": D("1E+5000")}),
    ("-x", {"x": HUGE}),
    ("abs(x)", {"x": -HUGE}),
    ("floor(x)", {"x": HUGE}),
    ("decimal(x, 2)", {"x": HUGE}),
    ("exp(x)", {"x": D(100000)}),
    ('number("1E+6145")', {}),
])
def test_a_result_past_the_range_is_null_with_a_warning(text, variables):
    value, warnings = run(text, **variables)
    assert value is None, f"{text} gave {value!r}"
    assert warnings == [OUT_OF_RANGE]


@pytest.mark.parametrize("text, variables, expected", [
    ("x + 0", {"x": MAX}, MAX),
    ("x - x", {"x": MAX}, D(0)),
    ("max(x)", {"x": [MAX, D(1)]}, MAX),
    ('number("9.999999999999999999999999999999999E+6144")', {}, MAX),
    ("x / 10", {"x": MAX}, D("9.999999999999999999999999999999999E+6143")),
])
def test_a_result_within_the_range_is_kept(text, variables, expected):
    value, warnings = run(text, **variables)
    assert value == expected and warnings == []


def test_a_warning_is_given_once():
    value, warnings = run("for i in 1..3 return x * x", x=MAX)
    assert value == [None, None, None]
    assert warnings == [OUT_OF_RANGE]


@pytest.mark.parametrize("text", [
    "even(x)", "odd(x)", "substring(\"abc\", x)", "count(for i in 1..x return i)", "date(x, 1, 1)",
    "sublist([1, 2], 1, x)", "decimal(1, x)",
])
def test_a_number_past_the_range_is_no_integer(text):
    # converting 1E+999999 to a Python integer would take minutes: it is refused at once
    started = time.monotonic()
    value, _ = run(text, x=HUGE)
    assert value is None
    assert time.monotonic() - started < 1


@pytest.mark.parametrize("text", ["x + y", "x * y", "x - y", "x / y", "sum([x, y])", "mean([x, y])",
                                  "product([x, y])", "x ** y", "-x", "abs(x)", "sqrt(x)"])
@pytest.mark.parametrize("x, y", [(MAX, MAX), (HUGE, D(1)), (-MAX, MAX), (D("1E+3000"), D(3000))])
def test_no_infinity_or_nan_comes_out(text, x, y):
    value, _ = run(text, x=x, y=y)
    assert value is None or (value.__class__ is D and in_range(value)), f"{text} gave {value!r}"


def test_an_overflowing_mean_is_not_read_as_the_top_band(tmp_path):
    # the case: mean([1e999999]) was Infinity, which the table read as its highest band
    path = tmp_path / "band.dmn"
    path.write_text("""<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="d" name="Band"
        namespace="http://band">
      <inputData id="c" name="contributions"><variable name="contributions"/></inputData>
      <decision id="band" name="band"><variable name="band" typeRef="string"/>
        <informationRequirement><requiredInput href="#c"/></informationRequirement>
        <decisionTable id="t" hitPolicy="UNIQUE">
          <input id="i"><inputExpression typeRef="number"><text>mean(contributions)</text></inputExpression></input>
          <output id="o" name="band" typeRef="string"/>
          <rule id="r1"><inputEntry><text>&lt; 1000</text></inputEntry>
            <outputEntry><text>"low"</text></outputEntry></rule>
          <rule id="r2"><inputEntry><text>&gt;= 1000</text></inputEntry>
            <outputEntry><text>"top"</text></outputEntry></rule>
        </decisionTable>
      </decision>
    </definitions>""", encoding="utf-8")
    model = load(path).by_file("band.dmn")
    assert model.evaluate("band", {"contributions": [D(900), D(1100)]}).value == "top"
    result = model.evaluate("band", {"contributions": [HUGE]})
    assert result.value is None
    assert OUT_OF_RANGE in [m.text for m in result.messages]


def test_a_power_of_a_number_of_many_digits_answers_at_once():
    # a FEEL number holds 34 digits; a value of a million digits is rounded to them before the power (computed on
    # all its digits, y ** 0.5 took minutes). sqrt(1/3) = 0.57735026918962576450914878050195745564...
    y = D("0." + "3" * 1_000_000)
    started = time.monotonic()
    value, _ = run("y ** 0.5", y=y)
    assert time.monotonic() - started < 2
    assert abs(value - D("0.5773502691896257645091487805019575")) <= D("1E-33")
    assert run("y ** y", y=HUGE) == (None, [OUT_OF_RANGE])
