"""Semantics where FEEL engines disagree, settled by the DMN 1.5 specification (the sentence each test follows
is quoted or referred to), or, where the specification is silent, as the comment says."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from service.dmn.feel import compile_unary_tests, evaluate

# --- equality of lists and contexts whose items differ in type -----------------------------------------------
# §10.3.2.2 / Table "Semantics of equality": two lists are equal when they have the same length and their
# items are equal pair by pair; two contexts when they have the same keys with equal values; null is equal
# to null only.


@pytest.mark.parametrize(("text", "expected"), [
    ("[1, null] = [1, false]", False),
    ("[null] = [null]", True),
    ("[1, 2] = [1, 2, 3]", False),
    ("{a: null} = {a: false}", False),
    ("{a: 1, b: 2} = {b: 2, a: 1}", True),  # keys, not their order
    ("{a: 1} = {a: 1, b: 2}", False),
    ("null = false", False),
    ("null = null", True),
])
def test_equality_of_lists_and_contexts(text, expected):
    assert evaluate(text) is expected


# --- for, some, every and filters over a value that is not a list ----------------------------------------------
# §10.3.2.9.4 (type conversions), "to singleton list": where a list is expected and a single value of the item
# type is given, the value is treated as a list of one.


@pytest.mark.parametrize(("text", "expected"), [
    ("for x in 5 return x * 2", [D(10)]),
    ("some x in 5 satisfies x > 1", True),
    ("every x in 5 satisfies x > 6", False),
    ("5[item > 1]", [D(5)]),
    ("5[item > 9]", []),
    ('"a"[1]', "a"),
])
def test_a_single_value_is_a_list_of_one(text, expected):
    assert evaluate(text) == expected


def test_a_filter_of_null_is_null():
    # §10.3.2.5 (filter) is defined on lists; null is no list and converts to none: the result is null, as the
    # null-propagating operators give (jDMN and Drools give null too)
    assert evaluate("null[item > 1]") is None
    assert evaluate("null[1]") is None


# --- a unary test with a null input --------------------------------------------------------------------------
# §10.3.2.12 (unary tests): the test is the comparison of the input with the endpoint; a comparison with null is
# null (§10.3.2.3), and a decision-table rule matches only where its tests are true (§8.2.10).


@pytest.mark.parametrize(("test", "expected"), [
    ("< 10", None),
    ("[1..10]", None),
    ("? > 5", None),
    ("null", True),  # "null" tests that the input is null
    ("-", True),  # "-" matches anything, null too
    ("not(null)", False),
    ("not(< 10)", None),  # not(null) is null: no match either way
])
def test_unary_tests_with_a_null_input(test, expected):
    assert compile_unary_tests(test)(None, {}) is expected


def test_unary_test_with_null_input_matches_no_rule_but_null_and_dash():
    matches = [t for t in ("< 10", ">= 10", "null", "-", "not(5)") if compile_unary_tests(t)(None, {}) is True]
    assert matches == ["null", "-", "not(5)"]


# --- context put with a missing intermediate key ---------------------------------------------------------------
# §10.3.4.? context put(context, keys, value): each key but the last names an entry that is itself a context.
# The specification does not say what a missing or non-context intermediate entry gives; TCK 1146 gives null
# for the other invalid uses, and so does this engine here.


@pytest.mark.parametrize(("text", "expected"), [
    ('context put({x: 1, y: {a: 0}}, ["y", "a"], 2)', {"x": D(1), "y": {"a": D(2)}}),
    ('context put({x: 1, y: {a: 0}}, ["y", "b"], 2)', {"x": D(1), "y": {"a": D(0), "b": D(2)}}),
    ('context put({x: 1}, ["y", "a"], 2)', None),
    ('context put({x: 1, y: {a: 0}}, ["y", "a", "b"], 2)', None),
])
def test_context_put_with_nested_keys(text, expected):
    assert evaluate(text) == expected


# --- context keys ------------------------------------------------------------------------------------------------
# Grammar rule 61: key = name | string literal. A string literal key may hold any text (even "" or words the
# grammar reserves); a name key follows the name rules.


def test_string_keys_may_hold_any_text():
    assert evaluate('{"": 1, "for": 2, "a.b": 3}') == {"": D(1), "for": D(2), "a.b": D(3)}
    assert evaluate('{"a b": 1}.a b') == D(1)


@pytest.mark.parametrize("text", ["{1: 2}", "{: 1}", "{a: 1, : 2}"])
def test_keys_the_grammar_refuses_are_syntax_errors(text):
    from service.dmn import FeelSyntaxError

    with pytest.raises(FeelSyntaxError):
        evaluate(text)
