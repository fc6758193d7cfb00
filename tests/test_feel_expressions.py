"""FEEL expression semantics (DMN 1.5 chapter 10.3.2 and the built-in library of 10.3.4).

Each expected value is worked out from the specification's rules and examples: null propagation,
three-valued logic, iteration, filters, paths, types, functions, temporal arithmetic and decimal
arithmetic with 34 significant digits.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from service.dmn.feel import evaluate
from service.dmn.feel.values import DayTimeDuration, FeelFunction, Range, YearMonthDuration

DAY = 86400


def days(n) -> DayTimeDuration:
    return DayTimeDuration(D(n) * DAY)


def check(text: str, expected, variables=None):
    """Evaluate and compare with the expected FEEL value, booleans and null by identity."""
    got = evaluate(text, variables or {})
    if expected is None or isinstance(expected, bool):
        assert got is expected, f"{text} gave {got!r}"
    else:
        assert got == expected, f"{text} gave {got!r}"
        assert type(got) is type(expected), f"{text} gave {got!r}"


# --- arithmetic and null propagation (10.3.2.4: null if either operand is null or types differ) ------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("1 + 2", D(3)),
        ("7 - 10", D(-3)),
        ("2.5 * 4", D(10)),
        ("7 / 2", D("3.5")),
        ("2 ** 10", D(1024)),
        ("-(3)", D(-3)),
        ("1 + null", None),
        ("null + 1", None),
        ("null * 2", None),
        ("2 / null", None),
        ("null ** 2", None),
        ("-null", None),
        ("1 / 0", None),  # division by zero is null
        ('1 + "a"', None),  # number and string: no addition
        ('"a" + "b"', "ab"),  # strings concatenate with +
        ('"a" + null', None),
        ("true + 1", None),
        ('"a" * 2', None),
    ],
)
def test_arithmetic(text, expected):
    check(text, expected)


def test_arithmetic_on_variables():
    check("(a + b) * c", D(20), {"a": D(1), "b": D(3), "c": D(5)})
    check("(a + b) * c", None, {"a": D(1), "b": None, "c": D(5)})


# --- three-valued logic (10.3.2.5, Table 52: conjunction and disjunction) ---------------------------


@pytest.mark.parametrize(
    "a, b, conj, disj",
    [
        ("true", "true", True, True),
        ("true", "false", False, True),
        ("false", "true", False, True),
        ("false", "false", False, False),
        ("true", "null", None, True),
        ("null", "true", None, True),
        ("false", "null", False, None),
        ("null", "false", False, None),
        ("null", "null", None, None),
        ('"x"', "true", None, True),  # a non-boolean operand counts as null
        ("false", '"x"', False, None),
        ("true", "1", None, True),
    ],
)
def test_and_or_truth_table(a, b, conj, disj):
    check(f"{a} and {b}", conj)
    check(f"{a} or {b}", disj)


def test_and_or_are_commutative_with_null():
    # false wins in "and", true wins in "or", whichever side holds it
    check("null and false", False)
    check("null or true", True)


def test_not_function():
    check("not(true)", False)
    check("not(false)", True)
    check("not(null)", None)
    check('not("x")', None)


# --- comparisons (10.3.2.2-3: different types give null) -------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("1 < 2", True),
        ("2 <= 2", True),
        ("3 > 4", False),
        ("1 = 1.0", True),
        ("1 != 2", True),
        ('"a" = "a"', True),
        ('1 < "2"', None),
        ('1 = "1"', None),
        ('1 != "1"', None),
        ("true > false", None),  # booleans are not ordered
        ('date("2026-01-01") < 5', None),
        ("null < 1", None),
        ("null = null", True),  # null is equal to null
        ("null = 1", False),
        ("1 != null", True),
        ("[1, 2] = [1, 2]", True),
        ("[1, 2] = [2, 1]", False),
        ("{a: 1, b: 2} = {b: 2, a: 1}", True),  # context equality ignores entry order
        ("{a: 1} = {a: 2}", False),
        ('date("2026-03-01") > date("2026-02-28")', True),
        ('time("10:00:00") < time("09:00:00")', False),
        ('duration("P1D") = duration("PT24H")', True),
        ('duration("P1Y") = duration("P12M")', True),
        ('duration("P1D") > duration("PT23H")', True),
        ('duration("P1Y") < duration("P1D")', None),  # the two duration kinds do not compare
    ],
)
def test_comparisons(text, expected):
    check(text, expected)


@pytest.mark.parametrize(
    "text, expected",
    [
        ('"a" < "b"', True),
        ('"Z" < "a"', True),  # code point 90 < 97
        ('"abc" < "abd"', True),
        ('"ab" < "abc"', True),  # a prefix is smaller
        ('"\\u00e9" > "z"', True),  # 233 > 122
        ('"\U0001f600" > "\\uFFFD"', True),  # by code point; UTF-16 units would order them the other way
        ('"a" = "A"', False),
    ],
)
def test_string_comparison_by_code_point(text, expected):
    check(text, expected)


# --- if / then / else (10.3.2.14: a condition that is not true takes the else branch) --------------


@pytest.mark.parametrize(
    "condition, expected",
    [("true", D(1)), ("false", D(2)), ("null", D(2)), ('"yes"', D(2)), ("1", D(2)), ("[true]", D(2))],
)
def test_if_then_else(condition, expected):
    check(f"if {condition} then 1 else 2", expected)


def test_if_evaluates_only_the_branch_taken():
    # the other branch would divide by zero (null), but it is not the one returned
    check("if x > 0 then 10 / x else 0", D(5), {"x": D(2)})
    check("if x > 0 then 10 / x else 0", D(0), {"x": D(0)})


# --- for (10.3.2.14: iteration contexts, ranges ascending and descending, partial) -----------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("for i in [1, 2, 3] return i * 2", [D(2), D(4), D(6)]),
        ("for i in 1..3 return i", [D(1), D(2), D(3)]),
        ("for i in 3..1 return i", [D(3), D(2), D(1)]),  # a descending range counts down
        ("for i in -1..1 return i", [D(-1), D(0), D(1)]),
        ("for i in 2..2 return i", [D(2)]),
        ("for x in [1, 2], y in [10, 20] return x + y", [D(11), D(21), D(12), D(22)]),
        ("for x in [1, 2], y in [x * 10] return y", [D(10), D(20)]),  # a later domain sees earlier names
        ("for i in [] return i", []),
        ("for i in 0..4 return if i = 0 then 1 else i * partial[-1]", [D(1), D(1), D(2), D(6), D(24)]),
        ("for i in 1..4 return if i = 1 then 1 else partial[-1] + i", [D(1), D(3), D(6), D(10)]),
        ("for i in 1..3 return count(partial)", [D(0), D(1), D(2)]),
    ],
)
def test_for(text, expected):
    check(text, expected)


def test_for_over_a_date_range():
    check(
        'for d in @"2026-02-27"..@"2026-03-01" return d',
        [dt.date(2026, 2, 27), dt.date(2026, 2, 28), dt.date(2026, 3, 1)],
    )


def test_nested_for():
    check("for i in [1, 2] return for j in [1, 2] return i * j", [[D(1), D(2)], [D(2), D(4)]])


# --- some / every (10.3.2.14) -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("some x in [1, 2, 3] satisfies x > 2", True),
        ("some x in [1, 2, 3] satisfies x > 3", False),
        ("every x in [1, 2, 3] satisfies x > 0", True),
        ("every x in [1, 2, 3] satisfies x > 1", False),
        ("some x in [] satisfies true", False),
        ("every x in [] satisfies false", True),
        ("some x in [1, 2], y in [2, 3] satisfies x * y = 6", True),
        ("every x in [1, 2], y in [3, 4] satisfies x < y", True),
        ("every x in [1, 2], y in [1, 3] satisfies x < y", False),
        ("some x in [2, null] satisfies x > 1", True),
        ("every x in [0, null] satisfies x > 1", False),
    ],
)
def test_quantified(text, expected):
    check(text, expected)


def test_every_with_a_non_boolean_satisfies_is_null():
    check('every x in [1, 2] satisfies if x = 1 then true else "not a boolean"', None)


# --- filters (10.3.2.5: boolean filter with item, numeric index from 1 or from the end) -------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("[1, 2, 3, 4][item > 2]", [D(3), D(4)]),
        ("[1, 2, 3, 4][item > 9]", []),
        ("[1, 2, 3][1]", D(1)),
        ("[1, 2, 3][3]", D(3)),
        ("[1, 2, 3][-1]", D(3)),
        ("[1, 2, 3][-3]", D(1)),
        ("[1, 2, 3][0]", None),
        ("[1, 2, 3][4]", None),
        ("[1, 2, 3][-4]", None),
        ("[1, null, 3][item > 1]", [D(3)]),  # a null comparison drops the item
        ("[1, 2, 3][true]", [D(1), D(2), D(3)]),
        ("[1, 2, 3][false]", []),
        ("[[1, 2], [3, 4]][2][1]", D(3)),
    ],
)
def test_list_filters(text, expected):
    check(text, expected)


def test_filter_on_contexts_by_entry_name_and_by_item():
    people = '[{name: "Ann", age: 30}, {name: "Bob", age: 17}, {name: "Cy", age: 45}]'
    check(f"{people}[age >= 18].name", ["Ann", "Cy"])
    check(f"{people}[item.age < 18].name", ["Bob"])
    check(f"{people}[age > 100]", [])


def test_filter_on_contexts_missing_the_entry():
    # a context without the entry gives null for it: the item is not kept
    check("[{a: 1}, {b: 2}, {a: 3}][a > 0]", [{"a": D(1)}, {"a": D(3)}])


def test_filter_of_a_single_value_treats_it_as_a_list():
    check("5[item > 3]", [D(5)])


def test_an_index_read_from_a_name_is_the_item_at_that_position():
    """10.3.2.5: a numeric filter is an index; a context item's entry of the same name is the name inside the
    filter, so the first item decides which index is meant."""
    check("for i in [2] return [{v: 'a'}, {v: 'b'}][i].v".replace("'", '"'), ["b"])
    check("for i in [1, 3] return [10, 20, 30][i - 1 + 1]", [D(10), D(30)])
    check("for i in [1] return [{i: 2, v: 'a'}, {i: 1, v: 'b'}][i].v".replace("'", '"'), ["b"])
    check("[{i: 2, v: 'a'}, {i: 1, v: 'b'}][i = 1].v".replace("'", '"'), ["b"])
    check("for k in [2] return [1, 2, 3][item > k]", [[D(3)]])


def test_filter_with_variables():
    check("xs[item > limit]", [D(7)], {"xs": [D(1), D(7)], "limit": D(5)})


# --- paths (10.3.2.6; temporal properties of Table 65) -----------------------------------------------


def test_path_on_a_context():
    check("{a: {b: 1}}.a.b", D(1))
    check("{a: 1}.b", None)  # a missing entry is null


def test_path_on_a_list_of_contexts():
    check("[{a: 1}, {a: 2}].a", [D(1), D(2)])
    check("[{a: {b: 1}}, {a: {b: 2}}].a.b", [D(1), D(2)])


def test_path_on_null_is_null():
    check("x.a", None, {"x": None})


@pytest.mark.parametrize(
    "text, expected",
    [
        ('date("2026-03-01").year', D(2026)),
        ('date("2026-03-01").month', D(3)),
        ('date("2026-03-01").day', D(1)),
        ('date("2026-03-01").weekday', D(7)),  # 1 March 2026 is a Sunday; ISO weekday 7
        ('date("2026-03-02").weekday', D(1)),  # Monday
        ('time("10:20:30").hour', D(10)),
        ('time("10:20:30").minute', D(20)),
        ('time("10:20:30").second', D(30)),
        ('date and time("2026-03-01T10:20:30").hour', D(10)),
        ('date and time("2026-03-01T10:20:30").weekday', D(7)),
        ('date and time("2026-03-01T10:00:00+02:00").time offset', DayTimeDuration(D(7200))),
        ('date and time("2026-03-01T10:00:00@Europe/Paris").timezone', "Europe/Paris"),
        ('duration("P1DT2H3M4S").days', D(1)),
        ('duration("P1DT2H3M4S").hours', D(2)),
        ('duration("P1DT2H3M4S").minutes', D(3)),
        ('duration("P1DT2H3M4S").seconds', D(4)),
        ('duration("P2Y3M").years', D(2)),
        ('duration("P2Y3M").months', D(3)),
        ("[1..10).start", D(1)),
        ("[1..10).end", D(10)),
        ("[1..10).start included", True),
        ("[1..10).end included", False),
    ],
)
def test_properties(text, expected):
    check(text, expected)


def test_property_of_a_variable():
    check("d.month + 1", D(4), {"d": dt.date(2026, 3, 1)})


# --- contexts (10.3.2.6: an entry may use the entries before it) -------------------------------------


def test_context_entries_reference_earlier_ones():
    check("{a: 1, b: a + 1, c: b * 10}", {"a": D(1), "b": D(2), "c": D(20)})
    check("{a: 1, b: a + 1, c: b * 10}.c", D(20))


def test_context_entry_shadows_an_outer_variable():
    check("{x: 2, y: x * 10}.y", D(20), {"x": D(5)})


def test_nested_context_sees_the_outer_entries():
    check("{rate: 2, inner: {v: rate * 3}}.inner.v", D(6))


# --- lists -------------------------------------------------------------------------------------------


def test_list_literals():
    check('[1, "a", null, true]', [D(1), "a", None, True])
    check("[[1], []]", [[D(1)], []])
    check("[1 + 1, 2 * 2]", [D(2), D(4)])


# --- between (10.3.2.3: a <= x and x <= b) -----------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("5 between 1 and 10", True),
        ("1 between 1 and 10", True),
        ("10 between 1 and 10", True),
        ("11 between 1 and 10", False),
        ('"b" between "a" and "c"', True),
        ('date("2026-03-01") between date("2026-01-01") and date("2026-12-31")', True),
        ("5 between null and 10", None),
        ('5 between "a" and 10', None),
    ],
)
def test_between(text, expected):
    check(text, expected)


# --- in (10.3.2.9.2: against a value, a list, a range or a list of tests) ----------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2 in [1, 2, 3]", True),
        ("4 in [1, 2, 3]", False),
        ("5 in [1..10]", True),
        ("10 in [1..10)", False),
        ("5 in (< 3, > 4)", True),
        ("4 in (< 3, > 4)", False),
        ("5 in < 10", True),
        ("5 in 5", True),
        ('"b" in ["a", "b"]', True),
        ('"b" in ("a", "c")', False),
        ("5 in ([1..3], [4..6])", True),
        ("x in (>= 18)", True),
    ],
)
def test_in(text, expected):
    check(text, expected, {"x": D(20)})


# --- instance of (10.3.2.9.1, type conformance of 10.3.2.9) -----------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("1 instance of number", True),
        ('"1" instance of number', False),
        ('"a" instance of string', True),
        ("true instance of boolean", True),
        ("null instance of number", False),
        ("null instance of Any", False),
        ("1 instance of Any", True),
        ('date("2026-03-01") instance of date', True),
        ('date and time("2026-03-01T00:00:00") instance of date and time', True),
        ('date and time("2026-03-01T00:00:00") instance of date', False),
        ('time("10:00:00") instance of time', True),
        ('duration("P1D") instance of days and time duration', True),
        ('duration("P1Y") instance of years and months duration', True),
        ('duration("P1Y") instance of days and time duration', False),
        ("[1, 2] instance of list<number>", True),
        ('[1, "a"] instance of list<number>', False),
        ("[] instance of list<number>", True),
        ("[[1]] instance of list<list<number>>", True),
        ("{a: 1} instance of context<a: number>", True),
        ('{a: "x"} instance of context<a: number>', False),
        ("{a: 1, b: 2} instance of context<a: number>", True),  # extra entries still conform
        ("{b: 2} instance of context<a: number>", False),
        ("{a: 1} instance of context<>", True),
        ("1 instance of context<>", False),
        ("[1..2] instance of range<number>", True),
        ("(function(x) x) instance of function<Any>->Any", True),
        ("(function(x: number) x) instance of function<number>->Any", True),
        ("1 instance of function<Any>->Any", False),
    ],
)
def test_instance_of(text, expected):
    check(text, expected)


# --- function definitions and invocation (10.3.2.13) -------------------------------------------------


def test_function_positional_and_named_invocation():
    check("(function(a, b) a - b)(5, 1)", D(4))
    check("(function(a, b) a - b)(b: 1, a: 5)", D(4))


def test_function_in_a_context():
    check("{double: function(x) x * 2, r: double(21)}.r", D(42))


def test_closure_captures_its_defining_scope():
    check("{make adder: function(n) function(x) x + n, add2: make adder(2), r: add2(40)}.r", D(42))


def test_closure_sees_the_value_at_definition():
    check("{n: 10, f: function(x) x + n, r: {n: 99, v: f(1)}.v}.r", D(11))


def test_recursive_function_in_a_context():
    check("{fact: function(n) if n <= 1 then 1 else n * fact(n - 1), r: fact(5)}.r", D(120))


def test_function_given_as_a_variable():
    check("f(2, 3)", D(5), {"f": evaluate("function(a, b) a + b")})


def test_function_value():
    assert isinstance(evaluate("function(x) x"), FeelFunction)


def test_wrong_argument_count_gives_null():
    check("(function(a, b) a + b)(1)", None)


def test_typed_parameter_rejects_another_type():
    check('(function(x: number) x + 1)("a")', None)


def test_function_as_an_argument():
    check("sort([3, 1, 2], function(x, y) x > y)", [D(3), D(2), D(1)])


def test_unknown_function_is_null():
    check("f(1)", None, {"f": None})


# --- @-literals (10.3.2.3.7 / 10.3.1.1 rule 65) -------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ('@"2026-03-01"', dt.date(2026, 3, 1)),
        ('@"10:20:30"', dt.time(10, 20, 30)),
        ('@"2026-03-01T10:20:30"', dt.datetime(2026, 3, 1, 10, 20, 30)),
        ('@"P1D"', days(1)),
        ('@"PT1H30M"', DayTimeDuration(D(5400))),
        ('@"P1Y2M"', YearMonthDuration(14)),
        ('@"-P2M"', YearMonthDuration(-2)),
    ],
)
def test_at_literals(text, expected):
    check(text, expected)


def test_at_literal_equals_the_constructor():
    check('@"2026-03-01T10:00:00+01:00" = date and time("2026-03-01T10:00:00+01:00")', True)


# --- date, time and duration arithmetic (10.3.2.3, Table 57) -----------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ('date("2026-03-01") - date("2026-02-01")', days(28)),
        ('date("2024-03-01") - date("2024-02-01")', days(29)),  # 2024 is a leap year
        ('date("2026-02-01") - date("2026-03-01")', days(-28)),
        ('date("2026-03-01") + duration("P1D")', dt.date(2026, 3, 2)),
        ('date("2026-03-01") - duration("P1D")', dt.date(2026, 2, 28)),
        ('duration("P1D") + date("2026-03-01")', dt.date(2026, 3, 2)),
        ('date("2026-01-31") + duration("P1M")', dt.date(2026, 2, 28)),  # day pinned to the month's end
        ('date("2024-02-29") + duration("P1Y")', dt.date(2025, 2, 28)),
        ('date("2026-03-01") - duration("P1Y2M")', dt.date(2025, 1, 1)),
        ('time("23:00:00") + duration("PT2H")', dt.time(1, 0, 0)),  # time wraps around midnight
        ('time("10:00:00") - time("08:30:00")', DayTimeDuration(D(5400))),
        ('date and time("2026-03-01T10:00:00") - date and time("2026-03-01T08:30:00")', DayTimeDuration(D(5400))),
        ('date and time("2026-03-01T23:00:00") + duration("PT2H")', dt.datetime(2026, 3, 2, 1, 0, 0)),
        ('duration("P1D") * 2', days(2)),
        ('2 * duration("P1D")', days(2)),
        ('duration("P1D") / 2', DayTimeDuration(D(43200))),
        ('duration("P1D") / duration("PT12H")', D(2)),
        ('duration("P1Y") / duration("P3M")', D(4)),
        ('duration("P1D") + duration("PT12H")', DayTimeDuration(D(129600))),
        ('duration("P1Y") + duration("P6M")', YearMonthDuration(18)),
        ('duration("P1Y") - duration("P18M")', YearMonthDuration(-6)),
        ('duration("P1Y") + duration("P1D")', None),  # the two kinds do not add
        ('date("2026-03-01") + date("2026-03-01")', None),
        ('date("2026-03-01") + 1', None),
        ('years and months duration(date("2020-03-01"), date("2026-02-28"))', YearMonthDuration(71)),
        ('date(date and time("2026-03-01T23:59:59"))', dt.date(2026, 3, 1)),
    ],
)
def test_temporal_arithmetic(text, expected):
    check(text, expected)


def test_date_minus_date_in_days():
    # the number of days between two dates, as a model would write it
    check('(date("2026-12-25") - date("2026-03-01")).days', D(299))


# --- decimal precision (10.3.2.3.1: IEEE 754 decimal128, 34 significant digits) ----------------------


def test_one_third_has_34_significant_digits():
    value = evaluate("1 / 3")
    assert value == D("0." + "3" * 34)
    assert len(value.as_tuple().digits) == 34


def test_two_thirds_rounds_half_even_at_the_34th_digit():
    assert evaluate("2 / 3") == D("0." + "6" * 33 + "7")


def test_decimal_sums_are_exact():
    check("0.1 + 0.2 = 0.3", True)
    check("0.1 + 0.2", D("0.3"))
    check("1.1 * 1.1", D("1.21"))
    check("0.3 - 0.1 = 0.2", True)


def test_large_integers_are_exact():
    check("123456789012345678901234567890 + 1", D("123456789012345678901234567891"))


def test_money_rounding():
    check("decimal(2.675, 2)", D("2.68"))  # exact 2.675, half even gives 2.68
    check("decimal(2.665, 2)", D("2.66"))


def test_integer_power_is_exact():
    check("1.1 ** 2", D("1.21"))
    check("2 ** -1", D("0.5"))


def test_rounding_at_34_digits_shows_in_later_operations():
    # 5 / 3 rounds to 1.666...667 (34 digits); times 3 is exactly 5.000...001
    check("5 / 3 * 3", D("5.000000000000000000000000000000001"))


@pytest.mark.parametrize(
    "text, expected",
    [
        ("sqrt(2)", D("1.414213562373095048801688724209698")),
        ("exp(1)", D("2.718281828459045235360287471352662")),
        ("log(10)", D("2.302585092994045684017991454684364")),
        ("2 ** 0.5", D("1.414213562373095048801688724209698")),
        ("2 ** 100", D(2**100)),
    ],
)
def test_irrational_results_have_34_digits(text, expected):
    check(text, expected)


def test_long_literals_round_to_34_digits():
    # both literals round to 1.000000000000000000000000000000000E+35
    check("100000000000000000000000000000000001 = 100000000000000000000000000000000000", True)


def test_long_literals_round_in_arithmetic():
    check("100000000000000000000000000000000001 + 0 = 100000000000000000000000000000000000 + 0", True)


# --- built-in functions: a sample of each family (10.3.4) -------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        # conversion
        ('number("1,000.5", ",", ".")', D("1000.5")),
        ("string(1.5)", "1.5"),
        ('date("2026-03-01")', dt.date(2026, 3, 1)),
        ("date(2026, 3, 1)", dt.date(2026, 3, 1)),
        ('time("10:20:30")', dt.time(10, 20, 30)),
        ('duration("P1DT2H")', DayTimeDuration(D(93600))),
        ('date("2026-02-30")', None),  # no such date
        # boolean
        ("not(false)", True),
        # string
        ('substring("foobar", 3)', "obar"),
        ('substring("foobar", -2, 1)', "a"),
        ('string length("foo")', D(3)),
        ('upper case("aBc4")', "ABC4"),
        ('lower case("aBc4")', "abc4"),
        ('substring before("foobar", "bar")', "foo"),
        ('substring after("foobar", "ob")', "ar"),
        ('replace("abcd", "(ab)|(a)", "[1=$1][2=$2]")', "[1=ab][2=]cd"),
        ('contains("foobar", "of")', False),
        ('starts with("foobar", "fo")', True),
        ('ends with("foobar", "r")', True),
        ('matches("foobar", "^fo*b")', True),
        ('split("John Doe", "\\s")', ["John", "Doe"]),
        ('string join(["a", "b", "c"], ", ")', "a, b, c"),
        # list
        ("list contains([1, 2, 3], 2)", True),
        ("list contains([1, null], null)", True),
        ("count([1, 2, 3])", D(3)),
        ("min([1, 2, 3])", D(1)),
        ("max(1, 2, 3)", D(3)),
        ("sum([1, 2, 3])", D(6)),
        ("mean([1, 2, 3])", D(2)),
        ("all([true, false])", False),
        ("any([false, true])", True),
        ("sublist([4, 5, 6], 1, 2)", [D(4), D(5)]),
        ("append([1], 2, 3)", [D(1), D(2), D(3)]),
        ("concatenate([1, 2], [3])", [D(1), D(2), D(3)]),
        ("insert before([1, 3], 1, 2)", [D(2), D(1), D(3)]),
        ("remove([1, 2, 3], 2)", [D(1), D(3)]),
        ("reverse([1, 2, 3])", [D(3), D(2), D(1)]),
        ("index of([1, 2, 3, 2], 2)", [D(2), D(4)]),
        ("union([1, 2], [2, 3])", [D(1), D(2), D(3)]),
        ("distinct values([1, 2, 3, 2, 1])", [D(1), D(2), D(3)]),
        ('flatten([["w", "x"], ["y", ["z"]]])', ["w", "x", "y", "z"]),
        ("product([2, 3, 4])", D(24)),
        ("median([8, 2, 5, 3, 4])", D(4)),
        ("median([6, 1, 2, 3])", D("2.5")),
        ("stddev([2, 4, 7, 5])", D("2.081665999466132735282297706979931")),
        ("mode([6, 3, 9, 6, 6])", [D(6)]),
        ("sort([3, 1, 4, 2])", [D(1), D(2), D(3), D(4)]),
        # numeric
        ("decimal(1/3, 2)", D("0.33")),
        ("decimal(1.5, 0)", D(2)),
        ("decimal(2.5, 0)", D(2)),  # half even
        ("floor(1.5)", D(1)),
        ("floor(-1.5)", D(-2)),
        ("ceiling(-1.5)", D(-1)),
        ("round up(5.5, 0)", D(6)),
        ("round down(-5.5, 0)", D(-5)),
        ("round half up(-5.5, 0)", D(-6)),
        ("round half down(5.5, 0)", D(5)),
        ("abs(-10)", D(10)),
        ("modulo(12, 5)", D(2)),
        ("modulo(-12, 5)", D(3)),  # sign of the divisor
        ("modulo(12, -5)", D(-3)),
        ("sqrt(16)", D(4)),
        ("odd(5)", True),
        ("even(5)", False),
        ("exp(0)", D(1)),
        ("log(1)", D(0)),
        ('number("1 000,5", " ", ",")', D("1000.5")),
        ('number("abc")', None),
        ("string(1.10)", "1.1"),
        ("string(0.000001)", "0.000001"),
        ("round half up(1.125, 2)", D("1.13")),
        ("round half down(1.125, 2)", D("1.12")),
        ("round up(-1.111, 2)", D("-1.12")),
        ("round down(1.119, 2)", D("1.11")),
        ("floor(1.567, 2)", D("1.56")),
        ("ceiling(1.561, 2)", D("1.57")),
        ("modulo(10.1, 4.5)", D("1.1")),
        ("modulo(-10.1, 4.5)", D("3.4")),
        ("modulo(10, 0)", None),
        ('abs(duration("-P1D"))', days(1)),
        # context
        ('get value({a: 1}, "a")', D(1)),
        ('get value({a: 1}, "b")', None),
        ("get entries({a: 1})", [{"key": "a", "value": D(1)}]),
        ('context put({a: 1}, "b", 2)', {"a": D(1), "b": D(2)}),
        ("context merge([{a: 1}, {b: 2}, {a: 3}])", {"a": D(3), "b": D(2)}),
        ('context([{key: "a", value: 1}])', {"a": D(1)}),
        # temporal
        ('day of week(date("2026-03-01"))', "Sunday"),
        ('day of year(date("2026-03-01"))', D(60)),
        ('week of year(date("2026-03-01"))', D(9)),
        ('month of year(date("2026-03-01"))', "March"),
        # range
        ("before(1, 10)", True),
        ("after([11..20], [1..10])", True),
        ("includes([1..10], 5)", True),
        ("overlaps([1..5], [3..8])", True),
        ("meets([1..5], [5..8])", True),
        ("coincides([1..5], [1..5])", True),
        ('range("[1..10)")', Range(D(1), D(10), True, False)),
        # miscellaneous
        ("is(1, 1)", True),
        ('is(date("2026-03-01"), date and time("2026-03-01T00:00:00"))', False),
    ],
)
def test_builtins(text, expected):
    check(text, expected)


def test_builtins_with_invalid_arguments_give_null():
    check('abs("x")', None)
    check("sqrt(-1)", None)
    check("substring(null, 1)", None)
    check('sum([1, "a"])', None)


def test_today_is_a_date():
    assert type(evaluate("today()")) is dt.date


# --- a built-in's name can be shadowed (10.3.2.11: names resolve in the innermost scope first) ---------
# Calls of built-ins are bound at compile time only where nothing can shadow the name; these check
# the places where something can: a context key, an iteration variable, a filter item's own key.


@pytest.mark.parametrize(
    "text, expected",
    [
        ("{count: function(x) 7, r: count([1, 2])}.r", D(7)),
        ("for sum in [1] return sum([1, 2])", [None]),  # sum is 1 here, not a function: null
        ("for x in [1] return sum([1, 2])", [D(3)]),
        ("[{count: 5}][count([1]) = 1]", []),  # count is the item's 5: the condition is null
        ("[{a: 5}][count([1]) = 1]", [{"a": D(5)}]),
        ("{f: function(max) max(1), r: f(function(x) x + 1)}.r", D(2)),
    ],
)
def test_builtin_names_shadowed(text, expected):
    check(text, expected)


def test_builtin_name_shadowed_by_an_input():
    check("count(x)", D(9), {"x": [D(1)], "count": FunctionOfOne()})


class FunctionOfOne(FeelFunction):
    """A function value named like a built-in, passed in as a variable."""

    params = ("x",)

    def call(self, args):
        return D(9)
