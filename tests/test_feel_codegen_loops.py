"""Generated code for ``for``, filters, function calls and contexts without a scope dict: the values the
DMN 1.5 spec gives (§10.3.2.x), the same as the closures give, and generated code actually made."""

from __future__ import annotations

from decimal import Decimal

import pytest

from service.dmn.evalstate import evaluation
from service.dmn.feel import compiler as compiler_module
from service.dmn.feel.builtins import BUILTINS
from service.dmn.feel.compiler import Compiler
from service.dmn.feel.parser import Names
from service.dmn.feel.scope import Lambda

NAMES = Names(list(BUILTINS))
D = Decimal


def _env() -> dict:
    double = Lambda(["x"], None, lambda env: env["x"] * 2, {})
    return {"xs": [D(1), D(2), D(3)], "n": D(3), "keys": [[D(1), "a"], [D(1), "a"], [D(2), "a"]],
            "rows": [{"v": D(1)}, {"v": D(5)}], "double": double, "nothing": None, "one": D(7)}


def _both(text: str):
    generate = compiler_module.generate
    compiler_module.generate = lambda *args: None
    try:
        closures = Compiler(NAMES).expression(text)
    finally:
        compiler_module.generate = generate
    return closures, Compiler(NAMES).expression(text)


CASES = [
    # §10.3.2.11 iteration: `partial` is the list of the results so far
    ("for x in xs return x * 2", [D(2), D(4), D(6)]),
    ("for i in 1..n return i + 1", [D(2), D(3), D(4)]),
    ("for i in 3..1 return i", [D(3), D(2), D(1)]),
    ("for x in xs return count(partial)", [D(0), D(1), D(2)]),
    ("for x in nothing return x", None),
    ("for x in one return x", [D(7)]),  # a single value is a list of one item
    ("for x in xs return {y: x, z: y + 1}.z", [D(2), D(3), D(4)]),
    ("for x in xs return for y in [x] return x + y", [[D(2)], [D(4)], [D(6)]]),
    ("{a: 10, b: for x in xs return x + a}.b", [D(11), D(12), D(13)]),
    # several iterations: the first varies slowest; a null domain makes the whole null
    ("for x in [1, 2], y in [10, 20] return x + y", [D(11), D(21), D(12), D(22)]),
    ("for x in xs, y in [x * 10] return y", [D(10), D(20), D(30)]),
    ("for x in [1, 2], y in nothing return x", None),
    ("for x in [1, 2], y in 1..x return count(partial)", [D(0), D(1), D(2)]),
    # §10.3.2.5 filters: a number is an index, a boolean keeps the item; item keys are names
    ("(for i in 1..n return i * 10)[2]", D(20)),
    ("(for i in 1..n return i * 10)[item > 10]", [D(20), D(30)]),
    ("rows[v > 2]", [{"v": D(5)}]),
    ("{i: 2, k: keys[i] = keys[i - 1]}.k", True),
    ("for i in 2..3 return keys[i] != keys[i - 1]", [False, True]),
    # list equality: item by item, null = null; items of different types make the lists unequal, as Drools and
    # feel-scala say (the spec defines only item-by-item equality; see test_feel_ops)
    ("[one, \"a\", nothing] = [7, \"a\", null]", True),
    ("[one, true] = [7, 1]", False),
    ("[one, 1] != [7, 2]", True),
    # §10.3.2.13 invocation of a function value, arguments in order
    ("{f: double, r: f(n)}.r", D(6)),
    ("for x in xs return double(x)", [D(2), D(4), D(6)]),
    ("nothing(1)", None),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_generated_code_gives_the_spec_value_and_the_closures_value(text, expected):
    closures, generated = _both(text)
    with evaluation(False):
        assert generated(_env()) == expected
        assert closures(_env()) == expected


@pytest.mark.parametrize("text", ["for x in xs return x * 2", "(for i in 1..n return i)[item > 1]",
                                  "for x in xs, y in [x] return x + y",
                                  "{a: 1, b: a + 1}", "for i in 2..3 return keys[i] != keys[i - 1]"])
def test_the_generated_function_is_used(text):
    f = Compiler(NAMES).expression(text)
    assert f.__code__.co_filename.startswith("<FEEL")


def test_a_for_body_that_defines_a_function_keeps_a_scope_per_item():
    """Each closure made in the body sees its own `x` (§10.3.2.11 and §10.3.2.13)."""
    f = Compiler(NAMES).expression("for g in (for x in xs return function() x) return g()")
    with evaluation(False):
        assert f(_env()) == [D(1), D(2), D(3)]
