"""FEEL nested deeply: hundreds of levels of parentheses, lists, contexts, negations, ``if``, ``for``, calls,
filters, paths or operators are a FEEL syntax error with a caret at load, never a Python RecursionError, in
the parser, the compiler or the code generator; what nests less than the bounds loads and evaluates."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from service.dmn import FeelSyntaxError
from service.dmn.feel import compile_expression, compile_unary_tests, evaluate
from service.dmn.feel.syntax import MAX_DEPTH, MAX_NESTING

DEEP = 500  # "hundreds of levels"

NESTED = {
    "parentheses": ("(" * DEEP, "1", ")" * DEEP),
    "lists": ("[" * DEEP, "1", "]" * DEEP),
    "contexts": ("{a: " * DEEP, "1", "}" * DEEP),
    "calls": ("abs(" * DEEP, "1", ")" * DEEP),
    "user function calls": ("f(" * DEEP, "1", ")" * DEEP),
    "if": ("if true then " * DEEP, "1", " else 2" * DEEP),
    "for": ("for i in " * DEEP, "[1]", " return i" * DEEP),
    "some": ("some i in " * DEEP, "[1]", " satisfies true" * DEEP),
    "filters": ("x[" * DEEP, "1", "]" * DEEP),
    "function definitions": ("function(a) " * DEEP, "1", ""),
    "comparison ranges": ("< " * DEEP, "1", ""),
    "in": ("1 in (" * DEEP, "1", ")" * DEEP),
    "negations of a name": ("-" * DEEP * 2, "x", ""),
    "additions": ("", "x" + " + x" * DEEP * 2, ""),
    "paths": ("", "x" + ".y" * DEEP * 2, ""),
    "filters in a row": ("", "x" + "[1]" * DEEP * 2, ""),
    "types": ("1 instance of " + "list<" * DEEP, "number", ">" * DEEP),
}


@pytest.mark.parametrize("kind", sorted(NESTED))
def test_hundreds_of_levels_are_a_syntax_error_with_a_caret(kind):
    head, middle, tail = NESTED[kind]
    text = head + middle + tail
    with pytest.raises(FeelSyntaxError) as caught:
        compile_expression(text, {"x": D(1)})
    err = caught.value
    assert "deep" in err.message
    assert 0 <= err.position < len(text)
    assert "^" in str(err)  # the text with a caret under the fault


@pytest.mark.parametrize("kind", ["parentheses", "lists", "calls", "if", "negations of a name"])
def test_unary_tests_nested_deeply_are_a_syntax_error(kind):
    head, middle, tail = NESTED[kind]
    with pytest.raises(FeelSyntaxError):
        compile_unary_tests(head + middle + tail + ", 2", {"x": D(1)})


def test_deep_nesting_with_a_lower_python_stack_is_still_a_syntax_error():
    """From a deep call stack (a recursive caller), nesting is refused by its bound or by the backstop that
    turns Python's RecursionError into a syntax error: never anything else."""
    text = "(" * DEEP + "1" + ")" * DEEP

    def deep(n):
        if n == 0:
            return compile_expression(text)
        return deep(n - 1)
    with pytest.raises(FeelSyntaxError):
        deep(700)


def test_nesting_within_the_bounds_loads_and_evaluates():
    levels = MAX_NESTING - 1  # the whole text is one level
    assert evaluate("(" * levels + "1" + ")" * levels) == D(1)
    assert evaluate("if true then " * levels + "7" + " else 2" * levels) == D(7)
    assert evaluate("abs(" * levels + "-3" + ")" * levels) == D(3)
    nested = evaluate("[" * levels + "1" + "]" * levels)
    for _ in range(levels):
        assert isinstance(nested, list) and len(nested) == 1
        nested = nested[0]
    assert nested == D(1)
    # a chain of binary operators is as deep as it is long
    assert evaluate("x" + " + x" * (MAX_DEPTH - 1), {"x": D(1)}) == D(MAX_DEPTH)
    assert evaluate("-" * (MAX_DEPTH - 1) + "x", {"x": D(2)}) == D(-2)


def test_one_level_past_the_bound_is_refused_at_the_level_that_opens_it():
    text = "(" * MAX_NESTING + "1" + ")" * MAX_NESTING
    with pytest.raises(FeelSyntaxError) as caught:
        compile_expression(text)
    assert caught.value.position == MAX_NESTING - 1  # the last "(" opens the level too many
