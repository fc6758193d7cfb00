"""Every built-in, called with any number of arguments of any type, answers a FEEL value: a wrong number or
type of arguments gives null (DMN 1.5, 10.3.2.13.2: an invocation whose arguments do not fit is null), never a
Python exception."""

from __future__ import annotations

import itertools

import pytest

from service.dmn.feel import evaluate
from service.dmn.feel.builtins import BUILTINS

VALUES = [evaluate(t) for t in (
    "null", "1", "-1.5", '"a"', "true", "[]", '[1, "a"]', "{a: 1}", 'date("2020-01-01")', 'time("10:00:00")',
    'date and time("2020-01-01T10:00:00Z")', 'duration("P1D")', 'duration("P1Y")', "[1..2]", "function(x) x",
)]

def _is_feel_value(v) -> bool:
    """FEEL numbers are Decimal: a Python int or float leaking out would be a bug."""
    return v is None or not isinstance(v, (int, float)) or isinstance(v, bool)


@pytest.mark.parametrize("name", sorted(BUILTINS))
def test_any_arguments_give_a_value_or_null(name):
    function = BUILTINS[name]
    for n in range(4):
        combos = itertools.product(VALUES, repeat=n)
        if n == 3:
            combos = itertools.islice(combos, 0, None, 11)
        for args in combos:
            assert _is_feel_value(function.call(list(args)))


@pytest.mark.parametrize("name", sorted(BUILTINS))
def test_named_arguments_with_unknown_names_give_null(name):
    function = BUILTINS[name]
    assert function.call_named({"no such parameter": VALUES[1]}) is None
    for signature in function.signatures:  # the spec's names with values of any type: a value or null
        for value in VALUES:
            assert _is_feel_value(function.call_named(dict.fromkeys(signature, value)))
