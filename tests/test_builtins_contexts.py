"""Context built-ins; expected values from the DMN TCK (compliance level 3) and the DMN 1.5 spec."""

from decimal import Decimal as D

import pytest

from service.dmn.feel.builtins import BUILTINS


def call(name, *args):
    return BUILTINS[name].call(list(args))


def named(name, **kwargs):
    return BUILTINS[name].call_named(kwargs)


# 0080-feel-getvalue-function
@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ((), None),
        (({"a": "foo"},), None),
        (({"a": "foo"}, "a", "bar"), None),
        (({"a": "foo"}, "a"), "foo"),
        (("foo", "foo"), None),
        (({"a": "foo"}, D(123)), None),
        ((None, "a"), None),
        (({"a": "foo"}, None), None),
        ((None, None), None),
        (({"a": None}, "a"), None),
        (({"a": "foo"}, "b"), None),
    ],
)
def test_get_value(args, expected):
    assert call("get value", *args) == expected


def test_get_value_named():
    assert named("get value", key="a", m={"a": "foo"}) == "foo"
    assert named("get value", k="a", m={"a": "foo"}) is None


# 0081-feel-getentries-function
def test_get_entries():
    entries = [{"key": "a", "value": "foo"}, {"key": "b", "value": "bar"}]
    assert call("get entries", {"a": "foo", "b": "bar"}) == entries
    assert named("get entries", m={"a": "foo", "b": "bar"}) == entries
    assert named("get entries", map={"a": "foo", "b": "bar"}) is None
    assert call("get entries", {}) == []
    for args in [(), ({"a": "foo"}, {"b": "bar"}), (None,), (D(123),), ([D(1), D(2), D(3)],)]:
        assert call("get entries", *args) is None


# 1145-feel-context-function
@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (([{"key": "a", "value": D(1)}, {"key": "b", "value": D(2)}],), {"a": D(1), "b": D(2)}),
        (([{"key": "a", "value": D(1)}],), {"a": D(1)}),
        (([{"key": "a", "value": D(1)}, {"key": "a", "value": D(2)}],), None),
        (([],), {}),
        (({"key": "a", "value": D(1)},), {"a": D(1)}),
        (({"value": D(1)},), None),
        (({"key": None, "value": D(1)},), None),
        (({"key": "a"},), None),
        (({"key": "a", "value": None},), {"a": None}),
        (({"key": "", "value": D(1)},), {"": D(1)}),
        ((None,), None),
        ((), None),
        (([], "foo"), None),
        (("foo",), None),
    ],
)
def test_context(args, expected):
    assert call("context", *args) == expected


def test_context_named():
    assert named("context", entries=[{"key": "a", "value": D(1)}]) == {"a": D(1)}
    assert named("context", entries={"key": "a", "value": D(1)}) == {"a": D(1)}
    assert named("context", entris={"key": "a", "value": D(1)}) is None
    assert named("context", entries=[{"key": "a", "value": D(1), "ignored": "foo"}]) == {"a": D(1)}


# 1146-feel-context-put-function
@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (({}, "a", D(1)), {"a": D(1)}),
        (({"a": D(1)}, "b", D(2)), {"a": D(1), "b": D(2)}),
        (({"a": D(1)}, "a", D(2)), {"a": D(2)}),
        (({"a": D(1), "b": D(2), "c": D(3)}, "b", D(3)), {"a": D(1), "b": D(3), "c": D(3)}),
        (({}, "", D(1)), {"": D(1)}),
        (({}, None, D(1)), None),
        ((None, "a", D(1)), None),
        (({}, "a", None), {"a": None}),
        (({}, "a"), None),
        (({}, "a", D(1), D(1)), None),
        (([], "a", D(1)), None),
        (({}, D(1), D(1)), None),
        (({"x": D(1), "y": {"a": D(0)}}, ["y", "a"], D(2)), {"x": D(1), "y": {"a": D(2)}}),
        (({"x": D(1), "y": {"a": D(0)}}, ["y", "b"], D(2)), {"x": D(1), "y": {"a": D(0), "b": D(2)}}),
        (({"x": D(1), "y": {"a": D(0)}}, ["y", None], D(2)), None),
        (({"x": D(1), "y": {"a": D(0)}}, [None, "a"], D(2)), None),
        (({"x": D(1), "y": {"a": D(0)}}, [None], D(2)), None),
        (({"x": D(1), "y": {"a": D(0)}}, [], D(2)), None),
        (
            ({"x": D(1), "y": {"a": {"b": {"c": D(1)}}}}, ["y", "a", "b", "c"], D(2)),
            {"x": D(1), "y": {"a": {"b": {"c": D(2)}}}},
        ),
        (({"x": D(1), "y": {"a": D(0)}}, ["y", "a", "b", "c"], D(2)), None),
    ],
)
def test_context_put(args, expected):
    assert call("context put", *args) == expected


def test_context_put_keeps_key_order_and_the_original():
    original = {"a": D(1), "b": D(2)}
    result = call("context put", original, "a", D(3))
    assert list(result) == ["a", "b"]
    assert original == {"a": D(1), "b": D(2)}


def test_context_put_named():
    assert named("context put", context={}, key="a", value=D(1)) == {"a": D(1)}
    assert named("context put", context={}, ky="a", value=D(1)) is None
    nested = {"x": D(1), "y": {"a": D(0)}}
    assert named("context put", context=nested, keys=["y", "a"], value=D(2)) == {"x": D(1), "y": {"a": D(2)}}
    assert named("context put", context=nested, key=["y", "a"], value=D(2)) is None


# context merge: DMN 1.5 spec examples
def test_context_merge():
    assert call("context merge", [{"x": D(1)}, {"y": D(2)}]) == {"x": D(1), "y": D(2)}
    assert call("context merge", [{"x": D(1), "y": D(0)}, {"y": D(2)}]) == {"x": D(1), "y": D(2)}
    assert named("context merge", contexts=[{"x": D(1)}, {"y": D(2)}]) == {"x": D(1), "y": D(2)}
    assert call("context merge", []) == {}
    assert call("context merge", {"x": D(1)}) == {"x": D(1)}
    assert call("context merge", [{"x": D(1)}, D(2)]) is None
    assert call("context merge", None) is None


def test_spec_examples():
    assert call("context", [{"key": "a", "value": D(1)}, {"key": "b", "value": D(2), "something": "else"}]) == {
        "a": D(1),
        "b": D(2),
    }
    assert call("context", [{"key": "a", "value": D(1)}, {"key": "b"}]) is None
    assert call("context put", {"x": D(1)}, "y", D(2)) == {"x": D(1), "y": D(2)}
    assert list(call("context put", {"x": D(1), "y": D(0), "z": D(0)}, "y", D(2))) == ["x", "y", "z"]
    assert call("context put", {"x": D(1)}, ["y"], D(2)) == {"x": D(1), "y": D(2)}
    assert call("context put", {"x": D(1)}, None, D(2)) is None
    assert call("get value", {"key1": "value1"}, "key1") == "value1"
    assert call("get value", {"key1": "value1"}, "unexistent-key") is None
