"""FEEL grammar (DMN 1.5 chapter 10.3.1): names with spaces, precedence, comments, literals,
ranges, contexts, named arguments, unary tests and syntax errors with their position.

Every expected value is worked out from the grammar rules of the specification (and the TCK where
the specification leaves a choice), not taken from the engine's output.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from service.dmn import FeelSyntaxError
from service.dmn.feel import compile_expression, compile_unary_tests, evaluate
from service.dmn.feel.values import Range


def test(text: str, value, variables=None):
    """The result of the unary tests ``text`` for the input ``value``."""
    variables = variables or {}
    return compile_unary_tests(text, variables)(value, dict(variables))


test.__test__ = False  # a helper, not a test for pytest to collect


# --- names with spaces and symbols (10.3.1.2: a name may contain spaces and some symbols) -----------


def test_name_with_a_space_joins_against_the_scope():
    assert evaluate("Monthly Salary * 12", {"Monthly Salary": D(1000)}) == D(12000)


def test_name_with_several_spaces():
    assert evaluate("Total Monthly Gross Salary - 1", {"Total Monthly Gross Salary": D(10)}) == D(9)


def test_name_with_an_apostrophe():
    assert evaluate("Person's age + 1", {"Person's age": D(41)}) == D(42)


def test_name_with_a_keyword_inside():
    # "and" is a keyword, yet "Income and Expenses" is one name when it is in scope
    assert evaluate("Income and Expenses * 2", {"Income and Expenses": D(5)}) == D(10)


def test_longest_name_in_scope_wins():
    variables = {"Monthly": D(1), "Monthly Salary": D(100)}
    assert evaluate("Monthly Salary + Monthly", variables) == D(101)


def test_name_with_symbols():
    # 10.3.1.2 allows '.', '/', '-', '+', '*' inside names when they are in scope ("Net-Income")
    assert evaluate("Net-Income * 2", {"Net-Income": D(3)}) == D(6)
    # without that name in scope, the same text is a subtraction of two names
    assert evaluate("Net-Income", {"Net": D(10), "Income": D(3)}) == D(7)


@pytest.mark.parametrize(
    "text, variables, expected",
    [
        ('Check in Date + duration("P1D")', {"Check in Date": dt.date(2026, 3, 1)}, dt.date(2026, 3, 2)),
        ("Rule 1 Result * 2", {"Rule 1 Result": D(2)}, D(4)),
        ("Is Adult or Is Child", {"Is Adult": False, "Is Child": True}, True),
        ("if Has Debt then 1 else 2", {"Has Debt": True}, D(1)),
        ("every x in Items List satisfies x > 0", {"Items List": [D(1)]}, True),
        ("Person's Age > 18 and Person's Name != null", {"Person's Age": D(20), "Person's Name": "x"}, True),
        ("date of birth.year", {"date of birth": dt.date(2000, 1, 2)}, D(2000)),
        ("Loan Amount/Term", {"Loan Amount": D(100), "Term": D(4)}, D(25)),
        ("Then Value + 1", {"Then Value": D(1)}, D(2)),
        ("time and date", {"time and date": D(7)}, D(7)),
        ("string(Order Number)", {"Order Number": D(12)}, "12"),
    ],
)
def test_names_holding_keywords_and_builtin_words(text, variables, expected):
    assert evaluate(text, variables) == expected


def test_builtin_name_with_spaces():
    assert evaluate('date and time("2026-03-01T10:20:30")') == dt.datetime(2026, 3, 1, 10, 20, 30)


def test_builtin_names_with_spaces_in_one_expression():
    assert evaluate('years and months duration(date("2020-01-15"), date("2026-03-01"))') == evaluate(
        'duration("P6Y1M")'
    )
    assert evaluate('string length("abcd")') == D(4)


def test_compiled_expression_is_reused_with_other_values():
    f = compile_expression("Monthly Salary * 12", ["Monthly Salary"])
    assert f({"Monthly Salary": D(1)}) == D(12)
    assert f({"Monthly Salary": D("2.5")}) == D(30)


# --- precedence (10.3.1.1 grammar rules, with the TCK's reading of unary minus) --------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("-5 ** 2", D(25)),  # the TCK (0100-arithmetic): negation binds tighter than **
        ("3 ** 4 ** 5", D(3486784401)),  # left-associative: (3 ** 4) ** 5 = 81 ** 5
        ("5+2**5", D(37)),  # ** before +
        ("2 * 3 ** 2", D(18)),  # ** before *
        ("1 + 2 * 3", D(7)),
        ("(1 + 2) * 3", D(9)),
        ("10 - 4 - 3", D(3)),  # left-associative
        ("100 / 10 / 5", D(2)),  # left-associative
        ("2 - -3", D(5)),
        ("- 2 * 3", D(-6)),
    ],
)
def test_arithmetic_precedence(text, expected):
    assert evaluate(text) == expected


def test_and_binds_tighter_than_or():
    # a or (b and c) is true for a=true, b=false, c=false; (a or b) and c would be false
    assert evaluate("a or b and c", {"a": True, "b": False, "c": False}) is True
    # b and c or a with a=true: (b and c) or a is true
    assert evaluate("b and c or a", {"a": True, "b": False, "c": False}) is True


def test_comparison_binds_tighter_than_and():
    assert evaluate("1 < 2 and 3 > 4") is False
    assert evaluate("1 + 1 = 2") is True


def test_between_and_in_bind_as_comparisons():
    assert evaluate("5 between 1 and 10 and true") is True
    assert evaluate("1 + 1 in [2, 3]") is True


@pytest.mark.parametrize(
    "text, variables",
    [
        ("5 in [1..10] and true", {}),
        ("x in [1..10] and y > 3", {"x": D(5), "y": D(4)}),
        ('"b" in ["a", "b"] and x', {"x": True}),
        ("1 in [1..2] = true", {}),
    ],
)
def test_in_binds_tighter_than_and(text, variables):
    # 10.3.1.1 precedence: 'in' is a comparison, above 'and' and 'or'; comparisons read left to right
    assert evaluate(text, variables) is True


def test_in_followed_by_and_with_parentheses():
    assert evaluate("(5 in [1..10]) and true") is True
    assert evaluate("true and 5 in [1..10]") is True


def test_instance_of_after_arithmetic():
    assert evaluate("1 + 1 instance of number") is True


def test_if_then_else_extends_as_far_as_possible():
    # the else branch takes the whole "2 + 3"
    assert evaluate("if false then 1 else 2 + 3") == D(5)


# --- comments (10.3.1.1: // to end of line, /* ... */) --------------------------------------------


def test_block_comment():
    assert evaluate("1 + /* two */ 2") == D(3)


def test_line_comment():
    assert evaluate("1 + 2 // plus three\n + 3") == D(6)


def test_multi_line_block_comment():
    assert evaluate("/* line one\n   line two */ 7") == D(7)


def test_comment_marks_inside_a_string_are_text():
    assert evaluate('"a // b /* c */"') == "a // b /* c */"


# --- string literals and escapes (10.3.1.1 rule 65, string escapes as in Java) ---------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ('"\\u00e9"', "\u00e9"),
        ('"\\""', '"'),
        ('"a\\\\b"', "a\\b"),
        ('"line\\nnext"', "line\nnext"),
        ('"tab\\there"', "tab\there"),
        ('"caf\\u00E9"', "caf\u00e9"),
        ('""', ""),
        ('"\U0001f600"', "\U0001f600"),
    ],
)
def test_string_escapes(text, expected):
    assert evaluate(text) == expected


def test_string_length_counts_code_points_after_unescaping():
    assert evaluate('string length("\\u00e9t\\u00e9")') == D(3)


# --- numbers ----------------------------------------------------------------------------------------


def test_number_literals():
    assert evaluate("1.5") == D("1.5")
    assert evaluate(".5") == D("0.5")
    assert evaluate("12345678901234567890") == D("12345678901234567890")


# --- ranges (10.3.2.7: '[' or ']' open, ')' '[' or ']' close) --------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("[1..10]", Range(D(1), D(10), True, True)),
        ("[1..10)", Range(D(1), D(10), True, False)),
        ("]1..10[", Range(D(1), D(10), False, False)),
        ("(1..10]", Range(D(1), D(10), False, True)),
        ("]1..10]", Range(D(1), D(10), False, True)),
        ("[1..10[", Range(D(1), D(10), True, False)),
    ],
)
def test_range_literals(text, expected):
    assert evaluate(text) == expected


@pytest.mark.parametrize(
    "value, text, expected",
    [
        (1, "[1..10)", True),
        (10, "[1..10)", False),
        (1, "]1..10[", False),
        (5, "]1..10[", True),
        (10, "]1..10[", False),
        (1, "(1..10]", False),
        (10, "(1..10]", True),
    ],
)
def test_range_ends_in_membership(value, text, expected):
    assert evaluate(f"{value} in {text}") is expected


def test_range_of_expressions():
    assert evaluate("[a..a + 2]", {"a": D(3)}) == Range(D(3), D(5), True, True)


# --- contexts (10.3.2.6) -----------------------------------------------------------------------------


def test_context_with_spaced_keys():
    assert evaluate('{first name: "Ann", last name: "Lee"}') == {"first name": "Ann", "last name": "Lee"}


def test_context_key_with_spaces_used_by_a_later_entry():
    assert evaluate("{monthly pay: 10, yearly pay: monthly pay * 12}") == {"monthly pay": D(10), "yearly pay": D(120)}


def test_path_with_a_spaced_key_of_a_context_literal():
    assert evaluate("{monthly pay: 10, yearly pay: monthly pay * 12}.yearly pay") == D(120)


def test_context_with_string_keys():
    assert evaluate('{"a key": 1, "+ odd": 2}') == {"a key": D(1), "+ odd": D(2)}


def test_nested_context_path():
    assert evaluate("{outer: {inner value: 5}}.outer.inner value") == D(5)


def test_nested_context_path_with_single_word_keys():
    assert evaluate("{outer: {inner: 5}}.outer.inner") == D(5)


def test_path_with_a_spaced_key_known_in_scope():
    assert evaluate("applicant.monthly pay * 12", {"applicant": {"monthly pay": D(10)}, "monthly pay": None}) == D(120)


def test_empty_context_and_list():
    assert evaluate("{}") == {}
    assert evaluate("[]") == []


# --- named arguments with spaces (10.3.2.13.2 named parameters; 10.3.4.3 substring) -----------------


def test_named_arguments_with_spaces():
    assert evaluate('substring(string: "abc", start position: 2)') == "bc"


def test_named_arguments_in_any_order():
    assert evaluate('substring(start position: 2, length: 1, string: "abc")') == "b"


def test_named_arguments_of_a_user_function():
    assert evaluate(
        "(function(first value, second value) first value - second value)(second value: 1, first value: 10)"
    ) == D(9)


# --- unary tests (10.3.1.1 rules 14-17, 10.3.2.9) ---------------------------------------------------


def test_dash_matches_anything():
    assert test("-", D(3)) is True
    assert test("-", None) is True
    assert test("-", "text") is True


def test_not_of_a_list_of_tests():
    assert test('not("a", "b")', "c") is True
    assert test('not("a", "b")', "a") is False
    assert test('not("a", "b")', "b") is False


def test_disjunction_of_comparisons():
    assert test("< 5, > 10", D(3)) is True
    assert test("< 5, > 10", D(7)) is False
    assert test("< 5, > 10", D(11)) is True
    assert test("< 5, > 10", D(5)) is False


def test_question_mark_is_the_input_value():
    assert test("? > 3", D(4)) is True
    assert test("? > 3", D(3)) is False


def test_question_mark_in_a_function_call():
    assert test('starts with(?, "ab")', "abc") is True
    assert test('starts with(?, "ab")', "xbc") is False


def test_range_as_a_unary_test():
    assert test("[1..5]", D(5)) is True
    assert test("[1..5)", D(5)) is False


def test_literal_tests_against_an_input():
    assert test('"Medium","Low"', "Low") is True
    assert test('"Medium","Low"', "High") is False
    assert test("true", True) is True
    assert test("true", False) is False
    assert test("null", None) is True


def test_unary_test_with_a_variable():
    assert test("<= limit", D(5), {"limit": D(5)}) is True
    assert test("<= limit", D(6), {"limit": D(5)}) is False


def test_unary_test_with_a_list_value_expression():
    # an expression giving a list: the input matches if it is one of its items (10.3.2.9.2)
    assert test("[1, 2, 3]", D(2)) is True
    assert test("[1, 2, 3]", D(4)) is False


def test_not_of_a_range():
    assert test("not([1..5])", D(6)) is True
    assert test("not([1..5])", D(3)) is False


@pytest.mark.parametrize(
    "text, value, expected",
    [
        ("null", None, True),
        ("null", D(1), False),
        ("not(null)", D(1), True),
        ("not(null)", None, False),
        ('"a"', None, False),
        ("< 5", None, None),  # null < 5 is null: the rule does not match
        ("[1..5]", None, None),
        ("> 5", "x", None),  # a string is not comparable with a number
        ("not(> 5)", D(6), False),
        ("not(> 5)", D(4), True),
        ("not(> 5)", "x", None),  # not(null) is null
        ("1, 2, 3", D(2), True),
        ("not(1, 2)", D(3), True),
        ("< 5, null", None, True),  # the second test matches null
        ('date("2026-03-01")', dt.date(2026, 3, 1), True),
        ('[date("2026-01-01")..date("2026-12-31")]', dt.date(2026, 3, 1), True),
        ('<= date("2026-01-01")', dt.date(2026, 3, 1), False),
        ("? = 5", D(5), True),
        ("count(?) > 1", [D(1), D(2)], True),
        ("list contains(?, 2)", [D(1), D(2)], True),
        ("=5", D(5), True),
        ("!=5", D(5), False),
        ("!= 5", D(6), True),
        ("(1..5)", D(5), False),
        ("]1..5]", D(5), True),
        ("x", D(5), True),  # an expression: equal to the input
        ("x + 1", D(6), True),
        ("> x", D(6), True),
        ("true", True, True),
        ("false", None, False),
    ],
)
def test_unary_test_semantics(text, value, expected):
    assert test(text, value, {"x": D(5)}) is expected


# --- syntax errors: FeelSyntaxError with the 0-based position of the fault --------------------------


def syntax_error(text: str) -> FeelSyntaxError:
    with pytest.raises(FeelSyntaxError) as info:
        compile_expression(text)
    return info.value


def caret_column(err: FeelSyntaxError) -> int:
    """The column of the caret shown by str(err)."""
    last = str(err).splitlines()[-1]
    assert set(last.strip()) == {"^"}, str(err)
    return len(last) - len(last.lstrip(" "))


def test_error_at_an_operator_with_no_operand():
    err = syntax_error("1 + * 2")
    assert err.position == 4
    lines = str(err).splitlines()
    assert lines[-2] == "1 + * 2"
    assert caret_column(err) == 4


def test_error_at_an_unclosed_parenthesis():
    err = syntax_error("(1 + 2")
    assert err.position == 6  # the end of the text, where ')' is missing
    assert caret_column(err) == 6


def test_error_at_a_missing_else():
    err = syntax_error("if x > 1 then 2")
    assert err.position == len("if x > 1 then 2")


def test_error_at_trailing_text():
    err = syntax_error("1 2")
    assert err.position == 2
    assert caret_column(err) == 2


def test_error_on_the_second_line_shows_that_line():
    text = "1 +\n  2 +\n  )"
    err = syntax_error(text)
    assert err.position == text.index(")")
    lines = str(err).splitlines()
    assert lines[-2] == "  )"
    assert caret_column(err) == 2


def test_error_at_an_unterminated_string():
    err = syntax_error('"abc')
    assert err.position == 0
    assert caret_column(err) == 0


def test_error_in_a_context_without_a_comma():
    err = syntax_error("{a: 1 b: 2}")
    assert err.position == 6
    assert caret_column(err) == 6


def test_error_in_unary_tests():
    with pytest.raises(FeelSyntaxError) as info:
        compile_unary_tests("< 5,, > 10")
    assert info.value.position == 4


def test_empty_expression_is_an_error():
    with pytest.raises(FeelSyntaxError):
        compile_expression("")
