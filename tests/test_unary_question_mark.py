"""Unary tests whose expression uses the input symbol ``?`` (DMN 1.5 §10.3.2.5 and grammar rule 15): the test is
satisfied when the expression is true with ``?`` bound to the input, or, when its value is not a boolean, when
the input equals that value (is in it, for a list or a range): ``? = e``. ``?`` alone is so satisfied by any
non-null input."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from service.dmn.feel import compile_unary_tests


@pytest.mark.parametrize(("tests", "value", "expected"), [
    ("?", "foo", True), ("?", False, True), ("?", D(3), True), ("?", None, None),
    ("string length(?) = 3", "foo", True), ("string length(?) = 3", "food", False),
    ("? + 1 > 3", D(3), True), ("? + 1 > 3", D(2), False),
    ("upper case(?)", "ABC", True),  # "ABC" = upper case("ABC")
    ("upper case(?)", "abc", False),
    ("[?, 7]", D(7), True),  # a list holding the input
    ("not(?)", "x", False),
])
def test_expression_with_the_input_symbol(tests, value, expected):
    assert compile_unary_tests(tests)(value, {}) is expected
