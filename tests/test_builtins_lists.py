"""List built-ins; expected values from the DMN TCK (compliance level 3) and the DMN 1.5 spec."""

from decimal import Decimal as D

import pytest

from service.dmn.feel import ops
from service.dmn.feel.builtins import BUILTINS
from service.dmn.feel.values import FeelFunction


def call(name, *args):
    return BUILTINS[name].call(list(args))


def named(name, **kwargs):
    return BUILTINS[name].call_named({key.replace("_", " "): value for key, value in kwargs.items()})


def nums(*values):
    return [D(v) for v in values]


class Lambda(FeelFunction):
    """A FEEL function value such as ``function(x, y) x > y``, written with the ops module."""

    def __init__(self, params, body):
        self.params = tuple(params)
        self.body = body

    def call(self, args):
        return self.body(*args)


SIMPLE = ["a", "b", "c"]
NESTED = [["w", "x"], ["y"], ["z"]]


# 0009-append-flatten
def test_append_and_flatten_0009():
    assert call("append", NESTED, ["t"]) == [["w", "x"], ["y"], ["z"], ["t"]]
    assert call("append", NESTED, SIMPLE) == [["w", "x"], ["y"], ["z"], ["a", "b", "c"]]
    assert call("flatten", [["w", "x"], ["y"], ["z"], ["t"]]) == ["w", "x", "y", "z", "t"]
    assert call("flatten", [["w", "x"], ["y"], ["z"], ["a", "b", "c"]]) == ["w", "x", "y", "z", "a", "b", "c"]


# 0010-concatenate
def test_concatenate_0010():
    assert call("concatenate", SIMPLE, SIMPLE) == ["a", "b", "c", "a", "b", "c"]
    assert call("concatenate", SIMPLE, call("flatten", NESTED)) == ["a", "b", "c", "w", "x", "y", "z"]
    assert call("concatenate", [SIMPLE], NESTED) == [["a", "b", "c"], ["w", "x"], ["y"], ["z"]]


# 0011-insert-remove: position = 2
def test_insert_and_remove_0011():
    assert call("remove", SIMPLE, D(2)) == ["a", "c"]
    assert call("insert before", [["a", "b"], ["b", "c"]], D(2), SIMPLE) == [
        ["a", "b"],
        ["a", "b", "c"],
        ["b", "c"],
    ]
    assert call("remove", [["a", "b"], ["b", "c"]], D(2)) == [["a", "b"]]
    assert call("insert before", SIMPLE, D(2), "x") == ["a", "x", "b", "c"]
    assert call("insert before", [["o"], ["p", "q"]], D(2), SIMPLE) == [["o"], ["a", "b", "c"], ["p", "q"]]


# 0012-list-functions: list1 = [a, b, c], list2 = [x, y, z], string1 = "OK",
# numList = [6, 14, -3], num1 = 11, num2 = 2, num3 = 10
def test_list_functions_0012():
    list1, list2, num_list = ["a", "b", "c"], ["x", "y", "z"], nums(6, 14, -3)
    assert call("list contains", list1, list2) is False
    assert call("list contains", list2, "OK") is False
    assert call("count", list1) == D(3)
    assert call("min", num_list) == D(-3)
    assert call("sum", num_list) == D(17)
    assert call("mean", num_list).quantize(D("1e-14")) == D("5.66666666666667")
    assert call("mean", D(11), D(2), D(10)).quantize(D("1e-14")) == D("7.66666666666667")
    assert call("sublist", list1, D(1), D(2)) == ["a", "b"]
    assert call("sublist", list1, D(-1), D(1)) == ["c"]
    assert call("append", num_list, D(11), D(2)) == nums(6, 14, -3, 11, 2)
    concatenated = call("concatenate", list1, list2)
    assert concatenated == ["a", "b", "c", "x", "y", "z"]
    inserted = call("insert before", list2, D(2), "OK")
    assert inserted == ["x", "OK", "y", "z"]
    assert call("remove", list2, D(2)) == ["x", "z"]
    assert call("reverse", concatenated) == ["z", "y", "x", "c", "b", "a"]
    assert call("append", list1, "x") == ["a", "b", "c", "x"]
    assert call("index of", list2, "OK") == []
    assert call("union", inserted, concatenated) == ["x", "OK", "y", "z", "a", "b", "c"]
    assert call("distinct values", inserted) == ["x", "OK", "y", "z"]
    assert call("flatten", call("append", list1, list2)) == ["a", "b", "c", "x", "y", "z"]


def test_inputs_are_not_changed():
    original = nums(3, 1, 2)
    call("append", original, D(4))
    call("sort", original)
    call("list replace", original, D(1), D(9))
    call("insert before", original, D(1), D(0))
    assert original == nums(3, 1, 2)


# 0013-sort
def test_sort_0013():
    greater = Lambda(("x", "y"), ops.gt)
    assert call("sort", nums(3, 1, 5, 4), greater) == nums(5, 4, 3, 1)
    rows = [
        {"col1": D(16), "col2": D(4), "col3": D(25), "col4": D(1)},
        {"col1": D(16), "col2": D(43), "col3": D(2), "col4": D(10)},
        {"col1": D(1), "col2": D(0), "col3": D(1), "col4": D(1)},
    ]
    by_col2 = Lambda(("x", "y"), lambda x, y: ops.lt(x["col2"], y["col2"]))
    assert call("sort", rows, by_col2) == [rows[2], rows[0], rows[1]]
    less = Lambda(("x", "y"), ops.lt)
    assert call("sort", ["a", "8", "Aa", "A", "10", "9"], less) == ["10", "8", "9", "A", "Aa", "a"]
    assert named("sort", list=nums(3, 1, 5, 4), precedes=greater) == nums(5, 4, 3, 1)


def test_sort_invalid():
    not_boolean = Lambda(("x", "y"), lambda x, y: x)
    assert call("sort", nums(2, 1), not_boolean) is None
    assert call("sort", nums(2, 1), "not a function") is None
    assert call("sort", [D(1), "a"]) is None


# 0059-feel-all-function
@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (([True, False, True],), False),
        (([True, True, True],), True),
        (([True, None, True],), None),
        (([True, D(123), True],), None),
        (([],), True),
        ((True,), True),
        ((False,), False),
        ((None,), None),
        ((D(123),), None),
        ((True, False, True), False),
        ((True, True, True), True),
        ((True, None, True), None),
        ((True, D(123), True), None),
        ((), None),
    ],
)
def test_all(args, expected):
    assert call("all", *args) is expected
    assert call("and", *args) is expected


def test_all_named():
    assert named("all", list=[True, False, True]) is False
    assert named("all", list=[True, True, True]) is True
    assert named("all", list=[True, None, True]) is None
    assert named("all", list=None) is None
    assert named("all", l=[True]) is None


# 0060-feel-any-function
@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (([True, False, True],), True),
        (([False, False, False],), False),
        (([D(123), False],), None),
        (([],), False),
        ((True,), True),
        ((False,), False),
        ((None,), None),
        ((D(123),), None),
        ((True, False, True), True),
        ((False, False), False),
        ((None, False), None),
        ((), None),
    ],
)
def test_any(args, expected):
    assert call("any", *args) is expected
    assert call("or", *args) is expected


def test_any_named():
    assert named("any", list=[True, False, True]) is True
    assert named("any", list=[False, False]) is False
    assert named("any", list=[None, False]) is None
    assert named("any", list=None) is None
    assert named("any", l=[True]) is None


# 0061-feel-median-function
@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ((nums(8, 2, 5, 3, 4),), D(4)),
        ((nums(8, 2, 5, 7),), D(6)),
        ((), None),
        ((None,), None),
        (([D(1), D(2), "foo", D(4)],), None),
        ((nums(6, 1, 2, 3),), D("2.5")),
        (([],), None),
        ((D(4),), D(4)),
        (tuple(nums(8, 2, 5, 3, 4)), D(4)),
        (tuple(nums(8, 2, 5, 7)), D(6)),
    ],
)
def test_median(args, expected):
    assert call("median", *args) == expected


def test_median_named():
    assert named("median", list=nums(8, 2, 5, 7)) == D(6)
    assert named("median", list=None) is None
    assert named("median", l=nums(2, 4, 7, 5)) is None


# 0063-feel-stddev-function (the sample standard deviation)
def test_stddev():
    expected = D("2.0816659994661")
    assert call("stddev", nums(2, 4, 7, 5)).quantize(D("1e-13")) == expected
    assert call("stddev", *nums(2, 4, 7, 5)).quantize(D("1e-13")) == expected
    assert named("stddev", list=nums(2, 4, 7, 5)).quantize(D("1e-13")) == expected
    for args in [(), (None,), ([D(1), D(2), "foo", D(4)],), ([],), (D(47),), (nums(47),)]:
        assert call("stddev", *args) is None
    assert named("stddev", list=None) is None
    assert named("stddev", l=nums(2, 4, 7, 5)) is None


# 0094-feel-product-function
@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ((nums(6, 3, 9, 6, 6),), D(5832)),
        (([],), None),
        ((), None),
        ((None,), None),
        (([D(1), D(2), None, D(4)],), None),
        (([D(1), D(2), "foo", D(4)],), None),
        ((nums("2.5", 1, "2.5", 3),), D("18.75")),
        (tuple(nums(2, 3, 4)), D(24)),
        ((D(6),), D(6)),
        ((nums(6),), D(6)),
    ],
)
def test_product(args, expected):
    assert call("product", *args) == expected


def test_product_named():
    assert named("product", list=nums(6, 3, 9, 6, 6)) == D(5832)
    assert named("product", list=None) is None
    assert named("product", l=nums(2, 4, 7, 5)) is None


# DMN 1.5 spec examples (10.3.4.4 and 10.3.4.5)
@pytest.mark.parametrize(
    ("name", "args", "expected"),
    [
        ("list contains", (nums(1, 2, 3), D(2)), True),
        ("list contains", ([D(1), None], None), True),
        ("count", (nums(1, 2, 3),), D(3)),
        ("count", ([],), D(0)),
        ("count", ([D(1), [D(2), D(3)]],), D(2)),
        ("min", (nums(1, 2, 3),), D(1)),
        ("min", (D(1),), D(1)),
        ("min", ([D(1)],), D(1)),
        ("min", ([],), None),
        ("min", tuple(nums(3, 1, 2)), D(1)),
        ("max", (nums(1, 2, 3),), D(3)),
        ("max", tuple(nums(1, 2, 3)), D(3)),
        ("max", (["a", "c", "b"],), "c"),
        ("max", ([],), None),
        ("sum", (nums(1, 2, 3),), D(6)),
        ("sum", tuple(nums(1, 2, 3)), D(6)),
        ("sum", (D(1),), D(1)),
        ("sum", ([],), None),
        ("mean", (nums(1, 2, 3),), D(2)),
        ("mean", tuple(nums(1, 2, 3)), D(2)),
        ("mean", (D(1),), D(1)),
        ("mean", ([],), None),
        ("sublist", (nums(4, 5, 6), D(1), D(2)), nums(4, 5)),
        ("append", (nums(1), D(2), D(3)), nums(1, 2, 3)),
        ("concatenate", (nums(1, 2), nums(3)), nums(1, 2, 3)),
        ("insert before", (nums(1, 3), D(1), D(2)), nums(2, 1, 3)),
        ("remove", (nums(1, 2, 3), D(2)), nums(1, 3)),
        ("reverse", (nums(1, 2, 3),), nums(3, 2, 1)),
        ("index of", (nums(1, 2, 3, 2), D(2)), nums(2, 4)),
        ("union", (nums(1, 2), nums(2, 3)), nums(1, 2, 3)),
        ("distinct values", (nums(1, 2, 3, 2, 1),), nums(1, 2, 3)),
        ("flatten", ([[D(1), D(2)], [[D(3)]], D(4)],), nums(1, 2, 3, 4)),
        ("product", (nums(2, 3, 4),), D(24)),
        ("product", tuple(nums(2, 3, 4)), D(24)),
        ("median", (nums(8, 2, 5, 3, 4),), D(4)),
        ("median", (nums(6, 1, 2, 3),), D("2.5")),
        ("median", ([],), None),
        ("mode", (nums(6, 3, 9, 6, 6),), nums(6)),
        ("mode", (nums(6, 1, 9, 6, 1),), nums(1, 6)),
        ("mode", ([],), []),
        ("sort", (nums(3, 1, 4, 5, 2),), nums(1, 2, 3, 4, 5)),
    ],
)
def test_spec_examples(name, args, expected):
    assert call(name, *args) == expected


def test_distinct_values_uses_feel_equality():
    assert call("distinct values", [D("1.0"), D(1), "1"]) == [D(1), "1"]
    assert call("distinct values", [nums(1, 2), nums(1, 2), {"a": D(1)}, {"a": D(1)}]) == [
        nums(1, 2),
        {"a": D(1)},
    ]


def test_min_and_max_of_other_types():
    assert call("min", "b", "a") == "a"
    assert call("max", [D(1), "a"]) is None
    assert call("min", [D(1), None]) is None


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("sublist", (nums(1, 2, 3), D(4))),
        ("sublist", (nums(1, 2, 3), D(0))),
        ("sublist", (nums(1, 2, 3), D(2), D(5))),
        ("insert before", (nums(1, 2), D(0), D(3))),
        ("remove", (nums(1, 2), D(3))),
        ("remove", (None, D(1))),
        ("reverse", (None,)),
        ("append", (None, D(1))),
        ("concatenate", (nums(1), None)),
        ("sum", ([D(1), "a"],)),
        ("mean", (["a"],)),
    ],
)
def test_invalid_arguments_give_null(name, args):
    assert call(name, *args) is None


# 1155-list-replace-function
@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ((nums(1, 2, 3), D(2), D(4)), nums(1, 4, 3)),
        ((nums(1, 2, 3), D(-1), D(4)), nums(1, 2, 4)),
        ((nums(1, 2, 3), D(0), D(4)), None),
        ((nums(1, 2, 3), D(4), D(4)), None),
        ((nums(1, 2, 3), D(-4), D(4)), None),
        ((None, D(1), D(4)), None),
        ((nums(1, 2, 3), None, D(4)), None),
        ((nums(1, 2, 3), D(3), None), [D(1), D(2), None]),
        ((nums(1, 2, 3), "2", D(4)), None),
        ((nums(1, 2, 3), D("2.5"), D(4)), nums(1, 4, 3)),
        ((nums(1, 2, 3), D("-1.5"), D(4)), nums(1, 2, 4)),
        ((nums(1, 2, 3), "2", D(4), D(4)), None),
        ((nums(1, 2, 3), "2"), None),
        ((D(1), D(1), D(5)), nums(5)),
    ],
)
def test_list_replace(args, expected):
    assert call("list replace", *args) == expected


def test_list_replace_with_a_match_function():
    below = Lambda(("item", "newItem"), ops.lt)
    assert call("list replace", nums(2, 4, 7, 8), below, D(5)) == nums(5, 5, 7, 8)
    is_two = Lambda(("item", "newItem"), lambda item, new_item: ops.eq(item, D(2)))
    assert named("list replace", match=is_two, newItem=D(4), list=nums(1, 2, 3)) == nums(1, 4, 3)
    three_params = Lambda(("item", "newItem", "extraParam"), lambda item, new_item, extra=None: True)
    assert call("list replace", nums(2, 4), three_params, D(5)) is None
    one_param = Lambda(("item",), lambda item, new_item=None: True)
    assert call("list replace", nums(2, 4), one_param, D(5)) is None
    returns_item = Lambda(("item", "newItem"), lambda item, new_item: item)
    assert call("list replace", nums(2, 4), returns_item, D(5)) is None
    always = Lambda(("item", "newItem"), lambda item, new_item: True)
    assert call("list replace", nums(1, 2, 3, 4), always, D(5)) == nums(5, 5, 5, 5)


def test_list_replace_named():
    assert named("list replace", position=D(2), newItem=D(4), list=nums(1, 2, 3)) == nums(1, 4, 3)
    assert named("list replace", position=D(2), newItem=D(4), list=nums(1, 2, 3), foo=D(1)) is None
