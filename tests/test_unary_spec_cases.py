"""Unary tests (decision-table input entries, ``in``) against worked-out answers.

DMN 1.5, 10.3.2.12: a positive unary test that is an endpoint is ``? = endpoint``, a range is
``? in range``, a list ``list contains(list, ?)``, and an expression with ``?`` or of boolean value is
taken as it is; ``not(tests)`` is the three-valued negation of the disjunction; ``-`` matches anything.
An input of another type than the endpoint compares to null (so a rule with ``not(5)`` does not match the
input "a"); a table rule matches only where its test is true.
"""

from __future__ import annotations

import pytest

from service.dmn.feel import compile_unary_tests, evaluate

CASES = [
    ("2", "not(3)", True), ("3", "not(2,3)", False), ("4", "not(2,3)", True),
    ("true", "1 < 2", True), ("true", "2 < 1", False), ("true", '"a" = "a"', True),
    ("true", "true and true", True), ("true", "false or true", True),
    ("[]", "[]", True), ("[1,2]", "[1,2]", True), ("[1,2]", "[1]", False), ("[1,2]", "[2,1]", False),
    ("[1,2,3]", "every x in ? satisfies x > 3", False), ("[4,5,6]", "every x in ? satisfies x > 3", True),
    ("[4,5,6]", "some x in ? satisfies x > 4", True),
    ("{}", "{}", True), ("{x:1}", "{x:1}", True), ("{x:1}", "{x:2}", False), ("{x:1}", "{x:1,y:2}", False),
    ("null", "-", True), ("1", "null", False), ("null", "null", True), ("null", "not(5)", True),
    ('"foo"', 'starts with(?, "f")', True), ('"foo"', 'starts with(?, "b")', False),
    ("2", "< max(1,2,3)", True), ("2", "< min(1,2,3)", False),
    ("2", 'number("2")', True), ("false", "(5 < 4)", True), ("true", "(5 < 4)", False),
    ("2", "[1,2,3]", True), ("4", "[1,2,3]", False),
    ("5", "? > 3", True), ("5", "? > 3, ? < 2", True), ("5", "not(? > 3)", False),
    # an input of another type than the endpoint: the comparison is null, and so is its negation
    ("5", '"a"', None), ('"a"', "5", None), ('"a"', "< 5", None), ('"a"', "not(< 5)", None),
    ('"a"', "not(5)", None), ('"a"', "not(5, 6)", None), ('"a"', '5, "a"', True), ('"a"', '5, "b"', None),
    ("5", "not([1..3])", True), ("5", "not(null)", True),
    ("5", "(< 10)", True), ("5", "[1..10], null", True), ("null", "[1..10], null", True),
    ("5", "<= 5", True), ('date("2020-01-01")', '< date("2021-01-01")', True),
    ("5", "=5", True), ("5", "!= 5", False), ("5", "!=4", True),
    ("5", "> 10, < 20", True), ("25", "> 10, < 20", True),
    ("[1,2]", "count(?) = 2", True), ("3", "odd(?)", True),
    ('"b"', '["a".."c"]', True), ("5", "(5..10]", False), ("10", "]5..10]", True), ("5", "]5..10]", False),
    ("5", "[5..10[", True),
]


@pytest.mark.parametrize(("value", "test", "expected"), CASES)
def test_unary_test(value, test, expected):
    assert compile_unary_tests(test)(evaluate(value), {}) is expected
