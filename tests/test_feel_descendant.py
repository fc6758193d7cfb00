"""The descendant operator ``e...name``. DMN 1.5 has none; the DMN 1.6 draft adds it and jDMN and Drools read
it as: every non-null value of the key ``name`` found in ``e`` or at any depth inside it (through contexts and
lists), in document order; a value holding no context gives the empty list."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from service.dmn.feel import evaluate
from service.dmn.feel.compile_names import descendants


@pytest.mark.parametrize(("text", "expected"), [
    ('{p: {k: 1, q: {k: 2}}, k: 3}...k', [D(1), D(2), D(3)]),  # document order, depth first
    ('{p: {k: {k: 5}}}...k', [{"k": D(5)}, D(5)]),  # a match, then the matches its own value holds
    ('{p: {"k y": "a"}}...k y', ["a"]),  # a key of several words
    ('{p: {k: null}, k: 1}...k', [D(1)]),  # null values are left out
    ('[{k: 1}, {q: [{k: 2}]}]...k', [D(1), D(2)]),  # lists are walked through
    ('7...k', []), ('"k"...k', []), ('null...k', []), ('[1, 2]...k', []),
    ('{a: {p: {r: "x", n: 1}}, p: {r: "y", n: 2}}...p[r = "x"]...n', [D(1)]),  # with filters and paths
    ('{a: {p: {n: 1}}, p: {n: 2}}...p[2].n', D(2)),
])
def test_descendant_operator(text, expected):
    assert evaluate(text) == expected


def test_range_with_a_fraction_endpoint_is_not_a_descendant():
    r = evaluate("[1...5]")  # `1 .. .5`
    assert (r.start, r.end) == (D(1), D("0.5"))


def test_a_deep_value_does_not_exhaust_recursion():
    v: dict = {"k": 0}
    for _ in range(5000):
        v = {"n": v}
    assert descendants(v, "k") == [0]
